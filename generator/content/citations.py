"""Every document a campaign cites, and every page that mentions it, known before any page is
written: each page is then a pure function of the campaign and this index, and the order in
which pages are written never matters.

A document is mentioned where its number ("105/KH-UBND") stands in the text of a page, or where
the page names it on purpose (the overview lists the documents the guidance is based on).
:func:`page_texts` says which text of the campaign lands on which page; a test holds it to
the links the pages really carry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.campaign.model import Campaign, Point
from generator.content.markdown import escape
from generator.content.paths import CampaignPaths

# The titles of the campaign's own pages, as the pages show them.
TOPICS_TITLE = "Nội dung tuyên truyền"
FORMS_TITLE = "Hình thức tuyên truyền"
SLOGANS_TITLE = "Khẩu hiệu"


@dataclass(frozen=True)
class Citations:
    """How each cited document is found in escaped text, and the pages that mention it."""

    by_number: dict[str, str]  # the escaped number, as it stands in a page → document id
    pattern: re.Pattern[str] | None
    cited_in: dict[str, dict[str, str]]  # document id → {page path: page title}, page order

    def found(self, escaped: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(escaped) if self.pattern else iter(())


@dataclass(frozen=True)
class PageText:
    """Text of the campaign that one page shows, and the documents it names on purpose."""

    page: str
    title: str
    texts: tuple[str, ...]
    named: tuple[str, ...] = ()


def index_citations(campaign: Campaign) -> Citations:
    by_number = {escape(d.number): d.id for d in campaign.documents if d.number}
    numbers = sorted(by_number, key=len, reverse=True)
    pattern = (re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, numbers)) + r")(?![\w/-])")
               if numbers else None)
    index = Citations(by_number, pattern, {})
    for source in page_texts(campaign):
        mentioned = [*source.named]
        for text in source.texts:
            mentioned += [by_number[match[1]] for match in index.found(escape(text))]
        for doc_id in mentioned:
            index.cited_in.setdefault(doc_id, {})[source.page] = source.title
    return index


def page_texts(campaign: Campaign) -> Iterator[PageText]:
    """Which text of the campaign each page shows (the documents page aside), in page order."""
    paths = CampaignPaths(campaign.id)
    reporting = [campaign.reporting.text] if campaign.reporting else []
    notes = {note.id: note.text for note in campaign.footnotes}
    basis = [campaign.document(ref) for ref in campaign.basis]
    yield PageText(paths.overview, campaign.short_title, (
        *(doc.title for doc in basis if doc.title and doc.number),
        *_points(campaign.purposes),
        *_notes(notes, (p.footnote for p in campaign.purposes)),
        *reporting), named=tuple(doc.id for doc in basis))
    topic_notes = [t.footnote for t in campaign.topics]
    topic_notes += [p.footnote for t in campaign.topics for p in t.points]
    yield PageText(paths.topics, TOPICS_TITLE, (
        *(text for topic in campaign.topics for text in (topic.text, *_points(topic.points))),
        *_notes(notes, topic_notes)))
    yield PageText(paths.forms, FORMS_TITLE, tuple(
        text for form in campaign.forms
        for text in (*_points(form.channels), *([form.requirement] if form.requirement else []))))
    by = campaign.reporting.by if campaign.reporting else []
    for agency in campaign.responsibilities:
        yield PageText(paths.agency(agency.id), agency.agency,
                       (*_points(agency.tasks), *(reporting if agency.id in by else [])))
    yield PageText(paths.slogans, SLOGANS_TITLE, tuple(s.text for s in campaign.slogans))


def _points(items: Iterable[Point]) -> Iterator[str]:
    for item in items:
        yield item.text
        yield from item.points


def _notes(notes: dict[str, str], ids: Iterable[str | None]) -> Iterator[str]:
    return (notes[i] for i in dict.fromkeys(ids) if i and i in notes)
