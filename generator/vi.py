"""Vietnamese conventions used in several places, each written once: dates as Decree
30/2020/NĐ-CP writes them, numbers with a decimal comma, text without diacritics (for search
and for file names)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Vietnam's clock: UTC+7 all year, no summer time. A deadline's whole day counts in it.
VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7))


def in_vietnam(moment: dt.datetime) -> dt.datetime:
    """An aware moment as a Vietnamese clock shows it."""
    return moment.astimezone(VIETNAM_TIME)


def today_in_vietnam() -> dt.date:
    return dt.datetime.now(VIETNAM_TIME).date()


def _day_month(day: dt.date) -> tuple[str, str]:
    """Day and month as Decree 30/2020/NĐ-CP writes them: a leading zero for days below 10
    and for January and February only."""
    return f"{day.day:02d}", f"{day.month:02d}" if day.month <= 2 else str(day.month)


def short_date(day: dt.date) -> str:
    """'03/6/2020', '31/01/2021'."""
    d, m = _day_month(day)
    return f"{d}/{m}/{day.year}"


def long_date(day: dt.date) -> str:
    """'ngày 21 tháng 5 năm 2021', 'ngày 05 tháng 02 năm 2021'."""
    d, m = _day_month(day)
    return f"ngày {d} tháng {m} năm {day.year}"


def number(value: float) -> str:
    """Vietnamese decimal comma: 83.98 becomes '83,98'."""
    return f"{value:g}".replace(".", ",")


def amount(count: int) -> str:
    """A count the way Vietnamese writes it: 50.000, not 50,000."""
    return f"{count:,}".replace(",", ".")


def _slow_fold(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in plain if not unicodedata.combining(c)))


# Every precomposed Latin letter with marks, mapped to its bare letter: one str.translate
# instead of decomposing each character (the search index of a large site is megabytes).
_BARE = {code: _slow_fold(chr(code)) for ranges in ((0xC0, 0x250), (0x1E00, 0x1F00))
         for code in range(*ranges) if _slow_fold(chr(code)) != chr(code)}
_COMBINING = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """Vietnamese without diacritics, as typed on a keyboard with no Vietnamese input:
    'Cải cách hành chính Đô thị' becomes 'Cai cach hanh chinh Do thi'."""
    bare = text.translate(_BARE)
    return _slow_fold(bare) if _COMBINING.search(bare) else bare


def slugify(text: str, limit: int = 40) -> str:
    """ASCII file-name form of Vietnamese text: 'Kỷ cương' becomes 'ky-cuong'; a long one is
    cut after a whole word, never inside one ('...-doanh-nghi')."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")
    if len(slug) > limit:
        cut = slug[:limit + 1].rsplit("-", 1)[0] if "-" in slug[:limit + 1] else slug[:limit]
        slug = cut
    return slug.rstrip("-") or "khau-hieu"


_CLAUSE_END = re.compile(r"[;:]|\.(?:\s|$)|\s\(")


def clause_split(text: str) -> tuple[str, str]:
    """``text`` parted after its first clause (the one :func:`lead_clause` shortens), uncut:
    the clause with the mark that ends it ('…của Đảng;'), and the rest ('chính sách…')."""
    match = _CLAUSE_END.search(text)
    if match is None:
        return text.strip(), ""
    end = match.start() if match[0].endswith("(") else match.start() + 1
    return text[:end].strip(), text[end:].strip()


def lead_clause(text: str, limit: int = 80) -> str:
    """A short name for a paragraph that has no title: its first clause, cut at a word
    ('Quán triệt, phổ biến quan điểm, chủ trương của Đảng; chính sách ...' gives
    'Quán triệt, phổ biến quan điểm, chủ trương của Đảng')."""
    match = _CLAUSE_END.search(text)
    clause = (text[:match.start()] if match else text).strip().rstrip(".,… ")
    if len(clause) <= limit:
        return clause
    cut = clause[:limit].rsplit(" ", 1)[0].rstrip(",;- ")
    return cut + "…"


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def raised(digits: str) -> str:
    """Digits as raised numbers: '12' becomes '¹²'."""
    return digits.translate(_SUPERSCRIPT)


def superscript(note_id: str) -> str:
    """How documents mark a footnote in running text: ⁽¹⁾ (an id that is no number: [id])."""
    return f"⁽{note_id.translate(_SUPERSCRIPT)}⁾" if note_id.isdigit() else f"[{note_id}]"


# How an office's name printed in capitals in a letterhead reads in a sentence ("ỦY BAN NHÂN
# DÂN" / "TỈNH ĐẮK LẮK" → "Ủy ban nhân dân tỉnh Đắk Lắk"): the name in sentence case; the word
# after a body's kind capitalised ("Ban Tuyên giáo", "Phòng Văn hóa"), and after "và" inside
# it ("Văn hóa và Thông tin"); a unit of the administration in lower case and its place
# name in title case ("xã Phố Bảng"); a Party committee, Việt Nam and abbreviations as they
# always stand.
_UNITS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "xã",
          "phường")
_KINDS_BEFORE_NAME = ("tiểu ban", "ban", "sở", "phòng", "trung tâm", "văn phòng", "cục",
                      "chi cục", "hội", "đoàn", "liên đoàn", "tổ", "bộ")
_ALWAYS = {"việt": "Việt", "nam": "Nam", "đảng": "Đảng", "tổ quốc": "Tổ quốc",
           "đảng ủy": "Đảng ủy", "chính phủ": "Chính phủ", "quốc hội": "Quốc hội",
           "mặt trận": "Mặt trận", "ủy ban": "Ủy ban", "hội đồng": "Hội đồng"}
# A Party committee named by its place: the place name follows ("Thành ủy Hà Nội").
_COMMITTEES = {"thành ủy": "Thành ủy", "tỉnh ủy": "Tỉnh ủy", "huyện ủy": "Huyện ủy",
               "quận ủy": "Quận ủy", "thị ủy": "Thị ủy"}


def sentence_name(printed: str) -> str:
    """An office's name as a sentence writes it, from the capitals a letterhead prints; a
    name not in capitals is returned as written."""
    if printed.upper() != printed:
        return printed
    words = printed.lower().replace("uỷ", "ủy").split()
    out: list[str] = []
    place = False  # inside a place name, after "tỉnh", "xã" ...
    capital_next = True
    i = 0
    while i < len(words):
        pair = " ".join(words[i:i + 2])
        word = words[i]
        raw = printed.split()[i]
        if raw.strip(",.") in _ABBREVIATIONS or (len(raw) >= 2 and raw.isupper() \
                and not any(c in _VOWELS for c in word)):
            out.append(raw)  # "MTTQ", "HĐND"
            i += 1
            continue
        if pair in _ALWAYS or pair in _COMMITTEES:
            out += (_ALWAYS.get(pair) or _COMMITTEES[pair]).split()
            i += 2
            capital_next = False
            place = pair in _COMMITTEES
            continue
        unit = next((u for u in _UNITS if " ".join(words[i:i + len(u.split())]) == u), None)
        if unit and out:
            out += unit.split()
            i += len(unit.split())
            place = True
            continue
        if word in _ALWAYS:
            out.append(_ALWAYS[word])
        elif capital_next or place:
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
        kind = next((k for k in _KINDS_BEFORE_NAME
                     if " ".join(words[max(0, i + 1 - len(k.split())):i + 1]) == k), None)
        capital_next = bool(kind) or (word == "và" and len(out) > 2)
        i += 1
    return " ".join(out)


def issuer_name(issuer: str, parent: str | None) -> str:
    """The issuer as a sentence names it: the letterhead's capitals in normal case with the
    parent they print ("BAN TUYÊN GIÁO" / "THÀNH ỦY HÀ NỘI" → "Ban Tuyên giáo Thành ủy Hà
    Nội"); a name a person wrote in normal case as written."""
    if issuer.upper() != issuer:
        return issuer
    return sentence_name(" ".join(p for p in (issuer, parent) if p))


_ABBREVIATIONS = frozenset({"UBND", "HĐND", "MTTQ", "MTTQVN", "TP", "UB", "TW", "BCH", "BTV"})
_VOWELS = frozenset("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
