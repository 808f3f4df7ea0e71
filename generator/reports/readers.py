"""Many returned files read at once, each by a worker process held to a memory and a time
limit.

A returned workbook comes from anyone. Its size and its zip are checked before it is parsed
(``returned.py``), but the parsers under openpyxl may still meet a file nobody foresaw: in a
worker whose address space the system caps, and whose reading of one file a timer stops,
the worst such a file can do is be refused in one line (after a second reading by a worker
of its own, for memory: what earlier files left is not held against it). The workers also
share the parsing out over the machine's cores, which a country's thousands of reports need
(openpyxl takes about 8 ms a workbook).

The workers are forks of the command (it has started no thread by then), so they start in
milliseconds with the readers already imported (the timer counts reading, not importing).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar, cast

from generator.reports.returned import (
    MIB,
    SUFFIXES,
    CellProblem,
    Grid,
    Refused,
    import_readers,
    read_grid,
    whole_file,
)
from generator.reports.store import file_digest

# What one file may take of a worker's processor time (a report is read in milliseconds),
# and what reading it may add to the worker's address space (a report needs a few MB).
MAX_READ_SECONDS = 20
MAX_READ_MEMORY = 512 * MIB
# Files handed to a worker at a time: few enough that both cores stay busy to the end.
_CHUNK = 16

T = TypeVar("T")
# What a worker does with a file it has read: its path, grid, digest and time of change.
Check = Callable[[Path, Grid, str, float], T]


def returned_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the workbooks and CSV files inside the folders named (lock files
    a spreadsheet leaves beside an open file excluded)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES
                                and not p.name.startswith((".", "~$")) and p.is_file()))
        else:
            found.append(path)
    return found


def read_all(files: list[Path], check: Check[T]) -> Iterator[tuple[Path, T | CellProblem]]:
    """Each file with what ``check`` made of it, or the one line refusing it, in the order
    given. ``check`` runs in the workers too (they are forks: it is not pickled), so the
    checking is shared out with the reading; what it returns comes back pickled."""
    if not files:
        return
    import_readers()
    workers = max(1, min(os.cpu_count() or 1, -(-len(files) // _CHUNK)))
    with _pool(workers, check) as pool:
        done = 0
        try:
            for read in pool.map(_read_one, files, chunksize=_CHUNK):
                path = files[done]
                yield path, _read_alone(path, check) if isinstance(read, _OutOfMemory) else read
                done += 1
        except BrokenProcessPool:
            # A worker ended (a parser's crash): the files it had not given back are named.
            for path in files[done:]:
                yield path, whole_file(path, (
                    "chưa đọc được: bộ đọc dừng bất thường khi đọc tệp này hoặc một tệp cùng "
                    "lượt; hãy chạy lại lệnh (báo cáo đã ghi không bị ghi lại hai lần)"))


def _pool(workers: int, check: Check[Any]) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_capped, initargs=(check,))


@dataclass(frozen=True)
class _OutOfMemory:
    """A file whose reading went past the memory allowed."""


_OUT_OF_MEMORY = _OutOfMemory()  # made beforehand: nothing is made when memory runs out


def _read_alone(path: Path, check: Check[T]) -> T | CellProblem:
    """A file a worker could not read within its memory, read again by a worker of its own:
    what earlier files left in the first worker's memory is not held against it."""
    try:
        with _pool(1, check) as pool:
            read = pool.submit(_read_one, path).result()
    except (BrokenProcessPool, MemoryError):
        read = _OUT_OF_MEMORY
    if isinstance(read, _OutOfMemory):
        return whole_file(path, (
            f"đọc tệp cần hơn {MAX_READ_MEMORY // MIB} MB bộ nhớ, không phải biểu mẫu báo "
            "cáo; hãy mở bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi gửi"))
    return cast("T | CellProblem", read)


class _TooSlow(BaseException):  # not an Exception: passes the readers' own handlers
    pass


_reading = False  # the timer stops only a reading: a signal late by a tick is let go
_check: Check[Any] | None = None  # the worker's


def _stop(signum: int, frame: FrameType | None) -> None:
    if _reading:
        raise _TooSlow


def _capped(check: Check[Any]) -> None:
    """A worker's set-up: the check it runs, the timer's handler. A worker that dies all the
    same is said in one line by :func:`read_all`, not by a traceback of its own."""
    global _check
    _check = check
    sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 (for its life)
    signal.signal(signal.SIGVTALRM, _stop)


def _cap_memory() -> None:
    """Let the reading of the next file add at most ``MAX_READ_MEMORY`` to the address space
    the worker maps now (the soft limit, set for each file)."""
    try:
        statm = Path("/proc/self/statm").read_text(encoding="ascii")
        mapped = int(statm.split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return  # not Linux: the zip checks alone bound what a file unpacks to
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = mapped + MAX_READ_MEMORY
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _uncap_memory() -> None:
    """The limit lifted between files: sending an answer back is not reading."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def _read_one(path: Path) -> Any:
    global _reading
    assert _check is not None  # set by _capped
    try:
        _cap_memory()
        _reading = True
        # Again and again once expired: the stop may land where Python lets it go unheard
        # (a finalizer run by the garbage collector), the next one is heard.
        signal.setitimer(signal.ITIMER_VIRTUAL, MAX_READ_SECONDS, MAX_READ_SECONDS / 10)
        grid, content = read_grid(path)
        return _check(path, grid, file_digest(content), path.stat().st_mtime)
    except Refused as exc:
        return exc.problem
    except _TooSlow:
        return whole_file(path, (
            f"đọc tệp quá {MAX_READ_SECONDS} giây, không phải biểu mẫu báo cáo; hãy mở bằng "
            "Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi gửi"))
    except MemoryError:
        return _OUT_OF_MEMORY  # said by the command, once read again alone
    except OSError as exc:
        return whole_file(path, f"không đọc được tệp ({exc.strerror or exc})")
    finally:
        _reading = False
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        _uncap_memory()
