"""Benchmarks: every figure is a ratio against a baseline measured in the same run.

    python bench/run.py [--quick]

Writes bench/results.md and bench/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PIL import Image

from generator.model import Slogan
from generator.posters.build import build_posters
from generator.posters.layout import layout_poster
from generator.posters.plan import PosterJob, plan_posters
from generator.posters.render import (
    PNG_COMPRESS_LEVEL,
    PNG_COMPRESS_TYPE,
    Artwork,
    draw_poster,
    qr_symbol,
    save_png,
)
from generator.validate import load_campaign

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "campaigns" / "cchc-ha-noi-2021.yml"
URL = "https://tuyentruyen.example.vn/"
SLOGAN = "Không ngừng cải cách hành chính nhằm phục vụ người dân ngày càng tốt hơn"
FORMATS = ["mang-xa-hoi", "a4-doc", "a3-doc", "a0-doc", "bang-ron-0.8x6m"]


def median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _job(fmt_name: str) -> PosterJob:
    campaign = load_campaign(SAMPLE)
    campaign = campaign.model_copy(update={
        "slogans": [Slogan(text=SLOGAN)],
        "posters": campaign.posters.model_copy(update={"formats": [fmt_name]})})
    return plan_posters(campaign, SAMPLE.parent, URL)[0]


def render_once(job: PosterJob, out: Path) -> None:
    """Layout, draw and encode one poster: what a cache miss costs, less thumbnail and PDF."""
    modules = len(qr_symbol(URL).matrix)
    layout = layout_poster(job.fmt, job.texts, job.fonts, job.colors, qr_modules=modules,
                           logo=False)
    image = draw_poster(job.fmt, layout, Artwork(job.background, job.qr_url, None, False))
    save_png(image, out, job.fmt.dpi)


def blank_once(size: tuple[int, int], color: str, out: Path, ours: bool) -> None:
    """Pillow encoding a blank image: with its own default settings, or with ours."""
    options = ({"compress_level": PNG_COMPRESS_LEVEL, "compress_type": PNG_COMPRESS_TYPE}
               if ours else {})
    Image.new("RGB", size, color).save(out, "PNG", **options)


def bench_formats(repeat: int) -> list[dict[str, object]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "poster.png"
        for name in FORMATS:
            job = _job(name)
            size = job.fmt.pixels()
            reps = 1 if size[0] * size[1] > 50_000_000 else repeat
            render_once(job, out)  # warm the font caches, as a build does after one poster
            ours = median_time(partial(render_once, job, out), reps)
            base = median_time(partial(blank_once, size, job.background, out, False), reps)
            same = median_time(partial(blank_once, size, job.background, out, True), reps)
            rows.append({"format": name, "width_px": size[0], "height_px": size[1],
                         "render_s": round(ours, 3), "blank_encode_s": round(base, 3),
                         "ratio": round(ours / base, 2),
                         "blank_encode_same_settings_s": round(same, 3),
                         "ratio_same_settings": round(ours / same, 2), "repetitions": reps})
            print(f"  {name}: {ours:.2f} s / {base:.2f} s = {ours / base:.2f}× "
                  f"({ours / same:.2f}× against our own encoder settings)", flush=True)
    return rows


def bench_png_levels(repeat: int) -> list[dict[str, object]]:
    """Encoder setting for print files: time and size of one A3 poster at each level."""
    job = _job("a3-doc")
    layout = layout_poster(job.fmt, job.texts, job.fonts, job.colors,
                           qr_modules=len(qr_symbol(URL).matrix), logo=False)
    image = draw_poster(job.fmt, layout, Artwork(job.background, job.qr_url, None, False))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "level.png"
        settings: list[tuple[str, dict[str, object]]] = [
            (f"compress_level={level}", {"compress_level": level}) for level in (1, 6, 9)]
        settings.append(("compress_level=1, Z_RLE (ours)",
                         {"compress_level": 1, "compress_type": 3}))
        settings.append(("optimize=True", {"optimize": True}))
        baseline = None
        for label, options in settings:
            reps = 1 if "optimize" in options else repeat
            seconds = median_time(partial(image.save, out, "PNG", **options), reps)
            size = out.stat().st_size
            baseline = baseline or seconds
            rows.append({"setting": label, "seconds": round(seconds, 3), "bytes": size,
                         "time_ratio": round(seconds / baseline, 2)})
            print(f"  {label}: {seconds:.2f} s, {size / 1e6:.2f} MB", flush=True)
    return rows


def _project(tmp: Path) -> Path:
    root = tmp / "project"
    for name in ("campaigns", "docs", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _run(command: list[str], cwd: Path) -> tuple[float, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, check=True)
    return time.perf_counter() - start, proc.stdout + proc.stderr


def _drawn(log: str) -> int:
    return sum(int(n) for n in re.findall(r"áp phích [\w-]+: vẽ (\d+)", log))


def bench_site(repeat: int) -> dict[str, object]:
    """Whole builds through the real command line, each a fresh process."""
    campaign = [sys.executable, "-m", "generator"]
    with tempfile.TemporaryDirectory() as tmp:
        root = _project(Path(tmp))
        colds, drawn_cold = [], 0
        for _ in range(repeat):
            shutil.rmtree(root / ".cache", ignore_errors=True)
            shutil.rmtree(root / "site", ignore_errors=True)
            seconds, log = _run([*campaign, "build"], root)
            colds.append(seconds)
            drawn_cold = _drawn(log)
        noop = [_run([*campaign, "build"], root) for _ in range(repeat)]
        warm = [_run([*campaign, "build", "--force"], root) for _ in range(repeat)]
        # Plain MkDocs on the same generated Markdown: the exported tree, our plugin removed.
        _run([*campaign, "export", "export"], root)
        config = (root / "export" / "mkdocs.yml").read_text(encoding="utf-8")
        plain_config = re.sub(r"  - campaign:\n(      .*\n)*", "", config)
        assert plain_config != config
        (root / "export" / "mkdocs.yml").write_text(plain_config, encoding="utf-8")
        plain = [_run([sys.executable, "-m", "mkdocs", "build", "-q"], root / "export")[0]
                 for _ in range(repeat)]
        sample = (root / "campaigns" / "cchc-ha-noi-2021.yml")
        text = sample.read_text(encoding="utf-8")
        sample.write_text(text.replace("  - Tích cực tham gia thực hiện",
                                       "  - Hãy tích cực tham gia thực hiện"), encoding="utf-8")
        _, changed_log = _run([*campaign, "build"], root)
    cold = statistics.median(colds)
    noop_s = statistics.median(s for s, _ in noop)
    warm_s = statistics.median(s for s, _ in warm)
    plain_s = statistics.median(plain)
    return {
        "cold_build_s": round(cold, 3),
        "posters_drawn_cold": drawn_cold,
        "noop_build_s": round(noop_s, 3),
        "posters_drawn_noop": max(_drawn(log) for _, log in noop),
        "warm_build_s": round(warm_s, 3),
        "posters_drawn_warm": max(_drawn(log) for _, log in warm),
        "plain_mkdocs_s": round(plain_s, 3),
        "ratio_warm_over_plain_mkdocs": round(warm_s / plain_s, 3),
        "ratio_noop_over_cold": round(noop_s / cold, 3),
        "posters_redrawn_one_slogan_changed": _drawn(changed_log),
        "posters_per_slogan": len(load_campaign(SAMPLE).posters.formats),
    }


def bench_parallel(repeat: int) -> dict[str, object]:
    """40 posters on 1 worker and on every core, each from an empty cache."""
    base = load_campaign(SAMPLE)
    slogans = [Slogan(text=f"{SLOGAN} ({n})") for n in range(1, 21)]
    campaign = base.model_copy(update={
        "slogans": slogans,
        "posters": base.posters.model_copy(update={"formats": ["a4-doc", "led-ngang"]})})
    jobs = plan_posters(campaign, SAMPLE.parent, URL)
    times: dict[int, list[float]] = {1: [], os.cpu_count() or 1: []}
    for _ in range(repeat):
        for workers in times:
            with tempfile.TemporaryDirectory() as tmp:
                start = time.perf_counter()
                build_posters(jobs, Path(tmp), workers=workers, progress=False)
                times[workers].append(time.perf_counter() - start)
    one, many = (statistics.median(t) for t in times.values())
    return {"posters": len(jobs), "cores": max(times), "one_worker_s": round(one, 3),
            "all_cores_s": round(many, 3), "speedup": round(one / many, 2)}


def bench_a0_memory() -> dict[str, object]:
    """Peak memory of an A0 render in a fresh process, over the size of its RGB buffer."""
    code = (
        "import resource, sys, tempfile, pathlib\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from bench.run import _job, render_once\n"
        "job = _job('a0-doc')\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "with tempfile.TemporaryDirectory() as t:\n"
        "    render_once(job, pathlib.Path(t) / 'a0.png')\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(base * 1024, peak * 1024)\n")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True,
                         text=True, check=True)
    before, peak = (int(v) for v in out.stdout.split())
    width, height = _job("a0-doc").fmt.pixels()
    buffer = width * height * 3
    return {"buffer_bytes": buffer, "peak_rss_bytes": peak, "rss_before_render_bytes": before,
            "ratio_peak_over_buffer": round(peak / buffer, 2),
            "ratio_growth_over_buffer": round((peak - before) / buffer, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    repeat = 3 if args.quick else 5
    print("Poster render time per format, over Pillow encoding a blank PNG of the same size:")
    formats = bench_formats(repeat)
    print("PNG encoder settings on an A3 poster:")
    levels = bench_png_levels(repeat)
    print("Site builds (fresh processes):")
    site = bench_site(repeat)
    print("  " + ", ".join(f"{k}={v}" for k, v in site.items()), flush=True)
    print("Parallel rendering:")
    parallel = bench_parallel(max(1, repeat // 2))
    print("  " + ", ".join(f"{k}={v}" for k, v in parallel.items()), flush=True)
    print("A0 peak memory:")
    memory = bench_a0_memory()
    print(f"  peak {memory['peak_rss_bytes'] / 1e6:.0f} MB for a "
          f"{memory['buffer_bytes'] / 1e6:.0f} MB buffer: {memory['ratio_peak_over_buffer']}×")
    results = {"posters": formats, "png_levels": levels, "site": site, "parallel": parallel,
               "a0_memory": memory}
    here = Path(__file__).resolve().parent
    (here / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (here / "results.md").write_text(report(results), encoding="utf-8")
    return 0


def report(results: dict[str, Any]) -> str:
    lines = ["# Benchmark results", "", "Reproduce: `.venv/bin/python bench/run.py`", "",
             "## Poster render time per format", "",
             "Layout, drawing and PNG encoding of one poster, over Pillow encoding a blank "
             "image of the same pixel size with its default settings; the last column uses "
             "our encoder settings for the blank image too (median of repetitions).", "",
             "| format | pixels | render (s) | blank encode (s) | ratio | ratio, same settings |",
             "|---|---|---|---|---|---|"]
    for row in results["posters"]:
        lines.append(f"| {row['format']} | {row['width_px']} × {row['height_px']} | "
                     f"{row['render_s']} | {row['blank_encode_s']} | {row['ratio']}× | "
                     f"{row['ratio_same_settings']}× |")
    lines += ["", "## PNG encoder settings (A3 poster)", "",
              "| setting | time (s) | size (MB) | time ratio to level 1 |", "|---|---|---|---|"]
    for row in results["png_levels"]:
        lines.append(f"| {row['setting']} | {row['seconds']} | {row['bytes'] / 1e6:.2f} | "
                     f"{row['time_ratio']}× |")
    site = results["site"]
    lines += ["", "## Site builds", "",
              "Real `campaign build` processes on the sample (median of repetitions).", "",
              "| measure | figure | target |", "|---|---|---|",
              f"| build with posters cached ÷ plain `mkdocs build` of the same Markdown | "
              f"{site['warm_build_s']} s ÷ {site['plain_mkdocs_s']} s = "
              f"{site['ratio_warm_over_plain_mkdocs']} | ≤ 1.10 |",
              f"| no-op rebuild ÷ cold build | {site['noop_build_s']} s ÷ "
              f"{site['cold_build_s']} s = {site['ratio_noop_over_cold']} | ≤ 0.05 |",
              f"| posters drawn: cold / no-op / cached rebuild | {site['posters_drawn_cold']} / "
              f"{site['posters_drawn_noop']} / {site['posters_drawn_warm']} | – / 0 / 0 |",
              f"| posters redrawn after one slogan changed | "
              f"{site['posters_redrawn_one_slogan_changed']} | "
              f"{site['posters_per_slogan']} (that slogan's formats) |"]
    parallel = results["parallel"]
    lines += ["", "## Parallel rendering", "",
              f"{parallel['posters']} posters (A4 and LED) from an empty cache: "
              f"{parallel['one_worker_s']} s on 1 worker, {parallel['all_cores_s']} s on "
              f"{parallel['cores']} cores: speed-up {parallel['speedup']}× (target ≥ 1.8×)."]
    memory = results["a0_memory"]
    lines += ["", "## A0 peak memory", "",
              f"Peak resident memory {memory['peak_rss_bytes'] / 1e6:.0f} MB while rendering an "
              f"A0 at 300 dpi, whose RGB buffer is {memory['buffer_bytes'] / 1e6:.0f} MB: "
              f"{memory['ratio_peak_over_buffer']}× the buffer "
              f"({memory['ratio_growth_over_buffer']}× counting only growth during the render).",
              ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
