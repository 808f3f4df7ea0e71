"""The print files as a prepress operator checks them: boxes in mm, colour profiles and output
intents, CMYK with black text in black ink only, hems and grommets, the proof band, and a pack
whose manifest is exactly its files."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from conftest import SAMPLE, Project
from PIL import Image, ImageCms

from generator.campaign.load import load_campaign
from generator.campaign.model import Campaign, Contact, Palette, PrintOrder, Slogan
from generator.posters.batch import build_posters
from generator.posters.color import SHIPPED_PROFILES, srgb_profile
from generator.posters.drawn import PosterFile
from generator.posters.finishing import grommets
from generator.posters.formats import catalogue
from generator.posters.layout import layout_poster
from generator.posters.plan import is_placeholder, plan_posters
from generator.printing.pack import manifest_csv, publish
from generator.printing.ticket import BLANK, ticket_html, ticket_info

REAL = "https://tuyentruyen.hanoi.gov.vn/"
PLACEHOLDER = "https://tuyentruyen.example.vn/"
PRINT_FORMATS = [name for name, fmt in catalogue().items() if fmt.is_print]
CMYK_FORMATS = ["a4-doc", "bang-ron-0.8x6m"]


def _campaign(formats: list[str], **posters: object) -> Campaign:
    campaign = load_campaign(SAMPLE)
    settings = campaign.posters.model_copy(update={"formats": formats, **posters})
    return campaign.model_copy(update={"slogans": [Slogan(text="Kỷ cương, trách nhiệm")],
                                       "posters": settings})


def _mm(box: pikepdf.Array, unit: float) -> list[float]:
    return [round(float(v) * unit * 25.4 / 72, 1) for v in box]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[PosterFile]]:
    """One poster in every print format, with crop marks, grommet marks and, for an A4 and a
    banner, a CMYK PDF."""
    folder = tmp_path_factory.mktemp("print")
    options = {"crop_marks": True, "grommet_marks": True}
    rgb = _campaign([f for f in PRINT_FORMATS if f not in CMYK_FORMATS], **options)
    cmyk = _campaign(CMYK_FORMATS, **options, cmyk_profile="fogra39")
    jobs = [*plan_posters(rgb, SAMPLE.parent, REAL), *plan_posters(cmyk, SAMPLE.parent, REAL)]
    return folder, list(build_posters(jobs, folder, workers=2, progress=False).files)


@pytest.mark.parametrize("name", PRINT_FORMATS)
def test_boxes_are_the_trim_bleed_and_slug_in_mm(printed: tuple[Path, list[PosterFile]],
                                                 name: str) -> None:
    folder, rows = printed
    fmt = catalogue()[name]
    w, h = fmt.width_mm, fmt.height_mm
    for kind in ("pdf", "pdf-cmyk") if name in CMYK_FORMATS else ("pdf",):
        [row] = [r for r in rows if r.format == name and r.kind == kind]
        with pikepdf.open(folder / row.file) as pdf:
            page = pdf.pages[0]
            unit = float(page.obj.get("/UserUnit", 1))
            # A 6 m banner is longer than PDF's 5.08 m page limit: it needs a user unit.
            assert (unit > 1) == (max(w, h) + 26 > 5080)
            assert _mm(page.TrimBox, unit) == [13, 13, 13 + w, 13 + h]
            assert _mm(page.BleedBox, unit) == [10, 10, 16 + w, 16 + h]
            assert _mm(page.MediaBox, unit) == [0, 0, 26 + w, 26 + h]
        assert (row.trim_width_mm, row.trim_height_mm, row.bleed_mm) == (w, h, 3.0)
        assert (row.media_width_mm, row.media_height_mm) == (w + 26, h + 26)


def test_poppler_reads_the_same_boxes(printed: tuple[Path, list[PosterFile]]) -> None:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        pytest.skip("poppler-utils is not installed")
    folder, rows = printed
    [row] = [r for r in rows if r.format == "a4-doc" and r.kind == "pdf"]
    out = subprocess.run([pdfinfo, "-box", str(folder / row.file)], capture_output=True,
                         text=True, check=True).stdout
    boxes = {m[1]: [round(float(v) * 25.4 / 72, 1) for v in m[2].split()]
             for m in re.finditer(r"^(\w+Box):\s+(.+)$", out, re.MULTILINE)}
    assert boxes["TrimBox"] == [13, 13, 223, 310]
    assert boxes["BleedBox"] == [10, 10, 226, 313]
    assert boxes["MediaBox"] == [0, 0, 236, 323]


def test_every_png_and_pdf_carries_the_srgb_profile(
        printed: tuple[Path, list[PosterFile]]) -> None:
    folder, rows = printed
    [png] = [r for r in rows if r.format == "a3-doc" and r.kind == "png"]
    with Image.open(folder / png.file) as image:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
        assert profile.profile.xcolor_space.strip() == "RGB"
    [row] = [r for r in rows if r.format == "a3-doc" and r.kind == "pdf"]
    with pikepdf.open(folder / row.file) as pdf:
        [intent] = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFX
        assert intent.DestOutputProfile.read_bytes() == srgb_profile()
        image = next(iter(pdf.pages[0].Resources.XObject.values()))
        assert image.ColorSpace[0] == pikepdf.Name.ICCBased
    assert (row.colour, row.icc_profile) == ("RGB", "sRGB IEC61966-2.1")


def test_marks_are_vector_lines_in_black_ink_outside_the_bleed(
        printed: tuple[Path, list[PosterFile]]) -> None:
    folder, rows = printed
    [row] = [r for r in rows if r.format == "bang-ron-0.8x6m" and r.kind == "pdf"]
    with pikepdf.open(folder / row.file) as pdf:
        page = pdf.pages[0]
        content = page.Contents.read_bytes().decode()
        unit = float(page.UserUnit)
    assert "0 0 0 1 K" in content  # stroke in DeviceCMYK: black ink alone
    lines = re.findall(r"([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S", content)
    crop, crosses = lines[:8], lines[8:]
    to_mm = unit * 25.4 / 72
    for x0, y0, x1, y1 in crop:
        xs, ys = sorted((float(x0) * to_mm, float(x1) * to_mm)), \
            sorted((float(y0) * to_mm, float(y1) * to_mm))
        # Each crop mark lies in the slug: wholly left/right of, or above/below, the bleed.
        assert xs[1] <= 9.01 or xs[0] >= 6016.99 or ys[1] <= 9.01 or ys[0] >= 816.99
    # A cross at every grommet, in the middle of the 30 mm hem, at most 500 mm apart.
    assert len(crosses) == 2 * 28


def test_the_cmyk_pdf_prints_black_text_in_black_ink_only(tmp_path: Path) -> None:
    black_on_white = Palette(background="#FFFFFF", headline="#000000", text="#000000")
    campaign = _campaign(["a4-doc"], palette=black_on_white, cmyk_profile="fogra39")
    [job] = plan_posters(campaign, SAMPLE.parent, REAL)
    rows = build_posters([job], tmp_path, progress=False).files
    [row] = [r for r in rows if r.kind == "pdf-cmyk"]
    assert (row.colour, row.icc_profile) == ("CMYK", "FOGRA39L (ArgyllCMS, icc-profiles-free)")
    with pikepdf.open(tmp_path / row.file) as pdf:
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        assert b"<pdfxid:GTS_PDFXVersion" in pdf.Root.Metadata.read_bytes()
        [intent] = pdf.Root.OutputIntents
        assert intent.DestOutputProfile.read_bytes() == SHIPPED_PROFILES["fogra39"].read_bytes()
        image = pikepdf.PdfImage(next(iter(pdf.pages[0].Resources.XObject.values())))
        assert image.colorspace == "/DeviceCMYK"
        cyan, magenta, yellow, black = image.as_pil_image().split()
    # Text, QR code and paper: no cyan, magenta or yellow anywhere; the text is solid black.
    assert [channel.getextrema() for channel in (cyan, magenta, yellow)] == [(0, 0)] * 3
    assert black.getextrema() == (0, 255)
    assert row.max_ink_percent == 100


def test_the_red_poster_keeps_within_the_profile_s_ink_limit(
        printed: tuple[Path, list[PosterFile]]) -> None:
    _, rows = printed
    inks = {r.max_ink_percent for r in rows if r.kind == "pdf-cmyk"}
    assert inks and all(ink is not None and 100 < ink <= 330 for ink in inks)


def test_a_banner_keeps_its_text_out_of_the_hem() -> None:
    [job] = plan_posters(_campaign(["bang-ron-0.8x6m"]), SAMPLE.parent, REAL)
    fmt = job.fmt
    assert (fmt.hem_mm, fmt.grommet_spacing_mm) == (30, 500)
    layout = layout_poster(fmt, job.texts, job.fonts, job.colors, qr_modules=33, logo=False)
    inset = min(layout.safe[0] - layout.trim[0], layout.safe[1] - layout.trim[1])
    assert inset >= fmt.px(35)
    for block in layout.blocks:
        for box in block.boxes:
            assert box[1] >= layout.trim[1] + fmt.px(35)
    # A sheet is not hemmed.
    [sheet] = plan_posters(_campaign(["a3-doc"]), SAMPLE.parent, REAL)
    assert sheet.fmt.hem_mm == 0 and grommets(sheet.fmt) == []


@pytest.mark.parametrize(("site_url", "proof"), [(PLACEHOLDER, True), (None, True),
                                                  ("http://127.0.0.1:8000/", True),
                                                  (REAL, False)])
def test_the_proof_band_is_there_exactly_while_the_address_is_a_placeholder(
        tmp_path: Path, site_url: str | None, proof: bool) -> None:
    assert is_placeholder(site_url) == proof
    [job, screen] = plan_posters(_campaign(["a4-doc", "led-ngang"]), SAMPLE.parent, site_url)
    assert (job.proof, screen.proof) == (proof, False)  # screens are not printed
    rows = build_posters([job], tmp_path, progress=False).files
    layout = layout_poster(job.fmt, job.texts, job.fonts, job.colors,
                           qr_modules=33 if job.qr_url else None, logo=False)
    with Image.open(tmp_path / f"{job.stem}.png") as image:
        left, top, right, _ = layout.trim
        band = image.getpixel(((left + right) // 4, top + 2))
    assert (band == (0xFF, 0xD4, 0x00)) == proof
    assert all(r.proof == proof for r in rows)


def test_the_build_says_where_to_set_the_address(project: Project) -> None:
    result = project.run("build")
    assert result.code == 0, result.err
    assert ("site_url là địa chỉ mẫu (https://tuyentruyen.example.vn/): mã QR trên áp phích "
            "chưa dẫn tới đâu, nên mọi tệp in mang dải BẢN THỬ; hãy ghi địa chỉ thật của trang "
            "vào dòng site_url trong mkdocs.yml") in result.err


def test_the_pack_holds_print_files_by_format_and_a_manifest_of_exactly_them(
        tmp_path: Path) -> None:
    campaign = _campaign(["a4-doc", "bang-ron-0.8x6m", "led-ngang"], cmyk_profile="fogra39")
    published = publish(plan_posters(campaign, SAMPLE.parent, REAL), tmp_path, campaign.id,
                        progress=False)
    with zipfile.ZipFile(published["cchc-ha-noi-2021-goi-in.zip"]) as pack:
        names = pack.namelist()
        files = {n: pack.read(n) for n in names}
    prints = sorted(n for n in names if n.endswith(".pdf"))
    assert prints == [
        "a4-doc-210x297mm/01-ky-cuong-trach-nhiem--a4-doc-210x297mm-cmyk.pdf",
        "a4-doc-210x297mm/01-ky-cuong-trach-nhiem--a4-doc-210x297mm.pdf",
        "bang-ron-0.8x6m-6000x800mm/01-ky-cuong-trach-nhiem--bang-ron-0.8x6m-6000x800mm-cmyk.pdf",
        "bang-ron-0.8x6m-6000x800mm/01-ky-cuong-trach-nhiem--bang-ron-0.8x6m-6000x800mm.pdf"]
    assert set(names) == {*prints, "manifest.csv", "manifest.json", "DOC-TRUOC-KHI-IN.txt"}
    manifest = json.loads(files["manifest.json"])
    assert sorted(row["file"] for row in manifest) == prints
    for row in manifest:
        assert row["sha256"] == hashlib.sha256(files[row["file"]]).hexdigest()
    table = files["manifest.csv"].decode("utf-8")
    assert table.startswith("\ufefffile,kind,format,label,slogan,")
    assert [r["file"] for r in csv.DictReader(io.StringIO(table[1:]))] == \
        [row["file"] for row in manifest]


def test_the_pack_has_a_job_ticket_a_shop_can_read(tmp_path: Path) -> None:
    campaign = _campaign(["a4-doc", "bang-ron-0.8x6m"])
    orders = [PrintOrder(format="a4-doc", quantity=200, material="giấy couché 150 g/m²")]
    campaign = campaign.model_copy(update={
        "posters": campaign.posters.model_copy(update={"print": orders}),
        "contact": Contact(unit="Phòng Văn hóa và Thông tin", hotline="024 3825 3536")})
    published = publish(plan_posters(campaign, SAMPLE.parent, PLACEHOLDER), tmp_path,
                        campaign.id, ticket=ticket_info(campaign), progress=False)
    with zipfile.ZipFile(published["cchc-ha-noi-2021-goi-in.zip"]) as pack:
        (tmp_path / "ticket.pdf").write_bytes(pack.read("PHIEU-IN.pdf"))
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("poppler-utils is not installed")
    text = " ".join(subprocess.run([pdftotext, str(tmp_path / "ticket.pdf"), "-"],
                                   capture_output=True, text=True, check=True).stdout.split())
    for needle in ("PHIẾU IN", campaign.title, "Phòng Văn hóa và Thông tin",
                   "Điện thoại: 024 3825 3536", "A4 dọc 210 × 297 mm", "200 bản",
                   "giấy couché 150 g/m²", "Băng rôn 0,8 × 6 m 6000 × 800 mm", "BẢN THỬ"):
        assert needle in text, needle
    # The slogan heads the rows of its files; a format the campaign ordered no copies of is
    # left blank for the shop to fill, and the ticket says so.
    rows = text.split("Chất liệu ", 1)[1]
    assert rows.count("Kỷ cương, trách nhiệm") == 1, rows
    assert rows.count("200 bản") == 1 and rows.count("………… bản") == 1, rows
    assert "nhà in điền số bản" in text
    fonts = subprocess.run(["pdffonts", str(tmp_path / "ticket.pdf")], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)  # every font embedded


def test_the_ticket_orders_a_cmyk_poster_once_and_totals_the_copies() -> None:
    def row(kind: str) -> tuple[PosterFile, str]:
        return PosterFile(f"a.{kind}", kind, "a4-doc", "A4 dọc", "Kỷ cương", 1, 1, 210, 297, 3,
                          236, 323, 300, "RGB", "sRGB IEC61966-2.1", None, False, "0" * 64), kind

    info = ticket_info(_campaign(["a4-doc"], print=[PrintOrder(format="a4-doc", quantity=3000)]))
    said = ticket_html(info, [row("pdf"), row("pdf-cmyk")])
    assert said.count("<th colspan='6'>Kỷ cương</th>") == 1
    assert said.count("không in (in tệp CMYK)") == 1 and said.count("3.000 bản") == 1
    assert "<b>Tổng số bản:</b> 3.000." in said and BLANK not in said


def test_a_cell_that_would_be_a_formula_stays_text() -> None:
    row = PosterFile("a.pdf", "pdf", "a4-doc", "A4 dọc", "=HYPERLINK(\"x\")", 1, 1, 210, 297, 3,
                     216, 303, 300, "RGB", "sRGB IEC61966-2.1", None, False, "0" * 64)
    [cells] = list(csv.DictReader(io.StringIO(manifest_csv([row])[1:])))
    assert cells["slogan"] == "'=HYPERLINK(\"x\")"


def test_an_a0_sheet_is_not_hemmed_and_the_same_poster_gives_the_same_bytes(
        tmp_path: Path) -> None:
    [sheet] = plan_posters(_campaign(["a0-doc"]), SAMPLE.parent, REAL)
    assert sheet.fmt.hem_mm == 0
    [job] = plan_posters(_campaign(["a4-doc"], cmyk_profile="fogra39"), SAMPLE.parent, REAL)
    first = {r.file: r.sha256 for r in build_posters([job], tmp_path / "a", progress=False).files}
    again = {r.file: r.sha256 for r in build_posters([job], tmp_path / "b", progress=False).files}
    assert first == again and len(first) == 4  # PNG, thumbnail, PDF, CMYK PDF
