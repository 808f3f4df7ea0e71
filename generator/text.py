"""Normalising Vietnamese text as it arrives from campaign files."""

from __future__ import annotations

import unicodedata


def clean_text(value: str) -> str:
    """NFC form, so that a letter typed as base plus combining marks equals its precomposed form.

    Vietnamese keyboards and Word documents on macOS produce decomposed text; fonts, search and
    OCR all expect the precomposed form.
    """
    return unicodedata.normalize("NFC", value)
