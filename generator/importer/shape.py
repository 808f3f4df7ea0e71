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
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from generator.campaign.markdownsource import TITLE_KINDS
from generator.campaign.text import clean_text
from generator.importer.paragraphs import Para
from generator.vi import fold, issuer_name, sentence_name, slugify


@dataclass
class Shaped:
    """The Markdown campaign and what the import is unsure of."""

    markdown: str
    facts: dict[str, object]
    unsure: list[tuple[int, str]] = field(default_factory=list)


_MOTTO = re.compile(r"^(cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc"
                    r"|dang cong san viet nam|[-_*–—. ]+)$")
# "Số: 01/KH-UBND", a Party body's "Số 47-HD/BTGTU", or a draft's blank "Số:     /KH-UBND".
_NUMBER = re.compile(r"^\s*Số\s*(?::\s*|\s+(?=\d))(?P<number>\d[\w./-]*)?", re.IGNORECASE)
# A draft leaves the day and month blank until it is signed: "Lạc Dương, ngày   tháng   năm 2020".
_PLACE_DATE = re.compile(r"(?P<place>[^\d,;:]{2,40}?),\s*ngày\s*(?P<day>\d{1,2})?[\s.…]*tháng"
                         r"\s*(?P<month>\d{1,2})?[\s.…]*năm\s+(?P<year>\d{4})")
# A place-and-date line cut before its year's last digits.
_CUT_DATE = re.compile(r",\s*ngày\s*\d{0,2}[\s.…]*tháng\s*\d{0,2}[\s.…]*(?:năm\s*\d{0,3})?$")
_SUBJECT = re.compile(r"^(?:V/v|Về việc)\s*:?\s*(?P<subject>.+)$", re.IGNORECASE)
_ROMAN = re.compile(r"^[IVXL]{1,6}[.)]\s+\S")
_MARKER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]|[a-zđ][).]|[-–+•*])\s+")
_OPENING = re.compile(r"^(?:Căn cứ|Thực hiện|Theo|Để|Nhằm|Kính gửi|Xét|Trên cơ sở)\b",
                      re.IGNORECASE)
_ANNEX = re.compile(r"^PHỤ LỤC(?:\s+(?:[IVXL]{1,6}|\d{1,2}))?\.?$")
_SENTENCE_END = re.compile(r"[.;:!?…”\")\]]\s*$")
_RECIPIENTS = re.compile(r"^\**\s*Nơi nhận\s*:?\s*\**\s*:?", re.IGNORECASE)
# Emphasis left by copying from a web page: "*21*", "**Nơi nhận**", never "(*)" or "5*3".
_STARS = re.compile(r"(?<![\w*])\*{1,3}(?=[\w“\"(])([^*\n]+?)(?<=[\w”\".!?…):])\*{1,3}(?![\w*])")
_STAR_ENDS = re.compile(r"^\*{2,3}(?=[\w“\"(])|(?<=[\w”\".!?…):])\*{2,3}$")
# A footnote's mark: ⁽¹⁾, a raised number (never the power of a unit: "200 m²"), [1] or
# [^1]; it counts as one only where a footnote of that number exists. A footnote's text starts
# with its mark: "¹ …", "⁽¹⁾ …", "[1] …" (Word's web page) or "[^1]: …" (Word's footnotes).
_MARK = (r"(?:⁽(?P<a>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾|(?<![mM])(?P<b>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)|\[(?P<c>\d{1,3})\]"
         r"|\[\^(?P<d>\w+)\]COLON)")
_NOTE_DEF = re.compile("^" + _MARK.replace("COLON", ":") + r"\s*(?P<text>\S.*)$")
_NOTE_REF = re.compile(r"(?<=\S)" + _MARK.replace("COLON", ""))
_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# "Thường trực TU, HĐND-UBND TP, } (để": a brace in the recipients gathers lines under one
# purpose, written in pieces on the lines it spans.
_BRACE = re.compile(r"\s*}\s*(?P<piece>.*)$")
# The number's code tells the kind of a document that does not say it in words.
_KIND_CODES = {"KH": "Kế hoạch", "HD": "Hướng dẫn", "CV": "Công văn", "QĐ": "Quyết định",
               "TB": "Thông báo", "CTr": "Chương trình", "CT": "Chỉ thị"}
_KIND_SHORT = {"Kế hoạch": "kh", "Hướng dẫn": "hd", "Công văn": "cv", "Quyết định": "qd",
               "Thông báo": "tb", "Chương trình": "ctr", "Chỉ thị": "ct"}


# The pictures' folder while it is not yet named: a NUL, which no text holds.
_FOLDER = "\x00"


def shape(paragraphs: list[Para],
          pictures: str | Callable[[dict[str, object]], str] = "hinh") -> Shaped:
    """The Markdown campaign file for a document's paragraphs; its pictures are referred to
    as files of the folder ``pictures`` beside the campaign file, or of the folder that
    ``pictures(facts)`` names once the document's facts are read (an import names it after
    the id they give: one pass)."""
    paras: list[Para] = []
    count = 0
    for para in paragraphs:
        if para.image is not None:
            count += 1
            name = f"{_FOLDER}/hinh-{count}{para.text}"
            # Kept beside the campaign and named in it; the page shows the text only.
            paras.append(Para(f"<!-- Hình {count}: {name} -->", para.line))
        elif para.table:
            paras.append(Para(clean_text(para.text), para.line, table=True))
        elif (cleaned := _clean(para)).text:
            paras.append(cleaned)
    paras, notes = _notes_aside(paras)
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
    plan = _attached_plan(body, facts) if facts.get("kind") == "Quyết định" else None
    if plan is not None:
        # A decision that issues a plan: the decision's articles, then the plan under its own
        # title; the plan's letterhead repeats the decision's and is left out (and said so).
        start, kind_at = plan
        lines += _body_lines(body[:start], notes)
        if kind_at > start:
            unsure.append((body[start].line, "bỏ phần tiêu đề lặp lại ở đầu kế hoạch kèm theo "
                                             f"({kind_at - start} dòng)"))
        plan_head, body = _title(body[kind_at:], {})
        facts["decision"] = {"number": facts["number"]} if "number" in facts else {}
        lines += plan_head
    lines += _body_lines(body, notes)
    lines += [f"[^{key}]: {text}\n" for key, text in notes.items()]
    if actions := _citizen_actions(body):
        facts["leaflet"] = {"actions": [text for text, _ in actions]}
        unsure.append((actions[0][1], f"{len(actions)} việc người dân nên làm lấy từ văn bản "
                                      "(leaflet: actions, in trên tờ gấp); hãy xem lại"))
    if found := _contact(body, facts):
        facts["contact"], line = found
        unsure.append((line, "đường dây nóng lấy từ câu này (contact); hãy kiểm tra số và "
                             "đơn vị đầu mối"))
    front: dict[str, object] = {
        key: facts[key] for key in ("draft", "kind", "number", "issuer", "parent", "place",
                                    "date", "year", "title", "contact", "leaflet")
        if key in facts}
    issued = facts.get("date")
    if isinstance(issued, dt.date):
        front["date"] = f"{issued:%d/%m/%Y}"
    if isinstance(decision := facts.get("decision"), dict):
        # The number is the decision's; the plan it issues has none of its own, and its kind
        # and title are the plan's, read from its title lines.
        for key in ("number", "kind", "title"):
            front.pop(key, None)
        front["decision"] = {**decision, **({"date": front["date"]} if "date" in front else {})}
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False,
                                    width=100) + "---\n\n" + "\n".join(lines).rstrip() + "\n"
    folder = pictures(facts) if callable(pictures) else pictures
    return Shaped(text.replace(_FOLDER, folder), facts, unsure)


# Where citizens call: "đường dây nóng 0258 3812 345", "số điện thoại: 0912.345.678"; the unit
# to call is the one the sentence names before it ("liên hệ Phòng Văn hóa - Xã hội, …").
_HOTLINE = re.compile(r"(?:đường dây nóng|hotline|số điện thoại|điện thoại)\s*(?:số)?\s*:?\s*"
                      r"(?P<phone>\+?\d[\d .()-]{5,22}\d)", re.IGNORECASE)
_CALL_UNIT = re.compile(r"liên hệ(?: với)?\s+(?P<unit>[^,;:.()]{3,80}?)\s*(?:[,(;]|qua\b|theo\b)",
                        re.IGNORECASE)


def _contact(body: list[Para], facts: dict[str, object],
             ) -> tuple[dict[str, str], int] | None:
    """The hotline a document gives citizens, with the unit it names, and its line."""
    for para in body:
        found = _HOTLINE.search(para.text)
        if found and not para.table:
            unit = _CALL_UNIT.search(para.text[:found.start()])
            name = unit["unit"].strip() if unit else issuer_name(
                str(facts.get("issuer") or ""), str(facts["parent"]) if facts.get("parent")
                else None)
            phone = " ".join(found["phone"].split())
            return ({"unit": name, "hotline": phone}, para.line) if name else None
    return None


# What a plan asks of citizens: the people it names ("vận động Nhân dân", "mọi người dân",
# "cử tri", beneficiaries "người hưởng …") and the verbs that follow them, each action up
# to the next comma that opens another.
_CITIZENS = re.compile(r"(?:mọi |các tầng lớp |toàn thể )?(?:Nhân dân|nhân dân|người dân|cử tri|"
                       r"hộ gia đình|người hưởng[^,;.]{0,80}?|đối tượng hưởng[^,;.]{0,80}?)"
                       r"\s+(?P<what>(?:tiếp tục |tích cực |chủ động |nghiêm túc )?"
                       r"(?:tham gia|chấp hành|thực hiện|không |mở |nêu cao|ra sức|giữ gìn|"
                       r"bảo vệ|đăng ký|tố giác|phát hiện|cài đặt|sử dụng|đi bầu|lựa chọn)"
                       r"[^.;:]*)")
_ACTION = re.compile(r",\s+(?=(?:tiếp tục |tích cực |chủ động )?(?:tham gia|chấp hành|thực hiện|"
                     r"không |mở |nêu cao|ra sức|giữ gìn|bảo vệ|đăng ký|tố giác|phát hiện|"
                     r"cài đặt|sử dụng|đi bầu|lựa chọn)\b)")
_MAX_ACTIONS, _ACTION_CHARS = 8, 160


def _citizen_actions(body: list[Para]) -> list[tuple[str, int]]:
    """What the document asks citizens to do, in its words, with the line of each."""
    found: list[tuple[str, int]] = []
    for para in body:
        if para.table:
            continue
        for match in _CITIZENS.finditer(para.text):
            for action in _ACTION.split(match["what"]):
                action = action.strip(" ,")
                if 3 <= len(action) <= _ACTION_CHARS and all(a != action for a, _ in found):
                    found.append((action[:1].upper() + action[1:], para.line))
    return found[:_MAX_ACTIONS]


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
    # Bold and italic markers left by copying from a web page, also those a line break split.
    text = _STAR_ENDS.sub("", _STARS.sub(r"\1", text))
    text = re.sub(r"\s+", " ", text).strip()
    return Para(text, para.line, para.bold, para.wrapped, goes_on=para.goes_on,
                indented=para.indented)


def _joined(paras: list[Para]) -> list[Para]:
    """Lines broken inside a sentence (by PDF extraction, hard wraps or a page break) joined
    again: the next line goes on in lower case, or the line ran to the margin."""
    out: list[Para] = []
    for para in paras:
        if out and _CUT_DATE.search(out[-1].text) and re.match(r"\d{1,4}\b", para.text):
            # The place-and-date line wrapped in its narrow column: "…, ngày 19 tháng 11
            # năm 20" / "25" (a wider font than the one it was typed in).
            last = out[-1]
            glue = "" if last.text[-1:].isdigit() else " "
            out[-1] = Para(f"{last.text}{glue}{para.text}", last.line, last.bold, para.wrapped)
        elif out and _continues(out[-1], para):
            last = out[-1]
            out[-1] = Para(f"{last.text} {para.text}", last.line, last.bold and para.bold,
                           para.wrapped)
        else:
            out.append(para)
    return out


def _continues(before: Para, after: Para) -> bool:
    if before.table or after.table or before.text.startswith("<!--") \
            or after.text.startswith("<!--"):
        return False
    if _MARKER.match(after.text) or _ROMAN.match(after.text) or _RECIPIENTS.match(after.text):
        return False
    if after.goes_on or after.indented:
        return after.goes_on
    if _SENTENCE_END.search(before.text) or before.text.upper() == before.text:
        return before.wrapped and not _SENTENCE_END.search(before.text) and \
            after.text.upper() != after.text
    first = after.text[:1]
    if first.islower():
        return True
    # "Bà Rịa - Vũng" / "Tàu": a name cut after its hyphen.
    return bool(re.search(r"\s[-–]\s[^\W\d]\w*$", before.text)) or before.wrapped


def _letterhead(paras: list[Para], facts: dict[str, object],
                unsure: list[tuple[int, str]]) -> int:
    """Read the letterhead: the lines up to the document's kind (or its subject, for a letter,
    or its first paragraph). Returns where the body starts."""
    names: list[Para] = []
    end = 0
    last_subject = False
    for i, para in enumerate(paras[:20]):
        text = para.text
        words = fold(text).lower().strip(" .")
        if _is_kind(text) or _OPENING.match(text) or _ROMAN.match(text):
            end = i
            break
        if last_subject and text.upper() != text and not _PLACE_DATE.search(text) \
                and not _NUMBER.search(text):
            # The subject goes on under "V/v" in the narrow left column.
            facts["subject"] = f"{facts['subject']} {text}"
            continue
        last_subject = False
        found = False
        if number := _NUMBER.search(text):
            if number["number"]:
                facts["number"] = number["number"].rstrip(".")
            else:
                facts["number_blank"] = True
                unsure.append((para.line, "số văn bản còn để trống (bản dự thảo?); khi có, hãy "
                                          "ghi number: SỐ/KÝ-HIỆU ở phần đầu"))
            found = True
        if place := _PLACE_DATE.search(text):
            facts["place"] = place["place"].strip(" -")
            facts["year"] = int(place["year"])
            if place["day"] and place["month"]:
                try:
                    facts["date"] = dt.date(int(place["year"]), int(place["month"]),
                                            int(place["day"]))
                except ValueError:
                    unsure.append((para.line, f"ngày '{place[0]}' không có thật"))
            else:
                unsure.append((para.line, "ngày, tháng ban hành còn để trống (bản dự thảo?); "
                                          "khi có, hãy ghi date: NGÀY/THÁNG/NĂM ở phần đầu"))
            found = True
        if subject := _SUBJECT.match(text):
            facts["subject"] = subject["subject"].strip()
            found = last_subject = True
        if found or _MOTTO.match(words):
            continue
        if text.upper() == text and len(text) <= 120 and "number" not in facts \
                and "number_blank" not in facts:
            names.append(para)
            continue
        end = i
        break
    else:
        end = min(len(paras), 20)
    if names:
        issuer = _issuer_lines(names)
        facts["issuer"] = " ".join(p.text for p in names[-issuer:])
        if len(names) > issuer:
            facts["parent"] = " ".join(p.text for p in names[:-issuer])
    if "number" not in facts and not facts.pop("number_blank", False):
        unsure.append((paras[0].line if paras else 1,
                       "không thấy số, ký hiệu ở đầu văn bản; nếu có, hãy ghi number: "
                       "SỐ/KÝ-HIỆU ở phần đầu của tệp"))
    issued = facts.get("date")
    if isinstance(issued, dt.date):
        facts["year"] = issued.year
    _best_guesses(paras, facts, unsure)
    return end


def _best_guesses(paras: list[Para], facts: dict[str, object],
                  unsure: list[tuple[int, str]]) -> None:
    """What the campaign needs and the letterhead did not give, guessed from the rest of the
    document and marked: the campaign is a draft (``draft: true``, never published) until a
    person settles each guess, so an import always validates."""
    line = paras[0].line if paras else 1
    guessed: list[str] = []
    if "issuer" not in facts:
        facts["issuer"] = "Chưa rõ cơ quan ban hành"
        guessed.append("issuer")
    if "place" not in facts:
        names = " ".join(str(facts[k]) for k in ("issuer", "parent") if facts.get(k))
        unit = re.search(r"\b(?:TỈNH|THÀNH PHỐ|XÃ|PHƯỜNG|ĐẶC KHU|THỊ TRẤN)\s+(?P<name>[^,;]+)$",
                         names)
        facts["place"] = sentence_name(unit["name"]).title() if unit else "Chưa rõ nơi ban hành"
        guessed.append("place")
    if "year" not in facts:
        # The year the opening paragraphs name most often ("mùa khô 2026 - 2027" names
        # both; "ngày 20/11/2026" the one it is written in).
        years = Counter(int(y) for p in paras[:40]
                        for y in re.findall(r"\b(?:19[5-9]\d|20\d\d)\b", p.text))
        facts["year"] = max(years, key=lambda y: (years[y], y)) if years \
            else dt.date.today().year
        guessed.append("year")
    for key in guessed:
        facts["draft"] = True
        unsure.append((line, f"không thấy {_NEEDED[key]} ở đầu văn bản; đã ghi tạm {key}: "
                             f"{facts[key]} và đánh dấu bản nháp (draft: true); hãy sửa cho "
                             "đúng rồi xóa dòng draft: true để xuất bản"))


_NEEDED = {"issuer": "cơ quan ban hành", "place": "nơi ban hành", "year": "năm ban hành"}


# "ỦY BAN NHÂN DÂN" / "XÃ PHỐ BẢNG": one name over two lines, not a body and its parent.
# Matched on the words without marks, so "ỦY BAN" and "UỶ BAN" are the same.
_UNIT = re.compile(r"^(?:XA|PHUONG|THI TRAN|DAC KHU|HUYEN|QUAN|THI XA|THANH PHO|TINH)\b")
_COUNCIL = re.compile(r"(?:NHAN DAN|UBND|HDND|UY BAN BAU CU|BAN CHI DAO)$")


def _issuer_lines(names: list[Para]) -> int:
    """How many of the letterhead's last lines name the issuer: the last with the line before
    when the two make one name; else those in bold where the parent is not (Decree 30 sets
    the issuer in bold); else the last."""
    if len(names) >= 2 and _UNIT.match(_bare(names[-1].text)) \
            and _COUNCIL.search(_bare(names[-2].text)):
        return 2
    if any(p.bold for p in names) and not all(p.bold for p in names):
        count = 0
        while count < len(names) and names[-1 - count].bold:
            count += 1
        return max(count, 1)
    return 1


# Under a decision's title, the authority that decides: "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …".
_OFFICE = re.compile(r"^(?:CHU TICH|PHO CHU TICH|GIAM DOC|TRUONG BAN|BO TRUONG|THU TUONG|"
                     r"BAN THUONG VU|BAN CHAP HANH|UY BAN|HOI DONG)\b")


def _bare(text: str) -> str:
    """Capitals without marks, for matching names however their tones are placed."""
    return fold(text).upper()


def _opens_text(text: str, *, first: bool) -> bool:
    """Whether a line under the kind begins the text rather than the title. A title may
    itself begin "Thực hiện ..." ("KẾ HOẠCH / Thực hiện Chỉ thị số 05-CT/TW ..."): the first
    line opens the text only when it ends as a sentence or is too long for a title."""
    if not _OPENING.match(text):
        return False
    return not first or bool(re.search(r"[.;:]$", text)) or len(text) >= 250


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
        while i < len(body) and i <= 4 and not _opens_text(body[i].text, first=i == 1) \
                and not _ROMAN.match(body[i].text) and not _MARKER.match(body[i].text) \
                and len(body[i].text) < 300 and not _is_kind(body[i].text) \
                and not body[i].text.startswith("(") \
                and not (i > 1 and _OFFICE.match(_bare(body[i].text))
                         and body[i].text.isupper()):
            lines.append(f"# {body[i].text}")
            i += 1
        return [*lines, ""], body[i:]
    number = str(facts.get("number") or "")
    code = next((kind for code, kind in _KIND_CODES.items()
                 if re.search(rf"/{code}(?:-|$)|^\d+-{code}/", number)), None)
    kind = code or "Công văn"
    facts["kind"] = kind
    subject = str(facts.get("subject") or "")
    if subject:
        facts["title"] = f"{kind} về việc {subject[:1].lower()}{subject[1:]}"
    else:
        issuer = facts.get("issuer")
        facts["title"] = " ".join(str(p) for p in (
            kind, f"số {number}" if number else None,
            f"của {issuer}" if issuer else None) if p)
        facts["untitled"] = True
    return [], body


def _body_lines(body: list[Para], notes: dict[str, str]) -> list[str]:
    """The text's paragraphs as Markdown: Roman headings as ``##``, "Nơi nhận" and its lines
    as a list, tables as they are, the rest as written."""
    lines: list[str] = []
    at = 0
    while at < len(body):
        para = body[at]
        text = _marked(para.text, notes)
        at += 1
        if para.table:
            lines += [text, ""]
            continue
        if _RECIPIENTS.match(text):
            rest = _RECIPIENTS.sub("", text).strip()
            found = [Para(rest, para.line)] if rest else []
            while at < len(body) and (_MARKER.match(body[at].text) or
                                      _looks_like_recipient(body[at].text)):
                found.append(body[at])
                at += 1
            lines += ["**Nơi nhận:**", "", *(f"- {r}" for r in _recipients(found)), ""]
            continue
        if (_ROMAN.match(text) or _ANNEX.match(text)) and text.upper() == text \
                and len(text) < 200:
            lines += [f"## {text}", ""]  # an annex after the signature is a part of its own
        elif para.bold and len(text) < 200 and not _MARKER.match(text):
            lines += [f"**{text}**", ""]
        else:
            lines += [text, ""]
    return lines


def _attached_plan(body: list[Para], facts: dict[str, object]) -> tuple[int, int] | None:
    """Where the plan a decision issues begins: its letterhead (if repeated) and its kind
    line, after the decision's articles ("Điều 1. Ban hành kèm theo Quyết định này …")."""
    articles = False
    names = f"{facts.get('parent') or ''} {facts.get('issuer') or ''}"
    for at, para in enumerate(body):
        articles = articles or para.text.startswith("Điều ")
        if articles and _is_kind(para.text) and not fold(para.text).lower().startswith("quyet"):
            start = at
            while start > 0 and _repeats_letterhead(body[start - 1].text, names):
                start -= 1
            return start, at
    return None


def _repeats_letterhead(text: str, names: str) -> bool:
    return bool(_MOTTO.match(fold(text).lower().strip(" .")) or _NUMBER.search(text)
                or _PLACE_DATE.search(text) or (text.upper() == text and text in names))


def _notes_aside(paras: list[Para]) -> tuple[list[Para], dict[str, str]]:
    """Footnote texts taken out of the flow, by number. In a PDF they sit at the foot of a
    page, often inside a sentence the page break cut; out of the way, the sentence is joined
    again. A line of a footnote that ran to the margin goes on in the next line."""
    out: list[Para] = []
    notes: dict[str, str] = {}
    marks: set[str] = set()
    last: str | None = None  # the footnote still going on
    for para in paras:
        found = _NOTE_DEF.match(para.text) if not para.table else None
        key = _note_key(found) if found else None
        if found and key and (key in marks or found["d"]):
            notes[key] = found["text"]
            last = key if para.wrapped else None
            continue
        if last is not None and not para.table and not _MARKER.match(para.text) \
                and not _ROMAN.match(para.text):
            notes[last] = f"{notes[last]} {para.text}"
            last = last if para.wrapped else None
            continue
        last = None
        marks.update(key for m in _NOTE_REF.finditer(para.text) if (key := _note_key(m)))
        out.append(para)
    return out, notes


def _note_key(match: re.Match[str]) -> str:
    return (match["a"] or match["b"] or match["c"] or match["d"] or "").translate(_DIGITS)


def _marked(text: str, notes: dict[str, str]) -> str:
    """Footnote marks written as the campaign file writes them: ``[^1]``."""
    if not notes:
        return text

    def mark(match: re.Match[str]) -> str:
        key = _note_key(match)
        return f"[^{key}]" if key in notes else match[0]

    return _NOTE_REF.sub(mark, text)


def _recipients(found: list[Para]) -> list[str]:
    """The recipients' lines; a name broken over two lines joined; the purpose written beside
    a brace given to each line the brace gathers."""
    names: list[list[str]] = []  # each: [name, purpose]
    group: list[int] = []
    pieces: list[str] = []
    for para in found:
        text = _MARKER.sub("", para.text, count=1) if para.text[:1] in "-–+•*" else para.text
        brace = _BRACE.search(text)
        if brace:
            text = text[:brace.start()]
        text = text.strip()
        # A name goes on in the next line: that line starts in lower case, or the line before
        # neither ended the name (";", ".") nor does this one start a new one ("-").
        goes_on = bool(names) and (text[:1].islower() or (
            para.text[:1] not in "-–+•*" and not names[-1][0].endswith((";", "."))))
        if goes_on:
            names[-1][0] = f"{names[-1][0].rstrip()} {text}"
        else:
            names.append([text, ""])
        if brace:
            if len(names) - 1 not in group:
                group.append(len(names) - 1)
            pieces.append(brace["piece"].strip())
            purpose = " ".join(p for p in pieces if p)
            if purpose.count("(") <= purpose.count(")"):
                for i in group:
                    names[i][1] = purpose
                group, pieces = [], []
    out = []
    for i, (name, purpose) in enumerate(names):
        end = "." if i == len(names) - 1 else ";"
        if purpose:
            out.append(f"{name.rstrip(' ,;.')} {purpose}{end}")
        else:
            out.append(name if name.endswith((";", ".", ",")) else f"{name}{end}")
    return out


def _looks_like_recipient(text: str) -> bool:
    return len(text) <= 150 and not _OPENING.match(text) and text.upper() != text
