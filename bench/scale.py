"""How a build's time and memory grow with the project: 1, 10 and 100 campaigns."""

from __future__ import annotations

import json
import re
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import ROOT, drawn, plain_build, plain_mkdocs_project, run
from bench.synthetic import write_project

# A build in a child process that reports its own peak memory at exit (the poster workers
# are processes of their own).
_MEASURED_BUILD = """
import atexit, sys
sys.path.insert(0, sys.argv.pop(1))
from bench.common import peak_memory_bytes
atexit.register(lambda: print("peak-bytes", peak_memory_bytes(), file=sys.stderr))
from generator.cli import main
sys.exit(main(sys.argv[1:]))
"""


def measured_build(root: Path, *args: str) -> dict[str, Any]:
    """Wall time of a whole ``campaign build`` process, its peak memory and posters drawn."""
    seconds, log = run([sys.executable, "-c", _MEASURED_BUILD, str(ROOT), "build", *args],
                       root)
    [peak] = re.findall(r"^peak-bytes (\d+)$", log, re.M)
    return {"seconds": seconds, "peak_rss_bytes": int(peak),
            "posters_drawn": drawn(log)}


def _pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def _entries(*caches: Path) -> int:
    return sum(len(json.loads(p.read_text(encoding="utf-8"))) for p in caches)


def bench_scale(sizes: tuple[int, ...], repeat: int) -> list[dict[str, Any]]:
    rows = []
    for campaigns in sizes:
        # A single 100-campaign build moved by ±10% between runs on this shared machine:
        # three side by side keep the median within the target's margin.
        reps = min(3, repeat) if campaigns >= 100 else repeat
        with tempfile.TemporaryDirectory() as tmp:
            root = write_project(Path(tmp) / "project", campaigns)
            cold = measured_build(root)
            plain_root = plain_mkdocs_project(root)
            # Side by side, so that a slower spell of the machine weighs on both the same.
            warm, plain = [], []
            for _ in range(reps):
                warm.append(measured_build(root, "--force"))
                plain.append(plain_build(plain_root))
            row = {
                "campaigns": campaigns,
                "pages": _pages(root / "site"),
                "posters": _entries(*(root / ".cache" / "posters").glob("*/cache.json")),
                "cards": _entries(root / ".cache" / "cards" / "cache.json"),
                "cold_build_s": round(cold["seconds"], 3),
                "posters_drawn_cold": cold["posters_drawn"],
                "cold_peak_rss_mb": round(cold["peak_rss_bytes"] / 1e6, 1),
                "warm_build_s": round(statistics.median(w["seconds"] for w in warm), 3),
                "warm_peak_rss_mb": round(max(w["peak_rss_bytes"] for w in warm) / 1e6, 1),
                "plain_mkdocs_s": round(statistics.median(plain), 3),
                "repetitions": reps,
            }
            row["ratio_warm_over_plain_mkdocs"] = round(
                row["warm_build_s"] / row["plain_mkdocs_s"], 3)
            rows.append(row)
            print(f"  {campaigns} campaigns: {row['pages']} pages, {row['posters']} posters; "
                  f"cold {row['cold_build_s']} s, cached {row['warm_build_s']} s "
                  f"(plain MkDocs {row['plain_mkdocs_s']} s), peak "
                  f"{row['cold_peak_rss_mb']} MB", flush=True)
    return rows


def growth(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-page and per-image cost from the two largest sizes, and how far the growth is
    from linear: the cost per added page between the two larger steps over the smaller."""
    small, mid, big = rows[0], rows[-2], rows[-1]

    def slope(a: dict[str, Any], b: dict[str, Any], key: str) -> float:
        change: float = b[key] - a[key]
        pages: int = b["pages"] - a["pages"]
        return change / pages

    page_cost = slope(mid, big, "warm_build_s")
    image_cost = (big["cold_build_s"] - big["warm_build_s"]) / (big["posters"] + big["cards"])
    return {
        "seconds_per_page": round(page_cost, 4),
        "seconds_per_page_plain_mkdocs": round(slope(mid, big, "plain_mkdocs_s"), 4),
        # Drawing posters and share cards, and validating the campaigns, on every core.
        "seconds_per_image_drawn": round(image_cost, 4),
        "memory_mb_per_page": round(slope(mid, big, "warm_peak_rss_mb"), 3),
        # 1.0 is linear; a quadratic step would make the later slope ten times the earlier.
        "slope_ratio": round(page_cost / slope(small, mid, "warm_build_s"), 2),
        "slope_ratio_plain_mkdocs": round(slope(mid, big, "plain_mkdocs_s")
                                          / slope(small, mid, "plain_mkdocs_s"), 2),
        "poster_format": "mang-xa-hoi (1200 × 630)",
    }
