"""Returned workbooks into submissions: each checked cell by cell, the accepted ones recorded
in the store, a receipt per unit to send back. A returned file is only ever read."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.campaign.model import Campaign
from generator.errors import UserError
from generator.reports.indicators import TEMPLATE_VERSION, Indicator, indicators
from generator.reports.periods import Period, period
from generator.reports.readers import read_all, returned_files
from generator.reports.reporters import Reporter, reporters
from generator.reports.returned import Cell, CellProblem, Grid, at, text, whole_file
from generator.reports.store import Submission, record
from generator.reports.workbook import (
    DIFFICULTIES,
    FIGURE_COLUMN,
    FILLED_BY,
    ID_COLUMN,
    KEY_LABEL,
    MAX_FIGURE,
    NOTE_COLUMN,
    PHONE,
    PROPOSALS,
    TEXT_COLUMN,
)
from generator.vi import amount, fold, in_vietnam, short_date

_GROUPED = re.compile(r"^\d{1,3}([.,  ]\d{3})+$")


@dataclass(frozen=True)
class Context:
    """What a campaign's workbooks are checked against."""

    campaign: Campaign
    reporters: dict[str, Reporter]
    indicators: dict[str, Indicator]


@dataclass(frozen=True)
class Accepted:
    path: Path
    submission: Submission
    period: Period
    context: Context
    recorded: Path | None  # None: this very file was recorded before


def _label(value: object) -> str:
    return " ".join(fold(str(value)).lower().split()).rstrip(":")


def _labels(grid: Grid) -> dict[str, int]:
    """The row of each label in column A, the first where one is written twice."""
    rows: dict[str, int] = {}
    for (row, column), value in sorted(grid.values.items()):
        if column == 1:
            rows.setdefault(_label(value), row)
    return rows


def figure(value: object) -> int | str:
    """A whole number, or what is wrong with the value, in Vietnamese."""
    if isinstance(value, bool):
        return "giá trị đúng/sai không phải số lượng"
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return "ô chứa ngày giờ, không phải số lượng"
    if isinstance(value, float):
        if not value.is_integer():
            return f"{str(value).replace('.', ',')} không phải số nguyên"
        value = int(value)
    if isinstance(value, str):
        raw = value.strip()
        if raw.isdigit():
            value = int(raw)
        elif _GROUPED.match(raw):
            value = int(re.sub(r"\D", "", raw))
        elif re.fullmatch(r"-\s*\d+", raw):
            value = -int(raw.replace("-", "").strip())
        else:
            return f"'{text(raw)[:40]}' không phải số nguyên"
    if not isinstance(value, int):
        return "ô này không chứa số"
    if value < 0:
        return f"{value} là số âm"
    if value > MAX_FIGURE:
        return f"{amount(value)} lớn hơn mọi số liệu có thể có"
    return value


def interpret(path: Path, grid: Grid, digest: str, context_of: Callable[[str], Context | None],
              *, only_campaign: str | None, only_period: str | None,
              received_at: dt.datetime) -> tuple[Submission, Period]:
    """The submission a grid holds; raises UserError with every problem found."""
    labels = _labels(grid)
    key_row = labels.get(_label(KEY_LABEL))
    if key_row is None:
        raise UserError([whole_file(path, (
            f"không thấy dòng '{KEY_LABEL}': tệp không phải biểu mẫu báo cáo do chiến dịch "
            "gửi; hãy điền vào đúng tệp đã nhận"))])
    key_cell: Cell = (key_row, TEXT_COLUMN)
    key = text(grid.values.get(key_cell))
    parts = key.split("/")
    if len(parts) != 3 or not all(parts):
        raise UserError([at(path, key_cell, f"mã báo cáo '{key[:80]}' bị sửa (cần dạng "
                                            "chiến-dịch/kỳ/đơn-vị); hãy dùng đúng tệp đã nhận")])
    campaign_id, period_id, unit_id = parts
    meta = grid.meta
    if meta is not None and (meta.get("campaign"), meta.get("period"), meta.get("unit")) != \
            (campaign_id, period_id, unit_id):
        raise UserError([at(path, key_cell, (
            "mã báo cáo không khớp với mã lưu trong tệp (ô này đã bị sửa); hãy dùng đúng tệp "
            "đã nhận cho đơn vị và kỳ của mình"))])
    if meta is not None and meta.get("template_version") != str(TEMPLATE_VERSION):
        raise UserError([at(path, key_cell, (
            f"biểu mẫu phiên bản {meta.get('template_version')}, lệnh này đọc phiên bản "
            f"{TEMPLATE_VERSION}; hãy gửi đơn vị biểu mẫu mới (campaign report templates)"))])
    if only_campaign and campaign_id != only_campaign:
        raise UserError([at(path, key_cell, (
            f"tệp là báo cáo của chiến dịch '{campaign_id}', không phải '{only_campaign}'; hãy "
            "tách ra, thu riêng cho chiến dịch đó"))])
    if only_period and period_id != only_period:
        raise UserError([at(path, key_cell, (
            f"tệp là báo cáo kỳ '{period_id}', không phải kỳ '{only_period}' đang thu; hãy "
            "tách ra, thu riêng cho kỳ đó"))])
    context = context_of(campaign_id)
    if context is None:
        raise UserError([at(path, key_cell, (
            f"không có chiến dịch '{campaign_id}' trong thư mục campaigns/; tệp là báo cáo "
            "của dự án khác hoặc mã đã bị sửa"))])
    try:
        found_period = period(context.campaign, period_id, whole_file(path, ""))
    except UserError as exc:
        raise UserError([at(path, key_cell, exc.problems[0].message)]) from None
    if unit_id not in context.reporters:
        close = difflib.get_close_matches(unit_id, list(context.reporters), n=1)
        hint = f"có phải '{close[0]}'?" if close else "hãy dùng đúng tệp đã gửi cho đơn vị"
        raise UserError([at(path, key_cell, (
            f"đơn vị '{unit_id}' không có trong danh sách đơn vị của chiến dịch "
            f"{campaign_id}; {hint}"))])

    problems: list[CellProblem] = []
    figures: dict[str, int] = {}
    notes: dict[str, str] = {}
    for (row, column), value in sorted(grid.values.items()):
        if column != ID_COLUMN or str(value).strip() not in context.indicators:
            continue
        indicator = str(value).strip()
        cell: Cell = (row, FIGURE_COLUMN)
        if cell in grid.unsaved:
            problems.append(at(path, cell, (
                "ô có công thức chưa được tính và lưu; hãy ghi số vào ô, hoặc mở tệp bằng "
                "Excel hoặc LibreOffice rồi lưu lại trước khi gửi")))
            continue
        raw = grid.values.get(cell)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        checked = figure(raw)
        if isinstance(checked, str):
            problems.append(at(path, cell, (
                f"{checked}; hãy ghi số nguyên không âm ({context.indicators[indicator].measure}"
                "), ví dụ 12, không có thì ghi 0")))
        else:
            figures[indicator] = checked
        if note := text(grid.values.get((row, NOTE_COLUMN))):
            notes[indicator] = note
    if problems:
        raise UserError(problems)

    def answer(label: str) -> str:
        row = labels.get(_label(label))
        return text(grid.values.get((row, TEXT_COLUMN))) if row is not None else ""

    submission = Submission(
        campaign_id, period_id, unit_id, received_at, path.name, digest,
        figures, notes, answer(DIFFICULTIES), answer(PROPOSALS), answer(FILLED_BY),
        answer(PHONE))
    if not figures and not submission.difficulties and not submission.proposals:
        first = next((row for (row, column), value in sorted(grid.values.items())
                      if column == ID_COLUMN and str(value).strip() in context.indicators),
                     key_row)
        raise UserError([at(path, (first, FIGURE_COLUMN), (
            "biểu mẫu chưa điền số liệu nào; hãy ghi số vào các ô màu vàng (không có thì ghi "
            "0), lưu rồi gửi lại"))])
    return submission, found_period


def collect(paths: Iterable[Path], store: Path, lookup: Callable[[str], Campaign | None], *,
            only_campaign: str | None = None, only_period: str | None = None,
            ) -> tuple[list[Accepted], list[CellProblem]]:
    """Every returned file read, checked and, when accepted, recorded in ``store``: read and
    checked by the reading workers, recorded here one after another (a file sent twice is
    recorded once)."""

    @cache
    def context_of(campaign_id: str) -> Context | None:
        campaign = lookup(campaign_id)
        if campaign is None:
            return None
        return Context(campaign, {r.id: r for r in reporters(campaign)},
                       {i.id: i for i in indicators(campaign)})

    def check(path: Path, grid: Grid, digest: str, mtime: float
              ) -> tuple[Submission, Period] | list[CellProblem]:
        try:
            received = dt.datetime.fromtimestamp(int(mtime), tz=dt.UTC)
            return interpret(path, grid, digest, context_of, only_campaign=only_campaign,
                             only_period=only_period, received_at=received)
        except UserError as exc:
            return [p for p in exc.problems if isinstance(p, CellProblem)]

    accepted: list[Accepted] = []
    problems: list[CellProblem] = []
    for path, checked in read_all(returned_files(paths), check):
        if isinstance(checked, CellProblem):
            problems.append(checked)
        elif isinstance(checked, list):
            problems.extend(checked)
        else:
            sub, found = checked
            context = context_of(sub.campaign)
            assert context is not None  # the worker found it
            accepted.append(Accepted(path, sub, found, context, record(store, sub)))
    return accepted, problems


def receipt(item: Accepted) -> str:
    """One paragraph to send back to the unit: what was received and the figures read."""
    sub, context = item.submission, item.context
    unit = context.reporters[sub.unit].name
    local = in_vietnam(sub.received_at)
    counted = [context.indicators[k].phrase.format(n=amount(v)) for k, v in sub.figures.items()
               if v and k in context.indicators]
    lines = [f"{unit}: đã nhận báo cáo {item.period.name} ({context.campaign.short_title}), "
             f"tệp {sub.source}, lúc {local:%H:%M} {short_date(local.date())}"
             + ("" if item.recorded else " (tệp này đã nhận trước đây)") + ".",
             "Số liệu: " + ("; ".join(counted) if counted else "chưa ghi số liệu nào") + ".",
             f"Khó khăn: {'có ghi' if sub.difficulties else 'không ghi'}; kiến nghị: "
             f"{'có ghi' if sub.proposals else 'không ghi'}."]
    if local.date() > item.period.deadline:
        lines.append(f"Nộp sau hạn {short_date(item.period.deadline)}.")
    return " ".join(lines)
