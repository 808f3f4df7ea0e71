"""Open Graph share cards (1200 × 630) for every page, drawn by the poster renderer.

Material's social plugin fetches fonts from Google at build time and fails offline; these
cards use the same offline fonts, layout and cache as the posters.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Mapping
from pathlib import Path

from generator.cachefile import keep
from generator.fonts import default_headline_font, default_text_font
from generator.inputs import code_fingerprint, file_digest
from generator.navigation import page_title

CARDS_DIR = "assets/cards"
# In a card cache folder: which card file each page had in the last build, and for what.
_INDEX = "pages.json"


def card_title(markdown: str, fallback: str) -> str:
    """The headline of a page's card: its title as a reader sees it (front matter titles are
    stored HTML-escaped), or ``fallback`` for a page without one."""
    title = page_title(markdown)
    return html.unescape(title) if title else fallback


def card_path(src_uri: str) -> str:
    """Where the card of a page lives in the site: ``assets/cards/<page path>.png``."""
    return f"{CARDS_DIR}/{src_uri.removesuffix('.md')}.png"


def render_cards(titles: Mapping[str, str], sections: Mapping[str, str], site_name: str,
                 site_url: str | None, cache: Path) -> dict[str, Path]:
    """Render (or reuse) every page's card; returns site path → file in the cache.

    When no title, section, name, address, font or code changed since the last build, the
    cards are known from the cache's index without planning a poster job for each page."""
    fonts = [default_headline_font(), default_text_font()]
    key = hashlib.sha256(json.dumps(
        [code_fingerprint(), str(cache), sorted(titles.items()), sorted(sections.items()),
         site_name, site_url, [file_digest(font) for font in fonts]],
        ensure_ascii=False).encode()).hexdigest()
    files = _recall(cache, key)
    if files is None:
        from generator.posters.cards import draw_cards  # Pillow and the model: only to draw

        files = draw_cards(titles, sections, site_name, site_url, cache)
        keep(cache / _INDEX, json.dumps({"key": key, "files": files}, ensure_ascii=False))
    return {card_path(src): cache / name for src, name in files.items()}


def _recall(cache: Path, key: str) -> dict[str, str] | None:
    try:
        index = json.loads((cache / _INDEX).read_text(encoding="utf-8"))
        files = index["files"] if index["key"] == key else None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(files, dict) or not all((cache / str(f)).is_file()
                                              for f in files.values()):
        return None
    return {str(src): str(name) for src, name in files.items()}
