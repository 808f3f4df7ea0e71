"""Where a period stands: who reported (on time or late), who is missing, and the figures
added up per indicator and per group of units."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import Enum

from generator.reports.indicators import Indicator
from generator.reports.periods import Period
from generator.reports.reporters import Reporter
from generator.reports.store import Submission
from generator.vi import in_vietnam


class Status(Enum):
    ON_TIME = "đúng hạn"
    LATE = "nộp muộn"
    MISSING = "chưa nộp, đã quá hạn"
    WAITING = "chưa nộp, chưa đến hạn"


@dataclass(frozen=True)
class Row:
    reporter: Reporter
    status: Status
    submission: Submission | None


@dataclass(frozen=True)
class Progress:
    period: Period
    indicators: tuple[Indicator, ...]
    rows: tuple[Row, ...]
    totals: dict[str, int]
    # Group id (None: units in no group) -> indicator id -> total.
    by_group: dict[str | None, dict[str, int]]

    def count(self, status: Status) -> int:
        return sum(1 for row in self.rows if row.status is status)

    @property
    def reported(self) -> int:
        return self.count(Status.ON_TIME) + self.count(Status.LATE)

    def with_status(self, *statuses: Status) -> list[Row]:
        return [row for row in self.rows if row.status in statuses]


def _status(sub: Submission | None, deadline: dt.date, today: dt.date) -> Status:
    if sub is not None:
        received = in_vietnam(sub.received_at).date()  # the deadline's whole day counts
        return Status.ON_TIME if received <= deadline else Status.LATE
    return Status.MISSING if today > deadline else Status.WAITING


def progress(period: Period, reporters: list[Reporter], indicators: list[Indicator],
             latest: dict[str, Submission], today: dt.date) -> Progress:
    """The period's standing on ``today``; submissions of units no longer listed are left
    out of the totals (they are kept in the store)."""
    rows = []
    totals: Counter[str] = Counter()
    groups: dict[str | None, Counter[str]] = {}
    known = {i.id for i in indicators}
    for reporter in reporters:
        sub = latest.get(reporter.id)
        rows.append(Row(reporter, _status(sub, period.deadline, today), sub))
        if sub is None:
            continue
        figures = {k: v for k, v in sub.figures.items() if k in known}
        totals.update(figures)
        groups.setdefault(reporter.group, Counter()).update(figures)
    return Progress(period, tuple(indicators), tuple(rows),
                    {i.id: totals.get(i.id, 0) for i in indicators},
                    {g: {i.id: c.get(i.id, 0) for i in indicators} for g, c in groups.items()})
