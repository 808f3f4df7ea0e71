"""Open Graph share cards (1200 × 630) for every page, drawn by the poster renderer.

Material's social plugin fetches fonts from Google at build time and fails offline; these
cards use the same offline fonts, layout and cache as the posters.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from generator.content.sharing import card_path
from generator.memo import Entry, file_digest, key
from generator.posters.fonts import default_headline_font, default_text_font

# In a card cache folder: which card file each page had in the last build, and for what.
_INDEX = "pages.json"


def render_cards(titles: Mapping[str, str], sections: Mapping[str, str], site_name: str,
                 site_url: str | None, cache: Path) -> dict[str, Path]:
    """Render (or reuse) every page's card; returns site path → file in the cache.

    When no title, section, name, address, font or code changed since the last build, the
    cards are known from the cache's index without planning a poster job for each page."""
    fonts = [default_headline_font(), default_text_font()]
    entry = key("cards", str(cache), sorted(titles.items()), sorted(sections.items()),
                site_name, site_url, [file_digest(font) for font in fonts])
    kept = Entry(cache / _INDEX, entry)
    files = kept.recall()
    if not isinstance(files, dict):
        from generator.posters.cards import draw_cards  # Pillow and the model: only to draw

        files = draw_cards(titles, sections, site_name, site_url, cache)
        kept.keep(files, [cache / name for name in files.values()])
    return {card_path(str(src)): cache / str(name) for src, name in files.items()}
