"""What a page's share card says and where it lives in the site."""

from __future__ import annotations

import html

from generator.content.navigation import page_title

CARDS_DIR = "assets/cards"


def card_title(markdown: str, fallback: str) -> str:
    """The headline of a page's card: its title as a reader sees it (front matter titles are
    stored HTML-escaped), or ``fallback`` for a page without one."""
    title = page_title(markdown)
    return html.unescape(title) if title else fallback


def card_path(src_uri: str) -> str:
    """Where the card of a page lives in the site: ``assets/cards/<page path>.png``."""
    return f"{CARDS_DIR}/{src_uri.removesuffix('.md')}.png"
