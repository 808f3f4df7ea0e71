"""The theme's stylesheets cut down to the rules the built site can use.

Material's stylesheets (150 KB, most of it for features and palettes a campaign site never
shows) hold back a page's first paint until they have arrived: on a phone's slow line, from a
server that does not compress, that is most of a second on every page. After the site is
built, each theme stylesheet loses the selectors that need a class no page has and no script
of the site can add; what is left is written under a name of its own content hash (a server
that caches the theme's files for a year must not serve a cut of another build), and the
pages are pointed to it.

A selector is dropped only when it names a class that is in no page's ``class`` attribute and
in no script of the site (scripts add classes by name: ``md-header--shadow``). Classes inside
``:not()``, ``:is()`` and the like never drop a selector. The content's classes come from the
built pages themselves, so whatever a communicator writes in Markdown keeps its styles.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from tinycss2.ast import Node

from generator.atomic import write_bytes
from generator.memo import Entry, key

# The theme's own stylesheets, fingerprinted by the theme: main.57a0d79d.min.css.
THEME_STYLESHEET = re.compile(r"^(main|palette)\.[0-9a-f]{8}\.min\.css$")
STYLESHEETS_FOLDER = Path("assets") / "stylesheets"
# The cuts made before, in the project's cache folder.
STYLESHEETS_CACHE = "stylesheets"
# Quoted or not (raw HTML in Markdown: <p class=note>). Starting with the literal word makes
# the search three times faster; a "subclass=" in a page's text only keeps more rules.
_CLASS_ATTRIBUTE = re.compile(rb"""class\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_SCRIPT_WORD = re.compile(rb"[A-Za-z_][\w-]*")
# Classes a script puts together from a prefix (`md-tooltip2--${side}`): a word of a script
# ending in one of these keeps every class it begins.
_PREFIX_ENDINGS = (b"-", b"_")


@dataclass(frozen=True)
class SlimStylesheets:
    files: int
    bytes_before: int
    bytes_after: int
    seconds: float


@dataclass(frozen=True)
class UsedClasses:
    classes: frozenset[str]
    prefixes: tuple[str, ...]

    def has(self, name: str) -> bool:
        return name in self.classes or name.startswith(self.prefixes)


def slim_stylesheets(site_dir: Path, cache_dir: Path | None = None) -> SlimStylesheets:
    """Cut the theme stylesheets of the site built in ``site_dir`` to the rules its pages and
    scripts can use, and point every page to the cut. With ``cache_dir``, a cut made before
    for the same stylesheet and classes is taken from there (parsing costs 0.2 s a build)."""
    start = time.perf_counter()
    folder = site_dir / STYLESHEETS_FOLDER
    # Zensical keeps two designs' stylesheets in folders of their own (classic/, modern/).
    originals = sorted(p for p in folder.rglob("*.min.css") if THEME_STYLESHEET.match(p.name))
    if not originals:
        return SlimStylesheets(0, 0, 0, time.perf_counter() - start)
    pages = sorted(site_dir.rglob("*.html"))
    used = _used(pages, _scripts(site_dir))
    renamed: dict[Path, Path] = {}
    before = after = 0
    for original in originals:
        css = original.read_bytes()
        stem = original.name.split(".", 1)[0]
        slim = _cut(css, used, cache_dir / stem if cache_dir else None)
        cut = original.with_name(f"{stem}.{hashlib.sha256(slim).hexdigest()[:8]}.min.css")
        before, after = before + len(css), after + len(slim)
        if cut != original:  # not already cut (campaign index run twice)
            write_bytes(cut, slim)
            renamed[original] = cut
    for page in pages:
        html = page.read_bytes()
        changed = html
        for old, new in renamed.items():
            changed = changed.replace(f'/{old.name}"'.encode(), f'/{new.name}"'.encode())
        if changed != html:
            write_bytes(page, changed)
    for original in renamed:  # no page names them any more; nor their source maps
        original.unlink()
        original.with_name(original.name + ".map").unlink(missing_ok=True)
    return SlimStylesheets(len(originals), before, after, time.perf_counter() - start)


def _cut(css: bytes, used: UsedClasses, entry_stem: Path | None) -> bytes:
    """The cut of ``css``, from the cache entry of the same stylesheet and classes if any.
    One entry per stylesheet is kept: a new one replaces the last."""
    if entry_stem is None:
        return slim_css(css.decode("utf-8"), used).encode("utf-8")
    entry = Entry(entry_stem.with_name(f"{entry_stem.name}.json"),
                  key("stylesheet", hashlib.sha256(css).hexdigest(), sorted(used.classes),
                      used.prefixes))
    slim = entry.recall()
    if not isinstance(slim, str):
        slim = slim_css(css.decode("utf-8"), used)
        entry.keep(slim)
    return slim.encode("utf-8")


def slim_css(css: str, used: UsedClasses) -> str:
    """``css`` without the selectors that need a class ``used`` lacks, nor the rules left
    with no selector."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_kept(rules, used))


def _kept(rules: Iterable[Node], used: UsedClasses) -> Iterator[str]:
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _selectors(rule.prelude) if _may_match(s, used)]
            if selectors:
                yield (",".join(tinycss2.serialize(s).strip() for s in selectors)
                       + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") \
                and rule.content is not None:
            inner = "".join(_kept(tinycss2.parse_rule_list(
                rule.content, skip_comments=True, skip_whitespace=True), used))
            if inner:
                yield f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}"
        elif rule.type != "error":
            yield rule.serialize()


def _selectors(prelude: list[Node]) -> Iterator[list[Node]]:
    """A rule's selectors: split at its own commas, never at those inside ``:is(…)``."""
    current: list[Node] = []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            yield current
            current = []
        else:
            current.append(token)
    yield current


def _may_match(selector: list[Node], used: UsedClasses) -> bool:
    """False when the selector needs a class that ``used`` lacks. Function blocks
    (``:not(.x)``, ``:is(.x, .y)``) are not looked into: they never make it false."""
    for dot, name in itertools.pairwise(selector):
        if dot.type == "literal" and dot.value == "." and name.type == "ident" \
                and not used.has(name.value):
            return False
    return True


# Scripts that never touch a page: the search index's, and the theme's lunr languages (1 MB,
# for the lunr search this site does not use) and web workers (no document to touch).
_NOT_ON_PAGES = (("pagefind",), ("assets", "javascripts", "lunr"),
                 ("assets", "javascripts", "workers"))


def _scripts(site_dir: Path) -> list[Path]:
    """The site's scripts that may add classes to a page."""
    return [p for p in site_dir.rglob("*.js")
            if not any(p.relative_to(site_dir).parts[:len(f)] == f for f in _NOT_ON_PAGES)]


def _used(pages: Iterable[Path], scripts: Iterable[Path]) -> UsedClasses:
    classes: set[bytes] = set()
    for page in pages:
        for double, single, bare in _CLASS_ATTRIBUTE.findall(page.read_bytes()):
            classes.update((double or single or bare).split())
    words: set[bytes] = set()
    for script in scripts:
        words.update(_SCRIPT_WORD.findall(script.read_bytes()))
    prefixes = tuple(sorted(w.decode() for w in words if w.endswith(_PREFIX_ENDINGS)))
    names = frozenset(c.decode("utf-8", "replace") for c in classes | words)
    return UsedClasses(names, prefixes)
