"""Campaign data in, Markdown pages out: the public site's content, independent of MkDocs.

Every generated page is a plain Markdown file with YAML front matter and only standard
extensions (admonition, attr_list, footnotes, abbr), so MkDocs and Zensical publish it alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from generator.campaign.model import (
    Campaign,
    Document,
    Form,
    Index,
    Point,
    SectionKey,
    Topic,
    Unit,
)
from generator.campaign.sections import DEFAULT_HEADINGS, heading_words
from generator.content.charts import index_chart
from generator.content.citations import (
    AGENCIES_TITLE,
    FORMS_TITLE,
    SLOGANS_TITLE,
    TOPICS_TITLE,
    Citations,
    index_citations,
    referenced_notes,
)
from generator.content.markdown import escape, front_matter, link, relative, table, table_rows
from generator.paths import HOME, THUMBNAIL_SUFFIX, CampaignPaths, unit_posters
from generator.vi import lead_clause, long_date, short_date, superscript
from generator.vi import number as decimal

GUIDE = "huong-dan/viet-chien-dich.md"
# The home page's list of every campaign; the menu (overrides/partials/nav.html) links to it.
CAMPAIGNS_ANCHOR = "cac-chien-dich"

UNITS_TITLE = "Các đơn vị thực hiện"
_CALENDAR_LABEL = "thêm vào lịch điện thoại, máy tính (tệp .ics)"
_FORM_KINDS = {"direct": "Trực tiếp", "media": "Đại chúng", "visual": "Trực quan"}


@dataclass(frozen=True)
class GalleryItem:
    """One poster as the gallery shows it: its file stem, format and thumbnail size."""

    stem: str
    format_label: str
    slogan: str
    printable: bool
    thumb_size: tuple[int, int]


@dataclass(frozen=True)
class PrintedItem:
    """A typeset print file of the campaign (leaflet, handbook): its file name and size."""

    file: str
    label: str
    width_mm: float
    height_mm: float


# A cover picture's file suffix, width and height (so the page keeps its place while it loads).
CoverSize = tuple[str, int, int]


def generate_site(campaigns: Sequence[Campaign],
                  galleries: Mapping[str, Sequence[GalleryItem]] | None = None,
                  covers: Mapping[str, CoverSize] | None = None,
                  printed: Mapping[str, Sequence[PrintedItem]] | None = None,
                  unit_galleries: Mapping[str, Mapping[str, Sequence[GalleryItem]]] | None = None,
                  ) -> dict[str, str]:
    """All generated pages of the site, keyed by docs-relative path."""
    pages = {HOME: home_page(campaigns)}
    for campaign in campaigns:
        pages.update(campaign_pages(campaign, (galleries or {}).get(campaign.id, ()),
                                    (covers or {}).get(campaign.id),
                                    (printed or {}).get(campaign.id, ()),
                                    (unit_galleries or {}).get(campaign.id, {})))
    return pages


def home_page(campaigns: Sequence[Campaign]) -> str:
    lines = [
        front_matter({"title": "Trang chủ",
                      "description": "Thông tin về các chiến dịch thông tin, tuyên truyền: nội "
                                     "dung, hình thức, trách nhiệm của từng cơ quan, văn bản "
                                     "và khẩu hiệu."}),
        "# Thông tin, tuyên truyền",
        "",
        "Trang này giới thiệu các chiến dịch thông tin, tuyên truyền: mỗi chiến dịch tuyên "
        "truyền nội dung gì, bằng hình thức nào, cơ quan nào phải làm gì, dựa trên văn bản nào.",
        "",
    ]
    if not campaigns:
        lines += ["Chưa có chiến dịch nào. Cán bộ phụ trách xem "
                  f"{link('hướng dẫn viết tệp chiến dịch', GUIDE, HOME)}.", ""]
    else:
        # The menu's link to every campaign points at this heading.
        lines += [f"## Các chiến dịch {{ #{CAMPAIGNS_ANCHOR} }}", ""]
    for year in sorted({c.year for c in campaigns}, reverse=True):
        lines += [f"### Năm {year}", ""]
        for campaign in (c for c in campaigns if c.year == year):
            paths = CampaignPaths(campaign.id)
            lines += [f"- **{link(escape(campaign.short_title), paths.overview, HOME)}**  ",
                      f"  {escape(campaign.summary)}"]
        lines.append("")
    lines += ["## Dành cho cán bộ phụ trách", "",
              f"- {link('Hướng dẫn viết tệp chiến dịch', GUIDE, HOME)}", ""]
    return "\n".join(lines)


def campaign_pages(campaign: Campaign, gallery: Sequence[GalleryItem] = (),
                   cover: CoverSize | None = None,
                   printed: Sequence[PrintedItem] = (),
                   unit_galleries: Mapping[str, Sequence[GalleryItem]] | None = None,
                   ) -> dict[str, str]:
    """The pages of one campaign, each a function of the campaign and its citation index."""
    writer = _Writer(campaign, index_citations(campaign), cover)
    pages = {
        writer.paths.overview: writer.overview(),
        writer.paths.topics: writer.topics(),
        writer.paths.forms: writer.forms(),
        writer.paths.agencies: writer.agencies(),
    }
    for agency in campaign.responsibilities:
        if agency.agency:
            pages[writer.paths.agency(agency.id)] = writer.agency(agency.id)
    pages[writer.paths.slogans] = writer.slogans()
    pages[writer.paths.gallery] = writer.gallery(gallery, printed)
    if campaign.indices:
        pages[writer.paths.indices] = writer.indices()
    pages[writer.paths.documents] = writer.documents()
    if campaign.units:
        pages[writer.paths.units] = writer.units()
        for unit in campaign.units.units:
            pages[writer.paths.unit(unit.id)] = writer.unit(
                unit, (unit_galleries or {}).get(unit.id, ()))
    return pages


def print_chapters(campaign: Campaign) -> list[str]:
    """The campaign's pages that hold the whole document, for paper (the handbook), in the
    document's order, each agency's tasks in one chapter. The site's own additions (figures,
    the list of cited documents, the gallery) stay on the site."""
    writer = _Writer(campaign, index_citations(campaign), None)
    return [writer.overview(), writer.topics(), writer.forms(), writer.agencies_in_full(),
            writer.slogans()]


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
class _Writer:
    """Writes one campaign's pages from the campaign and its citation index: a page links
    each document number to its entry, and the documents page lists where each is cited."""

    campaign: Campaign
    citations: Citations
    cover: CoverSize | None = None
    paths: CampaignPaths = field(init=False)

    def __post_init__(self) -> None:
        self.paths = CampaignPaths(self.campaign.id)

    @property
    def kind(self) -> str:
        """The document's own kind, as generated sentences name it: 'kế hoạch', 'hướng dẫn'."""
        return escape(self.campaign.kind.lower())

    # -- text helpers -------------------------------------------------------------------------

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
        back = ([] if overview else
                [link(f"← {escape(self.campaign.short_title)}", self.paths.overview, path), ""])
        meta = {"title": title, "description": description}
        if overview:
            # The menu (overrides/partials/nav.html) tells campaign sections by this key.
            meta["campaign"] = self.campaign.id
        return "\n".join([front_matter(meta).rstrip(),
                          "", *back, f"# {escape(title)}", "", *body,
                          *self.footnote_defs(body, path), *self.abbreviations(), ""])

    def phases(self, page: str) -> list[str]:
        """Each phase with its dates, as the plan writes them, and the calendar that has them."""
        lines = []
        for phase in self.campaign.phases:
            # "Đợt 1: Trong tháng 12/2025" reads as the plan writes it; its dates follow.
            short = (phase.text is not None and len(phase.text) <= 60
                     and ":" not in phase.title)
            lines += [f"### {escape(phase.title)}"
                      + (f": {self.text(phase.text or '', page)}" if short else ""), ""]
            if phase.start and phase.end and phase.start != phase.end:
                lines += [f"*Từ {short_date(phase.start)} đến {short_date(phase.end)}*", ""]
            elif phase.start or phase.end:
                day = phase.start or phase.end
                assert day is not None
                lines += [f"*{'Từ' if phase.start else 'Đến'} {short_date(day)}*", ""]
            if phase.text and not short:
                lines += [self.text(phase.text, page), ""]
            if phase.points:
                lines += self.points(phase.points, page)
        if any(phase.start or phase.end for phase in self.campaign.phases):
            lines += [f"Các đợt có trong {link(_CALENDAR_LABEL, self.paths.calendar, page)}.",
                      ""]
        return lines

    def contact(self) -> list[str]:
        """Where citizens can ask: the unit, a hotline to call from a phone, e-mail, address."""
        contact = self.campaign.contact
        if contact is None:
            return []
        lines = ["## Liên hệ", "", f"- **Đơn vị:** {escape(contact.unit)}"]
        if contact.hotline:
            lines.append(f"- **Đường dây nóng:** {self.phone(contact.hotline)}")
        if contact.email:
            lines.append(f"- **Thư điện tử:** [{escape(contact.email)}](<mailto:{contact.email}>)")
        if contact.address:
            lines.append(f"- **Địa chỉ:** {escape(contact.address)}")
        return [*lines, ""]

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

    # -- pages ---------------------------------------------------------------------------------

    def overview(self) -> str:
        c, path = self.campaign, self.paths.overview
        title = c.short_title
        picture = []
        if c.cover and self.cover:
            suffix, width, height = self.cover
            # The largest paint of the page: fetched at once, its box known before it loads.
            picture = [f"![{escape(c.cover.alt)}]({relative(self.paths.cover(suffix), path)})"
                       f'{{ fetchpriority="high" width="{width}" height="{height}" }}', ""]
        body = [*picture, escape(c.summary), "", *self.theme_box(),
                f"- **Văn bản:** {escape(c.title)}",
                *([f"- **Số, ký hiệu:** {escape(c.number)}"] if c.number else []),
                f"- **Cơ quan ban hành:** {escape(c.issuer)}"
                + (f" ({escape(c.parent)})" if c.parent else ""),
                f"- **Nơi, ngày ban hành:** {escape(c.place)}, "
                + (long_date(c.date) if c.date else "văn bản không ghi ngày"), "",
                *self.contact()]
        if c.decision:
            body += self.decision(path)
        if c.preamble:
            body += ["## Căn cứ", ""]
            for paragraph in c.preamble:
                body += [self.text(paragraph, path), ""]
        if c.basis:
            body += [] if c.preamble else ["## Căn cứ", ""]
            body += [f"- {self.document_mention(c.document(ref), path)}" for ref in c.basis]
            body.append("")
        body += self.free_sections(None, path)
        if c.purposes:
            body += [f"## {self.heading('purposes')}", "",
                     *self.points(c.purposes, path, ordered=True)]
        body += self.free_sections("purposes", path)
        if c.audience:
            body += [f"## {self.heading('audience')}", "", *self.points(c.audience, path)]
        body += self.free_sections("audience", path)
        if c.phases:
            body += [f"## {self.heading('phases')}", "", *self.phases(path)]
        body += self.free_sections("phases", path)
        body += [f"## Trong {self.kind} này", "",
                 f"- {link(self.heading('topics'), self.paths.topics, path)}: "
                 f"{len(c.topics)} nhóm nội dung cần tuyên truyền.",
                 f"- {link(self.heading('forms'), self.paths.forms, path)}: "
                 + (", ".join(escape(form_title(f)) for f in c.forms) or "không nêu riêng")
                 + ".",
                 f"- {link(self.heading('responsibilities'), self.paths.agencies, path)}: "
                 f"việc của từng cơ quan, đơn vị ({len(c.responsibilities)} nhóm).",
                 f"- {link('Văn bản được dẫn', self.paths.documents, path)}: "
                 f"{len(self.citations.documents)} văn bản.",
                 f"- {link('Khẩu hiệu', self.paths.slogans, path)}: "
                 f"{len(c.slogans)} khẩu hiệu.",
                 f"- {link('Áp phích, băng rôn', self.paths.gallery, path)}: tệp in sẵn.",
                 *([f"- {link(UNITS_TITLE, self.paths.units, path)}: áp phích, gói in và "
                    f"liên hệ của {len(c.units.units)} đơn vị."] if c.units else []), ""]
        body += [*self.free_sections("topics", path), *self.free_sections("forms", path),
                 *self.free_sections("responsibilities", path)]
        if c.budget:
            body += [f"## {self.heading('budget')}", "", *self.points(c.budget, path)]
        body += self.free_sections("budget", path)
        if c.reporting:
            body += [f"## {self.heading('reporting')}", "", *self.reporting_lines(path)]
        body += [*self.free_sections("reporting", path), *self.free_sections("slogans", path)]
        if c.indices:
            body += ["## Các chỉ số được nhắc đến", ""]
            body += [f"- **{escape(i.code)}**: {escape(i.name)}"
                     + (f" (công bố: {escape(i.publisher)})" if i.publisher else "")
                     for i in c.indices]
            body += ["", f"Số liệu qua các năm: {link('Các chỉ số', self.paths.indices, path)}.",
                     ""]
        if c.abbreviations:
            body += ["## Chữ viết tắt", ""]
            body += [f"- **{escape(a.short)}**: {escape(a.full)}" for a in c.abbreviations]
            body.append("")
        if c.closing:
            body += self.paragraphs(c.closing, path)
        if c.recipients:
            body += ["## Nơi nhận", ""]
            body += [f"- {escape(r.name)}" + (f" ({escape(r.purpose)})" if r.purpose else "")
                     + (f" ({r.copies} bản)" if r.copies else "") for r in c.recipients]
            body.append("")
        if c.signatory:
            s = c.signatory
            body += ["## Người ký", ""]
            body += [*(f"{escape(line)}  " for line in s.authority),
                     *([f"{escape(s.position)}  "] if s.position else []),
                     f"**{escape(s.name)}**", ""]
        # A note no paragraph refers to (its mark stands inside a sub-item, as ⁽¹⁾) is still
        # part of the document: it is listed here rather than left out.
        loose = [note for note in c.footnotes if note.id not in referenced_notes(c)]
        if loose:
            body += ["## Chú thích", ""]
            body += [line for note in loose
                     for line in (f"{superscript(note.id)} {self.text(note.text, path)}", "")]
        return self.page(path, title, c.summary, body)

    def decision(self, page: str) -> list[str]:
        """The decision that issues the plan, and its articles as written."""
        decision = self.campaign.decision
        assert decision is not None
        label = "Quyết định" + (f" số {escape(decision.number)}" if decision.number else "")
        when = f" ngày {short_date(decision.date)}" if decision.date else ""
        about = f" {self.text(decision.title, page)}" if decision.title else ""
        lines = ["## Quyết định ban hành", "",
                 f"{self.kind.capitalize()} này được ban hành kèm theo {label}{when}"
                 + (f", trích yếu:{about}." if about else "."), ""]
        for article in decision.articles:
            lines += [self.text(article, page), ""]
        return lines

    def free_sections(self, after: str | None, page: str) -> list[str]:
        """The parts of the document the generator has no place for, where they stood."""
        lines = []
        for section in self.campaign.sections:
            if section.after != after:
                continue
            title = section.title or f"Nội dung {self.campaign.kind.lower()}"
            lines += [f"## {escape(title)}", ""]
            for point in section.points:
                lines += [self.text(point.text, page) + (
                    f"[^{point.footnote}]" if point.footnote else ""), ""]
                lines += [*(f"- {self.text(sub, page)}" for sub in point.points),
                          ""] if point.points else []
        return lines

    def reporting_lines(self, page: str) -> list[str]:
        reporting = self.campaign.reporting
        assert reporting is not None
        lines = [self.text(reporting.text, page), ""]
        rhythm = []
        if reporting.every_months:
            rhythm.append(f"định kỳ {reporting.every_months} tháng một lần")
        if reporting.year_end:
            rhythm.append("cuối năm")
        if reporting.day and reporting.every_months:
            rhythm.append(f"hạn nộp trước ngày {reporting.day} của tháng cuối kỳ")
        if rhythm:
            lines += [f"- **Khi nào:** {' và '.join(rhythm)}."]
        for agency_id in reporting.by:
            agency = self.campaign.responsibility(agency_id)
            name = escape(agency.agency or agency.id)
            lines.append("- **Cơ quan báo cáo:** "
                         + (link(name, self.paths.agency(agency_id), page) if agency.agency
                            else name))
        lines.append(f"- **Lịch báo cáo:** {link(_CALENDAR_LABEL, self.paths.calendar, page)}")
        return [*lines, ""]

    def topics(self) -> str:
        c, path, title = self.campaign, self.paths.topics, TOPICS_TITLE
        body = [f"{escape(c.kind)} này nêu {len(c.topics)} nhóm nội dung cần tuyên truyền."
                if c.topics else f"{escape(c.kind)} này không chia nội dung tuyên truyền thành "
                f"mục riêng; toàn văn ở {link('trang tổng quan', self.paths.overview, path)}.",
                ""]
        for number, topic in enumerate(c.topics, start=1):
            note = f"[^{topic.footnote}]" if topic.footnote else ""
            body += [f"## {number}. {escape(topic_title(topic))}", "",
                     f"{self.text(topic.text, path)}{note}", ""]
            body += self.points(topic.points, path) if topic.points else []
        return self.page(path, title, f"Nội dung tuyên truyền của {c.short_title}.", body)

    def forms(self) -> str:
        c, path, title = self.campaign, self.paths.forms, FORMS_TITLE
        body = [f"{escape(c.kind)} này nêu {len(c.forms)} hình thức tuyên truyền."
                if c.forms else f"{escape(c.kind)} này không nêu hình thức tuyên truyền thành "
                f"mục riêng; toàn văn ở {link('trang tổng quan', self.paths.overview, path)}.",
                ""]
        for number, form in enumerate(c.forms, start=1):
            body += [f"## {number}. {escape(form_title(form))}", ""]
            if form.kind:
                body += [f"*Loại hình: {_FORM_KINDS[form.kind]}*", ""]
            if form.text:
                body += [self.text(form.text, path), ""]
            if form.channels:
                body += self.points(form.channels, path)
            if form.requirement:
                body += ['!!! warning "Yêu cầu"', "",
                         f"    {self.text(form.requirement, path)}", ""]
        return self.page(path, title, f"Các hình thức tuyên truyền của {c.short_title}.", body)

    def agencies(self) -> str:
        c, path, title = self.campaign, self.paths.agencies, AGENCIES_TITLE
        body = ["Chọn cơ quan, đơn vị của bạn để xem những việc phải làm."
                if c.responsibilities else f"{escape(c.kind)} này không chia việc theo từng cơ "
                f"quan; toàn văn ở {link('trang tổng quan', self.paths.overview, path)}.", ""]
        for agency in c.responsibilities:
            if agency.agency:
                tasks = sum(1 + len(t.points) for t in agency.tasks)
                body.append(f"- {link(escape(agency.agency), self.paths.agency(agency.id), path)}"
                            f" ({tasks} việc)")
        body.append("")
        general = [a for a in c.responsibilities if not a.agency]
        if general:
            body += ["## Việc chung", ""]
            for item in general:
                body += self.points(item.tasks, path)
        return self.page(path, title, f"Việc của từng cơ quan trong {c.short_title}.", body)

    def agencies_in_full(self) -> str:
        """Every agency's tasks on one page, as the document lists them: for print, where a
        reader cannot follow a link to each agency's page."""
        c, path = self.campaign, self.paths.agencies
        body = []
        for agency in c.responsibilities:
            if agency.agency:
                body += [f"## {escape(agency.agency)}", ""]
            body += self.points(agency.tasks, path, ordered=bool(agency.agency))
        return self.page(path, self.heading_text("responsibilities"),
                         f"Việc của từng cơ quan trong {c.short_title}.", body)

    def agency(self, agency_id: str) -> str:
        c, path = self.campaign, self.paths.agency(agency_id)
        agency = c.responsibility(agency_id)
        title = agency.agency or agency.id
        body = [f"Những việc cơ quan, đơn vị này phải làm theo {escape(c.kind.lower())} "
                f"“{escape(c.short_title)}”.", "", *self.theme_box(), "## Nhiệm vụ", "",
                *self.points(agency.tasks, path, ordered=True)]
        if c.reporting and agency_id in c.reporting.by:
            body += ["## Báo cáo", "", *self.reporting_lines(path)]
        elif c.reporting:
            body += ["## Lịch báo cáo của chiến dịch", "",
                     f"- {link(_CALENDAR_LABEL, self.paths.calendar, path)}",
                     ""]
        body += ["## Xem thêm", "",
                 f"- {link('Nội dung cần tuyên truyền', self.paths.topics, path)}",
                 f"- {link('Hình thức tuyên truyền', self.paths.forms, path)}",
                 f"- {link('Khẩu hiệu', self.paths.slogans, path)}",
                 f"- {link('Các cơ quan khác', self.paths.agencies, path)}", ""]
        return self.page(path, title, f"Việc của {agency.agency} trong {c.short_title}.", body)

    def slogans(self) -> str:
        c, path, title = self.campaign, self.paths.slogans, SLOGANS_TITLE
        body = [*self.theme_box()]
        if c.slogans:
            body += ["Các khẩu hiệu dùng trên băng rôn, pa-nô, áp phích và màn hình LED:", ""]
            body += [f"{n}. {self.text(s.text, path)}"
                     for n, s in enumerate(c.slogans, start=1)]
            body.append("")
        else:
            body += ["Chiến dịch này chưa có khẩu hiệu.", ""]
        return self.page(path, title, f"Khẩu hiệu của {c.short_title}.", body)

    def gallery(self, items: Sequence[GalleryItem], printed: Sequence[PrintedItem] = ()) -> str:
        c, path, title = self.campaign, self.paths.gallery, "Áp phích, băng rôn"
        body = ["Áp phích, băng rôn, pa-nô và ảnh màn hình LED in từ các khẩu hiệu của chiến "
                "dịch. Bấm vào ảnh để tải tệp gốc (PNG) đủ độ phân giải để in.", ""]
        if items or printed:
            body += self.pack_links(path, self.paths.pack(), "manifest.csv")
        if c.units:
            body += [f"Mỗi đơn vị thực hiện có áp phích mang tên và mã QR của mình: xem "
                     f"{link(UNITS_TITLE.lower(), self.paths.units, path)}.", ""]
        if printed:
            body += ["## Tờ rơi, sổ tay", ""]
            body += [f"- {link(escape(item.label), self.paths.poster(item.file), path)} "
                     f"(PDF để in, {item.width_mm:g} × {item.height_mm:g} mm)"
                     for item in printed]
            body.append("")
        if not items:
            return self.page(path, title, f"Ấn phẩm của {c.short_title}.",
                             [*body, "Chiến dịch chưa có khẩu hiệu để in.", ""])
        body += self.thumbnails(items, path, "##")
        return self.page(path, title, f"Áp phích, băng rôn của {c.short_title}.", body)

    def pack_links(self, path: str, pack: str, manifest: str) -> list[str]:
        return [f"- {link('Tải gói in (ZIP)', self.paths.poster(pack), path)}: các tệp PDF in "
                "theo từng khổ, phiếu in và bảng kê kích thước cho nhà in.",
                f"- {link('Bảng kê các tệp (CSV)', self.paths.poster(manifest), path)}", ""]

    def thumbnails(self, items: Sequence[GalleryItem], path: str, level: str) -> list[str]:
        """Each slogan's posters under its heading: thumbnails linking to the PNG, with the
        format and the PDF beside each. The first slogan's are shown, each other's open with a
        tap: a phone fetches only the pictures a reader asks to see (a browser fetches lazy
        pictures up to three screens ahead, some before the text is shown), and a long list
        of slogans reads as a list."""
        body: list[str] = []
        for number, slogan in enumerate(dict.fromkeys(item.slogan for item in items)):
            own = [i for i in items if i.slogan == slogan]
            shown = " open" if number == 0 else ""
            body += [f"{level} {escape(slogan)}", "",
                     f'<details class="poster-set"{shown} markdown>',
                     f"<summary>Xem {len(own)} ấn phẩm: "
                     f"{escape(', '.join(i.format_label for i in own))}</summary>", "",
                     '<div class="poster-gallery" markdown>', ""]
            for item in own:
                png = self.paths.poster(f"{item.stem}.png")
                thumb = self.paths.poster(f"thumbs/{item.stem}{THUMBNAIL_SUFFIX}")
                width, height = item.thumb_size
                # Below the text on a phone (the page's largest paint is text): fetched when
                # scrolled near, never competing with the first paint.
                image = (f"![{escape(slogan)}]({relative(thumb, path)})"
                         f'{{ loading=lazy width="{width}" height="{height}" }}')
                files = [link("PNG", png, path)]
                if item.printable:
                    files.append(link("PDF", self.paths.poster(f"{item.stem}.pdf"), path))
                body += [f"[{image}]({relative(png, path)})  ",
                         f"**{escape(item.format_label)}**: {', '.join(files)}", ""]
            body += ["</div>", "", "</details>", ""]
        return body

    def units(self) -> str:
        """Every unit, by group, with its hotline: a citizen finds their own commune."""
        c, path = self.campaign, self.paths.units
        assert c.units is not None
        body = [f"Các xã, phường, đơn vị thực hiện {self.kind} này. Mỗi đơn vị có trang riêng "
                "với áp phích, băng rôn mang tên và mã QR của đơn vị, gói in gửi nhà in và nơi "
                "liên hệ.", ""]
        groups = {g.id: g for g in c.units.groups}
        order = list(dict.fromkeys(u.group for u in c.units.units))
        for group_id in order:
            members = [u for u in c.units.units if u.group == group_id]
            if len(order) > 1:
                group = groups.get(group_id) if group_id else None
                heading = (group.name or group.id) if group else "Các đơn vị khác"
                body += [f"## {escape(heading)}", ""]
            for unit in members:
                hotline = f": đường dây nóng {self.phone(unit.hotline)}" if unit.hotline else ""
                body.append(f"- {link(escape(unit.name), self.paths.unit(unit.id), path)}"
                            f"{hotline}")
            body.append("")
        return self.page(path, UNITS_TITLE, f"Các đơn vị thực hiện {c.short_title}: áp phích "
                                            "và liên hệ của từng xã, phường.", body)

    def unit(self, unit: Unit, items: Sequence[GalleryItem]) -> str:
        c, path = self.campaign, self.paths.unit(unit.id)
        campaign = link(escape(c.short_title), self.paths.overview, path)
        body = [f"{escape(unit.name)} thực hiện {self.kind} {campaign} tại địa phương.", "",
                "## Liên hệ", ""]
        if unit.contact:
            body.append(f"- **Đầu mối:** {escape(unit.contact)}")
        if unit.hotline:
            body.append(f"- **Đường dây nóng:** {self.phone(unit.hotline)}")
        if unit.address:
            body.append(f"- **Địa chỉ:** {escape(unit.address)}")
        if unit.url:
            body.append(f"- **Trang của đơn vị:** [{escape(unit.url)}](<{unit.url}>)")
        if not (unit.contact or unit.hotline or unit.address or unit.url):
            body.append(f"- Xem {link('các đơn vị thực hiện', self.paths.units, path)}.")
        body += ["", "## Áp phích, băng rôn", ""]
        if items:
            body += ["Áp phích mang tên đơn vị và mã QR dẫn tới trang này. Bấm vào ảnh để tải "
                     "tệp gốc (PNG) đủ độ phân giải để in.", ""]
            folder = unit_posters(unit.id)
            body += self.pack_links(path, self.paths.pack(unit.id), f"{folder}/manifest.csv")
            body += self.thumbnails(items, path, "###")
        else:
            body += ["Đơn vị chưa có khẩu hiệu để in.", ""]
        return self.page(path, unit.name, f"Áp phích, băng rôn và liên hệ của {unit.name} "
                                          f"trong {c.short_title}.", body)

    @staticmethod
    def phone(number: str) -> str:
        """A number to call from a phone."""
        return f"[{escape(number)}](<tel:{re.sub(r'[^0-9+]', '', number)}>)"

    def indices(self) -> str:
        c, path, title = self.campaign, self.paths.indices, "Các chỉ số"
        body = [f"Các chỉ số được nêu trong {self.kind} này: chỉ số đo lường điều gì, ai công bố, "
                f"và kết quả của {escape(c.place)} qua các năm theo các nguồn đã công bố.", ""]
        for number, index in enumerate(c.indices, start=1):
            body += [f"## {escape(index.code)}: {escape(index.name)}", ""]
            if index.measures:
                body += [f"**Đo lường:** {escape(index.measures)}", ""]
            if index.publisher:
                body += [f"**Cơ quan công bố:** {escape(index.publisher)}", ""]
            if index.values or index.national_average:
                svg, legend = index_chart(index, c.place, f"chart-{number}")
                body += ['<figure class="index-chart">', svg,
                         f"<figcaption>{legend}</figcaption>", "</figure>", ""]
                body += self.index_table(index)
            if index.dimensions:
                year = f" năm {index.dimensions_year}" if index.dimensions_year else ""
                body += [f"**Điểm các nội dung thành phần{year}:**", "",
                         "| Nội dung | Điểm |", "|---|---|"]
                body += [f"| {escape(d.name)} | {decimal(d.score)} |"
                         for d in index.dimensions]
                body.append("")
                if index.dimensions_source:
                    body += [f"Nguồn: [{escape(index.dimensions_source)}]"
                             f"(<{index.dimensions_source}>)", ""]
        return self.page(path, title, f"Các chỉ số cải cách hành chính trong {c.short_title}.",
                         body)

    def index_table(self, index: Index) -> list[str]:
        unit = f" ({escape(index.unit)})" if index.unit else ""
        rows = [f"| Năm | Điểm{unit} | Xếp hạng | Nguồn |", "|---|---|---|---|"]
        for value in sorted([*index.values], key=lambda v: v.year):
            score = decimal(value.score) if value.score is not None else "—"
            rank = (f"{value.rank}/{index.ranked_among}" if value.rank and index.ranked_among
                    else str(value.rank or "—"))
            rows.append(f"| {value.year} | {score} | {rank} | "
                        f"[nguồn {value.year}](<{value.source}>) |")
        for value in sorted(index.national_average, key=lambda v: v.year):
            score = decimal(value.score) if value.score is not None else "—"
            rows.append(f"| {value.year} (trung bình cả nước) | {score} | — | "
                        f"[nguồn {value.year}, cả nước](<{value.source}>) |")
        return [*rows, ""]

    def documents(self) -> str:
        c, path, title = self.campaign, self.paths.documents, "Văn bản được dẫn"
        documents = self.citations.documents
        body = [f"{len(documents)} văn bản được nhắc đến trong {self.kind} này, mỗi văn bản một "
                "mục."
                " Số hiệu văn bản ở các trang khác đều dẫn về đây.", ""]
        for doc in documents:
            body += [f"## {escape(document_label(doc))} {{#{doc.id}}}", ""]
            facts = []
            if doc.date:
                facts.append(f"- **Ngày ban hành:** {short_date(doc.date)}")
            if doc.issuer:
                facts.append(f"- **Cơ quan ban hành:** {escape(doc.issuer)}")
            if doc.title and doc.number:
                facts.append(f"- **Trích yếu:** {self.text(doc.title, path)}")
            cited = self.citations.cited_in.get(doc.id, {})
            if cited:
                facts.append("- **Được nhắc đến ở:** " + ", ".join(
                    link(escape(name), page, path) for page, name in cited.items()))
            body += [*facts, ""] if facts else [f"*{escape(doc.kind)}*", ""]
        return self.page(path, title, f"Các văn bản được dẫn trong {c.short_title}.", body)

    def document_mention(self, doc: Document, page: str) -> str:
        """How Vietnamese cites a document: 'Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ
        tướng Chính phủ phê duyệt “…”', 'Kế hoạch số 105/KH-UBND … về “…”'."""
        label = link(escape(document_label(doc)), f"{self.paths.documents}#{doc.id}", page)
        parts = [label]
        if doc.date:
            parts.append(f"ngày {short_date(doc.date)}")
        if doc.issuer:
            parts.append(f"của {escape(doc.issuer)}")
        if doc.title and doc.number:
            # A title that opens with its own verb ('phê duyệt “…”') follows the issuer as it
            # is; a bare title is what the document is about.
            about = "" if doc.title[0].islower() else "về "
            parts.append(about + self.text(doc.title, page))
        return " ".join(parts)
