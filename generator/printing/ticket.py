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


def ticket_html(info: TicketInfo, files: Sequence[tuple[PosterFile, str]]) -> str:
    e = html.escape
    rows = []
    for row, name in files:
        copies, material = info.orders.get(row.format, (None, None))
        colour = "CMYK" if row.colour == "CMYK" else "RGB (sRGB)"
        rows.append(
            f"<tr><td>{e(row.label)}</td><td>{row.trim_width_mm:g} × {row.trim_height_mm:g} mm"
            f"</td><td>{colour}</td><td>{copies or '—'}</td><td>{e(material or '—')}</td>"
            f"<td class='file'>{e(name)}</td></tr>")
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
td.file {{ font-size: 7.5pt; word-break: break-all; }}
.proof {{ border: 1.5pt solid #000; background: #FFD400; padding: 2mm; font-weight: bold; }}
</style></head><body>
<h1>PHIẾU IN</h1>
<p><b>Chiến dịch:</b> {e(info.title)}<br><b>Cơ quan:</b> {e(info.issuer)}</p>
{warning}
<p><b>Liên hệ khi cần hỏi:</b></p><ul>{contact}</ul>
<p><b>Cách in:</b> in đúng 100%, không co giãn; xén theo khung TrimBox của từng tệp PDF (đã có lề
xén 3 mm mỗi cạnh). Có tệp CMYK (tên kết thúc bằng -cmyk.pdf) thì in tệp đó. Số lượng là số bản
của mỗi tệp.</p>
<table><colgroup><col style="width: 21%"><col style="width: 15%"><col style="width: 10%">
<col style="width: 9%"><col style="width: 13%"><col style="width: 32%"></colgroup>
<tr><th>Khổ</th><th>Thành phẩm</th><th>Hệ màu</th><th>Số lượng</th><th>Chất liệu</th>
<th>Tệp trong gói</th></tr>
{''.join(rows)}
</table></body></html>"""
