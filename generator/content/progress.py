"""The reporting progress pages of a campaign: for each period, who has reported (on time or
late), who is missing, the totals per indicator and per group of units, with a chart whose
text alternative states every figure; and each unit's figures on its own page.

Pages stay light however many units report: the period's page holds counts and totals, and
names at most ``LISTED`` units needing a reminder; every unit is listed on pages of
``PAGE_SIZE``. Who filled a workbook (name, telephone) is never written into a page.
"""

from __future__ import annotations

from html import escape as html_escape

from generator.campaign.model import Campaign
from generator.content.markdown import escape, front_matter, link, table
from generator.paths import CampaignPaths
from generator.reports.progress import Progress, Status
from generator.reports.reporters import group_names
from generator.reports.summary import result_sentences, standing
from generator.vi import amount, short_date

PAGE_SIZE = 200
LISTED = 50
FOLDER = "bao-cao"
_COLORS = {Status.ON_TIME: "#1B7F3B", Status.LATE: "#B35C00", Status.MISSING: "#A50F15",
           Status.WAITING: "#5F6368"}


def index_path(campaign_id: str) -> str:
    return f"{campaign_id}/{FOLDER}/index.md"


def period_path(campaign_id: str, period_id: str) -> str:
    return f"{campaign_id}/{FOLDER}/{period_id}.md"


def list_path(campaign_id: str, period_id: str, page: int) -> str:
    return f"{campaign_id}/{FOLDER}/{period_id}-don-vi-{page}.md"


def _status_chart(progress: Progress, chart_id: str) -> str:
    """One bar split by status; its title and description say every count."""
    total = max(len(progress.rows), 1)
    described = "; ".join(f"{status.value}: {amount(progress.count(status))} đơn vị"
                          for status in Status)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 28" width="100%" '
             f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d">',
             f'<title id="{chart_id}-t">Tình hình báo cáo {html_escape(progress.period.name)}'
             '</title>', f'<desc id="{chart_id}-d">{html_escape(described)}</desc>']
    x = 0.0
    for status in Status:
        width = 600 * progress.count(status) / total
        if width:
            parts.append(f'<rect x="{x:.1f}" y="0" width="{width:.1f}" height="28" '
                         f'fill="{_COLORS[status]}"/>')
        x += width
    parts.append("</svg>")
    return "".join(parts)


def _totals_chart(progress: Progress, chart_id: str) -> str:
    """Horizontal bars of the totals; the table below the chart gives the same figures."""
    shown = [(i, progress.totals[i.id]) for i in progress.indicators if progress.totals[i.id]]
    if not shown:
        return ""
    top = max(value for _, value in shown)
    height = 26 * len(shown)
    described = "; ".join(f"{i.label}: {amount(v)} {i.measure}" for i, v in shown)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 {height}" '
             f'width="100%" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
             'font-family="sans-serif" font-size="12">',
             f'<title id="{chart_id}-t">Tổng số theo chỉ tiêu</title>',
             f'<desc id="{chart_id}-d">{html_escape(described)}</desc>']
    for row, (indicator, value) in enumerate(shown):
        y = row * 26
        width = 300 * value / top
        parts += [f'<text x="0" y="{y + 17}" fill="#202124">'
                  f'{html_escape(indicator.label[:40])}</text>',
                  f'<rect x="300" y="{y + 4}" width="{width:.1f}" height="18" fill="#A50F15"/>',
                  f'<text x="{304 + width:.1f}" y="{y + 17}" fill="#202124">{amount(value)}'
                  '</text>']
    parts.append("</svg>")
    return "".join(parts)


def progress_pages(campaign: Campaign, standings: list[Progress]) -> dict[str, str]:
    """The index of periods, a page per period and the paged list of its units."""
    cid = campaign.id
    home = index_path(cid)
    lines = [front_matter({"title": f"Tiến độ báo cáo: {campaign.short_title}",
                           "description": "Đơn vị đã báo cáo, nộp muộn, chưa nộp theo từng "
                                          "kỳ báo cáo."}),
             f"# Tiến độ báo cáo: {escape(campaign.short_title)}", ""]
    pages: dict[str, str] = {}
    for number, one in enumerate(standings, start=1):
        period = one.period
        page = period_path(cid, period.id)
        lines += [f"## {escape(period.title)}", "",
                  f"{escape(standing(one))} "
                  f"{link('Xem số liệu và danh sách đơn vị', page, home)}.", "",
                  _status_chart(one, f"tien-do-{number}"), ""]
        pages[page] = _period_page(campaign, one)
        pages.update(_unit_lists(campaign, one))
    if not standings:
        lines += ["Chưa có kỳ báo cáo nào.", ""]
    lines += ["Màu trong hình: xanh lá là đúng hạn, cam là nộp muộn, đỏ là chưa nộp dù đã quá "
              "hạn, xám là chưa đến hạn.", ""]
    pages[home] = "\n".join(lines)
    return pages


def _period_page(campaign: Campaign, one: Progress) -> str:
    cid, period = campaign.id, one.period
    page = period_path(cid, period.id)
    lines = [front_matter({"title": f"{period.title}: {campaign.short_title}",
                           "description": f"Tình hình báo cáo {period.name}."}),
             f"# {escape(period.title)}", "",
             f"Kỳ báo cáo {escape(period.name)}, hạn nộp {short_date(period.deadline)}.", "",
             escape(standing(one)), "", _status_chart(one, "tinh-hinh"), "",
             "## Kết quả", ""]
    lines += [escape(sentence) + "\n" for sentence in result_sentences(one)]
    chart = _totals_chart(one, "tong-so")
    if chart:
        lines += [chart, ""]
    lines += table([["Chỉ tiêu", "Đơn vị tính", "Tổng số"],
                    *([i.label, i.measure, amount(one.totals[i.id])] for i in one.indicators)])
    groups = group_names(campaign)
    if groups and one.by_group:
        lines += ["", "## Theo nhóm đơn vị", ""]
        shown = [i for i in one.indicators if one.totals[i.id]][:6]
        lines += table([["Nhóm", *(f"{i.label} ({i.measure})" for i in shown)],
                        *([groups.get(g or "", "Các đơn vị khác"),
                           *(amount(t[i.id]) for i in shown)]
                          for g, t in one.by_group.items())])
    behind = one.with_status(Status.MISSING)
    if behind:
        lines += ["", "## Đơn vị chưa nộp, đã quá hạn", ""]
        lines += [f"- {escape(row.reporter.name)}" for row in behind[:LISTED]]
        if len(behind) > LISTED:
            lines.append(f"- … và {amount(len(behind) - LISTED)} đơn vị khác (xem danh sách)")
    pages_count = max(1, -(-len(one.rows) // PAGE_SIZE))
    lines += ["", "## Danh sách đơn vị", "",
              " · ".join(link(f"Trang {n}", list_path(cid, period.id, n), page)
                         for n in range(1, pages_count + 1)), ""]
    return "\n".join(lines)


def _unit_lists(campaign: Campaign, one: Progress) -> dict[str, str]:
    cid, period = campaign.id, one.period
    paths = CampaignPaths(cid)
    shown = [i for i in one.indicators if one.totals[i.id]][:4]
    pages_count = max(1, -(-len(one.rows) // PAGE_SIZE))
    out = {}
    has_pages = campaign.units is not None and bool(campaign.units.units)
    for number in range(1, pages_count + 1):
        page = list_path(cid, period.id, number)
        chunk = one.rows[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]
        rows = [["STT", "Đơn vị", "Tình trạng", *(i.label for i in shown)]]
        for position, row in enumerate(chunk, start=(number - 1) * PAGE_SIZE + 1):
            name = escape(row.reporter.name)
            figures = row.submission.figures if row.submission else {}
            rows.append([str(position),
                         link(name, paths.unit(row.reporter.id), page) if has_pages else name,
                         row.status.value,
                         *(amount(figures[i.id]) if i.id in figures else "" for i in shown)])
        around = [link("Trang trước", list_path(cid, period.id, number - 1), page)
                  if number > 1 else "",
                  link("Trang sau", list_path(cid, period.id, number + 1), page)
                  if number < pages_count else ""]
        out[page] = "\n".join([
            front_matter({"title": f"Đơn vị, {period.title} (trang {number})",
                          "description": f"Tình hình báo cáo từng đơn vị, {period.name}."}),
            f"# Đơn vị, {escape(period.title)} (trang {number}/{pages_count})", "",
            link("Về trang kỳ báo cáo", period_path(cid, period.id), page), "",
            *table(rows, cell=lambda text: text), "", " · ".join(a for a in around if a), ""])
    return out


def unit_section(standings: list[Progress], unit_id: str) -> str:
    """The unit's figures for each period, appended to its page."""
    lines = ["", "## Số liệu báo cáo", ""]
    for one in standings:
        row = next((r for r in one.rows if r.reporter.id == unit_id), None)
        if row is None:
            continue
        lines += [f"### {escape(one.period.title)}", "", f"Tình trạng: {row.status.value}.", ""]
        if row.submission is not None:
            figures = row.submission.figures
            lines += table([["Chỉ tiêu", "Số lượng"],
                            *([f"{i.label} ({i.measure})", amount(figures[i.id])]
                              for i in one.indicators if i.id in figures)])
            lines.append("")
    return "\n".join(lines)
