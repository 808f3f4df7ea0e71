"""The body of a Markdown campaign file as a tree of blocks, the way the document nests them.

Administrative documents number their parts ``I.`` (sections), ``1.``, ``2.1.``, ``a)``, then
bullets ``-`` and ``+``; the rank of a marker, not its indentation, says what it belongs to,
because text pasted from Word keeps the markers and loses the indentation. A paragraph
without a marker holds the bullets that follow it ("... tập trung một số nội dung:").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# "1.", "2.1.", "3)", "a)", "đ.", "-", "–", "+", "•", "*", each followed by a space.
_MARKER = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})*[.)])\s+|^(?P<letter>[a-zđ][).])\s+"
                     r"|^(?P<bullet>[-–+•*])\s+")
# "I. MỤC ĐÍCH, YÊU CẦU" pasted without '##' is still a section heading.
_ROMAN_HEADING = re.compile(r"^(?:[IVXL]{1,6})[.)]\s+\S")
# A footnote's text ("[^1]: ...") starts a block of its own, as in Markdown.
_NOTE = re.compile(r"^\[\^[\w-]+\]:")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BULLET_RANK = {"-": 4.0, "–": 4.0, "•": 4.0, "*": 4.0, "+": 5.0}


@dataclass
class Node:
    """One paragraph or list item: its text with the marker taken off, where it stands, and
    the items under it."""

    text: str
    line: int
    col: int
    marker: str = ""
    rank: float = 0.0
    lines: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    # Written with "{.doan-van}": text where it stands, never a slogan (markdownsource.py).
    plain: bool = False

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Heading:
    level: int
    text: str
    line: int
    col: int


@dataclass
class Part:
    """A heading and the blocks under it, up to the next heading of the same level."""

    heading: Heading | None
    nodes: list[Node] = field(default_factory=list)


@dataclass
class Body:
    title: list[Heading] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)


def parse_body(text: str, first_line: int) -> Body:
    """Split the body (which starts at line ``first_line`` of the file) into its title
    headings and its parts; a part's blocks form trees by marker rank."""
    text = _COMMENT.sub(lambda m: "\n" * m[0].count("\n"), text)
    body = Body()
    part = Part(None)
    body.parts.append(part)
    flat: list[Node] = []

    def close() -> None:
        part.nodes.extend(_nest(flat))
        flat.clear()

    for block in _blocks(text, first_line):
        if isinstance(block, Heading):
            if block.level == 1 and not any(p.nodes or p.heading for p in body.parts[1:]) \
                    and not part.nodes and not flat:
                body.title.append(block)
                continue
            if block.level <= 2:
                close()
                part = Part(block)
                body.parts.append(part)
                continue
            # A deeper heading ("### 2.1. Đợt 1") is an item of its part.
            node = _item(block.text, block.line, block.col, [block.text])
            node.rank = min(node.rank, float(block.level - 2)) if node.marker else \
                float(block.level - 2)
            flat.append(node)
            continue
        flat.append(block)
    close()
    return body


def _blocks(text: str, first_line: int) -> Iterator[Heading | Node]:
    current: list[tuple[int, str]] = []

    def flush() -> Iterator[Node]:
        if current:
            number, first = current[0]
            indent = len(first) - len(first.lstrip())
            lines = [line.strip() for _, line in current]
            # A table's rows stay rows (content/markdown.py writes them as a table).
            joint = "\n" if all(line.startswith("|") for line in lines) else " "
            node = _item(joint.join(lines), number, indent + 1, lines)
            if not node.marker and indent >= 2:
                node.rank = -1.0  # continuation of the item above
            current.clear()
            yield node

    for offset, raw in enumerate(text.split("\n")):
        number = first_line + offset
        line = raw.rstrip()
        stripped = line.strip()
        heading = _HEADING.match(stripped)
        if heading:
            yield from flush()
            yield Heading(len(heading[1]), heading[2], number, len(heading[1]) + 2)
            continue
        if not stripped:
            yield from flush()
            continue
        if (_MARKER.match(stripped) or _NOTE.match(stripped)) and current:
            yield from flush()
        if not current and _ROMAN_HEADING.match(stripped) and stripped.upper() == stripped:
            yield Heading(2, stripped, number, 1)
            continue
        current.append((number, line))
    yield from flush()


def _item(text: str, line: int, col: int, lines: list[str]) -> Node:
    match = _MARKER.match(text)
    if not match:
        return Node(text, line, col, lines=lines)
    marker = match[0].strip()
    if match["num"]:
        rank = float(len(match["num"][:-1].split(".")))  # "1." is 1, "2.1." is 2
    elif match["letter"]:
        rank = 3.0
    else:
        rank = _BULLET_RANK[match["bullet"]]
    return Node(text[match.end():], line, col + match.end(), marker, rank, lines)


def _nest(flat: list[Node]) -> list[Node]:
    """Trees from blocks in order: each goes under the nearest earlier block of lower rank; a
    plain paragraph holds bullets only, never numbered items."""
    roots: list[Node] = []
    stack: list[Node] = []
    for node in flat:
        if node.rank < 0 and stack:  # an indented paragraph continues the item above it
            node.rank = stack[-1].rank + 0.5
            stack[-1].children.append(node)
            continue
        node.rank = max(node.rank, 0.0)
        while stack and not _holds(stack[-1], node):
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _holds(parent: Node, child: Node) -> bool:
    if parent.rank == 0:
        return child.rank >= 4
    return parent.rank < child.rank
