"""The small helper every campaign page is written with (:class:`PageWriter`), and how
pages name topics, forms and documents."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.campaign.model import (
    Campaign,
    Document,
    Form,
    Point,
    SectionKey,
    Topic,
)
from generator.campaign.sections import DEFAULT_HEADINGS, heading_words
from generator.content.citations import Citations
from generator.content.markdown import escape, front_matter, link, table, table_rows
from generator.paths import CampaignPaths
from generator.vi import clause_split, lead_clause

# The link to the campaign's calendar, on every page that has dates.
CALENDAR_LABEL = "thêm vào lịch điện thoại, máy tính (tệp .ics)"
UNITS_TITLE = "Các đơn vị thực hiện"


# A cover picture's file suffix, width and height (so the page keeps its place while it loads).
CoverSize = tuple[str, int, int]


# A footnote mark as pages write it; campaign text is escaped, so "[^1]" there reads "\[^1\]".
_NOTE_REF = re.compile(r"(?<!\\)\[\^([\w-]+)\]")


def topic_title(topic: Topic) -> str:
    """A topic's title, or the first clause of its text where the document gives none."""
    return topic.title or lead_clause(topic.text)


def form_title(form: Form) -> str:
    return form.title or lead_clause(form.text or (form.channels[0].text if form.channels
                                                   else ""))


def document_label(doc: Document) -> str:
    """How Vietnamese texts name a document: 'Kế hoạch số 105/KH-UBND', or its title."""
    if doc.number:
        return f"{doc.kind} số {doc.number}"
    return (doc.title or doc.kind).strip("“”\"")


@dataclass
class PageWriter:
    """What every page of a campaign is written with: the campaign, its citation index
    (a page links each document number to its entry) and its paths, and the text helpers
    (escaping, links, points, footnotes, the page's frame). Each kind of page is a function
    of its own module taking this writer."""

    campaign: Campaign
    citations: Citations
    cover: CoverSize | None = None
    # The handbook's pages: what only a screen can use (a link back, a calendar to add, a
    # page of charts) is left off, and untitled topics run their first clause in as heading.
    for_print: bool = False
    paths: CampaignPaths = field(init=False)

    def __post_init__(self) -> None:
        self.paths = CampaignPaths(self.campaign.id)

    @property
    def kind(self) -> str:
        """The document's own kind, as generated sentences name it: 'kế hoạch', 'hướng dẫn'."""
        return escape(self.campaign.kind.lower())

    def text(self, value: str, page: str) -> str:
        """Escaped text in which every cited document number links to its entry."""
        rows = table_rows(value)
        if rows is not None:
            return "\n".join(["", *table(rows, lambda cell: self.text(cell, page)), ""])
        escaped = escape(value)
        if self.citations.pattern is None:
            return escaped

        def to_link(match: re.Match[str]) -> str:
            doc_id = self.citations.by_number[match[1]]
            return link(match[1], f"{self.paths.documents}#{doc_id}", page)

        return self.citations.pattern.sub(to_link, escaped)

    def points(self, items: Iterable[Point], page: str, *, ordered: bool = False,
               footnotes: bool = True) -> list[str]:
        lines = []
        for number, item in enumerate(items, start=1):
            marker = f"{number}." if ordered else "-"
            if table_rows(item.text) is not None:
                lines.append(self.text(item.text, page))  # a table stands between the items
                continue
            note = f"[^{item.footnote}]" if item.footnote and footnotes else ""
            lines.append(f"{marker} {self.text(item.text, page)}{note}")
            lines += [f"    - {self.text(sub, page)}" for sub in item.points]
        return [*lines, ""]

    def web_only(self, *lines: str) -> list[str]:
        """``lines`` on the site, none on paper."""
        return [] if self.for_print else list(lines)

    def run_in(self, number: int, text: str, note: str, page: str) -> list[str]:
        """A numbered paragraph the document gives no title, for paper: its first clause,
        whole, is the heading (the contents list it) and runs into the rest of the paragraph,
        so the heading is neither cut nor said twice (the handbook sets ``.run-in``)."""
        head, rest = clause_split(text)
        lines = ['<div class="run-in" markdown>', "",
                 f"## {number}. {self.text(head, page)}{'' if rest else note}", ""]
        return [*lines, *([f"{self.text(rest, page)}{note}", ""] if rest else []), "</div>", ""]

    def untitled(self, title: str | None, text: str | None) -> bool:
        """Whether, on paper, a part's heading is the first clause of ``text`` run in."""
        return self.for_print and not title and bool(text) and table_rows(text or "") is None

    def footnote_defs(self, body: list[str], page: str) -> list[str]:
        """The text of every footnote the page refers to, in the order referred to."""
        wanted = dict.fromkeys(m[1] for line in body for m in _NOTE_REF.finditer(line))
        lines = [f"[^{note.id}]: {self.text(note.text, page)}"
                 for note in self.campaign.footnotes if note.id in wanted]
        return [*lines, ""] if lines else []

    def paragraphs(self, value: str, page: str) -> list[str]:
        """Text that may hold several paragraphs (a closing), each escaped and linked."""
        return [line for part in value.split("\n\n") if part.strip()
                for line in (self.text(part, page), "")]

    def abbreviations(self) -> list[str]:
        return [f"*[{a.short}]: {escape(a.full)}" for a in self.campaign.abbreviations]

    def page(self, path: str, title: str, description: str, body: list[str]) -> str:
        overview = path == self.paths.overview
        back = [] if overview else self.web_only(
            link(f"← {escape(self.campaign.short_title)}", self.paths.overview, path), "")
        meta = {"title": title, "description": description}
        if overview:
            # The menu (overrides/partials/nav.html) tells campaign sections by this key.
            meta["campaign"] = self.campaign.id
        return "\n".join([front_matter(meta).rstrip(),
                          "", *back, f"# {escape(title)}", "", *body,
                          *self.footnote_defs(body, path), *self.abbreviations(), ""])

    def heading(self, key: SectionKey) -> str:
        """A part's heading as the document words it, escaped."""
        return escape(self.heading_text(key))

    def heading_text(self, key: SectionKey) -> str:
        """A part's heading as the document words it ('Hình thức, thời gian tuyên truyền'),
        in sentence case."""
        words = heading_words(self.campaign.headings.get(key) or DEFAULT_HEADINGS[key])
        return words[:1].upper() + words[1:].lower()

    def theme_box(self) -> list[str]:
        theme = self.campaign.theme
        if theme is None:
            return []
        return [f'!!! quote "Chủ đề công tác năm {theme.year}"', "",
                f"    **{escape(theme.text)}**", ""]

    @staticmethod
    def phone(number: str) -> str:
        """A number to call from a phone."""
        return f"[{escape(number)}](<tel:{re.sub(r'[^0-9+]', '', number)}>)"
