"""Search as a citizen types it, in a real browser: with or without Vietnamese diacritics."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from generator.content.search import add_folded_fields, fold


def test_fold() -> None:
    assert fold("Cải cách hành chính Đô thị ĐẨY MẠNH") == "Cai cach hanh chinh Do thi DAY MANH"


def test_index_gets_folded_fields() -> None:
    index = add_folded_fields({"config": {"fields": {"title": {"boost": 1000}}},
                               "docs": [{"location": "a/", "title": "Cải cách",
                                         "text": "<p>Đẩy mạnh &amp; đổi mới</p>"}]})
    assert index["config"]["fields"]["text_ascii"] == {"boost": 1.0}
    assert index["docs"][0]["title_ascii"] == "Cai cach"
    assert index["docs"][0]["text_ascii"].split() == ["Day", "manh", "&", "doi", "moi"]


def _search(page: Page, url: str, query: str) -> tuple[int, list[str]]:
    """Type ``query`` into the search box; the result count and the result links shown."""
    page.goto(url)
    page.locator("label[for='__search']").first.click()
    box = page.locator("input.md-search__input")
    box.fill("")
    box.type(query, delay=20)
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_not_text="Đang chuẩn bị").first.wait_for()
    page.wait_for_timeout(400)
    words = meta.inner_text().split()
    count = int(words[0]) if words[0].isdigit() else 0
    links = page.locator(".md-search-result__item > .md-search-result__link")
    hrefs = links.evaluate_all("els => els.map(e => e.href)")
    # Without the ?h= highlight parameter, which repeats the query.
    return count, [urlsplit(str(h)).path + "#" + urlsplit(str(h)).fragment for h in hrefs]


@pytest.mark.parametrize(("accented", "plain"), [
    ("cải cách hành chính", "cai cach hanh chinh"),
    ("dịch vụ công trực tuyến", "dich vu cong truc tuyen"),
    ("đơn giản hóa", "don gian hoa"),
    ("đồng thuận", "dong thuan"),
    ("Đinh Thị Lan Duyên", "dinh thi lan duyen"),
    ("Văn bản được dẫn", "van ban duoc dan"),
])
def test_unaccented_query_finds_the_same_pages(browser: Browser, site_url: str, accented: str,
                                               plain: str) -> None:
    page = browser.new_page(viewport={"width": 412, "height": 860})  # a phone
    found, with_marks = _search(page, site_url, accented)
    found_plain, without = _search(page, site_url, plain)
    page.close()
    assert found > 0 and with_marks, f"nothing found for {accented!r}"
    assert found_plain >= found
    # The best match is the same page whichever way the query was typed.
    assert without[0] == with_marks[0]
