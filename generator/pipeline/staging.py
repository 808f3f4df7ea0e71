"""Replacing an output folder only when a build has completely succeeded.

Builds write into a hidden sibling staging folder; the finished folder then takes the output's
place in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``), so a reader or a web server
sees either the old output or the new one, never a half-built or missing one, even if the
build is killed. A stamp file lists what this tool wrote; a folder holding anything else is
never replaced, so nobody's own files are deleted.

An output that is a symbolic link (a web server's root, say) stays a link: the folder it
points to is the one replaced, with the same guarantee. Callers hold the project's lock
(:func:`generator.pipeline.cache.project_lock`); the staging folder of a live process is never
removed all the same.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from generator.errors import Problem, UserError

STAMP = ".campaign-output"
_STAGING = ".{name}.staging-"
_RETIRED = ".{name}.old-"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def check_replaceable(target: Path) -> None:
    """Refuse to touch ``target`` if it holds files this tool did not write there."""
    target = resolve_output(target)
    if not target.exists():
        return
    if not target.is_dir():
        raise UserError([Problem(target, 1, 1, "đây là một tệp, không phải thư mục do công cụ "
                                               "tạo ra; công cụ không ghi đè")])
    stamp = target / STAMP
    if not stamp.is_file():
        if any(target.iterdir()):
            raise UserError([Problem(target, 1, 1, (
                "thư mục này có tệp không do công cụ tạo ra; công cụ không ghi đè. Hãy đổi tên "
                "hoặc chuyển thư mục đi, hoặc chọn thư mục khác"))])
        return
    written = _read_stamp(stamp)
    foreign = sorted(rel for rel, size in _inventory(target).items()
                     if rel != STAMP and written.get(rel) != size)
    if foreign:
        shown = ", ".join(foreign[:5]) + (" ..." if len(foreign) > 5 else "")
        raise UserError([Problem(target, 1, 1, (
            f"có tệp được thêm hoặc sửa tay sau lần tạo trước ({shown}); công cụ không xóa "
            "chúng. Hãy chuyển các tệp này ra ngoài (trang viết tay đặt trong docs/) rồi chạy "
            "lại"))])


def output_intact(target: Path) -> bool:
    """Whether ``target`` holds exactly what the tool last wrote there: nothing deleted,
    added or edited since (a build with unchanged inputs may then answer at once)."""
    target = resolve_output(target)
    stamp = target / STAMP
    if not stamp.is_file():
        return False
    inventory = _inventory(target)
    inventory.pop(STAMP, None)
    return inventory == _read_stamp(stamp)


def resolve_output(target: Path) -> Path:
    """The folder really written: a symbolic link's target (the link itself stays)."""
    return target.resolve() if target.is_symlink() else target


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """Yield an empty staging folder; when the ``with`` block ends without an exception, it
    replaces ``target``; on any exception (a failed build, Ctrl-C, SIGTERM, a full disk) it is
    removed and ``target`` is left as it was.

    A previous run killed half-way leaves only hidden staging folders behind, which the next
    run clears away.
    """
    target = resolve_output(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _recover(target)
    check_replaceable(target)
    staging = target.parent / (_STAGING.format(name=target.name) + str(os.getpid()))
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        yield staging
        inventory = _inventory(staging)
        # Compact: json's C encoder does no indenting, and a site has thousands of files.
        (staging / STAMP).write_text(json.dumps(inventory, ensure_ascii=False,
                                                separators=(",", ":")), encoding="utf-8")
        _swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _inventory(folder: Path) -> dict[str, list[int]]:
    """Every file below ``folder`` with its size and modification time: what the stamp
    remembers, so that a file added or edited by hand afterwards is noticed."""
    result = {}
    # scandir hands back each entry's metadata with the listing: one system call a file
    # fewer than globbing, on sites of thousands of files. Linked folders are not followed.
    folders = [(str(folder), "")]
    while folders:
        directory, prefix = folders.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, relative + "/"))
                else:
                    info = entry.stat(follow_symlinks=False)
                    result[relative] = [info.st_size, info.st_mtime_ns]
    return result


def _read_stamp(stamp: Path) -> dict[str, list[int]]:
    try:
        data = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _swap(staging: Path, target: Path) -> None:
    """Put ``staging`` at ``target``; the old output, if any, ends up at ``staging``."""
    if target.exists() and _exchange(staging, target):
        return
    retired = target.parent / (_RETIRED.format(name=target.name) + str(os.getpid()))
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


@lru_cache(maxsize=1)
def _renameat2() -> Callable[..., int] | None:
    import ctypes.util  # 5 ms: only a build that swaps a folder needs it

    name = ctypes.util.find_library("c")
    try:
        function: Callable[..., int] | None = (
            ctypes.CDLL(name, use_errno=True).renameat2 if name else None)
    except (OSError, AttributeError):
        return None
    return function


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two folders; False where the system cannot (not Linux, old libc)."""
    function = _renameat2()
    if function is None:
        return False
    result = function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                      _RENAME_EXCHANGE)
    return bool(result == 0)


def _recover(target: Path) -> None:
    """Undo what a killed run left: restore a retired output if the new one never arrived.
    Folders of a process still running are its own business and stay."""
    parent = target.parent
    retired = sorted(p for p in parent.glob(_RETIRED.format(name=target.name) + "*")
                     if not _alive(p))
    if not target.exists() and retired:
        retired.pop().rename(target)
    staging = [p for p in parent.glob(_STAGING.format(name=target.name) + "*") if not _alive(p)]
    for leftover in [*retired, *staging]:
        shutil.rmtree(leftover, ignore_errors=True)


def _alive(folder: Path) -> bool:
    """Whether the process whose id ends the folder's name is running."""
    pid = folder.name.rpartition("-")[2]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
