"""The benchmark suite: ``python -m bench [--quick]`` from the project folder.

Writes bench/results.json and bench/results.md, and the table of latest figures in README.md;
takes about five minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any

from bench.common import ROOT
from bench.posters import bench_a0_memory, bench_formats, bench_parallel, bench_png_levels
from bench.report import full_report, replace_readme_table
from bench.scale import bench_scale, growth
from bench.site import bench_site
from bench.social import bench_social

SCALE = (1, 10, 100)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="fewer repetitions and 1, 5 and 20 campaigns; prints the report "
                             "instead of saving it")
    parser.add_argument("--report", action="store_true",
                        help="only write the report and the README table again from "
                             "bench/results.json")
    args = parser.parse_args()
    if args.report:
        saved: dict[str, Any] = json.loads((ROOT / "bench" / "results.json")
                                           .read_text(encoding="utf-8"))
        saved["growth"] = growth(saved["scale"])
        _save(saved)
        return 0
    repeat = 3 if args.quick else 5
    started = time.perf_counter()
    results: dict[str, Any] = {"cores": os.cpu_count()}
    print("Poster render time per format, over Pillow encoding a blank PNG of the same size:")
    results["posters"] = bench_formats(repeat)
    print("PNG encoder settings on an A3 poster:")
    results["png_levels"] = bench_png_levels(repeat)
    print("Site builds (fresh processes):")
    results["site"] = bench_site(repeat)
    _show(results["site"])
    print("Share cards against Material's social plugin:")
    results["social"] = bench_social(repeat)
    _show(results["social"])
    print("Parallel rendering:")
    results["parallel"] = bench_parallel(max(2, repeat // 2))
    _show(results["parallel"])
    print("A0 peak memory:")
    results["a0_memory"] = bench_a0_memory()
    _show(results["a0_memory"])
    print("Scale (synthetic campaigns):")
    results["scale"] = bench_scale((1, 5, 20) if args.quick else SCALE, repeat)
    results["growth"] = growth(results["scale"])
    _show(results["growth"])
    results["minutes"] = round((time.perf_counter() - started) / 60, 1)
    if args.quick:
        print(full_report(results))
        return 0
    _save(results)
    print(f"Done in {results['minutes']} minutes: bench/results.md, bench/results.json, "
          "README.md")
    return 0


def _save(results: dict[str, Any]) -> None:
    here = ROOT / "bench"
    (here / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    (here / "results.md").write_text(full_report(results), encoding="utf-8")
    readme = ROOT / "README.md"
    readme.write_text(replace_readme_table(readme.read_text(encoding="utf-8"), results),
                      encoding="utf-8")


def _show(figures: dict[str, Any]) -> None:
    print("  " + ", ".join(f"{k}={v}" for k, v in figures.items()), flush=True)


if __name__ == "__main__":
    sys.exit(main())
