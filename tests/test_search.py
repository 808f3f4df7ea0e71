"""Search as a citizen types it, in a real browser: Pagefind's index of the built sample site,
through the header's search box, with or without Vietnamese diacritics, "d" for "đ"."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import search
from playwright.sync_api import Browser, Page

PHONE = {"width": 412, "height": 860}
# Each pair: as written, and as typed on a phone without Vietnamese input ("d" for "đ").
PAIRS = [
    ("cải cách hành chính", "cai cach hanh chinh"),
    ("dịch vụ công trực tuyến", "dich vu cong truc tuyen"),
    ("đơn giản hóa", "don gian hoa"),
    ("đồng thuận", "dong thuan"),
    ("Đinh Thị Lan Duyên", "dinh thi lan duyen"),
    ("đội ngũ cán bộ", "doi ngu can bo"),
    ("đảng viên", "dang vien"),
    ("điện tử", "dien tu"),
    ("đo lường", "do luong"),
    ("Văn bản được dẫn", "van ban duoc dan"),
]


@pytest.fixture
def page(browser: Browser, site_url: str) -> Page:
    opened = browser.new_page(viewport=PHONE)
    opened.goto(site_url)
    return opened


@pytest.mark.parametrize(("accented", "plain"), PAIRS)
def test_unaccented_query_finds_the_same_top_page(page: Page, accented: str,
                                                  plain: str) -> None:
    said, with_marks = search(page, accented)
    said_plain, without = search(page, plain)
    assert with_marks, f"nothing found for {accented!r}: {said}"
    assert len(without) >= len(with_marks), said_plain
    assert without[0] == with_marks[0]


def test_exact_accented_matches_come_first(page: Page) -> None:
    """"Đảng" is also "đang" and "dạng" without marks: typed with its marks, the pages that
    hold the word as typed rank first."""
    search(page, "Đảng")
    first = page.locator("[data-tk-kq] li").first.locator("mark").all_inner_texts()
    assert first and all(word.casefold() == "đảng" for word in first), first
    search(page, "dang")
    marked = {w.casefold() for w in page.locator("[data-tk-kq] mark").all_inner_texts()}
    assert "đảng" in marked and marked - {"đảng"}  # every reading of "dang", Đảng among them


def test_the_search_loads_only_what_a_query_needs(browser: Browser, site_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    fetched: list[tuple[str, int]] = []
    page.on("requestfinished",
            lambda request: fetched.append((request.url, request.sizes()["responseBodySize"])))
    page.goto(site_url + "cchc-ha-noi-2021/", wait_until="networkidle")
    assert not any("pagefind" in url for url, _ in fetched)  # nothing before the box opens
    page.mouse.wheel(0, 100)  # the reader's first gesture brings Material's scripts
    page.wait_for_function("window.component$ !== undefined")
    page.wait_for_load_state("networkidle")
    # Playwright reports a finished request a moment after the page has it: Material's bundle
    # is counted among what the gesture loaded, before the search starts.
    for _ in range(50):
        if any("/assets/javascripts/bundle." in url for url, _ in fetched):
            break
        page.wait_for_timeout(100)
    loaded = len(fetched)
    _, found = search(page, "doi ngu can bo")
    assert found
    searched = fetched[loaded:]
    assert all(url.startswith(site_url + "pagefind/") for url, _ in searched), searched
    assert sum(size for _, size in searched) < 500_000
    assert not any("search_index" in url for url, _ in fetched)
    page.close()


def test_keyboard_opens_searches_and_closes(page: Page) -> None:
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "tk-o"
    page.keyboard.type("hinh thuc tuyen truyen", delay=10)
    page.locator("#tk-tt", has_text="«hinh thuc tuyen truyen»").wait_for()
    page.keyboard.press("Tab")  # past the close button, to the first result
    page.keyboard.press("Tab")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert target and "tk-danh-dau=" in target
    page.keyboard.press("Escape")
    assert not page.locator("#tk-hop[open]").count()


def test_the_found_words_are_marked_on_the_page_opened(page: Page) -> None:
    search(page, "dong thuan")
    page.locator("[data-tk-kq] a").first.click()
    page.wait_for_load_state("networkidle")
    marked = page.locator("article mark").all_inner_texts()
    assert any(word.casefold() == "đồng" for word in marked), marked
    assert any(word.casefold() == "thuận" for word in marked), marked


def test_the_index_holds_the_pages_not_their_furniture(built_site: Path) -> None:
    index = built_site / "pagefind"
    assert (index / "pagefind.js").is_file() and list(index.glob("index/*.pf_index"))
    assert not (index / "pagefind-ui.js").exists()  # the site's own box needs none of these
    assert not (built_site / "search" / "search_index.json").exists()


def test_the_staff_guide_is_not_found_nor_published(page: Page, built_site: Path) -> None:
    """The communicators' guide (commands, files) is for staff: not in the site, its menu,
    its sitemap or its search; a citizen asking where to call is not sent to it."""
    assert not (built_site / "huong-dan").exists()
    assert "/huong-dan/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    linking = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")
               if 'href="huong-dan' in p.read_text(encoding="utf-8")
               or '/huong-dan/' in p.read_text(encoding="utf-8")]
    assert linking == []
    for query in ("campaign validate", "tep chien dich"):
        _, found = search(page, query)
        assert not [path for path in found if "huong-dan" in path], (query, found)
