"""Writing an entry of the cache: whole or not at all, and never a reason for a build to fail
(a cache that cannot be written only means the work is done again next time)."""

from __future__ import annotations

from pathlib import Path


def keep(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    except OSError:
        partial.unlink(missing_ok=True)
