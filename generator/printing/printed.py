"""The campaign's leaflet and handbook as print files in its poster folder, typeset again only
when the campaign, the site's address, the fonts or the generator changed.

Typesetting takes seconds a campaign (the handbook most of it), so a build hands it to the
poster workers for every campaign at once (:func:`typeset_later`) and collects the files when
it writes each campaign's pack.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from generator.campaign.model import Campaign
from generator.memo import Entry, file_digest, key
from generator.posters.batch import submit
from generator.posters.drawn import PosterFile
from generator.posters.fonts import typeface
from generator.posters.formats import (
    BLEED_MM,
    CROP_SLUG_MM,
    HANDBOOK,
    LEAFLET,
    PRINTED_FORMATS,
    PrintedFormat,
)
from generator.posters.plan import campaign_url, is_placeholder


@dataclass(frozen=True)
class Printed:
    """The leaflet and handbook's manifest rows, and what the build says of them (a worker's
    log does not reach the build's output)."""

    rows: tuple[PosterFile, ...] = ()
    notes: tuple[str, ...] = ()


def printed_name(campaign_id: str, fmt: PrintedFormat) -> str:
    """The file's name in the campaign's poster folder (and on the site)."""
    return f"{campaign_id}--{fmt.name}.pdf"


def typeset_later(campaign: Campaign, site_url: str | None, folder: Path) -> Future[Printed]:
    """The campaign's leaflet and handbook: on the poster workers when they must be typeset,
    at once when both are already in ``folder``."""
    made_from = _key(campaign, site_url)
    if all(_entry(folder, campaign, fmt, made_from).recall() for fmt in PRINTED_FORMATS.values()):
        done: Future[Printed] = Future()
        done.set_result(printed_files(campaign, site_url, folder))
        return done
    return submit(printed_files, campaign, site_url, folder)


def printed_files(campaign: Campaign, site_url: str | None, folder: Path) -> Printed:
    """The leaflet and handbook of ``campaign`` in ``folder``, made or reused; none when
    WeasyPrint cannot run here."""
    url = campaign_url(site_url, campaign.id) if site_url else None
    proof = is_placeholder(site_url)
    entry = _key(campaign, site_url)
    notes: list[str] = []

    def leaflet(module: ModuleType) -> bytes:
        from generator.printing.leaflet import leaflet_pdf, leaflet_texts

        return leaflet_pdf(module, leaflet_texts(campaign, url, proof), campaign.id, notes)

    def handbook(module: ModuleType) -> bytes:
        from generator.printing.handbook import handbook_html
        from generator.printing.typeset import typeset

        return typeset(module, handbook_html(campaign, url, proof))

    makers: tuple[tuple[PrintedFormat, Callable[[ModuleType], bytes]], ...] = (
        (LEAFLET, leaflet), (HANDBOOK, handbook))
    rows = []
    for fmt, make in makers:
        target = folder / printed_name(campaign.id, fmt)
        kept = _entry(folder, campaign, fmt, entry)
        if not kept.recall():
            # WeasyPrint takes a second to import: only when something is to be typeset.
            from generator.posters.pdf import finish_typeset
            from generator.posters.render import SRGB
            from generator.printing.typeset import MISSING, weasyprint

            module = weasyprint()
            if module is None:
                return Printed((), (MISSING,))
            folder.mkdir(parents=True, exist_ok=True)
            finish_typeset(make(module), target, fmt.label, SRGB)
            kept.keep(True, [target])
        rows.append(_row(target, folder, fmt, campaign.short_title, proof))
    return Printed(tuple(rows), tuple(notes))


def _key(campaign: Campaign, site_url: str | None) -> str:
    fonts = [file_digest(typeface(style)) for style in ("Regular", "Bold", "Italic",
                                                          "BoldItalic")]
    return key("printed", site_url, campaign.model_dump_json(), fonts)


def _entry(folder: Path, campaign: Campaign, fmt: PrintedFormat, made_from: str) -> Entry:
    """A typeset document's cache entry, beside it (its value: True, it was made)."""
    return Entry(folder / f"{printed_name(campaign.id, fmt)}.json", made_from)


def _row(path: Path, folder: Path, fmt: PrintedFormat, title: str, proof: bool) -> PosterFile:
    """The manifest's row of a typeset file: vector pages, so no pixels and no dpi."""
    from generator.posters.render import SRGB

    edge = 2 * (BLEED_MM + CROP_SLUG_MM)
    return PosterFile(path.relative_to(folder).as_posix(), "pdf", fmt.name, fmt.label, title,
                      0, 0, fmt.width_mm, fmt.height_mm, BLEED_MM, fmt.width_mm + edge,
                      fmt.height_mm + edge, None, "RGB", SRGB.condition, None, proof,
                      file_digest(path))
