"""Lighthouse scores of every page type, on a local server, with Debian's Chromium.

    (cd bench/lighthouse && npm ci) && .venv/bin/python bench/lighthouse.py [SITE_DIR]

Targets: 100 in accessibility, best practices and SEO; at least 95 in performance (mobile
emulation, Lighthouse's default). Writes bench/lighthouse.md and bench/lighthouse.json.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml")


class _Handler(SimpleHTTPRequestHandler):
    """Static files as a production web server sends them: gzip for text, long caching for
    Material's fingerprinted assets."""

    def log_message(self, format: str, *args: object) -> None:
        return

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in _COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def end_headers(self) -> None:
        if "/assets/" in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        super().end_headers()


class _Body:
    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, *_: object) -> bytes:
        data, self._data = self._data, b""
        return data

    def close(self) -> None:
        return


@contextmanager
def serve(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()

PAGES = {
    "home": "", "campaign overview": "cchc-ha-noi-2021/", "topics": "cchc-ha-noi-2021/noi-dung/",
    "agency page": "cchc-ha-noi-2021/trach-nhiem/thuong-truc-cap-uy-ban-tuyen-giao-cac-quan-huyen/",
    "documents": "cchc-ha-noi-2021/van-ban/", "slogans": "cchc-ha-noi-2021/khau-hieu/",
    "poster gallery": "cchc-ha-noi-2021/an-pham/", "indices": "cchc-ha-noi-2021/chi-so/",
    "news": "tin-tuc/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run --disable-sync")


def audit(url: str, out: Path) -> dict[str, int]:
    binary = HERE / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run([str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--chrome-flags={CHROME_FLAGS}",
                    f"--only-categories={','.join(CATEGORIES)}"],
                   env=env, check=True, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    failing = [f"{a['id']}" for a in report["audits"].values()
               if a.get("score") is not None and a["score"] < 1
               and a.get("scoreDisplayMode") == "binary"]
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    return {**scores, "failing": failing}


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "site"
    results = {}
    with serve(site) as url, tempfile.TemporaryDirectory() as tmp:
        for name, path in PAGES.items():
            results[name] = audit(url + path, Path(tmp) / "report.json")
            print(name, results[name], flush=True)
    (HERE / "lighthouse.json").write_text(json.dumps(results, indent=2, ensure_ascii=False)
                                          + "\n", encoding="utf-8")
    lines = ["# Lighthouse", "", "`(cd bench/lighthouse && npm ci) && "
             ".venv/bin/python bench/lighthouse.py` after `campaign build`; Debian Chromium, "
             "local server, Lighthouse's mobile emulation.", "",
             "| page | performance | accessibility | best practices | SEO |",
             "|---|---|---|---|---|"]
    for name, row in results.items():
        lines.append(f"| {name} | {row['performance']} | {row['accessibility']} | "
                     f"{row['best-practices']} | {row['seo']} |")
    (HERE / "lighthouse.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
