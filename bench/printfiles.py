"""Print files: what the print PDF now costs, side by side with what it cost before, and the
CMYK PDF as a ratio to the RGB render of the same poster.

    .venv/bin/python -m bench.printfiles          # writes bench/printfiles.md (about a minute)

- ``pdf_before``: img2pdf alone with its trim and bleed borders, as the PDF was written before
  the boxes were set in the page's own units (the old code, kept here as the baseline).
- ``pdf_now``: ``save_pdf`` (img2pdf, then pikepdf: boxes, UserUnit, sRGB profile, output
  intent, vector marks).
- ``render``: layout, drawing and PNG of the poster (what a cache miss cost before any PDF).
- ``cmyk``: ``save_cmyk_pdf`` (conversion with the shipped FOGRA39 profile, band by band, and
  the PDF/X-4).
- ``typeface``: the same poster drawn in DejaVu Sans (the former default) and in Be Vietnam Pro
  (the default now), side by side.
- ``leaflet`` and ``handbook``: the sample's tri-fold leaflet and A5 handbook typeset by
  WeasyPrint and made print-ready (WeasyPrint already imported), against the A4 poster's
  render.
"""

from __future__ import annotations

import dataclasses
import tempfile
from functools import partial
from pathlib import Path

import img2pdf
import pikepdf
from PIL import Image

from bench.common import ROOT, median_time
from bench.posters import FORMATS, URL, _job, render_once
from generator.campaign.load import load_campaign
from generator.posters.color import SHIPPED_PROFILES
from generator.posters.fonts import dejavu
from generator.posters.formats import PosterFormat
from generator.posters.layout import Fonts
from generator.posters.pdf import finish_typeset
from generator.posters.render import SRGB, save_cmyk_pdf, save_pdf

PRINT_FORMATS = [name for name in FORMATS if name != "mang-xa-hoi" and name != "a0-doc"]


def pdf_before(png: Path, out: Path, fmt: PosterFormat) -> None:
    points_per_mm = 72 / 25.4
    trim = fmt.bleed_mm() * points_per_mm
    with out.open("wb") as stream:
        img2pdf.convert(str(png), outputstream=stream, trimborder=(trim, trim),
                        bleedborder=(0, 0), rotation=img2pdf.Rotation.none)


def run(repeat: int = 5) -> list[dict[str, object]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in PRINT_FORMATS:
            job = _job(name)
            png, pdf = folder / "poster.png", folder / "poster.pdf"
            render_once(job, png)
            render = median_time(partial(render_once, job, png), repeat)
            before = median_time(partial(pdf_before, png, pdf, job.fmt), repeat)
            now = median_time(partial(save_pdf, png, pdf, job.fmt, False), repeat)
            with Image.open(png) as image:
                image.load()
                cmyk = median_time(partial(save_cmyk_pdf, image, folder / "cmyk.pdf", job.fmt,
                                           False, SHIPPED_PROFILES["fogra39"]), repeat)
            rows.append({"format": name, "render_s": round(render, 3),
                         "pdf_before_s": round(before, 3), "pdf_now_s": round(now, 3),
                         "pdf_now_over_before": round(now / before, 2),
                         "cmyk_s": round(cmyk, 3), "cmyk_over_render": round(cmyk / render, 2)})
            print(rows[-1], flush=True)
    return rows


def typefaces(repeat: int = 5) -> list[dict[str, object]]:
    """Render time of the same poster in DejaVu and in Be Vietnam Pro, measured alternately."""
    former = Fonts(dejavu("Bold"), dejavu("Regular"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "poster.png"
        for name in PRINT_FORMATS:
            job = _job(name)
            old = dataclasses.replace(job, fonts=former)
            render_once(job, png)
            render_once(old, png)
            now = median_time(partial(render_once, job, png), repeat)
            before = median_time(partial(render_once, old, png), repeat)
            rows.append({"format": name, "dejavu_s": round(before, 3),
                         "be_vietnam_pro_s": round(now, 3), "ratio": round(now / before, 2)})
            print(rows[-1], flush=True)
    return rows


def documents(repeat: int = 3) -> list[dict[str, object]]:
    """The leaflet and handbook of the sample: typesetting and print-ready PDF, per file."""
    from generator.printing.handbook import handbook_html
    from generator.printing.leaflet import leaflet_pdf, leaflet_texts
    from generator.printing.typeset import typeset, weasyprint

    module = weasyprint()
    assert module is not None, "the print extra is needed: pip install -e '.[print]'"
    campaign = load_campaign(ROOT / "campaigns" / "cchc-ha-noi-2021.md")
    url = URL + campaign.id + "/"
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "out.pdf"
        png = Path(tmp) / "poster.png"
        a4 = median_time(partial(render_once, _job("a4-doc"), png), repeat)

        def leaflet() -> None:
            finish_typeset(leaflet_pdf(module, leaflet_texts(campaign, url, False), "bench",
                                       []), target, "leaflet", SRGB)

        def handbook() -> None:
            finish_typeset(typeset(module, handbook_html(campaign, url, False)), target,
                           "handbook", SRGB)

        rows = []
        for name, make in (("leaflet", leaflet), ("handbook", handbook)):
            make()
            seconds = median_time(make, repeat)
            with pikepdf.open(target) as pdf:
                pages = len(pdf.pages)
            rows.append({"file": name, "pages": pages, "seconds": round(seconds, 3),
                         "per_page_s": round(seconds / pages, 3),
                         "over_a4_render": round(seconds / a4, 1)})
            print(rows[-1], flush=True)
    return rows


def report(rows: list[dict[str, object]], faces: list[dict[str, object]],
           docs: list[dict[str, object]]) -> str:
    lines = [
        "# Print files: cost of the print PDF and of the CMYK PDF", "",
        "Written by `python -m bench.printfiles`: median of 5 runs each, in one process, on",
        "the same poster. *Added* is what the new PDF step adds to a poster, as a share of its",
        "render.", "",
        "| format | render (s) | PDF before (s) | PDF now (s) | now / before | added "
        "| CMYK PDF (s) | CMYK / render |", "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        added = (float(str(r["pdf_now_s"])) - float(str(r["pdf_before_s"]))) \
            / float(str(r["render_s"]))
        lines.append(f"| {r['format']} | {r['render_s']} | {r['pdf_before_s']} | "
                     f"{r['pdf_now_s']} | {r['pdf_now_over_before']} | {added:.1%} | "
                     f"{r['cmyk_s']} | {r['cmyk_over_render']} |")
    lines += ["", "## Typeface: the same poster in DejaVu Sans and in Be Vietnam Pro", "",
              "Median of 5 renders each (layout, drawing, PNG), measured in turn.", "",
              "| format | DejaVu Sans (s) | Be Vietnam Pro (s) | ratio |", "|---|---|---|---|"]
    lines += [f"| {r['format']} | {r['dejavu_s']} | {r['be_vietnam_pro_s']} | {r['ratio']} |"
              for r in faces]
    lines += ["", "## Leaflet and handbook", "",
              "The sample's tri-fold leaflet (six panels, each typeset until it fits) and A5",
              "handbook (the whole guidance, contents with page numbers): WeasyPrint, then the",
              "slug, crop marks and output intent; median of 3, WeasyPrint already imported.",
              "", "| file | pages | time (s) | per page (s) | × an A4 poster's render |",
              "|---|---|---|---|---|"]
    lines += [f"| {r['file']} | {r['pages']} | {r['seconds']} | {r['per_page_s']} | "
              f"{r['over_a4_render']} |" for r in docs]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    (ROOT / "bench" / "printfiles.md").write_text(report(run(), typefaces(), documents()),
                                                  encoding="utf-8")
