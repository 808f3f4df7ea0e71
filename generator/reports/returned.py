"""Reading a returned workbook (.xlsx, or its report sheet saved as .csv) into a grid of cell
values: hostile input, read within bounds checked before and while reading.

A returned file comes from anyone: it is refused in one line when it is larger than a report
can be, when its zip parts unpack to more than a report holds (a zip bomb), when its sheet
is larger than the template's, or when it cannot be read at all; never a traceback.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

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


def _xlsx(path: Path, content: bytes) -> Grid:
    from openpyxl import load_workbook

    _check_zip(path, content)
    grid = Grid()
    formulas: set[Cell] = set()
    try:
        with warnings.catch_warnings():
            # openpyxl warns about parts it does not keep (extensions, printer settings).
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
            try:
                names = book.sheetnames
                sheet = book[SHEET] if SHEET in names else book.worksheets[0]
                rows, columns = sheet.max_row or 0, sheet.max_column or 0
                if rows > MAX_ROWS or columns > MAX_COLUMNS:
                    raise Refused(whole_file(path, (
                        f"trang tính có {rows} dòng, {columns} cột, lớn hơn biểu mẫu báo cáo; "
                        "hãy gửi lại đúng tệp đã nhận, không chép thêm dữ liệu vào")))
                rows_read = sheet.iter_rows(max_row=READ_ROWS, max_col=READ_COLUMNS,
                                            values_only=True)
                for row_number, values in enumerate(rows_read, start=1):
                    for column, value in enumerate(values, start=1):
                        if value is None:
                            continue
                        # Unless read with data_only, a formula is its text, "=...".
                        if isinstance(value, str) and value.startswith("="):
                            formulas.add((row_number, column))
                        grid.values[(row_number, column)] = value
                if META_SHEET in names:
                    grid.meta = {str(r[0]): str(r[1]) for r in book[META_SHEET].iter_rows(
                        max_row=20, max_col=2, values_only=True) if r and r[0] is not None
                        and len(r) > 1 and r[1] is not None}
            finally:
                book.close()
            if formulas:  # read by their saved values, if the spreadsheet saved any
                book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
                try:
                    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
                    rows_read = sheet.iter_rows(max_row=READ_ROWS, max_col=READ_COLUMNS,
                                                values_only=True)
                    for row_number, values in enumerate(rows_read, start=1):
                        for column, value in enumerate(values, start=1):
                            if (row_number, column) in formulas:
                                grid.values[(row_number, column)] = value
                finally:
                    book.close()
                grid.unsaved = {p for p in formulas if grid.values.get(p) is None}
    except Refused:
        raise
    # openpyxl, zipfile and the XML parser raise many kinds on a damaged or crafted file.
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
