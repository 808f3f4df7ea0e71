"""The benchmark suite's own parts: synthetic campaigns are real campaigns, the growth figures
mean what they say, and the published figures are the ones the last run measured."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO

from bench.report import README_END, README_START, full_report, summary
from bench.scale import growth
from bench.synthetic import campaign_data, write_project
from generator.campaign.model import Campaign
from generator.content.pages import generate_site


def test_synthetic_campaigns_are_valid_projects(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", 3)
    proc = subprocess.run([sys.executable, "-m", "generator", "validate"], cwd=root,
                          capture_output=True, text=True, check=False, timeout=120,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr
    assert "3 tệp chiến dịch hợp lệ" in proc.stdout


def test_synthetic_campaigns_grow_as_asked_and_differ() -> None:
    small = Campaign.model_validate(campaign_data(1, agencies=12, topics=8, slogans=3))
    big = Campaign.model_validate(campaign_data(2, agencies=40, topics=20, slogans=9))
    assert (len(small.responsibilities), len(small.topics), len(small.slogans)) == (12, 8, 3)
    assert (len(big.responsibilities), len(big.topics), len(big.slogans)) == (40, 20, 9)
    assert small.slogans != big.slogans
    pages = generate_site([small, big], {small.id: [], big.id: []})
    assert any(path.startswith(f"{big.id}/") for path in pages)


def _row(campaigns: int, pages: int, warm: float, cold: float) -> dict[str, float]:
    return {"campaigns": campaigns, "pages": pages, "posters": campaigns * 3, "cards": pages,
            "warm_build_s": warm, "cold_build_s": cold, "plain_mkdocs_s": warm * 0.9,
            "warm_peak_rss_mb": 100 + pages * 0.1}


def test_growth_reads_one_when_linear_and_more_when_quadratic() -> None:
    linear = [_row(n, 20 * n, 1 + 0.01 * 20 * n, 2 + 0.05 * n) for n in (1, 10, 100)]
    assert growth(linear)["slope_ratio"] == 1.0
    assert growth(linear)["seconds_per_page"] == 0.01
    quadratic = [_row(n, 20 * n, 1 + 0.0001 * (20 * n) ** 2, 2) for n in (1, 10, 100)]
    assert growth(quadratic)["slope_ratio"] > 5


def test_published_figures_are_those_of_the_last_run() -> None:
    results = json.loads((REPO / "bench" / "results.json").read_text(encoding="utf-8"))
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index(README_START) + len(README_START):readme.index(README_END)]
    assert table.strip() == summary(results).strip()
    assert (REPO / "bench" / "results.md").read_text(encoding="utf-8") == full_report(results)
