"""The citation index is known before any page is written, and says what the pages link."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

from generator.campaign.load import load_campaign
from generator.content.calendar import reporting_dates
from generator.content.citations import find_documents, index_citations
from generator.content.pages import campaign_pages
from generator.paths import CampaignPaths
from generator.vi import long_date, short_date

SAMPLE = Path(__file__).parent.parent / "campaigns" / "cchc-ha-noi-2021.md"
SAMPLE_YAML = Path(__file__).parent / "data" / "cchc-ha-noi-2021.yml"
_LINK = re.compile(r"\]\(([^)#]*van-ban\.md)#([\w-]+)\)")


def test_the_index_is_exactly_what_the_pages_link() -> None:
    campaign = load_campaign(SAMPLE)
    pages = campaign_pages(campaign)
    documents = CampaignPaths(campaign.id).documents
    linked: dict[str, set[str]] = {}
    for path, markdown in pages.items():
        for target, doc_id in _LINK.findall(markdown):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            assert resolved == documents
            if path != documents:
                linked.setdefault(doc_id, set()).add(path)
    index = index_citations(campaign)
    assert {doc: set(pages) for doc, pages in index.cited_in.items()} == linked
    assert len(linked) >= 10


def test_pages_do_not_depend_on_the_order_they_are_written_in() -> None:
    campaign = load_campaign(SAMPLE)
    first = campaign_pages(campaign)
    again = campaign_pages(campaign)
    assert first == again
    paths = CampaignPaths(campaign.id)
    listed = first[paths.documents]
    for doc_id, cited in index_citations(campaign).cited_in.items():
        assert doc_id in listed
        for title in cited.values():
            assert title.split()[0] in listed


def test_dates_follow_decree_30_everywhere() -> None:
    assert short_date(dt.date(2021, 1, 31)) == "31/01/2021"
    assert short_date(dt.date(2020, 6, 3)) == "03/6/2020"
    assert long_date(dt.date(2021, 5, 21)) == "ngày 21 tháng 5 năm 2021"
    assert long_date(dt.date(2021, 2, 5)) == "ngày 05 tháng 02 năm 2021"
    campaign = load_campaign(SAMPLE)
    assert campaign.reporting is not None
    monthly = campaign.model_copy(update={"reporting": campaign.reporting.model_copy(
        update={"every_months": 1})})
    titles = [title for _, title in reporting_dates(monthly)]
    assert "Báo cáo định kỳ 1 tháng (kỳ kết thúc 31/01/2021)" in titles
    assert "Báo cáo định kỳ 1 tháng (kỳ kết thúc 30/6/2021)" in titles


SEED = Path(__file__).parent / "data" / "seed-cchc-ha-noi-2021.txt"
# Every document the seed cites by number (kind, number, date, issuer as its text gives them).
SEED_DOCUMENTS = [
    ("Chương trình", "08-CTr/TU", "2016-04-26", "Thành ủy Hà Nội"),
    ("Kế hoạch", "105/KH-UBND", "2021-04-19", "Ủy ban nhân dân thành phố Hà Nội"),
    ("Kế hoạch", "171-KH/TU", "2019-12-31", "Thành ủy Hà Nội"),
    ("Nghị quyết", "97/2019/QH14", None, "Quốc hội"),
    ("Kế hoạch", "232/KH-UBND", "2020-12-01", "UBND Thành phố"),
    ("Kế hoạch", "253/KH-UBND", "2020-12-30", None),
    ("Quyết định", "629/QĐ-UBND", "2021-02-03", None),
    ("Kế hoạch", "36/KH-UBND", "2021-02-05", None),
    ("Kế hoạch", "07/KH-UBND", "2021-01-12", None),
    ("Kế hoạch", "24/KH-UBND", "2021-01-22", None),
    ("Kế hoạch", "25/KH-UBND", "2021-01-22", None),
    ("Chỉ thị", "04/CT-UBND", "2021-02-09", None),
    ("Pháp lệnh", "34/2007/PL-UBTVQH11", "2007-04-20", "Ủy ban Thường vụ Quốc hội"),
    ("Kế hoạch", "210/KH-UBND", "2020-11-05", "UBND Thành phố"),
    ("Nghị quyết", "115/2020/QH14", "2020-06-19", "Quốc hội"),
]


def test_every_document_number_of_the_seed_is_found() -> None:
    found: dict[str, tuple[str, str, str | None, str | None]] = {}
    for doc in find_documents(SEED.read_text(encoding="utf-8")):
        found.setdefault(doc.number or "", (doc.kind, doc.number or "",
                                            doc.date.isoformat() if doc.date else None,
                                            doc.issuer))
    assert list(found.values()) == SEED_DOCUMENTS


def test_a_title_in_quotes_is_the_documents_title() -> None:
    [doc] = find_documents("Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính "
                           "phủ phê duyệt “Chương trình Chuyển đổi số quốc gia đến năm 2025, "
                           "định hướng đến năm 2030”;")
    assert (doc.kind, doc.number, doc.date, doc.issuer, doc.title) == (
        "Quyết định", "749/QĐ-TTg", dt.date(2020, 6, 3), "Thủ tướng Chính phủ",
        "phê duyệt “Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030”")
    [directive] = find_documents("Chỉ thị số 46-CT/TW, ngày 16/5/2025 của Bộ Chính trị")
    assert (directive.number, directive.date, directive.issuer) == (
        "46-CT/TW", dt.date(2025, 5, 16), "Bộ Chính trị")
    assert list(find_documents("Kế hoạch 2021-2025 của thành phố")) == []


def test_a_document_only_the_text_mentions_gets_an_entry_and_links() -> None:
    campaign = load_campaign(SAMPLE)
    mention = ("Quán triệt Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ "
               "phê duyệt “Chương trình Chuyển đổi số quốc gia”.")
    edited = campaign.model_copy(update={"purposes": [
        campaign.purposes[0].model_copy(update={"text": mention}), *campaign.purposes[1:]]})
    pages = campaign_pages(edited)
    paths = CampaignPaths(campaign.id)
    documents = pages[paths.documents]
    assert "## Quyết định số 749/QĐ-TTg {#quyet-dinh-749-qd-ttg}" in documents
    assert "- **Cơ quan ban hành:** Thủ tướng Chính phủ" in documents
    assert "- **Ngày ban hành:** 03/6/2020" in documents
    assert "[749/QĐ-TTg](van-ban.md#quyet-dinh-749-qd-ttg)" in pages[paths.full_text]
    before = len(index_citations(campaign).documents)
    assert f"{before + 1} văn bản được nhắc đến" in documents


def test_generated_words_follow_the_documents_kind() -> None:
    campaign = load_campaign(SAMPLE)
    plan = campaign.model_copy(update={"kind": "Kế hoạch"})
    pages = "\n".join(campaign_pages(plan).values())
    assert "Kế hoạch này nêu" in pages and "## Trong kế hoạch này" in pages
    assert "Hướng dẫn nêu" not in pages and "trong hướng dẫn" not in pages
    # A basis the YAML form lists by id reads as Vietnamese writes it: issuer, then what it
    # is about.
    listed = load_campaign(SAMPLE_YAML, root=SAMPLE.parent.parent)
    document = campaign_pages(listed)[CampaignPaths(campaign.id).full_text]
    assert "ngày 19/4/2021 của Ủy ban nhân dân thành phố Hà Nội về “Thông tin" in document


SOURCES = Path(__file__).parent / "data" / "sources"
# Every document the two other samples cite by number; the plan's "Chỉ thị số số 46 - CT/TW"
# (a typo of the original) is the same 46-CT/TW it cites again correctly.
OTHER_DOCUMENTS = {
    "ke-hoach-tuyen-truyen-bau-cu-pho-bang-2025.txt": [
        ("Quyết định", "03/QĐ-UBBC", "2025-12-05", "Ủy ban bầu cử xã Phố Bảng"),
        ("Kế hoạch", "55-KH/TU", "2025-09-17", "Tỉnh ủy"),
        ("Chỉ thị", "46-CT/TW", "2025-05-16", "Bộ Chính trị"),
        ("Hướng dẫn", "36-HD/BTCTW", "2025-09-09", "Ban Tổ chức Trung ương"),
        ("Chỉ thị", "28/CT-TTg", "2025-09-18", "Thủ tướng Chính phủ"),
        ("Hướng dẫn", "19-HD/UBKTTW", "2025-08-25", "Ủy ban Kiểm tra Trung ương"),
        ("Kế hoạch", "249-KH/UBKTTW", "2025-07-24", "Ủy ban Kiểm tra Trung ương")],
    "cong-van-tuyen-truyen-130-nam-ngay-sinh-bac-ho-lac-duong-2020.txt": [
        # "ngày 31 tháng 3 năm 2020": the date written out in words.
        ("Công văn", "1494-CV/BTGTU", "2020-03-31", "Ban Tuyên giáo Tỉnh ủy"),
        # "... của Bộ Chính trị theo tinh thần Kế hoạch ...": the issuer ends before "theo".
        ("Chỉ thị", "05-CT/TW", None, "Bộ Chính trị")],
}


def test_every_document_number_of_the_other_samples_is_found() -> None:
    for name, expected in OTHER_DOCUMENTS.items():
        found: dict[str, tuple[str, str, str | None, str | None]] = {}
        text = (SOURCES / name).read_text(encoding="utf-8").split("# ---\n", 1)[1]
        for doc in find_documents(text):
            found.setdefault(doc.number or "", (doc.kind, doc.number or "",
                                                doc.date.isoformat() if doc.date else None,
                                                doc.issuer))
        assert list(found.values()) == expected, name
