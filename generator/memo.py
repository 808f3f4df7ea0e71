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
from collections.abc import Iterable
from dataclasses import dataclass
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


def _write(path: Path, text: str) -> None:
    """Write a cache entry whole; a cache that cannot be written is skipped."""
    try:
        write_text(path, text)
    except OSError as exc:
        log.debug(f"không ghi được bộ nhớ đệm {path}: {exc}")


@dataclass(frozen=True)
class Entry:
    """One thing the cache remembers: named by its file, keyed by what it was made from,
    holding a value and the files it made. Fresh when its key matches and its files exist:
    the one staleness rule.

    On disk, two lines of JSON: the key and the files first, so that an entry is judged
    without reading its value, then the value. Files are kept relative to the entry's folder
    when they lie inside it.
    """

    path: Path
    key: str

    def recall(self) -> Any:
        """The value, or None when the entry is missing, damaged, stale or lost a file."""
        try:
            with self.path.open(encoding="utf-8") as stream:
                if not fresh(json.loads(stream.readline()), self.key, self.path.parent):
                    return None
                return json.loads(stream.readline())
        except (OSError, ValueError):
            return None

    def keep(self, value: Any, files: Iterable[Path] = ()) -> None:
        """Remember ``value`` and the files it stands for; a cache that cannot be written is
        skipped."""
        header = record(self.key, files, self.path.parent)
        _write(self.path, f"{json.dumps(header, ensure_ascii=False)}\n"
                          f"{json.dumps(value, ensure_ascii=False)}\n")


def stored_value(path: Path) -> Any:
    """An entry's value whatever its key (to list what entries hold), or None."""
    try:
        with path.open(encoding="utf-8") as stream:
            stream.readline()
            return json.loads(stream.readline())
    except (OSError, ValueError):
        return None


def record(entry_key: str, files: Iterable[Path], folder: Path) -> dict[str, Any]:
    """An entry's key and files as kept, alone (:class:`Entry`) or among others of one file
    (the posters of a campaign, by the thousand)."""
    return {"key": entry_key,
            "files": [str(p.relative_to(folder)) if p.is_relative_to(folder) else str(p)
                      for p in files]}


def fresh(kept: Any, entry_key: str, folder: Path) -> bool:
    """The one staleness rule: the key matches and every file the entry made exists."""
    if not isinstance(kept, dict) or kept.get("key") != entry_key:
        return False
    files = kept.get("files")
    return isinstance(files, list) and all(isinstance(f, str) and (folder / f).is_file()
                                           for f in files)
