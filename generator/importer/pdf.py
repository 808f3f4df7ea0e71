"""Lines of a PDF's text layer, with what tells a wrapped line from the end of a paragraph.

A scanned PDF has no text layer: it is refused, since reading pictures of text (OCR) would
bring errors nobody sees into an official text.
"""

from __future__ import annotations

import io
import itertools
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.errors import Problem, UserError
from generator.importer.limits import (
    MAX_PAGE_CHARS,
    MAX_PAGE_CONTENT_BYTES,
    MAX_PAGES,
    REPRINT,
    Budget,
    refused,
    size,
)
from generator.importer.paragraphs import Para, is_layout, markdown_table, missing_extra
from generator.vi import amount, raised

# A page number alone on its line ("- 2 -", "2") is the page's, not the text's.
_PAGE_NUMBER = re.compile(r"^[-–\s]*\d{1,3}[-–\s]*$")


def pdf_paragraphs(path: Path, raw: bytes, budget: Budget) -> list[Para]:
    try:
        import pdfplumber
    except ImportError:
        raise missing_extra(path, "pdfplumber") from None
    paras: list[Para] = []
    offsets: list[float] = []  # each line's start from the left margin, in text sizes (a
    # table's: 0, tables are left out where offsets are used)
    number = 0
    try:
        document = pdfplumber.open(io.BytesIO(raw))
    except Exception as exc:  # noqa: BLE001  # pdfminer raises many kinds on damaged files
        raise UserError([Problem(path, 1, 1, f"không mở được tệp PDF ({type(exc).__name__}); "
                                             "tệp hỏng hoặc có mật khẩu")]) from None
    # Not closed with pdfplumber's close(), which would first make every page of the file
    # (its list of pages): the bytes are in memory and go with the document.
    try:
        for page in _pages(path, document):
            words = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False,
                                       use_text_flow=True)
            if not words:
                continue
            sizes = sorted(w["size"] for w in words)
            body = sizes[len(sizes) // 2]  # the text's own size: the median
            right = max(w["x1"] for w in words)
            left = min(w["x0"] for w in words)
            # Ruled tables are kept as tables; their words are not read again as lines.
            tables = [(t.bbox, t.extract()) for t in page.find_tables()]
            tables = [(box, rows) for box, rows in tables
                      if rows and not is_layout([[c or "" for c in r] for r in rows], True)]
            boxes = [box for box, _ in tables]
            for line in (_mended(line) for line in _lines(words)):
                top = float(line[0]["top"])  # type: ignore[arg-type]
                while tables and tables[0][0][1] <= top:
                    number += 1
                    rows = [[" ".join((c or "").split()) for c in r] for r in tables.pop(0)[1]]
                    paras.append(Para(markdown_table(rows), number, table=True))
                    offsets.append(0.0)
                    budget.text(paras[-1].text)
                if any(_inside(line[0], box) for box in boxes):
                    continue
                number += 1
                if _PAGE_NUMBER.match(" ".join(str(w["text"]) for w in line)):
                    continue
                # A footnote's number is raised against its own line's text, not the page's
                # (the recipients' column is set smaller than the body).
                size = max(_number(w, "size") for w in line)
                text = _joined_words([_word(w, size) for w in line])
                # A justified line from the left margin (or its first-line indent) to the right
                # one: the paragraph goes on. The letterhead's right column reaches the margin
                # too, but starts in the middle of the page.
                start, end = float(line[0]["x0"]), float(line[-1]["x1"])  # type: ignore[arg-type]
                wrapped = right - end < body * 1.5 and start - left < body * 3
                bold = all("Bold" in str(w.get("fontname", "")) for w in line)
                budget.text(text)
                paras.append(Para(text, number, bold=bold, wrapped=wrapped))
                offsets.append((start - left) / body)
    except (UserError, MemoryError):
        raise
    # pdfminer raises many kinds on a damaged page: whatever it is, one line.
    except Exception as exc:  # noqa: BLE001
        raise UserError([Problem(path, 1, 1, (
            f"không đọc hết được tệp PDF ({type(exc).__name__}): tệp hỏng; hãy in lại PDF "
            "từ Word, hoặc nhập bản Word"))]) from None

    if not paras:
        raise UserError([Problem(path, 1, 1, (
            "tệp PDF không có lớp chữ (có lẽ là bản quét): không chép được chữ; hãy xin bản "
            "Word hoặc PDF xuất từ Word của văn bản"))])
    _mark_paragraph_starts(paras, offsets)
    return paras


def _pages(path: Path, document: Any) -> Iterator[Any]:
    """The document's pages one by one, each read within the limits and let go once read:
    pdfplumber's own list of pages would hold every page, and each page what it drew."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    for number, page_object in enumerate(PDFPage.create_pages(document.doc), start=1):
        if number > MAX_PAGES:
            raise refused(path, f"hơn {amount(MAX_PAGES)} trang")
        for stream in page_object.contents:
            _check_content(path, number, stream)
        page = Page(document, page_object, page_number=number)
        # pdfplumber draws a page on first use and keeps the result as ``_layout``: drawn
        # here instead, counting what is drawn, so that a page drawing a million letters
        # (from a few bytes repeated by a form) stops at the limit, not at the end.
        page._layout = _layout(path, number, document, page_object)
        try:
            yield page
        finally:
            page.close()


def _check_content(path: Path, number: int, stream: Any) -> None:
    """A page's drawing instructions unpacked no further than the limit: pdfminer unpacks a
    stream whole, and a few kilobytes may unpack to gigabytes."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream

    if not isinstance(stream, PDFStream) or stream.rawdata is None:
        return  # already unpacked, or not a stream: nothing more to unpack
    filters = [f for f, _ in stream.get_filters()]
    if filters and filters[0] in LITERALS_FLATE_DECODE:
        unpacked = len(zlib.decompressobj().decompress(stream.rawdata,
                                                       MAX_PAGE_CONTENT_BYTES + 1))
    else:
        unpacked = len(stream.rawdata)
    if unpacked > MAX_PAGE_CONTENT_BYTES:
        raise refused(path, f"trang {number} mở ra hơn {size(MAX_PAGE_CONTENT_BYTES)} lệnh vẽ",
                      REPRINT)


def _layout(path: Path, number: int, document: Any, page_object: Any) -> Any:
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Counted(PDFPageAggregatorWithMarkedContent):
        drawn = 0

        def count(self) -> None:
            self.drawn += 1
            if self.drawn > MAX_PAGE_CHARS:
                raise refused(path, f"trang {number} vẽ hơn {amount(MAX_PAGE_CHARS)} chữ và nét",
                              REPRINT)

        def render_char(self, *args: Any) -> float:
            self.count()
            return float(super().render_char(*args))

        def paint_path(self, *args: Any) -> None:
            self.count()
            super().paint_path(*args)

    device = Counted(document.rsrcmgr, pageno=number, laparams=document.laparams)
    PDFPageInterpreter(document.rsrcmgr, device).process_page(page_object)
    return device.get_result()


def _mark_paragraph_starts(paras: list[Para], offsets: list[float]) -> None:
    """Where a document indents each paragraph's first line (Decree 30's 1 to 1.27 cm), a
    line that starts at the margin after a line that ran to it goes on with the same
    paragraph, even when the line before ended a sentence ("… cấp cơ sở." / "Phát huy …")
    or a heading in capitals wrapped; an indented line starts a paragraph of its own."""
    lines = [(para, offset) for para, offset in zip(paras, offsets, strict=True)
             if not para.table]
    indented = sum(1 for _, offset in lines if 0.8 <= offset <= 3)
    if indented < max(3, len(lines) // 20):
        return  # paragraphs are not told apart by indents here
    for (before, _), (para, offset) in itertools.pairwise(lines):
        # A bold title's line and the plain line under it are two paragraphs.
        para.goes_on = before.wrapped and offset < 0.4 and before.bold == para.bold
        para.indented = 0.8 <= offset <= 3


def _lines(words: list[dict[str, object]]) -> list[list[dict[str, object]]]:
    """Words in the order the page's text flows, gathered into lines. A letter drawn from a
    fallback font may come later in the flow than its line (Chromium draws such runs after
    the line): it joins the recent line at its height whose words it touches, in its place
    from the left. A line of lone letters holds such letters drawn outside any line (below
    the last line of a page), and is left out."""
    lines: list[list[dict[str, object]]] = []
    for word in words:
        top = _number(word, "top")
        if lines and abs(_number(lines[-1][-1], "top") - top) < 3:
            lines[-1].append(word)
            continue
        earlier = next((line for line in reversed(lines[-4:-1])
                        if abs(_number(line[0], "top") - top) < 3 and _touches(word, line)),
                       None)
        if earlier is not None:
            earlier.append(word)
            earlier.sort(key=lambda w: _number(w, "x0"))
        else:
            lines.append([word])
    return [line for line in lines
            if not all(len(str(w["text"])) == 1 and str(w["text"]).isalpha() for w in line)]


def _touches(word: dict[str, object], line: list[dict[str, object]]) -> bool:
    """Whether ``word`` fills a gap in ``line`` that its letters were cut from: it touches
    a word of the line on its left or its right."""
    return any(abs(_number(other, "x1") - _number(word, "x0")) < 0.5
               or abs(_number(other, "x0") - _number(word, "x1")) < 0.5 for other in line)


def _mended(line: list[dict[str, object]]) -> list[dict[str, object]]:
    """A word cut where its letters come from two fonts joined again. A PDF printed on a
    machine whose Times-metric font lacks some Vietnamese letters draws those from a fallback
    font ("PH" "Ố"); pdfplumber starts a new word at each change of font, but the pieces
    touch, where two words stand a space apart. A raised footnote number touches its word
    too: it is smaller, so it stays apart."""
    out: list[dict[str, object]] = []
    for word in line:
        last = out[-1] if out else None
        size = _number(word, "size")
        if last is not None and _number(word, "x0") - _number(last, "x1") < size * 0.08 \
                and abs(_number(last, "size") - size) <= size * 0.15:
            bold = "Bold" in str(last["fontname"]) and "Bold" in str(word["fontname"])
            out[-1] = {**last, "text": f"{last['text']}{word['text']}", "x1": word["x1"],
                       "fontname": last["fontname"] if bold or "Bold" not in str(
                           last["fontname"]) else word["fontname"]}
        else:
            out.append(word)
    return out


def _number(word: dict[str, object], key: str) -> float:
    return float(word[key])  # type: ignore[arg-type]  # pdfplumber's words are untyped dicts


def _inside(word: dict[str, object], box: tuple[float, float, float, float]) -> bool:
    x, top = float(word["x0"]), float(word["top"])  # type: ignore[arg-type]
    return box[0] - 1 <= x <= box[2] + 1 and box[1] - 1 <= top <= box[3] + 1


def _joined_words(words: list[str]) -> str:
    """The line's words with spaces, a raised footnote number kept against its word
    ("năng¹;"), as it is printed."""
    text = ""
    for word in words:
        raised = bool(word) and all(ch in _RAISED for ch in word)
        text += word if raised and text else f" {word}" if text else word
    return text


_RAISED = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")


def _word(word: dict[str, object], body: float) -> str:
    text = str(word["text"])
    if float(word["size"]) < body * 0.8 and text.isdigit():  # type: ignore[arg-type]
        return raised(text)
    return text
