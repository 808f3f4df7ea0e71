"""Every page type passes axe-core (WCAG 2.1 A and AA) with zero violations, phone and desktop."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import search
from playwright.sync_api import Browser

PAGE_TYPES = {
    "home": "",
    "campaign overview": "cchc-ha-noi-2021/",
    "full text": "cchc-ha-noi-2021/toan-van/",
    "topics": "cchc-ha-noi-2021/noi-dung/",
    "forms": "cchc-ha-noi-2021/hinh-thuc/",
    "agencies": "cchc-ha-noi-2021/trach-nhiem/",
    "agency page": "cchc-ha-noi-2021/trach-nhiem/thuong-truc-cap-uy-ban-tuyen-giao-cac-quan-huyen/",
    "documents": "cchc-ha-noi-2021/van-ban/",
    "slogans": "cchc-ha-noi-2021/khau-hieu/",
    "poster gallery": "cchc-ha-noi-2021/an-pham/",
    "indices": "cchc-ha-noi-2021/chi-so/",
    "loudspeaker pack": "cchc-ha-noi-2021/phat-thanh/",
    "message pack": "cchc-ha-noi-2021/tin-nhan/",
    "news": "tin-tuc/",
    "news post": "tin-tuc/ban-hanh-huong-dan-tuyen-truyen-cchc-2021/",
}
WCAG_21_AA = {"runOnly": {"type": "tag",
                          "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
VIEWPORTS = {"phone": {"width": 412, "height": 860}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_axe_violations(browser: Browser, site_url: str, kind: str, viewport: str) -> None:
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    page.goto(site_url + PAGE_TYPES[kind])
    # As a reader first sees it, before any gesture ...
    before = Axe().run(page, options=WCAG_21_AA).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in before] == []
    # ... and once they touch it: Material's scripts wait for a first gesture.
    page.keyboard.press("Shift")
    page.wait_for_function("window.component$ !== undefined")
    violations = Axe().run(page, options=WCAG_21_AA).response["violations"]
    page.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_violations_with_the_search_dialog_open(browser: Browser, site_url: str,
                                                  viewport: str) -> None:
    page = browser.new_page(viewport=VIEWPORTS[viewport])
    page.goto(site_url)
    _, found = search(page, "cai cach")
    assert found
    violations = Axe().run(page, options=WCAG_21_AA).response["violations"]
    page.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


def test_pages_request_nothing_from_another_host(browser: Browser, site_url: str) -> None:
    """In a real browser, with search opened: every request stays on the site's own host."""
    page = browser.new_page(viewport=VIEWPORTS["phone"])
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path in PAGE_TYPES.values():
        page.goto(site_url + path, wait_until="networkidle")
        page.mouse.wheel(0, 600)  # Material's scripts load on a first gesture
        page.wait_for_function("window.component$ !== undefined")
    search(page, "cai cach")
    page.close()
    local = site_url.rstrip("/")
    assert [r for r in requests if not r.startswith((local, "data:", "blob:"))] == []
    assert len(requests) > len(PAGE_TYPES)
