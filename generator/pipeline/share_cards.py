"""Open Graph share cards (1200 × 630) for every page, drawn by the poster renderer.

Material's social plugin fetches fonts from Google at build time and fails offline; these
cards use the same offline fonts, layout and cache as the posters.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from generator.content.sharing import card_path
from generator.memo import file_digest, keep, key, read_json
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
    files = _recall(cache, entry)
    if files is None:
        from generator.posters.cards import draw_cards  # Pillow and the model: only to draw

        files = draw_cards(titles, sections, site_name, site_url, cache)
        keep(cache / _INDEX, json.dumps({"key": entry, "files": files}, ensure_ascii=False))
    return {card_path(src): cache / name for src, name in files.items()}


def _recall(cache: Path, entry: str) -> dict[str, str] | None:
    index = read_json(cache / _INDEX)
    try:
        files = index["files"] if index["key"] == entry else None
    except (KeyError, TypeError):
        return None
    if not isinstance(files, dict) or not all((cache / str(f)).is_file()
                                              for f in files.values()):
        return None
    return {str(src): str(name) for src, name in files.items()}
