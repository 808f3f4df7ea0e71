"""The preview beside the studio's reading of a campaign: its public overview page as HTML and
one small drawing of each slogan's first poster, both straight from the campaign data, so a
correction shows in a moment without building the site.

Posters are laid out and drawn as the build draws them (same fonts, colours, line breaks), at
a screen resolution; a drawing is remembered by its job's key, so after a correction only the
posters whose slogan or settings changed are drawn again.
"""

from __future__ import annotations

import dataclasses
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import markdown

from generator.campaign.model import Campaign
from generator.content.pages import campaign_pages
from generator.paths import CampaignPaths
from generator.posters.plan import PosterJob, plan_posters

# The extensions mkdocs.yml enables for the site's pages (the generated pages use no other).
EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc"]
PREVIEW_DPI = 30  # a print format drawn at a screen's resolution: same layout, few pixels
PREVIEW_WIDTH = 360
_KEEP = 200
_drawn: OrderedDict[str, bytes] = OrderedDict()
_lock = threading.Lock()


@dataclass(frozen=True)
class PosterPreview:
    key: str
    slogan: str
    format_label: str
    png: bytes


def page_html(campaign: Campaign) -> str:
    """The campaign's public overview page as the site would show its text."""
    return markdown_html(campaign_pages(campaign)[CampaignPaths(campaign.id).overview])


def markdown_html(page: str) -> str:
    """A generated page's text as HTML, its front matter left out."""
    if page.startswith("---\n"):
        page = page.split("\n---\n", 1)[1]
    return markdown.markdown(page, extensions=EXTENSIONS, output_format="html")


def poster_previews(campaign: Campaign, base_dir: Path, site_url: str | None
                    ) -> list[PosterPreview]:
    """Each slogan's first poster, drawn small."""
    firsts: dict[str, PosterJob] = {}
    for job in plan_posters(campaign, base_dir, site_url):
        firsts.setdefault(job.slogan, job)
    return [_preview(job) for job in firsts.values()]


def drawn(key: str) -> bytes | None:
    """A poster drawn for a preview shown lately, by its key."""
    with _lock:
        return _drawn.get(key)


def _preview(job: PosterJob) -> PosterPreview:
    fmt = job.fmt
    small = dataclasses.replace(job, fmt=dataclasses.replace(fmt, dpi=PREVIEW_DPI),
                                crop_marks=False, cmyk_profile=None) if fmt.is_print else job
    key = small.key()
    with _lock:
        png = _drawn.get(key)
        if png is not None:
            _drawn.move_to_end(key)
    if png is None:
        png = _draw(small)
        with _lock:
            _drawn[key] = png
            while len(_drawn) > _KEEP:
                _drawn.popitem(last=False)
    return PosterPreview(key, job.slogan, fmt.label, png)


def _draw(job: PosterJob) -> bytes:
    from PIL import Image

    from generator.posters.layout import layout_poster
    from generator.posters.render import Artwork, draw_poster, qr_symbol

    modules = len(qr_symbol(job.qr_url).matrix) if job.qr_url else None
    layout = layout_poster(job.fmt, job.texts, job.fonts, job.colors, qr_modules=modules,
                           logo=job.logo is not None)
    image = draw_poster(job.fmt, layout, Artwork(job.background, job.qr_url, job.logo,
                                                 job.fonts.text if job.proof else None))
    image = image.convert("RGB")
    if image.width > PREVIEW_WIDTH:
        image.thumbnail((PREVIEW_WIDTH, PREVIEW_WIDTH * 4), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()
