"""What every reader makes of a received document, and the shaping stage takes: paragraphs in
reading order, tables as Markdown, and the tell of a table that only lays text out. The readers
import this module, never the shaping stage or the dispatch that calls them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problem, UserError
from generator.vi import fold


@dataclass
class Para:
    """One paragraph of the source as its reader found it."""

    text: str
    line: int  # where it starts in the source, for the report (FILE:LINE)
    bold: bool = False
    wrapped: bool = False  # a PDF line that runs to the right margin: the sentence goes on
    goes_on: bool = False  # a PDF line at the margin under a wrapped one: the same paragraph
    indented: bool = False  # a PDF line indented as a paragraph's first line: a new one
    image: bytes | None = None  # a picture, with ``text`` its file suffix
    table: bool = False  # ``text`` is a Markdown table, one row per line: written as it is


def is_layout(rows: list[list[str]], after_text: bool) -> bool:
    """Whether a table only lays text out side by side, as the letterhead (at the top, two
    columns) and the recipients beside the signature do, rather than holding data."""
    if max((len(row) for row in rows), default=0) > 2:
        return False
    words = fold(" ".join(cell for row in rows for cell in row)).lower()
    return not after_text or any(w in words for w in (
        "noi nhan", "cong hoa xa hoi", "dang cong san viet nam")) or bool(
        re.search(r"(?:^|\s)(?:tm|kt|k/t|tl|tuq)\.?\s", words))


def markdown_table(rows: list[list[str]]) -> str:
    """Rows of cells as a Markdown table, the first row its header."""
    width = max(len(row) for row in rows)

    def line(row: list[str]) -> str:
        cells = [" ".join(c.split()).replace("|", "\\|") for c in row]
        return "| " + " | ".join(cells + [""] * (width - len(cells))) + " |"

    return "\n".join([line(rows[0]), "|" + " --- |" * width, *(line(r) for r in rows[1:])])


def missing_extra(path: Path, package: str) -> UserError:
    return UserError([Problem(path, 1, 1, (
        f"cần gói {package} để đọc tệp này; hãy cài phần nhập văn bản: "
        ".venv/bin/pip install -e '.[import]'"))])
