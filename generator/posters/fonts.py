"""Fonts that cover Vietnamese, from an installed package or a path the campaign names.

Pillow's built-in default font has no Vietnamese glyphs, so it is never used.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import struct
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from generator.atomic import write_bytes
from generator.memo import Stamp, stamp

# Pillow's font module takes 18 ms to import, which a rebuild from the cache does not need.
if TYPE_CHECKING:
    from PIL import ImageFont


# The largest CJK fonts are about 20 MB; anything bigger is not a font a poster needs.
MAX_FONT_BYTES = 64 * 1024 * 1024


class FontError(Exception):
    """A font file that cannot be used, with the reason in Vietnamese."""


def _matplotlib_fonts() -> Path:
    """DejaVu ships inside matplotlib; finding it does not import matplotlib itself."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FontError("không tìm thấy gói matplotlib chứa phông DejaVu; hãy cài lại dự án")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def default_headline_font() -> Path:
    return typeface("Bold")


def default_text_font() -> Path:
    return typeface("Regular")


def typeface(style: str) -> Path:
    """The typeface of posters, leaflets and handbooks in ``style`` (Regular, Bold, Italic,
    BoldItalic): Be Vietnam Pro, drawn for Vietnamese by Vietnamese designers (SIL Open Font
    License, the licence in the ``fontpkg-be-vietnam-pro`` package beside it), or DejaVu
    Sans (from matplotlib) where that package is not installed."""
    spec = importlib.util.find_spec("fontpkg_be_vietnam_pro")
    if spec is not None and spec.origin:
        path = Path(spec.origin).parent / "files" / f"BeVietnamPro-{style}.ttf"
        if path.is_file():
            return path
    return dejavu(style)


def dejavu(style: str) -> Path:
    """DejaVu Sans in ``style``, as matplotlib ships it: the fallback, and the former default."""
    names = {"Regular": "DejaVuSans", "Bold": "DejaVuSans-Bold",
             "Italic": "DejaVuSans-Oblique", "BoldItalic": "DejaVuSans-BoldOblique"}
    return _matplotlib_fonts() / f"{names[style]}.ttf"


def covered(path: Path) -> frozenset[int]:
    """Code points the font maps to a glyph."""
    try:
        version = stamp(path)
    except OSError as exc:
        raise FontError(f"không đọc được tệp phông {path.name}: {exc.strerror}") from None
    return _covered(path, version)


@lru_cache(maxsize=32)
def _covered(path: Path, version: Stamp) -> frozenset[int]:
    # fontTools takes 15 ms to import; a build whose campaigns are known valid never asks.
    from fontTools.ttLib import TTFont, TTLibError

    with path.open("rb") as stream:
        magic = stream.read(4)
    if magic in (b"wOFF", b"wOF2"):
        raise FontError(f"tệp phông {path.name} là phông nén cho web (WOFF/WOFF2); hãy dùng "
                        "tệp .ttf hoặc .otf của cùng phông chữ")
    if path.stat().st_size > MAX_FONT_BYTES:
        raise FontError(f"tệp phông {path.name} quá lớn (hơn {MAX_FONT_BYTES >> 20} MB); hãy "
                        "dùng tệp .ttf hoặc .otf của một phông chữ")
    try:
        with path.open("rb") as stream, TTFont(stream, lazy=True, fontNumber=0) as font:
            cmap = font.getBestCmap()
    except (OSError, TTLibError, AssertionError, ImportError, ValueError, KeyError,
            struct.error) as exc:
        raise FontError(f"không đọc được tệp phông {path.name}: {exc}") from None
    if not cmap:
        raise FontError(f"tệp phông {path.name} không có bảng ký tự Unicode")
    return frozenset(cmap)


def missing_characters(path: Path, text: str) -> list[str]:
    """Characters of ``text`` (other than spaces) that the font cannot draw, in order."""
    have = covered(path)
    return list(dict.fromkeys(ch for ch in text if not ch.isspace() and ord(ch) not in have))


def load(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """A loaded font at a size, cached: layout tries many sizes of the same few fonts."""
    return _load(path, stamp(path), size)


@lru_cache(maxsize=256)
def _load(path: Path, version: Stamp, size: int) -> ImageFont.FreeTypeFont:
    # From memory, not the path: FreeType maps a font file, and a file overwritten in place
    # (a communicator copying a new font over the old one) would crash the process with
    # SIGBUS. Every size shares the one bytes object (BytesIO.read does not copy it).
    from PIL import ImageFont

    return ImageFont.truetype(io.BytesIO(_font_bytes(path, version)), size,
                              layout_engine=ImageFont.Layout.RAQM if _has_raqm()
                              else ImageFont.Layout.BASIC)


@lru_cache(maxsize=8)
def _font_bytes(path: Path, version: Stamp) -> bytes:
    return _unhinted(path.read_bytes())


# Bumped when what _unhinted makes changes: its files are kept under this name.
_UNHINTED = "unhinted-1"


def _unhinted(data: bytes) -> bytes:
    """The font's outlines without its hinting program. At the sizes posters and cards are
    drawn, the program moves no stroke a reader sees, and FreeType running it for every glyph
    was half the time of drawing a line. Made once per font and kept beside the system's
    temporary files, so that each worker process reads it instead of making it again; a font
    fontTools cannot rewrite is drawn as it is (its checks say what is wrong with it)."""
    kept = Path(tempfile.gettempdir()) / "campaign-fonts" / \
        f"{hashlib.sha256(data).hexdigest()}-{_UNHINTED}.ttf"
    try:
        return kept.read_bytes()
    except OSError:
        pass
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(io.BytesIO(data))
        if "glyf" not in font:
            return data  # PostScript outlines: FreeType hints those with its own engine
        for tag in ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX"):
            if tag in font:
                del font[tag]
        glyphs = font["glyf"]
        for name in font.getGlyphOrder():
            glyphs[name].removeHinting()
        out = io.BytesIO()
        font.save(out)
    # A damaged or unusual font: whatever fontTools raises, the font is drawn as it is.
    except Exception:  # noqa: BLE001
        return data
    # A temporary folder that cannot be written: the font is made again next time.
    with contextlib.suppress(OSError):
        write_bytes(kept, out.getvalue())
    return out.getvalue()


@lru_cache(maxsize=1)
def _has_raqm() -> bool:
    from PIL import features

    return bool(features.check("raqm"))
