"""Real official documents typeset as Vietnamese offices typeset them, for the importer's tests.

The importer reads what communicators receive: Word files, PDFs printed from them, and Word's
"save as web page" copies. This module takes the plain texts of three real documents and writes
each as a .docx, an .html and a .pdf in the look of Decree 30/2020/NĐ-CP (A4, Times New Roman
14 pt, a two-column letterhead without borders, the kind and title centred in bold, justified
paragraphs with a 1 cm first-line indent, "Nơi nhận" beside the signature), so that the tests
read realistic files whose every sentence is known.

The three sources:

- ``tests/data/seed-cchc-ha-noi-2021.txt``: the Hà Nội Ban Tuyên giáo Thành ủy's guidance on
  communicating administrative reform (21/5/2021), as text extracted from its PDF: no letterhead
  but the place-and-date line, a footnote definition left where a page break fell, and
  paragraphs cut in two by page breaks.
- ``tests/data/sources/ke-hoach-tuyen-truyen-bau-cu-pho-bang-2025.txt``: the election
  communication plan of xã Phố Bảng's Tiểu ban thông tin, tuyên truyền, khánh tiết (10/12/2025),
  with its own letterhead lines, two footnotes and a signature block.
- ``tests/data/sources/cong-van-tuyen-truyen-130-nam-ngay-sinh-bac-ho-lac-duong-2020.txt``: the
  letter of Ban Tuyên giáo Huyện ủy Lạc Dương on the 130th anniversary of Hồ Chí Minh's birth
  (2020), body only.

The two files under ``sources/`` open with ``# key: value`` notes ending with ``# ---``; they
are not part of the text and are dropped. Where a source lacks its letterhead, the letterhead is
restored only from the document's own words (its issuer as the text names it, its subject as
the text states it) and from the motto its kind of issuer always prints; no number, date or
signatory is invented: the seed keeps no "Số:" line; the letter's day and month are left
blank (its year and place follow from its text), and it has no "Nơi nhận" and no signature.

Text keeps the source's Markdown emphasis (``*italic*``, ``**bold**``) and footnote marks
(``⁽¹⁾`` or ``¹``); the writers turn them into italic and bold runs and superscript marks, and
:func:`plain` gives the words without the emphasis markers. In the .docx, footnotes are real
Word footnotes (a ``word/footnotes.xml`` part and ``w:footnoteReference`` runs); the .html and
.pdf carry superscript marks and the notes at the end of the document.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph
    from playwright.sync_api import Browser

DATA = Path(__file__).resolve().parent / "data"

SOURCES: dict[str, Path] = {
    "seed-cchc-ha-noi-2021": DATA / "seed-cchc-ha-noi-2021.txt",
    "ke-hoach-tuyen-truyen-bau-cu-pho-bang-2025":
        DATA / "sources" / "ke-hoach-tuyen-truyen-bau-cu-pho-bang-2025.txt",
    "cong-van-tuyen-truyen-130-nam-ngay-sinh-bac-ho-lac-duong-2020":
        DATA / "sources" / "cong-van-tuyen-truyen-130-nam-ngay-sinh-bac-ho-lac-duong-2020.txt",
}

# Letterheads the sources lack: (left column, motto lines of the right column). Only the
# documents' own words: the seed says "Ban Tuyên giáo Thành ủy hướng dẫn" and is signed for
# the Trưởng Ban; the letter says "Ban Tuyên giáo Huyện ủy đề nghị" on the portal of Đảng bộ
# huyện Lạc Dương, and states its subject ("về việc tuyên truyền kỷ niệm 130 năm Ngày sinh Chủ
# tịch Hồ Chí Minh"). A Party committee's documents carry "ĐẢNG CỘNG SẢN VIỆT NAM" as motto.
_RESTORED: dict[str, tuple[list[str], list[str]]] = {
    "seed-cchc-ha-noi-2021": (["THÀNH ỦY HÀ NỘI", "BAN TUYÊN GIÁO"],
                              ["ĐẢNG CỘNG SẢN VIỆT NAM"]),
    "cong-van-tuyen-truyen-130-nam-ngay-sinh-bac-ho-lac-duong-2020": (
        ["HUYỆN ỦY LẠC DƯƠNG", "BAN TUYÊN GIÁO",
         "V/v tuyên truyền kỷ niệm 130 năm Ngày sinh Chủ tịch Hồ Chí Minh"],
        # The text dates itself to 2020 (it answers a letter of 31/3/2020 about 19/5/2020) and
        # the committee sits in Lạc Dương; its day and month are not known, so they are left
        # blank, as a draft leaves them.
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "Lạc Dương, ngày      tháng      năm 2020"]),
}

_KINDS = frozenset({"HƯỚNG DẪN", "KẾ HOẠCH", "CÔNG VĂN", "QUYẾT ĐỊNH", "THÔNG BÁO", "BÁO CÁO",
                    "CHƯƠNG TRÌNH", "CHỈ THỊ", "NGHỊ QUYẾT", "TỜ TRÌNH"})
_MOTTOS = frozenset({"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"})
_SLOGAN = "Độc lập - Tự do - Hạnh phúc"
# A draft leaves the day and month blank, to be written in when it is signed.
_PLACE_DATE = re.compile(r",\s*ngày\s*(?:\d{1,2})?\s+tháng\s*(?:\d{1,2})?\s+năm\s+\d{4}\s*$")
_EMPHASIS = re.compile(r"\*+")
_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_DIGITS = str.maketrans(_SUPERSCRIPT, "0123456789")
_TO_SUPERSCRIPT = str.maketrans("0123456789", _SUPERSCRIPT)
# A footnote mark in running text: "⁽¹⁾", or bare "¹" right after a word.
_NOTE_MARK = re.compile(r"⁽([⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾|(?<=\S)([¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*)")
# A footnote's own text: a paragraph opening with a superscript number and a space.
_NOTE_DEFINITION = re.compile(r"^([¹²³⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*)\s+")
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:?$")
_ROMAN = re.compile(r"^[IVXL]+\.\s")
_NUMBER = re.compile(r"^(\d+)\. (?=\S)")  # "1. " but not "2.1."
_SUBNUMBER = re.compile(r"^\d+(?:\.\d+)+\.?\s")
_BULLET = re.compile(r"^- (?=\S)")
_STRUCTURAL = re.compile(r"^(?:[IVXL]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|[-+•])\s")
_SENTENCE_END = re.compile(r"[.:;!?…][”\"’')\]]*$")
_OPENINGS = ("Căn cứ", "Thực hiện", "Kính gửi", "Theo", "Xét")

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_FONT = "Times New Roman"
_CSS_FONT = '"Times New Roman", "Liberation Serif", "DejaVu Serif", serif'
# The page number, centred at the foot; 13 pt, the size Decree 30 gives page numbers.
_FOOTER = ('<div style="width:100%;text-align:center;font-size:13pt;'
           f"font-family:{html.escape(_CSS_FONT)};\">"
           '<span class="pageNumber"></span></div>')
# Letterhead line roles: (size in points, bold, italic).
_ROLE_STYLE: dict[str, tuple[float, bool, bool]] = {
    "parent": (13, False, False), "issuer": (13, True, False), "number": (13, False, False),
    "subject": (12, False, False), "motto": (13, True, False), "slogan": (14, True, False),
    "date": (14, False, True), "other": (13, False, False),
}


@dataclass
class Document:
    """One official document, split into the parts an office lays out differently.

    Text keeps the source's emphasis markers (``*italic*``, ``**bold**``, see :func:`plain`)
    and footnote marks (``⁽¹⁾``, ``¹``) in place.
    """

    name: str  # file stem, e.g. "seed-cchc-ha-noi-2021"
    left: list[str]  # letterhead left column: issuer's parent, issuer, "Số: …", "V/v …"
    right: list[str]  # letterhead right column: motto lines, then the place-and-date line
    title: list[str]  # the kind in capitals ("HƯỚNG DẪN"), then the title lines; may be empty
    body: list[str]  # paragraphs in order
    recipients: list[str]  # the lines under "Nơi nhận:"
    signature: list[str]  # e.g. ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
    signer: str | None  # the signatory's name
    notes: dict[str, str]  # footnote number ("1") -> footnote text
    below_signer: list[str] = field(default_factory=list)  # lines printed under the name
    annex: list[str] = field(default_factory=list)  # paragraphs after the signature (PHỤ LỤC)


@dataclass(frozen=True)
class _Span:
    """A piece of a paragraph with one formatting; ``note`` is a footnote mark's number."""

    text: str
    bold: bool = False
    italic: bool = False
    note: str | None = None


def plain(text: str) -> str:
    """``text`` without its ``*`` / ``**`` emphasis markers (the sources have no literal ``*``)."""
    return _EMPHASIS.sub("", text)


# --- reading a source -------------------------------------------------------------------------


def load(path: Path) -> Document:
    """The document whose plain text is at ``path``, parted into letterhead, title, body, tail.

    A footnote's text left between two pages' halves of a sentence goes to ``notes`` and the
    halves are joined again with one space; so are other paragraphs a page break cut (one that
    stops without closing punctuation and is followed by lower-case text, or a "- " item
    followed by text that is not a new item).
    """
    name = path.stem
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[lines.index("# ---") + 1:]
    blocks = _blocks(lines)

    # Letterhead lines, if any, stand before the kind line ("KẾ HOẠCH").
    kind_at = None
    for i, block in enumerate(blocks):
        if len(block) == 1 and plain(block[0]).strip() in _KINDS:
            kind_at = i
            break
        if len(" ".join(block)) > 200:
            break
    # A letter has no kind line: its letterhead runs up to "Kính gửi" or its first paragraph.
    head_end = kind_at if kind_at is not None else next(
        (i for i, block in enumerate(blocks) if plain(block[0]).startswith("Kính gửi")
         or len(" ".join(block)) > 200), 0)
    head = [plain(line).strip() for block in blocks[:head_end] for line in block]
    split = next((i for i, line in enumerate(head) if line in _MOTTOS or line == _SLOGAN
                  or _PLACE_DATE.search(line)), len(head))
    left, right = head[:split], head[split:]
    if name in _RESTORED:
        restored_left, motto = _RESTORED[name]
        if left:
            raise ValueError(f"{name}: the source has its own letterhead {left!r}")
        left, right = list(restored_left), [*motto, *right]

    title: list[str] = []
    at = head_end
    if kind_at is not None:
        title.append(plain(blocks[kind_at][0]).strip())
        at = kind_at + 1
        while at < len(blocks) and _is_title_line(blocks[at]):
            title.append(plain(blocks[at][0]).strip())
            at += 1

    tail_at = next((i for i in range(at, len(blocks))
                    if _RECIPIENTS.match(plain(blocks[i][0]).strip())), len(blocks))
    notes: dict[str, str] = {}
    body: list[str] = []
    for block in blocks[at:tail_at]:
        text = "\n".join(line.strip() for line in block) if _is_table(block[0]) \
            else " ".join(line.strip() for line in block)
        found = _NOTE_DEFINITION.match(text)
        if found:
            notes[found.group(1).translate(_TO_DIGITS)] = text[found.end():]
        elif body and _continues(body[-1], text):
            body[-1] = _join(body[-1], text)
        else:
            body.append(text)

    recipients: list[str] = []
    signature: list[str] = []
    signer: str | None = None
    below: list[str] = []
    if tail_at < len(blocks):
        units: list[str] = []
        for i, block in enumerate(blocks[tail_at:]):
            rest = block[1:] if i == 0 else block
            if not rest:
                continue
            text = " ".join(line.strip() for line in rest)
            found = _NOTE_DEFINITION.match(text)
            if found:
                notes[found.group(1).translate(_TO_DIGITS)] = text[found.end():]
            else:
                units += [line.strip() for line in plain("\n".join(rest)).split("\n")]
        while units and units[0].startswith("-"):
            recipients.append(units.pop(0))
        while units and _is_caps(units[0]):
            signature.append(units.pop(0))
        if units:
            signer = units.pop(0)
        below = units
    annex: list[str] = []
    if below and below[0] == "PHỤ LỤC":  # an annex after the signature, not under the name
        annex, below = below, []
    return Document(name=name, left=left, right=right, title=title, body=body,
                    recipients=recipients, signature=signature, signer=signer,
                    notes=dict(sorted(notes.items(), key=lambda item: int(item[0]))),
                    below_signer=below, annex=annex)


CORPUS = DATA / "corpus"
# The development corpus (tests/data/corpus/README.md): real documents, one paragraph a line.
CORPUS_SOURCES: dict[str, Path] = {path.stem: path for path in sorted(CORPUS.glob("*.txt"))}
_RULE = re.compile(r"^[-_=–—.*]{3,}$")


def load_corpus(path: Path) -> Document:
    """A document of the development corpus: after its ``Source:`` and ``Completeness:``
    notes, one paragraph a line, a blank line between blocks (letterhead, title, each part,
    each table row, "Nơi nhận", the signature). The letterhead's underlines are drawn, not
    typed, so they are left out; what follows the signature (an annex) is kept after it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = lines[next(i for i, line in enumerate(lines) if not line.strip()) + 1:]
    lines = [line.strip() for line in lines if not _RULE.match(line.strip())]
    kind_at = next(i for i, line in enumerate(lines) if line.rstrip(":") in _KINDS
                   and line.strip() == line.strip().upper())
    head = [line for line in lines[:kind_at] if line]
    left = [line for line in head if not (line in _MOTTOS or line == _SLOGAN
                                          or _PLACE_DATE.search(line))]
    right = [line for line in head if line not in left]
    title = [lines[kind_at]]
    at = kind_at + 1
    while at < len(lines) and lines[at] and _is_title_line([lines[at]]) \
            and len(title) < 4:
        title.append(lines[at])
        at += 1
    rest = lines[at:]
    tail_at = max((i for i, line in enumerate(rest) if _RECIPIENTS.match(line)), default=None)
    body = [line for line in (rest if tail_at is None else rest[:tail_at]) if line]
    recipients: list[str] = []
    signature: list[str] = []
    signer: str | None = None
    annex: list[str] = []
    if tail_at is not None:
        tail = rest[tail_at + 1:]
        while tail and tail[0]:  # a name the source broke over two lines joined again
            line = tail.pop(0)
            if recipients and not line.startswith("-"):
                recipients[-1] = f"{recipients[-1]} {line}"
            else:
                recipients.append(line)
        while tail and not tail[0]:
            tail.pop(0)
        while tail and _is_caps(tail[0]):
            signature.append(tail.pop(0))
        if tail and tail[0]:
            signer = tail.pop(0)
        annex = [line for line in tail if line]
    return Document(name=path.stem, left=left, right=right, title=title, body=body,
                    recipients=recipients, signature=signature, signer=signer, notes={},
                    annex=annex)


def _blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_title_line(block: list[str]) -> bool:
    """A title line after the kind line: short, and not yet the opening sentence."""
    text = plain(" ".join(block)).strip()
    return (len(block) == 1 and len(text) <= 250 and not _SENTENCE_END.search(text)
            and not text.startswith(_OPENINGS))


def _is_table(text: str) -> bool:
    """A block written as table rows ("| TT | Nội dung | … |"), one row a line."""
    return text.startswith("|")


def _cells(table: str) -> list[list[str]]:
    return [[cell.strip() for cell in row.strip().strip("|").split("|")]
            for row in table.splitlines()]


def _is_caps(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.upper()


def _continues(before: str, after: str) -> bool:
    """Whether ``after`` is the rest of the sentence ``before`` leaves open (a page break)."""
    first, second = plain(before).rstrip(), plain(after).lstrip()
    if not second or _SENTENCE_END.search(first):
        return False
    if second[0].islower():
        return True
    return first.startswith(("- ", "+ ")) and not _STRUCTURAL.match(second)


def _join(before: str, after: str) -> str:
    """Two halves of one paragraph; an emphasis the page break closed early goes on.

    "… phát*" + "triển”." gives "… phát triển*”.": the PDF extraction ended the italics at the
    page's end, though the quoted words go on.
    """
    closing = re.search(r"\*+$", before)
    word = re.match(r"\w+", after)
    if closing and word:
        return (f"{before[:closing.start()]} {word.group()}{closing.group()}"
                f"{after[word.end():]}")
    return f"{before} {after}"


# --- what the writers share ---------------------------------------------------------------------


def _spans(text: str, *, bold: bool = False, italic: bool = False) -> list[_Span]:
    """``text`` cut where its emphasis or a footnote mark starts or ends."""
    spans: list[_Span] = []
    is_bold, is_italic = False, False
    for token in re.split(r"(\*\*|\*)", text):
        if token == "**":
            is_bold = not is_bold
        elif token == "*":
            is_italic = not is_italic
        elif token:
            at = 0
            for mark in _NOTE_MARK.finditer(token):
                if mark.start() > at:
                    spans.append(_Span(token[at:mark.start()], bold or is_bold,
                                       italic or is_italic))
                number = (mark.group(1) or mark.group(2)).translate(_TO_DIGITS)
                spans.append(_Span(number, bold or is_bold, italic or is_italic, note=number))
                at = mark.end()
            if at < len(token):
                spans.append(_Span(token[at:], bold or is_bold, italic or is_italic))
    return spans


def _is_heading(text: str) -> bool:
    """A Roman-numbered part heading ("I. MỤC ĐÍCH, YÊU CẦU")."""
    words = plain(text)
    return bool(_ROMAN.match(words)) and _is_caps(words)


def _is_bold(text: str) -> bool:
    """Part headings, and short numbered headings ("1. Mục đích", "2.1. Đợt 1: …")."""
    words = plain(text).strip()
    if _is_heading(words):
        return True
    return bool(_NUMBER.match(words) or _SUBNUMBER.match(words)) and len(words) <= 100 \
        and not re.search(r"[.;!?…][”\")]*$", words)


def _numbering_plan(body: list[str]) -> dict[int, tuple[str, int]]:
    """Paragraph index -> ("number" | "bullet", list group) for Word's automatic numbering.

    Numbers: in each part (the paragraphs between two Roman headings, the opening counting as a
    part), "1. ", "2. " … paragraphs become one automatic list if the source numbers them
    1, 2, 3 … itself; any other sequence keeps its typed numbers. Bullets: the "- " items of
    the first part that has any; later parts keep "- " typed, as documents often mix both.
    """
    parts: list[list[int]] = [[]]
    for i, text in enumerate(body):
        if _is_heading(text):
            parts.append([])
        else:
            parts[-1].append(i)
    plan: dict[int, tuple[str, int]] = {}
    group = 0
    bullets_done = False
    for members in parts:
        numbered = [(i, int(m.group(1))) for i in members if (m := _NUMBER.match(body[i]))]
        if len(numbered) >= 2 and [n for _, n in numbered] == list(range(1, len(numbered) + 1)):
            group += 1
            for i, _ in numbered:
                plan[i] = ("number", group)
        bullets = [i for i in members if _BULLET.match(body[i])]
        if bullets and not bullets_done:
            group += 1
            bullets_done = True
            for i in bullets:
                plan[i] = ("bullet", group)
    return plan


def _letterhead_roles(lines: list[str], *, right: bool) -> list[str]:
    """The role of each letterhead line, which decides its size and weight."""
    if right:
        return ["motto" if line in _MOTTOS else "slogan" if line == _SLOGAN
                else "date" if _PLACE_DATE.search(line) else "other" for line in lines]
    caps = [i for i, line in enumerate(lines)
            if _is_caps(line) and not line.startswith(("Số", "V/v"))]
    roles = []
    for i, line in enumerate(lines):
        if line.startswith("Số"):
            roles.append("number")
        elif line.startswith("V/v"):
            roles.append("subject")
        elif i in caps:
            roles.append("issuer" if i == caps[-1] else "parent")
        else:
            roles.append("other")
    return roles


def _marked_notes(doc: Document) -> set[str]:
    """The footnote numbers whose marks stand in the body."""
    return {span.note for text in doc.body for span in _spans(text) if span.note}


# --- Word -------------------------------------------------------------------------------------


def write_docx(doc: Document, path: Path, *, auto_numbering: bool = True) -> None:
    """``doc`` as a Word file, laid out as an office would.

    With ``auto_numbering``, numbered and "- " paragraphs chosen by :func:`_numbering_plan` are
    written without their typed label and with Word numbering instead, so a reader has to put
    the label back from ``word/numbering.xml``. Footnotes are real Word footnotes.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Mm, Pt

    word = docx.Document()
    _word_defaults(word)
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.footer_distance = Mm(10)
    _page_number(section.footer.paragraphs[0])

    if doc.left or doc.right:
        # As in offices' templates, the letterhead reaches 5 mm into both side margins so that
        # the motto fits on one line.
        cells = _borderless_table(word, [Mm(70), Mm(105)], indent=Mm(5))
        for cell, lines, right in ((cells[0], doc.left, False), (cells[1], doc.right, True)):
            for i, (line, role) in enumerate(zip(lines, _letterhead_roles(lines, right=right),
                                                 strict=True)):
                para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                size, bold, italic = _ROLE_STYLE[role]
                if role in ("number", "date"):
                    para.paragraph_format.space_before = Pt(6)
                _add_spans(para, _spans(line, bold=bold, italic=italic), size=size)

    for i, line in enumerate(doc.title):
        para = word.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if i == 0:
            para.paragraph_format.space_before = Pt(18)
        if i == len(doc.title) - 1:
            para.paragraph_format.space_after = Pt(12)
        _add_spans(para, _spans(line, bold=True), size=14)
    if not doc.title:
        word.add_paragraph().paragraph_format.space_after = Pt(6)

    marked = _marked_notes(doc)
    plan = _numbering_plan(doc.body) if auto_numbering else {}
    num_ids = _numbering(word, plan)
    for i, text in enumerate(doc.body):
        if _is_table(text):  # a data table with Word's ruled "Table Grid" style
            rows = _cells(text)
            table = word.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    _add_spans(table.cell(r, c).paragraphs[0], _spans(cell, bold=r == 0),
                               size=13)
            continue
        para = word.add_paragraph()
        fmt = para.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Cm(1)
        fmt.space_after = Pt(6)
        bold = _is_bold(text)
        if i in plan:
            kind, group = plan[i]
            label = (_NUMBER if kind == "number" else _BULLET).match(text)
            assert label is not None
            text = text[label.end():]
            _number_paragraph(para, num_ids[group], bold=bold)
        _add_spans(para, _spans(text, bold=bold), notes=marked)

    if doc.recipients or doc.signature or doc.signer:
        cells = _borderless_table(word, [Mm(80), Mm(85)], space_before=Pt(12))
        left = cells[0].paragraphs[0]
        if doc.recipients:
            _add_spans(left, [_Span("Nơi nhận:", bold=True, italic=True)], size=12)
            for line in doc.recipients:
                _add_spans(cells[0].add_paragraph(), _spans(line), size=11)
        # The signature's lines, room to sign, the name and what follows it.
        signed = [*doc.signature, "", "", "", *([doc.signer] if doc.signer else []),
                  *doc.below_signer]
        for i, line in enumerate(signed):
            para = cells[1].paragraphs[0] if i == 0 else cells[1].add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if line:
                _add_spans(para, _spans(line, bold=True), size=14)

    for text in doc.annex:
        para = word.add_paragraph()
        para.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        para.paragraph_format.space_after = Pt(6)
        _add_spans(para, _spans(text, bold=_is_bold(text)))

    unmarked = [number for number in doc.notes if number not in marked]
    if unmarked:  # a note no mark points to: printed at the end, as a PDF's text layer has it
        for number in unmarked:
            para = word.add_paragraph()
            para.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            _add_spans(para, [_Span(number, note=number), _Span(" "),
                              *_spans(doc.notes[number])], size=10)
    if marked:
        _footnotes(word, {n: doc.notes[n] for n in doc.notes if n in marked})
    word.save(str(path))


def _word_defaults(word: WordDocument) -> None:
    """Times New Roman 14 pt, Vietnamese, single-spaced, for every paragraph and table."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    defaults = _child(word.styles.element, "w:docDefaults")
    run_props = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    _set_fonts(run_props)
    for tag, attrs in (("w:sz", {"w:val": "28"}), ("w:szCs", {"w:val": "28"}),
                       ("w:lang", {"w:val": "vi-VN", "w:eastAsia": "en-US",
                                   "w:bidi": "ar-SA"})):
        element = _child(run_props, tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
    spacing = _child(_child(_child(defaults, "w:pPrDefault"), "w:pPr"), "w:spacing")
    for key, value in (("w:after", "0"), ("w:line", "240"), ("w:lineRule", "auto")):
        spacing.set(qn(key), value)
    normal = word.styles["Normal"]
    normal.font.name = _FONT
    normal.font.size = Pt(14)
    _set_fonts(normal.element.get_or_add_rPr())


def _child(element: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """The first ``tag`` child of ``element``, created at the end if it has none."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    found = element.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        element.append(found)
    return found  # type: ignore[no-any-return]


def _set_fonts(run_props: BaseOxmlElement) -> None:
    """Times New Roman for every script, with the theme fonts (which would win) removed."""
    from docx.oxml.ns import qn

    fonts = _child(run_props, "w:rFonts")
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), _FONT)
    if run_props.index(fonts) != 0:  # rFonts comes first in w:rPr
        run_props.remove(fonts)
        run_props.insert(0, fonts)


def _page_number(para: Paragraph) -> None:
    """A centred PAGE field, as offices print page numbers."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.parser import parse_xml

    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para._p.append(parse_xml(
        f'<w:fldSimple xmlns:w="{_W_NS}" w:instr="PAGE"><w:r><w:rPr><w:sz w:val="26"/></w:rPr>'
        "<w:t>1</w:t></w:r></w:fldSimple>"))


def _borderless_table(word: WordDocument, widths: list[int], *, indent: int = 0,
                      space_before: int | None = None) -> list[_Cell]:
    """A one-row table with no borders, its columns ``widths`` wide, ``indent`` into the left
    margin (EMU)."""
    from docx.oxml.parser import parse_xml

    table = word.add_table(rows=1, cols=len(widths))
    table.autofit = False  # a fixed layout: the columns keep their widths
    props = table._tbl.tblPr
    borders = parse_xml(
        f'<w:tblBorders xmlns:w="{_W_NS}">'
        + "".join(f'<w:{edge} w:val="none" w:sz="0" w:space="0" w:color="auto"/>'
                  for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>")
    props.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    if indent:
        props.insert_element_before(
            parse_xml(f'<w:tblInd xmlns:w="{_W_NS}" w:w="{-round(indent / 635)}" w:type="dxa"/>'),
            "w:tblBorders")
    cells = table.rows[0].cells
    for column, cell, width in zip(table.columns, cells, widths, strict=True):
        column.width = width
        cell.width = width
    if space_before is not None:
        cells[0].paragraphs[0].paragraph_format.space_before = space_before
        cells[-1].paragraphs[0].paragraph_format.space_before = space_before
    return list(cells)


def _add_spans(para: Paragraph, spans: list[_Span], *, size: float | None = None,
               notes: set[str] | None = None) -> None:
    """Runs for ``spans``; a mark of a note in ``notes`` becomes a footnote reference."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement
    from docx.shared import Pt

    for span in spans:
        run = para.add_run("" if span.note and notes and span.note in notes else span.text)
        if span.bold:
            run.bold = True
        if span.italic:
            run.italic = True
        if size is not None:
            run.font.size = Pt(size)
        if span.note:
            run.font.superscript = True
            if notes and span.note in notes:
                reference = OxmlElement("w:footnoteReference")
                reference.set(qn("w:id"), span.note)
                run._r.append(reference)


def _numbering(word: WordDocument, plan: dict[int, tuple[str, int]]) -> dict[int, int]:
    """Word numbering definitions for ``plan``'s groups: group -> ``w:numId``.

    One abstract "%1." list and one "-" bullet list; each group gets its own ``w:num`` whose
    level 0 restarts at 1, so every part counts from 1 again.
    """
    if not plan:
        return {}
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml

    numbering = word.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId")))
                    for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    decimal_id = max(abstract_ids, default=-1) + 1
    bullet_id = decimal_id + 1
    indent = '<w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr>'
    font = (f'<w:rPr><w:rFonts w:ascii="{_FONT}" w:hAnsi="{_FONT}" w:cs="{_FONT}" '
            'w:hint="default"/></w:rPr>')
    abstracts = [
        f'<w:abstractNum xmlns:w="{_W_NS}" w:abstractNumId="{decimal_id}">'
        '<w:nsid w:val="5A3C1E01"/><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:suff w:val="space"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
        f"{indent}</w:lvl></w:abstractNum>",
        f'<w:abstractNum xmlns:w="{_W_NS}" w:abstractNumId="{bullet_id}">'
        '<w:nsid w:val="5A3C1E02"/><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        '<w:suff w:val="space"/><w:lvlText w:val="-"/><w:lvlJc w:val="left"/>'
        f"{indent}{font}</w:lvl></w:abstractNum>",
    ]
    first_num = numbering.find(qn("w:num"))
    for xml in abstracts:
        element = parse_xml(xml)
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)
    result: dict[int, int] = {}
    next_id = max(num_ids, default=0) + 1
    kinds = {group: kind for kind, group in plan.values()}
    for group in sorted(kinds):
        abstract = decimal_id if kinds[group] == "number" else bullet_id
        numbering.append(parse_xml(
            f'<w:num xmlns:w="{_W_NS}" w:numId="{next_id}"><w:abstractNumId w:val="{abstract}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        result[group] = next_id
        next_id += 1
    return result


def _number_paragraph(para: Paragraph, num_id: int, *, bold: bool) -> None:
    """Put ``para`` in list ``num_id`` at level 0; a bold heading's label is bold too."""
    from docx.oxml.parser import parse_xml

    props = para._p.get_or_add_pPr()
    numbering = props.get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = num_id
    if bold:  # the label takes the paragraph mark's formatting
        props.insert_element_before(parse_xml(f'<w:rPr xmlns:w="{_W_NS}"><w:b/></w:rPr>'),
                                    "w:sectPr", "w:pPrChange")


def _footnotes(word: WordDocument, notes: dict[str, str]) -> None:
    """A ``word/footnotes.xml`` part holding ``notes``, related to the main document."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml

    def runs(text: str) -> str:
        out = []
        for span in _spans(text):
            props = ('<w:sz w:val="20"/><w:szCs w:val="20"/>'
                     + ('<w:vertAlign w:val="superscript"/>' if span.note else ""))
            props = ("<w:b/>" if span.bold else "") + ("<w:i/>" if span.italic else "") + props
            out.append(f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">'
                       f"{html.escape(span.text, quote=False)}</w:t></w:r>")
        return "".join(out)

    separators = "".join(
        f'<w:footnote w:type="{kind}" w:id="{number}"><w:p><w:pPr>'
        f'<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"<w:r><w:{kind}/></w:r></w:p></w:footnote>"
        for kind, number in (("separator", -1), ("continuationSeparator", 0)))
    items = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:pPr><w:jc w:val="both"/></w:pPr>'
        '<w:r><w:rPr><w:sz w:val="20"/><w:vertAlign w:val="superscript"/></w:rPr>'
        '<w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="20"/></w:rPr>'
        f'<w:t xml:space="preserve"> </w:t></w:r>{runs(text)}</w:p></w:footnote>'
        for number, text in notes.items())
    element = parse_xml(f'<w:footnotes xmlns:w="{_W_NS}">{separators}{items}</w:footnotes>')
    if any(rel.reltype == _FOOTNOTES_REL for rel in word.part.rels.values()):
        raise ValueError("the Word template already has a footnotes part")
    package = word.part.package
    assert package is not None
    part = XmlPart(PackURI("/word/footnotes.xml"), _FOOTNOTES_TYPE, element, package)
    word.part.relate_to(part, _FOOTNOTES_REL)
    # Word names its separator notes in the settings, before w:endnotePr / w:compat.
    settings = word.settings.element
    if settings.find(qn("w:footnotePr")) is None:
        settings.insert_element_before(
            parse_xml(f'<w:footnotePr xmlns:w="{_W_NS}"><w:footnote w:id="-1"/>'
                      '<w:footnote w:id="0"/></w:footnotePr>'),
            "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
            "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
            "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
            "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
            "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")


# --- web page and PDF -------------------------------------------------------------------------

_CSS = f"""
@page {{ size: A4; margin: 20mm 15mm 20mm 30mm; }}
html {{ font-family: {_CSS_FONT}; font-size: 14pt; line-height: 1.25;
        font-variant-ligatures: none; color: #000; background: #fff; }}
body {{ margin: 0; }}
@media screen {{ body {{ max-width: 165mm; margin: 20mm auto; }} }}
p {{ margin: 0; }}
table.letterhead, table.tail {{ width: 100%; border-collapse: collapse; border: none;
                                table-layout: fixed; page-break-inside: avoid; }}
table.letterhead td, table.tail td {{ border: none; padding: 0; vertical-align: top; }}
/* Chromium clips what reaches into the page margins, so the letterhead keeps to the text
   width; a font wider than Times New Roman is narrowed (DejaVu Serif has condensed faces) so
   that the motto keeps to one line, as it does in print. */
table.letterhead, table.tail {{ font-stretch: condensed; }}
table.letterhead td {{ text-align: center; }}
table.data {{ border-collapse: collapse; width: 100%; margin: 6pt 0; font-size: 13pt; }}
table.data th, table.data td {{ border: 1px solid #000; padding: 2pt 4pt; }}
table.letterhead td.left {{ width: 38%; }}
.motto, .slogan {{ white-space: nowrap; }}  /* the date wraps, as Word wraps it */
.parent, .issuer, .number, .motto, .other {{ font-size: 13pt; }}
.subject {{ font-size: 12pt; }}
.slogan, .date {{ font-size: 14pt; }}
.number, .date {{ margin-top: 6pt; }}
.kind {{ text-align: center; margin-top: 18pt; }}
.title {{ text-align: center; }}
.title.last {{ margin-bottom: 12pt; }}
.opening {{ margin-top: 12pt; }}
.body {{ text-align: justify; text-indent: 1cm; margin-bottom: 6pt; }}
table.tail {{ margin-top: 12pt; }}
table.tail td.recipients {{ width: 52%; }}
table.tail td.signature {{ text-align: center; }}
.received {{ font-size: 12pt; }}
.recipient {{ font-size: 11pt; }}
hr {{ width: 35%; margin: 12pt 0 6pt 0; border: none; border-top: 0.5pt solid #000; }}
.note {{ font-size: 10pt; text-align: justify; margin-bottom: 3pt; }}
sup {{ font-size: 65%; line-height: 0; }}
"""


def write_html(doc: Document, path: Path) -> None:
    """``doc`` as one self-contained web page (inline CSS, no outside resources)."""
    path.write_text(_html(doc), encoding="utf-8")


def _html(doc: Document) -> str:
    def spans(text: str, *, bold: bool = False, italic: bool = False) -> str:
        out = []
        for span in _spans(text, bold=bold, italic=italic):
            piece = html.escape(span.text, quote=False)
            if span.note:
                piece = f"<sup>{piece}</sup>"
            if span.italic:
                piece = f"<i>{piece}</i>"
            if span.bold:
                piece = f"<b>{piece}</b>"
            out.append(piece)
        return "".join(out)

    def column(lines: list[str], *, right: bool) -> str:
        out = []
        for line, role in zip(lines, _letterhead_roles(lines, right=right), strict=True):
            _, bold, italic = _ROLE_STYLE[role]
            out.append(f'<p class="{role}">{spans(line, bold=bold, italic=italic)}</p>')
        return "\n".join(out)

    parts = []
    if doc.left or doc.right:
        parts.append('<table class="letterhead"><tr>\n'
                     f'<td class="left">\n{column(doc.left, right=False)}\n</td>\n'
                     f'<td class="right">\n{column(doc.right, right=True)}\n</td>\n'
                     "</tr></table>")
    for i, line in enumerate(doc.title):
        css = "kind" if i == 0 else "title last" if i == len(doc.title) - 1 else "title"
        parts.append(f'<p class="{css}">{spans(line, bold=True)}</p>')
    for i, text in enumerate(doc.body):
        css = "body opening" if i == 0 and not doc.title else "body"
        if _is_table(text):  # a data table, ruled as offices rule it
            rows = _cells(text)
            parts.append('<table class="data">' + "".join(
                "<tr>" + "".join(f"<{'th' if r == 0 else 'td'}>{spans(c, bold=r == 0)}"
                                 f"</{'th' if r == 0 else 'td'}>" for c in row) + "</tr>"
                for r, row in enumerate(rows)) + "</table>")
            continue
        parts.append(f'<p class="{css}">{spans(text, bold=_is_bold(text))}</p>')
    if doc.recipients or doc.signature or doc.signer:
        left = ""
        if doc.recipients:
            left = ('<p class="received"><b><i>Nơi nhận:</i></b></p>\n'
                    + "\n".join(f'<p class="recipient">{spans(line)}</p>'
                                for line in doc.recipients))
        right = [f"<p>{spans(line, bold=True)}</p>" for line in doc.signature]
        right += ["<p>&nbsp;</p>"] * 3
        if doc.signer:
            right.append(f"<p>{spans(doc.signer, bold=True)}</p>")
        right += [f"<p>{spans(line, bold=True)}</p>" for line in doc.below_signer]
        parts.append('<table class="tail"><tr>\n'
                     f'<td class="recipients">\n{left}\n</td>\n'
                     '<td class="signature">\n' + "\n".join(right) + "\n</td>\n</tr></table>")
    parts += [f'<p class="body">{spans(text, bold=_is_bold(text))}</p>' for text in doc.annex]
    if doc.notes:
        parts.append("<hr>")
        parts += [f'<p class="note"><sup>{number}</sup> {spans(text)}</p>'
                  for number, text in doc.notes.items()]
    subject = [line for line in doc.left if line.startswith("V/v")]
    heading = " ".join(plain(line) for line in doc.title or subject) or doc.name
    return ('<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(heading)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            + "\n".join(parts) + "\n</body>\n</html>\n")


def write_pdf(doc: Document, path: Path, browser: Browser, font: str | None = None) -> None:
    """``doc`` printed to PDF by Chromium from its web page: a text layer, fonts embedded;
    in ``font`` (a CSS font family) instead of Times New Roman's family where given."""
    page = browser.new_page()
    try:
        page.set_content(_html(doc) if font is None else _html(doc).replace(
            html.escape(_CSS_FONT, quote=False), font).replace(_CSS_FONT, font),
            wait_until="load")
        page.pdf(path=path, format="A4", print_background=False,
                 margin={"top": "20mm", "bottom": "20mm", "left": "30mm", "right": "15mm"},
                 display_header_footer=True, header_template="<span></span>",
                 footer_template=_FOOTER)
    finally:
        page.close()


# --- plain text and the whole corpus -------------------------------------------------------------


def plain_text(doc: Document) -> str:
    """``doc`` as plain text, one paragraph a line with a blank line between, notes last."""
    lines = [*doc.left, *doc.right, *doc.title,
             *("\n".join("\t".join(row) for row in _cells(text)) if _is_table(text)
               else plain(text) for text in doc.body)]
    if doc.recipients:
        lines += ["Nơi nhận:", *doc.recipients]
    lines += doc.signature
    if doc.signer:
        lines.append(doc.signer)
    lines += doc.below_signer
    lines += [plain(text) for text in doc.annex]
    lines += [f"{number.translate(_TO_SUPERSCRIPT)} {plain(text)}"
              for number, text in doc.notes.items()]
    return "\n\n".join(lines) + "\n"


def render_all(out: Path, browser: Browser, documents: list[Document] | None = None,
               ) -> dict[str, dict[str, Path]]:
    """Each source (by default the three of ``SOURCES``) as ``<name>.docx``, ``.html``, ``.pdf``
    and ``.txt`` in ``out``; the PDFs printed by ``browser`` (the tests' session browser:
    Playwright runs one per thread).

    Returns name -> suffix ("docx", "html", "pdf", "txt") -> file.
    """
    out.mkdir(parents=True, exist_ok=True)
    if documents is None:
        documents = [load(source) for source in SOURCES.values()]
    files: dict[str, dict[str, Path]] = {}
    for doc in documents:
        paths = {suffix: out / f"{doc.name}.{suffix}" for suffix in ("docx", "html", "pdf", "txt")}
        write_docx(doc, paths["docx"])
        write_html(doc, paths["html"])
        paths["txt"].write_text(plain_text(doc), encoding="utf-8")
        files[doc.name] = paths
    for doc in documents:
        write_pdf(doc, files[doc.name]["pdf"], browser)
    return files
