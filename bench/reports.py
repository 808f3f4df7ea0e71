"""The national case of the reporting loop: 3,321 units (the country's communes and wards
since July 2025) and two periods.

    .venv/bin/python -m bench.reports            # writes bench/reports.md (about 4 minutes)
    .venv/bin/python -m bench.reports --units 200   # a quick look, prints only

On a copy of the sample project given that many units (34 groups, as the provinces), the
real commands run in child processes: ``campaign report templates`` writes a workbook per
unit and period; each is filled as a clerk would (a figure in every row, difficulties and
proposals), by rewriting the sheet's cells in the zip (openpyxl would take minutes for the
filling alone, which is not what is measured); then ``campaign report collect`` reads and
records them all, and ``campaign report draft`` adds them up into the report of each period.
Peak memory is the largest sum of the resident memory of the command and its worker
processes, sampled every 20 ms. Targets: collect and aggregate within 60 s, 500 MB.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

from bench.common import CAMPAIGN, ROOT, copy_sample_project, environment

OUT = ROOT / "bench" / "reports.md"
RESULTS = ROOT / "bench" / "reports.json"
NATIONAL = 3321
GROUPS = 34
CAMPAIGN_ID = "cchc-ha-noi-2021"
PERIODS = ("2021-6t1", "2021-nam")
TARGET_SECONDS = 60.0
TARGET_BYTES = 500 * 1024 * 1024


def units_file(count: int) -> str:
    lines = ["units:"]
    for n in range(1, count + 1):
        lines.append(f"  - {{id: xa-{n:04d}, name: UBND XÃ THỬ SỐ {n}, "
                     f"group: tinh-{n % GROUPS + 1:02d}}}")
    lines.append("groups:")
    lines += [f"  - {{id: tinh-{g:02d}, name: Tỉnh thử số {g}}}" for g in range(1, GROUPS + 1)]
    return "\n".join(lines) + "\n"


def national_project(root: Path, count: int) -> Path:
    copy_sample_project(root)
    (root / "campaigns" / "units").mkdir()
    (root / "campaigns" / "units" / "ca-nuoc.yml").write_text(units_file(count),
                                                              encoding="utf-8")
    campaign = root / "campaigns" / f"{CAMPAIGN_ID}.md"
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(text.replace("leaflet:\n", "units:\n  file: units/ca-nuoc.yml\n"
                                     "leaflet:\n", 1), encoding="utf-8")
    return root


_EMPTY = re.compile(rb'<c r="([EC])(\d+)" s="(\d+)" t="n"(?:/>|></c>)')


def filled(workbook: bytes, seed: int) -> bytes:
    """The workbook with a figure in every figure cell and text in every answer, written
    into its sheet's XML as a spreadsheet would."""
    def value(match: re.Match[bytes]) -> bytes:
        column, row, style = match.groups()
        if column == b"E":
            return b'<c r="E%s" s="%s"><v>%d</v></c>' % (row, style, seed % 97 + int(row))
        note = "Thiếu kinh phí; loa hỏng ở hai thôn." if int(row) % 2 else "Đề nghị cấp tờ rơi."
        return (b'<c r="C%s" s="%s" t="inlineStr"><is><t>%s</t></is></c>'
                % (row, style, note.encode("utf-8")))

    source = zipfile.ZipFile(io.BytesIO(workbook))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = _EMPTY.sub(value, data)
            target.writestr(item, data)
    return out.getvalue()


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text(encoding="utf-8")
            total += next(int(line.split()[1]) * 1024 for line in status.splitlines()
                          if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def measured(args: list[str], cwd: Path) -> dict[str, Any]:
    """Wall time and peak memory (the process and its workers together) of a command."""
    start = time.perf_counter()
    proc = subprocess.Popen([*CAMPAIGN, *args], cwd=cwd, env=environment(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{args}: {err[-2000:]}")
    return {"seconds": round(seconds, 2), "peak_mb": round(peak / 2**20), "out": out}


def measure(count: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = national_project(Path(tmp) / "ca-nuoc", count)
        templates = measured(["report", "templates", CAMPAIGN_ID, "--out", "mau"], root)
        made = sorted((root / "mau").glob("*.xlsx"))
        returned = root / "tra-ve"
        returned.mkdir()
        start = time.perf_counter()
        for seed, path in enumerate(made):
            (returned / path.name).write_bytes(filled(path.read_bytes(), seed))
        fill_seconds = time.perf_counter() - start
        collect = measured(["report", "collect", "tra-ve"], root)
        stored = len(list((root / "reports").rglob("*.yml")))
        drafts = [measured(["report", "draft", CAMPAIGN_ID, "--period", p, "--out", "bc"], root)
                  for p in PERIODS]
        sizes = {p.name: p.stat().st_size for p in (root / "bc").rglob("*") if p.is_file()}
    aggregate = sum(d["seconds"] for d in drafts)
    return {
        "units": count, "workbooks": len(made), "stored": stored,
        "templates_s": templates["seconds"], "templates_peak_mb": templates["peak_mb"],
        "fill_s": round(fill_seconds, 2),
        "collect_s": collect["seconds"], "collect_peak_mb": collect["peak_mb"],
        "draft_s": [d["seconds"] for d in drafts],
        "draft_peak_mb": max(d["peak_mb"] for d in drafts),
        "collect_and_aggregate_s": round(collect["seconds"] + aggregate, 2),
        "largest_output_kb": {name: size // 1024 for name, size in
                              sorted(sizes.items(), key=lambda kv: -kv[1])[:4]},
    }


def report(row: dict[str, Any]) -> str:
    total = row["collect_and_aggregate_s"]
    peak = max(row["collect_peak_mb"], row["draft_peak_mb"])
    met = total <= TARGET_SECONDS and peak * 2**20 <= TARGET_BYTES
    largest = ", ".join(f"`{name}` {kb} KB" for name, kb in row["largest_output_kb"].items())
    drafts = ", ".join(f"{s} s" for s in row["draft_s"])
    rows = [
        ("step", "time", "peak memory"), ("---", "---", "---"),
        (f"`campaign report templates` ({row['workbooks']:,} workbooks)",
         f"{row['templates_s']} s", f"{row['templates_peak_mb']} MB"),
        ("filling them (the benchmark itself, no target)", f"{row['fill_s']} s", ""),
        (f"`campaign report collect` ({row['stored']:,} submissions recorded)",
         f"{row['collect_s']} s", f"{row['collect_peak_mb']} MB"),
        ("`campaign report draft`, each period (Word report, consolidated workbook, "
         "reminders)", drafts, f"{row['draft_peak_mb']} MB"),
        (f"**collect and aggregate** (target ≤ {TARGET_SECONDS:.0f} s, "
         f"≤ {TARGET_BYTES // 2**20} MB)", f"**{total} s**", f"**{peak} MB**")]
    table = "\n".join("| " + " | ".join(cells) + " |" for cells in rows)
    return f"""# The reporting loop at national scale

`.venv/bin/python -m bench.reports` ({row['units']:,} units, two periods: {row['workbooks']:,}
workbooks; two cores). Each command runs as a child process; peak memory is the command and
its worker processes together, sampled every 20 ms.

{table}

Targets met: {"yes" if met else "no"}. Largest files written by the drafts: {largest}.
"""


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reports", description=__doc__)
    parser.add_argument("--units", type=int, default=NATIONAL)
    args = parser.parse_args()
    row = measure(args.units)
    text = report(row)
    print(text)
    if args.units == NATIONAL:
        OUT.write_text(text, encoding="utf-8")
        RESULTS.write_text(json.dumps(row, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
