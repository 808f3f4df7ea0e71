"""The build's promises under failure, concurrency and hostile input (issue: one build spine).

Each test reproduces one way the site or a person's work was lost, or a traceback was shown,
and checks that it cannot happen again.
"""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Project, copy_project
from PIL import Image


@pytest.fixture
def project(yaml_project: Project) -> Project:
    """These tests edit the sample campaign's YAML form (its Markdown form: test_documents,
    test_markdown_errors)."""
    return yaml_project


F = "campaigns/cchc-ha-noi-2021.yml"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _start(project: Project, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=project.root,
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _no_leftovers(root: Path) -> None:
    assert [p.name for p in root.iterdir() if ".staging-" in p.name or ".old-" in p.name] == []
    assert not [p for p in root.rglob("*.partial")]


# -- 1. a failed build publishes nothing ---------------------------------------------------------

@pytest.mark.parametrize(("name", "page"), [
    ("docs/hong.md", "# Trang hỏng\n\n[liên kết hỏng](khong-co-trang-nay.md)\n"),
    ("docs/tin-tuc/posts/khong-ngay.md", "---\ntitle: Bài chưa có ngày\n---\n\n# Bài\n\nChữ.\n"),
])
def test_a_failed_build_leaves_the_published_site_as_it_was(project: Project, name: str,
                                                            page: str) -> None:
    assert project.run("build").code == 0
    before = _snapshot(project.root / "site")
    (project.root / name).write_text(page, encoding="utf-8")
    result = project.run("build")
    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    assert result.err.splitlines()[-1].startswith("Xây dựng trang web thất bại: ")
    assert result.err.splitlines()[-1].endswith("trang web đã xuất bản giữ nguyên bản cũ.")
    assert _snapshot(project.root / "site") == before
    _no_leftovers(project.root)


# -- 2. two builds at once -----------------------------------------------------------------------

def test_two_builds_at_once_take_turns(project: Project) -> None:
    assert project.run("build").code == 0
    project.edit("  - Tích cực tham gia", "  - Luôn tích cực tham gia")
    first, second = _start(project, "build", "--force"), _start(project, "build", "--force")
    results = [(*proc.communicate(timeout=300), proc.returncode) for proc in (first, second)]
    for _, err, code in results:
        assert code == 0, err
        assert "Traceback" not in err
    assert any("đang chờ campaign build (PID " in err for _, err, _ in results)
    again = project.run("build")
    assert again.code == 0, again.err
    assert "vẫn mới nhất" in again.out
    html = (project.root / "site" / "cchc-ha-noi-2021" / "khau-hieu" / "index.html")
    assert "Luôn tích cực tham gia" in html.read_text(encoding="utf-8")
    _no_leftovers(project.root)


# -- 3. a site folder that is a link to a web root -----------------------------------------------

def test_a_linked_site_stays_a_link_and_its_target_is_replaced(project: Project) -> None:
    webroot = project.root / "www"
    webroot.mkdir()
    (project.root / "site").symlink_to(webroot)
    assert project.run("build").code == 0
    assert (project.root / "site").is_symlink()
    assert (webroot / "cchc-ha-noi-2021" / "index.html").is_file()
    project.edit("short_title: ", "short_title: Đã sửa - ")
    result = project.run("build")
    assert result.code == 0, result.err
    assert (project.root / "site").is_symlink()
    assert "Đã sửa - " in (webroot / "cchc-ha-noi-2021" / "index.html").read_text("utf-8")
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".www.")] == []


# -- 4. abbreviations cannot carry markup --------------------------------------------------------

@pytest.mark.parametrize("short", [
    "'<img src=x onerror=alert(1)>'",
    '"CCHC]: x\\n<script>alert(1)</script>"',
    "'CC[HC'",
])
def test_an_abbreviation_with_markup_is_refused(project: Project, short: str) -> None:
    text = project.campaign.read_text(encoding="utf-8")
    project.campaign.write_text(text.replace("abbreviations:\n", "abbreviations:\n"
                                             f"  - short: {short}\n    full: thử\n", 1),
                                encoding="utf-8")
    result = project.run("validate")
    assert result.code == 2, result.err
    line = project.line("short: " + short[:5])
    assert result.err.splitlines()[0].startswith(
        f"{F}:{line}:12: 'short' chỉ được gồm chữ, chữ số, dấu cách và các dấu '.', '-', '/' "
        "(ví dụ CCHC, UBND TP); đang là văn bản")


# -- 5. tracebacks become messages ---------------------------------------------------------------

@pytest.mark.parametrize("nested", ["[" * 600 + "]" * 600, "{a: " * 600 + "1" + "}" * 600])
def test_deeply_nested_yaml_is_one_line(project: Project, nested: str) -> None:
    project.campaign.write_text(f"id: x\ntitle: {nested}\n", encoding="utf-8")
    result = project.run("validate")
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert "lồng nhau quá sâu" in result.err.splitlines()[0]


def test_a_web_font_is_named(project: Project) -> None:
    (project.root / "campaigns" / "chu.woff2").write_bytes(b"wOF2" + bytes(2000))
    text = project.campaign.read_text(encoding="utf-8")
    project.campaign.write_text(f"{text}\nposters:\n  headline_font: chu.woff2\n",
                                encoding="utf-8")
    result = project.run("validate")
    assert result.code == 2, result.err
    assert result.err.splitlines()[0] == (
        f"{F}:{project.line('headline_font:')}:18: tệp phông chu.woff2 là phông nén cho web "
        "(WOFF/WOFF2); hãy dùng tệp .ttf hoặc .otf của cùng phông chữ")


def test_a_pipe_is_refused_at_once(project: Project) -> None:
    os.mkfifo(project.root / "campaigns" / "ong.yml")
    for args in (("validate", "campaigns/ong.yml"), ("validate",), ("build",)):
        result = project.run(*args)
        assert result.code == 2, result.err
        assert "campaigns/ong.yml:1:1: đây không phải một tệp thường" in result.err


def test_a_link_to_a_device_is_refused_without_reading_it(project: Project) -> None:
    (project.root / "campaigns" / "zero.yml").symlink_to("/dev/zero")
    result = project.run("validate", "campaigns/zero.yml")
    assert result.code == 2, result.err
    assert "campaigns/zero.yml:1:1: đây không phải một tệp thường" in result.err
    result = project.run("validate")
    assert result.code == 2, result.err
    assert "campaigns/zero.yml:1:1: tệp là liên kết trỏ ra ngoài thư mục dự án" in result.err


@contextlib.contextmanager
def _tmpfs(path: Path, megabytes: int) -> Iterator[Path]:
    """A small file system of its own, for what a full or read-only disk does (root only)."""
    path.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(path)],
        capture_output=True, check=False).returncode == 0
    if not mounted:
        if os.environ.get("CI"):
            pytest.fail("CI runs as root and must be able to mount a tmpfs")
        pytest.skip("mounting a tmpfs needs root")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def _remount(path: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(path)], check=True)


def test_a_full_disk_is_one_line_and_keeps_the_site(tmp_path: Path, poster_cache: Path) -> None:
    with _tmpfs(tmp_path / "disk", 160) as disk:
        project = copy_project(disk / "project", poster_cache)
        assert project.run("build").code == 0
        before = _snapshot(project.root / "site")
        project.edit("short_title: ", "short_title: Đĩa đầy - ")
        text = project.campaign.read_text(encoding="utf-8")
        project.campaign.write_text(f"{text}\nposters:\n  crop_marks: false\n", encoding="utf-8")
        used = shutil.disk_usage(disk).used
        _remount(disk, f"size={used + 3 * 1024 * 1024}")
        result = project.run("build")
        assert result.code == 1, result.err
        assert "Traceback" not in result.err
        assert "không còn chỗ trống trên đĩa" in result.err.splitlines()[-1]
        _remount(disk, "size=160m")
        assert _snapshot(project.root / "site") == before
        _no_leftovers(project.root)


def test_a_read_only_project_is_one_line(tmp_path: Path, poster_cache: Path) -> None:
    with _tmpfs(tmp_path / "disk", 160) as disk:
        project = copy_project(disk / "project", poster_cache)
        assert project.run("build").code == 0
        _remount(disk, "ro")
        assert project.run("validate").code == 0
        assert "vẫn mới nhất" in project.run("build").out
        result = project.run("build", "--force")
        assert result.code == 1, result.err
        assert result.err.strip() == ".cache/lock: thư mục chỉ đọc; hãy chạy lệnh trong một bản " \
                                     "sao có quyền ghi"


# -- 6. SIGTERM ----------------------------------------------------------------------------------

def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def test_sigterm_stops_the_workers_and_keeps_the_site(project: Project) -> None:
    assert project.run("build").code == 0
    before = _snapshot(project.root / "site")
    text = project.campaign.read_text(encoding="utf-8")
    project.campaign.write_text(f"{text}\nposters:\n  crop_marks: false\n", encoding="utf-8")
    shutil.rmtree(project.root / ".cache" / "posters")
    proc = _start(project, "build")
    deadline = time.monotonic() + 120
    while not list((project.root / ".cache" / "posters").glob("*/*.png")):
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    workers = _descendants(proc.pid)
    assert workers
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert err.splitlines()[-1] == ("Đã dừng theo tín hiệu SIGTERM; trang web đã xuất bản giữ "
                                    "nguyên.")
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    assert _snapshot(project.root / "site") == before
    assert [p.name for p in project.root.iterdir() if ".staging-" in p.name] == []


# -- 7. configuration and what the up-to-date check looks at -------------------------------------

def test_a_new_generator_is_never_up_to_date(project: Project) -> None:
    assert project.run("build").code == 0
    probe = ("import generator.memo as memo\n"
             "memo.code_fingerprint = lambda: 'phiên bản mới'\n"
             "from generator.cli import main\nraise SystemExit(main(['build']))\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=project.root, env=ENV,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "vẫn mới nhất" not in done.stdout
    assert "Đã tạo trang web" in done.stdout


def test_another_configuration_file_is_honoured(project: Project) -> None:
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    (project.root / "mkdocs.yml").unlink()
    (project.root / "khac.yml").write_text(config + "\nsite_dir: trang-khac\n", encoding="utf-8")
    result = project.run("-f", "khac.yml", "build")
    assert result.code == 0, result.err
    assert (project.root / "trang-khac" / "cchc-ha-noi-2021" / "index.html").is_file()
    assert not (project.root / "site").exists()
    missing = project.run("build")
    assert missing.code == 2
    assert missing.err.splitlines()[0].startswith("mkdocs.yml:1:1: không thấy tệp cấu hình")


def test_an_invalid_configuration_is_one_line(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "campaigns_dir: campaigns", "campaigns_dir: [1, 2]"), encoding="utf-8")
    result = project.run("build")
    assert result.code == 2, result.err
    assert "Traceback" not in result.err
    assert "mkdocs.yml:1:1: cấu hình trang web không hợp lệ: " in result.err


def test_the_plugin_campaigns_dir_is_honoured(project: Project) -> None:
    (project.root / "campaigns").rename(project.root / "chien-dich")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "campaigns_dir: campaigns", "campaigns_dir: chien-dich"), encoding="utf-8")
    assert project.run("validate").out.strip() == "1 tệp chiến dịch hợp lệ."
    assert project.run("build").code == 0
    assert (project.root / "site" / "cchc-ha-noi-2021" / "index.html").is_file()


def test_a_file_deleted_from_the_site_is_built_again(project: Project) -> None:
    assert project.run("build").code == 0
    page = project.root / "site" / "cchc-ha-noi-2021" / "index.html"
    page.unlink()
    result = project.run("build")
    assert result.code == 0, result.err
    assert "vẫn mới nhất" not in result.out
    assert page.is_file()


# -- 9. ids, spreadsheets, direction controls, logos, many agencies ------------------------------

@pytest.mark.parametrize("reserved", ["tin-tuc", "search", "assets"])
def test_a_campaign_cannot_take_a_site_folder(project: Project, reserved: str) -> None:
    project.campaign.rename(project.root / "campaigns" / f"{reserved}.yml")
    text = (project.root / "campaigns" / f"{reserved}.yml").read_text(encoding="utf-8")
    (project.root / "campaigns" / f"{reserved}.yml").write_text(
        text.replace("id: cchc-ha-noi-2021", f"id: {reserved}"), encoding="utf-8")
    result = project.run("build")
    assert result.code == 2, result.err
    assert result.err.splitlines()[0] == (
        f"campaigns/{reserved}.yml:7:5: mã chiến dịch '{reserved}' trùng với một phần sẵn có "
        "của trang web (404, assets, huong-dan, javascripts, pagefind, posters, search, "
        f"stylesheets, tin-tuc); hãy chọn mã khác, ví dụ {reserved}-2021, và đổi tên tệp cho "
        "khớp")


def test_a_slogan_like_a_formula_stays_text_in_the_spreadsheet(project: Project) -> None:
    slogan = "Tích cực tham gia thực hiện dịch vụ công trực tuyến mức độ 3, mức độ 4"
    project.edit(f"  - {slogan}", f"  - '={slogan}'")
    result = project.run("build")
    assert result.code == 0, result.err
    manifest = project.root / "site" / "posters" / "cchc-ha-noi-2021" / "manifest.csv"
    with manifest.open(encoding="utf-8", newline="") as stream:
        slogans = {row["slogan"] for row in csv.DictReader(stream)}
    assert any(s.startswith("'=Tích cực") for s in slogans)
    assert not any(s.startswith("=") for s in slogans)


def test_direction_controls_are_refused(project: Project) -> None:
    project.edit("  - Tích cực tham gia", "  - Tích cực \u202etham gia")
    result = project.run("validate")
    assert result.code == 2, result.err
    assert result.err.splitlines()[0] == (
        f"{F}:{project.line('Tích cực')}:5: văn bản có ký tự điều khiển hướng chữ U+202E (đảo "
        "ngược thứ tự chữ khi hiển thị); hãy xóa ký tự này, thường do dán từ phần mềm khác")


def test_a_16_bit_logo_keeps_its_shades() -> None:
    from generator.posters.render import as_rgba

    gradient = Image.linear_gradient("L").resize((64, 64))
    levels = gradient.get_flattened_data()
    deep = Image.frombytes("I;16", gradient.size, b"".join(
        (int(value) * 257).to_bytes(2, "little") for value in levels))
    shades = as_rgba(deep).convert("L")
    assert shades.getextrema() == gradient.getextrema()
    # What Pillow does unaided: every shade above 255 of 65535 clipped to white.
    assert len(set(deep.convert("RGBA").convert("L").get_flattened_data())) < 5
    assert len(set(shades.get_flattened_data())) == 64  # one shade a row


def test_agency_pages_do_not_grow_with_the_number_of_agencies() -> None:
    from generator.campaign.load import load_campaign
    from generator.content.navigation import MAX_AGENCIES_IN_MENU, campaign_nav

    sample = load_campaign(Path(__file__).parent / "data" / "cchc-ha-noi-2021.yml",
                           root=Path(__file__).parent.parent)
    many = sample.model_copy(update={"responsibilities": [
        sample.responsibilities[0].model_copy(update={"id": f"co-quan-{i}"})
        for i in range(2000)]})
    sections, owned = campaign_nav([many])
    [section] = sections[0].values()
    agencies = next(item for item in section if isinstance(item, dict))
    assert agencies == {"Trách nhiệm các cơ quan": ["cchc-ha-noi-2021/trach-nhiem/index.md"]}
    assert len(owned) > 2000  # every agency page is still the campaign's own
    few = campaign_nav([sample])[0][0]
    assert len(str(few)) < 2000 and len(sample.responsibilities) <= MAX_AGENCIES_IN_MENU
