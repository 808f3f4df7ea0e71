"""The import measured on the development corpus (tests/data/corpus: ten real plans,
directives and decisions of 2025, facts read by hand) and on the two documents that list
slogans, received as Word, web page and text files (``python -m bench.importer`` adds the
PDFs and writes the figures to bench/importer.md).

Every import gives a campaign that validates; bodies given tasks, slogans and dated
deadlines are found as the targets ask (recall and precision ≥ 0.95, deadlines recall ≥ 0.9),
and the source's sentences reach the campaign's pages (≥ 99%); bench/importer.md lists what
each document still misses.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from conftest import Project, Result
from corpus import CORPUS_SOURCES, load, load_corpus, plain_text, write_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser

from bench.importer import WRITTEN, Score, imported, measure, render
from generator.campaign.load import load_campaign
from generator.campaign.model import Campaign
from generator.content.calendar import campaign_calendar
from generator.errors import UserError
from generator.importer.limits import Budget
from generator.importer.shape import shape
from generator.importer.sources import text_paragraphs

FORMATS = ("docx", "html", "txt")


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> list[Score]:
    return measure(tmp_path_factory.mktemp("corpus"), FORMATS)


def _ratio(scores: list[Score], right: str, total: str) -> float:
    return sum(getattr(s, right) for s in scores) / sum(getattr(s, total) for s in scores)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_document_imports_into_a_campaign_that_validates(scores: list[Score],
                                                               fmt: str) -> None:
    assert [(s.document, s.error) for s in scores if s.fmt == fmt and s.error] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_dated_deadlines_and_slogans_are_found(scores: list[Score], fmt: str) -> None:
    mine = [s for s in scores if s.fmt == fmt]
    assert _ratio(mine, "deadlines_right", "deadlines_expected") >= 0.9
    assert _ratio(mine, "slogans_right", "slogans_expected") >= 0.95
    assert _ratio(mine, "slogans_right", "slogans_found") >= 0.95


@pytest.mark.parametrize("fmt", FORMATS)
def test_bodies_given_tasks_are_found(scores: list[Score], fmt: str) -> None:
    mine = [s for s in scores if s.fmt == fmt]
    assert _ratio(mine, "agencies_right", "agencies_expected") >= 0.95
    assert _ratio(mine, "agencies_true", "agencies_found") >= 0.95


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_sentences_reach_the_pages(scores: list[Score], fmt: str) -> None:
    mine = [s for s in scores if s.fmt == fmt]
    assert _ratio(mine, "sentences_found", "sentences") >= 0.99


def test_no_lead_in_is_an_agency_and_no_internal_id_is_shown(scores: list[Score]) -> None:
    extra = [m for s in scores for m in s.missed if m.startswith("cơ quan thừa")]
    assert not any("như sau" in m or "muc-" in m for m in extra), extra


def _imported_plan(project: Project, tmp_path: Path, fmt: str) -> tuple[Result, Campaign]:
    """The commune plan written for the tests (tests/data/written) received as ``fmt``."""
    doc = load(WRITTEN / "ke-hoach-xa-dong-hoa-phong-chay-2026.txt")
    file = tmp_path / f"ke-hoach.{fmt}"
    if fmt == "docx":
        write_docx(doc, file)
    else:
        file.write_text(plain_text(doc), encoding="utf-8")
    result = project.run("import", file, "--id", "dong-hoa")
    assert result.code == 0, result.err
    return result, load_campaign(project.root / "campaigns" / "dong-hoa.md", project.root)


@pytest.mark.parametrize("fmt", ["docx", "txt"])
def test_a_new_commune_plan_reads_as_its_reader_would(project: Project, tmp_path: Path,
                                                      fmt: str) -> None:
    result, c = _imported_plan(project, tmp_path, fmt)
    # Five quoted slogans under a lead-in inside part III, posters drawn from them.
    assert [s.text for s in c.slogans][:2] == ["Phòng cháy hơn chữa cháy",
                                               "Mỗi hộ gia đình một bình chữa cháy"]
    assert len(c.slogans) == 5
    # "1. Phòng Văn hóa - Xã hội" on its own line over bullets is a body; no internal id
    # and no lead-in is one.
    names = [r.agency for r in c.responsibilities if r.agency]
    assert names[:2] == ["Phòng Văn hóa - Xã hội", "Công an xã"]
    assert not any(r.id.startswith("muc-") for r in c.responsibilities if r.agency)
    # The task table's rows reach their bodies and the calendar (Word keeps the table; Word's
    # text keeps its cells between tabs).
    due = {(d.date, d.agency) for d in c.deadlines}
    assert (dt.date(2027, 1, 20), "Công an xã") in due
    assert (dt.date(2026, 12, 15), "Phòng Văn hóa - Xã hội") in due
    ics = campaign_calendar(c, None, "https://example.invalid/").decode()
    assert "Công an xã" in ics and "20270120" in ics
    # The hotline in the closing paragraph, and the issuer in a sentence not in capitals.
    assert c.contact is not None and c.contact.hotline == "0258 3812 345"
    assert "của Ủy ban nhân dân xã Đông Hòa" in c.summary
    assert c.issuer_name() == "Ủy ban nhân dân xã Đông Hòa"
    # The report lists each guess at its line and what the site still needs.
    assert "campaigns/dong-hoa.md:" in result.out and "Công an xã (" in result.out
    assert "5 khẩu hiệu:" in result.out
    assert "summary: một hai câu cho người dân" in result.out


def test_a_document_without_its_letterhead_becomes_a_marked_draft(project: Project,
                                                                  tmp_path: Path) -> None:
    file = tmp_path / "trang-2.txt"
    file.write_text("KẾ HOẠCH\nTuyên truyền an toàn giao thông\nI. MỤC ĐÍCH\n"
                    "1. Nâng cao ý thức chấp hành Luật Giao thông đường bộ năm 2026.\n",
                    encoding="utf-8")
    result = project.run("import", file, "--id", "trang-2")
    assert result.code == 0, result.err
    c = load_campaign(project.root / "campaigns" / "trang-2.md", project.root)
    assert c.draft and c.year == 2026
    assert "đã ghi tạm place" in result.out and "draft: true" in result.out


def _facts(c: Campaign) -> dict[str, object]:
    """What a communicator checks after an import, field by field."""
    return {"kind": c.kind, "number": c.number, "date": c.date, "place": c.place,
            "issuer": c.issuer, "parent": c.parent, "year": c.year, "title": c.title,
            "decision": c.decision.title if c.decision else None, "draft": c.draft,
            "signatory": c.signatory.name if c.signatory else None,
            "recipients": [r.name for r in c.recipients], "slogans": [s.text for s in c.slogans],
            "agencies": [r.agency for r in c.responsibilities if r.agency],
            "deadlines": [(d.date, d.agency) for d in c.deadlines], "contact": c.contact}


def test_a_word_file_and_its_pdf_give_the_same_campaign(tmp_path: Path,
                                                         browser: Browser) -> None:
    """Printed from Word in Times New Roman's metrics (Liberation Serif, with DejaVu drawing
    the letters it lacks, inside words), the PDF reads as its .docx does."""
    documents = [(load_corpus(path), path) for path in CORPUS_SOURCES.values()]
    documents += [(load(path), path) for path in sorted(WRITTEN.glob("*.txt"))]
    differ = {}
    for doc, source in documents:
        files = render(doc, source, tmp_path / "files", ("docx", "pdf"), browser)
        word = _facts(imported(files["docx"], tmp_path / "docx", doc.name)[0])
        printed = _facts(imported(files["pdf"], tmp_path / "pdf", doc.name)[0])
        differ.update({(doc.name, key): (word[key], printed[key]) for key in word
                       if word[key] != printed[key]})
    assert differ == {}


# Not a real document: the guide's one-line corrections of what the import read wrong.
CORRECTED = """---
issuer: Ủy ban nhân dân xã Mẫu
place: Mẫu
date: 05/01/2026
---

# KẾ HOẠCH
# Tuyên truyền chuyển đổi số

## I. TỔ CHỨC THỰC HIỆN

1. Phân công nhiệm vụ cụ thể như sau:

2. Sở Y tế {.viec-chung}

- Các đơn vị báo cáo kết quả trước ngày 20/12/2026.

3. Tổ công nghệ số cộng đồng {#to-cong-nghe-so}

- Hướng dẫn người dân cài đặt ứng dụng VNeID.

4. Công an xã

- Hỗ trợ người dân kích hoạt tài khoản định danh điện tử.
"""


def test_a_wrong_guess_is_corrected_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "campaigns" / "sua.md"
    path.parent.mkdir()
    path.write_text(CORRECTED, encoding="utf-8")
    c = load_campaign(path, tmp_path)
    bodies = {r.id: r.agency for r in c.responsibilities if r.agency}
    # A lead-in is never a body; "{.viec-chung}" makes a line no body's; "{#ma}" makes one a
    # body the words alone would not.
    assert bodies == {"to-cong-nghe-so": "Tổ công nghệ số cộng đồng", "cong-an-xa": "Công an xã"}
    general = [t.text for r in c.responsibilities if not r.agency for t in r.tasks]
    assert "Sở Y tế" in general and "{" not in " ".join(general)
    assert [(d.date, d.agency) for d in c.deadlines] == [(dt.date(2026, 12, 20), None)]


# Pieces of the genre the import's new rules look for, shuffled with noise: a reader of
# received documents must only succeed or refuse in a sentence, never fail.
PIECES = ["KẾ HOẠCH", "I. TỔ CHỨC THỰC HIỆN", "1. Sở Y tế", "- Chủ trì, phối hợp với Công an xã",
          "2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã, Hội Nông dân xã vận động",
          "Một số khẩu hiệu tuyên truyền:", "- “Phòng cháy hơn chữa cháy”;",
          "| TT | Nội dung công việc | Cơ quan chủ trì | Thời gian hoàn thành |",
          "| 1 | Việc | Phòng Văn hóa - Xã hội | 31/02/2026 |", "Cơ quan chủ trì: Bộ Công an.",
          "trước ngày 99/99/2026", "chậm nhất ngày 15 tháng 13 năm 2026", "PHỤ LỤC",
          "liên hệ Phòng Văn hóa, đường dây nóng 0258 3812 345", "{.viec-chung}", "{#ma}",
          "UỶ BAN NHÂN DÂN", "XÃ ĐÔNG HÒA", "Đông Hòa, ngày 02 tháng 12 năm", "Nơi nhận:",
          "Số: /KH-UBND", "\t|\t", "Cán bộ phụ trách, Văn phòng", "Bộ trưởng Bộ Công an"]


@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=30))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_genre_pieces_in_any_order_import_or_are_refused_cleanly(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        target = root / "campaigns" / "thu.md"
        target.parent.mkdir()
        try:
            paragraphs = text_paragraphs("\n".join(lines), Budget(Path("x.txt")))
            if not paragraphs:
                return
            target.write_text(shape(paragraphs).markdown, encoding="utf-8")
            load_campaign(target, root)
        except UserError as exc:
            assert exc.problems
