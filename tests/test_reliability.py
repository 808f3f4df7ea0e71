"""No lost work, no half-built site, no way in through content."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Project, page_text
from PIL import Image
from playwright.sync_api import Browser


@pytest.fixture
def project(yaml_project: Project) -> Project:
    """These tests edit the sample campaign's YAML form (its Markdown form: test_documents,
    test_markdown_errors)."""
    return yaml_project


F = "campaigns/cchc-ha-noi-2021.yml"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _fails(project: Project, *args: str) -> list[str]:
    result = project.run(*(args or ("validate",)))
    assert result.code == 2, result.out + result.err
    assert "Traceback" not in result.err
    return result.err.splitlines()[:-1]


# -- atomic output: real builds killed at several points -----------------------------------------

def _when_file(pattern: str) -> Callable[[Path], bool]:
    return lambda root: any(root.glob(pattern))


KILL_POINTS: list[tuple[str, Callable[[Path], bool]]] = [
    ("at start", lambda root: True),
    ("while drawing posters", _when_file(".cache/posters/*/*.png")),
    ("while a poster file is half-written", _when_file(".cache/posters/*/.*.partial")),
    ("while MkDocs writes pages", _when_file(".site.staging-*/**/index.html")),
    ("while MkDocs copies posters", _when_file(".site.staging-*/posters/*/*.png")),
    ("after 1.5 s", lambda root: False),
]


def test_killed_builds_leave_the_previous_site_whole(project: Project) -> None:
    """A build killed at each point in turn; before each, a good build (the first, then the
    one after the last kill), whose site the killed build must leave as it was."""
    assert project.run("build").code == 0
    slogan = "Không ngừng cải cách"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for number, (point, ready) in enumerate(KILL_POINTS, start=1):
        before = _snapshot(project.root / "site")
        # One slogan changed: its six posters are drawn again, its pages written, every
        # poster copied into the site.
        changed = f"Lần {number} không ngừng cải cách"
        project.edit(f"  - {slogan}", f"  - {changed}")
        slogan = changed
        proc = subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=project.root,
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        deadline = time.monotonic() + (1.5 if point == "after 1.5 s" else 120)
        while proc.poll() is None and not ready(project.root) and time.monotonic() < deadline:
            time.sleep(0.005)
        assert proc.poll() is None, f"the build ended before the kill point ({point})"
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert _snapshot(project.root / "site") == before, point
        result = project.run("build")
        assert result.code == 0, (point, result.err)
        leftovers = [p.name for p in project.root.iterdir() if ".staging-" in p.name
                     or ".old-" in p.name]
        assert leftovers == [], point
        assert not list((project.root / ".cache").rglob("*.partial")), point
        html = (project.root / "site" / "cchc-ha-noi-2021" / "khau-hieu" / "index.html"
                ).read_text("utf-8")
        assert changed in html, point


# -- hand-written work is sacred ---------------------------------------------------------------

def test_hand_written_pages_and_posters_with_clashing_names_survive(project: Project) -> None:
    planted = {
        "docs/index.md": b"# Trang chu viet tay\n",
        "docs/cchc-ha-noi-2021/khau-hieu.md": "# Khẩu hiệu viết tay\n".encode(),
        "docs/posters/cchc-ha-noi-2021/manifest.csv": b"toi,viet,tay\n",
        "docs/posters/cchc-ha-noi-2021/01-ky-cuong-trach-nhiem-hanh-dong-sang-tao--a4-doc.png":
            b"\x89PNG hand made",
    }
    for name, content in planted.items():
        (project.root / name).parent.mkdir(parents=True, exist_ok=True)
        (project.root / name).write_bytes(content)
    docs_before = _snapshot(project.root / "docs")
    for command in (("build",), ("export", "export"), ("validate",)):
        result = project.run(*command)
        assert result.code == 0, result.err
    assert _snapshot(project.root / "docs") == docs_before
    site = project.root / "site"
    for name, content in planted.items():
        published = name.removeprefix("docs/")
        if published.endswith(".md"):
            continue
        assert (site / published).read_bytes() == content
        assert (project.root / "export" / name).read_bytes() == content
    assert "Khẩu hiệu viết tay" in (site / "cchc-ha-noi-2021" / "khau-hieu" / "index.html"
                                    ).read_text(encoding="utf-8")


def test_files_added_to_site_by_hand_are_never_deleted(project: Project) -> None:
    assert project.run("build").code == 0
    mine = project.root / "site" / "google-xac-minh.html"
    mine.write_text("xác minh", encoding="utf-8")
    problems = _fails(project, "build")
    assert problems == ["site:1:1: có tệp được thêm hoặc sửa tay sau lần tạo trước "
                        "(google-xac-minh.html); công cụ không xóa chúng. Hãy chuyển các tệp "
                        "này ra ngoài (trang viết tay đặt trong docs/) rồi chạy lại"]
    assert mine.read_text(encoding="utf-8") == "xác minh"


def test_output_folders_a_person_made_are_refused(project: Project) -> None:
    for command in (("build",), ("posters", F, "--out", "site"), ("export", "site")):
        site = project.root / "site"
        site.mkdir(exist_ok=True)
        (site / "cua-toi.txt").write_text("của tôi", encoding="utf-8")
        problems = _fails(project, *command)
        assert problems[0].startswith("site:1:1: thư mục này có tệp không do công cụ tạo ra")
        assert (site / "cua-toi.txt").read_text(encoding="utf-8") == "của tôi"


# -- hostile content stays text ----------------------------------------------------------------

IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
SCRIPT = "<script>document.body.setAttribute('data-pwned','script')</script>"


def _yaml_quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def test_hostile_strings_are_shown_as_text_never_run(project: Project, browser: Browser) -> None:
    project.edit("short_title: Tuyên truyền cải cách hành chính Hà Nội 2021",
             f"short_title: {_yaml_quote(SCRIPT + ' Tiêu đề')}")
    project.edit("    agency: Ban Tuyên giáo Thành ủy\n",
             f"    agency: {_yaml_quote(IMG + ' Ban')}\n")
    project.edit("  - Không ngừng cải cách hành chính nhằm phục vụ người dân ngày càng "
                      "tốt hơn",
             "  - '[bấm vào đây](javascript:alert(1)) <b onmouseover=alert(1)>x</b>'")
    project.edit("issuer: Ban Tuyên giáo Thành ủy Hà Nội",
             "issuer: '\"><svg onload=alert(1)> Ban Tuyên giáo'")
    result = project.run("build")
    assert result.code == 0, result.err
    site = project.root / "site"
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<img src=x" not in html
        assert "<svg onload" not in html
        assert 'href="javascript:' not in html
    overview = page_text((site / "cchc-ha-noi-2021" / "index.html").read_text(encoding="utf-8"))
    assert SCRIPT + " Tiêu đề" in overview
    slogans = page_text((site / "cchc-ha-noi-2021" / "khau-hieu" / "index.html")
                        .read_text(encoding="utf-8"))
    assert "[bấm vào đây](javascript:alert(1)) <b onmouseover=alert(1)>x</b>" in slogans
    # Every page opened in Chromium, its scripts run and its timers given time to fire.
    tab = browser.new_context(java_script_enabled=True).new_page()
    for page in pages:
        tab.goto(page.as_uri(), wait_until="load")
        tab.wait_for_timeout(200)
        assert tab.evaluate("document.body !== null"), page
        assert not tab.evaluate("document.body.hasAttribute('data-pwned')"), page
    tab.context.close()


# -- paths stay inside the project -------------------------------------------------------------

@pytest.mark.parametrize(("key", "value", "message"), [
    ("logo", "/etc/passwd", "là đường dẫn tuyệt đối"),
    ("logo", "../../../etc/hostname", "trỏ ra ngoài thư mục dự án"),
    ("headline_font", "~/.fonts/x.ttf", "là đường dẫn tuyệt đối"),
    ("text_font", "../../x.ttf", "trỏ ra ngoài thư mục dự án"),
])
def test_paths_cannot_escape_the_project(project: Project, key: str, value: str,
                                         message: str) -> None:
    text = project.campaign.read_text(encoding="utf-8")
    project.campaign.write_text(f"{text}\nposters:\n  {key}: {value}\n", encoding="utf-8")
    [problem] = _fails(project)
    assert problem.startswith(f"{F}:{project.line(key + ':')}:{len(key) + 5}: đường dẫn "
                              f"'{value}' {message}")


def test_symlink_out_of_the_tree_is_refused(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "ngoai.png"
    Image.new("RGB", (10, 10)).save(outside)
    (project.root / "campaigns" / "logo.png").symlink_to(outside)
    text = project.campaign.read_text(encoding="utf-8")
    project.campaign.write_text(f"{text}\nposters:\n  logo: logo.png\n", encoding="utf-8")
    [problem] = _fails(project)
    assert "đường dẫn 'logo.png' trỏ ra ngoài thư mục dự án" in problem
    (project.root / "campaigns" / "khac.yml").symlink_to(tmp_path / "khac.yml")
    (tmp_path / "khac.yml").write_text("id: khac\n", encoding="utf-8")
    problems = _fails(project)
    assert "campaigns/khac.yml:1:1: tệp là liên kết trỏ ra ngoài thư mục dự án; hãy chép tệp " \
           "thật vào campaigns/" in problems


def test_campaign_id_cannot_be_a_path(project: Project) -> None:
    project.edit("id: cchc-ha-noi-2021", "id: ../../etc")
    problems = _fails(project)
    assert problems[0].startswith(f"{F}:7:5: 'id' chỉ được gồm chữ thường không dấu")


# -- sizes and limits --------------------------------------------------------------------------

def test_alias_bomb_is_refused(project: Project) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
              f"*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 9)]
    project.campaign.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [problem] = _fails(project)
    assert "quá 50000 giá trị" in problem


def test_huge_file_is_refused(project: Project) -> None:
    project.campaign.write_text("# " + "x" * 2_000_000 + "\n", encoding="utf-8")
    assert _fails(project) == [f"{F}:1:1: tệp quá lớn (1953 KB, tối đa 1024 KB); hãy tách "
                               "thành nhiều chiến dịch"]


def test_deep_nesting_is_refused(project: Project) -> None:
    project.campaign.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    [problem] = _fails(project)
    assert "lồng nhau quá sâu" in problem


def test_too_long_slogan(project: Project) -> None:
    project.edit("  - Tích cực tham gia", "  - " + "rất " * 100 + "Tích cực tham gia")
    [problem] = _fails(project)
    assert problem.startswith(f"{F}:{project.line('  - rất rất')}:5: 'text' dài quá 300 ký tự")


def test_too_many_posters(project: Project) -> None:
    text = project.campaign.read_text(encoding="utf-8")
    formats = ", ".join(f"a{i}-doc, a{i}-ngang" for i in range(5))
    slogans = "".join(f"  - Khẩu hiệu số {i}\n" for i in range(60))
    project.campaign.write_text(text.replace("slogans:\n", f"slogans:\n{slogans}", 1)
                                + f"\nposters:\n  formats: [{formats}]\n", encoding="utf-8")
    problems = _fails(project)
    assert any("cần 640 áp phích, nhiều hơn giới hạn 500" in p for p in problems)


# -- Vietnamese as it really arrives -----------------------------------------------------------

def test_nfd_zero_width_and_nbsp_are_normalised(project: Project) -> None:
    messy = unicodedata.normalize("NFD", "Kỷ\u200b cương,\u00a0trách\u00ad nhiệm")
    project.edit("  text: Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển",
             f"  text: {messy}, hành động, sáng tạo, phát triển")
    assert project.run("build").code == 0
    html = (project.root / "site" / "cchc-ha-noi-2021" / "index.html").read_text("utf-8")
    assert "Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển" in html
    assert "\u200b" not in html and "\u00ad" not in html


def test_windows_1258_file_is_named(project: Project) -> None:
    text = project.campaign.read_text(encoding="utf-8")
    project.campaign.write_bytes(unicodedata.normalize("NFD", text).encode("cp1258",
                                                                           errors="replace"))
    [problem] = _fails(project)
    assert "tệp không phải UTF-8" in problem
    assert "có vẻ được lưu bằng bảng mã Windows-1258" in problem


@pytest.mark.parametrize(("pasted", "encoding"), [
    ("c¶i c¸ch hµnh chÝnh Hµ Néi", "TCVN3 (ABC)"),
    ("caûi caùch haønh chính Haø Noäi", "VNI"),
])
def test_legacy_encoded_text_is_detected(project: Project, pasted: str, encoding: str) -> None:
    project.edit("place: Hà Nội", f"place: {pasted}")
    [problem] = _fails(project)
    assert problem == (f"{F}:{project.line('place:')}:8: văn bản '{pasted[:30]}' có vẻ được "
                       f"gõ bằng bảng mã cũ {encoding}; hãy chuyển sang Unicode (Unikey: Công cụ "
                       f"chuyển mã, từ {encoding} sang Unicode) rồi dán lại")
