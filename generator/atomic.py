"""Writing files whole or not at all: the one place for it.

Every file the tool writes goes to a partial file beside its target, named uniquely for the
writing process, and takes the target's name in one ``os.replace``. Two builds writing the same
file never touch each other's partial files; a build killed half-way leaves only a partial
file, which the next build removes once it holds the project's lock
(:func:`generator.pipeline.cache.project_lock`).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PARTIAL_SUFFIX = ".partial"


def partial_name(path: Path) -> Path:
    """A hidden sibling of ``path`` that no other process or call will choose."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}{PARTIAL_SUFFIX}")


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a partial path to write; on success it becomes ``path``, on failure it goes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_name(path)
    try:
        yield partial
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_bytes(path: Path, content: bytes) -> Path:
    with replacing(path) as partial:
        partial.write_bytes(content)
    return path


def write_text(path: Path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))


def write_if_changed(path: Path, content: bytes) -> Path:
    """Write ``content`` unless the file already holds it (so it keeps its mtime)."""
    try:
        if path.stat().st_size == len(content) and path.read_bytes() == content:
            return path
    except OSError:  # missing or unreadable: written below
        pass
    return write_bytes(path, content)


def write_new(path: Path, text: str) -> Path:
    """Write ``path`` whole only if no file has that name: a file a person wrote is never
    replaced, even by one that appears while this one is written. Raises FileExistsError."""
    return write_new_bytes(path, text.encode("utf-8"))


def write_new_bytes(path: Path, content: bytes) -> Path:
    """:func:`write_new` for bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_name(path)
    try:
        partial.write_bytes(content)
        os.link(partial, path)  # fails, and changes nothing, if the name is taken
    finally:
        partial.unlink(missing_ok=True)
    return path
