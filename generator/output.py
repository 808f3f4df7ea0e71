"""Replacing an output folder only when a build has completely succeeded.

Builds write into a sibling staging folder; the finished folder then takes the output's place.
A stamp file marks folders this tool made, so it never replaces a folder a person made.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import Problem, UserError

STAMP = ".campaign-output"
_STAGING = ".{name}.staging-"
_RETIRED = ".{name}.old-"


def check_replaceable(target: Path) -> None:
    """Refuse to touch ``target`` if it holds files this tool did not make."""
    if target.exists() and not (target / STAMP).exists() and any(target.iterdir()):
        raise UserError([Problem(target, 1, 1, (
            "thư mục này có tệp không do công cụ tạo ra; công cụ không ghi đè. Hãy đổi tên hoặc "
            "chuyển thư mục đi, hoặc chọn thư mục khác"))])


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces ``target``, on failure it goes.

    ``target`` itself is untouched until the staged build is complete. A previous run killed
    half-way leaves only hidden staging folders behind, which the next run clears away.
    """
    check_replaceable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _recover(target)
    staging = target.parent / (_STAGING.format(name=target.name) + str(os.getpid()))
    staging.mkdir()
    try:
        yield staging
        (staging / STAMP).write_text("Thư mục do lệnh campaign tạo ra.\n", encoding="utf-8")
        _swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, target: Path) -> None:
    retired = target.parent / (_RETIRED.format(name=target.name) + str(os.getpid()))
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


def _recover(target: Path) -> None:
    """Undo what a killed run left: restore a retired output if the new one never arrived."""
    parent = target.parent
    retired = sorted(parent.glob(_RETIRED.format(name=target.name) + "*"))
    if not target.exists() and retired:
        retired.pop().rename(target)
    for leftover in [*retired, *parent.glob(_STAGING.format(name=target.name) + "*")]:
        shutil.rmtree(leftover, ignore_errors=True)
