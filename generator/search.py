"""Search that finds Vietnamese the way people type it: with or without diacritics.

Material's lunr search has no accent folding, so "cai cach" never matches "cải cách". Each
entry of the search index gets folded copies of its title and text in two extra fields; a
query typed without marks matches those, a query typed with marks matches the original fields
(and only them), so exact accented matches are the ones found and ranked first.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

FOLDED_TITLE = "title_ascii"
FOLDED_TEXT = "text_ascii"
# Same weights as Material's own title and text fields.
FOLDED_FIELDS = {FOLDED_TITLE: {"boost": 1000.0}, FOLDED_TEXT: {"boost": 1.0}}
_TAG = re.compile(r"<[^>]+>")


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


def add_folded_fields(index: dict[str, Any]) -> dict[str, Any]:
    """The Material search index with folded title and text fields on every entry."""
    config = index.setdefault("config", {})
    config["fields"] = {**config.get("fields", {}), **FOLDED_FIELDS}
    for doc in index.get("docs", []):
        doc[FOLDED_TITLE] = fold(html.unescape(_TAG.sub(" ", doc.get("title", ""))))
        doc[FOLDED_TEXT] = fold(html.unescape(_TAG.sub(" ", doc.get("text", ""))))
    return index
