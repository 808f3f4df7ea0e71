"""``campaign import``: a received document (Word, PDF, web page, text) becomes a campaign file.

Measured on the corpus of real documents (tests/corpus.py typesets each as offices do, in the
four formats): each import succeeds, the site builds with ``--strict``, at least 99% of the
source's sentences are found in the built pages, and the facts written by hand below are
what the import recognised.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from conftest import REPO, Project, Result, copy_project, page_text
from corpus import SOURCES, render_all
from PIL import Image
from playwright.sync_api import Browser
from test_documents import sentences, words

from generator.campaign.load import load_campaign
from generator.campaign.model import Campaign

FORMATS = ("docx", "pdf", "html", "txt")


@dataclass(frozen=True)
class Expected:
    """A document's facts, read by a person from the document itself."""

    kind: str
    number: str | None
    date: dt.date | None
    year: int
    place: str
    issuer: str
    parent: str
    sections: int  # Roman-numbered parts
    agencies: list[str]
    slogans: int
    recipients: int
    signer: str | None


EXPECTED = {
    "seed-cchc-ha-noi-2021": Expected(
        kind="Hướng dẫn", number=None, date=dt.date(2021, 5, 21), year=2021, place="Hà Nội",
        issuer="BAN TUYÊN GIÁO", parent="THÀNH ỦY HÀ NỘI", sections=4,
        agencies=["Ban Tuyên giáo Thành ủy",
                  "Thường trực cấp ủy, Ban Tuyên giáo các quận, huyện, thị ủy, Đảng ủy trực "
                  "thuộc Thành ủy, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
                  "Sở Văn hoá và Thể thao, Sở Thông tin và Truyền thông",
                  "Các cơ quan báo, đài, bản tin Thành phố"],
        # The sample campaign's four slogans were chosen by its editor: the document has none.
        slogans=0, recipients=7, signer="Đinh Thị Lan Duyên"),
    "ke-hoach-tuyen-truyen-bau-cu-pho-bang-2025": Expected(
        kind="Kế hoạch", number="01/KH-TBTTKT", date=dt.date(2025, 12, 10), year=2025,
        place="Phố Bảng", issuer="TIỂU BAN THÔNG TIN, TUYÊN TRUYỀN, KHÁNH TIẾT",
        parent="ỦY BAN BẦU CỬ XÃ PHỐ BẢNG", sections=5,
        agencies=["Đồng chí Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban",
                  "Đồng chí Phó Trưởng phòng Văn hóa - Xã hội - Phó Trưởng tiểu ban Thường trực",
                  "Đồng chí Phó Giám đốc Trung tâm phục vụ hành chính công - Phó Trưởng tiểu ban",
                  "Đồng chí Phó Trưởng ban xây dựng Đảng - Ủy viên"],
        slogans=23, recipients=4, signer="Nguyễn Văn Hoàn"),
    "cong-van-tuyen-truyen-130-nam-ngay-sinh-bac-ho-lac-duong-2020": Expected(
        kind="Công văn", number=None, date=None, year=2020, place="Lạc Dương",
        issuer="BAN TUYÊN GIÁO", parent="HUYỆN ỦY LẠC DƯƠNG", sections=0, agencies=[],
        slogans=8, recipients=0, signer=None),
}


@dataclass
class Imported:
    project: Project
    files: dict[str, dict[str, Path]]
    results: dict[tuple[str, str], Result]
    build: Result


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory, poster_cache: Path,
             browser: Browser) -> Imported:
    """Every document of the corpus in every format imported into one project, then built."""
    root = tmp_path_factory.mktemp("import")
    files = render_all(root / "corpus", browser)
    project = copy_project(root / "project", poster_cache)
    results = {(name, fmt): project.run("import", files[name][fmt], "--id", f"{name}-{fmt}")
               for name in EXPECTED for fmt in FORMATS}
    # Twelve copies of three documents would draw 744 posters (each copy's QR codes differ);
    # the posters are tested elsewhere, so each copy draws the social-media image only.
    for file in (project.root / "campaigns").glob("*-*.md"):
        text = file.read_text(encoding="utf-8")
        if file.stem.endswith(FORMATS):
            file.write_text(text.replace("---\n", "---\nposters:\n  formats: [mang-xa-hoi]\n",
                                         1), encoding="utf-8")
    return Imported(project, files, results, project.run("build", "--strict"))


def _campaign(imported: Imported, name: str, fmt: str) -> Campaign:
    return load_campaign(imported.project.root / "campaigns" / f"{name}-{fmt}.md",
                         imported.project.root)


CASES = [(name, fmt) for name in EXPECTED for fmt in FORMATS]


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_each_document_imports_and_the_site_builds(imported: Imported, name: str,
                                                   fmt: str) -> None:
    result = imported.results[name, fmt]
    assert result.code == 0, result.err
    assert f"Đã ghi campaigns/{name}-{fmt}.md từ " in result.out
    assert "Xem trước: campaign serve" in result.out
    assert imported.build.code == 0, imported.build.err
    assert "WARNING" not in imported.build.err


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_the_facts_are_those_of_the_document(imported: Imported, name: str, fmt: str) -> None:
    expected = EXPECTED[name]
    c = _campaign(imported, name, fmt)
    assert (c.kind, c.number, c.date, c.year, c.place) == (
        expected.kind, expected.number, expected.date, expected.year, expected.place)
    assert (c.issuer, c.parent) == (expected.issuer, expected.parent)
    markdown = (imported.project.root / "campaigns" / f"{name}-{fmt}.md").read_text("utf-8")
    assert sum(line.startswith("## ") for line in markdown.splitlines()) == expected.sections
    assert [r.agency for r in c.responsibilities if r.agency] == expected.agencies
    assert len(c.slogans) == expected.slogans
    assert len(c.recipients) == expected.recipients
    assert (c.signatory.name if c.signatory else None) == expected.signer


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_the_sentences_of_the_source_reach_the_site(imported: Imported, name: str,
                                                    fmt: str) -> None:
    pages = sorted((imported.project.root / "site" / f"{name}-{fmt}").rglob("*.html"))
    site = words(" ".join(page_text(p.read_text(encoding="utf-8")) for p in pages))
    every = sentences(SOURCES[name])
    missing = [s for s in every if words(s) not in site]
    assert len(every) >= 15
    assert len(missing) <= len(every) // 100, missing


def test_word_numbering_becomes_the_texts_own_numbers(imported: Imported) -> None:
    name = "ke-hoach-tuyen-truyen-bau-cu-pho-bang-2025"
    document = docx.Document(str(imported.files[name]["docx"]))
    typed = [p.text for p in document.paragraphs]
    # The corpus's Word file draws "1. Mục đích" with Word's numbering, as offices do ...
    assert "Mục đích" in typed and "1. Mục đích" not in typed
    # ... and the campaign file has the number as text.
    markdown = (imported.project.root / "campaigns" / f"{name}-docx.md").read_text("utf-8")
    assert "\n1. Mục đích\n" in markdown and "\n2. Yêu cầu\n" in markdown


def test_recipients_gathered_by_a_brace_get_its_purpose(imported: Imported) -> None:
    c = _campaign(imported, "seed-cchc-ha-noi-2021", "docx")
    assert [(r.name, r.purpose) for r in c.recipients[:4]] == [
        ("Thường trực TU, HĐND-UBND TP", "để b/cáo"),
        ("Đ/c Trưởng Ban Tuyên giáo TU", "để b/cáo"),
        ("Thường trực, BTG quận, huyện, thị ủy, Đảng ủy trực thuộc", "để thực hiện"),
        ("MTTQ và các tổ chức CT-XH TP", "để thực hiện")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_footnotes_come_back_as_footnotes(imported: Imported, fmt: str) -> None:
    c = _campaign(imported, "ke-hoach-tuyen-truyen-bau-cu-pho-bang-2025", fmt)
    assert [n.id for n in c.footnotes] == ["1", "2"]
    assert c.footnotes[1].text.startswith("Hiến pháp năm 2013 (sửa đổi, bổ sung năm 2025)")


def test_a_draft_date_left_blank_is_reported_by_line(imported: Imported) -> None:
    name = "cong-van-tuyen-truyen-130-nam-ngay-sinh-bac-ho-lac-duong-2020"
    source = imported.files[name]["txt"]
    line = next(i for i, text in enumerate(source.read_text("utf-8").splitlines(), start=1)
                if "năm 2020" in text and "ngày" in text)
    out = imported.results[name, "txt"].out
    assert f"{source}:{line}: ngày, tháng ban hành còn để trống" in out


# -- one document at a time ------------------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


PLAN = """\
ỦY BAN NHÂN DÂN
XÃ THỬ NGHIỆM
Số: 12/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thử Nghiệm, ngày 03 tháng 02 năm 2025
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Người dân ở tỉnh Bà Rịa - Vũng
Tàu và các tỉnh lân cận biết\u00a0các thủ tục\u200b mới.
II. TỔ CHỨC THỰC HIỆN
1. Văn phòng UBND xã: chủ trì thực hiện.
"""


def test_the_id_comes_from_kind_number_and_year(project: Project, tmp_path: Path) -> None:
    result = project.run("import", _write(tmp_path / "kh.txt", PLAN))
    assert result.code == 0, result.err
    written = project.root / "campaigns" / "kh-12-ubnd-2025.md"
    text = written.read_text(encoding="utf-8")
    assert "issuer: ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM" in text
    # Lines broken inside a name are joined; odd spaces are plain spaces.
    assert "ở tỉnh Bà Rịa - Vũng Tàu và các tỉnh lân cận biết các thủ tục mới." in text
    assert "\u00a0" not in text and "\u200b" not in text


def test_an_import_never_overwrites(project: Project, tmp_path: Path) -> None:
    source = _write(tmp_path / "kh.txt", PLAN)
    assert project.run("import", source, "--id", "thu").code == 0
    written = project.root / "campaigns" / "thu.md"
    written.write_text(written.read_text("utf-8") + "\nSửa tay.\n", encoding="utf-8")
    before = written.read_bytes()
    again = project.run("import", source, "--id", "thu")
    assert again.code == 2
    assert "campaigns/thu.md:1:1: đã có chiến dịch mã 'thu'; lệnh import không ghi đè" in again.err
    assert written.read_bytes() == before
    assert project.run("import", source, "--id", "cchc-ha-noi-2021").code == 2


def test_a_word_table_becomes_a_table_on_the_site(project: Project, tmp_path: Path) -> None:
    document = docx.Document()
    head = document.add_table(rows=1, cols=2)
    head.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ THỬ NGHIỆM\nSố: 14/KH-UBND"
    head.cell(0, 1).text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                            "Thử Nghiệm, ngày 3 tháng 2 năm 2025")
    for text in ("KẾ HOẠCH", "Tuyên truyền thử nghiệm", "I. LỊCH TUYÊN TRUYỀN"):
        document.add_paragraph(text)
    data = document.add_table(rows=2, cols=3)
    for i, row in enumerate([["Thời gian", "Nội dung", "Đơn vị"],
                             ["Tháng 3", "Phát thanh | loa", "Đài xã"]]):
        for j, value in enumerate(row):
            data.cell(i, j).text = value
    document.add_paragraph("Ảnh chụp buổi tuyên truyền:")
    picture = tmp_path / "anh.png"
    Image.new("RGB", (40, 30), "red").save(picture)
    document.add_picture(str(picture))
    document.save(str(tmp_path / "kh.docx"))
    result = project.run("import", tmp_path / "kh.docx")
    assert result.code == 0, result.err
    text = (project.root / "campaigns" / "kh-14-ubnd-2025.md").read_text("utf-8")
    assert "| Thời gian | Nội dung | Đơn vị |\n| --- | --- | --- |\n" \
           "| Tháng 3 | Phát thanh \\| loa | Đài xã |" in text
    saved = project.root / "campaigns" / "kh-14-ubnd-2025-hinh" / "hinh-1.png"
    with Image.open(saved) as image:
        assert image.size == (40, 30)
    assert "kh-14-ubnd-2025-hinh/hinh-1.png" in text and "1 hình được lưu" in result.out
    assert project.run("build").code == 0
    html = (project.root / "site" / "kh-14-ubnd-2025" / "toan-van" / "index.html").read_text(
        "utf-8")
    assert "<th>Thời gian</th>" in html and "<td>Phát thanh | loa</td>" in html


def test_a_scanned_pdf_is_refused(project: Project, tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (595, 842), "white").save(scan)
    result = project.run("import", scan)
    assert result.code == 2
    assert result.err.startswith(f"{scan}:1:1: tệp PDF không có lớp chữ (có lẽ là bản quét)")
    assert sorted(p.name for p in (project.root / "campaigns").iterdir()) == \
        ["cchc-ha-noi-2021.md"]


def test_legacy_encodings_are_named(project: Project, tmp_path: Path) -> None:
    tcvn3 = _write(tmp_path / "cu.txt", "KÕ ho¹ch tuyªn truyÒn c¶i c¸ch hµnh chÝnh n¨m 2021\n"
                   "1. N©ng cao nhËn thøc cña c¸n bé, c«ng chøc vµ nh©n d©n.\n")
    result = project.run("import", tcvn3)
    assert result.code == 2
    assert f"{tcvn3}:1:1: văn bản được gõ bằng bảng mã cũ TCVN3 (ABC)" in result.err
    assert "Unikey" in result.err and "Traceback" not in result.err


def test_other_files_and_a_missing_extra_get_one_line(project: Project, tmp_path: Path) -> None:
    old = _write(tmp_path / "cu.doc", "x")
    result = project.run("import", old)
    assert result.code == 2 and "lưu thành .docx" in result.err
    # Without the import extra, Word files cannot be read: the line says what to install.
    blocker = tmp_path / "blocker" / "docx"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('không có')\n", encoding="utf-8")
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.save(str(tmp_path / "kh.docx"))
    env = {**os.environ, "PYTHONPATH": f"{tmp_path / 'blocker'}{os.pathsep}{REPO}"}
    proc = subprocess.run([sys.executable, "-m", "generator", "import",
                           str(tmp_path / "kh.docx")], cwd=project.root, capture_output=True,
                          text=True, env=env, check=False)
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[0] == (
        f"{tmp_path / 'kh.docx'}:1:1: cần gói python-docx để đọc tệp này; hãy cài phần nhập "
        "văn bản: .venv/bin/pip install -e '.[import]'")


# Not a real document: the smallest decision that issues a plan, as Word files carry it (the
# plan after the decision, under a repeated letterhead).
DECISION = """\
ỦY BAN NHÂN DÂN
XÃ MẪU
Số: 12/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Mẫu, ngày 05 tháng 01 năm 2026
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch tuyên truyền mẫu
CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ MẪU
Căn cứ Luật Tổ chức chính quyền địa phương;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tuyên truyền mẫu.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
ỦY BAN NHÂN DÂN
XÃ MẪU
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
KẾ HOẠCH
Tuyên truyền mẫu
(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05/01/2026 của Ủy ban nhân dân xã Mẫu)
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức.
"""


def test_a_decision_imports_the_plan_it_issues(project: Project, tmp_path: Path) -> None:
    source = _write(tmp_path / "qd.txt", DECISION)
    result = project.run("import", source)
    assert result.code == 0, result.err
    assert "Kế hoạch ban hành kèm theo Quyết định số 12/QĐ-UBND" in result.out
    # The plan's repeated letterhead is left out, and the report says where.
    assert f"{source}:20: bỏ phần tiêu đề lặp lại ở đầu kế hoạch kèm theo (4 dòng)" in result.out
    plan = load_campaign(project.root / "campaigns" / "qd-12-ubnd-2026.md", project.root)
    assert (plan.kind, plan.title) == ("Kế hoạch", "Kế hoạch tuyên truyền mẫu")
    assert plan.decision is not None
    assert (plan.decision.number, plan.decision.date) == ("12/QĐ-UBND", dt.date(2026, 1, 5))
    assert plan.decision.articles[:2] == ["CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ MẪU",
                                          "Căn cứ Luật Tổ chức chính quyền địa phương;"]
    assert [r.name for r in plan.recipients] == ["Như Điều 2", "Lưu: VT"]
    assert plan.signatory is not None and plan.signatory.name == "Nguyễn Văn A"
    assert [p.text for p in plan.purposes] == ["Nâng cao nhận thức."]
    assert plan.preamble == ["(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05/01/2026 của "
                             "Ủy ban nhân dân xã Mẫu)"]


def test_text_copied_from_a_pdf_is_joined_across_page_breaks(project: Project) -> None:
    """The seed as extracted from its PDF: a footnote's text sits between the two halves of a
    sentence that a page break cut ("… một số mô hình" / "¹ Kế hoạch số 253 …" / "mới về …")."""
    result = project.run("import", REPO / "tests" / "data" / "seed-cchc-ha-noi-2021.txt")
    # The text has no letterhead: the campaign is written as a draft with its guesses marked,
    # each said by line, so it validates and is not published until a person settles them.
    assert result.code == 0, result.err
    assert "đã ghi tạm issuer: Chưa rõ cơ quan ban hành" in result.out
    campaign = load_campaign(project.root / "campaigns" / "huong-dan-2021.md", project.root)
    assert campaign.draft
    text = (project.root / "campaigns" / "huong-dan-2021.md").read_text("utf-8")
    assert "thí điểm một số mô hình mới về thu gọn tổ chức bộ máy" in text
    assert "thực hiện 6 nội dung trọng tâm của CCHC[^1]." in text
    assert "\n[^1]: Kế hoạch số 253/KH-UBND ngày 30/12/2020;" in text
    assert "*" not in text.split("---", 2)[2].replace("**Nơi nhận:**", "")


# Not a real document: the letterhead and text forms the import must also read.
PARTY = """\
THÀNH ỦY MẪU
BAN TUYÊN GIÁO
Số 47-HD/BTGTU
ĐẢNG CỘNG SẢN VIỆT NAM
Mẫu, ngày 02 tháng 3 năm 2024
KẾ HOẠCH
Thực hiện Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm theo Bác
I. MỤC ĐÍCH, YÊU CẦU
1. Mỗi hộ có 200 m² vườn; ghi theo mẫu (*) và phụ lục (*), khổ 5*3 m¹.
¹ Theo Quyết định số 12/QĐ-UBND.
"""


def test_party_numbers_titles_that_begin_thuc_hien_and_text_kept_as_typed(
        project: Project, tmp_path: Path) -> None:
    result = project.run("import", _write(tmp_path / "kh.txt", PARTY))
    assert result.code == 0, result.err
    plan = load_campaign(project.root / "campaigns" / "kh-47-btgtu-2024.md", project.root)
    assert (plan.number, plan.issuer, plan.parent) == ("47-HD/BTGTU", "BAN TUYÊN GIÁO",
                                                      "THÀNH ỦY MẪU")
    assert plan.title == ("Kế hoạch thực hiện Chỉ thị số 05-CT/TW về đẩy mạnh học tập và làm "
                          "theo Bác")
    text = (project.root / "campaigns" / "kh-47-btgtu-2024.md").read_text("utf-8")
    # A unit's power is not a footnote mark; asterisks that are not emphasis stay.
    assert "200 m² vườn; ghi theo mẫu (*) và phụ lục (*), khổ 5*3 m¹." in text


def test_a_draft_number_a_bad_id_and_an_empty_file(project: Project, tmp_path: Path) -> None:
    draft = PLAN.replace("Số: 12/KH-UBND", "Số:      /KH-UBND").replace(
        "ỦY BAN NHÂN DÂN\nXÃ THỬ NGHIỆM", "UỶ BAN NHÂN DÂN\nXÃ THỬ NGHIỆM")
    source = _write(tmp_path / "kh.txt", draft)
    result = project.run("import", source)
    assert result.code == 0, result.err
    assert f"{source}:3: số văn bản còn để trống (bản dự thảo?)" in result.out
    # The letterhead's capitals are kept in the file and read in a sentence in normal case.
    assert "cơ quan ban hành: Ủy ban nhân dân xã Thử Nghiệm" in result.out
    assert "issuer: UỶ BAN NHÂN DÂN XÃ THỬ NGHIỆM" in (
        project.root / "campaigns" / "ke-hoach-2025.md").read_text("utf-8")
    for bad in ("../../ra-ngoai", "Kế Hoạch"):
        refused = project.run("import", source, "--id", bad)
        assert refused.code == 2 and f"mã '{bad}' không dùng được" in refused.err
    assert not (tmp_path / "ra-ngoai.md").exists()
    empty = project.run("import", _write(tmp_path / "trong.txt", "\n\n"))
    assert empty.code == 2 and "tệp không có chữ nào để chép" in empty.err
    assert sorted(p.name for p in (project.root / "campaigns").iterdir()) == [
        "cchc-ha-noi-2021.md", "ke-hoach-2025.md"]
