"""Paragraphs of a Word document (.docx), in the order Word shows them.

Word keeps automatic numbering apart from the text ("1.", "a)" are drawn, not typed): the
numbers are worked out here from the document's numbering definitions and put back in front
of each paragraph. Tables (the two-column letterhead, the recipients beside the signature)
are read cell by cell; footnotes become ``[^1]`` marks with their text at the end; pictures are
kept as pictures.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.errors import Problem, UserError
from generator.importer.limits import (
    MAX_UNPACKED_BYTES,
    MAX_XML_BYTES,
    Budget,
    refused,
    size,
)
from generator.importer.paragraphs import Para, is_layout, markdown_table, missing_extra
from generator.vi import amount, raised

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Runs sit in the paragraph or in these wrappers; a text box's runs (inside a drawing) do not.
_RUN_WRAPPERS = {f"{_W}{tag}" for tag in ("hyperlink", "ins", "smartTag", "fldSimple",
                                          "customXml", "sdt", "sdtContent")}
_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_MAX_PARTS = 10_000
# A picture keeps its part's suffix when it is a suffix ("image1.png"), not any text a part's
# name may end with.
_SUFFIX = re.compile(r"\.[a-z0-9]{1,5}")


def word_paragraphs(path: Path, raw: bytes, budget: Budget) -> list[Para]:
    try:
        import docx
    except ImportError:
        raise missing_extra(path, "python-docx") from None
    try:
        _check_package(path, raw)
        document = docx.Document(io.BytesIO(raw))
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001  # a damaged zip or XML raises many kinds
        raise UserError([Problem(path, 1, 1, f"không mở được tệp Word ({type(exc).__name__}); "
                                             "tệp hỏng, hoặc là tệp .doc cũ đổi tên")]) from None
    reader = _Reader(document, budget)
    reader.blocks(document.element.body)
    reader.footnotes()
    return reader.paras


def _check_package(path: Path, raw: bytes) -> None:
    """A Word file is a zip of parts: what each part unzips to is written in the zip's
    directory, and Python's zip reader never unzips a part past it. Checked here, before
    python-docx unzips anything."""
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        parts = package.infolist()
        if len(parts) > _MAX_PARTS:
            raise refused(path, f"hơn {amount(_MAX_PARTS)} phần trong tệp Word")
        unpacked = 0
        for part in parts:
            unpacked += part.file_size
            if part.filename.endswith((".xml", ".rels")) and part.file_size > MAX_XML_BYTES:
                raise refused(path, f"phần {part.filename[-60:]} mở ra hơn {size(MAX_XML_BYTES)}")
            if unpacked > MAX_UNPACKED_BYTES:
                raise refused(path, f"mở ra hơn {size(MAX_UNPACKED_BYTES)}",
                              "hãy thu nhỏ hoặc bỏ bớt hình trong văn bản rồi nhập lại")


class _Reader:
    def __init__(self, document: Any, budget: Budget) -> None:
        self.document = document
        self.budget = budget
        self.paras: list[Para] = []
        self.count = 0
        self.levels = _numbering(document)
        self.counters: dict[str, list[int]] = defaultdict(lambda: [0] * 9)
        self.started: set[str] = set()
        self.styles = {s.style_id: s for s in document.styles}

    def blocks(self, parent: Any) -> None:
        """Paragraphs and tables in order; a content control's (w:sdt) are read in place."""
        for element in parent.iterchildren():
            if element.tag == f"{_W}p":
                self.paragraph(element)
            elif element.tag == f"{_W}tbl":
                self.table(element)
            elif element.tag == f"{_W}sdt":
                content = element.find(f"{_W}sdtContent")
                if content is not None:
                    self.blocks(content)

    def paragraph(self, p: Any) -> None:
        self.count += 1
        texts: list[str] = []
        bold: list[bool] = []
        boxes: list[Any] = []  # text boxes drawn in the paragraph: read after it
        for run in _runs(p):
            props = run.find(f"{_W}rPr")
            for child in run:
                if child.tag == f"{_W}t" and child.text:
                    text = child.text
                    if _is(props, "vertAlign", "superscript") and text.strip().isdigit():
                        text = raised(text.strip())
                    texts.append(text)
                    bold.append(_is(props, "b") or self._style_bold(p))
                elif child.tag == f"{_W}tab":
                    texts.append(" ")
                elif child.tag in (f"{_W}br", f"{_W}cr"):
                    texts.append("\n")  # a line break inside the paragraph: a line of its own
                elif child.tag == f"{_W}footnoteReference":
                    texts.append(f"[^{child.get(f'{_W}id')}]")
                elif child.tag == f"{_W}drawing":
                    self.picture(child)
                    boxes += child.iter(f"{_W}txbxContent")
                elif child.tag == f"{_MC}AlternateContent":
                    # Word writes a drawing twice (new and old form): read the new one only.
                    choice = child.find(f"{_MC}Choice")
                    for drawing in choice.iter(f"{_W}drawing") if choice is not None else ():
                        self.picture(drawing)
                        boxes += drawing.iter(f"{_W}txbxContent")
        lines = [line.strip() for line in "".join(texts).split("\n") if line.strip()]
        for line in lines:
            self.budget.text(line)
        if lines:
            label = self.number(p)
            if label:
                lines[0] = f"{label} {lines[0]}"
            self.paras += [Para(line, self.count, bold=bool(bold) and all(bold))
                           for line in lines]
        for box in boxes:
            self.blocks(box)

    def table(self, table: Any) -> None:
        """A layout table (the two-column letterhead, the recipients beside the signature) is
        read cell by cell, as the document reads; any other table is kept as a table."""
        rows = [[cell for cell in row.iterchildren(f"{_W}tc")]
                for row in table.iterchildren(f"{_W}tr")]
        if is_layout([[_cell_text(c) for c in row] for row in rows], bool(self.paras)):
            for row in rows:
                for cell in row:
                    self.blocks(cell)
            return
        start = len(self.paras)
        cells: list[list[str]] = []
        pictures: list[Para] = []
        for row in rows:
            cells.append([])
            for cell in row:
                before = len(self.paras)
                self.blocks(cell)
                read = self.paras[before:]
                cells[-1].append(" ".join(p.text for p in read if p.image is None))
                pictures += [p for p in read if p.image is not None]
                del self.paras[before:]
                span = _val(cell.find(f"{_W}tcPr/{_W}gridSpan"))
                cells[-1] += [""] * (int(span or 1) - 1)
        del self.paras[start:]
        self.count += 1
        self.paras.append(Para(markdown_table(cells), self.count, table=True))
        self.paras += pictures  # a picture in a cell: kept, after its table

    def number(self, p: Any) -> str:
        """The label Word draws in front of a numbered paragraph: '1.', '2.1.', 'a)', '-'."""
        props = p.find(f"{_W}pPr")
        num = props.find(f"{_W}numPr") if props is not None else None
        if num is None:
            style = props.find(f"{_W}pStyle") if props is not None else None
            found = self.styles.get(style.get(f"{_W}val")) if style is not None else None
            element = getattr(found, "element", None)
            style_props = element.find(f"{_W}pPr") if element is not None else None
            num = style_props.find(f"{_W}numPr") if style_props is not None else None
        if num is None:
            return ""
        num_id = _val(num.find(f"{_W}numId")) or ""
        level = int(_val(num.find(f"{_W}ilvl")) or 0)
        abstract, definition, overrides = self.levels.get(num_id, ("", {}, {}))
        if level not in definition:
            return ""
        # Lists sharing a definition count on together, unless a list restarts its count.
        counters = self.counters[abstract]
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - definition.get(lvl, ("", "", 1))[2]
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = definition[level]
        if fmt == "bullet":
            return "-"
        label = text
        for lvl in range(level + 1):
            lvl_fmt, _, start = definition.get(lvl, ("decimal", "", 1))
            value = counters[lvl] + start - 1 if lvl == level else max(counters[lvl], 1) \
                + start - 1
            label = label.replace(f"%{lvl + 1}", _format(value, lvl_fmt))
        return label.strip()

    def picture(self, drawing: Any) -> None:
        blip = next(drawing.iter(f"{_A}blip"), None)
        rel = blip.get(f"{_R}embed") if blip is not None else None
        part = self.document.part.related_parts.get(rel) if rel else None
        if part is not None:
            self.budget.picture(len(part.blob))
            suffix = Path(str(part.partname)).suffix.lower()
            suffix = suffix if _SUFFIX.fullmatch(suffix) else ".bin"
            self.paras.append(Para(suffix, self.count, image=part.blob))

    def footnotes(self) -> None:
        """Footnote texts at the end, as ``[^1]: …`` lines."""
        for rel in self.document.part.rels.values():
            if not rel.reltype.endswith("/footnotes"):
                continue
            from docx.oxml.parser import parse_xml

            root = parse_xml(rel.target_part.blob)
            for note in root.iter(f"{_W}footnote"):
                if note.get(f"{_W}type") in ("separator", "continuationSeparator"):
                    continue
                text = "".join(t.text or "" for t in note.iter(f"{_W}t")).strip()
                if text:
                    self.budget.text(text)
                    self.count += 1
                    self.paras.append(Para(f"[^{note.get(f'{_W}id')}]: {text}", self.count))

    def _style_bold(self, p: Any) -> bool:
        props = p.find(f"{_W}pPr")
        style = props.find(f"{_W}pStyle") if props is not None else None
        found = self.styles.get(style.get(f"{_W}val")) if style is not None else None
        return found is not None and getattr(found, "font", None) is not None \
            and found.font.bold is True


Levels = dict[int, tuple[str, str, int]]


def _numbering(document: Any) -> dict[str, tuple[str, Levels, dict[int, int]]]:
    """numId → (its definition's id, level → (format, label pattern such as '%1.', start),
    the levels the list restarts at another number: level → start)."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, Levels] = {}
    for item in root.iter(f"{_W}abstractNum"):
        levels = {}
        for lvl in item.iter(f"{_W}lvl"):
            levels[int(lvl.get(f"{_W}ilvl"))] = (
                _val(lvl.find(f"{_W}numFmt")) or "decimal", _val(lvl.find(f"{_W}lvlText")) or "",
                int(_val(lvl.find(f"{_W}start")) or 1))
        abstract[item.get(f"{_W}abstractNumId")] = levels
    result = {}
    for num in root.iter(f"{_W}num"):
        ref = _val(num.find(f"{_W}abstractNumId"))
        if ref in abstract:
            overrides = {int(o.get(f"{_W}ilvl")): int(_val(start) or 1)
                         for o in num.iter(f"{_W}lvlOverride")
                         if (start := o.find(f"{_W}startOverride")) is not None}
            result[num.get(f"{_W}numId")] = (ref, abstract[ref], overrides)
    return result


def _runs(parent: Any) -> Iterator[Any]:
    for child in parent.iterchildren():
        if child.tag == f"{_W}r":
            yield child
        elif child.tag in _RUN_WRAPPERS:
            yield from _runs(child)


def _cell_text(cell: Any) -> str:
    return " ".join(t.text or "" for t in cell.iter(f"{_W}t"))


def _val(element: Any) -> str | None:
    return None if element is None else element.get(f"{_W}val")


def _is(props: Any, name: str, value: str | None = None) -> bool:
    found = props.find(f"{_W}{name}") if props is not None else None
    if found is None:
        return False
    got = str(found.get(f"{_W}val"))
    if value is not None:
        return got == value
    return got not in ("0", "false")


def _format(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26]
    if fmt == "upperLetter":
        return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(value - 1) % 26]
    if fmt in ("upperRoman", "lowerRoman"):
        out, rest = "", value
        for amount, letters in _ROMAN:
            while rest >= amount:
                out, rest = out + letters, rest - amount
        return out if fmt == "upperRoman" else out.lower()
    return str(value)
