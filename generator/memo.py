"""What the cache remembers, for every floor: one key recipe, one file digest, one way to
keep and read an entry.

Every cached thing (validated campaigns, the campaigns' pages, posters, share cards,
calendars) is an entry keyed by :func:`key`: a hash of what it was made from, the generator's
version and its own code, so an upgraded or edited generator never trusts an old entry. An
entry is fresh while its key matches and the files it lists exist (the one staleness rule);
anything else is made again. Entries are written whole (:mod:`generator.atomic`) and a cache
that cannot be written only means the work is done again next time. Where the cache folder is
and the project's lock belong to the pipeline (:mod:`generator.pipeline.cache`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from generator import __version__
from generator.atomic import write_text

log = logging.getLogger("mkdocs.plugins.campaign")
Stamp = tuple[int, int]


def stamp(path: Path) -> Stamp:
    """What changes when a file is replaced: caches keyed on it see a new font in
    ``campaign serve`` without a restart."""
    info = path.stat()
    return info.st_mtime_ns, info.st_size


@cache
def code_fingerprint() -> str:
    """The generator's own source (the renderer's version among it), and the version of the
    model library that reads cached campaigns back: an upgraded or edited generator must not
    trust entries of the old one."""
    digest = hashlib.sha256(f"{__version__}\0".encode())
    package = Path(__file__).resolve().parent
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
