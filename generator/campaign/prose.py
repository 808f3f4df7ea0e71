"""Facts written as Vietnamese prose: the dates of a phase ("Đợt 1: Trong tháng 12/2025",
"Từ tháng 01 đến ngày bầu cử 15/3/2026") and the reporting rhythm ("Định kỳ 6 tháng, cuối
năm báo cáo ...", "... trước ngày 15 của tháng cuối quý")."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from generator.vi import fold

# "Đợt 1", "Giai đoạn 2", "Bước 3", "Đợt cao điểm" open a phase of a plan.
PHASE_LABEL = re.compile(r"^(?P<label>(?:Đợt|Giai đoạn|Bước|Đợt cao điểm)\s*[\w.]*)\s*[:.–-]\s*",
                         re.IGNORECASE)
# A date range written after a phase's label by the Markdown form: "(01/12/2025 – 31/12/2025)".
_WRITTEN_RANGE = re.compile(r"\s*\((\d{2}/\d{2}/\d{4}) – (\d{2}/\d{2}/\d{4})\)$")
_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_MONTH_YEAR = re.compile(r"(?<![\d/])(?:tháng\s+)?(\d{1,2})/(\d{4})(?![\d/])", re.IGNORECASE)
_MONTH = re.compile(r"tháng\s+(\d{1,2})(?![\d/])", re.IGNORECASE)
_QUARTER = re.compile(r"quý\s+(I{1,3}|IV|[1-4])\s*(?:/|năm\s+)(\d{4})", re.IGNORECASE)
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}


@dataclass(frozen=True)
class _When:
    at: int
    first: dt.date
    last: dt.date


def phase_dates(text: str, year: int | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a phase's wording covers, or None where it gives none.

    A month without a year takes the year of another date in the text, else ``year``.
    """
    found: list[_When] = []
    taken: list[tuple[int, int]] = []

    def free(match: re.Match[str]) -> bool:
        return not any(a <= match.start() < b for a, b in taken)

    for match in _DATE.finditer(text):
        day = _date(int(match[3]), int(match[2]), int(match[1]))
        if day:
            found.append(_When(match.start(), day, day))
            taken.append(match.span())
    for match in _QUARTER.finditer(text):
        quarter = _QUARTERS.get(match[1].upper()) or int(match[1])
        first_month = 3 * quarter - 2
        first = _date(int(match[2]), first_month, 1)
        last = _month_end(int(match[2]), first_month + 2)
        if first and last:
            found.append(_When(match.start(), first, last))
            taken.append(match.span())
    for match in _MONTH_YEAR.finditer(text):
        if free(match):
            first, last = _date(int(match[2]), int(match[1]), 1), _month_end(int(match[2]),
                                                                             int(match[1]))
            if first and last:
                found.append(_When(match.start(), first, last))
                taken.append(match.span())
    known_year = next((w.first.year for w in found), year)
    for match in _MONTH.finditer(text):
        if free(match) and known_year:
            first, last = (_date(known_year, int(match[1]), 1),
                           _month_end(known_year, int(match[1])))
            if first and last:
                found.append(_When(match.start(), first, last))
    if not found:
        return None, None
    found.sort(key=lambda w: w.at)
    if fold(text).lower().startswith("sau "):  # "Sau ngày bầu cử 15/3/2026"
        return found[-1].last + dt.timedelta(days=1), None
    return found[0].first, found[-1].last


def split_phase(text: str) -> tuple[str, str] | None:
    """('Đợt 1', 'Trong tháng 12/2025') from 'Đợt 1: Trong tháng 12/2025', or None."""
    match = PHASE_LABEL.match(text)
    if not match:
        return None
    return match["label"].strip(), text[match.end():].strip()


def written_range(label: str) -> tuple[str, dt.date | None, dt.date | None]:
    """A label with the range the Markdown form writes after it taken off, and that range."""
    match = _WRITTEN_RANGE.search(label)
    if not match:
        return label, None, None
    first, last = (dt.datetime.strptime(d, "%d/%m/%Y").date() for d in match.groups())
    return label[:match.start()], first, last


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# -- reporting ---------------------------------------------------------------------------------

_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
_EVERY = (
    (re.compile(r"dinh ky (\d{1,2}) thang"), None),
    (re.compile(r"(?:hang|moi|dinh ky) quy|cuoi (?:moi |hang )?quy"), 3),
    (re.compile(r"(?:hang|moi|dinh ky) thang"), 1),
    (re.compile(r"\b6 thang|sau thang"), 6),
)
_YEAR_END = re.compile(r"cuoi nam|hang nam|tong ket nam")
_DAY = re.compile(r"truoc ngay (\d{1,2})(?! ?/)")
_DEADLINE = re.compile(r"truoc ngay (\d{1,2})/(\d{1,2})(?:/(\d{4}))?")


def reporting_in(text: str, year: int) -> dict[str, Any] | None:
    """The reporting rhythm a sentence sets, as the model's ``reporting`` fields, or None when
    the sentence sets none. The sentence itself is the ``text``."""
    for sentence in _SENTENCE.findall(text):
        words = fold(sentence).lower()
        if "bao cao" not in words:
            continue
        found: dict[str, Any] = {}
        for pattern, months in _EVERY:
            match = pattern.search(words)
            if match:
                every = months or int(match[1])
                if 1 <= every <= 12:
                    found["every_months"] = every
                    break
        if _YEAR_END.search(words):
            found["year_end"] = True
        day = _DAY.search(words)
        if day and 1 <= int(day[1]) <= 31 and found.get("every_months"):
            found["day"] = int(day[1])
        deadlines = []
        for match in _DEADLINE.finditer(words):
            when = _date(int(match[3] or year), int(match[2]), int(match[1]))
            if when:
                deadlines.append({"date": when, "title": "Hạn báo cáo"})
        if deadlines and not found.get("every_months"):
            found["deadlines"] = deadlines
        if found:
            return {"text": sentence.strip(), **found}
    return None


# A day the text sets as a deadline or an event: "trước ngày 15 tháng 12 năm 2025", "chậm nhất
# ngày 10/12/2025", "từ ngày 20/11/2025 đến ngày 03/12/2025" (its end), "hoàn thành ngày ...".
# A date right after a document's number ("Quyết định số 06/QĐ-TTg ngày 02/01/2025") is the
# document's, not an event, and has none of these words before it.
_DUE = re.compile(
    r"(?P<lead>trước ngày|chậm nhất(?: là)?(?: vào)?(?: ngày)?|hạn chót(?: là)?(?: ngày)?|"
    r"hoàn thành(?: trước| trong| vào)?(?: ngày)?|đến ngày|kết thúc(?: vào)?(?: ngày)?|"
    r"dự kiến(?: tổ chức)?(?: vào)?(?: ngày)?|tổ chức vào ngày|vào ngày|thời hạn[^.;]{0,20}?ngày)"
    r"\s*(?P<day>\d{1,2})\s*(?:/|-|tháng\s+)(?P<month>\d{1,2})"
    r"(?:\s*(?:/|-|năm\s+)(?P<year>\d{4}))?", re.IGNORECASE)
_CLAUSE = re.compile(r"[^.;:\n]+")


def dated_events(text: str, year: int | None) -> list[tuple[dt.date, str]]:
    """Each day ``text`` sets as a deadline or an event, with the clause that says what; a
    day written without its year ("từ ngày 08 đến ngày 10/12/2025" keeps one) takes the year
    of the next date in the text, else ``year``."""
    found: list[tuple[dt.date, str]] = []
    for clause in _CLAUSE.findall(text):
        for match in _DUE.finditer(clause):
            then = int(match["year"]) if match["year"] else _next_year(clause, match.end(),
                                                                       year)
            day = _date(then, int(match["month"]), int(match["day"])) if then else None
            if day is not None:
                found.append((day, " ".join(clause.split())))
    return found


def _next_year(text: str, after: int, year: int | None) -> int | None:
    later = re.search(r"\b(20\d\d)\b", text[after:])
    return int(later[1]) if later else year


_CELL_DAY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")


def table_days(cell: str, year: int | None) -> list[dt.date]:
    """The days a task table's deadline cell gives ("10/12/2026", "trước ngày 15/01/2027",
    "15/12" in the document's year); a month or a quarter alone gives none."""
    days = []
    for match in _CELL_DAY.finditer(cell):
        then = int(match[3]) if match[3] else year
        day = _date(then, int(match[2]), int(match[1])) if then else None
        if day is not None:
            days.append(day)
    return days
