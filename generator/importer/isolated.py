"""Reading a received document in a process of its own, held to a memory and a time limit.

The readers count what a document holds as they go (``limits.py``), but they stand on
parsers (lxml, pdfminer) that a file nobody foresaw may still lead astray. In a process of its
own, whose address space and processor time the system caps, the worst such a file can do is
end that process, and the import says so in one line; the machine it shares is not touched.

The process is a fork of the command (a few milliseconds, against a quarter of a second for a
new interpreter importing the readers again); the command has started no thread by then. What
it read comes back through a pipe: nothing is written to disk for it.
"""

from __future__ import annotations

import logging
import os
import pickle
import resource
import select
import signal
import time
from pathlib import Path
from typing import Any

from generator.errors import UserError
from generator.importer.limits import MAX_READ_MEMORY_BYTES, MAX_READ_SECONDS, refused, size
from generator.importer.paragraphs import Para
from generator.importer.sources import read_paragraphs

_OUT_OF_MEMORY = 3
_FAILED = 4
_CHUNK = 1 << 20


def read_isolated(path: Path) -> list[Para]:
    """:func:`~generator.importer.sources.read_paragraphs`, in a child process."""
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the command's code
        os.close(readable)
        code = _FAILED
        try:
            code = _child(path, writable)
        finally:
            os._exit(code)
    os.close(writable)
    answer: bytes | None = None
    try:
        answer = _read_answer(readable, time.monotonic() + MAX_READ_SECONDS + 30)
    finally:
        os.close(readable)
        if answer is None:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if answer is None:
        raise _too_slow(path)
    code = os.waitstatus_to_exitcode(status)
    if code == 0:
        # Our own child's answer, from a pipe only it writes: the command's own data.
        kind, value = pickle.loads(answer)
        if kind == "read":
            paras: list[Para] = value
            return paras
        if kind == "refused":
            raise UserError(value)
        raise refused(path, f"bộ đọc dừng bất thường ({value})",
                      "hãy lưu lại văn bản bằng Word rồi nhập bản mới")
    if code == -signal.SIGXCPU:
        raise _too_slow(path)
    if code != _OUT_OF_MEMORY and code > 0:
        raise refused(path, f"bộ đọc dừng bất thường (mã {code})",
                      "hãy lưu lại văn bản bằng Word rồi nhập bản mới")
    raise refused(path, f"đọc cần hơn {size(MAX_READ_MEMORY_BYTES)} bộ nhớ",
                  "hãy lưu lại văn bản bằng Word (Lưu thành .docx hoặc PDF) rồi nhập bản mới; "
                  "nếu vẫn vậy, hãy tách văn bản thành nhiều tệp")


def _read_answer(fd: int, deadline: float) -> bytes | None:
    """Everything the child writes, or None when it is still writing at ``deadline``."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, _CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _too_slow(path: Path) -> UserError:
    return refused(path, f"đọc quá {MAX_READ_SECONDS // 60} phút",
                   "hãy lưu lại văn bản bằng Word rồi nhập bản mới, hoặc tách thành nhiều tệp")


def _child(source: Path, fd: int) -> int:
    # Capped before anything is read: the address space (every byte the process could touch,
    # so its resident memory stays under it too) and the processor time.
    resource.setrlimit(resource.RLIMIT_AS, (MAX_READ_MEMORY_BYTES, MAX_READ_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (MAX_READ_SECONDS, MAX_READ_SECONDS + 5))
    # pdfminer warns of every oddity of a damaged file; the import says what matters itself.
    logging.disable(logging.CRITICAL)
    answer: tuple[str, Any]
    try:
        answer = ("read", read_paragraphs(source))
    except UserError as exc:
        answer = ("refused", exc.problems)
    except MemoryError:
        return _OUT_OF_MEMORY
    # A reader's own mistake: said in one line by the command, never a traceback.
    except Exception as exc:  # noqa: BLE001
        answer = ("failed", f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}")
    try:
        data = pickle.dumps(answer)
    except MemoryError:
        return _OUT_OF_MEMORY
    with os.fdopen(fd, "wb") as pipe:
        pipe.write(data)
    return 0
