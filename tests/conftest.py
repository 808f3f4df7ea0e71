"""Shared fixtures: a throwaway copy of the project, and running the real ``campaign`` command."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import CHROMIUM_ARGS, chromium_path, serve
from playwright.sync_api import Browser, sync_playwright

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "campaigns" / "cchc-ha-noi-2021.md"
# The same campaign in the YAML form (tests/test_convert.py holds the two equal).
SAMPLE_YAML = REPO / "tests" / "data" / "cchc-ha-noi-2021.yml"


# The slowest files, slowest first (measured with --durations on two cores). pytest-xdist
# hands out whole files (--dist loadfile) in the order collected (--no-loadscope-reorder: not
# by their number of tests): a slow file handed out last keeps one process busy while the
# other has nothing left, while started first it runs beside the many quick files.
SLOWEST_FILES = ("test_reliability.py", "test_spine.py", "test_hostile.py", "test_import.py",
                 "test_generated.py", "test_studio_browser.py", "test_site.py",
                 "test_import_corpus.py", "test_serve.py", "test_export.py", "test_fuzz.py",
                 "test_cluster.py", "test_contact.py", "test_fuzz_import.py", "test_checked.py",
                 "test_posters.py", "test_units.py", "test_quality.py", "test_print.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slowest files first; the others, and each file's tests, in their own order."""
    rank = {name: i for i, name in enumerate(SLOWEST_FILES)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class Project:
    root: Path

    @property
    def campaign(self) -> Path:
        """The sample campaign's file, in whichever form this copy holds."""
        folder = self.root / "campaigns"
        markdown = folder / "cchc-ha-noi-2021.md"
        return markdown if markdown.is_file() else folder / "cchc-ha-noi-2021.yml"

    def edit(self, old: str, new: str) -> None:
        """Replace the first ``old`` in the sample campaign file, which must hold it."""
        text = self.campaign.read_text(encoding="utf-8")
        assert old in text, old
        self.campaign.write_text(text.replace(old, new, 1), encoding="utf-8")

    def line(self, needle: str) -> int:
        """The 1-based number of the first line of the campaign file holding ``needle``."""
        lines = self.campaign.read_text(encoding="utf-8").splitlines()
        return next(i for i, text in enumerate(lines, start=1) if needle in text)

    def run(self, *args: str | Path) -> Result:
        """The real console entry point in a child process, as a communicator would run it."""
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        proc = subprocess.run([sys.executable, "-m", "generator", *map(str, args)],
                              cwd=self.root, capture_output=True, text=True, env=env,
                              timeout=300, check=False)
        return Result(proc.returncode, proc.stdout, proc.stderr)


def copy_project(target: Path, cache: Path | None = None, *, form: str = "md") -> Project:
    """A copy of the project; with ``form="yml"`` its sample campaign is the YAML form."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("campaigns", "docs", "schema", "overrides"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    if form == "yml":
        (target / "campaigns" / SAMPLE.name).unlink()
        shutil.copy2(SAMPLE_YAML, target / "campaigns" / SAMPLE_YAML.name)
    if cache is not None:
        shutil.copytree(cache, target / ".cache")
    return Project(target)


def shared(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made once for the whole run by whichever test process asks first: pytest-xdist
    runs the tests in several processes, and each would otherwise make its own (a build, the
    sample's posters) at the same time. Only ever read once made."""
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, which its workers share
    folder = base / f"shared-{name}"
    with (base / f"shared-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".made").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".made").touch()
    return folder


def _draw_posters(folder: Path) -> None:
    seed = copy_project(folder / "project")
    result = seed.run("posters", "campaigns/cchc-ha-noi-2021.md", "--out", "out")
    assert result.code == 0, result.err
    # The loudspeaker reads' recordings too: every build of the sample would speak them anew.
    from generator.campaign.load import load_campaign
    from generator.content.messages import short_code
    from generator.pipeline.outreach import outreach_files
    from generator.printing.speech import recorder

    campaign = load_campaign(seed.root / "campaigns" / "cchc-ha-noi-2021.md", seed.root)
    outreach_files(campaign, None, "x.png", short_code(campaign.id),
                   seed.root / ".cache" / "outreach" / campaign.id, recorder())


@pytest.fixture(scope="session")
def poster_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's posters rendered once; projects start with a copy of this cache, as a
    communicator's checkout would after its first build. Content hashes keep it honest: any
    poster a test changes is drawn again."""
    return shared(tmp_path_factory, "posters", _draw_posters) / "project" / ".cache"


@pytest.fixture
def project(tmp_path: Path, poster_cache: Path) -> Project:
    return copy_project(tmp_path / "project", poster_cache)


@pytest.fixture
def yaml_project(tmp_path: Path, poster_cache: Path) -> Project:
    """The project with its sample campaign written in the YAML form."""
    return copy_project(tmp_path / "project", poster_cache, form="yml")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, poster_cache: Path) -> Path:
    """The sample project built once by ``campaign build`` (real MkDocs, strict)."""
    def build(folder: Path) -> None:
        proj = copy_project(folder / "project", poster_cache)
        result = proj.run("build")
        assert result.code == 0, result.err
        (proj.root / "build.log").write_text(result.out + result.err, encoding="utf-8")

    return shared(tmp_path_factory, "site", build) / "project" / "site"


@pytest.fixture(scope="session")
def many_campaigns(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Eight synthetic campaigns beside the sample (bench/synthetic.py), built once by
    ``campaign build``: the menu tests of the site and of the export read the same project
    (a test that changes it works on a copy)."""
    def build(folder: Path) -> None:
        from bench.synthetic import write_project

        proj = Project(write_project(folder / "project", 8))
        result = proj.run("build")
        assert result.code == 0, result.err

    return Project(shared(tmp_path_factory, "many-campaigns", build) / "project")


class _Text(HTMLParser):
    """Visible text of an HTML page's article, whitespace folded."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


_BLOCKS = {"p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "div", "td", "th", "tr",
           "table", "br", "section", "article", "nav", "header", "footer", "blockquote", "details",
           "summary", "dt", "dd", "title", "label", "sup"}


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def site_text(site: Path) -> str:
    """All visible text of the built site, for 'does this sentence reach a reader' checks."""
    return " ".join(page_text(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html")))


class Menu(HTMLParser):
    """The primary menu's top-level entries (their text), and its links by their text."""

    def __init__(self) -> None:
        super().__init__()
        self.top: list[str] = []
        self.links: dict[str, str] = {}
        self._depth = 0  # <ul> levels open inside the primary menu; 0 outside it
        self._in_menu = False
        self._text: list[str] | None = None
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "nav" and "md-nav--primary" in (values.get("class") or ""):
            self._in_menu = True
        elif self._in_menu and tag == "ul":
            self._depth += 1
        elif self._in_menu and tag == "a" and (href := values.get("href")) is not None:
            self._text, self._href = [], href

    def handle_endtag(self, tag: str) -> None:
        if self._in_menu and tag == "ul":
            self._depth -= 1
            self._in_menu = self._depth > 0
        elif tag == "a" and self._text is not None:
            text = " ".join("".join(self._text).split())
            if text:
                self.links.setdefault(text, self._href)
                if self._depth == 1 and text not in self.top:
                    self.top.append(text)
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def menu_of(page: Path) -> Menu:
    menu = Menu()
    menu.feed(page.read_text(encoding="utf-8"))
    return menu


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (never a browser Playwright downloads)."""
    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built sample site on a loopback HTTP server."""
    with serve(built_site) as url:
        yield url
