"""The workbooks of one campaign: one per unit and period, written into a folder without
replacing a file already there (it may be one a unit filled in)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import write_new_bytes
from generator.campaign.model import Campaign
from generator.errors import Problem, UserError
from generator.reports.indicators import indicators
from generator.reports.periods import Period, period, periods
from generator.reports.reporters import Reporter, reporters
from generator.reports.workbook import Template, file_name, template_bytes


@dataclass(frozen=True)
class Written:
    written: int
    kept: int  # already in the folder, left as they were
    periods: tuple[Period, ...]
    units: int


def chosen_periods(campaign: Campaign, source: Path, period_id: str | None) -> list[Period]:
    """The period asked for, else every period of the campaign's rhythm; a campaign whose
    document sets none needs one asked for."""
    where = Problem(source, 1, 1, "")
    if period_id:
        return [period(campaign, period_id, where)]
    found = periods(campaign)
    if not found:
        raise UserError([Problem(source, 1, 1, (
            f"chiến dịch {campaign.id} chưa có chế độ báo cáo (văn bản không ghi kỳ, hạn báo "
            "cáo); hãy thêm vào phần đầu 'reporting:' với 'text:' và 'every_months: 3' (hoặc "
            "6), 'year_end: true', hoặc chọn kỳ bằng --period, ví dụ --period "
            f"{campaign.year}-q1"))])
    return found


def write_templates(campaign: Campaign, source: Path, period_id: str | None,
                    out: Path) -> Written:
    chosen = chosen_periods(campaign, source, period_id)
    units = reporters(campaign)
    if not units:
        raise UserError([Problem(source, 1, 1, (
            f"chiến dịch {campaign.id} không có đơn vị (units:) hay cơ quan được giao nhiệm vụ "
            "để gửi biểu mẫu báo cáo; hãy thêm 'units:' vào phần đầu"))])
    jobs = [(found, unit, out / file_name(campaign.id, found.id, unit.id))
            for found in chosen for unit in units]
    todo = [job for job in jobs if not job[2].exists()]
    written = sum(_written(campaign, todo))
    return Written(written, len(jobs) - written, tuple(chosen), len(units))


Job = tuple[Period, Reporter, Path]
# A workbook takes about 17 ms to make (openpyxl): a country's units are made by a process
# per core, each given the campaign once.
_POOL_FROM = 100
_campaign: Campaign | None = None


def _start(campaign: Campaign) -> None:
    global _campaign
    _campaign = campaign


def _write(job: Job) -> bool:
    """Write one workbook unless a file took its name meanwhile."""
    assert _campaign is not None
    found, unit, target = job
    try:
        write_new_bytes(target, template_bytes(Template(_campaign, found, unit,
                                                        tuple(indicators(_campaign)))))
    except FileExistsError:
        return False
    return True


def _written(campaign: Campaign, jobs: list[Job]) -> Iterator[bool]:
    if len(jobs) < _POOL_FROM or (os.cpu_count() or 1) < 2:
        _start(campaign)
        yield from map(_write, jobs)
        return
    with ProcessPoolExecutor(os.cpu_count(), initializer=_start,
                             initargs=(campaign,)) as pool:
        yield from pool.map(_write, jobs, chunksize=32)
