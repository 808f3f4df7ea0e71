"""What every benchmark shares: timing, running the real command line, the plain baseline."""

from __future__ import annotations

import functools
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "campaigns" / "cchc-ha-noi-2021.md"
CAMPAIGN = [sys.executable, "-m", "generator"]


def median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def environment() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(command: list[str], cwd: Path) -> tuple[float, str]:
    """Wall time of a real process, and what it printed."""
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=environment(),
                          check=True)
    return time.perf_counter() - start, proc.stdout + proc.stderr


def drawn(log: str) -> int:
    """Posters a build drew, from its log line per campaign."""
    return sum(int(n) for n in re.findall(r"Áp phích của [\w-]+: vẽ (\d+)", log))


def copy_sample_project(target: Path) -> Path:
    for name in ("campaigns", "docs", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def plain_mkdocs_project(root: Path) -> Path:
    """The same generated Markdown and files as a plain MkDocs project: ``campaign export``,
    with our plugin taken out of its configuration."""
    export = root / "export"
    run([*CAMPAIGN, "export", str(export)], root)
    config = (export / "mkdocs.yml").read_text(encoding="utf-8")
    plain = re.sub(r"  - campaign:\n(      .*\n)*", "", config)
    if plain == config:
        raise RuntimeError("the exported mkdocs.yml no longer lists the campaign plugin")
    (export / "mkdocs.yml").write_text(plain, encoding="utf-8")
    return export


def peak_memory_bytes() -> int:
    """This process's own memory high-water mark (VmHWM). ru_maxrss would carry over the peak
    of the benchmark process that started it."""
    status = Path("/proc/self/status").read_text(encoding="utf-8").splitlines()
    return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


def serve_plain(site: Path) -> AbstractContextManager[str]:
    """The built site over HTTP on a loopback port, every file sent as it is on disk (no
    compression), as the simplest static server sends it."""
    return serve_with(site, _Quiet)


@contextmanager
def serve_with(site: Path, handler: type[SimpleHTTPRequestHandler]) -> Iterator[str]:
    """The built site over HTTP on a loopback port, each request answered by ``handler``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def plain_build(plain_root: Path) -> float:
    """Plain ``mkdocs build`` of the exported tree, then the same Pagefind index the plugin
    makes: what the site would cost without this generator."""
    from generator.pipeline.search_index import EXCLUDED

    seconds = run([sys.executable, "-m", "mkdocs", "build", "-q"], plain_root)[0]
    return seconds + run([sys.executable, "-m", "pagefind", "--site", "site", "--silent",
                          "--force-language", "vi", "--exclude-selectors", ", ".join(EXCLUDED)],
                         plain_root)[0]
