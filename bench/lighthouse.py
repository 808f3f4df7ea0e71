"""Lighthouse scores of every page type, on a local server, with Debian's Chromium.

    (cd bench/lighthouse && npm ci) && .venv/bin/python bench/lighthouse.py [SITE_DIR]

Targets: 100 in accessibility, best practices and SEO; at least 95 in performance (mobile
emulation, Lighthouse's default), also when the server compresses nothing: every page type is
audited twice, served as a production server sends it (gzip, long caching of Material's
fingerprinted assets) and as the plainest static server sends it (files as they are on disk).
Writes bench/lighthouse.md and bench/lighthouse.json.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
from contextlib import AbstractContextManager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script: bench/ is not on the path as a package

from bench.common import serve_with  # noqa: E402

_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml")


class _Plain(SimpleHTTPRequestHandler):
    """Static files as they are on disk: no compression, no caching headers."""

    def log_message(self, format: str, *args: object) -> None:
        return


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


def serve(site: Path, plain: bool = False) -> AbstractContextManager[str]:
    return serve_with(site, _Plain if plain else _Handler)

PAGES = {
    "home": "", "campaign overview": "cchc-ha-noi-2021/", "topics": "cchc-ha-noi-2021/noi-dung/",
    "forms": "cchc-ha-noi-2021/hinh-thuc/", "agencies": "cchc-ha-noi-2021/trach-nhiem/",
    "agency page": "cchc-ha-noi-2021/trach-nhiem/thuong-truc-cap-uy-ban-tuyen-giao-cac-quan-huyen/",
    "documents": "cchc-ha-noi-2021/van-ban/", "slogans": "cchc-ha-noi-2021/khau-hieu/",
    "poster gallery": "cchc-ha-noi-2021/an-pham/", "indices": "cchc-ha-noi-2021/chi-so/",
    "news": "tin-tuc/", "news post": "tin-tuc/ban-hanh-huong-dan-tuyen-truyen-cchc-2021/",
    "full text": "cchc-ha-noi-2021/toan-van/", "loudspeaker pack": "cchc-ha-noi-2021/phat-thanh/",
    "message pack": "cchc-ha-noi-2021/tin-nhan/",
}
SERVERS = {"gzip": False, "plain": True}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run --disable-sync")


def audit(url: str, out: Path) -> dict[str, Any]:
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
    lcp = report["audits"]["largest-contentful-paint"]["numericValue"] / 1000
    return {**scores, "lcp_s": round(lcp, 2), "failing": failing}


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "site"
    results: dict[str, dict[str, dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for server, plain in SERVERS.items():
            with serve(site, plain) as url:
                for name, path in PAGES.items():
                    row = audit(url + path, Path(tmp) / "report.json")
                    results.setdefault(name, {})[server] = row
                    print(server, name, row, flush=True)
    (HERE / "lighthouse.json").write_text(json.dumps(results, indent=2, ensure_ascii=False)
                                          + "\n", encoding="utf-8")
    lines = ["# Lighthouse", "", "`(cd bench/lighthouse && npm ci) && "
             ".venv/bin/python bench/lighthouse.py` after `campaign build`; Debian Chromium, "
             "local server, Lighthouse's mobile emulation (slow 4G, 4× CPU slowdown). Each "
             "page served with gzip, and plain (files as on disk, no compression).", "",
             "| page | performance (gzip / plain) | LCP plain (s) | accessibility | "
             "best practices | SEO |", "|---|---|---|---|---|---|"]
    for name, rows in results.items():
        gz, bare = rows["gzip"], rows["plain"]
        worst = {c: min(gz[c], bare[c]) for c in CATEGORIES}
        lines.append(f"| {name} | {gz['performance']} / {bare['performance']} | "
                     f"{bare['lcp_s']} | {worst['accessibility']} | "
                     f"{worst['best-practices']} | {worst['seo']} |")
    (HERE / "lighthouse.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
