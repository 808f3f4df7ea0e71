"""Writing campaign text into Markdown safely: escaped, linked, with front matter."""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable, Mapping

# Campaign text is content, never markup: every character that Python-Markdown or its
# extensions (tables, attr_list, footnotes, abbr) would read as syntax is neutralised.
_ESCAPES = str.maketrans({
    "\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]",
    "{": "\\{", "}": "\\}", "#": "\\#", "|": "\\|", "!": "\\!",
    "<": "&lt;", ">": "&gt;", "&": "&amp;",
})
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=:])")
_SPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """Markdown that renders exactly ``text``, as one line, whatever characters it holds."""
    flat = _SPACE.sub(" ", text).strip().translate(_ESCAPES)
    # A mark opening a line (a list's '-', a definition's ':', a heading's '=') is written as
    # its character reference: a backslash before '=' or ':' is no escape to Python-Markdown
    # and would show.
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"&#{ord(m[3])};", flat)


def table_rows(text: str) -> list[list[str]] | None:
    """The cells of a Markdown table (header row, ``| --- |`` row, rows), or None when
    ``text`` is not one. Documents imported from Word keep their tables this way."""
    lines = text.strip().split("\n")
    if len(lines) < 2 or not all(line.startswith("|") for line in lines) or \
            not _RULE_ROW.match(lines[1]):
        return None
    return [[cell.replace("\\|", "|").strip() for cell in _CELL.split(line.strip().strip("|"))]
            for i, line in enumerate(lines) if i != 1]


def table(rows: list[list[str]], cell: Callable[[str], str] = escape) -> list[str]:
    """A Markdown table of ``rows`` (the first is the header), each cell written by ``cell``."""
    width = max(len(row) for row in rows)
    out = ["| " + " | ".join([cell(c) if c else " " for c in row] + [" "] * (width - len(row)))
           + " |" for row in rows]
    return [out[0], "|" + " --- |" * width, *out[1:]]


_RULE_ROW = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_CELL = re.compile(r"(?<!\\)\|")


def link(label_md: str, target: str, from_page: str) -> str:
    """A Markdown link from page ``from_page`` to ``target`` (both docs-relative ``.md`` paths)."""
    return f"[{label_md}]({relative(target, from_page)})"


def relative(target: str, from_page: str) -> str:
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    return f"{rel}#{anchor}" if anchor else rel


def front_matter(meta: Mapping[str, str]) -> str:
    """YAML front matter block, safe for any text.

    Values go through the YAML emitter, and are HTML-escaped because MkDocs and Material
    insert page titles and descriptions into HTML (navigation, meta tags) without escaping.
    """
    lines = [f"{key}: {_yaml_string(html.escape(value, quote=True))}"
             for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _yaml_string(value: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is YAML's, and it is much faster to
    write than running the YAML emitter for every page. Characters YAML reads as line breaks
    are escaped too."""
    quoted = json.dumps(value, ensure_ascii=False)
    return quoted.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace(
        "\x85", "\\x85")
