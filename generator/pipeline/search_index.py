"""The site's search index: Pagefind run over the built HTML, whichever builder made it.

Pagefind splits the index into small chunks by word, so a phone loads only the chunks of the
words it searches for, never the whole index. It folds diacritics when it indexes (a query
with or without marks finds the same pages, exact marks ranked first), but "đ" is a letter of
its own to it: the search box (``docs/javascripts/tim-kiem.js``) searches "d" as "d" and as "đ".

The index goes into ``pagefind/`` inside the built site. ``campaign build`` and plain ``mkdocs
build`` index through the plugin after MkDocs has written the site; for Zensical, which runs no
plugin, ``campaign index SITE`` does it after ``zensical build``.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from generator.errors import EnvironmentProblem

INDEX_FOLDER = "pagefind"
# Not words of the page: heading anchors ("¶"), the blog's lists of other posts' openings,
# the theme's source-file note, the search box itself.
EXCLUDED = (".headerlink", ".md-post--excerpt", ".md-source-file", "[data-tim-kiem]")
# Pagefind's ready-made interfaces: the site has its own search box and never loads them.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js",
          "pagefind-component-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css")
TIMEOUT_SECONDS = 600
MISSING = ("không tìm thấy chương trình Pagefind để lập chỉ mục tìm kiếm; hãy cài lại công cụ "
           "(pip install -e .), gói pagefind[bin] đi kèm chương trình này")


@dataclass(frozen=True)
class SearchIndex:
    pages: int
    seconds: float
    bytes: int  # the index on disk, with Pagefind's scripts


def index_site(site_dir: Path) -> SearchIndex:
    """Index every page of the built site in ``site_dir`` into ``site_dir/pagefind/``."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None or not binary.is_file():
        raise EnvironmentProblem(None, MISSING)
    start = time.perf_counter()
    command = [str(binary), "--site", str(site_dir), "--output-subdir", INDEX_FOLDER,
               "--force-language", "vi", "--exclude-selectors", ", ".join(EXCLUDED)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,
                              check=False)
    except subprocess.TimeoutExpired:
        raise EnvironmentProblem(site_dir, (
            f"lập chỉ mục tìm kiếm quá {TIMEOUT_SECONDS // 60} phút; hãy chạy lại")) from None
    if done.returncode:
        said = " ".join((done.stderr or done.stdout).split())[-300:]
        raise EnvironmentProblem(site_dir, f"Pagefind không lập được chỉ mục tìm kiếm: {said}")
    folder = site_dir / INDEX_FOLDER
    for name in UNUSED:
        (folder / name).unlink(missing_ok=True)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    pages = next((int(line.split()[1]) for line in done.stdout.splitlines()
                  if line.strip().startswith("Indexed") and line.strip().endswith("pages")), 0)
    return SearchIndex(pages, time.perf_counter() - start, size)
