"""The document itself, as it reads, from its basis to its signature, with its phases and the
decision that issues it: one link from the citizens' overview."""

from __future__ import annotations

from generator.content.agencies import reporting_lines
from generator.content.citations import full_text_title, referenced_notes
from generator.content.documents import document_mention
from generator.content.markdown import escape, link
from generator.content.writer import (
    CALENDAR_LABEL,
    PageWriter,
)
from generator.vi import long_date, short_date, superscript


def full_text(w: PageWriter) -> str:
    c, path = w.campaign, w.paths.full_text
    title = full_text_title(c)
    body = [*w.theme_box(),
            f"- **Văn bản:** {escape(c.title)}",
            *([f"- **Số, ký hiệu:** {escape(c.number)}"] if c.number else []),
            f"- **Cơ quan ban hành:** {escape(c.issuer)}"
            + (f" ({escape(c.parent)})" if c.parent else ""),
            f"- **Nơi, ngày ban hành:** {escape(c.place)}, "
            + (long_date(c.date) if c.date else "văn bản không ghi ngày"), ""]
    if c.decision:
        body += decision(w, path)
    if c.preamble:
        body += ["## Căn cứ", ""]
        for paragraph in c.preamble:
            body += [w.text(paragraph, path), ""]
    if c.basis:
        body += [] if c.preamble else ["## Căn cứ", ""]
        body += [f"- {document_mention(w, c.document(ref), path)}" for ref in c.basis]
        body.append("")
    body += free_sections(w, None, path)
    if c.purposes:
        body += [f"## {w.heading('purposes')}", "",
                 *w.points(c.purposes, path, ordered=True)]
    body += free_sections(w, "purposes", path)
    if c.audience:
        body += [f"## {w.heading('audience')}", "", *w.points(c.audience, path)]
    body += free_sections(w, "audience", path)
    if c.phases:
        body += [f"## {w.heading('phases')}", "", *phases(w, path)]
    body += free_sections(w, "phases", path)
    body += [*free_sections(w, "topics", path), *free_sections(w, "forms", path),
             *free_sections(w, "responsibilities", path)]
    if c.budget:
        body += [f"## {w.heading('budget')}", "", *w.points(c.budget, path)]
    body += free_sections(w, "budget", path)
    if c.reporting:
        body += [f"## {w.heading('reporting')}", "", *reporting_lines(w, path)]
    body += [*free_sections(w, "reporting", path), *free_sections(w, "slogans", path)]
    if c.indices:
        body += ["## Các chỉ số được nhắc đến", ""]
        body += [f"- **{escape(i.code)}**: {escape(i.name)}"
                 + (f" (công bố: {escape(i.publisher)})" if i.publisher else "")
                 for i in c.indices]
        body += ["", *w.web_only(
            f"Số liệu qua các năm: {link('Các chỉ số', w.paths.indices, path)}.", "")]
    if c.abbreviations:
        body += ["## Chữ viết tắt", ""]
        body += [f"- **{escape(a.short)}**: {escape(a.full)}" for a in c.abbreviations]
        body.append("")
    if c.closing:
        body += w.paragraphs(c.closing, path)
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
                 for line in (f"{superscript(note.id)} {w.text(note.text, path)}", "")]
    return w.page(path, title, f"{title}: {c.title}.", body)


def phases(w: PageWriter, page: str) -> list[str]:
    """Each phase with its dates, as the plan writes them, and the calendar that has them."""
    lines = []
    for phase in w.campaign.phases:
        # "Đợt 1: Trong tháng 12/2025" reads as the plan writes it; its dates follow.
        short = (phase.text is not None and len(phase.text) <= 60
                 and ":" not in phase.title)
        lines += [f"### {escape(phase.title)}"
                  + (f": {w.text(phase.text or '', page)}" if short else ""), ""]
        if phase.start and phase.end and phase.start != phase.end:
            lines += [f"*Từ {short_date(phase.start)} đến {short_date(phase.end)}*", ""]
        elif phase.start or phase.end:
            day = phase.start or phase.end
            assert day is not None
            lines += [f"*{'Từ' if phase.start else 'Đến'} {short_date(day)}*", ""]
        if phase.text and not short:
            lines += [w.text(phase.text, page), ""]
        if phase.points:
            lines += w.points(phase.points, page)
    if any(phase.start or phase.end for phase in w.campaign.phases):
        lines += w.web_only(f"Các đợt có trong {link(CALENDAR_LABEL, w.paths.calendar, page)}.",
                            "")
    return lines


def decision(w: PageWriter, page: str) -> list[str]:
    """The decision that issues the plan, and its articles as written."""
    decision = w.campaign.decision
    assert decision is not None
    label = "Quyết định" + (f" số {escape(decision.number)}" if decision.number else "")
    when = f" ngày {short_date(decision.date)}" if decision.date else ""
    about = f" {w.text(decision.title, page)}" if decision.title else ""
    lines = ["## Quyết định ban hành", "",
             f"{w.kind.capitalize()} này được ban hành kèm theo {label}{when}"
             + (f", trích yếu:{about}." if about else "."), ""]
    for article in decision.articles:
        lines += [w.text(article, page), ""]
    return lines


def free_sections(w: PageWriter, after: str | None, page: str) -> list[str]:
    """The parts of the document the generator has no place for, where they stood."""
    lines = []
    for section in w.campaign.sections:
        if section.after != after:
            continue
        title = section.title or f"Nội dung {w.campaign.kind.lower()}"
        lines += [f"## {escape(title)}", ""]
        for point in section.points:
            lines += [w.text(point.text, page) + (
                f"[^{point.footnote}]" if point.footnote else ""), ""]
            lines += [*(f"- {w.text(sub, page)}" for sub in point.points),
                      ""] if point.points else []
    return lines
