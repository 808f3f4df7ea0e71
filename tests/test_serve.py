"""``campaign serve``: editing a campaign file or a page rebuilds the preview."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import Project


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def _wait_for(url: str, needle: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _fetch(url)
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} never appeared at {url}")


@contextmanager
def _serving(project: Project) -> Iterator[str]:
    """``campaign serve`` on a free loopback port, stopped (SIGTERM) afterwards."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-a",
                             f"127.0.0.1:{port}"], cwd=project.root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture
def served(project: Project) -> Iterator[str]:
    with _serving(project) as url:
        yield url


def test_serve_rebuilds_when_a_campaign_changes(project: Project, served: str) -> None:
    page = served + "cchc-ha-noi-2021/"
    _wait_for(page, "Tuyên truyền cải cách hành chính Hà Nội 2021")
    text = project.campaign.read_text(encoding="utf-8")
    project.campaign.write_text(text.replace("short_title: Tuyên truyền cải cách hành chính",
                                             "short_title: Tuyên truyền CCHC"), encoding="utf-8")
    _wait_for(page, "Tuyên truyền CCHC Hà Nội 2021")


def test_serve_rebuilds_when_a_page_changes(project: Project, served: str) -> None:
    _wait_for(served, "Thông tin, tuyên truyền")
    (project.root / "docs" / "tin-moi.md").write_text("# Tin mới\n\nBản tin số một.\n",
                                                      encoding="utf-8")
    _wait_for(served + "tin-moi/", "Bản tin số một.")


def test_the_preview_draws_into_a_cache_of_its_own(project: Project, served: str) -> None:
    """Its QR codes point to 127.0.0.1: the build's posters must not be replaced by them, and
    a build after a preview draws nothing."""
    posters = project.root / ".cache" / "posters" / "cchc-ha-noi-2021"
    before = {p.name: p.stat().st_mtime_ns for p in posters.glob("*.png")}
    _wait_for(served + "cchc-ha-noi-2021/an-pham/", "Áp phích")
    preview = project.root / ".cache" / "serve" / "posters"
    assert list(preview.glob("*/*.png"))
    # The leaflet and handbook take seconds to typeset: only `campaign build` makes them.
    assert not list(preview.glob("*/*--so-tay-a5.pdf"))
    assert {p.name: p.stat().st_mtime_ns for p in posters.glob("*.png")} == before
    result = project.run("build")
    assert result.code == 0, result.err
    assert "vẽ 0," in result.err


def test_a_draft_shows_in_the_preview_only(project: Project) -> None:
    project.edit("place: Hà Nội\n", "place: Hà Nội\ndraft: true\n")
    strict = project.run("build")
    # The news posts link to the campaign: with it unpublished, those links would be dead.
    assert strict.code == 1
    assert "'cchc-ha-noi-2021/index.md' is not found" in strict.err
    assert "bản nháp, không xuất bản (chỉ hiện khi xem trước): cchc-ha-noi-2021" in strict.err
    built = project.run("build", "--no-strict")
    assert built.code == 0, built.err
    assert not (project.root / "site" / "cchc-ha-noi-2021").exists()
    assert "Chưa có chiến dịch nào" in (project.root / "site" / "index.html").read_text("utf-8")
    with _serving(project) as url:
        _wait_for(url + "cchc-ha-noi-2021/", "Tuyên truyền cải cách")


def test_an_imported_campaign_shows_at_once(project: Project, served: str,
                                            tmp_path: Path) -> None:
    _wait_for(served, "Thông tin, tuyên truyền")
    source = tmp_path / "kh.txt"
    source.write_text("ỦY BAN NHÂN DÂN\nXÃ THỬ NGHIỆM\nSố: 12/KH-UBND\n"
                      "Thử Nghiệm, ngày 03 tháng 02 năm 2025\nKẾ HOẠCH\n"
                      "Tuyên truyền thử nghiệm nhập văn bản\nI. MỤC ĐÍCH, YÊU CẦU\n"
                      "1. Người dân biết các thủ tục mới.\n", encoding="utf-8")
    result = project.run("import", source)
    assert result.code == 0, result.err
    _wait_for(served + "kh-12-ubnd-2025/", "Người dân biết các thủ tục mới.")
