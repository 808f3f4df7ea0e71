"""Every document a campaign cites, and every page that mentions it, known before any page is
written: each page is then a pure function of the campaign and this index, and the order in
which pages are written never matters.

Documents are found in the text itself, as Vietnamese writes them ("Kế hoạch số 105/KH-UBND
ngày 19/4/2021 của UBND thành phố Hà Nội về việc “…”", "Nghị quyết số 97/2019/QH14",
"Chỉ thị số 46-CT/TW, ngày 16/5/2025 của Bộ Chính trị"); the campaign's own list of documents
adds those without a number and corrects what the text leaves out. A document is mentioned where
its number stands in the text of a page, or where the page names it on purpose (the overview
lists the documents the guidance is based on). :func:`page_texts` says which text of the
campaign lands on which page; a test holds it to the links the pages really carry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pydantic import ValidationError

from generator.campaign.model import Campaign, Document, Point
from generator.content.markdown import escape
from generator.paths import CampaignPaths
from generator.vi import slugify

# The titles of the campaign's own pages, as the pages show them.
TOPICS_TITLE = "Nội dung tuyên truyền"
FORMS_TITLE = "Hình thức tuyên truyền"
SLOGANS_TITLE = "Khẩu hiệu"
AGENCIES_TITLE = "Trách nhiệm của các cơ quan"


# The kinds of document a guidance cites, as they open a mention.
KINDS = ("Kế hoạch", "Quyết định", "Chỉ thị", "Nghị quyết", "Chương trình", "Công văn",
         "Thông tư liên tịch", "Thông tư", "Nghị định", "Pháp lệnh", "Luật", "Hướng dẫn",
         "Kết luận", "Thông báo", "Đề án", "Quy định", "Công điện", "Văn bản")
# "105/KH-UBND", "08-CTr/TU", "97/2019/QH14", "34/2007/PL-UBTVQH11", "749/QĐ-TTg".
_NUMBER = r"\d+[/-][\w/-]*\w"
# What ends an issuer's name: what the document is about ("về", "Về việc"), or a clause that
# follows it ("theo tinh thần ...", "nhằm ...").
_AFTER_ISSUER = r"[Vv]ề|phê duyệt|ban hành|quy định|hướng dẫn|theo|nhằm|để|đã|và"
_MENTION = re.compile(
    rf"\b(?P<kind>{'|'.join(KINDS)})\s+(?:số\s+)?(?P<number>{_NUMBER})"
    r"(?:,?\s+ngày\s+(?:(?P<date>\d{1,2}/\d{1,2}/\d{4})"
    r"|(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s+năm\s+(?P<year>\d{4})))?"
    r"(?:,?\s+của\s+(?P<issuer>[^,;.()“”\"*]+?)"
    rf"(?=\s+(?:{_AFTER_ISSUER})\s|\s*[,;.()“”\"]|\s*$))?"
    r"(?:\s+(?P<verb>[Vv]ề việc|[Vv]ề|phê duyệt|ban hành)\s+[“\"]\*?(?P<title>[^”\"*]+?)\*?[”\"])?")
# These only join the issuer to what the document is about; others belong to its title.
_ABOUT = ("về", "về việc")


def find_documents(text: str) -> Iterator[Document]:
    """Each document mentioned in ``text`` by kind and number, with its date, issuer and title
    where the mention gives them."""
    for match in _MENTION.finditer(text):
        number = match["number"]
        if not any(ch.isupper() for ch in number):  # "Kế hoạch 2021-2025" is a period
            continue
        title = None
        if match["title"]:
            verb = "" if match["verb"].lower() in _ABOUT else f"{match['verb']} "
            title = f"{verb}“{match['title'].strip()}”"
        date = match["date"] or (match["year"] and
                                 f"{match['day']}/{match['month']}/{match['year']}")
        fields = {"id": slugify(f"{match['kind']} {number}", limit=80), "kind": match["kind"],
                  "number": number, "date": date,
                  "issuer": (match["issuer"] or "").strip() or None, "title": title}
        try:
            yield Document.model_validate({k: v for k, v in fields.items() if v})
        except ValidationError:  # a date that does not exist: the number alone is still news
            yield Document.model_validate({k: fields[k] for k in ("id", "kind", "number")})


def cited_documents(campaign: Campaign) -> tuple[Document, ...]:
    """The campaign's own list, each entry completed from the text, then every other document
    the text mentions by number, in the order first mentioned."""
    found: dict[str, Document] = {}
    texts = [text for source in page_texts(campaign) for text in source.texts]
    for text in [*texts, *(d.title for d in campaign.documents if d.title)]:
        for doc in find_documents(text):
            known = found.get(doc.number or "")
            found[doc.number or ""] = _completed(known, doc) if known else doc
    listed = []
    for doc in campaign.documents:
        mention = found.pop(doc.number, None) if doc.number else None
        listed.append(_completed(doc, mention) if mention else doc)
    ids = {doc.id for doc in listed}
    return (*listed, *(doc for doc in found.values() if doc.id not in ids))


def _completed(doc: Document, other: Document) -> Document:
    """``doc`` with the fields it lacks taken from ``other`` (its own are kept)."""
    missing = {name: getattr(other, name) for name in ("date", "issuer", "title")
               if getattr(doc, name) is None and getattr(other, name) is not None}
    return doc.model_copy(update=missing) if missing else doc


@dataclass(frozen=True)
class Citations:
    """The documents cited, how each is found in escaped text, and the pages mentioning it."""

    documents: tuple[Document, ...]
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
    documents = cited_documents(campaign)
    by_number = {escape(d.number): d.id for d in documents if d.number}
    numbers = sorted(by_number, key=len, reverse=True)
    pattern = (re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, numbers)) + r")(?![\w/-])")
               if numbers else None)
    index = Citations(documents, by_number, pattern, {})
    for source in page_texts(campaign):
        mentioned = [*source.named]
        for text in source.texts:
            mentioned += [by_number[match[1]] for match in index.found(escape(text))]
        for doc_id in mentioned:
            index.cited_in.setdefault(doc_id, {})[source.page] = source.title
    return index


def full_text_title(campaign: Campaign) -> str:
    """The title of the page holding the document itself: 'Toàn văn Kế hoạch số 12/KH-UBND'."""
    number = f" số {campaign.number}" if campaign.number else ""
    return f"Toàn văn {campaign.kind}{number}"


def page_texts(campaign: Campaign) -> Iterator[PageText]:
    """Which text of the campaign each page shows (the documents page aside), in page order."""
    paths = CampaignPaths(campaign.id)
    reporting = [campaign.reporting.text] if campaign.reporting else []
    notes = {note.id: note.text for note in campaign.footnotes}
    basis = [campaign.document(ref) for ref in campaign.basis]
    phases = [text for phase in campaign.phases
              for text in ([phase.text] if phase.text else []) + list(_points(phase.points))]
    decision = campaign.decision
    referenced = referenced_notes(campaign)
    sections = [point for section in campaign.sections for point in section.points]
    yield PageText(paths.full_text, full_text_title(campaign), (
        *([decision.title] if decision and decision.title else []),
        *(decision.articles if decision else []), *campaign.preamble,
        *(doc.title for doc in basis if doc.title and doc.number),
        *_points(campaign.purposes),
        *_points(campaign.audience), *phases, *_points(sections), *_points(campaign.budget),
        *reporting, *([campaign.closing] if campaign.closing else []),
        *_notes(notes, (p.footnote for p in (*campaign.purposes, *campaign.audience,
                                             *campaign.budget, *sections))),
        *_notes(notes, (n.id for n in campaign.footnotes if n.id not in referenced))),
        named=tuple(doc.id for doc in basis))
    topic_notes = [t.footnote for t in campaign.topics]
    topic_notes += [p.footnote for t in campaign.topics for p in t.points]
    yield PageText(paths.topics, TOPICS_TITLE, (
        *(text for topic in campaign.topics for text in (topic.text, *_points(topic.points))),
        *_notes(notes, topic_notes)))
    yield PageText(paths.forms, FORMS_TITLE, tuple(
        text for form in campaign.forms
        for text in (*([form.text] if form.text else []), *_points(form.channels),
                     *([form.requirement] if form.requirement else []))))
    by = campaign.reporting.by if campaign.reporting else []
    general = [task for agency in campaign.responsibilities if not agency.agency
               for task in agency.tasks]
    if general:
        yield PageText(paths.agencies, AGENCIES_TITLE, tuple(_points(general)))
    for agency in campaign.responsibilities:
        if agency.agency:
            yield PageText(paths.agency(agency.id), agency.agency,
                           (*_points(agency.tasks), *(reporting if agency.id in by else [])))
    yield PageText(paths.slogans, SLOGANS_TITLE, tuple(s.text for s in campaign.slogans))


def referenced_notes(campaign: Campaign) -> set[str]:
    """The footnotes some paragraph of the campaign refers to by its footnote field."""
    points = [*campaign.purposes, *campaign.audience, *campaign.budget,
            *(p for s in campaign.sections for p in s.points),
            *(p for f in campaign.forms for p in f.channels),
            *(p for r in campaign.responsibilities for p in r.tasks),
            *(p for phase in campaign.phases for p in phase.points),
            *(p for t in campaign.topics for p in t.points)]
    return {n for n in (*(p.footnote for p in points), *(t.footnote for t in campaign.topics))
            if n}


def _points(items: Iterable[Point]) -> Iterator[str]:
    for item in items:
        yield item.text
        yield from item.points


def _notes(notes: dict[str, str], ids: Iterable[str | None]) -> Iterator[str]:
    return (notes[i] for i in dict.fromkeys(ids) if i and i in notes)
