"""Search that finds Vietnamese the way people type it: with or without diacritics.

Material's lunr search has no accent folding, so "cai cach" never matches "cải cách". Each
entry of the search index gets folded copies of its title and text in two extra fields; a
query typed without marks matches those, a query typed with marks matches the original fields
(and only them), so exact accented matches are the ones found and ranked first.
"""

from __future__ import annotations

import html
import re
from typing import Any

from generator.content.vi import fold

FOLDED_TITLE = "title_ascii"
FOLDED_TEXT = "text_ascii"
# Same weights as Material's own title and text fields.
FOLDED_FIELDS = {FOLDED_TITLE: {"boost": 1000.0}, FOLDED_TEXT: {"boost": 1.0}}
_TAG = re.compile(r"<[^>]+>")


def add_folded_fields(index: dict[str, Any]) -> dict[str, Any]:
    """The Material search index with folded title and text fields on every entry."""
    config = index.setdefault("config", {})
    config["fields"] = {**config.get("fields", {}), **FOLDED_FIELDS}
    for doc in index.get("docs", []):
        doc[FOLDED_TITLE] = fold(html.unescape(_TAG.sub(" ", doc.get("title", ""))))
        doc[FOLDED_TEXT] = fold(html.unescape(_TAG.sub(" ", doc.get("text", ""))))
    return index
