"""Drawing posters on a Dask distributed cluster instead of this machine's worker processes.

Chosen with ``campaign build --dask ADDRESS`` or the ``DASK_SCHEDULER_ADDRESS`` variable (the
name Dask itself reads). The builder sends each poster job with the bytes of the files it
names (fonts, logo, CMYK profile: scattered once, not per task). A worker that sees the
builder's cache folder (the same machine, or storage the cluster and the builder share, such as
NFS mounted at the same path) draws into it directly, as the local pool does; any other draws
into a folder of its own and returns the files as bytes, which the builder writes into its
cache. A worker knows the folder is the builder's by a token the builder writes there for this
build. Either way the files are the same, byte for byte. Tasks are keyed by the job's content
hash, so a lost worker's tasks are drawn again elsewhere (the scheduler does
this) while finished ones, already in the cache, are not.

Workers need the same version of this package (``pip install 'campaign-site-generator[dask]'``):
a worker with another version refuses the task rather than draw different pixels.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import secrets
import socket
import struct
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator import __version__
from generator.errors import EnvironmentProblem
from generator.posters import RENDERER_VERSION
from generator.posters.drawn import PosterFile, render_job
from generator.posters.layout import Fonts
from generator.posters.plan import PosterJob

ADDRESS_VARIABLE = "DASK_SCHEDULER_ADDRESS"
# ``--dask-timeout``: how long one poster of REFERENCE_PIXELS may take on the cluster; a larger
# poster is given more in proportion.
TIMEOUT_VARIABLE = "CAMPAIGN_DASK_TIMEOUT"
TASK_SECONDS = 300.0
REFERENCE_PIXELS = 35_000_000  # an A1 poster at 300 dpi
CONNECT_SECONDS = 20
HANDSHAKE_SECONDS = 10  # a scheduler answers in milliseconds; a busy one within seconds
# A scheduler speaks first: on connecting, it sends its handshake, a frame of a few dozen
# bytes naming its serialisations.
_HANDSHAKE_BYTES = 256
_HANDSHAKE_MARK = b"pickle-protocol"
_MAX_FRAME_BYTES = 1 << 20
_POLL_SECONDS = 0.02  # against ~350 ms of drawing per poster
# A task whose code raised is tried again this many times; a task whose worker died is
# rescheduled by the scheduler itself (distributed's allowed-failures, 3 by default).
RETRIES = 2
_VERSION = f"{__version__}/{RENDERER_VERSION}"
TOKEN_FILE = ".dask-token"
MISSING = ("vẽ trên cụm Dask cần gói dask[distributed]: hãy cài bằng "
           "pip install -e '.[dask]', hoặc bỏ --dask và biến DASK_SCHEDULER_ADDRESS để vẽ trên "
           "máy này")


def cluster_address() -> str | None:
    """The scheduler to draw on, or None to draw on this machine."""
    return os.environ.get(ADDRESS_VARIABLE, "").strip() or None


def task_seconds(job: PosterJob) -> float:
    """How long ``job`` may take on the cluster: ``--dask-timeout`` seconds for a poster of
    REFERENCE_PIXELS, more for a larger one."""
    try:
        base = float(os.environ.get(TIMEOUT_VARIABLE, "") or TASK_SECONDS)
    except ValueError:
        base = TASK_SECONDS
    width, height = job.fmt.pixels()
    return base * max(1.0, width * height / REFERENCE_PIXELS)


def _unreachable(address: str, reason: str) -> EnvironmentProblem:
    return EnvironmentProblem(None, (
        f"không kết nối được cụm Dask tại {address} ({reason}); hãy kiểm tra lệnh dask "
        "scheduler đang chạy và địa chỉ đúng, hoặc bỏ --dask để vẽ trên máy này"))


def check_scheduler(address: str) -> None:
    """Refuse, in one line and within CONNECT_SECONDS, an address that is no Dask scheduler:
    distributed would wait forever on a port that accepts and never answers, and reads any
    other server's first bytes as the length of a message to allocate."""
    scheme, _, rest = address.rpartition("://")
    if scheme not in ("", "tcp", "tls"):
        raise _unreachable(address, f"giao thức '{scheme}' không dùng được; hãy viết "
                                    "tcp://MÁY:CỔNG")
    host, _, port = rest.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise _unreachable(address, "thiếu tên máy hoặc cổng; hãy viết tcp://MÁY:CỔNG, ví dụ "
                                    "tcp://10.0.0.5:8786")
    try:
        with socket.create_connection((host, int(port)), timeout=CONNECT_SECONDS) as probe:
            if scheme == "tls":
                return  # the handshake is encrypted: distributed checks it, within its timeout
            heard = _first_bytes(probe, time.monotonic() + HANDSHAKE_SECONDS)
    except OSError as exc:
        raise _unreachable(address, " ".join(str(exc).split())[:200]) from None
    if len(heard) < 8 or _no_frame(heard) or _HANDSHAKE_MARK not in heard:
        raise EnvironmentProblem(None, (
            f"{address} không phải bộ lập lịch Dask (không trả lời như dask scheduler trong "
            f"{HANDSHAKE_SECONDS} giây); hãy kiểm tra cổng của lệnh dask scheduler (mặc định "
            "8786), hoặc bỏ --dask để vẽ trên máy này"))


def _first_bytes(probe: socket.socket, deadline: float) -> bytes:
    heard = b""
    while len(heard) < _HANDSHAKE_BYTES and _HANDSHAKE_MARK not in heard \
            and not _no_frame(heard):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        probe.settimeout(left)
        try:
            chunk = probe.recv(_HANDSHAKE_BYTES - len(heard))
        except TimeoutError:
            break
        if not chunk:
            break
        heard += chunk
    return heard


def _no_frame(heard: bytes) -> bool:
    """Whether the first bytes already rule out a scheduler: its frames open with their length
    (eight bytes, little-endian, a few dozen bytes for the handshake), and another server's
    text ("HTTP/1.1 400 ...", "SSH-2.0-...") reads as an absurd one. Said at once, not after
    waiting out the handshake's time."""
    return len(heard) >= 8 and not 0 < struct.unpack("<Q", heard[:8])[0] <= _MAX_FRAME_BYTES


@dataclass(frozen=True)
class Inputs:
    """The bytes of every file the jobs name, by the path the builder knows them by."""

    files: dict[str, bytes]


def run_on_cluster(jobs: Sequence[PosterJob], folder: Path,
                   address: str) -> Iterator[tuple[PosterJob, list[PosterFile]]]:
    """Each job drawn on the cluster at ``address``, its files written into ``folder``, as
    soon as it is done."""
    try:
        from distributed import Client, as_completed
        from distributed.scheduler import KilledWorker
    except ImportError:
        raise EnvironmentProblem(None, MISSING) from None
    from generator.atomic import write_bytes

    check_scheduler(address)
    try:
        client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise _unreachable(address, " ".join(str(exc).split())[:200]) from None
    token = secrets.token_hex(16)
    write_bytes(folder / TOKEN_FILE, token.encode())
    try:
        try:
            client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except TimeoutError:
            raise EnvironmentProblem(None, (
                f"cụm Dask tại {address} chưa có máy trạm nào sau {CONNECT_SECONDS} giây; hãy "
                f"chạy dask worker {address} trên ít nhất một máy, hoặc bỏ --dask để vẽ trên "
                "máy này")) from None
        inputs = client.scatter(Inputs(_input_files(jobs)), broadcast=True, hash=True,
                                timeout=CONNECT_SECONDS)
        # The folder and token are not part of the key: where the files land changes nothing
        # of their bytes.
        futures = {client.submit(draw, job, inputs, _VERSION, str(folder), token,
                                 key=f"poster-{job.key()}", pure=True, retries=RETRIES): job
                   for job in jobs}
        for future in _as_done(client, futures, as_completed, address):
            job = futures.pop(future)
            try:
                rows, files = future.result(timeout=task_seconds(job))
            except KilledWorker:
                raise EnvironmentProblem(None, (
                    f"áp phích {job.stem} làm dừng máy trạm Dask nhiều lần (thường do thiếu bộ "
                    "nhớ); hãy cho máy trạm thêm bộ nhớ (dask worker --memory-limit) rồi chạy "
                    "lại: các áp phích đã vẽ được giữ lại")) from None
            except OSError as exc:
                raise EnvironmentProblem(None, (
                    f"mất kết nối với cụm Dask tại {address} ({exc}); hãy chạy lại: các áp "
                    "phích đã vẽ được giữ lại")) from None
            # Raised on the worker (another version there, a full disk): said in one line.
            except Exception as exc:  # noqa: BLE001
                said = " ".join(str(exc).split())[:300] or type(exc).__name__
                raise EnvironmentProblem(None, (
                    f"máy trạm Dask không vẽ được áp phích {job.stem}: {said}")) from None
            future.release()  # the worker may forget the bytes now: the cache has them
            for name, data in files.items():
                write_bytes(folder / name, data)
            yield job, rows
    except TimeoutError:
        raise _unreachable(address, f"không trả lời trong {CONNECT_SECONDS} giây") from None
    finally:
        client.close(timeout=CONNECT_SECONDS)


def _as_done(client: Any, futures: dict[Any, PosterJob], as_completed: Any,
             address: str) -> Iterator[Any]:
    """The futures as they finish. No wait for the next one is longer than the largest
    poster's allowance, so that a silent cluster ends the build instead of holding it (and the
    project's lock) forever."""
    seconds = max(task_seconds(job) for job in futures.values())
    finished = as_completed(futures, loop=client.loop)
    last = time.monotonic()
    while not finished.is_empty():
        batch = finished.next_batch(block=False)
        if batch:
            last = time.monotonic()
            yield from batch
        elif time.monotonic() - last > seconds:
            raise EnvironmentProblem(None, (
                f"cụm Dask tại {address} không vẽ xong áp phích nào trong {seconds:g} giây; "
                "hãy kiểm tra các máy trạm (dask worker) còn chạy, hoặc cho mỗi áp phích "
                "thêm thời gian bằng --dask-timeout GIÂY"))
        else:
            time.sleep(_POLL_SECONDS)


def _input_files(jobs: Sequence[PosterJob]) -> dict[str, bytes]:
    paths = {p for job in jobs for p in (job.fonts.headline, job.fonts.text, job.logo,
                                         job.cmyk_profile) if p is not None}
    return {str(path): path.read_bytes() for path in sorted(paths)}


def draw(job: PosterJob, inputs: Inputs, version: str, folder: str,
         token: str) -> tuple[list[PosterFile], dict[str, bytes]]:
    """On a worker: the job's rows, and its files by name under the poster folder unless they
    were written into the builder's folder itself."""
    if version != _VERSION:
        raise RuntimeError(f"worker has campaign-site-generator {_VERSION}, the builder "
                           f"{version}: install the same version on every worker")
    local = _here(job, inputs)
    if _shared(Path(folder), token):
        return render_job(local, Path(folder)), {}
    with tempfile.TemporaryDirectory(prefix="campaign-poster-") as tmp:
        rows = render_job(local, Path(tmp))
        return rows, {row.file: (Path(tmp) / row.file).read_bytes() for row in rows}


def _shared(folder: Path, token: str) -> bool:
    """Whether ``folder`` on this worker is the builder's own, for this build."""
    try:
        return (folder / TOKEN_FILE).read_text(encoding="ascii") == token
    except (OSError, UnicodeDecodeError):
        return False


def _here(job: PosterJob, inputs: Inputs) -> PosterJob:
    """The job with its files at paths of this worker, written once per worker process."""
    def local(path: Path | None) -> Any:
        return None if path is None else _materialised(str(path), inputs.files[str(path)])

    return dataclasses.replace(job, fonts=Fonts(local(job.fonts.headline), local(job.fonts.text)),
                               logo=local(job.logo), cmyk_profile=local(job.cmyk_profile))


@cache
def _materialised(name: str, data: bytes) -> Path:
    digest = hashlib.sha256(data).hexdigest()
    path = Path(tempfile.gettempdir()) / "campaign-inputs" / digest / Path(name).name
    if not path.is_file():
        from generator.atomic import write_bytes

        write_bytes(path, data)
    return path
