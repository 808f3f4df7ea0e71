"""Search at 1, 10 and 100 campaigns: what a phone downloads before its first result, the index
on disk, and indexing time as a share of the build; Pagefind (now) against Material's lunr
search with the folded copies this project added to its index (before), on the same sites.

    .venv/bin/python -m bench.search                 # writes bench/search.md (about 6 minutes)
    .venv/bin/python -m bench.search --sizes 1,10    # prints only

For each size, a synthetic project (``bench.synthetic``) is built by ``campaign build``; then
the same project, posters cached, with Material's search plugin and Material's own header, its
index given the folded title and text fields as the plugin did before (the code is kept here
as the baseline). Both sites are served from disk without compression and opened in Debian's
Chromium on a phone-sized page; the search is opened and ``cai cach hanh chinh`` typed. *Before
the first result* counts the body bytes of every response from opening the search to the
first result shown, as sent (uncompressed) and as gzip would send each file (a server with
compression); only the search's own files count (Material's worker, lunr and whole index,
which it fetches as the page loads; Pagefind's script, WebAssembly, entry files, the index
chunks of the query's words and the fragments of the results shown). *Indexing* is Pagefind's
time from the build's log line over the whole
``campaign build --force``.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bench.common import CAMPAIGN, CHROMIUM_ARGS, ROOT, run, serve_plain
from bench.synthetic import write_project

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

OUT = ROOT / "bench" / "search.md"
RESULTS = ROOT / "bench" / "search.json"
QUERY = "cai cach hanh chinh"
PHONE: ViewportSize = {"width": 412, "height": 860}


def _fold(text: str) -> str:
    from generator.vi import fold

    return fold(html.unescape(re.sub(r"<[^>]+>", " ", text)))


def folded_material_index(site: Path) -> None:
    """Material's index with folded copies of every title and text: the search before."""
    path = site / "search" / "search_index.json"
    index: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    index["config"]["fields"].update({"title_ascii": {"boost": 1000.0},
                                      "text_ascii": {"boost": 1.0}})
    for doc in index["docs"]:
        doc["title_ascii"] = _fold(doc.get("title", ""))
        doc["text_ascii"] = _fold(doc.get("text", ""))
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")


def material_project(source: Path, target: Path) -> Path:
    """The same project with Material's search plugin and Material's own header."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("site", ".site.*"))
    (target / "overrides" / "partials" / "header.html").unlink()
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("plugins:\n", "plugins:\n  - search:\n      lang: vi\n", 1),
                      encoding="utf-8")
    return target


# What each search fetches: Pagefind's bundle; Material's worker, lunr and the whole index.
SEARCH_FILES = {False: ("/pagefind/",), True: ("/search/search_index.json", "/workers/search",
                                              "/lunr/")}


def first_result_bytes(site: Path, material: bool) -> dict[str, Any]:
    """Open the home page, then the search, type the query: the search's own responses until
    the first result is shown (Material fetches its index as the page loads, Pagefind only
    what the query needs once the box is open), their bytes as sent and gzipped."""
    from playwright.sync_api import sync_playwright

    fetched: list[tuple[str, int]] = []
    with serve_plain(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=PHONE)
        page.on("requestfinished",
                lambda r: fetched.append((r.url, r.sizes()["responseBodySize"])))
        page.goto(url, wait_until="networkidle")
        start = time.perf_counter()
        if material:
            page.locator("label[for='__search']").first.click()
            page.locator("input.md-search__input").type(QUERY, delay=10)
            page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
        else:
            page.locator(".tk__mo").click()
            page.locator("#tk-o").type(QUERY, delay=10)
            page.locator("[data-tk-kq] li").first.wait_for(timeout=120_000)
        seconds = time.perf_counter() - start
        browser.close()
    searched = [(u, size) for u, size in fetched
                if any(part in urlsplit(u).path for part in SEARCH_FILES[material])]
    files = [site / urlsplit(u).path.lstrip("/") for u, _ in searched]
    return {"requests": len(searched), "bytes": sum(size for _, size in searched),
            "gzip_bytes": sum(len(gzip.compress(p.read_bytes())) for p in files if p.is_file()),
            "seconds": round(seconds, 2)}


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() \
        else path.stat().st_size


def measure(campaigns: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_project(Path(tmp) / "now", campaigns)
        run([*CAMPAIGN, "build"], root)
        forced, log = run([*CAMPAIGN, "-v", "build", "--force"], root)
        [(pages, seconds)] = re.findall(
            r"tìm kiếm: (\d+) trang, chỉ mục [\d.]+ MB, ([\d.]+) s", log)
        now = first_result_bytes(root / "site", material=False)
        before_root = material_project(root, Path(tmp) / "before")
        run([*CAMPAIGN, "build"], before_root)
        folded_material_index(before_root / "site")
        before = first_result_bytes(before_root / "site", material=True)
        row = {"campaigns": campaigns, "pages": int(pages),
               "pagefind": {**now, "index_bytes": _size(root / "site" / "pagefind")},
               "material": {**before, "index_bytes": _size(before_root / "site" / "search"
                                                            / "search_index.json")},
               "indexing_s": float(seconds), "build_s": round(forced, 2),
               "indexing_share": round(float(seconds) / forced, 3)}
    print(row, flush=True)
    return row


def _mb(value: int) -> str:
    return f"{value / 1e6:.2f}"


def report(rows: list[dict[str, Any]]) -> str:
    lines = [
        "# Search: Pagefind against Material's folded lunr index", "",
        "Written by `python -m bench.search` (method in its docstring). MB = 10⁶ bytes. *Before",
        "the first result*: the search's own files a phone downloads before its first result",
        f"for «{QUERY}» (Material: as the page loads; Pagefind: once the box is opened), as",
        "sent uncompressed (gzip in brackets). Target at 100 campaigns: under 0.5 MB.", "",
        "| campaigns | pages | Pagefind: before first result | Material: before first result "
        "| Pagefind index on disk | Material index on disk | indexing / build |",
        "|---|---|---|---|---|---|---|"]
    for r in rows:
        now, before = r["pagefind"], r["material"]
        lines.append(
            f"| {r['campaigns']} | {r['pages']} | {_mb(now['bytes'])} ({_mb(now['gzip_bytes'])}) "
            f"| {_mb(before['bytes'])} ({_mb(before['gzip_bytes'])}) "
            f"| {_mb(now['index_bytes'])} | {_mb(before['index_bytes'])} "
            f"| {r['indexing_s']} s / {r['build_s']} s = {r['indexing_share']:.1%} |")
    return "\n".join([*lines, ""])


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__)
    parser.add_argument("--sizes", default="1,10,100", help="numbers of campaigns")
    parser.add_argument("--report", action="store_true",
                        help="only write bench/search.md again from bench/search.json")
    args = parser.parse_args()
    if args.report:
        OUT.write_text(report(json.loads(RESULTS.read_text(encoding="utf-8"))),
                       encoding="utf-8")
        return 0
    rows = [measure(int(n)) for n in args.sizes.split(",")]
    text = report(rows)
    print(text)
    if args.sizes == parser.get_default("sizes"):
        OUT.write_text(text, encoding="utf-8")
        RESULTS.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
