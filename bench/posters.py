"""Posters: render time per format against Pillow's own encoder, encoder settings, parallel
speed-up, and the memory of the largest format."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from PIL import Image

from bench.common import ROOT, SAMPLE, median_time
from generator.campaign.load import load_campaign
from generator.campaign.model import Slogan
from generator.posters.batch import build_posters
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

URL = "https://tuyentruyen.example.vn/"
SLOGAN = "Không ngừng cải cách hành chính nhằm phục vụ người dân ngày càng tốt hơn"
FORMATS = ["mang-xa-hoi", "a4-doc", "a3-doc", "a0-doc", "bang-ron-0.8x6m"]


def _job(fmt_name: str) -> PosterJob:
    campaign = load_campaign(SAMPLE)
    campaign = campaign.model_copy(update={
        "slogans": [Slogan(text=SLOGAN)],
        "posters": campaign.posters.model_copy(update={"formats": [fmt_name]})})
    return plan_posters(campaign, SAMPLE.parent, URL)[0]


def render_once(job: PosterJob, out: Path) -> None:
    """Layout, draw and encode one poster: what a cache miss costs, less thumbnail and PDF."""
    modules = len(qr_symbol(job.qr_url).matrix) if job.qr_url else None
    layout = layout_poster(job.fmt, job.texts, job.fonts, job.colors, qr_modules=modules,
                           logo=False)
    image = draw_poster(job.fmt, layout, Artwork(job.background, job.qr_url, None))
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
            pixels = size[0] * size[1]
            # A 1200 × 630 image takes milliseconds: more repetitions to steady its median.
            reps = 1 if pixels > 50_000_000 else repeat * 6 if pixels < 5_000_000 else repeat
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
    image = draw_poster(job.fmt, layout, Artwork(job.background, job.qr_url, None))
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


def bench_parallel(repeat: int) -> dict[str, object]:
    """40 posters on 1 worker and on every core, in a fresh process: one that has drawn an A0
    already keeps memory mapped that its own drawing reuses and fresh workers cannot, which
    would flatter the single worker."""
    code = ("import json, sys\n"
            "sys.path.insert(0, sys.argv[1])\n"
            "from bench.posters import parallel_here\n"
            "print(json.dumps(parallel_here(int(sys.argv[2]))))\n")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT), str(repeat)],
                         capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def parallel_here(repeat: int) -> dict[str, object]:
    """40 posters on 1 worker and on every core, each batch from an empty cache."""
    base = load_campaign(SAMPLE)
    slogans = [Slogan(text=f"{SLOGAN} ({n})") for n in range(1, 21)]
    campaign = base.model_copy(update={
        "slogans": slogans,
        "posters": base.posters.model_copy(update={"formats": ["a4-doc", "led-ngang"]})})
    jobs = plan_posters(campaign, SAMPLE.parent, URL)
    times: dict[int, list[float]] = {1: [], os.cpu_count() or 1: []}
    # Both sides warm, as in a build after its first batch: fonts loaded, and the worker pool
    # (one per process, kept for the next batch) started.
    for workers in times:
        with tempfile.TemporaryDirectory() as tmp:
            build_posters(jobs[:4], Path(tmp), workers=workers, progress=False)
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
        "import sys, tempfile, pathlib\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from bench.common import peak_memory_bytes\n"
        "from bench.posters import _job, render_once\n"
        "job = _job('a0-doc')\n"
        "before = peak_memory_bytes()\n"
        "with tempfile.TemporaryDirectory() as t:\n"
        "    render_once(job, pathlib.Path(t) / 'a0.png')\n"
        "print(before, peak_memory_bytes())\n")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True,
                         text=True, check=True)
    before, peak = (int(v) for v in out.stdout.split())
    width, height = _job("a0-doc").fmt.pixels()
    buffer = width * height * 3
    return {"buffer_bytes": buffer, "peak_rss_bytes": peak, "rss_before_render_bytes": before,
            "ratio_peak_over_buffer": round(peak / buffer, 2),
            "ratio_growth_over_buffer": round((peak - before) / buffer, 2)}
