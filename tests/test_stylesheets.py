"""The theme's stylesheets cut to the classes the site uses (generator/pipeline/stylesheets.py),
and Material's scripts loaded on the reader's first gesture (overrides/main.html)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import material
import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Page, Route

from generator.pipeline.stylesheets import UsedClasses, slim_css, slim_stylesheets

MATERIAL_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
PAGES = {"home": "", "campaign overview": "cchc-ha-noi-2021/",
         "documents": "cchc-ha-noi-2021/van-ban/", "poster gallery": "cchc-ha-noi-2021/an-pham/",
         "indices": "cchc-ha-noi-2021/chi-so/",
         "news post": "tin-tuc/ban-hanh-huong-dan-tuyen-truyen-cchc-2021/"}
VIEWPORTS = {"phone": {"width": 412, "height": 823}, "desktop": {"width": 1280, "height": 900}}


def test_a_selector_goes_only_when_it_needs_a_class_nothing_has() -> None:
    used = UsedClasses(frozenset({"a", "d"}), ("md-tip--",))
    css = (".a{x:1}.b{x:2}.a .c,.d{x:3}p:not(.z){x:4}:is(.q,.a) p{x:5}"
           "@media screen{.b{x:6}}@media print{.a{x:7}}.md-tip--top{x:8}"
           "@keyframes k{from{x:1}}:root{--v:1}")
    assert slim_css(css, used) == (
        ".a{x:1}.d{x:3}p:not(.z){x:4}:is(.q,.a) p{x:5}@media print{.a{x:7}}"
        ".md-tip--top{x:8}@keyframes k{from{x:1}}:root{--v:1}")


def test_classes_come_from_pages_quoted_or_not_and_scripts_that_touch_pages(
        tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("""<p class="a b"><i class='c'><b class=d>""",
                                     encoding="utf-8")
    scripts = tmp_path / "assets" / "javascripts"
    (scripts / "lunr").mkdir(parents=True)
    (scripts / "lunr" / "lunr.vi.js").write_text('"from-lunr"', encoding="utf-8")
    (scripts / "bundle.js").write_text('add("from-bundle")', encoding="utf-8")
    css = ".a{x:1}.b{x:1}.c{x:1}.d{x:1}.from-lunr{x:1}.from-bundle{x:1}"
    (tmp_path / "assets" / "stylesheets").mkdir()
    (tmp_path / "assets" / "stylesheets" / "main.0123abcd.min.css").write_text(css, "utf-8")
    slim_stylesheets(tmp_path)
    [cut] = (tmp_path / "assets" / "stylesheets").iterdir()
    assert cut.read_text(encoding="utf-8") == ".a{x:1}.b{x:1}.c{x:1}.d{x:1}.from-bundle{x:1}"


def _tiny_site(root: Path) -> Path:
    folder = root / "assets" / "stylesheets"
    folder.mkdir(parents=True)
    (folder / "main.0123abcd.min.css").write_text(
        ".kept{color:red}.by-script{color:blue}.unused{color:green}\n"
        "/*# sourceMappingURL=main.0123abcd.min.css.map*/", encoding="utf-8")
    (folder / "main.0123abcd.min.css.map").write_text("{}", encoding="utf-8")
    (root / "assets" / "app.js").write_text('el.classList.add("by-script")', encoding="utf-8")
    (root / "a").mkdir()
    (root / "a" / "index.html").write_text(
        '<link rel="stylesheet" href="../assets/stylesheets/main.0123abcd.min.css">'
        "<p class='kept other'>x</p>", encoding="utf-8")
    return folder


def test_pages_point_to_the_cut_under_a_name_of_its_own(tmp_path: Path) -> None:
    folder = _tiny_site(tmp_path)
    made = slim_stylesheets(tmp_path)
    [cut] = folder.iterdir()
    assert re.fullmatch(r"main\.[0-9a-f]{8}\.min\.css", cut.name)
    assert cut.name != "main.0123abcd.min.css"
    assert cut.read_text(encoding="utf-8") == ".kept{color:red}.by-script{color:blue}"
    page = (tmp_path / "a" / "index.html").read_text(encoding="utf-8")
    assert f'href="../assets/stylesheets/{cut.name}"' in page
    assert made.files == 1 and made.bytes_after < made.bytes_before

    # Run again (campaign index twice): the cut stays, and the page still finds it.
    slim_stylesheets(tmp_path)
    assert list(folder.iterdir()) == [cut]
    assert f'href="../assets/stylesheets/{cut.name}"' in (
        tmp_path / "a" / "index.html").read_text(encoding="utf-8")


def test_a_cut_made_before_comes_from_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _tiny_site(tmp_path / "one")
    _tiny_site(tmp_path / "two")
    slim_stylesheets(tmp_path / "one", cache)
    [entry] = cache.iterdir()
    header = entry.read_text(encoding="utf-8").splitlines()[0]
    entry.write_text(f'{header}\n".from-the-cache{{}}"\n', encoding="utf-8")
    slim_stylesheets(tmp_path / "two", cache)
    [cut] = (tmp_path / "two" / "assets" / "stylesheets").iterdir()
    assert cut.read_text(encoding="utf-8") == ".from-the-cache{}"


def test_the_built_site_links_only_cut_stylesheets_that_exist(built_site: Path) -> None:
    folder = built_site / "assets" / "stylesheets"
    material_main = next(MATERIAL_STYLESHEETS.glob("main.*.min.css"))
    [cut] = folder.glob("main.*.min.css")
    assert cut.name != material_main.name
    assert cut.stat().st_size < 0.7 * material_main.stat().st_size
    assert not list(folder.glob("*.map"))
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"]*assets/stylesheets/[^"]*)"', html):
            # The 404 page names its files from the site's root.
            target = built_site / href[1:] if href.startswith("/") else page.parent / href
            assert target.resolve().is_file(), (page, href)


def _screenshot(page: Page) -> Image.Image:
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    return Image.open(io.BytesIO(page.screenshot())).convert("RGB")


def _with_material_s_own_stylesheets(page: Page) -> list[str]:
    """Serve Material's stylesheets, whole, in place of the cuts; returns those served."""
    served: list[str] = []

    def whole(route: Route) -> None:
        stem = route.request.url.rsplit("/", 1)[1].split(".", 1)[0]
        served.append(stem)
        route.fulfill(path=next(MATERIAL_STYLESHEETS.glob(f"{stem}.*.min.css")),
                      content_type="text/css")
    page.route(re.compile(r".*/assets/stylesheets/(main|palette)\.[0-9a-f]{8}\.min\.css$"),
               whole)
    return served


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("kind", list(PAGES))
def test_the_cut_stylesheets_draw_every_page_as_material_s_own(
        browser: Browser, site_url: str, kind: str, viewport: str) -> None:
    """Pixel for pixel, before the reader's first gesture and after a scroll (Material's
    scripts then add their classes: the header's title, the contents' marker, the top
    button)."""
    # The two pages (the cuts, Material's own) side by side, each step taken on both before
    # the next: they wait for their scripts and their scrolling together, not in turn.
    pages = [browser.new_page(viewport=VIEWPORTS[viewport])  # type: ignore[arg-type]
             for _ in range(2)]
    served = _with_material_s_own_stylesheets(pages[1])
    for page in pages:
        page.goto(site_url + PAGES[kind])
    firsts = [_screenshot(page) for page in pages]
    for page in pages:
        page.mouse.wheel(0, 700)
    for page in pages:
        page.wait_for_function("window.component$ !== undefined")
    pages[0].wait_for_timeout(300)
    for page in pages:
        page.mouse.wheel(0, -200)
    pages[0].wait_for_timeout(500)
    shots = [(first, _screenshot(page)) for first, page in zip(firsts, pages, strict=True)]
    for page in pages:
        page.close()
    assert sorted(served) == ["main", "palette"]
    for cut, whole in zip(*shots, strict=True):
        assert ImageChops.difference(cut, whole).getbbox() is None, kind


def test_material_s_scripts_wait_for_the_reader_s_first_gesture(browser: Browser,
                                                                 site_url: str) -> None:
    page = browser.new_page(viewport=VIEWPORTS["phone"])  # type: ignore[arg-type]
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if r.url.endswith(".js") else None)
    page.goto(site_url + PAGES["documents"], wait_until="networkidle")
    assert not [s for s in scripts if "/assets/javascripts/bundle." in s]
    assert page.evaluate("typeof window.component$") == "undefined"
    page.keyboard.press("Shift")
    page.wait_for_function("window.component$ !== undefined")
    assert len([s for s in scripts if "/assets/javascripts/bundle." in s]) == 1
    # Material's scripts at work: the top button after scrolling down then up, the contents
    # following the reading.
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -300)
    page.locator("[data-md-component=top]:not([hidden])").wait_for()
    assert page.locator(".md-nav__link--active").count() > 0
    page.close()
