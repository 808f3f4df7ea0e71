"""Whole site builds through the real command line, each a fresh process, against plain MkDocs
building the same generated Markdown."""

from __future__ import annotations

import shutil
import statistics
import tempfile
from pathlib import Path
from typing import Any

from bench.common import (
    CAMPAIGN,
    SAMPLE,
    copy_sample_project,
    drawn,
    plain_build,
    plain_mkdocs_project,
    run,
)
from generator.campaign.load import load_campaign


def bench_site(repeat: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_sample_project(Path(tmp) / "project")
        colds, drawn_cold = [], 0
        for _ in range(repeat):
            shutil.rmtree(root / ".cache", ignore_errors=True)
            shutil.rmtree(root / "site", ignore_errors=True)
            seconds, log = run([*CAMPAIGN, "build"], root)
            colds.append(seconds)
            drawn_cold = drawn(log)
        noop = [run([*CAMPAIGN, "build"], root) for _ in range(repeat)]
        plain_root = plain_mkdocs_project(root)
        # Side by side, so that a slower spell of the machine weighs on both the same.
        warm, plain = [], []
        for _ in range(repeat):
            warm.append(run([*CAMPAIGN, "build", "--force"], root))
            plain.append(plain_build(plain_root))
        page = root / "docs" / "huong-dan" / "viet-chien-dich.md"
        edited = []
        for n in range(repeat):
            page.write_text(page.read_text(encoding="utf-8") + f"\n<!-- sửa lần {n} -->\n",
                            encoding="utf-8")
            edited.append(run([*CAMPAIGN, "build"], root))
        sample = root / "campaigns" / SAMPLE.name
        text = sample.read_text(encoding="utf-8")
        assert "3. Tích cực tham gia thực hiện" in text
        sample.write_text(text.replace("3. Tích cực tham gia thực hiện",
                                       "3. Hãy tích cực tham gia thực hiện"), encoding="utf-8")
        _, changed_log = run([*CAMPAIGN, "build"], root)
    cold = statistics.median(colds)
    noop_s = statistics.median(s for s, _ in noop)
    warm_s = statistics.median(s for s, _ in warm)
    edited_s = statistics.median(s for s, _ in edited)
    plain_s = statistics.median(plain)
    return {
        "cold_build_s": round(cold, 3),
        "posters_drawn_cold": drawn_cold,
        "noop_build_s": round(noop_s, 3),
        "posters_drawn_noop": max(drawn(log) for _, log in noop),
        "warm_build_s": round(warm_s, 3),
        "posters_drawn_warm": max(drawn(log) for _, log in warm),
        "page_edited_build_s": round(edited_s, 3),
        "plain_mkdocs_s": round(plain_s, 3),
        "ratio_warm_over_plain_mkdocs": round(warm_s / plain_s, 3),
        "ratio_page_edited_over_plain_mkdocs": round(edited_s / plain_s, 3),
        "ratio_noop_over_cold": round(noop_s / cold, 3),
        "posters_redrawn_one_slogan_changed": drawn(changed_log),
        "posters_per_slogan": len(load_campaign(SAMPLE).posters.formats),
    }
