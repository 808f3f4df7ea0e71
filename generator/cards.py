"""Open Graph share cards (1200 × 630) for every page, drawn by the poster renderer.

Material's social plugin fetches fonts from Google at build time and fails offline; these
cards use the same offline fonts, layout and cache as the posters.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from generator.fonts import default_headline_font, default_text_font
from generator.model import Palette
from generator.navigation import page_title
from generator.posters.build import build_posters
from generator.posters.formats import catalogue
from generator.posters.layout import Fonts, PosterTexts
from generator.posters.plan import PosterJob

CARDS_DIR = "assets/cards"
_MAX_TITLE = 120


def card_title(markdown: str, fallback: str) -> str:
    """The headline of a page's card: its title as a reader sees it (front matter titles are
    stored HTML-escaped), or ``fallback`` for a page without one."""
    title = page_title(markdown)
    return html.unescape(title) if title else fallback


def card_path(src_uri: str) -> str:
    """Where the card of a page lives in the site: ``assets/cards/<page path>.png``."""
    return f"{CARDS_DIR}/{src_uri.removesuffix('.md')}.png"


def card_jobs(titles: Mapping[str, str], sections: Mapping[str, str], site_name: str,
              site_url: str | None) -> list[PosterJob]:
    """One card per page: the page title as headline; above it the site's name and the
    campaign the page belongs to (``sections`` maps a folder to its campaign's title)."""
    fmt = catalogue()["mang-xa-hoi"]
    palette = Palette()
    fonts = Fonts(default_headline_font(), default_text_font())
    host = urlsplit(site_url).netloc if site_url else ""
    jobs = []
    for src_uri, title in titles.items():
        headline = title if len(title) <= _MAX_TITLE else title[: _MAX_TITLE - 1] + "…"
        section = sections.get(src_uri.split("/", 1)[0], "") if "/" in src_uri else ""
        texts = PosterTexts(headline, section or site_name, site_name, host or site_name)
        jobs.append(PosterJob("cards", _stem(src_uri), headline, fmt, texts, fonts,
                              (palette.headline, palette.text), palette.background, None, None,
                              False, thumbnail=False))
    return jobs


def render_cards(titles: Mapping[str, str], sections: Mapping[str, str], site_name: str,
                 site_url: str | None, cache: Path) -> dict[str, Path]:
    """Render (or reuse) every page's card; returns site path → file in the cache."""
    jobs = card_jobs(titles, sections, site_name, site_url)
    built = build_posters(jobs, cache, progress=False)
    files = {row.file: cache / row.file for row in built.files}
    return {card_path(src): files[f"{_stem(src)}.png"] for src in titles}


def _stem(src_uri: str) -> str:
    """A flat file name for a page path: the cache folder has no sub-folders."""
    return src_uri.removesuffix(".md").replace("/", "__")
