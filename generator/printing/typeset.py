"""HTML typeset into print PDFs by WeasyPrint (the ``print`` extra; it needs Debian's Pango),
in the typeface and with the proof band every printed piece of the campaign shares."""

from __future__ import annotations

import logging
from functools import cache
from types import ModuleType

from generator.posters.fonts import typeface
from generator.posters.render import PROOF_TEXT

log = logging.getLogger("mkdocs.plugins.campaign.posters")
MISSING = ("không có tờ rơi, sổ tay và phiếu in: cần WeasyPrint và thư viện Pango; hãy cài "
           ".venv/bin/pip install -e '.[print]' và gói Debian libpango-1.0-0")


def proof_css(top_mm: float, side_mm: float) -> str:
    """Where the proof band goes on a page with these margins: along the top of the trim, in
    black on signal yellow as on the posters."""
    return (f".proof-band {{ position: fixed; top: -{top_mm}mm; left: -{side_mm}mm; "
            f"right: -{side_mm}mm; height: 6mm; line-height: 6mm; background: #FFD400; "
            "color: #000; font-weight: bold; font-size: 8pt; text-align: center; }")


@cache
def weasyprint() -> ModuleType | None:
    """WeasyPrint, or None (said once) when it or Pango is missing here."""
    # Its steps, page by page (from its import on), are no news to a communicator.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    try:
        import weasyprint as module
    except (ImportError, OSError) as exc:
        log.info(f"{MISSING} ({exc})")
        return None
    loaded: ModuleType = module
    return loaded


def family() -> str:
    """The print typeface's name, as the print shop's preflight lists the embedded fonts."""
    return "Be Vietnam Pro" if "BeVietnamPro" in typeface("Regular").name else "DejaVu Sans"


def font_faces() -> str:
    """CSS that names the print typeface in its four styles, embedded from files."""
    faces = []
    for style, weight, slant in (("Regular", "normal", "normal"), ("Bold", "bold", "normal"),
                                 ("Italic", "normal", "italic"),
                                 ("BoldItalic", "bold", "italic")):
        faces.append(f"@font-face {{ font-family: '{family()}'; font-weight: {weight}; "
                     f"font-style: {slant}; src: url('{typeface(style).as_uri()}'); }}")
    return "\n".join(faces)


def proof_band(proof: bool) -> str:
    """The band every page of a proof carries, inside the trim, so nobody prints it to hang."""
    return f'<div class="proof-band">{PROOF_TEXT}</div>' if proof else ""


def typeset(module: ModuleType, html: str) -> bytes:
    """The PDF of ``html``; its fonts come from files, so nothing is fetched."""
    return bytes(module.HTML(string=html).write_pdf())


def on_white(colour: str) -> str:
    """``colour`` for headings on a white page, or near-black where it would not read there."""
    from generator.posters.color import MIN_CONTRAST, contrast_ratio

    return colour if contrast_ratio(colour, "#FFFFFF") >= MIN_CONTRAST else "#111111"


def qr_block(url: str, width_mm: float) -> str:
    """The QR code to ``url`` as vectors, and the address under it on one line of
    ``width_mm``."""
    from html import escape

    from generator.posters.render import qr_symbol

    svg = qr_symbol(url).svg_data_uri(scale=4, border=2, dark="#000", light="#fff")
    return (f"<img class='qr' src='{svg}' alt=''><p class='url' style='font-size: "
            f"{address_pt(url, width_mm):.2f}pt'>{escape(url)}</p>")


def address_pt(url: str, width_mm: float, largest_pt: float = 8.5) -> float:
    """The type size that prints ``url`` on one line of ``width_mm``: broken at its hyphens
    it would read as two addresses, or as one without them."""
    return min(largest_pt, width_mm * 72 / 25.4 / (0.6 * max(1, len(url))))
