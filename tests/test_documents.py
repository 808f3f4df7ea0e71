"""Real documents of the genre, written as Markdown campaign files, reach the site whole.

Three shapes: the seed (a guidance, Hà Nội 2021), a commune's election plan with dated phases,
23 slogans and named roles (Phố Bảng, 2025), and a district's letter with numbered points and
slogans but no sections (Lạc Dương, 2020). Each source text is kept under tests/data/ with
where it was copied from; each is built with ``--strict`` and every sentence of it must be
found in the built pages.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import REPO, copy_project, page_text

from generator.campaign.load import load_campaign
from generator.campaign.model import Campaign
from generator.content.pages import campaign_pages

DATA = REPO / "tests" / "data"
# Campaign file → the source text it was written from.
DOCUMENTS = {
    REPO / "campaigns" / "cchc-ha-noi-2021.md": DATA / "seed-cchc-ha-noi-2021.txt",
    DATA / "campaigns" / "kh-01-tbttkt-pho-bang-2025.md":
        DATA / "sources" / "ke-hoach-tuyen-truyen-bau-cu-pho-bang-2025.txt",
    DATA / "campaigns" / "cv-130-nam-ngay-sinh-bac-ho-lac-duong-2020.md":
        DATA / "sources" / "cong-van-tuyen-truyen-130-nam-ngay-sinh-bac-ho-lac-duong-2020.txt",
}
# The letterhead's fixed lines: the campaign's front matter states the facts they carry.
_LETTERHEAD = re.compile(r"^(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập - Tự do - Hạnh phúc"
                         r"|Số: .*)$")
_MARKER = re.compile(r"^\s*(?:[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|[-+•]|[¹²³⁴⁵⁶⁷⁸⁹]+)\s+")
_NOTE_MARK = re.compile(r"⁽[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾|\[\^?\d+\]")


def words(text: str) -> str:
    """Text reduced to its words, lower case: what 'the same sentence' means here."""
    text = _NOTE_MARK.sub("", unicodedata.normalize("NFC", text))
    return " ".join(re.findall(r"\w+", text.lower()))


def sentences(source: Path) -> list[str]:
    """Every sentence of a source text, its list markers and footnote marks taken off."""
    body = source.read_text(encoding="utf-8").split("# ---\n", 1)[-1]
    found = []
    for line in body.splitlines():
        line = line.strip()
        # The seed's recipients were printed with braces joining two lines to one purpose
        # ("} (để / } b/cáo)"); the Markdown form writes each purpose out.
        if not line or _LETTERHEAD.match(line) or "}" in line:
            continue
        line = _MARKER.sub("", line)
        found += [s for s in re.split(r"(?<=[.!?;:])\s+", line) if words(s)]
    return found


@pytest.fixture(scope="module")
def documents_site(tmp_path_factory: pytest.TempPathFactory, poster_cache: Path) -> Path:
    """One project holding the three documents, built strictly."""
    project = copy_project(tmp_path_factory.mktemp("documents") / "project", poster_cache)
    for campaign in DOCUMENTS:
        if campaign.parent != REPO / "campaigns":
            # Their 30 slogans as screen images only: the sentences are what is checked
            # here, and print formats would draw 180 posters.
            text = campaign.read_text(encoding="utf-8").replace(
                "\n---\n", "\nposters:\n  formats: [mang-xa-hoi]\n---\n", 1)
            (project.root / "campaigns" / campaign.name).write_text(text, encoding="utf-8")
    result = project.run("build")
    assert result.code == 0, result.err
    assert "WARNING" not in result.err
    return project.root / "site"


@pytest.mark.parametrize("campaign", DOCUMENTS, ids=lambda p: p.stem)
def test_every_sentence_of_the_source_is_in_the_built_pages(
        documents_site: Path, campaign: Path) -> None:
    pages = sorted((documents_site / campaign.stem).rglob("*.html"))
    assert len(pages) >= 6
    site = words(" ".join(page_text(p.read_text(encoding="utf-8")) for p in pages))
    every = sentences(DOCUMENTS[campaign])
    missing = [s for s in every if words(s) not in site]
    assert len(every) >= 15
    assert missing == []


def _load(path: Path) -> Campaign:
    return load_campaign(path, root=REPO)


def test_the_plan_is_read_as_a_plan_with_phases_roles_and_slogans() -> None:
    plan = _load(DATA / "campaigns" / "kh-01-tbttkt-pho-bang-2025.md")
    assert (plan.kind, plan.number, plan.date) == ("Kế hoạch", "01/KH-TBTTKT",
                                                   dt.date(2025, 12, 10))
    assert plan.title.startswith("Kế hoạch triển khai của Tiểu ban thông tin")
    assert [(p.title, p.start, p.end) for p in plan.phases] == [
        ("Đợt 1", dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
        ("Đợt 2", dt.date(2026, 1, 1), dt.date(2026, 3, 15)),
        ("Đợt 3", dt.date(2026, 3, 16), None)]
    assert len(plan.slogans) == 23
    assert plan.slogans[20].text == "Đảng Cộng sản Việt Nam quang vinh muôn năm!"
    roles = [r.agency for r in plan.responsibilities]
    assert roles[0] == "Đồng chí Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban"
    assert roles[4] is None  # "Các thành viên khác ... căn cứ vào ...": a task for everyone
    assert [r.purpose for r in plan.recipients] == ["Báo cáo", "Báo cáo", "T/h", None]
    assert plan.signatory is not None
    assert (plan.signatory.authority, plan.signatory.name) == (["TM. TIỂU BAN"],
                                                               "Nguyễn Văn Hoàn")
    assert plan.closing and plan.closing.startswith("Trên đây là kế hoạch")
    assert [n.id for n in plan.footnotes] == ["1", "2"]
    # Headings worded otherwise than usual are kept as the document words them.
    assert plan.headings["forms"] == "III. HÌNH THỨC, THỜI GIAN TUYÊN TRUYỀN"


def test_the_letter_keeps_its_numbered_points_and_finds_its_slogans() -> None:
    letter = _load(DATA / "campaigns" / "cv-130-nam-ngay-sinh-bac-ho-lac-duong-2020.md")
    assert letter.kind == "Công văn" and letter.date is None and letter.year == 2020
    assert letter.preamble[0].startswith("Thực hiện Công văn số 1494-CV/BTGTU")
    [body] = letter.sections
    assert body.title is None
    assert [p.text[:20] for p in body.points] == [
        "Tuyên truyền về thân", "Tổ chức các hoạt độn", "Một số khẩu hiệu tuy"]
    assert len(letter.slogans) == 8
    assert letter.closing == ("Nhận được Công văn này, đề nghị các tổ chức cơ sở đảng, các cơ "
                              "quan, đơn vị triển khai công tác tuyên truyền đảm bảo kịp thời, "
                              "hiệu quả.")


def test_the_seed_as_markdown_finds_its_reporting_rhythm_in_the_tasks() -> None:
    seed = _load(REPO / "campaigns" / "cchc-ha-noi-2021.md")
    assert seed.reporting is not None
    assert (seed.reporting.every_months, seed.reporting.year_end) == (6, True)
    [agency] = seed.reporting.by
    assert (seed.responsibility(agency).agency or "").startswith("Thường trực cấp ủy")
    assert [len(getattr(seed, key)) for key in ("purposes", "topics", "forms",
                                                "responsibilities", "slogans")] == [3, 3, 3, 4, 4]
    assert seed.forms[2].title == "Tuyên truyền trực quan"
    assert [f.kind for f in seed.forms] == ["direct", "media", "visual"]


# Not a real document: the smallest text of the shape, to show how a decision that issues a
# plan is read.
DECISION = """---
issuer: Ủy ban nhân dân xã Mẫu
place: Mẫu
date: 05/01/2026
decision:
  number: 12/QĐ-UBND
  date: 05/01/2026
---

# QUYẾT ĐỊNH
# Về việc ban hành Kế hoạch tuyên truyền mẫu

Căn cứ Luật Tổ chức chính quyền địa phương;

**QUYẾT ĐỊNH:**

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tuyên truyền mẫu.

# KẾ HOẠCH
# Tuyên truyền mẫu

## I. MỤC ĐÍCH, YÊU CẦU

1. Nâng cao nhận thức.
"""


def test_a_decision_issuing_a_plan_keeps_the_decision_and_publishes_the_plan(
        tmp_path: Path) -> None:
    folder = tmp_path / "campaigns"
    folder.mkdir()
    (folder / "vi-du-quyet-dinh.md").write_text(DECISION, encoding="utf-8")
    plan = load_campaign(folder / "vi-du-quyet-dinh.md")
    assert (plan.kind, plan.title) == ("Kế hoạch", "Kế hoạch tuyên truyền mẫu")
    assert plan.decision is not None
    assert (plan.decision.number, plan.decision.title) == (
        "12/QĐ-UBND", "Về việc ban hành Kế hoạch tuyên truyền mẫu")
    assert plan.decision.articles == [
        "Căn cứ Luật Tổ chức chính quyền địa phương;", "QUYẾT ĐỊNH:",
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tuyên truyền mẫu."]
    assert [p.text for p in plan.purposes] == ["Nâng cao nhận thức."]
    overview = campaign_pages(plan)["vi-du-quyet-dinh/toan-van.md"]
    assert ("Kế hoạch này được ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05/01/2026, "
            "trích yếu: Về việc ban hành Kế hoạch tuyên truyền mẫu.") in overview
