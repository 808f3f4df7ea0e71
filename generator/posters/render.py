"""Drawing a laid-out poster with Pillow and writing its PNG, thumbnail and PDF."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import img2pdf
import segno
from PIL import Image, ImageColor, ImageDraw, _imaging

from generator.atomic import replacing
from generator.posters.color import cmyk_bands, profile_name, srgb_profile
from generator.posters.fonts import load
from generator.posters.formats import THUMBNAIL_WIDTH, PosterFormat
from generator.posters.layout import QR_QUIET_MODULES, Layout
from generator.posters.pdf import PdfColour, write_print_pdf
from generator.posters.png import write_rgb_png

# zlib level 1 with the run-length strategy: level 1's speed with files a sixth smaller; levels
# 6 and 9 take 1.4x and 3x as long for files a fifth smaller (bench/results.md), and
# optimize=True takes minutes on an A0. Print shops care about the time, not 100 KB.
PNG_COMPRESS_LEVEL = 1
PNG_COMPRESS_TYPE = 3  # zlib Z_RLE
_QR_DARK = "#000000"
_QR_LIGHT = "#FFFFFF"
_FIXED_ENTRIES = 3  # palette of a screen poster: background, QR white, QR black, then text
# Pillow returns an image's 16 MB memory blocks to the system when it is freed, and the next
# poster faults fresh pages in again: keeping up to 8 blocks (128 MB) for reuse draws an A4
# a tenth faster (bench/README.md). Set where posters are drawn: this module loads only there.
_imaging.set_blocks_max(8)


@dataclass(frozen=True)
class Artwork:
    """Everything the renderer draws besides the layout's own boxes."""

    background: str
    qr_url: str | None
    logo: Path | None
    proof_font: Path | None = None  # set when the poster is a proof: the band's font


@lru_cache(maxsize=64)
def qr_symbol(url: str) -> segno.QRCode:
    """Medium error correction: survives wear and a logo-free print, stays small. Made once
    per address: a campaign's posters all carry the same one."""
    return segno.make(url, error="m", micro=False)


@lru_cache(maxsize=64)
def _dark_modules(url: str) -> Image.Image:
    """The symbol's dark modules as a mask of one pixel a module."""
    matrix = qr_symbol(url).matrix
    mask = Image.new("L", (len(matrix[0]), len(matrix)), 0)
    mask.putdata([255 if dark else 0 for bits in matrix for dark in bits])
    return mask


def draw_poster(fmt: PosterFormat, layout: Layout, art: Artwork) -> Image.Image:
    """The poster as one image: RGB for print (the only full-size buffer the render holds), a
    palette image for a screen format without a logo (see :func:`_draw_indexed`)."""
    if not fmt.is_print and art.logo is None:
        return _draw_indexed(layout, art)
    canvas = Image.new("RGB", layout.canvas, art.background)
    draw = ImageDraw.Draw(canvas)
    for block in layout.blocks:
        font = load(block.font, block.size)
        for origin, line in zip(block.origins, block.lines, strict=True):
            draw.text(origin, line, font=font, fill=block.color, anchor="ls")
    if layout.qr and art.qr_url:
        _draw_qr(draw, layout, art.qr_url)
    if layout.logo and art.logo:
        _paste_logo(canvas, layout.logo, art.logo)
    if art.proof_font:
        _proof_band(draw, layout, art.proof_font)
    return canvas


PROOF_TEXT = "BẢN THỬ – chưa có địa chỉ trang web thật"
_PROOF_INK, _PROOF_BAND = "#000000", "#FFD400"


def _proof_band(draw: ImageDraw.ImageDraw, layout: Layout, font_path: Path) -> None:
    """A yellow band along the top of the trim, in the margin the layout keeps clear, so no
    proof is printed for real by mistake."""
    left, top, right, _ = layout.trim
    height = layout.safe[1] - top
    draw.rectangle((left, top, right - 1, top + height - 1), fill=_PROOF_BAND)
    size = max(8, round(height * 0.6))
    font = load(font_path, size)
    while size > 8 and draw.textlength(PROOF_TEXT, font=font) > (right - left) * 0.9:
        size = round(size * 0.9)
        font = load(font_path, size)
    draw.text(((left + right) // 2, top + height // 2), PROOF_TEXT, font=font, fill=_PROOF_INK,
              anchor="mm")


def _draw_indexed(layout: Layout, art: Artwork) -> Image.Image:
    """A screen poster as a palette image, exactly: every pixel is the background, QR black or
    white, or one text colour at one of the antialiasing steps between it and the background.

    Pillow spends most of a screen poster's time choosing PNG row filters for its RGB pixels;
    a palette image encodes in a sixth of that time, into a file half the size.
    """
    inks = list(dict.fromkeys(block.color for block in layout.blocks))
    steps = (256 - _FIXED_ENTRIES) // max(1, len(inks))
    palette: list[tuple[int, ...]] = [ImageColor.getrgb(art.background),
                                      ImageColor.getrgb(_QR_LIGHT), ImageColor.getrgb(_QR_DARK)]
    index: Image.Image | None = None
    for ink in inks:
        coverage = Image.new("L", layout.canvas, 0)
        draw = ImageDraw.Draw(coverage)
        for block in layout.blocks:
            if block.color == ink:
                font = load(block.font, block.size)
                for origin, line in zip(block.origins, block.lines, strict=True):
                    draw.text(origin, line, font=font, fill=255, anchor="ls")
        ramp, level = _ink_steps(art.background, ink, steps, len(palette))
        palette += ramp
        if index is None:  # the first ink: where it has no coverage, its level is the background
            index = coverage.point(level)
        else:
            index.paste(coverage.point(level), mask=coverage.point(_COVERED))
    if index is None:
        index = Image.new("L", layout.canvas, 0)
    if layout.qr and art.qr_url:
        _draw_qr(ImageDraw.Draw(index), layout, art.qr_url, light_ink=1, dark_ink=2)
    index.putpalette([value for rgb in palette for value in rgb])
    return index


# A coverage mask of every pixel a line of text touches, however faintly.
_COVERED = [0] + [255] * 255


@lru_cache(maxsize=64)
def _ink_steps(background: str, ink: str, steps: int,
               first: int) -> tuple[list[tuple[int, ...]], list[int]]:
    """The palette's ramp from the background to ``ink`` in ``steps`` entries from index
    ``first``, and the map from a pixel's coverage (0..255) to its entry; coverage too faint
    for a step is the background. The same for every poster of a campaign: computed once."""
    back, colour = ImageColor.getrgb(background), ImageColor.getrgb(ink)
    ramp = [tuple(round(b + (c - b) * k / steps) for b, c in zip(back, colour, strict=True))
            for k in range(1, steps + 1)]
    level = [0] * 256
    for alpha in range(1, 256):
        step = round(alpha * steps / 255)
        level[alpha] = first + step - 1 if step else 0
    return ramp, level


def _inclusive(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    return box[0], box[1], box[2] - 1, box[3] - 1


def _draw_qr(draw: ImageDraw.ImageDraw, layout: Layout, url: str, *,
             light_ink: str | int = _QR_LIGHT, dark_ink: str | int = _QR_DARK) -> None:
    assert layout.qr is not None
    qr = layout.qr
    draw.rectangle(_inclusive(qr.box), fill=light_ink)
    origin_x = qr.x + QR_QUIET_MODULES * qr.module
    origin_y = qr.y + QR_QUIET_MODULES * qr.module
    # Every dark module at once: the mask scaled by whole modules is exactly the squares
    # drawing each module would fill.
    modules = _dark_modules(url)
    scaled = modules.resize((modules.width * qr.module, modules.height * qr.module),
                            Image.Resampling.NEAREST)
    draw.bitmap((origin_x, origin_y), scaled, fill=dark_ink)


def _paste_logo(canvas: Image.Image, box: tuple[int, int, int, int], path: Path) -> None:
    with Image.open(path) as source:
        logo = as_rgba(source)
    logo.thumbnail((box[2] - box[0], box[3] - box[1]), Image.Resampling.LANCZOS)
    x = box[0] + (box[2] - box[0] - logo.width) // 2
    y = box[1] + (box[3] - box[1] - logo.height) // 2
    canvas.paste(logo, (x, y), logo)


def as_rgba(image: Image.Image) -> Image.Image:
    """Any logo as 8-bit RGBA. Pillow clips 16- and 32-bit greyscale ("I;16", "I") to 255 when
    converting, which turns a 16-bit logo into a flat white square: scale it down first."""
    if image.mode.startswith("I"):
        image = image.convert("I")
        _, brightest = image.getextrema()
        if isinstance(brightest, int | float) and brightest > 255:
            image = image.point(lambda value: value / 257)
        image = image.convert("L")
    elif image.mode == "F":
        image = image.point(lambda value: value * 255).convert("L")
    return image.convert("RGBA")


def save_png(image: Image.Image, path: Path, dpi: int) -> None:
    """Write atomically (a killed render never leaves a truncated PNG under the real name),
    with the sRGB profile the poster was drawn in."""
    with replacing(path) as partial:
        if image.mode == "RGB":  # a print poster: see png.py
            with partial.open("wb") as out:
                write_rgb_png(image, out, dpi, srgb_profile())
            return
        image.save(partial, "PNG", dpi=(dpi, dpi), compress_level=PNG_COMPRESS_LEVEL,
                   compress_type=PNG_COMPRESS_TYPE, icc_profile=srgb_profile())


def save_thumbnail(image: Image.Image, path: Path) -> tuple[int, int]:
    """A small WebP for the gallery, made by integer reduction so no full-size copy is made;
    returns its size."""
    if image.mode != "RGB":  # Pillow resizes palette images without smoothing
        image = image.convert("RGB")
    factor = max(1, image.width // (THUMBNAIL_WIDTH * 2))
    small = image.reduce(factor) if factor > 1 else image.copy()
    small.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 4), Image.Resampling.LANCZOS)
    with replacing(path) as partial:
        small.save(partial, "WEBP", quality=80, method=4)
    return small.size


def save_pdf(png: Path, path: Path, fmt: PosterFormat, crop_marks: bool,
             grommets: Sequence[tuple[float, float]] = ()) -> None:
    """The PNG in a PDF without recompression, with its boxes, sRGB profile and marks."""
    # No rotation to read: asking img2pdf to look for EXIF makes Pillow decode the whole PNG,
    # a third of a cold build's time.
    page = img2pdf.convert(str(png), rotation=img2pdf.Rotation.none, nodate=True)
    write_print_pdf(page, path, fmt, crop_marks, SRGB, grommets=grommets)


def save_cmyk_pdf(image: Image.Image, path: Path, fmt: PosterFormat, crop_marks: bool,
                  profile: Path, grommets: Sequence[tuple[float, float]] = ()) -> int:
    """The poster converted to the print shop's CMYK, as a PDF/X-4 with that profile as its
    output intent; returns the highest total ink of any pixel, in percent. Converted and
    compressed a band at a time, so memory stays that of the RGB image."""
    compressor = zlib.compressobj(1)
    chunks, ink = [], 0
    for band in cmyk_bands(image, profile):
        chunks.append(compressor.compress(band.image.tobytes()))
        ink = max(ink, band.max_ink)
    chunks.append(compressor.flush())
    colour = PdfColour("CMYK", profile.read_bytes(), profile_name(profile))
    write_print_pdf(None, path, fmt, crop_marks, colour,
                    cmyk_image=(b"".join(chunks), image.width, image.height), grommets=grommets)
    return ink


SRGB = PdfColour("RGB", srgb_profile(), "sRGB IEC61966-2.1")
