"""The catalogue of poster formats: physical size, resolution and bleed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MM_PER_INCH = 25.4
BLEED_MM = 3.0
CROP_SLUG_MM = 10.0
PRINT_DPI = 300
# A side this long or longer: a banner or panel, hemmed and hung by grommets (an A0 sheet,
# 1189 mm, is not).
LARGE_FORMAT_MM = 1200
LARGE_FORMAT_DPI = 100
# Twice the gallery's column width on phones; WebP is what Lighthouse asks of a gallery.
THUMBNAIL_WIDTH = 320

Kind = Literal["print", "screen"]


def thumbnail_size(canvas: tuple[int, int]) -> tuple[int, int]:
    """The gallery thumbnail's size for a canvas, known before anything is drawn."""
    width, height = canvas
    scale = min(1.0, THUMBNAIL_WIDTH / width, THUMBNAIL_WIDTH * 4 / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


@dataclass(frozen=True)
class PosterFormat:
    """One output format. Print sizes are the trimmed size in mm; screens are exact pixels."""

    name: str
    label: str
    kind: Kind
    width_mm: float = 0
    height_mm: float = 0
    dpi: int = PRINT_DPI
    width_px: int = 0
    height_px: int = 0
    qr: bool = True
    # Finishing of a banner or panel (see finishing.py): the hem folded back and sewn, which
    # text keeps clear of, and the grommets' spacing along the edges (0: none).
    hem_mm: float = 0.0
    grommet_spacing_mm: float = 0.0

    @property
    def is_print(self) -> bool:
        return self.kind == "print"

    @property
    def is_large(self) -> bool:
        """A banner or panel: hung by grommets, not framed like a sheet."""
        return self.is_print and max(self.width_mm, self.height_mm) >= LARGE_FORMAT_MM

    def bleed_mm(self) -> float:
        return BLEED_MM if self.is_print else 0.0

    def slug_mm(self, crop_marks: bool) -> float:
        """Margin outside the bleed where crop marks are drawn, when they are wanted."""
        return CROP_SLUG_MM if self.is_print and crop_marks else 0.0

    def canvas_mm(self, crop_marks: bool = False) -> tuple[float, float]:
        extra = 2 * (self.bleed_mm() + self.slug_mm(crop_marks))
        return self.width_mm + extra, self.height_mm + extra

    def pixels(self) -> tuple[int, int]:
        """Canvas size: round(mm / 25.4 × dpi) of the size with bleed, or the screen's size
        (the crop marks' slug is the PDF's, round the image)."""
        if not self.is_print:
            return self.width_px, self.height_px
        width, height = self.canvas_mm()
        return mm_to_px(width, self.dpi), mm_to_px(height, self.dpi)

    def px(self, mm: float) -> int:
        return mm_to_px(mm, self.dpi)


def mm_to_px(mm: float, dpi: int) -> int:
    return round(mm / MM_PER_INCH * dpi)


_ISO = {"a4": (210, 297), "a3": (297, 420), "a2": (420, 594), "a1": (594, 841),
        "a0": (841, 1189)}


def _iso_formats() -> list[PosterFormat]:
    formats = []
    for name, (short, long) in _ISO.items():
        size = name.upper()
        formats.append(PosterFormat(f"{name}-doc", f"{size} dọc", "print", short, long))
        formats.append(PosterFormat(f"{name}-ngang", f"{size} ngang", "print", long, short))
    return formats


def catalogue(large_format_dpi: int = LARGE_FORMAT_DPI) -> dict[str, PosterFormat]:
    """Every built-in format by name; banners and panels at the large-format resolution."""
    dpi = large_format_dpi
    formats = [
        *_iso_formats(),
        PosterFormat("bang-ron-0.8x6m", "Băng rôn 0,8 × 6 m", "print", 6000, 800, dpi),
        PosterFormat("bang-ron-0.8x4m", "Băng rôn 0,8 × 4 m", "print", 4000, 800, dpi),
        PosterFormat("pa-no-1.2x2.4m", "Pa-nô 1,2 × 2,4 m", "print", 1200, 2400, dpi),
        PosterFormat("pa-no-2.4x1.2m", "Pa-nô 2,4 × 1,2 m", "print", 2400, 1200, dpi),
        PosterFormat("led-ngang", "Màn hình LED ngang", "screen", width_px=1920,
                     height_px=1080),
        PosterFormat("led-doc", "Màn hình LED dọc", "screen", width_px=1080, height_px=1920),
        PosterFormat("mang-xa-hoi", "Ảnh mạng xã hội", "screen", width_px=1200,
                     height_px=630, qr=False),
    ]
    return {f.name: f for f in formats}


# The leaflet and the handbook: print documents of the campaign, folded or bound.
@dataclass(frozen=True)
class PrintedFormat:
    name: str
    label: str
    width_mm: float
    height_mm: float


LEAFLET = PrintedFormat("to-roi-gap-ba", "Tờ rơi gấp ba (A4 ngang, 2 mặt)", 297.0, 210.0)
HANDBOOK = PrintedFormat("so-tay-a5", "Sổ tay A5", 148.0, 210.0)
PRINTED_FORMATS = {f.name: f for f in (LEAFLET, HANDBOOK)}
