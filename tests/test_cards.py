"""Share cards are drawn once per title and known from the cache's index afterwards."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from generator.content.sharing import card_path
from generator.pipeline.share_cards import render_cards

TITLES = {"index.md": "Trang chủ", "cchc/index.md": "Cải cách hành chính",
          "cchc/van-ban.md": "Văn bản chỉ đạo"}
SECTIONS = {"cchc": "Cải cách hành chính Hà Nội 2021"}
URL = "https://tuyentruyen.example.vn/"


def _render(cache: Path, titles: dict[str, str]) -> dict[str, Path]:
    return render_cards(titles, SECTIONS, "Thông tin, tuyên truyền", URL, cache)


def _stamps(files: dict[str, Path]) -> dict[str, int]:
    return {path: source.stat().st_mtime_ns for path, source in files.items()}


def test_every_page_gets_a_card_of_the_social_size(tmp_path: Path) -> None:
    files = _render(tmp_path, TITLES)
    assert sorted(files) == sorted(card_path(src) for src in TITLES)
    for source in files.values():
        with Image.open(source) as card:
            assert card.size == (1200, 630)


def test_unchanged_titles_draw_nothing(tmp_path: Path) -> None:
    first = _render(tmp_path, TITLES)
    again = _render(tmp_path, TITLES)
    assert again == first
    assert _stamps(again) == _stamps(first)


def test_a_changed_title_redraws_its_card_only(tmp_path: Path) -> None:
    first = _render(tmp_path, TITLES)
    before = {path: source.read_bytes() for path, source in first.items()}
    stamps = _stamps(first)
    changed = _render(tmp_path, {**TITLES, "cchc/van-ban.md": "Văn bản đã sửa"})
    page = card_path("cchc/van-ban.md")
    assert changed[page].read_bytes() != before[page]
    assert {p: s for p, s in _stamps(changed).items() if p != page} == \
        {p: s for p, s in stamps.items() if p != page}


def test_a_card_gone_from_the_cache_is_drawn_again(tmp_path: Path) -> None:
    files = _render(tmp_path, TITLES)
    gone = files[card_path("index.md")]
    gone.unlink()
    assert _render(tmp_path, TITLES)[card_path("index.md")].is_file()
