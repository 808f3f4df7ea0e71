"""Reading a received document into paragraphs, whatever its format.

Each format has a reader of its own (Word: python-docx, PDF: pdfplumber, web pages: the
standard library's HTML parser, plain text); the Word and PDF readers need the optional extra
``pip install -e '.[import]'``, and without it the import says so in one line.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.campaign.files import read_bounded
from generator.campaign.text import legacy_encoding
from generator.campaign.yamlsource import decode
from generator.errors import Problem, UserError
from generator.importer.limits import MAX_FILE_BYTES, SPLIT, Budget
from generator.importer.paragraphs import Para, markdown_table

SUFFIXES = tuple(MAX_FILE_BYTES)
# Control characters a text carries from Word or a terminal (a page break, a vertical tab for
# Word's line break, a NUL): none is text, and a campaign file refuses them.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def read_paragraphs(path: Path) -> list[Para]:
    """The document's paragraphs in reading order, pictures among them."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UserError([Problem(path, 1, 1, (
            f"không đọc được tệp '{suffix or path.name}'; lệnh import nhận tệp Word (.docx), "
            "PDF có lớp chữ (.pdf), trang web (.html, .htm) hoặc văn bản (.txt, .md). Tệp .doc "
            "cũ: mở bằng Word rồi lưu thành .docx"))])
    raw = read_bounded(path, MAX_FILE_BYTES[suffix], SPLIT)
    budget = Budget(path)
    if suffix == ".docx":
        from generator.importer.word import word_paragraphs

        paras = word_paragraphs(path, raw, budget)
    elif suffix == ".pdf":
        from generator.importer.pdf import pdf_paragraphs

        paras = pdf_paragraphs(path, raw, budget)
    elif suffix in (".html", ".htm"):
        from generator.importer.webpage import web_paragraphs

        paras = web_paragraphs(_plain(decode(path, raw)), budget)
    else:
        paras = text_paragraphs(_plain(decode(path, raw)), budget)
    for para in paras:
        if para.image is None:
            para.text = _plain(para.text)
    _refuse_legacy(path, paras)
    return paras


def _plain(text: str) -> str:
    return _CONTROLS.sub(" ", text)


def text_paragraphs(text: str, budget: Budget) -> list[Para]:
    """Plain text: each line is a paragraph (hard-wrapped lines are joined later); lines of
    cells between tabs, as Word saves a table as text, are a table."""
    paras: list[Para] = []
    rows: list[list[str]] = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) >= 3 and (not rows or len(cells) == len(rows[0])):
            if not rows:
                start = number
            budget.text(line)
            rows.append(cells)
            continue
        if rows:
            paras.append(_table(rows, start))
            rows = []
        if line.strip():
            budget.text(line)
            paras.append(Para(line.strip(), number))
    if rows:
        paras.append(_table(rows, start))
    return paras


def _table(rows: list[list[str]], line: int) -> Para:
    """Rows of cells read from text: a table when there are two rows or more, else the
    line as it was."""
    if len(rows) == 1:
        return Para(" ".join(c for c in rows[0] if c), line)
    return Para(markdown_table(rows), line, table=True)


def _refuse_legacy(path: Path, paras: list[Para]) -> None:
    """A document typed in TCVN3 or VNI (fonts .VnTime, VNI-Times) reads as gibberish once
    taken out of its fonts. No maintained library converts it, and a guess would put wrong
    words into an official text: the communicator converts it with Unikey, which does it
    right. A few such lines in a Unicode document are reported line by line by validate."""
    judged = [(p, legacy_encoding(p.text)) for p in paras
              if p.image is None and not p.table and len(p.text) >= 20]
    legacy = [(p, name) for p, name in judged if name]
    if legacy and len(legacy) * 3 >= len(judged):
        para, name = legacy[0]
        raise UserError([Problem(path, para.line, 1, (
            f"văn bản được gõ bằng bảng mã cũ {name} (phông .VnTime, VNI-Times...), không phải "
            f"Unicode, nên chép ra thành chữ lỗi ('{para.text[:24]}'); hãy mở tệp bằng Word, "
            f"chuyển mã bằng Unikey (Công cụ chuyển mã, từ {name} sang Unicode), lưu lại rồi "
            "nhập lại"))])
