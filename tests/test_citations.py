"""The citation index is known before any page is written, and says what the pages link."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

from generator.campaign.load import load_campaign
from generator.content.calendar import reporting_dates
from generator.content.citations import index_citations
from generator.content.pages import campaign_pages
from generator.content.paths import CampaignPaths
from generator.content.vi import long_date, short_date

SAMPLE = Path(__file__).parent.parent / "campaigns" / "cchc-ha-noi-2021.yml"
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
