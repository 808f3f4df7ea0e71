"""Reading a returned workbook (.xlsx, or its report sheet saved as .csv) into a grid of cell
values: hostile input, read within bounds checked before and while reading.

A returned file comes from anyone: it is refused in one line when it is larger than a report
can be, when its zip parts unpack to more than a report holds (a zip bomb), when its sheet
is larger than the template's, or when it cannot be read at all; never a traceback. Only
then does openpyxl read it, lazily: the report sheet's first rows and the hidden sheet, not
the rest. ``readers.py`` runs this in worker processes whose memory and time are capped.
"""

from __future__ import annotations

import csv
import io
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
# A report's XML parts are tens of KB each; a larger one (millions of strings) is not a report.
MAX_XML_PART_BYTES = 8 * MIB
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
    if any(p.file_size > MAX_XML_PART_BYTES for p in parts if p.filename.endswith(".xml")):
        raise Refused(whole_file(path, (
            f"tệp có phần dữ liệu hơn {MAX_XML_PART_BYTES // MIB} MB, không phải biểu mẫu báo "
            "cáo; hãy dùng đúng tệp đã nhận")))


# A formula cell holds its formula and, once a spreadsheet computed it, the value it saved.
_FORMULA = "f"


def import_readers() -> None:
    """Import openpyxl (0.4 s, numpy with it): done by the command once, before its reading
    workers fork, so that they start with it and no file's reading time counts it."""
    import openpyxl  # noqa: F401


def _load(content: bytes, *, saved_values: bool) -> Any:
    """The workbook, read lazily (rows are parsed as they are asked for). openpyxl parses
    its parts with defusedxml (a dependency of the ``report`` extra): no DTD, no entity
    expansion."""
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(content), read_only=True, data_only=saved_values,
                         keep_links=False)


def _cells(sheet: Any, rows: int, columns: int) -> Iterator[tuple[Cell, object, bool]]:
    """(cell, value, whether it is a formula) of the cells holding something in the sheet's
    first ``rows`` rows and ``columns`` columns; the rest of the sheet is never parsed."""
    for row in sheet.iter_rows(min_row=1, max_row=rows, max_col=columns):
        for cell in row:
            if cell.value is not None:
                yield (cell.row, cell.column), cell.value, cell.data_type == _FORMULA


def _report_sheet(path: Path, book: Any) -> Any:
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    # The size the sheet declares (its <dimension>), read before any row.
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise Refused(whole_file(path, (
            f"trang tính có {rows} dòng, {columns} cột, lớn hơn biểu mẫu báo cáo; hãy gửi "
            "lại đúng tệp đã nhận, không chép thêm dữ liệu vào")))
    return sheet


def _xlsx(path: Path, content: bytes) -> Grid:
    _check_zip(path, content)
    grid = Grid()
    try:
        book = _load(content, saved_values=False)
        try:
            formulas: set[Cell] = set()
            for cell, value, formula in _cells(_report_sheet(path, book), READ_ROWS,
                                               READ_COLUMNS):
                if formula:
                    formulas.add(cell)
                else:
                    grid.values[cell] = value
            if META_SHEET in book.sheetnames:
                meta = {cell: value for cell, value, _ in _cells(book[META_SHEET], 20, 2)}
                grid.meta = {str(meta[(r, 1)]): str(meta[(r, 2)]) for r in range(1, 21)
                             if (r, 1) in meta and (r, 2) in meta}
        finally:
            book.close()
        if formulas:  # rare: read again for the values a spreadsheet saved beside them
            book = _load(content, saved_values=True)
            try:
                saved = {cell: value for cell, value, _ in _cells(
                    _report_sheet(path, book), READ_ROWS, READ_COLUMNS) if cell in formulas}
            finally:
                book.close()
            grid.values.update(saved)
            grid.unsaved = formulas - saved.keys()
    except Refused:
        raise
    except MemoryError:
        raise  # said by the caller once what was read is freed: nothing can be made here
    # zipfile, zlib, the XML parser and openpyxl raise many kinds on a damaged or crafted file.
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
