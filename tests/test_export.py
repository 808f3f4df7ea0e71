"""``campaign export``: the complete docs tree, publishable by Zensical as well as by MkDocs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

from browser import search, serve
from conftest import Project, menu_of, page_text
from playwright.sync_api import Browser

CAMPAIGN = "cchc-ha-noi-2021"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_export_writes_every_page_and_keeps_docs_untouched(project: Project) -> None:
    docs_before = _tree(project.root / "docs")
    result = project.run("export", "export")
    assert result.code == 0, result.err
    out = project.root / "export"
    exported = _tree(out / "docs")
    for page in ["index.md", f"{CAMPAIGN}/index.md", f"{CAMPAIGN}/noi-dung.md",
                 f"{CAMPAIGN}/hinh-thuc.md", f"{CAMPAIGN}/trach-nhiem/index.md",
                 f"{CAMPAIGN}/trach-nhiem/ban-tuyen-giao-thanh-uy.md",
                 f"{CAMPAIGN}/van-ban.md", f"{CAMPAIGN}/khau-hieu.md"]:
        assert page in exported
    # The staff's guide stays out: Zensical knows no draft_docs and would publish it.
    assert not [page for page in exported if page.startswith("huong-dan/")]
    assert "nav:" in (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert _tree(project.root / "docs") == docs_before


def test_export_refuses_a_folder_a_person_made(project: Project) -> None:
    mine = project.root / "ban-cua-toi"
    mine.mkdir()
    (mine / "ghi-chu.txt").write_text("đừng xóa", encoding="utf-8")
    result = project.run("export", "ban-cua-toi")
    assert result.code == 2
    assert result.err.startswith("ban-cua-toi:1:1: thư mục này có tệp không do công cụ tạo ra")
    assert (mine / "ghi-chu.txt").read_text(encoding="utf-8") == "đừng xóa"


def test_export_again_replaces_its_own_output(project: Project) -> None:
    assert project.run("export", "export").code == 0
    assert project.run("export", "export").code == 0


def _build(command: list[str], cwd: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _check_site(site: Path) -> None:
    document = page_text((site / CAMPAIGN / "toan-van" / "index.html").read_text("utf-8"))
    assert "Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển" in document
    topics = (site / CAMPAIGN / "noi-dung" / "index.html").read_text(encoding="utf-8")
    assert 'href="../van-ban/#ke-hoach-171-kh-tu"' in topics
    assert '<html lang="vi"' in (site / "index.html").read_text(encoding="utf-8")


def test_exported_tree_builds_with_zensical_and_has_the_same_search(
        project: Project, browser: Browser) -> None:
    result = project.run("export", "export")
    assert result.code == 0 and "zensical build && campaign index site" in result.out
    zensical = Path(sys.executable).with_name("zensical")
    _build([str(zensical), "build", "--clean"], project.root / "export")
    site = project.root / "export" / "site"
    _check_site(site)
    indexed = project.run("index", site)
    assert indexed.code == 0, indexed.err
    assert indexed.out.startswith("Đã lập chỉ mục tìm kiếm cho ")
    # Zensical's stylesheets cut as campaign build cuts Material's, the pages pointed to them.
    home = (site / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'href="\./(assets/stylesheets/[^"]+)"', home)
    assert linked and all((site / href).is_file() for href in linked)
    assert "bỏ phần trình bày các trang không dùng tới" in indexed.out
    with serve(site) as url:
        page = browser.new_page(viewport={"width": 412, "height": 860})
        page.goto(url + CAMPAIGN + "/")
        found = {query: search(page, query)[1] for query in
                 ("đảng viên", "dang vien", "đội ngũ cán bộ", "doi ngu can bo")}
        # Zensical's scripts, held until the reader's first gesture, did start.
        page.wait_for_function("window.component$ !== undefined")
        page.close()
    assert found["đảng viên"] and found["dang vien"][0] == found["đảng viên"][0]
    assert found["đội ngũ cán bộ"] and found["doi ngu can bo"][0] == found["đội ngũ cán bộ"][0]


def test_index_refuses_a_folder_without_a_site(tmp_path: Path, project: Project) -> None:
    result = project.run("index", tmp_path)
    assert result.code == 2
    assert "không thấy trang web đã tạo ở thư mục này (thiếu index.html)" in result.err


def test_exported_tree_builds_with_mkdocs(project: Project) -> None:
    assert project.run("export", "export").code == 0
    _build([sys.executable, "-m", "mkdocs", "build", "--strict"], project.root / "export")
    _check_site(project.root / "export" / "site")


def test_zensical_shows_the_short_menu_of_many_campaigns(many_campaigns: Project,
                                                        tmp_path: Path) -> None:
    # A copy of the built project: its drawings are reused, the shared one stays as built.
    project = Project(Path(shutil.copytree(many_campaigns.root, tmp_path / "project",
                                           symlinks=True)))
    assert project.run("export", "export").code == 0
    zensical = Path(sys.executable).with_name("zensical")
    _build([str(zensical), "build", "--clean"], project.root / "export")
    menu = menu_of(project.root / "export" / "site" / "chien-dich-007" / "index.html")
    campaigns = [t for t in menu.top if t.startswith("Tuyên truyền")]
    assert len(campaigns) == 6 and campaigns[-1].endswith("số 7")
    page = "https://tuyentruyen.example.vn/chien-dich-007/"
    assert urljoin(page, menu.links["Tất cả 8 chiến dịch"]) == \
        "https://tuyentruyen.example.vn/#cac-chien-dich"
