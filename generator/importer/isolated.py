"""Reading a received document in a process of its own, held to a memory and a time limit.

The readers count what a document holds as they go (``limits.py``), but they stand on
parsers (lxml, pdfminer) that a file nobody foresaw may still lead astray. In a process of its
own, whose address space and processor time the system caps, the worst such a file can do is
end that process, and the import says so in one line; the machine it shares is not touched.
"""

from __future__ import annotations

import os
import pickle
import resource
import signal
import subprocess
import sys
from pathlib import Path

from generator.errors import UserError
from generator.importer.limits import MAX_READ_MEMORY_BYTES, MAX_READ_SECONDS, refused, size
from generator.importer.shape import Para

_REFUSED = 2
_OUT_OF_MEMORY = 3


def read_isolated(path: Path) -> list[Para]:
    """:func:`~generator.importer.sources.read_paragraphs`, in a child process. What it read
    comes back through a pipe, not a file: nothing is written to disk for it."""
    try:
        done = subprocess.run([sys.executable, "-m", __name__, str(path)],
                              stdin=subprocess.DEVNULL, capture_output=True, check=False,
                              timeout=MAX_READ_SECONDS + 30)
    except subprocess.TimeoutExpired:
        raise _too_slow(path) from None
    code = done.returncode
    # Our own child's answer, from a pipe only it writes: trusted as the parent's own data.
    if code == 0:
        paras: list[Para] = pickle.loads(done.stdout)
        return paras
    if code == _REFUSED:
        raise UserError(pickle.loads(done.stdout))
    if code == -signal.SIGXCPU:
        raise _too_slow(path)
    if code in (_OUT_OF_MEMORY, -signal.SIGKILL, -signal.SIGSEGV, -signal.SIGABRT):
        raise refused(path, f"đọc cần hơn {size(MAX_READ_MEMORY_BYTES)} bộ nhớ",
                      "hãy lưu lại văn bản bằng Word (Lưu thành .docx hoặc PDF) rồi nhập "
                      "bản mới; nếu vẫn vậy, hãy tách văn bản thành nhiều tệp")
    said = done.stderr.decode("utf-8", "replace").strip().splitlines()
    raise refused(path, "bộ đọc dừng bất thường"
                  f" ({said[-1][:200] if said else f'mã {code}'})",
                  "hãy lưu lại văn bản bằng Word rồi nhập bản mới")


def _too_slow(path: Path) -> UserError:
    return refused(path, f"đọc quá {MAX_READ_SECONDS // 60} phút",
                   "hãy lưu lại văn bản bằng Word rồi nhập bản mới, hoặc tách thành nhiều tệp")


def _main(source: Path) -> int:
    # Capped before anything is read: the address space (every byte the process could touch,
    # so its resident memory stays under it too) and the processor time.
    resource.setrlimit(resource.RLIMIT_AS, (MAX_READ_MEMORY_BYTES, MAX_READ_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (MAX_READ_SECONDS, MAX_READ_SECONDS + 5))
    # The answer's pipe is kept apart: whatever a library prints goes to the error stream.
    answer = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    from generator.importer.sources import read_paragraphs

    try:
        paras = read_paragraphs(source)
    except UserError as exc:
        answer.write(pickle.dumps(exc.problems))
        return _REFUSED
    except MemoryError:
        return _OUT_OF_MEMORY
    answer.write(pickle.dumps(paras))
    return 0


if __name__ == "__main__":
    sys.exit(_main(Path(sys.argv[1])))
