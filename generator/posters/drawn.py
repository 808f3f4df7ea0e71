"""One poster job drawn into its files (PNG, thumbnail, PDF, CMYK PDF), and what a print shop
needs to know of each: the rows of the manifest. The local pool and the Dask cluster both call
:func:`render_job`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.memo import file_digest
from generator.paths import THUMBNAIL_SUFFIX
from generator.posters.layout import layout_poster
from generator.posters.plan import PosterJob


@dataclass(frozen=True)
class PosterFile:
    """One row of the manifest: a file and what a print shop needs to know about it. Sizes in
    mm: the trim (the format), the bleed round it, and the whole page or image (trim, bleed
    and the slug with the crop marks); none for screen images."""

    file: str
    kind: str  # png, pdf, pdf-cmyk, thumbnail
    format: str
    label: str
    slogan: str
    width_px: int
    height_px: int
    trim_width_mm: float | None
    trim_height_mm: float | None
    bleed_mm: float
    media_width_mm: float | None
    media_height_mm: float | None
    dpi: int | None
    colour: str  # "RGB" or "CMYK"
    icc_profile: str  # the profile embedded (RGB: sRGB) or given as output intent (CMYK)
    max_ink_percent: int | None  # the CMYK file's highest total ink of any pixel
    proof: bool  # marked "BẢN THỬ": the site's address is a placeholder
    sha256: str


def render_job(job: PosterJob, folder: Path) -> list[PosterFile]:
    """Draw one poster and write its PNG, thumbnail and (print formats) PDF into ``folder``."""
    # The drawing modules load img2pdf and segno (70 ms): only a build that draws needs them.
    from generator.posters.color import profile_name
    from generator.posters.finishing import grommets
    from generator.posters.render import (
        SRGB,
        Artwork,
        draw_poster,
        qr_symbol,
        save_cmyk_pdf,
        save_pdf,
        save_png,
        save_thumbnail,
    )

    fmt = job.fmt
    modules = len(qr_symbol(job.qr_url).matrix) if job.qr_url else None
    layout = layout_poster(fmt, job.texts, job.fonts, job.colors, qr_modules=modules,
                           logo=job.logo is not None)
    image = draw_poster(fmt, layout, Artwork(job.background, job.qr_url, job.logo,
                                             job.fonts.text if job.proof else None))
    png = folder / f"{job.stem}.png"
    png.parent.mkdir(parents=True, exist_ok=True)  # a unit's posters have a folder of their own
    save_png(image, png, fmt.dpi if fmt.is_print else 72)
    thumb = folder / "thumbs" / f"{job.stem}{THUMBNAIL_SUFFIX}"
    if job.thumbnail:
        thumb.parent.mkdir(parents=True, exist_ok=True)
        thumb_size = save_thumbnail(image, thumb)
    size = image.size
    trim: tuple[float | None, float | None] = \
        (fmt.width_mm, fmt.height_mm) if fmt.is_print else (None, None)
    dpi = fmt.dpi if fmt.is_print else None

    def row(path: Path, kind: str, px: tuple[int, int], colour: str = "RGB",
            profile: str = SRGB.condition, ink: int | None = None) -> PosterFile:
        # A PDF's page holds the crop marks' slug round the image; the image has none.
        media: tuple[float | None, float | None] = (
            fmt.canvas_mm(job.crop_marks and kind.startswith("pdf")) if fmt.is_print
            else (None, None))
        return PosterFile(path.relative_to(folder).as_posix(), kind, fmt.name, fmt.label,
                          job.slogan, px[0], px[1], trim[0], trim[1], fmt.bleed_mm(), media[0],
                          media[1], dpi, colour, profile, ink, job.proof, file_digest(path))

    rows = [row(png, "png", size)]
    if job.thumbnail:
        rows.append(row(thumb, "thumbnail", thumb_size))
    if fmt.is_print:
        marks = grommets(fmt) if job.grommet_marks else []
        pdf = folder / f"{job.stem}.pdf"
        save_pdf(png, pdf, fmt, job.crop_marks, marks)
        rows.append(row(pdf, "pdf", size))
        if job.cmyk_profile is not None:
            cmyk = folder / f"{job.stem}--cmyk.pdf"
            ink = save_cmyk_pdf(image, cmyk, fmt, job.crop_marks, job.cmyk_profile, marks)
            rows.append(row(cmyk, "pdf-cmyk", size, "CMYK", profile_name(job.cmyk_profile),
                            ink))
    del image
    return rows
