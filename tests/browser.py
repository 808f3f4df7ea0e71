"""A real browser (Debian's Chromium, driven by Playwright) and a local server for the site."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing on CI: .ci/run must install it")
        pytest.skip("chromium is not installed")
    return path


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The built site over HTTP on a free loopback port."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def search(page: Page, query: str) -> tuple[str, list[str]]:
    """Type ``query`` into the header's search box (opening it if need be), as a reader would:
    the status line said, and the path of each result link, best first."""
    if not page.locator("#tk-hop[open]").count():
        page.locator(".tk__mo").click()
    box = page.locator("#tk-o")
    box.fill("")
    box.type(query, delay=10)
    page.locator("#tk-tt", has_text=f"«{query}»").wait_for()
    links = page.locator("[data-tk-kq] a").evaluate_all("els => els.map(e => e.href)")
    return page.locator("#tk-tt").inner_text(), [urlsplit(str(h)).path for h in links]
