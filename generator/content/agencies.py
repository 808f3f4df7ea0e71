"""The pages of who does what: every agency's tasks on one page, a page per agency, the
whole list for paper, and the reporting each owes."""

from __future__ import annotations

from generator.content.citations import AGENCIES_TITLE
from generator.content.markdown import escape, link
from generator.content.writer import (
    CALENDAR_LABEL,
    PageWriter,
)


def agencies(w: PageWriter) -> str:
    c, path, title = w.campaign, w.paths.agencies, AGENCIES_TITLE
    body = ["Chọn cơ quan, đơn vị của bạn để xem những việc phải làm."
            if c.responsibilities else f"{escape(c.kind)} này không chia việc theo từng cơ "
            f"quan; xem {link('toàn văn', w.paths.full_text, path)}.", ""]
    for agency in c.responsibilities:
        if agency.agency:
            tasks = sum(1 + len(t.points) for t in agency.tasks)
            body.append(f"- {link(escape(agency.agency), w.paths.agency(agency.id), path)}"
                        f" ({tasks} việc)")
    body.append("")
    general = [a for a in c.responsibilities if not a.agency]
    if general:
        body += ["## Việc chung", ""]
        for item in general:
            body += w.points(item.tasks, path)
    return w.page(path, title, f"Việc của từng cơ quan trong {c.short_title}.", body)


def agencies_in_full(w: PageWriter) -> str:
    """Every agency's tasks on one page, as the document lists them: for print, where a
    reader cannot follow a link to each agency's page."""
    c, path = w.campaign, w.paths.agencies
    body = []
    for agency in c.responsibilities:
        if agency.agency:
            body += [f"## {escape(agency.agency)}", ""]
        body += w.points(agency.tasks, path, ordered=bool(agency.agency))
    return w.page(path, w.heading_text("responsibilities"),
                     f"Việc của từng cơ quan trong {c.short_title}.", body)


def agency(w: PageWriter, agency_id: str) -> str:
    c, path = w.campaign, w.paths.agency(agency_id)
    agency = c.responsibility(agency_id)
    title = agency.agency or agency.id
    body = [f"Những việc cơ quan, đơn vị này phải làm theo {escape(c.kind.lower())} "
            f"“{escape(c.short_title)}”.", "", *w.theme_box(), "## Nhiệm vụ", "",
            *w.points(agency.tasks, path, ordered=True)]
    if c.reporting and agency_id in c.reporting.by:
        body += ["## Báo cáo", "", *reporting_lines(w, path)]
    elif c.reporting:
        body += ["## Lịch báo cáo của chiến dịch", "",
                 f"- {link(CALENDAR_LABEL, w.paths.calendar, path)}",
                 ""]
    body += ["## Xem thêm", "",
             f"- {link('Nội dung cần tuyên truyền', w.paths.topics, path)}",
             f"- {link('Hình thức tuyên truyền', w.paths.forms, path)}",
             f"- {link('Khẩu hiệu', w.paths.slogans, path)}",
             f"- {link('Các cơ quan khác', w.paths.agencies, path)}", ""]
    return w.page(path, title, f"Việc của {agency.agency} trong {c.short_title}.", body)


def reporting_lines(w: PageWriter, page: str) -> list[str]:
    reporting = w.campaign.reporting
    assert reporting is not None
    lines = [w.text(reporting.text, page), ""]
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
        agency = w.campaign.responsibility(agency_id)
        name = escape(agency.agency or agency.id)
        lines.append("- **Cơ quan báo cáo:** "
                     + (link(name, w.paths.agency(agency_id), page) if agency.agency
                        else name))
    lines += w.web_only(f"- **Lịch báo cáo:** {link(CALENDAR_LABEL, w.paths.calendar, page)}")
    return [*lines, ""]
