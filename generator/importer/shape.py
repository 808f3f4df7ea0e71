"""Paragraphs of a received document in, a Markdown campaign file out.

Whatever the source (Word, PDF, a web page, plain text), its readers give paragraphs in
reading order. Here the letterhead becomes front matter (issuer and its parent, "Số: …", the
place and date line), the kind and title become the ``#`` lines, Roman-numbered headings become
``##`` parts, lines broken inside a sentence are joined again, and "Nơi nhận" is marked; every
other paragraph is written as it is, so the campaign parser reads the document exactly as a
communicator would have pasted it. What could not be placed with confidence is reported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

from generator.campaign.markdownsource import TITLE_KINDS
from generator.campaign.text import clean_text
from generator.content.vi import fold, slugify


@dataclass
class Para:
    """One paragraph of the source as its reader found it."""

    text: str
    line: int  # where it starts in the source, for the report (FILE:LINE)
    bold: bool = False
    wrapped: bool = False  # a PDF line that runs to the right margin: the sentence goes on
    image: bytes | None = None  # a picture, with ``text`` its file suffix


@dataclass
class Shaped:
    """The Markdown campaign and what the import is unsure of."""

    markdown: str
    facts: dict[str, object]
    unsure: list[tuple[int, str]] = field(default_factory=list)


_MOTTO = re.compile(r"^(cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc"
                    r"|dang cong san viet nam|[-_*–—. ]+)$")
_NUMBER = re.compile(r"\bSố\s*:\s*(?P<number>[\w./-]*\d[\w./-]*)", re.IGNORECASE)
_PLACE_DATE = re.compile(r"(?P<place>[^\d,;:]{2,40}?),\s*ngày\s+(?P<day>\d{1,2})\s+tháng\s+"
                         r"(?P<month>\d{1,2})\s+năm\s+(?P<year>\d{4})")
_SUBJECT = re.compile(r"^(?:V/v|Về việc)\s*:?\s*(?P<subject>.+)$", re.IGNORECASE)
_ROMAN = re.compile(r"^[IVXL]{1,6}[.)]\s+\S")
_MARKER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]|[a-zđ][).]|[-–+•*])\s+")
_OPENING = re.compile(r"^(?:Căn cứ|Thực hiện|Theo|Để|Nhằm|Kính gửi|Xét|Trên cơ sở)\b",
                      re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;:!?…”\")\]]\s*$")
_RECIPIENTS = re.compile(r"^\**\s*Nơi nhận\s*:?\s*\**\s*:?", re.IGNORECASE)
_STARS = re.compile(r"\*+([^*\n]+?)\*+")
# The number's code tells the kind of a document that does not say it in words.
_KIND_CODES = {"KH": "Kế hoạch", "HD": "Hướng dẫn", "CV": "Công văn", "QĐ": "Quyết định",
               "TB": "Thông báo", "CTr": "Chương trình", "CT": "Chỉ thị"}
_KIND_SHORT = {"Kế hoạch": "kh", "Hướng dẫn": "hd", "Công văn": "cv", "Quyết định": "qd",
               "Thông báo": "tb", "Chương trình": "ctr", "Chỉ thị": "ct"}


def shape(paragraphs: list[Para], pictures: str = "hinh") -> Shaped:
    """The Markdown campaign file for a document's paragraphs; its pictures are referred to
    as files of the folder ``pictures`` (beside the campaign file)."""
    paras: list[Para] = []
    count = 0
    for para in paragraphs:
        if para.image is not None:
            count += 1
            name = f"{pictures}/hinh-{count}{para.text}"
            # Kept beside the campaign and named in it; the page shows the text only.
            paras.append(Para(f"<!-- Hình {count}: {name} -->", para.line))
        elif (cleaned := _clean(para)).text:
            paras.append(cleaned)
    paras = _joined(paras)
    facts: dict[str, object] = {}
    unsure: list[tuple[int, str]] = []
    start = _letterhead(paras, facts, unsure)
    body = paras[start:]
    head, body = _title(body, facts)
    if facts.pop("untitled", False):
        unsure.append((body[0].line if body else 1,
                       f"văn bản không có dòng tên; đã đặt tạm title: {facts['title']}; hãy sửa "
                       "cho đúng trích yếu"))
    lines: list[str] = [*head]
    in_recipients = False
    for para in body:
        text = para.text
        if _RECIPIENTS.match(text):
            in_recipients = True
            rest = _RECIPIENTS.sub("", text).strip()
            lines += ["**Nơi nhận:**", ""]
            if rest:
                lines += [f"- {rest}", ""]
            continue
        if in_recipients and _MARKER.match(text) is None and _looks_like_recipient(text):
            lines += [f"- {text}", ""]
            continue
        if in_recipients and not _MARKER.match(text):
            in_recipients = False
        if _ROMAN.match(text) and text.upper() == text and len(text) < 200:
            lines += [f"## {text}", ""]
        elif para.bold and len(text) < 200 and not _MARKER.match(text):
            lines += [f"**{text}**", ""]
        else:
            lines += [text, ""]
    front = {key: facts[key] for key in ("kind", "number", "issuer", "parent", "place", "date",
                                         "year", "title") if key in facts}
    issued = facts.get("date")
    if isinstance(issued, dt.date):
        front["date"] = f"{issued:%d/%m/%Y}"
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False,
                                    width=100) + "---\n\n" + "\n".join(lines).rstrip() + "\n"
    return Shaped(text, facts, unsure)


def propose_id(facts: dict[str, object]) -> str:
    """'kh-159-ubnd-2025' from the kind, number and year; the title's words otherwise."""
    kind = str(facts.get("kind") or "")
    year = facts.get("year") or ""
    number = str(facts.get("number") or "")
    digits = re.match(r"\d+", number)
    code = re.split(r"[-/]", number)[-1] if number else ""
    parts = [_KIND_SHORT.get(kind, slugify(kind, 10)), digits[0] if digits else "",
             slugify(code, 20) if digits else "", str(year)]
    made = "-".join(p for p in parts if p)
    if not digits:
        made = "-".join(p for p in (slugify(str(facts.get("title") or kind), 40), str(year)) if p)
    return slugify(made, 80)


def _clean(para: Para) -> Para:
    text = clean_text(para.text).replace("\u00a0", " ")
    text = _STARS.sub(r"\1", text)  # bold and italic markers left by copying from a web page
    text = re.sub(r"\s+", " ", text).strip()
    return Para(text, para.line, para.bold, para.wrapped)


def _joined(paras: list[Para]) -> list[Para]:
    """Lines broken inside a sentence (by PDF extraction, hard wraps or a page break) joined
    again: the next line goes on in lower case, or the line ran to the margin."""
    out: list[Para] = []
    for para in paras:
        if out and _continues(out[-1], para):
            last = out[-1]
            out[-1] = Para(f"{last.text} {para.text}", last.line, last.bold and para.bold,
                           para.wrapped)
        else:
            out.append(para)
    return out


def _continues(before: Para, after: Para) -> bool:
    if before.text.startswith("<!--") or after.text.startswith("<!--"):
        return False
    if _MARKER.match(after.text) or _ROMAN.match(after.text) or _RECIPIENTS.match(after.text):
        return False
    if _SENTENCE_END.search(before.text) or before.text.upper() == before.text:
        return before.wrapped and not _SENTENCE_END.search(before.text) and \
            after.text.upper() != after.text
    first = after.text[:1]
    if first.islower():
        return True
    # "Bà Rịa - Vũng" / "Tàu": a name cut after its hyphen.
    return (bool(re.search(r"\s[-–]\s\w+$", before.text)) and len(after.text.split()) <= 3) \
        or before.wrapped


def _letterhead(paras: list[Para], facts: dict[str, object],
                unsure: list[tuple[int, str]]) -> int:
    """Read the letterhead: the lines up to the document's kind (or its subject, for a letter,
    or its first paragraph). Returns where the body starts."""
    names: list[str] = []
    end = 0
    for i, para in enumerate(paras[:20]):
        text = para.text
        words = fold(text).lower().strip(" .")
        if _is_kind(text) or _OPENING.match(text) or _ROMAN.match(text):
            end = i
            break
        found = False
        if number := _NUMBER.search(text):
            facts["number"] = number["number"].rstrip(".")
            found = True
        if place := _PLACE_DATE.search(text):
            facts["place"] = place["place"].strip(" -")
            try:
                facts["date"] = dt.date(int(place["year"]), int(place["month"]),
                                        int(place["day"]))
            except ValueError:
                unsure.append((para.line, f"ngày '{place[0]}' không có thật"))
            found = True
        if subject := _SUBJECT.match(text):
            facts["subject"] = subject["subject"].strip()
            found = True
        if found or _MOTTO.match(words):
            continue
        if text.upper() == text and len(text) <= 120 and "number" not in facts:
            names.append(text)
            continue
        end = i
        break
    else:
        end = min(len(paras), 20)
    if names:
        facts["issuer"] = names[-1]
        if len(names) > 1:
            facts["parent"] = " ".join(names[:-1])
    for key, what in (("number", "số, ký hiệu"), ("date", "ngày ban hành"),
                      ("issuer", "cơ quan ban hành")):
        if key not in facts:
            unsure.append((paras[0].line if paras else 1,
                           f"không thấy {what} ở đầu văn bản; hãy ghi vào phần đầu của tệp"))
    issued = facts.get("date")
    if isinstance(issued, dt.date):
        facts["year"] = issued.year
    return end


def _is_kind(text: str) -> bool:
    return text.upper() == text and any(fold(text).lower().strip() == fold(k).lower()
                                        for k in TITLE_KINDS)


def _title(body: list[Para], facts: dict[str, object]) -> tuple[list[str], list[Para]]:
    """The ``#`` lines: the kind in capitals and the title lines under it, up to the first
    paragraph of the text; a letter's subject ("V/v ...") when it has no kind line."""
    if body and _is_kind(body[0].text):
        kind = next(k for k in TITLE_KINDS
                    if fold(k).lower() == fold(body[0].text).lower().strip())
        facts["kind"] = kind
        lines = [f"# {body[0].text}"]
        i = 1
        while i < len(body) and i <= 4 and not _OPENING.match(body[i].text) \
                and not _ROMAN.match(body[i].text) and not _MARKER.match(body[i].text) \
                and len(body[i].text) < 300 and not _is_kind(body[i].text):
            lines.append(f"# {body[i].text}")
            i += 1
        return [*lines, ""], body[i:]
    number = str(facts.get("number") or "")
    code = next((kind for code, kind in _KIND_CODES.items()
                 if re.search(rf"[-/]{code}\b", number)), None)
    kind = code or "Công văn"
    facts["kind"] = kind
    subject = str(facts.get("subject") or "")
    if subject:
        facts["title"] = f"{kind} về việc {subject[:1].lower()}{subject[1:]}"
    else:
        issuer = facts.get("issuer")
        facts["title"] = " ".join(str(p) for p in (
            kind, f"số {number}" if number else None,
            f"của {str(issuer).capitalize()}" if issuer else None) if p)
        facts["untitled"] = True
    return [], body


def _looks_like_recipient(text: str) -> bool:
    return len(text) <= 150 and not _OPENING.match(text) and text.upper() != text
