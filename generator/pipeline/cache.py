"""The project's cache folder (``.cache/``): one key recipe, one way to write an entry, one
lock for the project.

Every cached thing (validated campaigns, the campaigns' pages, posters, share cards,
calendars) is an entry keyed by :func:`key`: a hash of what it was made from, the generator's
version and its own code, so an upgraded or edited generator never trusts an old entry. An
entry is fresh while its key matches and the files it lists exist (the one staleness rule);
anything else is made again. Entries are written whole (:mod:`generator.atomic`) and a cache
that cannot be written only means the work is done again next time.

Kept free of the campaign model, MkDocs and Pillow: a build with nothing changed answers
before loading any of them.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.util
import json
import logging
import os
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from generator import __version__
from generator.atomic import PARTIAL_SUFFIX, write_text
from generator.errors import EnvironmentProblem
from generator.posters import RENDERER_VERSION
from generator.posters.fonts import Stamp, stamp

CACHE_DIR = ".cache"
# Validated campaigns, each with the fonts and logo it uses (generator/campaign/checked.py).
CHECKED_FOLDER = "campaigns"
# Where `campaign serve` keeps what it draws: its QR codes point to 127.0.0.1, and print files
# made for the preview must never be published by `campaign build`.
SERVE_FOLDER = "serve"
_LOCK = "lock"
# Locks this process holds: the command holds the lock for a whole build, and the plugin, which
# also runs under plain `mkdocs build` and `mkdocs serve`, takes it again around its own work.
_held: set[Path] = set()
log = logging.getLogger("mkdocs.plugins.campaign")


@cache
def code_fingerprint() -> str:
    """The generator's own source, and the version of the model library that reads cached
    campaigns back: an upgraded or edited generator must not trust entries of the old one."""
    digest = hashlib.sha256(f"{__version__}\0{RENDERER_VERSION}\0".encode())
    package = Path(__file__).resolve().parent.parent
    # pydantic's own file stands for its version: importlib.metadata costs a no-op build 12 ms.
    spec = importlib.util.find_spec("pydantic")
    files = [Path(spec.origin)] if spec and spec.origin else []
    for path in [*files, *sorted(package.rglob("*.py"))]:
        info = path.stat()
        digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def key(*parts: Any) -> str:
    """The key of a cache entry made from ``parts`` (JSON-able) by this generator's code."""
    blob = json.dumps([code_fingerprint(), *parts], ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 of a file, read again only when the file was replaced."""
    return _digest(path, stamp(path))


@lru_cache(maxsize=64)
def _digest(path: Path, replaced: Stamp) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def keep(path: Path, text: str) -> None:
    """Write a cache entry whole; a cache that cannot be written is skipped."""
    try:
        write_text(path, text)
    except OSError as exc:
        log.debug(f"không ghi được bộ nhớ đệm {path}: {exc}")


def read_json(path: Path) -> Any:
    """An entry's JSON, or None when it is missing or damaged (the entry is then made again)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


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
        handle = (cache_dir / _LOCK).open("a+", encoding="utf-8")
    except OSError as exc:
        raise EnvironmentProblem.from_os_error(exc) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "một lệnh campaign khác"
            log.info(f"đang chờ {holder} chạy xong (cùng dự án, khóa {cache_dir / _LOCK})")
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
