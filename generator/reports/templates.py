"""The workbooks of one campaign: one per unit and period, written into a folder without
replacing a file already there (it may be one a unit filled in)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.atomic import write_new_bytes
from generator.campaign.model import Campaign
from generator.errors import Problem, UserError
from generator.reports.indicators import indicators
from generator.reports.periods import Period, period, periods
from generator.reports.reporters import Reporter, reporters
from generator.reports.workbook import (
    UNIT_ID,
    UNIT_NAME,
    Template,
    file_name,
    stamped,
    template_bytes,
)


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
    measured = tuple(indicators(campaign))
    written = kept = 0
    for found in chosen:
        todo = [u for u in units if not (out / file_name(campaign.id, found.id, u.id)).exists()]
        kept += len(units) - len(todo)
        if not todo:
            continue
        # The period's workbook made once, each unit's name and id stamped into a copy.
        base = template_bytes(Template(campaign, found, Reporter(UNIT_ID, UNIT_NAME),
                                       measured))
        for unit in todo:
            try:
                write_new_bytes(out / file_name(campaign.id, found.id, unit.id),
                                stamped(base, unit))
                written += 1
            except FileExistsError:
                kept += 1
    return Written(written, kept, tuple(chosen), len(units))
