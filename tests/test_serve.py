"""``campaign serve``: editing a campaign file or a page rebuilds the preview.

One preview server for the module (starting one draws the sample's preview posters): the
tests run in the file's order on one project, each leaving what the next one expects.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import Project, copy_project
from playwright.sync_api import Browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def _wait_for(url: str, needle: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            last = _fetch(url)
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} never appeared at {url}")


@dataclass
class Served:
    project: Project
    url: str
    log: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, poster_cache: Path) -> Iterator[Served]:
    """``campaign serve`` on a free loopback port over a project of the module's own,
    stopped (SIGTERM) afterwards; what it says goes to a log the tests read."""
    project = copy_project(tmp_path_factory.mktemp("serve") / "project", poster_cache)
    posters = project.root / ".cache" / "posters" / "cchc-ha-noi-2021"
    drawn = {p.name: p.stat().st_mtime_ns for p in posters.glob("*.png")}
    (project.root / "drawn.txt").write_text(repr(sorted(drawn.items())), encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = project.root.parent / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-a",
                                 f"127.0.0.1:{port}"], cwd=project.root, env=env,
                                stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}/"
            _wait_for(url, "Thông tin, tuyên truyền", 120)
            yield Served(project, url, log)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def test_the_preview_draws_into_a_cache_of_its_own(served: Served) -> None:
    """Its QR codes point to 127.0.0.1: the build's posters must not be replaced by them, and
    a build after a preview draws nothing."""
    project = served.project
    posters = project.root / ".cache" / "posters" / "cchc-ha-noi-2021"
    _wait_for(served.url + "cchc-ha-noi-2021/an-pham/", "Áp phích")
    preview = project.root / ".cache" / "serve" / "posters"
    assert list(preview.glob("*/*.png"))
    # The leaflet and handbook take seconds to typeset: only `campaign build` makes them.
    assert not list(preview.glob("*/*--so-tay-a5.pdf"))
    now = {p.name: p.stat().st_mtime_ns for p in posters.glob("*.png")}
    assert repr(sorted(now.items())) == (project.root / "drawn.txt").read_text(encoding="utf-8")
    result = project.run("build")
    assert result.code == 0, result.err
    assert "vẽ 0," in result.err


def test_serve_rebuilds_when_a_page_changes(served: Served) -> None:
    (served.project.root / "docs" / "tin-moi.md").write_text(
        "# Tin mới\n\nBản tin số một.\n", encoding="utf-8")
    _wait_for(served.url + "tin-moi/", "Bản tin số một.")


def test_serve_rebuilds_when_a_campaign_changes(served: Served) -> None:
    page = served.url + "cchc-ha-noi-2021/"
    _wait_for(page, "Tuyên truyền cải cách hành chính Hà Nội 2021")
    served.project.edit("short_title: Tuyên truyền cải cách hành chính",
                        "short_title: Tuyên truyền CCHC")
    _wait_for(page, "Tuyên truyền CCHC Hà Nội 2021")


def test_an_imported_campaign_shows_at_once(served: Served, tmp_path: Path) -> None:
    source = tmp_path / "kh.txt"
    source.write_text("ỦY BAN NHÂN DÂN\nXÃ THỬ NGHIỆM\nSố: 12/KH-UBND\n"
                      "Thử Nghiệm, ngày 03 tháng 02 năm 2025\nKẾ HOẠCH\n"
                      "Tuyên truyền thử nghiệm nhập văn bản\nI. MỤC ĐÍCH, YÊU CẦU\n"
                      "1. Người dân biết các thủ tục mới.\n", encoding="utf-8")
    result = served.project.run("import", source)
    assert result.code == 0, result.err
    _wait_for(served.url + "kh-12-ubnd-2025/", "Người dân biết các thủ tục mới.")


def test_the_preview_answers_a_nul_in_a_path_with_a_404(served: Served) -> None:
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(served.url + "%00", timeout=5)
    answer.value.close()  # its connection, else closed whenever it is collected
    assert answer.value.code == 404
    assert "Traceback" not in served.log.read_text("utf-8")


def test_the_staff_guide_shows_in_the_preview_and_passes_axe_untouched(
        served: Served, browser: Browser) -> None:
    """The guide is left out of the public site, and shown by the preview; before any
    gesture (Material's scripts wait for one) it passes axe, its commands included."""
    url = served.url + "huong-dan/viet-chien-dich/"
    _wait_for(url, "Hướng dẫn viết tệp chiến dịch")
    for viewport in ({"width": 412, "height": 860}, {"width": 1280, "height": 900}):
        page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
        page.goto(url)
        violations = Axe().run(page, options={"runOnly": {"type": "tag", "values": [
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).response["violations"]
        page.close()
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


def test_a_draft_shows_in_the_preview_only(served: Served) -> None:
    project = served.project
    (project.root / "campaigns" / "kh-12-ubnd-2025.md").unlink()  # the import's, above
    project.edit("place: Hà Nội\n", "place: Hà Nội\ndraft: true\n")
    strict = project.run("build")
    # The news posts link to the campaign: with it unpublished, those links would be dead.
    assert strict.code == 1
    assert "'cchc-ha-noi-2021/index.md' is not found" in strict.err
    # MkDocs' English warning, then what to do, in Vietnamese; its steps in Vietnamese only.
    assert "CẢNH BÁO: Doc file" in strict.err
    assert "\n  → Hãy sửa liên kết trong trang được nêu" in strict.err
    assert "MkDocs dừng vì 2 cảnh báo ở trên (chế độ nghiêm ngặt)" in strict.err
    assert "Đang tạo các trang web…" in strict.err
    for english in ("INFO", "Cleaning site", "Building documentation", "Documentation built"):
        assert english not in strict.err
    assert "bản nháp, không xuất bản (chỉ hiện khi xem trước): cchc-ha-noi-2021" in strict.err
    built = project.run("build", "--no-strict")
    assert built.code == 0, built.err
    assert not (project.root / "site" / "cchc-ha-noi-2021").exists()
    assert "Chưa có chiến dịch nào" in (project.root / "site" / "index.html").read_text("utf-8")
    _wait_for(served.url + "cchc-ha-noi-2021/", "Tuyên truyền CCHC Hà Nội 2021")
    assert "Traceback" not in served.log.read_text("utf-8")
