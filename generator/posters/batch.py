"""Rendering posters into a cache folder on a pool of worker processes, redrawing only what
changed.

The cache folder (``.cache/posters/<campaign-id>/``) belongs to the tool: it holds the PNG, PDF
and thumbnail of every poster, and ``cache.json`` one cache entry per poster
(:func:`generator.memo.record`: the content hash it was drawn from, its files, and its manifest
rows as the value), in one file because a campaign's units have posters by the thousand. The
site and ``campaign posters --out`` receive copies of these files.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from generator.atomic import write_text
from generator.memo import fresh, record
from generator.posters.drawn import PosterFile, render_job
from generator.posters.plan import PosterJob

T = TypeVar("T")
CACHE_FILE = "cache.json"
CACHE_SAVE_SECONDS = 2.0
PROGRESS_VARIABLE = "CAMPAIGN_PROGRESS"
MANIFEST_COLUMNS = ("file", "kind", "format", "label", "slogan", "width_px", "height_px",
                    "trim_width_mm", "trim_height_mm", "bleed_mm", "media_width_mm",
                    "media_height_mm", "dpi", "colour", "icc_profile", "max_ink_percent",
                    "proof", "sha256")


@dataclass(frozen=True)
class PosterSet:
    drawn: frozenset[str]  # the stems of the posters drawn this time (the rest: from the cache)
    by_stem: dict[str, tuple[PosterFile, ...]]  # each poster's files, in the jobs' order

    @property
    def files(self) -> tuple[PosterFile, ...]:
        return tuple(row for rows in self.by_stem.values() for row in rows)


def build_posters(jobs: Sequence[PosterJob], folder: Path, *, workers: int | None = None,
                  progress: bool | None = None) -> PosterSet:
    """Bring ``folder`` up to date with ``jobs``: unchanged posters are never drawn again."""
    folder.mkdir(parents=True, exist_ok=True)
    cache = _read_cache(folder)
    keys = {job.stem: job.key() for job in jobs}
    todo = [job for job in jobs if not fresh(cache.get(job.stem), keys[job.stem], folder)]
    redraw = {job.stem for job in todo}
    results: dict[str, list[PosterFile]] = {
        job.stem: [PosterFile(**row) for row in cache[job.stem]["value"]]
        for job in jobs if job.stem not in redraw}
    if todo:
        from tqdm import tqdm  # 30 ms to import: only when there is something to draw

        from generator.posters.cluster import cluster_address

        address = cluster_address()
        # CAMPAIGN_PROGRESS: the studio, which runs the command, reads the bar from a pipe.
        show = (sys.stderr.isatty() or os.environ.get(PROGRESS_VARIABLE) == "1") \
            if progress is None else progress
        where = " trên cụm Dask" if address else ""
        with tqdm(total=len(todo), desc=f"Vẽ áp phích{where}", unit="tấm", disable=not show,
                  file=sys.stderr) as bar:
            saved = time.monotonic()
            for job, rows in _run(todo, folder, workers, address):
                results[job.stem] = rows
                cache[job.stem] = {**record(keys[job.stem], [folder / r.file for r in rows],
                                            folder), "value": [asdict(r) for r in rows]}
                # Saved now and then, not per poster (a whole-file rewrite each time grows
                # quadratically): a killed build redraws at most a few seconds of work.
                if time.monotonic() - saved > CACHE_SAVE_SECONDS:
                    _write_cache(folder, cache)
                    saved = time.monotonic()
                bar.update()
        _write_cache(folder, cache)
    _forget_stale(folder, cache, set(keys))
    return PosterSet(frozenset(redraw), {job.stem: tuple(results[job.stem]) for job in jobs})


def _run(jobs: list[PosterJob], folder: Path, workers: int | None,
         address: str | None) -> Iterator[tuple[PosterJob, list[PosterFile]]]:
    """Each poster as soon as it is drawn, so that progress and the cache keep up: on the Dask
    cluster at ``address``, else on this machine's workers."""
    if address is not None:
        from generator.posters.cluster import run_on_cluster

        yield from run_on_cluster(jobs, folder, address)
        return
    count = min(workers or os.cpu_count() or 1, len(jobs))
    if count <= 1:
        for job in jobs:
            yield job, render_job(job, folder)
        return
    pool = _pool(count)
    futures = {pool.submit(render_job, job, folder): job for job in jobs}
    try:
        for future in as_completed(futures):
            yield futures[future], future.result()
    except BrokenProcessPool:
        stop_workers()  # a worker died (killed, out of memory): the next build starts anew
        raise
    finally:
        for future in futures:
            future.cancel()


def submit(action: Callable[..., T], *args: Any, workers: int | None = None) -> Future[T]:
    """``action(*args)`` on the poster workers (one pool for the whole build), or here at once
    on a machine with one core."""
    count = workers or os.cpu_count() or 1
    if count > 1:
        return _pool(count).submit(action, *args)
    done: Future[T] = Future()
    done.set_result(action(*args))
    return done


def stop_workers() -> None:
    """End the worker processes and their fork server now (on Ctrl-C, SIGTERM, a dead
    worker): none of them may outlive the command, holding memory."""
    if _pool.cache_info().currsize:
        for pool in _pools:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
            # Waited for (the killed workers end at once): a worker still being forked when
            # the fork server below stops would print its traceback after the command's
            # last line.
            pool.shutdown(wait=True, cancel_futures=True)
        _pools.clear()
        _pool.cache_clear()
    from multiprocessing import forkserver

    stop = getattr(forkserver._forkserver, "_stop", None)  # the server the pool forked from
    if stop is not None:
        stop()


_pools: list[ProcessPoolExecutor] = []


@cache
def _pool(count: int) -> ProcessPoolExecutor:
    """One pool for the whole process: a build draws each campaign's posters and then the
    share cards, and starting workers for every batch cost more than drawing small batches.

    forkserver: workers start clean even when the caller has threads (mkdocs serve); they fork
    from a server that has already imported the main module and the drawing code, instead of
    each importing them for itself.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", "generator.posters.batch",
                                    "generator.posters.render"])
    pool = ProcessPoolExecutor(count, mp_context=context)
    _pools.append(pool)
    return pool


def _read_cache(folder: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((folder / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_cache(folder: Path, cache: dict[str, dict[str, Any]]) -> None:
    write_text(folder / CACHE_FILE, json.dumps(cache, ensure_ascii=False, indent=1))


def _forget_stale(folder: Path, cache: dict[str, dict[str, Any]], wanted: set[str]) -> None:
    """Posters no longer asked for leave the cache, files and all (the cache is ours alone)."""
    stale = [s for s in cache if s not in wanted]
    for stem in stale:
        files = cache.pop(stem).get("files")
        for name in files if isinstance(files, list) else []:
            (folder / str(name)).unlink(missing_ok=True)
    if stale:
        _write_cache(folder, cache)
