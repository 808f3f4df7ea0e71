"""The leaflet and the handbook as a print shop and a reader check them: page sizes with bleed
and crop marks, fonts embedded, the leaflet's headline read back by Tesseract, the handbook's
contents pointing at the right pages, the proof band, and the same bytes for the same input."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from conftest import SAMPLE, Project
from PIL import Image, ImageOps
from test_posters import OCR_EM_PX, _need, _similarity

from generator.campaign.load import load_campaign
from generator.campaign.model import Campaign, Leaflet
from generator.posters.drawn import PosterFile
from generator.posters.formats import HANDBOOK, LEAFLET
from generator.printing.handbook import handbook_html
from generator.printing.leaflet import HEADLINE_PT
from generator.printing.printed import printed_files
from generator.printing.typeset import on_white, typeset, weasyprint
from generator.vi import clause_split

REAL = "https://tuyentruyen.hanoi.gov.vn/"
PLACEHOLDER = "https://tuyentruyen.example.vn/"
PT = 72 / 25.4


def _text(pdf: Path, *pages: int) -> str:
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    out = subprocess.run([_need("pdftotext"), *span, str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    return out


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    return load_campaign(SAMPLE)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, campaign: Campaign
         ) -> tuple[Path, dict[str, PosterFile]]:
    folder = tmp_path_factory.mktemp("printed")
    rows = printed_files(campaign, REAL, folder).rows
    return folder, {row.format: row for row in rows}


@pytest.mark.parametrize(("fmt", "pages"), [(LEAFLET, 2), (HANDBOOK, None)])
def test_pages_have_the_trim_bleed_and_slug_of_their_format(
        made: tuple[Path, dict[str, PosterFile]], fmt: object, pages: int | None) -> None:
    folder, rows = made
    row = rows[fmt.name]  # type: ignore[attr-defined]
    w, h = row.trim_width_mm, row.trim_height_mm
    assert (w, h) == (fmt.width_mm, fmt.height_mm)  # type: ignore[attr-defined]
    assert (row.media_width_mm, row.media_height_mm, row.bleed_mm) == (w + 26, h + 26, 3.0)
    with pikepdf.open(folder / row.file) as pdf:
        assert pages is None or len(pdf.pages) == pages
        assert len(pdf.pages) >= (pages or 8)
        for page in pdf.pages:
            def mm(box: pikepdf.Array) -> list[float]:
                return [round(float(v) / PT, 1) for v in box]

            assert mm(page.TrimBox) == [0, 0, w, h]
            assert mm(page.BleedBox) == [-3, -3, w + 3, h + 3]
            assert mm(page.MediaBox) == [-13, -13, w + 13, h + 13]
            assert "/Annots" not in page.obj
            # Crop marks in black ink only, drawn last, over the slug.
            assert b"0 0 0 1 K" in page.Contents.read_bytes() if not isinstance(
                page.Contents, pikepdf.Array) else b"0 0 0 1 K" in page.Contents[-1].read_bytes()
        [intent] = pdf.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
    info = subprocess.run([_need("pdfinfo"), "-box", str(folder / row.file)],
                          capture_output=True, text=True, check=True).stdout
    trim = re.search(r"TrimBox:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", info)
    assert trim is not None
    assert abs(float(trim[3]) / PT - w) < 0.1 and abs(float(trim[4]) / PT - h) < 0.1
    fonts = subprocess.run([_need("pdffonts"), str(folder / row.file)], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes yes " in line for line in fonts)  # embedded, subset
    assert any("Be-Vietnam-Pro" in line for line in fonts)


def test_tesseract_reads_the_leaflet_s_headline(made: tuple[Path, dict[str, PosterFile]],
                                                campaign: Campaign, tmp_path: Path) -> None:
    folder, rows = made
    tesseract = _need("tesseract")
    subprocess.run([_need("pdftoppm"), "-r", "300", "-f", "1", "-l", "1", "-png",
                    str(folder / rows[LEAFLET.name].file), str(tmp_path / "outside")],
                   check=True)
    [png] = tmp_path.glob("outside*.png")
    with Image.open(png) as image:
        dpmm = image.width / (297 + 26)
        # The cover: the last 100 mm of the trim, its upper half (the headline is there),
        # scaled as the posters' headlines are for Tesseract (test_posters.py).
        cover = image.crop((round((13 + 197 + 4) * dpmm), round(13 * dpmm),
                            round((13 + 297 - 4) * dpmm), round((13 + 130) * dpmm)))
        scale = OCR_EM_PX / (HEADLINE_PT / 72 * 300)
        cover = cover.convert("L").resize((round(cover.width * scale),
                                           round(cover.height * scale)),
                                          Image.Resampling.LANCZOS)
        gray = ImageOps.invert(cover).point(lambda v: 255 if v > 128 else 0)
        gray.save(tmp_path / "cover.png")
    out = subprocess.run([tesseract, str(tmp_path / "cover.png"), "-", "-l", "vie", "--psm",
                          "6"], capture_output=True, text=True, check=False, timeout=300)
    read = " ".join(out.stdout.split())
    assert campaign.theme is not None
    assert _best_window(campaign.theme.text, read) >= 0.98, read


def _best_window(expected: str, got: str) -> float:
    """The best 1 - character error rate of ``expected`` against any stretch of ``got``."""
    return max(_similarity(expected, got[start:start + length])
               for start in range(max(1, len(got) - len(expected) + 1))
               for length in (len(expected) - 2, len(expected), len(expected) + 2))


def test_the_leaflet_says_what_citizens_can_do_and_where_to_ask(
        made: tuple[Path, dict[str, PosterFile]], campaign: Campaign) -> None:
    folder, rows = made
    text = _flat(_text(folder / rows[LEAFLET.name].file))
    assert campaign.theme is not None
    for needle in (campaign.theme.text, "Người dân có thể làm gì?", "Thông điệp chính",
                   "Làm thủ tục hành chính qua dịch vụ công trực tuyến mức độ 3, mức độ 4.",
                   campaign.slogans[0].text, "PAR INDEX 2024: 92,57%, xếp thứ 3/63",
                   "Theo Hướng dẫn ngày 21/5/2021 của Ban Tuyên giáo Thành ủy Hà Nội."):
        assert needle in text, needle
    assert REAL + "cchc-ha-noi-2021/" in text.replace(" ", "")  # a long address wraps
    assert "BẢN THỬ" not in text
    assert text.count(campaign.short_title) == 1  # under the theme on the cover, once


def test_the_handbook_holds_the_whole_guidance_with_its_contents(
        made: tuple[Path, dict[str, PosterFile]], campaign: Campaign) -> None:
    folder, rows = made
    pdf = folder / rows[HANDBOOK.name].file
    pages = _text(pdf).split("\f")
    whole = _flat(" ".join(pages))
    # Every paragraph of the document, from its first words (a page may break it later).
    paragraphs = [*campaign.preamble, *(p.text for p in campaign.purposes),
                  *(t.text for t in campaign.topics), *(f.text or "" for f in campaign.forms),
                  *(task.text for r in campaign.responsibilities for task in r.tasks)]
    for paragraph in filter(None, paragraphs):
        words = " ".join(re.sub(r"\[\^[\w-]+\]|[*“”]", "", paragraph).split()[:6])
        assert words in whole, words
    # The contents give each chapter's page, printed at the foot of that page.
    contents = _flat(pages[1])
    assert contents.startswith("Mục lục")
    entry = re.search(r"Nội dung tuyên truyền[ .]*?(\d+)", contents)
    assert entry is not None, contents
    page = pages[int(entry[1]) - 1]
    assert _flat(page).startswith("Nội dung tuyên truyền")
    assert page.split()[-1] == entry[1]
    # A topic the document gives no title is headed by its first clause, whole (never cut
    # with "…"), run into its text: said once in the contents and once on its page.
    assert "…" not in contents
    for topic in campaign.topics:
        head = clause_split(topic.text)[0].rstrip(";:,.… ")
        assert whole.count(head) == 2, head
    # What only a screen can use stays on the site: the calendar, the charts' page, the link
    # back to the overview.
    for web in ("tệp .ics", "Số liệu qua các năm", "←"):
        assert web not in whole, web
    # A footnote stands at the foot of the page its mark is on, under that page's text.
    [note] = [n for n in campaign.footnotes if n.id in (t.footnote for t in campaign.topics)]
    [noted] = [p for p in pages if _flat(note.text)[:40] in _flat(p)]
    assert "6 nội dung trọng tâm của CCHC." in _flat(noted)
    assert _flat(noted).index("trọng tâm của CCHC") < _flat(noted).index(_flat(note.text)[:40])


def test_a_long_footnote_takes_its_mark_along_to_the_next_page(
        tmp_path: Path, campaign: Campaign) -> None:
    """A note too long for what is left of its page goes to the next with the line that
    marks it: never a mark on one page and its note alone on another."""
    [topic] = [t for t in campaign.topics if t.footnote]
    notes = [n.model_copy(update={"text": " ".join([n.text] * 9)}) if n.id == topic.footnote
             else n for n in campaign.footnotes]
    weasy = weasyprint()
    assert weasy is not None
    pdf = tmp_path / "so-tay.pdf"
    pdf.write_bytes(typeset(weasy, handbook_html(
        campaign.model_copy(update={"footnotes": notes}), REAL, False)))
    pages = [_flat(page) for page in _text(pdf).split("\f")]
    start = next(n.text for n in notes if n.id == topic.footnote)[:40]
    [noted] = [page for page in pages if start in page]
    assert 0 <= noted.find("trọng tâm của CCHC.") < noted.index(start)


@pytest.mark.parametrize(("site_url", "proof"), [(None, True), (PLACEHOLDER, True),
                                                  (REAL, False)])
def test_the_proof_band_is_on_every_page_exactly_while_the_address_is_a_placeholder(
        tmp_path: Path, campaign: Campaign, site_url: str | None, proof: bool) -> None:
    rows = printed_files(campaign, site_url, tmp_path).rows
    assert {r.format for r in rows} == {LEAFLET.name, HANDBOOK.name}
    for row in rows:
        assert row.proof == proof
        pages = _text(tmp_path / row.file).split("\f")[:-1]
        assert all(("BẢN THỬ – chưa có địa chỉ trang web thật" in p) == proof for p in pages)


def test_the_same_campaign_gives_the_same_bytes_and_is_not_typeset_again(
        made: tuple[Path, dict[str, PosterFile]], campaign: Campaign, tmp_path: Path) -> None:
    _, rows = made
    again = {r.format: r for r in printed_files(campaign, REAL, tmp_path).rows}
    assert {f: r.sha256 for f, r in again.items()} == {f: r.sha256 for f, r in rows.items()}
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.glob("*.pdf")}
    printed_files(campaign, REAL, tmp_path)
    assert {p: p.stat().st_mtime_ns for p in tmp_path.glob("*.pdf")} == stamps


def test_a_panel_that_holds_too_much_is_shortened_and_said(tmp_path: Path,
                                                           campaign: Campaign) -> None:
    long = "Tuyên truyền sâu rộng đến cán bộ, đảng viên và Nhân dân về cải cách hành chính " * 3
    crowded = campaign.model_copy(update={"leaflet": Leaflet(messages=[long] * 10)})
    printed = printed_files(crowded, REAL, tmp_path)
    [said] = printed.notes
    assert said.startswith("tờ rơi cchc-ha-noi-2021: mặt 'Thông điệp chính' chỉ đủ chỗ cho "), said
    with pikepdf.open(tmp_path / printed.rows[0].file) as pdf:
        assert len(pdf.pages) == 2


def test_the_build_publishes_them_in_the_gallery_and_the_print_pack(project: Project) -> None:
    result = project.run("build")
    assert result.code == 0, result.err
    folder = project.root / "site" / "posters" / "cchc-ha-noi-2021"
    names = {f"cchc-ha-noi-2021--{fmt.name}.pdf" for fmt in (LEAFLET, HANDBOOK)}
    assert names <= {p.name for p in folder.iterdir()}
    gallery = (project.root / "site" / "cchc-ha-noi-2021" / "an-pham" / "index.html").read_text(
        encoding="utf-8")
    for name in names:
        assert f'href="../../posters/cchc-ha-noi-2021/{name}"' in gallery, name
    assert "Tờ rơi gấp ba (A4 ngang, 2 mặt)" in gallery and "Sổ tay A5" in gallery
    with zipfile.ZipFile(folder / "cchc-ha-noi-2021-goi-in.zip") as pack:
        listed = pack.namelist()
        ticket = pack.read("PHIEU-IN.pdf")
    assert {"to-roi-gap-ba-297x210mm/cchc-ha-noi-2021--to-roi-gap-ba-297x210mm.pdf",
            "so-tay-a5-148x210mm/cchc-ha-noi-2021--so-tay-a5-148x210mm.pdf"} <= set(listed)
    (project.root / "ticket.pdf").write_bytes(ticket)
    said = _flat(_text(project.root / "ticket.pdf"))
    assert all(n in said for n in ("Tờ rơi gấp ba", "297 × 210", "Sổ tay A5", "148 × 210")), said
    # Every slogan by its text; no print orders: every file's quantity a blank to fill.
    campaign = load_campaign(project.campaign)
    for slogan in campaign.slogans:
        assert _flat(slogan.text) in said, slogan.text
    assert said.count("………… bản") == len(listed) - 4  # not the note, ticket, manifests


def test_print_orders_may_name_the_leaflet_and_the_handbook(yaml_project: Project) -> None:
    text = yaml_project.campaign.read_text(encoding="utf-8")
    yaml_project.campaign.write_text(
        text + "\nposters:\n  print:\n    - {format: to-roi-gap-ba, quantity: 5000}\n"
        "    - {format: so-tay, quantity: 50}\n", encoding="utf-8")
    result = yaml_project.run("validate")
    assert result.code == 2, result.err
    [problem] = result.err.splitlines()[:-1]
    line = yaml_project.line("format: so-tay,")
    assert problem.startswith(f"campaigns/cchc-ha-noi-2021.yml:{line}:")
    assert problem.endswith("khổ 'so-tay' không có trong danh mục; có phải ý bạn là "
                            "'so-tay-a5'?"), problem


def test_a_campaign_without_actions_or_figures_still_fills_every_panel(
        tmp_path: Path, campaign: Campaign) -> None:
    """As a document comes from the importer: no theme, slogans, actions or figures. The
    cover names it once; the panels say the document's own parts instead."""
    plain = campaign.model_copy(update={"leaflet": Leaflet(), "indices": [], "basis": [],
                                        "theme": None, "slogans": []})
    [leaflet, _] = printed_files(plain, REAL, tmp_path).rows
    text = _flat(_text(tmp_path / leaflet.file))
    purpose = clause_split(campaign.purposes[0].text)[0].rstrip(";:,")
    for needle in ("Tìm hiểu thêm", "Trên trang web của chiến dịch (mã QR ở mặt sau)",
                   "Toàn văn hướng dẫn", "Mục đích", purpose, "Hình thức tuyên truyền",
                   "Liên hệ"):
        assert needle in text, needle
    assert text.count(campaign.short_title) == 1
    assert campaign.title not in text
    assert "Người dân có thể làm gì?" not in text and "Thông điệp chính" not in text


def test_headings_on_white_pages_take_the_campaign_s_colour_only_where_it_reads() -> None:
    assert on_white("#A50F15") == "#A50F15"  # the default red: 7.8:1 on white
    assert on_white("#FFE14D") == "#111111"  # a yellow would not read
