"""Posters as a print shop receives them: real Pillow renders checked by pixels and metadata."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import matplotlib
import pikepdf
import pytest
from conftest import SAMPLE, Project
from PIL import Image, ImageChops, ImageOps

from generator.campaign.load import load_campaign
from generator.campaign.model import Campaign, Slogan
from generator.posters.batch import build_posters
from generator.posters.color import PROFILES, contrast_ratio, srgb_profile
from generator.posters.fonts import default_headline_font, missing_characters
from generator.posters.formats import catalogue
from generator.posters.layout import layout_poster
from generator.posters.plan import plan_posters
from generator.posters.render import Artwork, draw_poster, qr_symbol
from generator.printing.pack import publish


@pytest.fixture
def project(yaml_project: Project) -> Project:
    """These tests edit the sample campaign's YAML form (its Markdown form: test_documents,
    test_markdown_errors)."""
    return yaml_project


# A real site's address (not a placeholder): these posters are not proofs (test_print.py).
URL = "https://tuyentruyen.hanoi.gov.vn/"
TALL = "Ổn định, Ấm no, Ẩn Ễ Ộ"
LONG = ("Nâng cao ý thức trách nhiệm, chất lượng, hiệu quả công việc của cơ quan quản lý Nhà "
        "nước, của đội ngũ cán bộ, công chức, viên chức; tạo sự đồng thuận trong xã hội đối "
        "với công tác cải cách hành chính")


def _campaign(slogans: list[str], formats: list[str]) -> Campaign:
    campaign = load_campaign(SAMPLE)
    posters = campaign.posters.model_copy(update={"formats": formats})
    return campaign.model_copy(update={"slogans": [Slogan(text=s) for s in slogans],
                                       "posters": posters})


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing on CI: .ci/run must install it")
        pytest.skip(f"{tool} is not installed")
    return path


@pytest.fixture(scope="session")
def every_format(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, object]]]:
    """One poster in every catalogue format, rendered once in parallel."""
    campaign = _campaign([TALL], list(catalogue()))
    folder = tmp_path_factory.mktemp("posters")
    jobs = plan_posters(campaign, SAMPLE.parent, URL)
    published = publish(jobs, folder, campaign.id, workers=2, progress=False)
    rows = json.loads(published["manifest.json"].read_text(encoding="utf-8"))
    return folder, rows


@pytest.fixture(scope="session")
def a4_long(tmp_path_factory: pytest.TempPathFactory) -> Path:
    campaign = _campaign([LONG], ["a4-doc"])
    folder = tmp_path_factory.mktemp("a4")
    build_posters(plan_posters(campaign, SAMPLE.parent, URL), folder, progress=False)
    [png] = folder.glob("*.png")
    return png


@pytest.mark.parametrize("name", list(catalogue()))
def test_pixel_size_and_dpi_per_format(every_format: tuple[Path, list[dict[str, object]]],
                                       name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)  # an A0 is a legitimately big image
    folder, rows = every_format
    fmt = catalogue()[name]
    [row] = [r for r in rows if r["format"] == name and r["kind"] == "png"]
    with Image.open(folder / str(row["file"])) as image:
        if fmt.is_print:
            width_mm, height_mm = fmt.width_mm + 6, fmt.height_mm + 6
            assert image.size == (round(width_mm / 25.4 * fmt.dpi),
                                  round(height_mm / 25.4 * fmt.dpi))
            assert tuple(round(v) for v in image.info["dpi"]) == (fmt.dpi, fmt.dpi)
            assert (row["media_width_mm"], row["media_height_mm"], row["bleed_mm"],
                    row["trim_width_mm"], row["trim_height_mm"]) == (
                width_mm, height_mm, 3.0, fmt.width_mm, fmt.height_mm)
            assert image.info["icc_profile"] == srgb_profile()
        else:
            assert image.size == (fmt.width_px, fmt.height_px)
        # Screens without a logo are palette images (see the next test); print is RGB.
        assert image.mode == ("RGB" if fmt.is_print else "P")
        assert (row["width_px"], row["height_px"]) == image.size


def test_banner_and_iso_sizes_are_the_catalogue_s() -> None:
    formats = catalogue()
    assert formats["a4-doc"].pixels() == (2551, 3579)
    assert formats["a0-doc"].pixels() == (10004, 14114)
    assert formats["bang-ron-0.8x6m"].pixels() == (23646, 3173)
    assert catalogue(150)["bang-ron-0.8x6m"].dpi == 150
    assert formats["led-doc"].pixels() == (1080, 1920)
    assert formats["mang-xa-hoi"].pixels() == (1200, 630)


def test_print_formats_get_a_pdf_with_trim_and_bleed_boxes(
        every_format: tuple[Path, list[dict[str, object]]]) -> None:
    folder, rows = every_format
    row = next(r for r in rows if r["format"] == "a4-doc" and r["kind"] == "pdf")
    pdf = (folder / str(row["file"])).read_bytes()
    png = (folder / str(row["file"]).replace(".pdf", ".png")).read_bytes()
    with pikepdf.open(folder / str(row["file"])) as document:
        page = document.pages[0]
        # Inside the bleed and the crop marks' slug, which print PDFs have by default.
        assert [round(float(v) * 25.4 / 72, 2) for v in page.TrimBox] == [13, 13, 223, 310]
    # Embedded without recompression: the PNG's compressed image data appears verbatim.
    idat = png[png.index(b"IDAT") + 4: png.index(b"IDAT") + 4 + 64]
    assert idat in pdf
    assert not any(r["kind"] == "pdf" and r["format"] == "led-ngang" for r in rows)


def test_manifest_rows_match_the_files(every_format: tuple[Path, list[dict[str, object]]]) -> None:
    folder, rows = every_format
    with (folder / "manifest.csv").open(encoding="utf-8-sig") as stream:
        table = list(csv.DictReader(stream))
    assert len(table) == len(rows)
    for row in table:
        digest = hashlib.sha256((folder / row["file"]).read_bytes()).hexdigest()
        assert row["sha256"] == digest
        assert row["slogan"] == TALL
    pack = zipfile.ZipFile(folder / "cchc-ha-noi-2021-goi-in.zip")
    names = set(pack.namelist())
    assert {"manifest.csv", "manifest.json", "DOC-TRUOC-KHI-IN.txt"} <= names
    assert "a4-doc-210x297mm/01-on-dinh-am-no-an-e-o--a4-doc-210x297mm.pdf" in names


def test_every_glyph_of_the_slogans_is_in_the_font() -> None:
    campaign = load_campaign(SAMPLE)
    for slogan in [*campaign.slogans, Slogan(text=TALL)]:
        assert missing_characters(default_headline_font(), slogan.text) == []


def test_a_screen_poster_as_a_palette_image_has_the_exact_colours_of_the_rgb_one() -> None:
    """The palette image keeps the RGB drawing's background and QR pixels exactly, its solid
    text nearly so, and its text edges within one antialiasing step."""
    [job] = plan_posters(_campaign([TALL], ["led-ngang"]), SAMPLE.parent, URL)
    layout = layout_poster(job.fmt, job.texts, job.fonts, job.colors,
                           qr_modules=len(qr_symbol(URL).matrix), logo=False)
    art = Artwork(job.background, job.qr_url, None)
    indexed = draw_poster(job.fmt, layout, art)
    as_print = dataclasses.replace(job.fmt, kind="print", width_mm=1, height_mm=1)
    rgb = draw_poster(as_print, layout, art)
    assert (indexed.mode, rgb.mode) == ("P", "RGB")
    shown = indexed.convert("RGB")
    counts = {colour: n for n, colour in rgb.getcolors(1 << 20) or []}
    shown_counts = {colour: n for n, colour in shown.getcolors(1 << 20) or []}
    black = (0, 0, 0)  # QR modules: no antialiasing, so exactly the same pixels
    assert shown_counts[black] == counts[black]
    # Wherever the RGB drawing shows the background, so does the palette image.
    background = Image.new("RGB", rgb.size, job.background)
    flat = ImageChops.difference(rgb, background).convert("L").point([255] + [0] * 255)
    changed = ImageChops.difference(shown, background).convert("L").point([0] + [255] * 255)
    assert ImageChops.multiply(flat, changed).getbbox() is None
    for colour in job.colors:
        exact = Image.new("RGB", (1, 1), colour).getpixel((0, 0))
        assert abs(shown_counts[exact] - counts[exact]) < counts[exact] * 0.01
    assert max(high for _, high in ImageChops.difference(rgb, shown).getextrema()) <= 2


def _background_only(image: Image.Image, box: tuple[int, int, int, int], color: str) -> bool:
    band = image.convert("RGB").crop(box)
    return band.getcolors(1) == [(band.width * band.height, Image.new("RGB", (1, 1),
                                                                       color).getpixel((0, 0)))]


@pytest.mark.parametrize("name", ["a4-doc", "a3-ngang", "bang-ron-0.8x6m", "led-doc",
                                  "mang-xa-hoi", "pa-no-1.2x2.4m"])
def test_text_and_qr_stay_inside_the_safe_area(
        every_format: tuple[Path, list[dict[str, object]]], name: str) -> None:
    folder, rows = every_format
    [row] = [r for r in rows if r["format"] == name and r["kind"] == "png"]
    job = next(j for j in plan_posters(_campaign([TALL], [name]), SAMPLE.parent, URL))
    layout = layout_poster(job.fmt, job.texts, job.fonts, job.colors,
                           qr_modules=len(qr_symbol(URL).matrix) if job.qr_url else None,
                           logo=False)
    safe = layout.safe
    for block in layout.blocks:
        for box in block.boxes:
            assert safe[0] <= box[0] and box[2] <= safe[2] and safe[1] <= box[1]
            assert box[3] <= safe[3]
    if layout.qr:
        qr = layout.qr.box
        assert safe[0] <= qr[0] and qr[2] <= safe[2] and safe[1] <= qr[1] and qr[3] <= safe[3]
    with Image.open(folder / str(row["file"])) as image:
        w, h = image.size
        background = job.background
        for band in [(0, 0, w, safe[1]), (0, safe[3], w, h), (0, 0, safe[0], h),
                     (safe[2], 0, w, h)]:
            assert _background_only(image, band, background), band


def test_tall_stacked_marks_are_not_clipped(
        every_format: tuple[Path, list[dict[str, object]]]) -> None:
    """The headline's first line starts with Ổ: its mark must be drawn whole, inside the
    safe area, and clear of the line above."""
    job = next(j for j in plan_posters(_campaign([TALL], ["a4-doc"]), SAMPLE.parent, URL))
    layout = layout_poster(job.fmt, job.texts, job.fonts, job.colors, qr_modules=33, logo=False)
    headline = layout.blocks[0]
    assert headline.lines[0].startswith("Ổn")
    tops = [box[1] for box in headline.boxes]
    bottoms = [box[3] for box in headline.boxes]
    assert all(bottoms[i] < tops[i + 1] for i in range(len(tops) - 1))
    folder, rows = every_format
    [row] = [r for r in rows if r["format"] == "a4-doc" and r["kind"] == "png"]
    with Image.open(folder / str(row["file"])) as image:
        region = image.crop((layout.safe[0], headline.boxes[0][1] - 40, layout.safe[2],
                             headline.boxes[0][1]))
        yellow = Image.new("RGB", (1, 1), job.colors[0]).getpixel((0, 0))
        assert yellow not in {c for _, c in region.getcolors(1 << 20) or []}
        line = image.crop(headline.boxes[0])
        assert yellow in {c for _, c in line.getcolors(1 << 20) or []}


def test_headline_lines_are_balanced_and_words_whole(a4_long: Path) -> None:
    job = next(j for j in plan_posters(_campaign([LONG], ["a4-doc"]), SAMPLE.parent, URL))
    layout = layout_poster(job.fmt, job.texts, job.fonts, job.colors, qr_modules=33, logo=False)
    headline = layout.blocks[0]
    assert " ".join(headline.lines) == LONG
    widths = [box[2] - box[0] for box in headline.boxes]
    assert min(widths) > 0.6 * max(widths)
    assert headline.size >= job.fmt.px(7)


# Slogans whose plain word-by-word split put "-" or ":" at the head of a line in most formats.
PUNCTUATED = ["Cải cách hành chính - vì nhân dân phục vụ",
              "Chính quyền thân thiện - công dân hài lòng: cùng nhau hành động!",
              "Dân biết , dân bàn ( dân làm ) , dân kiểm tra – dân giám sát ; dân thụ hưởng ."]


@pytest.mark.parametrize("name", list(catalogue()))
def test_no_line_begins_with_a_dash_or_a_closing_mark(name: str) -> None:
    """Vietnamese breaks before a word: a dash between spaces ends its line, as do , . : ;
    ! ? and ')', and an opening '(' starts the line with its word."""
    campaign = _campaign(PUNCTUATED, [name])
    for job in plan_posters(campaign, SAMPLE.parent, URL):
        layout = layout_poster(job.fmt, job.texts, job.fonts, job.colors, qr_modules=33,
                               logo=False)
        for block in layout.blocks:
            assert not any(line.startswith(tuple("-–,.:;!?)")) for line in block.lines), \
                block.lines
            assert not any(line.endswith(("(", "“")) for line in block.lines), block.lines
        headline = layout.blocks[0]
        assert " ".join(headline.lines) == " ".join(job.slogan.split())


def test_contrast_of_the_default_palette(a4_long: Path) -> None:
    campaign = load_campaign(SAMPLE)
    palette = campaign.posters.palette
    assert contrast_ratio(palette.headline, palette.background) >= 4.5
    assert contrast_ratio(palette.text, palette.background) >= 4.5
    with Image.open(a4_long) as image:
        colors = sorted(image.getcolors(1 << 24) or [], reverse=True)
    background, headline = colors[0][1], colors[1][1]
    hex_of = "#{:02X}{:02X}{:02X}".format
    assert contrast_ratio(hex_of(*headline), hex_of(*background)) >= 4.5


def test_qr_code_decodes_to_the_campaign_page(a4_long: Path) -> None:
    zbarimg = _need("zbarimg")
    out = subprocess.run([zbarimg, "--raw", "-q", str(a4_long)], capture_output=True,
                         text=True, check=False, timeout=120)
    assert out.stdout.strip() == URL + "cchc-ha-noi-2021/"


def test_qr_code_is_at_least_2_cm_with_its_quiet_zone() -> None:
    for name in ["a4-doc", "a4-ngang", "bang-ron-0.8x6m"]:
        job = next(j for j in plan_posters(_campaign([LONG], [name]), SAMPLE.parent, URL))
        modules = len(qr_symbol(URL + "cchc-ha-noi-2021/").matrix)
        layout = layout_poster(job.fmt, job.texts, job.fonts, job.colors, qr_modules=modules,
                               logo=False)
        assert layout.qr is not None
        assert layout.qr.module * layout.qr.modules >= job.fmt.px(20)
        assert layout.qr.box[2] - layout.qr.box[0] == (modules + 8) * layout.qr.module


def _similarity(expected: str, got: str) -> float:
    """1 - character error rate (Levenshtein distance over the expected length)."""
    previous = list(range(len(got) + 1))
    for i, a in enumerate(expected, start=1):
        current = [i]
        for j, b in enumerate(got, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (a != b)))
        previous = current
    return 1 - previous[-1] / len(expected)


# Tesseract's LSTM models read a line best at about this many pixels per em; the posters' own
# headlines run from 80 to 800. Each headline is scaled to it, as an OCR pipeline does.
OCR_EM_PX = 40


def test_tesseract_reads_the_slogans_back(tmp_path: Path) -> None:
    """The sample's slogans and a long one on A4 posters, in the default typeface (Be Vietnam
    Pro Bold), read back at >= 98% of their characters, and no slogan below 95%."""
    tesseract = _need("tesseract")
    slogans = [s.text for s in load_campaign(SAMPLE).slogans] + [LONG]
    jobs = plan_posters(_campaign(slogans, ["a4-doc"]), SAMPLE.parent, URL)
    build_posters(jobs, tmp_path, progress=False)
    errors, total, each = 0.0, 0, {}
    for job in jobs:
        layout = layout_poster(job.fmt, job.texts, job.fonts, job.colors, qr_modules=33,
                               logo=False)
        block = layout.blocks[0]
        pad = block.size // 3
        region = (min(b[0] for b in block.boxes) - pad, min(b[1] for b in block.boxes) - pad,
                  max(b[2] for b in block.boxes) + pad, max(b[3] for b in block.boxes) + pad)
        scale = OCR_EM_PX / block.size
        with Image.open(tmp_path / f"{job.stem}.png") as image:
            crop = image.crop(region).convert("L")
            crop = crop.resize((round(crop.width * scale), round(crop.height * scale)),
                               Image.Resampling.LANCZOS)
        ImageOps.invert(crop).point(lambda v: 255 if v > 128 else 0).save(tmp_path / "h.png")
        out = subprocess.run([tesseract, str(tmp_path / "h.png"), "-", "-l", "vie", "--psm",
                              "6"], capture_output=True, text=True, check=False, timeout=300)
        read = " ".join(out.stdout.split())
        each[job.slogan] = (_similarity(job.slogan, read), read)
        errors += (1 - each[job.slogan][0]) * len(job.slogan)
        total += len(job.slogan)
    assert 1 - errors / total >= 0.98, each
    assert all(score >= 0.95 for score, _ in each.values()), each


def test_unchanged_posters_are_never_redrawn(tmp_path: Path) -> None:
    jobs = plan_posters(_campaign(["Một", "Hai"], ["mang-xa-hoi", "led-ngang"]), SAMPLE.parent,
                        URL)
    first = build_posters(jobs, tmp_path, progress=False)
    assert len(first.drawn) == 4
    stamp = {p: p.stat().st_mtime_ns for p in tmp_path.glob("*.png")}
    assert not build_posters(jobs, tmp_path, progress=False).drawn
    assert {p: p.stat().st_mtime_ns for p in tmp_path.glob("*.png")} == stamp
    changed = plan_posters(_campaign(["Một", "Hai đã sửa"], ["mang-xa-hoi", "led-ngang"]),
                           SAMPLE.parent, URL)
    again = build_posters(changed, tmp_path, progress=False)
    assert len(again.drawn) == 2
    assert not list(tmp_path.glob("02-hai--*.png"))


# -- bad input, through the real command -------------------------------------------------------

F = "campaigns/cchc-ha-noi-2021.yml"


def _with_posters(project: Project, block: str) -> None:
    text = project.campaign.read_text(encoding="utf-8")
    project.campaign.write_text(text + "\nposters:\n" + block, encoding="utf-8")


def _fails(project: Project) -> list[str]:
    result = project.run("posters", F, "--out", "out")
    assert result.code == 2, result.out + result.err
    assert "Traceback" not in result.err
    assert not (project.root / "out").exists()
    return result.err.splitlines()[:-1]


def test_missing_font_file(project: Project) -> None:
    _with_posters(project, "  headline_font: fonts/khong-co.ttf\n")
    line = project.line("headline_font:")
    [problem] = _fails(project)
    assert problem.startswith(f"{F}:{line}:18: không thấy tệp phông 'khong-co.ttf'")


def test_font_without_vietnamese_names_the_character(project: Project) -> None:
    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "cmr10.ttf"
    shutil.copy(font, project.root / "campaigns" / "cmr10.ttf")
    _with_posters(project, "  headline_font: cmr10.ttf\n")
    line = project.line("headline_font:")
    [problem] = _fails(project)
    assert problem.startswith(f"{F}:{line}:18: phông cmr10.ttf thiếu ký tự 'ê' (U+00EA), 'ề'")


@pytest.mark.parametrize(("content", "message"), [
    (b"khong phai anh", "không phải ảnh đọc được"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "không phải ảnh đọc được"),
])
def test_corrupt_logo(project: Project, content: bytes, message: str) -> None:
    (project.root / "campaigns" / "logo.png").write_bytes(content)
    _with_posters(project, "  logo: logo.png\n")
    [problem] = _fails(project)
    assert problem.startswith(f"{F}:{project.line('logo:')}:9: tệp biểu trưng 'logo.png' ")
    assert message in problem


def test_oversized_logo(project: Project) -> None:
    Image.new("1", (8000, 8000)).save(project.root / "campaigns" / "logo.png")
    _with_posters(project, "  logo: logo.png\n")
    [problem] = _fails(project)
    assert problem == (f"{F}:{project.line('logo:')}:9: ảnh biểu trưng quá lớn (8000 × 8000 "
                       "điểm ảnh); hãy dùng ảnh nhỏ hơn 40 triệu điểm ảnh")


def test_unknown_format_name(project: Project) -> None:
    _with_posters(project, "  formats: [a4-doc, a5-doc]\n")
    [problem] = _fails(project)
    assert problem == (f"{F}:{project.line('formats: [a4')}:21: khổ 'a5-doc' không có trong "
                       "danh mục; có phải ý bạn là 'a4-doc'?")


def test_slogan_that_cannot_fit(project: Project) -> None:
    text = project.campaign.read_text(encoding="utf-8")
    project.campaign.write_text(text + (
        "\nposters:\n  formats: [tem]\n  custom_formats:\n"
        "    - {name: tem, label: Tem dán, width_px: 400, height_px: 300}\n"), encoding="utf-8")
    problems = _fails(project)
    last_slogan = project.line("slogans:") + 4
    assert any(p.startswith(f"{F}:{last_slogan}:5: khẩu hiệu quá dài cho khổ Tem dán: không "
                            "đủ chỗ") for p in problems), problems


def test_low_contrast_palette(project: Project) -> None:
    _with_posters(project, "  palette:\n    background: '#DA251D'\n    headline: '#FFE14D'\n")
    [problem] = _fails(project)
    assert problem == (f"{F}:{project.line('headline:')}:15: màu chữ headline #FFE14D trên nền "
                       "#DA251D chỉ đạt độ tương phản 3.78:1, cần ít nhất 4.5:1; hãy chọn màu sáng "
                       "hơn hoặc nền tối hơn")


def test_posters_command_writes_one_campaign(project: Project) -> None:
    text = project.campaign.read_text(encoding="utf-8")
    project.campaign.write_text(text + "\nposters:\n  formats: [mang-xa-hoi, a4-doc]\n",
                                encoding="utf-8")
    result = project.run("posters", F, "--out", "out")
    assert result.code == 0, result.err
    out = project.root / "out"
    assert len(list(out.glob("*.png"))) == 8
    # Four A4 posters, the leaflet and the handbook.
    assert len(list(out.glob("*--a4-doc.pdf"))) == 4
    assert {p.name for p in out.glob("cchc-ha-noi-2021--*.pdf")} == {
        "cchc-ha-noi-2021--to-roi-gap-ba.pdf", "cchc-ha-noi-2021--so-tay-a5.pdf"}
    assert (out / "manifest.json").is_file() and (out / "cchc-ha-noi-2021-goi-in.zip").is_file()


def test_print_pdfs_carry_crop_marks_unless_the_campaign_turns_them_off(
        tmp_path: Path) -> None:
    """By default each print PDF has a 10 mm slug with crop marks round its image; the PNG
    has none (it is the site's picture too), and is the same without the marks."""
    campaign = _campaign(["Kỷ cương"], ["a4-doc"])
    assert campaign.posters.crop_marks
    plain = campaign.model_copy(update={"posters": campaign.posters.model_copy(
        update={"crop_marks": False})})
    rows = {}
    for name, settings in (("marked", campaign), ("plain", plain)):
        [job] = plan_posters(settings, SAMPLE.parent, URL)
        rows[name] = {r.kind: r for r in build_posters([job], tmp_path / name,
                                                       progress=False).files}
        with Image.open(tmp_path / name / f"{job.stem}.png") as image:
            assert image.size == job.fmt.pixels() == (job.fmt.px(216), job.fmt.px(303))
            background = Image.new("RGB", (1, 1), job.background).getpixel((0, 0))
            assert image.getpixel((0, 0)) == background  # the bleed is printed to the edge
    assert rows["marked"]["png"].sha256 == rows["plain"]["png"].sha256
    assert rows["marked"]["png"].media_width_mm == 216
    for name, media, marked in (("marked", [236, 323], True), ("plain", [216, 303], False)):
        row = rows[name]["pdf"]
        assert [row.media_width_mm, row.media_height_mm] == media
        with pikepdf.open(tmp_path / name / row.file) as pdf:
            page = pdf.pages[0]
            assert [round(float(v) * 25.4 / 72) for v in page.MediaBox[2:]] == media
            assert (b"0 0 0 1 K" in page.Contents.read_bytes()) == marked


def test_logo_is_drawn_inside_the_safe_area(tmp_path: Path) -> None:
    logo_dir = tmp_path / "campaigns"
    logo_dir.mkdir()
    Image.new("RGB", (200, 200), (0, 90, 200)).save(logo_dir / "logo.png")
    campaign = _campaign(["Kỷ cương"], ["a4-doc"])
    campaign = campaign.model_copy(update={"posters": campaign.posters.model_copy(
        update={"logo": "logo.png"})})
    [job] = plan_posters(campaign, logo_dir, URL)
    build_posters([job], tmp_path / "out", progress=False)
    layout = layout_poster(job.fmt, job.texts, job.fonts, job.colors, qr_modules=33, logo=True)
    assert layout.logo is not None
    with Image.open(tmp_path / "out" / f"{job.stem}.png") as image:
        box = layout.logo
        assert image.getpixel(((box[0] + box[2]) // 2, (box[1] + box[3]) // 2)) == (0, 90, 200)
        safe = layout.safe
        assert safe[0] <= box[0] and box[2] <= safe[2] and safe[1] <= box[1]


def test_a_cmyk_profile_that_is_not_cmyk_is_refused(project: Project) -> None:
    shutil.copy(PROFILES / "sRGB.icc", project.root / "campaigns" / "nha-in.icc")
    _with_posters(project, "  cmyk_profile: nha-in.icc\n  print:\n"
                           "    - {format: a5-doc, quantity: 10}\n")
    line = project.line("cmyk_profile:")
    problems = _fails(project)
    assert f"{F}:{line}:17: hồ sơ màu 'nha-in.icc' là hệ RGB, không phải CMYK; hãy xin nhà in " \
           "hồ sơ CMYK của máy in và giấy sẽ dùng" in problems
    assert any("khổ 'a5-doc' không có trong danh mục" in p for p in problems)
