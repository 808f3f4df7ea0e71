"""Reading a returned workbook (.xlsx, or its report sheet saved as .csv) into a grid of cell
values: hostile input, read within bounds checked before and while reading.

The workbook's parts are read here with the standard library's zip reader and defusedxml's
streaming parser rather than openpyxl's loader, which reads the whole workbook (styles,
theme, every sheet) into objects: 10 ms a file, where this reads the report sheet's first
rows in about 1 ms, so a country's thousands of reports are collected within a minute; and
every part it touches is bounded here (no DTD, reading stops past the rows a report has).

A returned file comes from anyone: it is refused in one line when it is larger than a report
can be, when its zip parts unpack to more than a report holds (a zip bomb), when its sheet
is larger than the template's, or when it cannot be read at all; never a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Problem, display_path
from generator.reports.workbook import META_SHEET, SHEET

KIB, MIB = 1024, 1024 * 1024
MAX_XLSX_BYTES = 5 * MIB
MAX_CSV_BYTES = 512 * KIB
MAX_ZIP_PARTS = 200
MAX_UNPACKED_BYTES = 40 * MIB
# A report's sheet has about 30 rows and 6 columns; a sheet declaring far more is not one.
MAX_ROWS, MAX_COLUMNS = 1000, 60
READ_ROWS, READ_COLUMNS = 200, 8
MAX_TEXT_CHARS = 5000
SUFFIXES = (".xlsx", ".csv")

Cell = tuple[int, int]  # row, column, 1-based


@dataclass(frozen=True, order=True)
class CellProblem(Problem):
    """A problem at a cell of a returned workbook: ``FILE:Sheet!E12: message``; one about
    the whole file has no cell and reads ``FILE: message``."""

    sheet: str = ""
    cell: str = ""

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.cell else ""
        return f"{display_path(self.path)}:{where}: {self.message}" if where else \
            f"{display_path(self.path)}: {self.message}"


def at(path: Path, cell: Cell, message: str) -> CellProblem:
    row, column = cell
    return CellProblem(path, row, column, message, SHEET, f"{_letters(column)}{row}")


def whole_file(path: Path, message: str) -> CellProblem:
    return CellProblem(path, 0, 0, message)


def _letters(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


class Refused(Exception):
    """The file cannot be read as a report; carries its one line."""

    def __init__(self, problem: CellProblem) -> None:
        self.problem = problem
        super().__init__(str(problem))


@dataclass
class Grid:
    """The report sheet's values by cell; ``unsaved`` are formula cells whose value was
    never computed and saved (a formula written by a program, not by a spreadsheet)."""

    values: dict[Cell, object] = field(default_factory=dict)
    unsaved: set[Cell] = field(default_factory=set)
    meta: dict[str, str] | None = None  # the hidden sheet, None when the file has none (CSV)


def read_grid(path: Path) -> tuple[Grid, bytes]:
    """The grid of ``path`` and the file's bytes; raises :class:`Refused`."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise Refused(whole_file(path, (
            "không phải tệp báo cáo (.xlsx hoặc .csv); hãy gửi lại tệp Excel đã nhận, "
            "lưu dạng .xlsx")))
    limit = MAX_XLSX_BYTES if suffix == ".xlsx" else MAX_CSV_BYTES
    try:
        if not path.is_file():
            raise Refused(whole_file(path, "không phải tệp thường; hãy chỉ tới tệp báo cáo"))
        if path.stat().st_size > limit:
            raise Refused(whole_file(path, (
                f"tệp lớn hơn {limit // KIB:,} KB, lớn hơn mọi báo cáo; hãy gửi lại đúng tệp "
                "biểu mẫu đã nhận").replace(",", ".")))
        with path.open("rb") as stream:
            content = stream.read(limit + 1)
    except OSError as exc:
        raise Refused(whole_file(path, f"không đọc được tệp ({exc.strerror or exc})")) \
            from None
    if len(content) > limit:  # it grew while being read
        raise Refused(whole_file(path, "tệp lớn hơn mọi báo cáo"))
    return (_xlsx(path, content) if suffix == ".xlsx" else _csv(path, content)), content


def _check_zip(path: Path, content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Refused(whole_file(path, (
            "không phải tệp Excel (.xlsx) đọc được; hãy mở bằng Excel hoặc LibreOffice, "
            "lưu lại dạng .xlsx rồi gửi"))) from None
    if len(parts) > MAX_ZIP_PARTS:
        raise Refused(whole_file(path, f"tệp có hơn {MAX_ZIP_PARTS} phần, không phải biểu "
                                       "mẫu báo cáo; hãy dùng đúng tệp đã nhận"))
    # The sizes a part declares bound what unpacking it gives (zipfile stops there).
    if sum(p.file_size for p in parts) > MAX_UNPACKED_BYTES:
        raise Refused(whole_file(path, (
            f"tệp giải nén ra hơn {MAX_UNPACKED_BYTES // MIB} MB (tệp nén bất thường), không "
            "phải biểu mẫu báo cáo; không đọc")))


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_RID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
# Number formats that show a date or a time (ECMA-376, 18.8.30), and a format code that does.
_DATE_FORMAT_IDS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
_DATE_CODE = re.compile(r"[dmyhs]", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
MAX_STRINGS = 100_000
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _parse(archive: zipfile.ZipFile, part: str) -> Iterator[tuple[str, Any]]:
    """(event, element) of one XML part; a DTD (entities that expand) is refused."""
    from defusedxml.ElementTree import iterparse

    with archive.open(part) as stream:
        yield from iterparse(stream, events=("start", "end"), forbid_dtd=True)


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name and the zip part holding it, in the workbook's order."""
    targets = {}
    for _, element in _parse(archive, "xl/_rels/workbook.xml.rels"):
        if element.tag == _RELS:
            target = element.get("Target", "")
            targets[element.get("Id")] = target.lstrip("/") if target.startswith("/") \
                else f"xl/{target}"
    return {element.get("name", ""): targets[element.get(_RID)]
            for event, element in _parse(archive, "xl/workbook.xml")
            if event == "end" and element.tag == f"{_MAIN}sheet"}


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings: list[str] = []
    for event, element in _parse(archive, "xl/sharedStrings.xml"):
        if event == "end" and element.tag == f"{_MAIN}si":
            strings.append(_rich_text(element))
            element.clear()
            if len(strings) > MAX_STRINGS:
                raise ValueError("too many strings")
    return strings


def _rich_text(element: Any) -> str:
    """A string item's text and runs, not the phonetic guide (rPh) some editors add."""
    parts = []
    for child in element:
        if child.tag == f"{_MAIN}t":
            parts.append(child.text or "")
        elif child.tag == f"{_MAIN}r":
            parts += [t.text or "" for t in child.iter(f"{_MAIN}t")]
    return "".join(parts)


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    """The cell styles whose number format shows a date or a time."""
    if "xl/styles.xml" not in archive.namelist():
        return set()
    codes: dict[int, str] = {}
    dated: set[int] = set()
    index, inside = 0, False
    for event, element in _parse(archive, "xl/styles.xml"):
        if element.tag == f"{_MAIN}numFmt" and event == "end":
            codes[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
        elif element.tag == f"{_MAIN}cellXfs":
            inside = event == "start"
        elif inside and event == "end" and element.tag == f"{_MAIN}xf":
            number = int(element.get("numFmtId", "0"))
            code = _QUOTED.sub("", codes.get(number, ""))
            if number in _DATE_FORMAT_IDS or (number in codes and _DATE_CODE.search(code)
                                              and "general" not in code.lower()):
                dated.add(index)
            index += 1
    return dated


def _value(element: Any, strings: list[str], dated: set[int]) -> tuple[object, bool]:
    """A cell's saved value, and whether it holds a formula."""
    kind = element.get("t", "n")
    formula = element.find(f"{_MAIN}f") is not None
    saved = element.find(f"{_MAIN}v")
    text = saved.text if saved is not None else None
    if kind == "inlineStr":
        inline = element.find(f"{_MAIN}is")
        return (_rich_text(inline) if inline is not None else None), formula
    if text is None:
        return None, formula
    if kind == "s":
        return strings[int(text)], formula
    if kind in ("str", "e"):
        return text, formula
    if kind == "b":
        return text.strip() == "1", formula
    if kind == "d":
        return dt.datetime.fromisoformat(text), formula
    number = float(text)
    if int(element.get("s", "0")) in dated and 0 <= number < 2_958_466:
        return _EXCEL_EPOCH + dt.timedelta(days=number), formula
    return (int(number) if number.is_integer() and abs(number) < 1e15 else number), formula


def _read_sheet(path: Path, archive: zipfile.ZipFile, part: str, strings: list[str],
                dated: set[int], grid: Grid | None) -> dict[Cell, object]:
    """The values of a sheet's first rows; the formulas without a saved value go to
    ``grid.unsaved``. Reading stops past ``READ_ROWS``, whatever the sheet holds."""
    values: dict[Cell, object] = {}
    row = column = 0
    for event, element in _parse(archive, part):
        tag = element.tag
        if event == "start":
            if tag == f"{_MAIN}row":
                row = int(element.get("r") or row + 1)
                column = 0
                if row > READ_ROWS:
                    break
            continue
        if tag == f"{_MAIN}dimension":
            last = element.get("ref", "A1").split(":")[-1]
            match = _CELL_REF.match(last)
            if match and (int(match[2]) > MAX_ROWS or _column(match[1]) > MAX_COLUMNS):
                raise Refused(whole_file(path, (
                    f"trang tính có {match[2]} dòng, {_column(match[1])} cột, lớn hơn biểu "
                    "mẫu báo cáo; hãy gửi lại đúng tệp đã nhận, không chép thêm dữ liệu vào")))
        elif tag == f"{_MAIN}c":
            match = _CELL_REF.match(element.get("r", ""))
            column = _column(match[1]) if match else column + 1
            if column <= READ_COLUMNS:
                value, formula = _value(element, strings, dated)
                if value is not None:
                    values[(row, column)] = value
                elif formula and grid is not None:
                    grid.unsaved.add((row, column))
            element.clear()
        elif tag == f"{_MAIN}row":
            element.clear()
    return values


def _xlsx(path: Path, content: bytes) -> Grid:
    _check_zip(path, content)
    grid = Grid()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = _sheet_parts(archive)
            if not parts:
                raise ValueError("no sheet")
            strings = _shared_strings(archive)
            dated = _date_styles(archive)
            part = parts.get(SHEET) or next(iter(parts.values()))
            grid.values = _read_sheet(path, archive, part, strings, dated, grid)
            if META_SHEET in parts:
                meta = _read_sheet(path, archive, parts[META_SHEET], strings, dated, None)
                grid.meta = {str(meta[(r, 1)]): str(meta[(r, 2)]) for r in range(1, 21)
                             if (r, 1) in meta and (r, 2) in meta}
    except Refused:
        raise
    # zipfile, zlib and the XML parser raise many kinds on a damaged or crafted file.
    except Exception:  # noqa: BLE001
        raise Refused(whole_file(path, (
            "không đọc được tệp Excel (tệp hỏng hoặc không đúng định dạng .xlsx); hãy mở "
            "bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi gửi"))) from None
    return grid


def _csv(path: Path, content: bytes) -> Grid:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:  # Excel's "CSV" on Vietnamese Windows
        text = content.decode("cp1258", errors="replace")
    if "\0" in text:
        raise Refused(whole_file(path, "không phải tệp CSV (có ký tự nhị phân); hãy gửi tệp "
                                       ".xlsx đã nhận"))
    sample = text[:4096]
    delimiter = max(",;\t", key=sample.count)
    grid = Grid()
    try:
        for row_number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter),
                                         start=1):
            if row_number > MAX_ROWS:
                raise Refused(whole_file(path, f"tệp có hơn {MAX_ROWS} dòng, lớn hơn biểu "
                                               "mẫu báo cáo; hãy gửi lại đúng tệp đã nhận"))
            if row_number > READ_ROWS:
                continue
            for column, value in enumerate(row[:READ_COLUMNS], start=1):
                if value.strip():
                    grid.values[(row_number, column)] = value
    except csv.Error:
        raise Refused(whole_file(path, "không đọc được tệp CSV; hãy gửi tệp .xlsx đã "
                                       "nhận")) from None
    return grid


def text(value: object) -> str:
    """A cell as text a page or a report can carry: NFC, no control characters, bounded."""
    raw = "" if value is None else str(value)
    clean = "".join(c for c in unicodedata.normalize("NFC", raw)
                    if c in "\n\t" or unicodedata.category(c) != "Cc")
    return clean.strip()[:MAX_TEXT_CHARS]
