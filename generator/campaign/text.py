"""Normalising Vietnamese text as it really arrives: from Word, old systems, other keyboards."""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that Word and web pages carry along: zero-width spaces and joiners,
# word joiner, byte-order marks inside the text, soft hyphens.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# Spaces that look like spaces but do not break or search like them.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u3000"), " ")
_TRANSLATION = {**_INVISIBLE, **_SPACES}

# Precomposed Vietnamese letters: their presence means the text is real Unicode Vietnamese.
_VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
# TCVN3 (ABC) bytes read as Windows-1252: 'Hà Nội' arrives as 'Hµ Néi', 'Việt' as 'ViÖt',
# 'chính' as 'chÝnh'. Symbols glued to letters are telling on their own; an accented capital
# inside a lower-case word is telling when it happens twice.
_TCVN3_SYMBOL = re.compile(r"[A-Za-z][µ¶·¸¹¨©ª«¬®]")
_TCVN3_CAPITAL = re.compile(r"[a-z][ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞ][a-z]")
# VNI: a base vowel followed by a separate mark byte: 'Hà Nội' arrives as 'Haø Noäi'.
_VNI = re.compile(r"[aeiouyAEIOUY][øùûõïäâåêëæçèéôöñòóú]")


def clean_text(value: str) -> str:
    """NFC form, invisible characters removed, look-alike spaces made plain spaces.

    Vietnamese keyboards and Word on macOS produce decomposed text (NFD); fonts, search and
    OCR all expect the precomposed form.
    """
    return unicodedata.normalize("NFC", value.translate(_TRANSLATION))


# Characters that reorder how text is shown (right-to-left overrides, isolates, marks): no
# Vietnamese text needs them, and they make a page or poster show other text than the file
# holds ("1202 cba").
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def bidi_controls(value: str) -> str:
    """The direction controls in ``value``, as 'U+202E, U+2066', or '' when there are none."""
    return ", ".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in _BIDI.findall(value)))


def legacy_encoding(value: str) -> str | None:
    """Name of the pre-Unicode Vietnamese encoding ``value`` looks like it was typed in.

    Text pasted from old documents keeps its TCVN3 or VNI bytes, which show as Latin-1
    gibberish. Text holding any real Vietnamese letter is never judged.
    """
    if _VIETNAMESE.search(value):
        return None
    if _TCVN3_SYMBOL.search(value) or len(_TCVN3_CAPITAL.findall(value)) >= 2:
        return "TCVN3 (ABC)"
    if len(_VNI.findall(value)) >= 2:
        return "VNI"
    return None


def guess_file_encoding(raw: bytes) -> str | None:
    """For a file that is not UTF-8: the Vietnamese encoding it was most likely saved in.

    A UTF-8 file with a few damaged bytes is not guessed at: it decodes mostly fine.
    """
    as_utf8 = raw.decode("utf-8", errors="replace")
    damaged = as_utf8.count("\ufffd")
    if sum(1 for ch in as_utf8 if ord(ch) > 127) - damaged > damaged:
        return None
    as_1258 = unicodedata.normalize("NFC", raw.decode("cp1258", errors="replace"))
    if len(_VIETNAMESE.findall(as_1258)) >= 3:
        return "Windows-1258"
    return legacy_encoding(raw.decode("cp1252", errors="replace"))
