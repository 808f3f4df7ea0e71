"""Colour a printer can trust: the sRGB profile every poster carries, and the conversion to a
print shop's CMYK.

Posters are drawn in sRGB. Every PNG and PDF says so with an embedded ICC profile (shipped in
profiles/, so nothing is read from the machine). When a campaign names the print
shop's CMYK profile, each print format also gets a CMYK PDF: converted with the relative
colorimetric intent and black point compensation (solid colours keep their hue, the paper
white stays white, shadows keep their detail), then every neutral pixel (the black text, the
QR code, grey) is rewritten as black ink alone, so text prints with one plate and stays sharp
when the plates are slightly out of register.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageChops, ImageCms, ImageMath

from generator.memo import stamp

PROFILES = Path(__file__).parent / "profiles"  # where they come from: profiles/README.md
# A CMYK profile shipped with the tool, for campaigns that name no print shop's own: built
# with ArgyllCMS from the FOGRA39L characterisation data of Debian's icc-profiles-free.
SHIPPED_PROFILES = {"fogra39": PROFILES / "FOGRA39L-argyll.icc"}
INTENT = ImageCms.Intent.RELATIVE_COLORIMETRIC


@cache
def srgb_profile() -> bytes:
    """The sRGB ICC profile embedded in every PNG and PDF: a file, not one made at run time,
    whose header would carry the time and make every build's bytes differ."""
    return (PROFILES / "sRGB.icc").read_bytes()


@dataclass(frozen=True)
class CmykResult:
    image: Image.Image
    max_ink: int  # the highest total ink (C+M+Y+K) of any pixel, in percent


@cache
def _transform(profile: Path, version: tuple[int, int]) -> ImageCms.ImageCmsTransform:
    """The conversion to ``profile`` as it is now (``version``: its time and size), so a
    print shop's profile replaced while ``campaign serve`` runs is read again."""
    srgb = ImageCms.getOpenProfile(str(PROFILES / "sRGB.icc"))
    return ImageCms.buildTransform(srgb, ImageCms.getOpenProfile(str(profile)), "RGB", "CMYK",
                                   renderingIntent=INTENT,
                                   flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


def profile_name(profile: Path) -> str:
    return ImageCms.getProfileDescription(ImageCms.getOpenProfile(str(profile))).strip()


def cmyk_bands(image: Image.Image, profile: Path, rows: int = 256) -> Iterator[CmykResult]:
    """``image`` converted band by band, top to bottom: an A0 at 300 dpi is 565 MB in CMYK,
    a band of it a few MB."""
    for top in range(0, image.height, rows):
        yield to_cmyk(image.crop((0, top, image.width, min(image.height, top + rows))), profile)


def to_cmyk(image: Image.Image, profile: Path) -> CmykResult:
    """``image`` (RGB) in the print shop's CMYK, neutrals in black ink only."""
    rgb = image.convert("RGB") if image.mode != "RGB" else image
    converted = ImageCms.applyTransform(rgb, _transform(profile, stamp(profile)))
    assert converted is not None
    red, green, blue = rgb.split()
    # Where red, green and blue are equal the pixel is grey: black ink alone, as much of it
    # as the grey is dark.
    coloured = ImageChops.lighter(ImageChops.difference(red, green),
                                  ImageChops.difference(green, blue))
    neutral = coloured.point(lambda v: 255 if v == 0 else 0)
    cyan, magenta, yellow, black = converted.split()
    blank = Image.new("L", rgb.size, 0)
    for channel in (cyan, magenta, yellow):
        channel.paste(blank, mask=neutral)
    black.paste(red.point(lambda v: 255 - v), mask=neutral)
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"],
                                  c=cyan, m=magenta, y=yellow, k=black)
    peak = total.getextrema()[1] if isinstance(total, Image.Image) else 0
    assert isinstance(peak, int | float)
    return CmykResult(Image.merge("CMYK", (cyan, magenta, yellow, black)),
                      round(float(peak) * 100 / 255))


# WCAG 2 AA for text: what a colour of a campaign's palette must reach on its background.
MIN_CONTRAST = 4.5


def _luminance(color: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
