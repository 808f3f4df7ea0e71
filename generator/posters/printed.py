"""The campaign's leaflet and handbook as print files in its poster folder, typeset again only
when the campaign, the site's address, the fonts or the generator changed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import write_if_changed
from generator.build.cache import file_digest, key
from generator.campaign.model import Campaign
from generator.posters.batch import PosterFile
from generator.posters.fonts import typeface
from generator.posters.formats import BLEED_MM, CROP_SLUG_MM
from generator.posters.plan import campaign_url, is_placeholder

log = logging.getLogger("mkdocs.plugins.campaign.posters")


@dataclass(frozen=True)
class PrintedFormat:
    name: str
    label: str
    width_mm: float
    height_mm: float


LEAFLET = PrintedFormat("to-roi-gap-ba", "Tờ rơi gấp ba (A4 ngang, 2 mặt)", 297.0, 210.0)
HANDBOOK = PrintedFormat("so-tay-a5", "Sổ tay A5", 148.0, 210.0)
PRINTED_FORMATS = {f.name: f for f in (LEAFLET, HANDBOOK)}


def printed_name(campaign_id: str, fmt: PrintedFormat) -> str:
    """The file's name in the campaign's poster folder (and on the site)."""
    return f"{campaign_id}--{fmt.name}.pdf"


def printed_files(campaign: Campaign, site_url: str | None, folder: Path) -> list[PosterFile]:
    """The leaflet and handbook of ``campaign`` in ``folder``, made or reused; none when
    WeasyPrint cannot run here (said once)."""
    from generator.posters.typeset import weasyprint

    module = weasyprint()
    if module is None:
        return []
    url = campaign_url(site_url, campaign.id) if site_url else None
    proof = is_placeholder(site_url)
    fonts = [file_digest(typeface(style)) for style in ("Regular", "Bold", "Italic",
                                                          "BoldItalic")]
    entry = key("printed", url, proof, campaign.model_dump_json(), fonts)

    def leaflet() -> bytes:
        from generator.posters.leaflet import leaflet_pdf, leaflet_texts

        return leaflet_pdf(module, leaflet_texts(campaign, url, proof), campaign.id)

    def handbook() -> bytes:
        from generator.posters.handbook import handbook_html
        from generator.posters.typeset import typeset

        return typeset(module, handbook_html(campaign, url, proof))

    makers: tuple[tuple[PrintedFormat, Callable[[], bytes]], ...] = (
        (LEAFLET, leaflet), (HANDBOOK, handbook))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for fmt, make in makers:
        target = folder / printed_name(campaign.id, fmt)
        stamp = target.with_suffix(".key")
        if not (target.is_file() and stamp.is_file()
                and stamp.read_text(encoding="utf-8") == entry):
            from generator.posters.pdf import finish_typeset
            from generator.posters.render import SRGB

            finish_typeset(make(), target, fmt.label, SRGB)
            write_if_changed(stamp, entry.encode())
        rows.append(_row(target, folder, fmt, campaign.short_title, proof))
    return rows


def _row(path: Path, folder: Path, fmt: PrintedFormat, title: str, proof: bool) -> PosterFile:
    """The manifest's row of a typeset file: vector pages, so no pixels and no dpi."""
    from generator.posters.render import SRGB

    edge = 2 * (BLEED_MM + CROP_SLUG_MM)
    return PosterFile(path.relative_to(folder).as_posix(), "pdf", fmt.name, fmt.label, title,
                      0, 0, fmt.width_mm, fmt.height_mm, BLEED_MM, fmt.width_mm + edge,
                      fmt.height_mm + edge, None, "RGB", SRGB.condition, None, proof,
                      file_digest(path))
