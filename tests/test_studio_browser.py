"""The studio in a real browser (Debian's Chromium, driven by Playwright), as a communicator uses
it: a real document of the corpus as a Word file dropped in, a misread slogan and a misread
agency relabelled, the public facts filled in, the site built, the print pack downloaded and
its files checked; once with the mouse and once with the keyboard alone. Every screen passes
axe before any interaction; two tabs on one campaign lose nothing; requests from elsewhere
are refused."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import CHROMIUM_ARGS, chromium_path, serve
from conftest import REPO, Project, copy_project
from corpus import load_corpus, write_docx
from playwright.sync_api import Browser, Page, expect
from studio import TOKEN, Client, running_studio

CORPUS = REPO / "tests" / "data" / "corpus"
DOCUMENT = "ubnd-daklak-0124kh-2025-thi-dua-dai-hoi-xiv"
# What the import misreads in this document, as a communicator finds it: the motto of the
# emulation movement, which the office wants on posters, is read as a topic; a sentence that
# asks every body to act is read as one agency.
SLOGAN = "Lập thành tích chào mừng Đại hội lần thứ XIV của Đảng"
NOT_AN_AGENCY = "Các cơ quan, đơn vị, địa phương, doanh nghiệp căn cứ"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
BUILD_SECONDS = 600_000  # ms: a first build draws and typesets everything


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory,
              poster_cache: Path) -> Iterator[tuple[Project, Client, Path]]:
    """One project for the module's flows (the second build reuses the first's drawings), its
    studio, and the document as an office receives it; the sample's posters come drawn, as
    in a communicator's checkout after its first build."""
    folder = tmp_path_factory.mktemp("studio")
    project = copy_project(folder / "project", poster_cache)
    document = folder / "KH-0124-UBND-Dak-Lak.docx"
    write_docx(load_corpus(CORPUS / f"{DOCUMENT}.txt"), document)
    with running_studio(project.root) as client:
        yield project, client, document


def _no_violations(page: Page) -> None:
    violations = Axe().run(page, options=WCAG_21_AA).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3])
                              for v in violations]


def _open(chromium: Browser, client: Client, **options: object) -> Page:
    context = chromium.new_context(accept_downloads=True, **options)  # type: ignore[arg-type]
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith((client.base, "data:", "blob:")) else None)
    page.outside = outside  # type: ignore[attr-defined]
    page.goto(f"{client.base}/?ma={TOKEN}")
    return page


def _block(page: Page, text: str) -> str:
    """The id of the block whose words start with ``text``."""
    words = page.locator(".khoi__chu", has_text=re.compile(r"^\W*" + re.escape(text)))
    block = page.locator("li.khoi", has=words).first
    return str(block.get_attribute("id"))


def _tab_to(page: Page, selector: str, limit: int = 1500) -> None:
    """Press Tab until ``selector`` has the focus, as a keyboard user moves through the page."""
    target = page.locator(selector).first.element_handle()
    assert target is not None, selector
    for _ in range(limit):
        if page.evaluate("(el) => document.activeElement === el", target):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def _wait_for_job(page: Page) -> None:
    expect(page.locator("[data-khi-xong]")).to_be_visible(timeout=BUILD_SECONDS)


def _check_pack(path: Path, slogan_stem: str) -> None:
    """The print pack holds a poster of the relabelled slogan in each print format, the
    leaflet, the handbook and the job ticket, every PDF one poppler reads, and a manifest
    naming the slogan."""
    with zipfile.ZipFile(path) as pack:
        names = pack.namelist()
        assert pack.testzip() is None
        manifest = json.loads(pack.read("manifest.json"))
        pdfs = [n for n in names if n.endswith(".pdf")]
        posters = [n for n in pdfs if slogan_stem in n]
        assert posters and "PHIEU-IN.pdf" in names, names
        assert any("to-roi" in n for n in pdfs) and any("so-tay" in n for n in pdfs), names
        for number, name in enumerate(pdfs):
            sample = path.parent / f"{path.stem}-{number}.pdf"
            sample.write_bytes(pack.read(name))
            info = subprocess.run(["pdfinfo", str(sample)], capture_output=True, text=True,
                                  check=True)
            pages = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
            assert pages and int(pages[1]) >= 1, name
    assert any(row.get("slogan", "").startswith(SLOGAN) for row in manifest), manifest[:1]


def _flow_by_mouse(page: Page, client: Client, document: Path, project: Project,
                   tmp: Path) -> None:
    _no_violations(page)
    # Dropped on the drop zone, as from a file manager.
    payload = base64.b64encode(document.read_bytes()).decode()
    page.evaluate("""([name, data]) => {
        const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
        const file = new File([bytes], name);
        const transfer = new DataTransfer();
        transfer.items.add(file);
        const zone = document.querySelector("[data-vung-tha]");
        zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true,
                                                  cancelable: true}));
    }""", [document.name, payload])
    page.wait_for_url(re.compile(r"/c/kh-0124-ubnd-2025\?moi=1"), timeout=120_000)
    _no_violations(page)
    assert page.locator(".viec li").count() >= 3  # the import's to-do list
    # The misread slogan, relabelled with the mouse.
    block = _block(page, SLOGAN)
    page.locator(f"#{block} select").select_option("slogan")
    page.locator(f"#{block} button").click()
    page.wait_for_load_state()
    expect(page.locator(f"#{block} .nhan--slogan")).to_have_text("Khẩu hiệu")
    expect(page.locator(f"img[alt*='{SLOGAN[:30]}']")).to_have_count(1)
    # The sentence read as an agency: every body's work.
    block = _block(page, NOT_AN_AGENCY)
    page.locator(f"#{block} select").select_option("general")
    page.locator(f"#{block} button").click()
    page.wait_for_load_state()
    expect(page.locator(f"#{block} .khoi__nhan .nhan").first).to_have_text("Việc chung")
    # The to-do fields.
    page.fill("#short_title", "Thi đua chào mừng Đại hội XIV")
    page.fill("#summary", "Tỉnh phát động thi đua lập thành tích chào mừng Đại hội lần thứ XIV "
                          "của Đảng: mỗi cơ quan, doanh nghiệp và người dân cùng tham gia.")
    page.fill("#unit", "Sở Nội vụ tỉnh Đắk Lắk")
    page.fill("#hotline", "0262 3852 448")
    page.click("text=Lưu thông tin")
    page.wait_for_load_state()
    expect(page.locator("p.bao[role=status]")).to_contain_text("Đã lưu")
    text = (project.root / "campaigns" / "kh-0124-ubnd-2025.md").read_text(encoding="utf-8")
    assert "{.khau-hieu}" in text and "{.viec-chung}" in text and "0262 3852 448" in text
    # Build, then download the print pack.
    page.click("text=Xây dựng và xuất bản")
    _no_violations(page)
    page.click("button:has-text('Xây dựng trang')")
    expect(page.locator("progress")).to_be_visible()
    _no_violations(page)
    _wait_for_job(page)
    assert "Xong" in page.locator("[data-buoc]").inner_text()
    page.click("text=Tải tệp in, xem trước và xuất bản")
    _no_violations(page)
    with page.expect_download() as download:
        page.click("text=Gói in của chiến dịch (zip)")
    pack = tmp / "goi-in-chuot.zip"
    download.value.save_as(pack)
    _check_pack(pack, "lap-thanh-tich")
    expect(page.locator("a", has_text="Tờ gấp (PDF)")).to_have_count(1)
    expect(page.locator("a", has_text="Sổ tay (PDF)")).to_have_count(1)
    # The preview of the built site opens from the studio.
    with page.context.expect_page() as opened:
        page.click("text=Mở trang của chiến dịch (thẻ mới)")
    expect(opened.value.locator("h1").first).to_be_visible()
    opened.value.close()
    # Published once a leader approved it: who and when recorded beside the history.
    assert not (project.root / "site").exists()
    page.fill("#nguoi-duyet", "Nguyễn Văn A, Phó Chủ tịch UBND tỉnh")
    page.click("button:has-text('Xuất bản')")
    _wait_for_job(page)
    assert (project.root / "site" / "kh-0124-ubnd-2025" / "index.html").is_file()
    approvals = project.root / "campaigns" / ".lich-su" / "kh-0124-ubnd-2025" / "xuat-ban.jsonl"
    assert "Nguyễn Văn A, Phó Chủ tịch UBND tỉnh" in approvals.read_text(encoding="utf-8")


def _flow_by_keyboard(page: Page, client: Client, document: Path, project: Project,
                      tmp: Path) -> None:
    _tab_to(page, "#tep")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")  # a file button opens its chooser on Space, as on Enter
    chooser.value.set_files(document)
    _tab_to(page, "#ma")
    page.keyboard.type("kh-0124-ban-phim")
    _tab_to(page, "button:has-text('Nhập văn bản')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/c/kh-0124-ban-phim\?moi=1"), timeout=120_000)
    for needle, steps in ((SLOGAN, 3), (NOT_AN_AGENCY, 2)):  # options: slogan 4th, general 3rd
        block = _block(page, needle)
        _tab_to(page, f"#{block} select")
        for _ in range(steps):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        page.wait_for_selector(f"#{block}")
    assert page.locator(f"#{_block(page, SLOGAN)} .nhan--slogan").count() == 1
    assert page.locator(f"#{_block(page, NOT_AN_AGENCY)} .nhan--general").count() == 1
    for field, value in (("#short_title", "Thi đua Đại hội XIV (bàn phím)"),
                         ("#unit", "Sở Nội vụ"), ("#hotline", "0262 3852 448")):
        _tab_to(page, field)
        page.keyboard.press("Control+A")
        page.keyboard.type(value)
    _tab_to(page, "button:has-text('Lưu thông tin')")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("p.bao[role=status]")).to_contain_text("Đã lưu")
    _tab_to(page, "a:has-text('Xây dựng và xuất bản')")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    _tab_to(page, "button:has-text('Xây dựng trang')")
    page.keyboard.press("Enter")
    _wait_for_job(page)
    _tab_to(page, "a:has-text('Tải tệp in, xem trước và xuất bản')")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    _tab_to(page, "a:has-text('Gói in của chiến dịch (zip)')")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    pack = tmp / "goi-in-ban-phim.zip"
    download.value.save_as(pack)
    _check_pack(pack, "lap-thanh-tich")


def test_the_whole_job_by_mouse_then_by_keyboard(
        workspace: tuple[Project, Client, Path], browser: Browser, tmp_path: Path) -> None:
    project, client, document = workspace
    page = _open(browser, client, viewport={"width": 1366, "height": 768})
    _flow_by_mouse(page, client, document, project, tmp_path)
    keyboard = _open(browser, client, viewport={"width": 1366, "height": 768})
    _flow_by_keyboard(keyboard, client, document, project, tmp_path)
    assert page.outside == [] and keyboard.outside == []  # type: ignore[attr-defined]


def test_every_screen_passes_axe_on_a_tablet(
        workspace: tuple[Project, Client, Path], browser: Browser) -> None:
    _, client, _ = workspace
    page = _open(browser, client, viewport={"width": 768, "height": 1024}, has_touch=True)
    for path in ("/", "/c/cchc-ha-noi-2021", "/c/cchc-ha-noi-2021/tep",
                 "/c/cchc-ha-noi-2021/lich-su", "/c/cchc-ha-noi-2021/xuat-ban",
                 "/c/cchc-ha-noi-2021/bao-cao", "/c/cchc-ha-noi-2021/bao-cao/2021-6t1",
                 "/c/cchc-ha-noi-2021/bao-cao/2021-6t1-don-vi-1", "/huong-dan", "/c/khong-co"):
        page.goto(client.base + path)
        _no_violations(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 768, (path, width)


def test_two_tabs_on_one_campaign_lose_nothing(
        workspace: tuple[Project, Client, Path], browser: Browser) -> None:
    project, client, _ = workspace
    first = _open(browser, client)
    second = first.context.new_page()
    for tab in (first, second):
        tab.goto(f"{client.base}/c/cchc-ha-noi-2021")
    file = project.root / "campaigns" / "cchc-ha-noi-2021.md"
    block = _block(first, "Tuyên truyền trực quan")
    first.locator(f"#{block} select").select_option("slogan")
    first.locator(f"#{block} button").click()
    first.wait_for_load_state()
    second.locator(f"#{block} select").select_option("text")
    second.locator(f"#{block} button").click()
    second.wait_for_load_state()
    expect(second.locator("h1")).to_have_text("Tệp đã được sửa ở nơi khác")
    _no_violations(second)
    assert "{.khau-hieu}" in file.read_text(encoding="utf-8")  # the first tab's, kept
    second.click("text=Lưu bản của tôi thay bản trong tệp")
    second.wait_for_load_state()
    text = file.read_text(encoding="utf-8")
    assert "{.doan-van}" in text and "{.khau-hieu}" not in text
    second.goto(f"{client.base}/c/cchc-ha-noi-2021/lich-su")
    _no_violations(second)
    # Both earlier versions kept: undo works, across sessions too (they are files).
    assert second.locator("button:has-text('Khôi phục')").count() >= 2
    second.locator("button:has-text('Khôi phục')").first.click()
    second.wait_for_load_state()
    assert "{.khau-hieu}" in file.read_text(encoding="utf-8")


def test_a_document_that_cannot_be_imported_is_said_plainly(
        workspace: tuple[Project, Client, Path], browser: Browser, tmp_path: Path) -> None:
    project, client, _ = workspace
    empty = tmp_path / "trong.txt"
    empty.write_text("\n\n", encoding="utf-8")
    page = _open(browser, client)
    before = sorted(p.name for p in (project.root / "campaigns").iterdir())
    page.set_input_files("#tep", empty)
    page.click("button:has-text('Nhập văn bản')")
    expect(page.locator("[role=alert]")).to_contain_text("không có chữ nào", timeout=60_000)
    _no_violations(page)
    assert sorted(p.name for p in (project.root / "campaigns").iterdir()) == before


def test_requests_from_elsewhere_are_refused(
        workspace: tuple[Project, Client, Path], browser: Browser, tmp_path: Path) -> None:
    project, client, _ = workspace
    # No token: a new browser profile.
    stranger = browser.new_context().new_page()
    answer = stranger.goto(client.base + "/c/cchc-ha-noi-2021")
    assert answer is not None and answer.status == 401
    _no_violations(stranger)
    # A page of another site, open in the communicator's own browser, posting to the studio.
    file = project.root / "campaigns" / "cchc-ha-noi-2021.md"
    before = file.read_bytes()
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="vi"><body><form method="post" '
        f'action="{client.base}/c/cchc-ha-noi-2021/tep"><input name="noi-dung" value="mất">'
        f'<button>Gửi</button></form></body></html>', encoding="utf-8")
    page = _open(browser, client)
    with serve(tmp_path) as other:
        page.goto(other)
        with page.expect_navigation():
            page.click("button")
    assert "Yêu cầu không đến từ trang của studio" in page.content()
    assert file.read_bytes() == before
    # DNS rebinding: a foreign name resolved to the loopback.
    rebinding = browser.browser_type.launch(
        executable_path=chromium_path(),
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP tan-cong.test 127.0.0.1"])
    try:
        foreign = rebinding.new_page().goto(f"http://tan-cong.test:{client.port}/?ma={TOKEN}")
        assert foreign is not None and foreign.status == 421
    finally:
        rebinding.close()
