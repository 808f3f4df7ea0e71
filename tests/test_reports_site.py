"""The reporting progress on the site: staff pages by default (shown in the preview, left out
of the public build), published with ``reports: public: true``; who filled a workbook is
never on a page."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE, Project, copy_project, page_text

from generator.campaign.load import load_campaign
from generator.content.progress import PAGE_SIZE, progress_pages
from generator.pipeline.project import read_project
from generator.pipeline.reported import progress_content
from generator.reports.indicators import COMMON
from generator.reports.periods import Period
from generator.reports.progress import progress
from generator.reports.reporters import Reporter
from generator.reports.store import Submission, record

ID = "cchc-ha-noi-2021"


def html(folder: Path) -> str:
    return page_text((folder / "index.html").read_text(encoding="utf-8"))


AGENCY = "thuong-truc-cap-uy-ban-tuyen-giao-cac-quan-huyen"


def received(project: Project, unit: str, day: dt.datetime, figures: dict[str, int]) -> None:
    record(project.root / "reports", Submission(
        ID, "2021-6t1", unit, day, f"{unit}.xlsx", unit, figures,
        difficulties="Thiếu kinh phí.", filled_by="Nguyễn Văn A", phone="0912 345 678"))


def test_progress_is_a_staff_page_unless_the_campaign_publishes_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    target = project.root / "campaigns" / "units" / "ha-noi.yml"
    target.parent.mkdir(parents=True)
    shutil.copy2(REPO / "tests" / "data" / "units" / "ha-noi.yml", target)
    project.edit("leaflet:\n", "units:\n  file: units/ha-noi.yml\nleaflet:\n")
    received(project, "phuong-ba-dinh", dt.datetime(2021, 6, 20, tzinfo=dt.UTC),
             {"pa-no": 12, "to-roi-phat": 1500})
    received(project, "phuong-hoan-kiem", dt.datetime(2021, 7, 2, tzinfo=dt.UTC), {"pa-no": 3})
    unit_page = f"{ID}/don-vi/phuong-ba-dinh.md"
    pages = {f"{ID}/index.md": "", unit_page: "# UBND PHƯỜNG BA ĐÌNH\n"}
    public = read_project(project.root / "mkdocs.yml")
    assert progress_content(public, pages) == {}  # nothing of it in the public site
    # The preview (campaign serve) shows them.
    preview = progress_content(public.for_preview(), pages)
    period = preview[f"{ID}/bao-cao/2021-6t1.md"]
    assert "Có 2/3 đơn vị đã gửi báo cáo (1 đơn vị đúng hạn, 1 đơn vị nộp muộn); 1 đơn vị " \
           "chưa gửi báo cáo dù đã quá hạn" in period
    assert "treo 15 pa nô, áp phích" in period and "| Pa nô, áp phích đã treo | cái | 15 |" \
        in period
    assert "- UBND XÃ SÓC SƠN" in period  # missing, past the deadline
    assert 'role="img"' in period and "chưa nộp, đã quá hạn: 1 đơn vị" in period
    unit = preview[unit_page]
    assert unit.startswith(pages[unit_page]) and "## Số liệu báo cáo" in unit
    assert "| Tờ rơi đã phát (tờ) | 1\\.500 |" in unit
    for text in preview.values():
        assert "Nguyễn Văn A" not in text and "0912" not in text


def test_published_progress_builds_strict(project: Project) -> None:
    """The office's choice: built by MkDocs, strict (every link whole)."""
    received(project, AGENCY, dt.datetime(2021, 6, 20, tzinfo=dt.UTC), {"hoi-nghi": 7})
    project.edit("leaflet:\n", "reports:\n  public: true\nleaflet:\n")
    built = project.run("build")
    assert built.code == 0, built.err
    site = project.root / "site" / ID / "bao-cao"
    text = html(site / "2021-6t1")
    assert "Có 1/1 đơn vị đã gửi báo cáo" in text and "tổ chức 7 hội nghị" in text
    assert "Nguyễn Văn A" not in text
    assert "đúng hạn" in html(site / "2021-6t1-don-vi-1")
    assert "Báo cáo cuối năm 2021" in html(site)


def test_pages_stay_light_at_the_national_scale() -> None:
    """3,321 units: the period's page does not grow with them; the list is paged."""
    period = Period("2026-q1", "Báo cáo quý", "quý I năm 2026", dt.date(2026, 1, 1),
                    dt.date(2026, 3, 31), dt.date(2026, 3, 15))
    units = [Reporter(f"xa-{n:04d}", f"UBND XÃ THỬ SỐ {n}", f"tinh-{n % 34}")
             for n in range(1, 3322)]
    received = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    latest = {u.id: Submission("c", period.id, u.id, received, "", "", {"pa-no": 2})
              for u in units[::2]}
    campaign = load_campaign(SAMPLE)
    one = progress(period, units, list(COMMON), latest, dt.date(2026, 4, 1))
    few = progress(period, units[:40], list(COMMON),
                   {k: v for k, v in latest.items() if k in {u.id for u in units[:40]}},
                   dt.date(2026, 4, 1))
    big, small = progress_pages(campaign, [one]), progress_pages(campaign, [few])
    page = f"{ID}/bao-cao/2026-q1.md"
    assert len(big[page]) < len(small[page]) + 4000
    lists = [p for p in big if "-don-vi-" in p]
    assert len(lists) == -(-3321 // PAGE_SIZE)
    assert max(len(big[p]) for p in lists) < 40_000
    assert "Có 1.661/3.321 đơn vị đã gửi báo cáo" in big[page]


def test_a_new_day_is_a_change_once_reports_are_collected(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Who is late depends on the day: a build the next day is not skipped as unchanged
    once the project holds reports, and is before."""
    from generator.pipeline import inputs

    project = copy_project(tmp_path / "project")
    config = read_project(project.root / "mkdocs.yml")
    days = iter([dt.date(2021, 7, 1), dt.date(2021, 7, 2)] * 2)
    monkeypatch.setattr(inputs, "today_in_vietnam", lambda: next(days))
    assert inputs.inputs_digest(config) == inputs.inputs_digest(config)  # no reports yet
    received(project, AGENCY, dt.datetime(2021, 6, 20, tzinfo=dt.UTC), {"hoi-nghi": 7})
    assert inputs.inputs_digest(config) != inputs.inputs_digest(config)
