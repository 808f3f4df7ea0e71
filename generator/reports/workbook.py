"""The workbook a unit fills in for one period (.xlsx, openpyxl).

One visible sheet, ``BaoCao``, laid out so that the same sheet saved as CSV still says whose
report it is: labels in column A, the report's key (campaign/period/unit) in C of the row
labelled ``KEY_LABEL``, one row per indicator with its id in B and its figure in E, free text
for difficulties and proposals. Everything but the cells to fill is protected, figures are
validated as whole numbers, and a hidden sheet repeats the key with the template's version.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass

from generator.campaign.model import Campaign
from generator.reports.indicators import TEMPLATE_VERSION, Indicator
from generator.reports.periods import Period
from generator.reports.reporters import Reporter
from generator.vi import short_date

SHEET = "BaoCao"
META_SHEET = "ThongTin"
KEY_LABEL = "Mã báo cáo (không sửa)"
HEADER = ("STT", "Mã", "Nội dung", "Đơn vị tính", "Số lượng", "Ghi chú")
ID_COLUMN, FIGURE_COLUMN, NOTE_COLUMN = 2, 5, 6
DIFFICULTIES = "Khó khăn, hạn chế"
PROPOSALS = "Kiến nghị, đề xuất"
FILLED_BY = "Người lập biểu"
PHONE = "Điện thoại"
TEXT_COLUMN = 3  # the free-text answers, merged from C to F
MAX_FIGURE = 1_000_000_000


# Stand-ins for the unit in a period's workbook, made once; ``stamped`` puts each unit's own
# name and id in their place (openpyxl takes 17 ms to make a workbook: minutes for a
# country's 3,321 units, against a millisecond to stamp one).
UNIT_ID, UNIT_NAME = "ma-don-vi-0000", "TEN-DON-VI-0000"
_STAMPED = ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "docProps/core.xml")
_WHEN = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def stamped(base: bytes, unit: Reporter) -> bytes:
    """The period's workbook with ``unit`` in place of the stand-ins."""
    names = {UNIT_ID.encode(): html.escape(unit.id).encode(),
             UNIT_NAME.encode(): html.escape(unit.name, quote=False).encode()}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename in _STAMPED:
                for old, new in names.items():
                    data = data.replace(old, new)
                # The same campaign gives the same bytes, wherever and whenever it is built.
                data = _WHEN.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            target.writestr(zipfile.ZipInfo(item.filename, _ZIP_TIME), data,
                            zipfile.ZIP_DEFLATED)
    return out.getvalue()


def report_key(campaign_id: str, period_id: str, unit_id: str) -> str:
    return f"{campaign_id}/{period_id}/{unit_id}"


def file_name(campaign_id: str, period_id: str, unit_id: str) -> str:
    return f"{campaign_id}-{period_id}-{unit_id}.xlsx"


@dataclass(frozen=True)
class Template:
    campaign: Campaign
    period: Period
    reporter: Reporter
    indicators: tuple[Indicator, ...]


def template_bytes(template: Template) -> bytes:
    """The workbook, as bytes (written by the caller, atomically)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.properties import PageSetupProperties

    campaign, period, unit = template.campaign, template.period, template.reporter
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    open_cell = Protection(locked=False)
    fill = PatternFill("solid", fgColor="FFF7D6")  # the cells to fill, in pale yellow
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for letter, width in zip("ABCDEF", (6, 16, 52, 12, 14, 30), strict=True):
        sheet.column_dimensions[letter].width = width

    sheet["A1"] = "BÁO CÁO KẾT QUẢ THỰC HIỆN"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells("A1:F1")
    sheet["A2"] = ("Điền số vào các ô màu vàng (số nguyên, không âm; không có thì ghi 0), "
                   "ghi khó khăn và kiến nghị, lưu tệp rồi gửi lại nguyên tệp này.")
    sheet["A2"].alignment = wrap
    sheet.merge_cells("A2:F2")
    sheet.row_dimensions[2].height = 30
    document = " ".join(x for x in (campaign.kind, f"số {campaign.number}" if campaign.number
                                     else None) if x)
    facts = (("Chiến dịch", campaign.short_title), ("Văn bản", f"{document} của "
             f"{campaign.issuer_name()}"), ("Đơn vị", unit.name),
             ("Kỳ báo cáo", f"{period.title}: {period.name}"),
             ("Hạn nộp", short_date(period.deadline)),
             (KEY_LABEL, report_key(campaign.id, period.id, unit.id)))
    row = 4
    for label, value in facts:
        sheet.cell(row, 1, label).font = bold
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        sheet.cell(row, 3, value).alignment = wrap
        sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=6)
        row += 1

    row += 1
    for column, title in enumerate(HEADER, start=1):
        head = sheet.cell(row, column, title)
        head.font, head.border = bold, box
    figures = DataValidation(
        type="whole", operator="between", formula1="0", formula2=str(MAX_FIGURE),
        allow_blank=True, showErrorMessage=True, errorTitle="Chỉ nhập số nguyên",
        error="Hãy nhập một số nguyên không âm, ví dụ 12 (không ghi chữ, không có phần lẻ).",
        promptTitle="Số lượng", prompt="Số nguyên, không âm", showInputMessage=True)
    sheet.add_data_validation(figures)
    first = row + 1
    for number, indicator in enumerate(template.indicators, start=1):
        row += 1
        line = (number, indicator.id, indicator.label, indicator.measure, None, None)
        for column, content in enumerate(line, start=1):
            given = sheet.cell(row, column, content)
            given.border, given.alignment = box, wrap
        for column in (FIGURE_COLUMN, NOTE_COLUMN):
            to_fill = sheet.cell(row, column)
            to_fill.protection, to_fill.fill = open_cell, fill
        sheet.cell(row, FIGURE_COLUMN).number_format = "0"
    figures.add(f"E{first}:E{row}")

    row += 1
    for label, height in ((DIFFICULTIES, 90), (PROPOSALS, 90), (FILLED_BY, 18), (PHONE, 18)):
        row += 1
        sheet.cell(row, 1, label).font = bold
        sheet.cell(row, 1).alignment = wrap
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        answer = sheet.cell(row, TEXT_COLUMN)
        answer.protection, answer.fill, answer.alignment = open_cell, fill, wrap
        answer.number_format = "@"
        sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=6)
        sheet.row_dimensions[row].height = height
    # Printed on one page wide, upright, as offices print forms.
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.protection.sheet = True  # the layout: no password, the office is never locked out
    sheet.protection.formatRows = False  # rows may grow for long text

    meta = book.create_sheet(META_SHEET)
    for meta_row, (label, value) in enumerate((
            ("campaign", campaign.id), ("period", period.id), ("unit", unit.id),
            ("template_version", str(TEMPLATE_VERSION)),
            ("indicators", " ".join(i.id for i in template.indicators))), start=1):
        meta.cell(meta_row, 1, label)
        meta.cell(meta_row, 2, value)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    book.properties.title = f"Báo cáo {period.name}: {unit.name}"
    book.properties.creator = "campaign-site-generator"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
