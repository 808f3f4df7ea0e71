"""Drawing the share cards: one poster job per page, in the social-media format."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from generator.campaign.model import Palette
from generator.posters.batch import build_posters
from generator.posters.fonts import default_headline_font, default_text_font
from generator.posters.formats import catalogue
from generator.posters.layout import Fonts, PosterTexts
from generator.posters.plan import PosterJob

_MAX_TITLE = 120


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
        jobs.append(PosterJob("cards", card_stem(src_uri), headline, fmt, texts, fonts,
                              (palette.headline, palette.text), palette.background, None, None,
                              False, thumbnail=False))
    return jobs


def draw_cards(titles: Mapping[str, str], sections: Mapping[str, str], site_name: str,
               site_url: str | None, cache: Path) -> dict[str, str]:
    """Draw the cards not in ``cache`` yet; returns each page's card file in the cache."""
    build_posters(card_jobs(titles, sections, site_name, site_url), cache, progress=False)
    return {src: f"{card_stem(src)}.png" for src in titles}


def card_stem(src_uri: str) -> str:
    """A flat file name for a page path: the cache folder has no sub-folders."""
    return src_uri.removesuffix(".md").replace("/", "__")
