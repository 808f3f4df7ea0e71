"""Which part of the genre a heading names, by its words: with or without diacritics, any
numbering, any case ("I. MỤC ĐÍCH, YÊU CẦU", "2. Muc tieu, yeu cau va doi tuong")."""

from __future__ import annotations

import re

from generator.vi import fold

# The heading each part gets when a document does not word it otherwise; the Markdown form
# writes these, and a heading worded so is not remembered in ``Campaign.headings``.
DEFAULT_HEADINGS: dict[str, str] = {
    "purposes": "MỤC ĐÍCH, YÊU CẦU",
    "audience": "ĐỐI TƯỢNG, PHẠM VI",
    "phases": "LỘ TRÌNH THỰC HIỆN",
    "topics": "NỘI DUNG TUYÊN TRUYỀN",
    "forms": "HÌNH THỨC TUYÊN TRUYỀN",
    "responsibilities": "TỔ CHỨC THỰC HIỆN",
    "budget": "KINH PHÍ",
    "reporting": "CHẾ ĐỘ BÁO CÁO",
    "slogans": "KHẨU HIỆU TUYÊN TRUYỀN",
}
# Both at once: "III. NỘI DUNG, HÌNH THỨC" lists topics and forms under sub-items.
TOPICS_AND_FORMS = "topics+forms"

# Words that name a part (folded, lower case). The earliest word in a heading decides:
# "ĐỐI TƯỢNG, PHẠM VI VÀ THỜI GIAN THỰC HIỆN" is the audience, "HÌNH THỨC, THỜI GIAN
# TUYÊN TRUYỀN" the forms, "LỘ TRÌNH THỰC HIỆN VÀ NỘI DUNG TUYÊN TRUYỀN" the phases.
_WORDS = (
    ("muc dich", "purposes"), ("muc tieu", "purposes"), ("yeu cau", "purposes"),
    ("doi tuong", "audience"), ("pham vi", "audience"),
    ("lo trinh", "phases"), ("tien do", "phases"), ("cac dot", "phases"),
    ("giai doan", "phases"), ("thoi gian", "phases"),
    ("noi dung", "topics"),
    ("hinh thuc", "forms"),
    ("to chuc thuc hien", "responsibilities"), ("phan cong", "responsibilities"),
    ("nhiem vu", "responsibilities"), ("trach nhiem", "responsibilities"),
    ("kinh phi", "budget"),
    ("che do bao cao", "reporting"), ("bao cao", "reporting"),
    ("khau hieu", "slogans"),
)
_NUMBERING = re.compile(r"^\s*(?:[IVXL]{1,6}|\d{1,3}(?:\.\d{1,3})*|[a-zđ])[.)]\s*",
                        re.IGNORECASE)


def heading_words(heading: str) -> str:
    """The heading without its numbering or emphasis: 'I. MỤC ĐÍCH, YÊU CẦU' is
    'MỤC ĐÍCH, YÊU CẦU'."""
    return _NUMBERING.sub("", heading.replace("**", "")).strip().rstrip(":").strip()


def section_key(heading: str) -> str | None:
    """The part a heading names, or None for a part the generator keeps as it is."""
    words = fold(heading_words(heading)).lower()
    found = sorted((at, key) for needle, key in _WORDS
                   if (at := _word_at(words, needle)) is not None)
    if not found:
        return None
    keys = [key for _, key in found]
    if keys[0] == "topics" and "forms" in keys[:2]:
        return TOPICS_AND_FORMS
    if keys[0] == "forms" and keys[1:2] == ["topics"]:
        return TOPICS_AND_FORMS
    return keys[0]


def _word_at(words: str, needle: str) -> int | None:
    match = re.search(rf"(?<![a-z]){needle}(?![a-z])", words)
    return match.start() if match else None


def is_default(key: str, heading: str) -> bool:
    """Whether the heading is worded as the generator words that part by default."""
    return fold(heading_words(heading)).lower() == fold(DEFAULT_HEADINGS[key]).lower()
