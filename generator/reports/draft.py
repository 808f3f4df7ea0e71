"""The draft summary report (.docx, python-docx) in the layout of Decree 30/2020/NĐ-CP,
the consolidated workbook (.xlsx) and the reminders, for one campaign and period.

Times New Roman 13–14 on A4 with the decree's margins (top and bottom 20 mm, left 30 mm,
right 15 mm); the issuer and number at the top left, the national motto at the top right,
place and date below it; the title, I. results with the figures, II. difficulties, III.
direction and proposals, recipients and signature; an appendix table by unit, landscape.
The number and the day are left blank: the office gives them when it signs.
"""

from __future__ import annotations

import datetime as dt
import io
from html import escape as html_escape
from typing import Any

from generator.campaign.model import Campaign
from generator.reports.progress import Progress, Status
from generator.reports.reporters import group_names
from generator.reports.summary import (
    document_name,
    reminders,
    result_sentences,
    said,
    standing,
)
from generator.vi import amount, in_vietnam

FONT = "Times New Roman"
# The appendix shows the common counted items; the consolidated workbook shows them all.
APPENDIX_INDICATORS = 10


def _font(run: Any, size: float, *, bold: bool = False, italic: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT)  # Word takes Vietnamese letters from this slot too


def _default_font(document: Any) -> None:
    """Times New Roman 14 for every paragraph that sets none (the appendix's cells)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _paragraph(where: Any, text: str, size: float = 14, *, bold: bool = False,
               italic: bool = False, center: bool = False, indent: bool = False,
               after: float = 6) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    paragraph = where.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.space_after = Pt(after)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.27)
    _font(paragraph.add_run(text), size, bold=bold, italic=italic)
    return paragraph


def _header(document: Any, campaign: Campaign, today: dt.date) -> None:
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    # The motto on one line, the issuer's name in a narrower column on the left.
    for column, cell, width in zip(table.columns, (left, right), (Mm(62), Mm(103)),
                                   strict=True):
        column.width = cell.width = width
    left.paragraphs[0].text = ""
    if campaign.parent:
        _font(left.paragraphs[0].add_run(campaign.parent.upper()), 13)
        left.paragraphs[0].alignment = 1
        _paragraph(left, campaign.issuer.upper(), 13, bold=True, center=True, after=0)
    else:
        _font(left.paragraphs[0].add_run(campaign.issuer.upper()), 13, bold=True)
        left.paragraphs[0].alignment = 1
    _paragraph(left, "Số:        /BC-…", 13, center=True, after=0)
    right.paragraphs[0].alignment = 1
    _font(right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12.5, bold=True)
    _paragraph(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True, center=True, after=6)
    _paragraph(right, f"{campaign.place}, ngày      tháng      năm {today.year}", 14,
               italic=True, center=True)


def _heading(document: Any, text: str) -> None:
    _paragraph(document, text, 14, bold=True, indent=True)


def _bullets(document: Any, lines: list[str], empty: str) -> None:
    for line in lines or [empty]:
        _paragraph(document, f"- {line}", indent=True)


def _appendix(document: Any, progress: Progress) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.section import WD_SECTION_START as START
    from docx.shared import Mm

    section = document.add_section(START.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    _paragraph(document, "PHỤ LỤC", 14, bold=True, center=True, after=0)
    _paragraph(document, f"Số liệu báo cáo của từng đơn vị, {progress.period.name}", 14,
               italic=True, center=True)
    shown = progress.indicators[:APPENDIX_INDICATORS]
    head = ["STT", "Đơn vị", "Tình trạng", *(f"{i.label} ({i.measure})" for i in shown)]
    table = document.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.paragraphs[0].text = ""
        _font(cell.paragraphs[0].add_run(text), 9, bold=True)
    lines = []
    for number, line in enumerate(progress.rows, start=1):
        figures = line.submission.figures if line.submission else {}
        lines.append([str(number), line.reporter.name, line.status.value,
                      *(amount(figures[i.id]) if i.id in figures else "" for i in shown)])
    lines.append(["", "Tổng cộng", f"{amount(progress.reported)} đơn vị đã báo cáo",
                  *(amount(progress.totals[i.id]) for i in shown)])
    # A country's units are thousands of rows: written as XML at once, not cell by cell
    # through python-docx (a minute for 3,321 rows).
    table._tbl.extend(_rows(lines))


def _rows(lines: list[list[str]]) -> list[Any]:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    size = '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'
    body = "".join(
        "<w:tr>" + "".join(f'<w:tc><w:p><w:r>{size}<w:t xml:space="preserve">'
                           f"{html_escape(text, quote=False)}</w:t></w:r></w:p></w:tc>"
                           for text in line) + "</w:tr>" for line in lines)
    return list(parse_xml(f"<w:tbl {nsdecls('w')}>{body}</w:tbl>"))


def report_docx(campaign: Campaign, progress: Progress, today: dt.date) -> bytes:
    from docx import Document
    from docx.shared import Mm

    document = Document()
    _default_font(document)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    period = progress.period
    _header(document, campaign, today)
    _paragraph(document, "BÁO CÁO", 14, bold=True, center=True, after=0)
    _paragraph(document, f"Kết quả thực hiện {document_name(campaign)}, {period.name}", 14,
               bold=True, center=True, after=0)
    _paragraph(document, "______", 14, center=True, after=12)
    _paragraph(document, f"Thực hiện {document_name(campaign)} về {campaign.short_title}, "
                         f"{campaign.issuer_name()} báo cáo kết quả thực hiện {period.name} "
                         "như sau:", indent=True)
    _heading(document, "I. KẾT QUẢ THỰC HIỆN")
    _paragraph(document, "1. Tình hình báo cáo của các đơn vị", bold=True, indent=True)
    _paragraph(document, standing(progress), indent=True)
    _paragraph(document, "2. Kết quả cụ thể", bold=True, indent=True)
    for sentence in result_sentences(progress):
        _paragraph(document, sentence, indent=True)
    groups = group_names(campaign)
    if groups and progress.by_group:
        _paragraph(document, "3. Kết quả theo nhóm đơn vị", bold=True, indent=True)
        for group_id, totals in progress.by_group.items():
            name = groups.get(group_id or "", "Các đơn vị khác")
            _paragraph(document, f"{name}: " + " ".join(result_sentences(progress, totals)),
                       indent=True)
    _heading(document, "II. HẠN CHẾ, KHÓ KHĂN")
    _bullets(document, said(progress, "difficulties"), "Các đơn vị không nêu khó khăn, hạn chế.")
    _heading(document, "III. PHƯƠNG HƯỚNG, KIẾN NGHỊ")
    _paragraph(document, "1. Phương hướng", bold=True, indent=True)
    direction = (f"Tiếp tục thực hiện các nội dung của {document_name(campaign)}; bám sát chủ "
                 "đề, khẩu hiệu tuyên truyền, đa dạng các hình thức tuyên truyền")
    missing = progress.count(Status.MISSING)
    if missing:
        direction += f"; đôn đốc {amount(missing)} đơn vị chưa gửi báo cáo"
    _paragraph(document, direction + ".", indent=True)
    _paragraph(document, "2. Kiến nghị, đề xuất", bold=True, indent=True)
    _bullets(document, said(progress, "proposals"), "Các đơn vị không có kiến nghị, đề xuất.")
    _paragraph(document, f"Trên đây là báo cáo kết quả thực hiện {document_name(campaign)}, "
                         f"{period.name}./.", indent=True)
    _signature(document, campaign)
    _appendix(document, progress)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _signature(document: Any, campaign: Campaign) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    _font(left.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for line in ("- Như trên;", "- Lưu: VT."):
        _paragraph(left, line, 11, after=0)
    authority = campaign.signatory.authority if campaign.signatory else []
    right.paragraphs[0].text = ""
    right.paragraphs[0].alignment = 1
    _font(right.paragraphs[0].add_run("\n".join(authority) or "THỦ TRƯỞNG CƠ QUAN"), 14,
          bold=True)
    _paragraph(right, "(Ký, ghi rõ họ tên)", 13, italic=True, center=True)


def consolidated_xlsx(campaign: Campaign, progress: Progress) -> bytes:
    """Every unit's figures and words in one sheet, the totals by group in another."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import Cell
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    book = Workbook(write_only=True)
    sheet = book.create_sheet("TongHop")

    def words(text: str) -> Cell:
        """A unit's text as a cell that a spreadsheet never reads as a formula."""
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"
        return cell

    head = ["STT", "Mã đơn vị", "Đơn vị", "Nhóm", "Tình trạng", "Ngày nhận",
            *(f"{i.label} ({i.measure})" for i in progress.indicators),
            "Khó khăn, hạn chế", "Kiến nghị, đề xuất"]
    for number, title in enumerate(head, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = \
            5 if number == 1 else 30 if title in head[-2:] or number == 3 else 14
    # Printed landscape, one page wide.
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.append(head)
    groups = group_names(campaign)
    for number, row in enumerate(progress.rows, start=1):
        sub = row.submission
        figures = sub.figures if sub else {}
        received = in_vietnam(sub.received_at).strftime("%d/%m/%Y %H:%M") \
            if sub else ""
        sheet.append([number, row.reporter.id, row.reporter.name,
                      groups.get(row.reporter.group or "", ""), row.status.value, received,
                      *(figures.get(i.id) for i in progress.indicators),
                      words(sub.difficulties if sub else ""),
                      words(sub.proposals if sub else "")])
    sheet.append(["", "", "Tổng cộng", "", f"{progress.reported} đơn vị đã báo cáo", "",
                  *(progress.totals[i.id] for i in progress.indicators)])
    by_group = book.create_sheet("TheoNhom")
    by_group.append(["Nhóm", *(f"{i.label} ({i.measure})" for i in progress.indicators)])
    for group_id, totals in progress.by_group.items():
        by_group.append([groups.get(group_id or "", "Các đơn vị khác"),
                         *(totals[i.id] for i in progress.indicators)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def reminder_text(campaign: Campaign, progress: Progress) -> str:
    messages = reminders(progress, campaign)
    if not messages:
        return (f"Không có đơn vị nào quá hạn chưa gửi báo cáo {progress.period.name} "
                f"({campaign.short_title}).\n")
    return "\n\n".join(f"[{unit}]\n{text}" for unit, text in messages) + "\n"
