"""Long work the studio starts (an import, a build, publishing) run as the ``campaign``
command itself, in a process of its own, with its progress read from what it says.

The command is the one tested path for this work: it reads a document in a sandboxed child,
holds the project's lock, swaps the output in whole, and cleans up when stopped. The studio
only watches: one job at a time, its lines and a fraction done, which the page shows as a
progress bar. Whether another command (a build in a terminal) holds the project's lock is
asked without waiting for it.
"""

from __future__ import annotations

import fcntl
import os
import re
import secrets
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.pipeline.cache import LOCK_FILE

# What a build says as it goes, and how far along each saying is (the share of a typical
# build's time spent before it). Posters drawn are counted between the first two.
_STAGES: tuple[tuple[re.Pattern[str], float, str], ...] = (
    (re.compile(r"không đổi: dùng lại"), 0.55, "Dùng lại trang và áp phích đã có"),
    (re.compile(r"Áp phích của .*: vẽ \d+"), 0.55, "Đã vẽ xong áp phích"),
    (re.compile(r"Đang tạo các trang web"), 0.6, "Đang tạo các trang"),
    (re.compile(r"Đã lập chỉ mục tìm kiếm"), 0.95, "Đang thay trang web bằng bản mới"),
)
_COUNTED = re.compile(r"(?P<done>\d+)/(?P<total>\d+)")
_POSTERS_FROM, _POSTERS_TO = 0.1, 0.55
_KEEP_LINES = 400


@dataclass
class Job:
    """One run of the command, as the page shows it."""

    id: str
    kind: str  # "import", "build", "publish"
    campaign: str | None
    title: str
    fraction: float = 0.02
    stage: str = "Đang bắt đầu"
    lines: list[str] = field(default_factory=list)
    returncode: int | None = None
    result: str | None = None  # what the command said last (its answer or its error)

    @property
    def done(self) -> bool:
        return self.returncode is not None

    @property
    def ok(self) -> bool:
        return self.returncode == 0


class Jobs:
    """The studio's jobs: at most one runs at a time."""

    def __init__(self, config_file: Path) -> None:
        self.config_file = config_file
        self.all: dict[str, Job] = {}
        self.current: Job | None = None
        self._lock = threading.Lock()

    def start(self, kind: str, campaign: str | None, title: str,
              arguments: Sequence[str]) -> Job:
        """Start ``campaign ARGUMENTS`` in the project; raises Busy when a job runs."""
        with self._lock:
            if self.current is not None and not self.current.done:
                raise Busy(self.current.title)
            job = Job(secrets.token_hex(6), kind, campaign, title)
            self.all[job.id] = job
            self.current = job
        command = [sys.executable, "-m", "generator", "-f", str(self.config_file), *arguments]
        environment = {**os.environ, "CAMPAIGN_PROGRESS": "1", "PYTHONUNBUFFERED": "1"}
        process = subprocess.Popen(command, cwd=self.config_file.parent, env=environment,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT)
        threading.Thread(target=self._follow, args=(job, process), daemon=True).start()
        return job

    def _follow(self, job: Job, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        pending = b""
        while chunk := os.read(process.stdout.fileno(), 65536):
            pending += chunk
            # tqdm rewrites its line with carriage returns: each rewrite is a reading.
            *whole, pending = re.split(rb"[\r\n]", pending)
            for raw in whole:
                self._read(job, raw.decode("utf-8", "replace").strip())
        if pending:
            self._read(job, pending.decode("utf-8", "replace").strip())
        process.stdout.close()
        code = process.wait()
        said = [line for line in job.lines if line and not _COUNTED.search(line)]
        job.result = said[-1] if said else None
        job.fraction = 1.0 if code == 0 else job.fraction
        job.stage = "Xong" if code == 0 else "Không thành công"
        job.returncode = code

    def _read(self, job: Job, line: str) -> None:
        if not line:
            return
        counted = _COUNTED.search(line)
        if counted and "áp phích" in line.lower():
            done, total = int(counted["done"]), max(int(counted["total"]), 1)
            job.fraction = max(job.fraction,
                               _POSTERS_FROM + (_POSTERS_TO - _POSTERS_FROM) * done / total)
            job.stage = f"Đang vẽ áp phích: {done}/{total}"
            return
        job.lines.append(line)
        del job.lines[:-_KEEP_LINES]
        for pattern, fraction, stage in _STAGES:
            if pattern.search(line) and fraction >= job.fraction:
                job.fraction, job.stage = fraction, stage


class Busy(Exception):
    """A job of the studio already runs."""


def lock_holder(cache_dir: Path) -> str | None:
    """Who holds the project's lock (``campaign build`` in a terminal, say), asked without
    waiting; None when nobody does."""
    lock = cache_dir / LOCK_FILE
    if not lock.is_file():
        return None
    with lock.open("r+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return handle.read().strip() or "một lệnh campaign khác"
        fcntl.flock(handle, fcntl.LOCK_UN)
    return None
