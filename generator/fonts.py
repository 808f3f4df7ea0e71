"""Fonts that cover Vietnamese, from an installed package or a path the campaign names.

Pillow's built-in default font has no Vietnamese glyphs, so it is never used.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError
from PIL import ImageFont


class FontError(Exception):
    """A font file that cannot be used, with the reason in Vietnamese."""


def _matplotlib_fonts() -> Path:
    """DejaVu ships inside matplotlib; finding it does not import matplotlib itself."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FontError("không tìm thấy gói matplotlib chứa phông DejaVu; hãy cài lại dự án")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def default_headline_font() -> Path:
    return _matplotlib_fonts() / "DejaVuSans-Bold.ttf"


def default_text_font() -> Path:
    return _matplotlib_fonts() / "DejaVuSans.ttf"


@lru_cache(maxsize=32)
def covered(path: Path) -> frozenset[int]:
    """Code points the font maps to a glyph."""
    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            cmap = font.getBestCmap()
    except (OSError, TTLibError, AssertionError) as exc:
        raise FontError(f"không đọc được tệp phông {path.name}: {exc}") from None
    if not cmap:
        raise FontError(f"tệp phông {path.name} không có bảng ký tự Unicode")
    return frozenset(cmap)


def missing_characters(path: Path, text: str) -> list[str]:
    """Characters of ``text`` (other than spaces) that the font cannot draw, in order."""
    have = covered(path)
    return list(dict.fromkeys(ch for ch in text if not ch.isspace() and ord(ch) not in have))


@lru_cache(maxsize=256)
def load(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """A loaded font at a size, cached: layout tries many sizes of the same few fonts."""
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM
                              if _has_raqm() else ImageFont.Layout.BASIC)


@lru_cache(maxsize=1)
def _has_raqm() -> bool:
    from PIL import features

    return bool(features.check("raqm"))
