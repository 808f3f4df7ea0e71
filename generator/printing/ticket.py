"""The job ticket (phiếu in): one A4 page that tells the print shop what to print, on what, how
many, and whom to ask, so that nobody has to phone.

Typeset with WeasyPrint (the ``print`` extra; it needs Debian's Pango). Without it the pack
goes out without a ticket and the build says so in one line.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.campaign.model import Campaign, Unit
from generator.posters.drawn import PosterFile
from generator.printing.typeset import family, font_faces
from generator.vi import amount, number


@dataclass(frozen=True)
class TicketInfo:
    """What the ticket says besides the files: the campaign and who to ask."""

    title: str
    issuer: str
    contact: tuple[str, ...] = ()
    # format name -> (copies of each slogan, material)
    orders: dict[str, tuple[int, str | None]] = field(default_factory=dict)


def ticket_info(campaign: Campaign, unit: Unit | None = None) -> TicketInfo:
    """What the job ticket says of the campaign (or of one unit's pack): its name, who
    ordered it and who to ask, and the print orders."""
    orders = {o.format: (o.quantity, o.material) for o in campaign.posters.print}
    if unit is not None:
        lines = tuple(line for line in (
            unit.contact, f"Điện thoại: {unit.hotline}" if unit.hotline else None,
            unit.address) if line)
        return TicketInfo(campaign.title, unit.name, lines, orders)
    contact = campaign.contact
    lines = tuple(line for line in (
        contact.unit if contact else None,
        f"Điện thoại: {contact.hotline}" if contact and contact.hotline else None,
        f"Thư điện tử: {contact.email}" if contact and contact.email else None,
        contact.address if contact else None) if line)
    return TicketInfo(campaign.title, campaign.issuer_name(), lines, orders)


def job_ticket(info: TicketInfo, files: Sequence[tuple[PosterFile, str]]) -> bytes | None:
    """The ticket as PDF bytes for the pack's print files (row, name in the pack), or None
    when WeasyPrint cannot run here."""
    from generator.printing.typeset import typeset, weasyprint  # loads WeasyPrint: when asked

    module = weasyprint()
    return typeset(module, ticket_html(info, files)) if module is not None else None


# What the shop writes in by hand where the campaign ordered no quantity of a format.
BLANK = "…………"


def ticket_html(info: TicketInfo, files: Sequence[tuple[PosterFile, str]]) -> str:
    e = html.escape
    # A poster with a CMYK file is printed from that one: its RGB twin is listed, not ordered.
    cmyk = {(row.format, row.slogan) for row, _ in files if row.kind == "pdf-cmyk"}
    groups: dict[str, list[str]] = {}
    copies_in_all, blanks = 0, 0
    for row, name in files:
        copies, material = info.orders.get(row.format, (None, None))
        if row.kind == "pdf" and (row.format, row.slogan) in cmyk:
            quantity = "không in (in tệp CMYK)"
        elif copies is None:
            quantity, blanks = f"{BLANK} bản", blanks + 1
        else:
            quantity, copies_in_all = f"{amount(copies)} bản", copies_in_all + copies
        groups.setdefault(row.slogan, []).append(
            f"<tr><td class='file'>{e(name)}</td><td>{e(row.label)}</td>"
            f"<td class='size'>{number(row.trim_width_mm or 0)} × "
            f"{number(row.trim_height_mm or 0)} mm</td>"
            f"<td>{'CMYK' if row.kind == 'pdf-cmyk' else 'RGB'}</td>"
            f"<td class='copies'>{quantity}</td><td>{e(material or '')}</td></tr>")
    # Each slogan (or the leaflet and handbook's title) once, over the files that print it.
    rows = "".join(f"<tbody><tr class='text'><th colspan='6'>{e(text)}</th></tr>"
                   f"{''.join(lines)}</tbody>" for text, lines in groups.items())
    if blanks:
        total = (f"<p><b>Số lượng:</b> dòng ghi {BLANK} là khổ chiến dịch chưa đặt số lượng "
                 "(khóa posters.print): nhà in điền số bản đã thống nhất với người liên hệ "
                 "ở trên.</p>")
    else:
        total = f"<p><b>Tổng số bản:</b> {amount(copies_in_all)}.</p>"
    proof = any(row.proof for row, _ in files)
    warning = ("<p class='proof'>BẢN THỬ: trang web chưa có địa chỉ thật, mã QR chưa dùng được. "
               "Không in để treo.</p>") if proof else ""
    contact = "".join(f"<li>{e(line)}</li>" for line in info.contact) or \
        "<li>Chiến dịch chưa ghi người liên hệ (khóa contact).</li>"
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>
{font_faces()}
@page {{ size: A4; margin: 15mm; }}
body {{ font-family: '{family()}'; font-size: 9.5pt; }}
h1 {{ font-size: 16pt; margin: 0 0 4mm; }}
/* Fixed columns: an automatic layout measures every file name letter by letter (a second). */
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
th, td {{ border: 0.5pt solid #000; padding: 1.5pt 3pt; text-align: left; vertical-align: top; }}
tbody {{ break-inside: avoid; }}
tr.text th {{ background: #EEE; }}
td.file {{ font-size: 7pt; word-break: break-all; }}
td.size, td.copies {{ white-space: nowrap; }}
.proof {{ border: 1.5pt solid #000; background: #FFD400; padding: 2mm; font-weight: bold; }}
</style></head><body>
<h1>PHIẾU IN</h1>
<p><b>Chiến dịch:</b> {e(info.title)}<br><b>Cơ quan:</b> {e(info.issuer)}</p>
{warning}
<p><b>Liên hệ khi cần hỏi:</b></p><ul>{contact}</ul>
<p><b>Cách in:</b> in đúng 100%, không co giãn; xén theo khung TrimBox của từng tệp PDF (đã có lề
xén 3 mm mỗi cạnh). Có tệp CMYK (tên kết thúc bằng -cmyk.pdf) thì in tệp đó. Số lượng là số bản
của mỗi tệp.</p>
<table><colgroup><col style="width: 28%"><col style="width: 20%"><col style="width: 16%">
<col style="width: 9%"><col style="width: 13%"><col style="width: 14%"></colgroup>
<thead><tr><th>Tệp trong gói</th><th>Khổ</th><th>Thành phẩm</th><th>Hệ màu</th>
<th>Số lượng</th><th>Chất liệu</th></tr></thead>
{rows}
</table>{total}</body></html>"""
