"""The project's cache folder (``.cache/``): where it is, its folders, and one lock for the
project. What an entry is, its key and its one staleness rule are the ground floor's
(:mod:`generator.memo`), so that every floor may remember its work.

Kept free of the campaign model, MkDocs and Pillow: a build with nothing changed answers
before loading any of them.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from generator.atomic import PARTIAL_SUFFIX
from generator.errors import EnvironmentProblem

CACHE_DIR = ".cache"
# Where `campaign serve` keeps what it draws: its QR codes point to 127.0.0.1, and print files
# made for the preview must never be published by `campaign build`.
SERVE_FOLDER = "serve"
LOCK_FILE = "lock"
# Locks this process holds: the command holds the lock for a whole build, and the plugin, which
# also runs under plain `mkdocs build` and `mkdocs serve`, takes it again around its own work.
_held: set[Path] = set()
log = logging.getLogger("mkdocs.plugins.campaign")


@contextlib.contextmanager
def project_lock(cache_dir: Path, command: str) -> Iterator[None]:
    """Hold the project's lock while building: a second build (or a serve rebuild) waits for
    the first, saying in one line who holds it. The lock is an advisory ``flock`` that the
    system releases when its holder ends, however it ends, so a killed build never leaves the
    project locked. Partial files found once the lock is held were left by a killed run."""
    folder = cache_dir.resolve()
    if folder in _held:
        yield
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle = (cache_dir / LOCK_FILE).open("a+", encoding="utf-8")
    except OSError as exc:
        raise EnvironmentProblem.from_os_error(exc) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "một lệnh campaign khác"
            log.info(f"đang chờ {holder} chạy xong (cùng dự án, khóa {cache_dir / LOCK_FILE})")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"campaign {command} (PID {os.getpid()})")
        handle.flush()
        for leftover in partials(cache_dir):
            leftover.unlink(missing_ok=True)
        _held.add(folder)
        try:
            yield
        except BaseException:
            # A failed or stopped run: its poster workers are stopped first, so that none is
            # still writing, then what they left half-written goes, before the lock does.
            if "generator.posters.batch" in sys.modules:
                from generator.posters.batch import stop_workers

                stop_workers()
            for leftover in partials(cache_dir):
                leftover.unlink(missing_ok=True)
            raise
        finally:
            _held.discard(folder)
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def partials(cache_dir: Path) -> list[Path]:
    """Partial files below ``cache_dir`` but outside the preview's own cache, which a running
    ``campaign serve`` may be writing under its own lock."""
    serve = cache_dir / SERVE_FOLDER
    return [path for path in cache_dir.rglob(f".*{PARTIAL_SUFFIX}")
            if not path.is_relative_to(serve)]
