"""The tri-fold leaflet (tờ rơi gấp ba): an A4 sheet, landscape, printed on both sides and
folded twice (a roll fold) into a 100 × 210 mm leaflet a citizen takes home.

Each of the six panels is typeset on its own, so one that holds too much is known: its text
is set a little smaller, then its list is cut from the end and the build says so. The panels
are then placed on the two sides of the sheet, the one that folds in 3 mm narrower so it
does not buckle at the fold:

    outside:  | folds in (97) | back (100)   | cover (100) |
    inside:   | left (100)    | middle (100) | right (97)  |
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from types import ModuleType

import pikepdf

from generator.campaign.model import Campaign, Point
from generator.content.writer import document_label, topic_title
from generator.posters.formats import BLEED_MM, MM_PER_INCH
from generator.printing.typeset import (
    family,
    font_faces,
    on_white,
    proof_band,
    proof_css,
    qr_block,
    typeset,
)
from generator.vi import clause_split, short_date
from generator.vi import number as decimal

SHEET_MM = (297.0, 210.0)
WIDE, NARROW = 100.0, 97.0
OUTSIDE = (NARROW, WIDE, WIDE)
INSIDE = (WIDE, WIDE, NARROW)
BODY_PT = 10.5
HEADLINE_PT = 2.6 * BODY_PT  # the cover's headline
# A point of at most this many words over sub-points labels them ('Mục đích', 'Yêu cầu').
_LABEL_WORDS = 4
# Text is set at these sizes in turn until a panel fits; then its list is shortened.
_SCALES = (1.0, 0.9, 0.8)


@dataclass(frozen=True)
class Panel:
    """One face of the folded leaflet: a heading, a lead paragraph and a list."""

    heading: str
    lead: str = ""
    items: tuple[str, ...] = ()
    kind: str = "text"  # "cover", "back" or "text"
    qr_url: str | None = None
    note: str = ""  # a closing line in small type


@dataclass(frozen=True)
class LeafletTexts:
    """What the leaflet says, panel by panel, and the cover's colours."""

    outside: tuple[Panel, Panel, Panel]
    inside: tuple[Panel, Panel, Panel]
    colours: tuple[str, str, str]  # background, headline, text of the cover
    proof: bool


def leaflet_texts(campaign: Campaign, url: str | None, proof: bool) -> LeafletTexts:
    """The leaflet's panels from the campaign: the theme on the cover, contact and QR code on
    the back, what it is about, its key messages and what citizens can do inside. Each panel
    says something no other does: the cover names the document once, and a campaign without
    slogans or figures fills those panels from its purposes, forms or phases."""
    c = campaign
    if c.theme:
        cover = Panel(c.theme.text, lead=f"Chủ đề công tác năm {c.theme.year}",
                      items=(c.short_title,), kind="cover",
                      note=f"{c.issuer_name()} · {c.place}, {c.year}")
    else:  # the document's name is the headline, its issuer above it
        cover = Panel(c.short_title, lead=c.issuer_name(), kind="cover",
                      note=f"{c.place}, {c.year}")
    back = Panel("Liên hệ", items=_contact(c), kind="back", qr_url=url,
                 lead=("Quét mã QR để đọc toàn văn, xem trách nhiệm của từng cơ quan và tải "
                       "áp phích:") if url else "",
                 note=_source(c))
    about = Panel("Tuyên truyền những gì?", lead=c.summary,
                  items=tuple(topic_title(t) for t in c.topics))
    messages = tuple(c.leaflet.messages or (s.text for s in c.slogans))
    parts = _parts(c)
    middle = Panel("Thông điệp chính", items=messages) if messages else next(
        (parts[key] for key in ("purposes", "forms", "audience", "phases") if key in parts),
        _on_the_site(c))
    if c.leaflet.actions:
        actions = Panel("Người dân có thể làm gì?", items=tuple(c.leaflet.actions))
    else:
        actions = _on_the_site(c)
    # The fold-in: what is left, the document's own title only where it says nothing else.
    flap = next((panel for panel in (*(parts[key] for key in (
        "indices", "phases", "basis", "purposes", "forms", "audience", "agencies")
        if key in parts), _on_the_site(c)) if panel not in (middle, actions)),
        Panel(c.kind, lead=c.title))
    palette = c.posters.palette
    return LeafletTexts((flap, back, cover), (about, middle, actions),
                        (palette.background, palette.headline, palette.text), proof)


def _contact(campaign: Campaign) -> tuple[str, ...]:
    contact = campaign.contact
    if contact is None:
        return (campaign.issuer_name(),)
    return tuple(line for line in (
        contact.unit,
        f"Đường dây nóng: {contact.hotline}" if contact.hotline else None,
        f"Thư điện tử: {contact.email}" if contact.email else None,
        f"Địa chỉ: {contact.address}" if contact.address else None) if line)


def _source(campaign: Campaign) -> str:
    """The document the leaflet comes from, as Decree 30 cites one."""
    c = campaign
    number = f" số {c.number}" if c.number else ""
    day = f" ngày {short_date(c.date)}" if c.date else ""
    return f"Theo {c.kind}{number}{day} của {c.issuer_name()}."


def _parts(campaign: Campaign) -> dict[str, Panel]:
    """The panels the document's own parts can fill, by part: the latest published figures,
    the phases, the documents it rests on, its purposes, forms and audience (each item its
    first clause, whole), and the agencies that carry it out."""
    c = campaign
    panels: dict[str, Panel] = {}
    figures = _figures(c)
    if figures:
        panels["indices"] = Panel(f"{c.place} qua các chỉ số", items=figures,
                                  note="Nguồn: các cơ quan công bố chỉ số; chi tiết trên "
                                       "trang web.")
    if c.phases:
        panels["phases"] = Panel("Các đợt", items=tuple(
            p.title + (f": {p.text}" if p.text and len(p.text) < 120 else "")
            for p in c.phases))
    if c.basis:
        panels["basis"] = Panel("Căn cứ", items=tuple(document_label(c.document(ref))
                                                      for ref in c.basis))
    forms = [f.title or f.text or (f.channels[0].text if f.channels else "") for f in c.forms]
    for key, heading, texts in (("purposes", "Mục đích", _said(c.purposes, first_label=True)),
                                ("forms", "Hình thức tuyên truyền", forms),
                                ("audience", "Đối tượng", _said(c.audience))):
        items = tuple(filter(None, (clause_split(text)[0].rstrip(";:,") for text in texts)))
        if items:
            panels[key] = Panel(heading, items=items)
    agencies = tuple(r.agency for r in c.responsibilities if r.agency)
    if agencies:
        panels["agencies"] = Panel("Các cơ quan thực hiện", items=agencies)
    return panels


def _said(points: Sequence[Point], *, first_label: bool = False) -> list[str]:
    """What a part says, point by point; where the document labels its points ('Tập thể',
    'Cá nhân' over the audience), the labelled items. With ``first_label``, those of the
    first label only: 'Mục đích' over the purposes, not 'Yêu cầu' over what the agencies
    must heed, since a citizen reads the purposes."""
    labels = [p for p in points if p.points and len(p.text.split()) <= _LABEL_WORDS]
    if not labels:
        return [p.text for p in points]
    if first_label:
        return list(labels[0].points)
    return [item for p in points for item in (p.points if p in labels else [p.text])]


def _figures(campaign: Campaign) -> tuple[str, ...]:
    """Each index's latest published score and rank."""
    items = []
    for index in campaign.indices:
        values = sorted(index.values, key=lambda v: v.year)
        if not values:
            continue
        last = values[-1]
        facts = []
        if last.score is not None:
            unit = index.unit if index.unit == "%" else f" {index.unit or 'điểm'}"
            facts.append(f"{decimal(last.score)}{unit}")
        if last.rank is not None:
            facts.append(f"xếp thứ {last.rank}" + (f"/{index.ranked_among}"
                                                    if index.ranked_among else ""))
        items.append(f"{index.code} {last.year}: {', '.join(facts)}")
    return tuple(items)


def _on_the_site(campaign: Campaign) -> Panel:
    """What the campaign's site holds, part by part, for a reader to look up by the QR code."""
    c = campaign
    agencies = sum(1 for r in c.responsibilities if r.agency)
    items = [f"Toàn văn {c.kind.lower()}" + (f" số {c.number}" if c.number else ""),
             *([f"{len(c.topics)} nhóm nội dung tuyên truyền"] if c.topics else []),
             *([f"Hình thức tuyên truyền ({len(c.forms)})"] if c.forms else []),
             *([f"Việc của từng cơ quan, đơn vị ({agencies})"] if agencies else []),
             *(["Lịch các đợt, thêm được vào điện thoại"] if c.phases else []),
             *(["Các chỉ số qua các năm"] if c.indices else []),
             *([f"Khẩu hiệu và áp phích ({len(c.slogans)})"] if c.slogans else []),
             "Các văn bản được dẫn"]
    return Panel("Tìm hiểu thêm", lead="Trên trang web của chiến dịch (mã QR ở mặt sau):",
                 items=tuple(items))


# -- typesetting ------------------------------------------------------------------------------


def leaflet_pdf(module: ModuleType, texts: LeafletTexts, name: str, notes: list[str]) -> bytes:
    """The leaflet as a two-page PDF, each page the sheet with its bleed (WeasyPrint's own
    convention, which :func:`generator.posters.pdf.finish_typeset` completes). A panel that had
    to be shortened is said in ``notes``."""
    sheet = pikepdf.new()
    # The panels stay open until the sheet is saved: their streams are copied only then.
    panels: list[pikepdf.Pdf] = []
    for side, widths in ((texts.outside, OUTSIDE), (texts.inside, INSIDE)):
        placed = [_fitted(module, panel, width, texts, name, notes) for panel, width in
                  zip(side, widths, strict=True)]
        _place(sheet, placed, widths)
        panels += placed
    out = io.BytesIO()
    sheet.save(out)
    return out.getvalue()


def _fitted(module: ModuleType, panel: Panel, width: float, texts: LeafletTexts, name: str,
            notes: list[str]) -> pikepdf.Pdf:
    """The panel typeset on one page: smaller, then (at the smallest size) shorter, until it
    fits."""
    tries = [(len(panel.items), scale) for scale in _SCALES]
    tries += [(count, _SCALES[-1]) for count in range(len(panel.items) - 1, -1, -1)]
    for count, scale in tries:
        shown = replace(panel, items=panel.items[:count])
        pdf = pikepdf.open(io.BytesIO(typeset(module, panel_html(shown, width, scale, texts))))
        if len(pdf.pages) == 1:
            if count < len(panel.items):
                notes.append(f"tờ rơi {name}: mặt '{panel.heading}' chỉ đủ chỗ cho {count}/"
                             f"{len(panel.items)} ý đầu; hãy viết ngắn lại (khóa leaflet)")
            return pdf
    notes.append(f"tờ rơi {name}: mặt '{panel.heading}' dài quá một mặt gấp, phần cuối không "
                 "in được; hãy viết ngắn lại")
    return pdf  # the lead alone is too long: its first page is printed


def _place(sheet: pikepdf.Pdf, panels: Sequence[pikepdf.Pdf], widths: Sequence[float]) -> None:
    """One side of the sheet: each panel where it folds, its background into the bleed only
    at the sheet's edges."""
    pt = 72 / MM_PER_INCH
    bleed = BLEED_MM * pt
    width, height = SHEET_MM[0] * pt, SHEET_MM[1] * pt
    page = sheet.add_blank_page(page_size=(width, height))
    page.MediaBox = [-bleed, -bleed, width + bleed, height + bleed]
    page.TrimBox = [0, 0, width, height]
    page.BleedBox = page.MediaBox
    content, x, forms = [], 0.0, pikepdf.Dictionary()
    for number, (panel, panel_width) in enumerate(zip(panels, widths, strict=True)):
        name = f"/P{number}"
        forms[name] = sheet.copy_foreign(pikepdf.Page(panel.pages[0]).as_form_xobject())
        w = panel_width * pt
        left = x - bleed if number == 0 else x
        right = x + w + bleed if number == len(panels) - 1 else x + w
        content.append(f"q {left:.4f} {-bleed:.4f} {right - left:.4f} {height + 2 * bleed:.4f} "
                       f"re W n 1 0 0 1 {x:.4f} 0 cm {name} Do Q")
        x += w
    page.Resources = pikepdf.Dictionary(XObject=forms)
    page.Contents = sheet.make_stream("\n".join(content).encode())


def panel_html(panel: Panel, width: float, scale: float, texts: LeafletTexts) -> str:
    e = html.escape
    background, headline, ink = texts.colours
    items = "".join(f"<li>{e(item)}</li>" for item in panel.items)
    listed = f"<ul class='plain'>{items}</ul>" if panel.kind == "back" else f"<ul>{items}</ul>"
    if panel.kind == "cover":
        body = (f"<div class='cover'><p class='over'>{e(panel.lead)}</p>"
                f"<h1>{e(panel.heading)}</h1>"
                + "".join(f"<p class='sub'>{e(i)}</p>" for i in panel.items)
                + f"<p class='note'>{e(panel.note)}</p></div>")
        page_background, colour = background, ink
    else:
        qr = ""
        if panel.qr_url:
            qr = f"<p class='lead'>{e(panel.lead)}</p>" + qr_block(panel.qr_url, width - 14)
        lead = "" if panel.kind == "back" or not panel.lead else \
            f"<p class='lead'>{e(panel.lead)}</p>"
        body = (f"<h2>{e(panel.heading)}</h2>{lead}"
                + (listed if items else "") + qr
                + (f"<p class='note'>{e(panel.note)}</p>" if panel.note else ""))
        page_background, colour = "#FFFFFF", "#111111"
    accent = on_white(background)  # the inside is white
    size = BODY_PT * scale
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>
{font_faces()}
{proof_css(12, 7)}
@page {{ size: {width}mm {SHEET_MM[1]}mm; bleed: {BLEED_MM}mm; margin: 12mm 7mm 9mm 7mm;
        background: {page_background}; }}
html {{ font-family: '{family()}'; font-size: {size:.2f}pt; line-height: 1.35; color: {colour}; }}
h1 {{ font-size: 2.6em; line-height: 1.12; color: {headline}; margin: 0 0 5mm; }}
h2 {{ font-size: 1.45em; color: {accent}; margin: 0 0 3mm;
     border-bottom: 0.6pt solid {accent}; padding-bottom: 1.5mm; }}
ul {{ margin: 0; padding-left: 4.5mm; }}
ul.plain {{ list-style: none; padding-left: 0; }}
li {{ margin-bottom: 2.2mm; }}
li::marker {{ color: {accent}; }}
.cover {{ margin-top: 35mm; }}
.over {{ font-size: 1.05em; text-transform: uppercase; letter-spacing: 0.03em; }}
.sub {{ font-size: 1.25em; font-weight: bold; }}
.note {{ font-size: 0.85em; margin-top: 6mm; }}
.lead {{ margin: 0 0 3mm; }}
.qr {{ display: block; width: 34mm; height: 34mm; margin: 2mm 0; }}
.url {{ white-space: nowrap; }}
</style></head><body>{proof_band(texts.proof)}{body}</body></html>"""
