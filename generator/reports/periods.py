"""A campaign's reporting periods and their deadlines, from the rhythm its document sets.

"Định kỳ 6 tháng, cuối năm" gives ``2021-6t1`` (due at the end of June) and ``2021-nam`` (the
year-end report, which takes the place of the second half-year's); "hằng quý, trước ngày 15
của tháng cuối quý" gives ``2026-q1`` … ``2026-q4`` due on the 15th of March, June,
September and December; dated deadlines are periods of their own, ending on their date. The
reporting calendar (``content/calendar.py``) publishes these same deadlines: they are
computed here once.
"""

from __future__ import annotations

import calendar as months
import datetime as dt
import re
from dataclasses import dataclass

from generator.campaign.model import Campaign, Reporting
from generator.errors import Problem, UserError
from generator.vi import short_date

# 2026-q1, 2026-6t1, 2026-t03, 2026-k1-4, 2026-nam, 2026-0615
_ID = re.compile(r"^(\d{4})-(?:q([1-4])|6t([12])|t(\d{1,2})|k\d{1,2}-\d{1,2}|nam|\d{4})$")


@dataclass(frozen=True)
class Period:
    """One reporting period: what it covers and when its report is due."""

    id: str  # 2026-q1, 2026-6t1, 2026-nam, 2026-t03, 2026-k1-4 (every 4 months), 2026-0615
    title: str  # as the calendar and the workbook name it
    name: str  # what it covers, for sentences: "6 tháng đầu năm 2021"
    start: dt.date
    end: dt.date
    deadline: dt.date


def _due(reporting: Reporting | None, year: int, month: int) -> dt.date:
    """The period's last day, or the day of its last month the text sets ("trước ngày 15
    của tháng cuối quý")."""
    last = months.monthrange(year, month)[1]
    day = reporting.day if reporting is not None and reporting.day else last
    return dt.date(year, month, min(day, last))


def _month_span(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, first, 1), dt.date(year, last, months.monthrange(year, last)[1])


def _regular(reporting: Reporting | None, year: int, every: int, index: int) -> Period:
    """The ``index``-th (1-based) period of ``every`` months in ``year``."""
    last_month = every * index
    start, end = _month_span(year, last_month - every + 1, last_month)
    deadline = _due(reporting, year, last_month)
    what = "hạn nộp" if reporting is not None and reporting.day else "kỳ kết thúc"
    title = f"Báo cáo định kỳ {every} tháng ({what} {short_date(deadline)})"
    if every == 3:
        return Period(f"{year}-q{index}", title, f"quý {('I', 'II', 'III', 'IV')[index - 1]} năm "
                      f"{year}", start, end, deadline)
    if every == 6:
        half = "đầu" if index == 1 else "cuối"
        return Period(f"{year}-6t{index}", title, f"6 tháng {half} năm {year}", start, end,
                      deadline)
    if every == 12:
        return Period(f"{year}-nam", title, f"năm {year}", start, end, deadline)
    if every == 1:
        return Period(f"{year}-t{index:02d}", title, f"tháng {index}/{year}", start, end,
                      deadline)
    return Period(f"{year}-k{index}-{every}", title, f"{every} tháng (từ {short_date(start)} "
                  f"đến {short_date(end)})", start, end, deadline)


def _year_end(reporting: Reporting | None, year: int) -> Period:
    start, end = _month_span(year, 1, 12)
    return Period(f"{year}-nam", f"Báo cáo cuối năm {year}", f"năm {year}", start, end,
                  _due(reporting, year, 12))


def _dated(campaign: Campaign) -> list[Period]:
    """A period per dated deadline, from the day after the one before (or the year's
    start, or the document's date) to its own date."""
    assert campaign.reporting is not None
    out: list[Period] = []
    start = campaign.date or dt.date(campaign.year, 1, 1)
    for deadline in sorted(campaign.reporting.deadlines, key=lambda d: d.date):
        day = deadline.date
        first = min(start, day)
        out.append(Period(f"{day.year}-{day.month:02d}{day.day:02d}", deadline.title,
                          f"từ {short_date(first)} đến {short_date(day)}", first, day, day))
        start = day + dt.timedelta(days=1)
    return out


def periods(campaign: Campaign, year: int | None = None) -> list[Period]:
    """The periods of the campaign's year (or ``year``), in order of deadline; none when the
    document sets no rhythm."""
    reporting = campaign.reporting
    if reporting is None:
        return []
    if reporting.deadlines and year in (None, campaign.year):
        return _dated(campaign)
    year = year or campaign.year
    found: dict[dt.date, Period] = {}
    every = reporting.every_months
    if every:
        for index in range(1, 12 // every + 1):
            period = _regular(reporting, year, every, index)
            found[period.deadline] = period
    if reporting.year_end:
        # The last regular report of the year is the year-end report.
        year_end = _year_end(reporting, year)
        found = {day: p for day, p in found.items() if p.end != year_end.end}
        found[year_end.deadline] = year_end
    return sorted(found.values(), key=lambda p: (p.deadline, p.id))


def reporting_dates(campaign: Campaign) -> list[tuple[dt.date, str]]:
    """Each reporting deadline of the campaign year with its title, in order."""
    return [(p.deadline, p.title) for p in periods(campaign)]


def period(campaign: Campaign, period_id: str, where: Problem) -> Period:
    """The period ``period_id`` names: one of the campaign's, or one its rhythm gives in
    another year, or a quarter, half-year, month or year asked for by name where the
    document sets no rhythm. Raises UserError at ``where`` otherwise."""
    match = _ID.match(period_id)
    if match is not None:
        year = int(match[1])
        known = next((p for p in periods(campaign, year) if p.id == period_id), None)
        if known is not None:
            return known
        reporting = campaign.reporting
        if match[2]:
            return _regular(reporting, year, 3, int(match[2]))
        if match[3]:
            return _regular(reporting, year, 6, int(match[3]))
        if match[4] and 1 <= int(match[4]) <= 12:
            return _regular(reporting, year, 1, int(match[4]))
        if period_id.endswith("-nam"):
            return _year_end(reporting, year)
    listed = ", ".join(p.id for p in periods(campaign)) or "chưa có (văn bản không ghi chế độ " \
        "báo cáo)"
    raise UserError([Problem(where.path, where.line, where.col, (
        f"không có kỳ báo cáo '{period_id}' trong chiến dịch {campaign.id}; các kỳ: {listed}; "
        "hoặc ghi kỳ dạng 2026-q1 (quý), 2026-6t1 (6 tháng đầu năm), 2026-t03 (tháng), "
        "2026-nam (cả năm)"))])

