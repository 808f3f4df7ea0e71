"""The print PDF of a poster: the drawn image with the boxes a prepress operator trims by, the
colour it was made for, and crop and grommet marks a print shop can rely on.

- Boxes: MediaBox = the image (trim + bleed), plus a 10 mm slug round it for the crop marks
  (on unless the campaign turns them off), BleedBox = trim + 3 mm, TrimBox = the format's
  size, all in the page's own units. A page longer than
  5.08 m (PDF's 14,400-unit limit) gets a ``/UserUnit`` and every box is scaled by it, so the
  trim of a 6 m banner reads 6000 × 800 mm in any tool that honours UserUnit.
- Colour: the RGB PDF tags its image with the sRGB profile and carries an sRGB output intent;
  the CMYK PDF (PDF/X-4) carries the print shop's profile as its output intent.
- Marks: crop marks and grommet marks are vector lines in black ink only (100% K), outside the
  bleed for crop marks; the image (the PNG, which has no slug) fills the BleedBox.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from generator.atomic import replacing
from generator.posters.formats import BLEED_MM, CROP_SLUG_MM, MM_PER_INCH, PosterFormat

MAX_PAGE_UNITS = 14400  # PDF's largest page side in user units
MARK_WIDTH_MM = 0.25
MARK_GAP_MM = 1.0  # crop marks stop this far short of the bleed


@dataclass(frozen=True)
class PdfColour:
    """What the PDF says of its colour: the image's space, and the output intent's profile."""

    space: str  # "RGB" or "CMYK"
    profile: bytes
    condition: str  # the output condition's name, e.g. "sRGB IEC61966-2.1" or "FOGRA39L"


@dataclass(frozen=True)
class Boxes:
    """The page's boxes in mm from its lower left corner, and the user unit."""

    media: tuple[float, float]
    bleed: tuple[float, float, float, float]
    trim: tuple[float, float, float, float]
    user_unit: int


def boxes(fmt: PosterFormat, crop_marks: bool) -> Boxes:
    width, height = fmt.canvas_mm(crop_marks)
    slug, bleed = fmt.slug_mm(crop_marks), fmt.bleed_mm()
    longest = max(width, height) / MM_PER_INCH * 72
    unit = max(1, math.ceil(longest / MAX_PAGE_UNITS))
    inner = slug + bleed
    return Boxes((width, height), (slug, slug, width - slug, height - slug),
                 (inner, inner, width - inner, height - inner), unit)


def write_print_pdf(image_pdf: bytes | None, target: Path, fmt: PosterFormat, crop_marks: bool,
                    colour: PdfColour, *, cmyk_image: tuple[bytes, int, int] | None = None,
                    grommets: Sequence[tuple[float, float]] = ()) -> None:
    """Write the poster's PDF. ``image_pdf`` is img2pdf's page of the PNG (its image is reused
    without recompression); ``cmyk_image`` (zlib-compressed CMYK bytes, width, height)
    replaces it for the CMYK PDF. ``grommets`` are grommet centres in mm from the trim's lower
    left corner."""
    box = boxes(fmt, crop_marks)
    scale = 72 / MM_PER_INCH / box.user_unit  # units per mm

    def units(values: tuple[float, ...]) -> list[float]:
        return [round(v * scale, 4) for v in values]

    pdf = pikepdf.open(io.BytesIO(image_pdf)) if image_pdf is not None else pikepdf.new()
    if image_pdf is None:
        pdf.add_blank_page()  # its boxes are set below
    page = pdf.pages[0]
    image: pikepdf.Object
    if cmyk_image is not None:
        data, width, height = cmyk_image
        image = pikepdf.Stream(pdf, data)
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height, image.BitsPerComponent = width, height, 8
        image.ColorSpace, image.Filter = pikepdf.Name.DeviceCMYK, pikepdf.Name.FlateDecode
    else:
        image = next(iter(page.Resources.XObject.values()))
        image.ColorSpace = pikepdf.Array([pikepdf.Name.ICCBased, _icc(pdf, colour.profile, 3)])
        _drop(image, "/SMask")
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    media = units(box.media)
    page.MediaBox = [0, 0, *media]
    page.CropBox = [0, 0, *media]
    page.BleedBox = units(box.bleed)
    page.TrimBox = units(box.trim)
    _drop(page.obj, "/ArtBox")
    _drop(page.obj, "/UserUnit")
    if box.user_unit > 1:
        page.UserUnit = box.user_unit
    x0, y0, x1, y1 = units(box.bleed)  # the image is the bleed: the slug round it is white
    content = [f"q {round(x1 - x0, 4)} 0 0 {round(y1 - y0, 4)} {x0} {y0} cm /Im0 Do Q".encode()]
    marks = _crop_marks(box) if crop_marks else []
    marks += _grommet_marks(box, grommets)
    if marks:
        content.append(f"q 0 0 0 1 K {MARK_WIDTH_MM * scale:.4f} w".encode())
        content += [_path(points, scale) for points in marks]
        content.append(b"Q")
    page.Contents = pdf.make_stream(b"\n".join(content))
    _output_intent(pdf, colour)
    pdf.docinfo.Title = fmt.label
    if colour.space == "CMYK":
        # PDF/X-4 says so twice: in the document information and in its XMP metadata.
        pdf.docinfo.GTS_PDFXVersion = "PDF/X-4"
        pdf.docinfo.Trapped = pikepdf.Name.False_
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["pdfxid:GTS_PDFXVersion"] = "PDF/X-4"
            meta["dc:title"] = fmt.label
            meta["pdf:Trapped"] = "False"
    _drop(pdf.trailer, "/ID")  # img2pdf's is random: the same poster gives the same bytes
    with replacing(target) as partial:
        pdf.save(partial, min_version="1.6", deterministic_id=True)


def finish_typeset(typeset: bytes, target: Path, title: str, colour: PdfColour) -> None:
    """Make a PDF that WeasyPrint typeset with ``@page { bleed: 3mm }`` (its TrimBox the page,
    from the origin; its MediaBox the bleed round it) print-ready like the posters: a slug
    with crop marks round every page, the BleedBox, the output intent, no links (paper has
    none), the same bytes for the same input."""
    pdf = pikepdf.open(io.BytesIO(typeset))
    scale = 72 / MM_PER_INCH
    for page in pdf.pages:
        left, bottom, right, top = (float(v) / scale for v in page.TrimBox)
        width, height = right - left, top - bottom
        inner = CROP_SLUG_MM + BLEED_MM
        box = Boxes((width + 2 * inner, height + 2 * inner),
                    (CROP_SLUG_MM, CROP_SLUG_MM, width + inner + BLEED_MM,
                     height + inner + BLEED_MM),
                    (inner, inner, width + inner, height + inner), 1)

        def units(values: tuple[float, ...], shift: float) -> list[float]:
            return [round((v - shift) * scale, 4) for v in values]

        page.MediaBox = units((0.0, 0.0, *box.media), inner)
        page.CropBox = page.MediaBox
        page.BleedBox = units(box.bleed, inner)
        page.TrimBox = units(box.trim, inner)
        for key in ("/ArtBox", "/Annots"):
            _drop(page.obj, key)
        # The marks are drawn from the slug's corner, which lies below and left of the trim.
        marks = [f"q 1 0 0 1 {-inner * scale:.4f} {-inner * scale:.4f} cm 0 0 0 1 K "
                 f"{MARK_WIDTH_MM * scale:.4f} w".encode()]
        marks += [_path(points, scale) for points in _crop_marks(box)]
        page.contents_add(pdf.make_stream(b"\n".join([*marks, b"Q"])))
    _output_intent(pdf, colour)
    pdf.docinfo.Title = title
    for key in ("/CreationDate", "/ModDate"):
        _drop(pdf.docinfo, key)
    _drop(pdf.trailer, "/ID")
    with replacing(target) as partial:
        pdf.save(partial, min_version="1.6", deterministic_id=True)


def _output_intent(pdf: pikepdf.Pdf, colour: PdfColour) -> None:
    pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=colour.condition, Info=colour.condition,
        RegistryName="http://www.color.org",
        DestOutputProfile=_icc(pdf, colour.profile, 3 if colour.space == "RGB" else 4))])


def _drop(dictionary: pikepdf.Object, key: str) -> None:
    if key in dictionary:
        del dictionary[key]


def _icc(pdf: pikepdf.Pdf, profile: bytes, components: int) -> pikepdf.Stream:
    stream = pikepdf.Stream(pdf, profile)
    stream.N = components
    return stream


def _crop_marks(box: Boxes) -> list[list[tuple[float, float]]]:
    """Lines in line with the trim edges, in the slug, stopping short of the bleed."""
    width, height = box.media
    left, bottom, right, top = box.trim
    bleed_left, bleed_bottom, bleed_right, bleed_top = box.bleed
    gap = MARK_GAP_MM
    lines = []
    for x in (left, right):
        lines.append([(x, 0.0), (x, bleed_bottom - gap)])
        lines.append([(x, bleed_top + gap), (x, height)])
    for y in (bottom, top):
        lines.append([(0.0, y), (bleed_left - gap, y)])
        lines.append([(bleed_right + gap, y), (width, y)])
    return lines


def _grommet_marks(box: Boxes, centres: Sequence[tuple[float, float]]
                   ) -> list[list[tuple[float, float]]]:
    """A small cross at each grommet's centre, for the finisher's punch."""
    left, bottom = box.trim[0], box.trim[1]
    arm = 3.0
    marks = []
    for x, y in centres:
        cx, cy = left + x, bottom + y
        marks.append([(cx - arm, cy), (cx + arm, cy)])
        marks.append([(cx, cy - arm), (cx, cy + arm)])
    return marks


def _path(points: list[tuple[float, float]], scale: float) -> bytes:
    (x0, y0), *rest = points
    parts = [f"{x0 * scale:.4f} {y0 * scale:.4f} m"]
    parts += [f"{x * scale:.4f} {y * scale:.4f} l" for x, y in rest]
    return (" ".join(parts) + " S").encode()
