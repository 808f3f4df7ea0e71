"""Units: posters per second on this machine's worker pool and on a two-worker Dask cluster on
the same cores, side by side; the builder's peak memory; the site's build time as units grow.

    .venv/bin/pip install -e '.[bench,dask]'
    .venv/bin/python -m bench.units                  # writes bench/units.md (about 25 minutes)
    .venv/bin/python -m bench.units --units 1,10     # prints only

For each number of units, the sample campaign gets that many units (every unit: the sample's
4 slogans in its 6 formats, 24 posters) and is built cold twice, by real ``campaign build``
processes: once drawing on the local pool (two workers), once with ``--dask`` on a
``LocalCluster`` of two worker processes with one thread each, started here. The two builds
differ only in where posters are drawn, so the difference of their times is the cluster's
cost; *posters per second* divides the posters drawn by the build's time less that of a
rebuild with every poster cached (``--force``), the site's own share. The builder's memory is
its high-water mark (VmHWM) read every 20 ms until it ends (the builder alone, not its
workers).
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import CAMPAIGN, ROOT, SAMPLE, copy_sample_project, drawn, environment
from generator.posters.cluster import ADDRESS_VARIABLE

OUT = ROOT / "bench" / "units.md"
RESULTS = ROOT / "bench" / "units.json"
POSTERS_PER_UNIT = 24
CORES = 2  # the pool's workers and the cluster's: one per core of this machine
NATIONAL_UNITS = 3321


def unit_project(root: Path, count: int) -> Path:
    """The sample project with ``count`` units in a shared file."""
    copy_sample_project(root)
    lines = ["units:"]
    for n in range(1, count + 1):
        lines += [f"  - id: don-vi-{n:04d}", f"    name: UBND XÃ THỬ NGHIỆM SỐ {n}"]
    (root / "campaigns" / "units").mkdir()
    (root / "campaigns" / "units" / "bench.yml").write_text("\n".join(lines) + "\n",
                                                            encoding="utf-8")
    campaign = root / "campaigns" / SAMPLE.name
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(text.replace("leaflet:\n", "units:\n  file: units/bench.yml\nleaflet:\n",
                                     1), encoding="utf-8")
    return root


def timed_build(root: Path, *args: str, dask: str | None = None) -> dict[str, Any]:
    """A real ``campaign build``: wall time, posters drawn, the builder's peak memory."""
    env = environment()
    env.pop(ADDRESS_VARIABLE, None)
    if dask:
        env[ADDRESS_VARIABLE] = dask
    start = time.perf_counter()
    proc = subprocess.Popen([*CAMPAIGN, "build", *args], cwd=root, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    status, peak = Path(f"/proc/{proc.pid}/status"), 0
    while proc.poll() is None:
        try:  # the high-water mark so far: no peak between two readings is missed
            peak = max(peak, next(int(line.split()[1]) * 1024 for line in
                                  status.read_text(encoding="utf-8").splitlines()
                                  if line.startswith("VmHWM:")))
        except (OSError, StopIteration):  # ended meanwhile
            break
        time.sleep(0.02)
    log = proc.communicate()[0]
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise RuntimeError(f"campaign build failed:\n{log[-2000:]}")
    return {"seconds": round(seconds, 2), "drawn": drawn(log),
            "peak_mb": round(peak / 2**20, 1)}


def measure(units: int, address: str) -> dict[str, Any]:
    row: dict[str, Any] = {"units": units}
    with tempfile.TemporaryDirectory() as tmp:
        for mode, dask in (("local", None), ("dask", address)):
            root = unit_project(Path(tmp) / mode, units)
            cold = timed_build(root, dask=dask)
            site = timed_build(root, "--force", dask=dask)
            drawing = max(0.01, cold["seconds"] - site["seconds"])
            row[mode] = {**cold, "site_seconds": site["seconds"],
                         "posters_per_s": round(cold["drawn"] / drawing, 2)}
            print(units, mode, row[mode], flush=True)
    local, dask = row["local"], row["dask"]
    row["posters"] = local["drawn"]  # the campaign's own and its units'
    row["dask_over_local"] = round(local["posters_per_s"] / dask["posters_per_s"], 3)
    row["overhead_ms_per_task"] = round(
        (dask["seconds"] - local["seconds"]) / max(1, dask["drawn"]) * 1000, 1)
    return row


def report(rows: list[dict[str, Any]]) -> str:
    lines = [
        "# Units: posters on the local pool and on a Dask cluster", "",
        "Written by `python -m bench.units` (see its docstring for the method). Each unit has",
        "the sample's 4 slogans in its 6 formats: 24 posters, besides the campaign's own 24",
        "(and the pages' share cards, drawn the same way). Both sides use the same two",
        "cores: the local pool's two workers, or a `LocalCluster` of two single-threaded",
        "worker processes. *Dask / local* is the local pool's posters per second over the",
        "cluster's (1.00: as fast; the target is at most 1.15).", "",
        "| units | posters | local: posters/s | Dask: posters/s | Dask / local "
        "| overhead per task (ms) | builder peak, local (MB) | builder peak, Dask (MB) "
        "| site build, posters cached (s) |",
        "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['units']} | {r['posters']} | {r['local']['posters_per_s']} "
                     f"| {r['dask']['posters_per_s']} | {r['dask_over_local']:.2f} "
                     f"| {r['overhead_ms_per_task']} | {r['local']['peak_mb']} "
                     f"| {r['dask']['peak_mb']} | {r['local']['site_seconds']} |")
    largest = rows[-1]
    core_seconds = CORES / largest["dask"]["posters_per_s"]
    lines += ["", f"## The national case ({NATIONAL_UNITS:,} units) in one hour", "",
              f"At {largest['units']} units the cluster drew {largest['dask']['posters_per_s']} "
              f"posters per second on {CORES} cores: {core_seconds:.2f} core-seconds per "
              "poster, the overhead included.", "",
              "| slogans × formats per unit | posters | core-hours | cores for one hour |",
              "|---|---|---|---|"]
    for per_unit, label in ((POSTERS_PER_UNIT, "4 × 6 (the sample)"), (60, "10 × 6")):
        posters = NATIONAL_UNITS * per_unit
        hours = posters * core_seconds / 3600
        lines.append(f"| {label} | {posters:,} | {hours:.0f} | {hours * 1.1:.0f} "
                     "(10% kept for stragglers) |")
    return "\n".join([*lines, ""])


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.units", description=__doc__)
    parser.add_argument("--units", default="1,10,100",
                        help="numbers of units, comma-separated (default 1,10,100)")
    args = parser.parse_args()
    counts = [int(n) for n in args.units.split(",")]
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",  # type: ignore[no-untyped-call]
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        rows = [measure(n, cluster.scheduler_address) for n in counts]
    text = report(rows)
    print(text)
    if args.units == parser.get_default("units"):
        OUT.write_text(text, encoding="utf-8")
        RESULTS.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
