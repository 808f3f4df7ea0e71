"""Vietnamese as it is read aloud, for the commune loudspeaker: numbers, dates, times and
telephone numbers written in words, abbreviations written out, so that a reader at the
microphone (or a speech synthesiser) never stumbles; and the reading time of a text.

Numbers follow the spoken conventions: "hai mươi mốt", "mười lăm", "một trăm linh năm",
"hai nghìn không trăm hai mươi mốt"; days 1 to 10 of a month are "mùng"; the fourth month and
weekday are "tư"; a telephone number is read digit by digit in the groups it was written in.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping

# About 160 syllables a minute: the pace of a commune broadcast read clearly.
SYLLABLES_PER_MINUTE = 160

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu", "tỷ")

# Abbreviations of the genre's documents, written out; a campaign's own list comes first.
ABBREVIATIONS: Mapping[str, str] = {
    "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "UB": "Ủy ban",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc", "MTTQ": "Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam", "TP": "thành phố", "TX": "thị xã", "TT": "thị trấn",
    "HCM": "Hồ Chí Minh", "TPHCM": "thành phố Hồ Chí Minh", "TW": "Trung ương",
"BCH": "Ban Chấp hành", "BTV": "Ban Thường vụ", "BCĐ": "Ban Chỉ đạo",
    "BTG": "Ban Tuyên giáo", "CCHC": "cải cách hành chính", "TTHC": "thủ tục hành chính",
    "CBCCVC": "cán bộ, công chức, viên chức", "CB": "cán bộ", "CC": "công chức",
    "VC": "viên chức", "CNTT": "công nghệ thông tin", "KTXH": "kinh tế - xã hội",
    "KT": "kinh tế", "XH": "xã hội", "KH": "kế hoạch", "QĐ": "quyết định", "NĐ": "nghị định",
    "CP": "Chính phủ", "TTg": "Thủ tướng", "ĐBQH": "đại biểu Quốc hội", "QH": "Quốc hội",
    "THPT": "trung học phổ thông", "THCS": "trung học cơ sở", "BHXH": "bảo hiểm xã hội",
    "BHYT": "bảo hiểm y tế", "CSGT": "cảnh sát giao thông", "PCCC": "phòng cháy, chữa cháy",
    "ATGT": "an toàn giao thông", "DVC": "dịch vụ công", "DVCTT": "dịch vụ công trực tuyến",
    "CCCD": "căn cước công dân", "CSDL": "cơ sở dữ liệu", "ĐTN": "Đoàn Thanh niên",
    "HLHPN": "Hội Liên hiệp Phụ nữ", "HCCB": "Hội Cựu chiến binh", "HND": "Hội Nông dân",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch", "VHTT": "văn hóa - thông tin",
    "GDĐT": "Giáo dục và Đào tạo", "TTTT": "Thông tin và Truyền thông",
    "LĐTBXH": "Lao động - Thương binh và Xã hội", "TNMT": "Tài nguyên và Môi trường",
    "KHĐT": "Kế hoạch và Đầu tư", "NNPTNT": "Nông nghiệp và Phát triển nông thôn",
    "GTVT": "Giao thông vận tải", "QS": "quân sự", "ĐU": "Đảng ủy",
    "PAR INDEX": "chỉ số cải cách hành chính",
    "SIPAS": "chỉ số hài lòng về sự phục vụ hành chính",
    "PAPI": "chỉ số hiệu quả quản trị và hành chính công cấp tỉnh",
    "PCI": "chỉ số năng lực cạnh tranh cấp tỉnh", "CT": "chỉ thị", "NQ": "nghị quyết",
    "MTQG": "mục tiêu quốc gia", "VPCP": "Văn phòng Chính phủ", "TTĐT": "thông tin điện tử",
    "CMND": "chứng minh nhân dân", "COVID": "Cô-vít", "COVID-19": "Cô-vít mười chín",
    "Covid-19": "Cô-vít mười chín", "ASEAN": "A-xê-an", "LED": "lét",
    "THCS-THPT": "trung học cơ sở và trung học phổ thông", "HTX": "hợp tác xã",
}

# Letters as they are named when an unknown abbreviation is spelled out.
_LETTERS = {"A": "a", "Ă": "á", "Â": "ớ", "B": "bê", "C": "xê", "D": "dê", "Đ": "đê", "E": "e",
            "Ê": "ê", "F": "ép", "G": "giê", "H": "hát", "I": "i", "J": "gi", "K": "ca",
            "L": "e-lờ", "M": "em-mờ", "N": "en-nờ", "O": "o", "Ô": "ô", "Ơ": "ơ", "P": "pê",
            "Q": "quy", "R": "e-rờ", "S": "ét-xì", "T": "tê", "U": "u", "Ư": "ư", "V": "vê",
            "W": "vê kép", "X": "ích-xì", "Y": "i dài", "Z": "dét"}

_VOWEL = "aăâeêioôơuưy"
# A Vietnamese syllable: an initial, one to three vowels, a final. Words in capitals that are
# syllables ("KẾ HOẠCH") are words; any other run of capitals ("UBND", "PAR") is an
# abbreviation.
_SYLLABLE = re.compile(rf"^(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|kr|đr|br|pl|[bcdđghklmnpqrstvx])?"
                       rf"[{_VOWEL}]{{1,3}}(?:ch|ng|nh|[cmnptk])?$")
# Roman numerals, as the genre numbers parts, terms and quarters ("khóa XV", "quý IV").
_ROMAN = re.compile(r"^(?=[IVXLC])(?P<c>C{0,3})(?P<x>XC|XL|L?X{0,3})(?P<i>IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_WORD = re.compile(r"\w+")


def number_words(value: int) -> str:
    """0 → 'không', 21 → 'hai mươi mốt', 105 → 'một trăm linh năm', 2021 → 'hai nghìn
    không trăm hai mươi mốt', 1500000 → 'một triệu năm trăm nghìn'."""
    if value < 0:
        return "âm " + number_words(-value)
    if value == 0:
        return DIGITS[0]
    if value >= 10**12:  # beyond "nghìn tỷ": digit by digit, as an identifier is read
        return " ".join(DIGITS[int(d)] for d in str(value))
    groups: list[int] = []
    while value:
        value, group = divmod(value, 1000)
        groups.append(group)
    words: list[str] = []
    for place in range(len(groups) - 1, -1, -1):
        group = groups[place]
        if group == 0:
            continue
        words.append(_hundreds(group, full=place < len(groups) - 1))
        if _GROUPS[place]:
            words.append(_GROUPS[place])
    return " ".join(words)


def _hundreds(value: int, *, full: bool) -> str:
    """Up to 999; ``full`` when a larger group stands before it ('không trăm linh năm')."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words = [DIGITS[hundreds], "trăm"] if hundreds or full else []
    if tens == 0:
        if units:
            words += ["linh", DIGITS[units]] if words else [DIGITS[units]]
    elif tens == 1:
        words += ["mười"] + ([{5: "lăm"}.get(units, DIGITS[units])] if units else [])
    else:
        words += [DIGITS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(units, DIGITS[units]))
    return " ".join(words)


def _month(month: int) -> str:
    return "tư" if month == 4 else number_words(month)


def date_words(day: dt.date) -> str:
    """'ngày hai mươi mốt tháng năm năm hai nghìn không trăm hai mươi mốt'."""
    return f"ngày {_day(day.day)} tháng {_month(day.month)} năm {number_words(day.year)}"


def _day(day: int) -> str:
    """Days 1 to 10 of a month are 'mùng': 'mùng năm', 'mùng mười'."""
    if 1 <= day <= 10:
        return f"mùng {DIGITS[day] if day < 10 else 'mười'}"
    return number_words(day)


def phone_words(phone: str) -> str:
    """'1900 1234' → 'một chín không không, một hai ba bốn': digit by digit, in the groups
    it was written in (a long unbroken number in groups of three or four)."""
    groups = [g for g in re.split(r"[^\d+]+", phone) if g]
    if groups and groups[0].startswith("+84"):  # the country code, as a caller in Vietnam dials
        groups[0] = "0" + groups[0][3:]
        if groups[0] == "0" and len(groups) > 1:
            groups[:2] = ["0" + groups[1]]
    groups = [g.lstrip("+") for g in groups if g.lstrip("+")]
    if len(groups) == 1 and len(groups[0]) > 7:
        groups = _grouped(groups[0])
    return ", ".join(" ".join(DIGITS[int(d)] for d in group) for group in groups)


_GROUPINGS = {8: (4, 4), 9: (3, 3, 3), 10: (4, 3, 3), 11: (3, 4, 4), 12: (4, 4, 4)}


def _grouped(digits: str) -> list[str]:
    """An unbroken number in the groups it is said in: '0912 345 678', '024 3825 3536'."""
    sizes = _GROUPINGS.get(len(digits)) or (3,) * (len(digits) // 3)
    groups, start = [], 0
    for size in sizes:
        groups.append(digits[start:start + size])
        start += size
    if start < len(digits):
        groups[-1] += digits[start:]
    return groups


def _integer(text: str) -> str:
    return number_words(int(text.replace(".", "")))


def _decimal(match: re.Match[str]) -> str:
    whole, fraction = match["whole"], match["fraction"]
    spoken = _integer(whole)
    if fraction:
        # "2,05" is "hai phẩy không năm": digits after the comma as a number, zeros read.
        zeros = len(fraction) - len(fraction.lstrip("0"))
        spoken += " phẩy " + " ".join([DIGITS[0]] * zeros
                                       + ([number_words(int(fraction))] if fraction.strip("0")
                                          else []))
    return spoken


def _spell(abbreviation: str) -> str:
    return " ".join(_LETTERS.get(letter, _LETTERS.get(_toneless(letter), letter.lower()))
                    for letter in abbreviation)


def _roman(word: str) -> int | None:
    if not _ROMAN.match(word):
        return None
    values = [_ROMAN_VALUES[c] for c in word]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))


def is_abbreviation(word: str) -> bool:
    """A word of two or more letters in capitals that is no Vietnamese syllable."""
    return (len(word) >= 2 and word.isupper() and word.isalpha()
            and not _SYLLABLE.match(_toneless(word.lower())))


def _toneless(word: str) -> str:
    """The word with its tone marks taken off (the vowel's own shape, ă â ê ô ơ ư, kept)."""
    bare = unicodedata.normalize("NFD", word)
    bare = "".join(c for c in bare if c not in "\u0300\u0301\u0303\u0309\u0323")
    return unicodedata.normalize("NFC", bare)


_DAYS = re.compile(r"(?P<word>[Nn]gày)\s+(?P<a>\d{1,2})\s*[-–]\s*(?P<d>\d{1,2})\s*/\s*"
                   r"(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")
_MONTHS = re.compile(r"\b(?P<t>[Tt]háng)\s+(?P<a>\d{1,2})\s*[-–]\s*(?P<m>\d{1,2})\s*/\s*"
                     r"(?P<y>\d{4})")
_ISO_DATE = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_DATE = re.compile(r"(?:(?P<word>[Nn]gày)\s+)?(?<![\d/.-])(?<!tháng )(?<!Tháng )\b"
                   r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})")
_LONG_DATE = re.compile(r"(?P<word>[Nn]gày)\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})"
                        r"\s+năm\s+(?P<y>\d{4})")
_MONTH_YEAR = re.compile(r"\b(?P<t>[Tt]háng)\s+(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")
_MONTH = re.compile(r"\b(?P<t>[Tt]háng)\s+(?P<m>\d{1,2})\b(?!\s*[/.-]\s*\d)")
# A day and month without a year, after the words that introduce one: "từ 01/01", "ngày 15/4".
_DAY_MONTH = re.compile(r"\b(?P<w>[Nn]gày|từ|đến|Từ|Đến)\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})"
                        r"\b(?!\s*/)")
_DAY = re.compile(r"\b(?P<w>[Nn]gày)\s+(?P<d>\d{1,2})\b(?!\s*[/.-]\s*\d)")
_CLOCK = re.compile(r"\b(?P<h>\d{1,2})(?::|g)(?P<m>\d{2})\b")
_FRACTION = re.compile(r"\b(?P<a>\d+)\s*/\s*(?P<b>\d+)\b")
_SYMBOL = re.compile(r"(?P<n>\d+)(?:/(?P<y>\d{4}))?[/-][A-ZĐ][\w-]*(?:/[A-ZĐ][\w-]*)?\b")
_PHONE = re.compile(r"(?<![\d,.])(?:1[89]00(?:[ .-]?\d){4,6}|(?:\+84|0)(?:[ .-]?\d){8,10})"
                    r"(?!\d)")
# "4.0", "mục 1.2.3": each part read, "chấm" between.
_VERSION = re.compile(r"(?<![\d.,])\d+(?:\.\d{1,2}(?!\d))+(?![\d,])")
_TIME = re.compile(r"\b(?P<h>\d{1,2})\s*(?:h|giờ)(?:\s*(?P<m>\d{2})(?:\s*phút)?)?\b")
_PERCENT = re.compile(r"(?P<n>\d[\d.]*(?:,\d+)?)\s?%")
_NUMBER = re.compile(r"(?P<whole>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<fraction>\d+))?")
_WEEKDAY = re.compile(r"\b(thứ|Thứ)\s+(?P<n>[2-7])\b")
# "2021 - 2030", "7h30 - 17h00", "thứ 2 - thứ 6", "ngày … - ngày …": a range, read "đến".
_RANGE = re.compile(r"(?:(?<=[\dh])\s*[-–]\s*(?=\d)|(?<=\w)\s+[-–]\s+(?=(?:thứ|Thứ|ngày|\d)))")


def _date_match(match: re.Match[str]) -> str:
    """A date as said, even one the calendar lacks (a typing slip is read as typed)."""
    word = match.groupdict().get("word") or "ngày"
    return (f"{word} {_day(int(match['d']))} tháng {_month(int(match['m']))} năm "
            f"{number_words(int(match['y']))}")


def _days_match(match: re.Match[str]) -> str:
    """'ngày 1-2/3/2025': both days, then their month and year."""
    return (f"{match['word']} {_day(int(match['a']))} đến ngày {_day(int(match['d']))} tháng "
            f"{_month(int(match['m']))} năm {number_words(int(match['y']))}")


def for_reading(text: str, abbreviations: Mapping[str, str] | None = None) -> str:
    """The text as a reader at the microphone says it: no digit, no abbreviation, no sign a
    reader would have to interpret."""
    known = {**ABBREVIATIONS, **(abbreviations or {})}
    text = unicodedata.normalize("NFC", text)
    for short in sorted((k for k in known if " " in k or "-" in k), key=len, reverse=True):
        text = text.replace(short, known[short])
    text = re.sub(r"\b(?:TP|Tp)\.\s*", "thành phố ", text)
    text = _DAYS.sub(_days_match, text)
    text = _MONTHS.sub(lambda m: f"{m['t']} {_month(int(m['a']))} đến tháng "
                       f"{_month(int(m['m']))} năm {number_words(int(m['y']))}", text)
    text = _ISO_DATE.sub(_date_match, text)
    text = _LONG_DATE.sub(_date_match, text)
    text = _DATE.sub(_date_match, text)
    text = _MONTH_YEAR.sub(lambda m: f"{m['t']} {_month(int(m['m']))} năm "
                                     f"{number_words(int(m['y']))}", text)
    text = _DAY_MONTH.sub(lambda m: f"{m['w']} {'' if m['w'].lower() == 'ngày' else 'ngày '}"
                          f"{_day(int(m['d']))} tháng {_month(int(m['m']))}", text)
    text = _SYMBOL.sub(lambda m: number_words(int(m["n"]))
                       + (f" năm {number_words(int(m['y']))}" if m["y"] else ""), text)
    text = _PHONE.sub(lambda m: phone_words(m[0]), text)
    text = _MONTH.sub(lambda m: f"{m['t']} {_month(int(m['m']))}", text)
    text = _DAY.sub(lambda m: f"{m['w']} {_day(int(m['d']))}", text)
    text = _CLOCK.sub(lambda m: f"{number_words(int(m['h']))} giờ"
                      + (f" {number_words(int(m['m']))}" if int(m["m"]) else ""), text)
    text = _RANGE.sub(" đến ", text)
    text = _WEEKDAY.sub(lambda m: f"{m[1]} {'tư' if m['n'] == '4' else DIGITS[int(m['n'])]}",
                        text)
    text = _TIME.sub(lambda m: f"{number_words(int(m['h']))} giờ"
                     + (f" {number_words(int(m['m']))}" if m["m"] and int(m["m"]) else ""),
                     text)
    text = _PERCENT.sub(r"\g<n> phần trăm", text)
    text = _VERSION.sub(lambda m: " chấm ".join(number_words(int(p))
                                                for p in m[0].split(".")), text)
    text = _FRACTION.sub(lambda m: f"{number_words(int(m['a']))} phần "
                         f"{number_words(int(m['b']))}", text)
    # A number next to a letter ("A4", "5km") is said apart from it.
    text = _NUMBER.sub(lambda m: f" {_decimal(m)} ", text)
    text = re.sub(r"\w+", lambda m: _word(m[0], known), text)
    text = text.replace("&", " và ")
    # "xã/phường": either word; a "/" anywhere else is left to the reader.
    text = re.sub(r"(?<=[^\W\d_])\s*/\s*(?=[^\W\d_])", " hoặc ", text)
    text = re.sub(r"[\"“”«»*_#<>\[\]{}|]", "", text)
    text = re.sub(r"\s+([,.;:!?)\]])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _word(word: str, known: Mapping[str, str]) -> str:
    if word in known:
        return known[word]
    if (value := _roman(word)) is not None:
        return number_words(value)
    if is_abbreviation(word):
        return _spell(word)
    return word


def syllables(text: str) -> int:
    """Syllables of Vietnamese text as read: one per written word."""
    return len(_WORD.findall(text))


def reading_seconds(text: str) -> int:
    """How long a text takes to read aloud at :data:`SYLLABLES_PER_MINUTE`."""
    return round(syllables(text) * 60 / SYLLABLES_PER_MINUTE)


def duration_words(seconds: int) -> str:
    """'2 phút 15 giây', as a page shows a reading time."""
    minutes, rest = divmod(seconds, 60)
    return " ".join(part for part in (f"{minutes} phút" if minutes else "",
                                      f"{rest} giây" if rest or not minutes else "") if part)
