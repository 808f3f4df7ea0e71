"""Hostile files and a silent cluster: each case an attack run found, made impossible.

Imports run as a communicator runs them, in a process of their own, under an address-space
limit; the peak memory of that process and every process it started (``ru_maxrss`` of the
children) is asserted. Attack files are built here, small, from ``hostile.py``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import Project, Result
from hostile import docx_bytes, pdf_bytes, text_page, write, zeros_docx

GB = 10**9
# The command's own process may map more than it uses (libraries, thread stacks): the address
# space it is given is generous, what is asserted is the memory it really took.
ADDRESS_SPACE = 4 * 2**30
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


@dataclass
class Measured:
    result: Result
    peak_bytes: int
    seconds: float


_WRAPPER = """
import resource, subprocess, sys
as_limit, fsize = int(sys.argv[1]), int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (as_limit, as_limit))
if fsize:
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
done = subprocess.run([sys.executable, "-m", "generator", *sys.argv[3:]], capture_output=True)
sys.stdout.buffer.write(done.stdout)
sys.stderr.buffer.write(done.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(done.returncode)
"""


def measured(project: Project, *args: str | Path, file_size: int = 0) -> Measured:
    """``campaign ARGS`` under an address-space limit (and, with ``file_size``, a limit on the
    size of any file it writes, as a full disk would stop it), with the peak resident memory
    of the command and every process it started."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, str(ADDRESS_SPACE), str(file_size),
                           *map(str, args)], cwd=project.root, capture_output=True, text=True,
                          env=env, timeout=600, check=False)
    *err, peak = proc.stderr.rstrip("\n").split("\n")
    return Measured(Result(proc.returncode, proc.stdout, "\n".join(err)), int(peak) * 1024,
                    time.monotonic() - start)


def campaigns(project: Project) -> set[str]:
    """Everything in the campaigns folder, hidden entries and sub-folders' files included."""
    folder = project.root / "campaigns"
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def refused(project: Project, attack: Path, before: set[str], needle: str) -> Measured:
    """The import of ``attack`` refused in one line holding ``needle``, exit 2, within the
    memory bound, and nothing written."""
    run = measured(project, "import", attack)
    lines = run.result.err.strip().splitlines()
    assert run.result.code == 2, run.result.err
    assert len(lines) == 2 and lines[0].startswith(f"{attack}:1:1: ") and needle in lines[0], \
        run.result.err
    assert "Traceback" not in run.result.err
    assert run.peak_bytes < GB, run.peak_bytes
    assert campaigns(project) == before
    return run


# -- 2. what a file expands to -------------------------------------------------------------------


def test_a_word_file_of_many_small_paragraphs_stops_at_the_limit(project: Project,
                                                                  tmp_path: Path) -> None:
    attack = write(tmp_path / "nhieu-doan.docx",
                   docx_bytes([f"Đoạn {i}." for i in range(1000)], repeat=60))
    assert attack.stat().st_size < 1_500_000
    refused(project, attack, campaigns(project), "hơn 50.000 đoạn văn")


def test_a_pdf_of_many_pages_stops_at_the_page_limit(project: Project, tmp_path: Path) -> None:
    attack = write(tmp_path / "nhieu-trang.pdf",
                   pdf_bytes([text_page(["Trang thu."])] * 2000, shared=True))
    refused(project, attack, campaigns(project), "hơn 500 trang")


def test_a_pdf_page_drawing_a_million_letters_stops_at_once(project: Project,
                                                             tmp_path: Path) -> None:
    letters = b"(" + b"x" * 100 + b") Tj 0 1 Td "
    attack = write(tmp_path / "trang-lon.pdf", pdf_bytes([b"BT /F1 1 Tf " + letters * 10_000
                                                          + b"ET"]))
    assert attack.stat().st_size < 30_000
    run = refused(project, attack, campaigns(project), "trang 1 vẽ hơn 20.000 chữ và nét")
    assert run.seconds < 30


def test_a_word_file_of_zeros_is_refused_before_unzipping(project: Project,
                                                          tmp_path: Path) -> None:
    attack = write(tmp_path / "so-khong.docx", zeros_docx(2 * 2**30))
    assert attack.stat().st_size < 3_000_000
    run = refused(project, attack, campaigns(project), "mở ra hơn 200 MB")
    assert run.peak_bytes < 200 * 2**20


# -- 3. a campaign file the project would refuse -------------------------------------------------


def test_a_long_text_is_refused_before_anything_is_written(project: Project,
                                                           tmp_path: Path) -> None:
    line = "Tuyên truyền cải cách hành chính tới người dân trên địa bàn xã. " * 2
    attack = write(tmp_path / "dai.txt", ("\n".join([line] * 5000)).encode())
    refused(project, attack, campaigns(project), "hơn 500.000 ký tự chữ")
    big = write(tmp_path / "rat-dai.txt", b"x" * (6 * 2**20))
    refused(project, big, campaigns(project), "tệp quá lớn")


def test_text_whose_campaign_file_would_pass_the_loader_s_limit_is_refused(
        project: Project, tmp_path: Path) -> None:
    """Under the character limit, but each letter three bytes: the campaign file would be
    over the loader's 1 MB, and is refused at staging, with the loader's own message."""
    attack = write(tmp_path / "nang.txt", "\n".join(["ệ" * 400] * 1000).encode())
    before = campaigns(project)
    run = measured(project, "import", attack)
    assert run.result.code == 2, run.result.err
    assert "tệp quá lớn" in run.result.err and "chưa ghi gì" in run.result.err
    assert campaigns(project) == before


def test_a_reserved_id_is_refused(project: Project, tmp_path: Path) -> None:
    source = write(tmp_path / "kh.txt", b"KE HOACH\nTuyen truyen cai cach hanh chinh.\n")
    before = campaigns(project)
    result = project.run("import", source, "--id", "assets")
    assert result.code == 2
    assert "mã 'assets' trùng với một phần sẵn có của trang web" in result.err
    assert campaigns(project) == before


# -- 4. half an import ---------------------------------------------------------------------------


def test_a_picture_with_an_endless_part_name_is_saved_under_a_short_one(
        project: Project, tmp_path: Path) -> None:
    source = write(tmp_path / "hinh.docx", docx_bytes(
        ["KẾ HOẠCH", "Tuyên truyền cải cách hành chính."],
        picture=("image1.png" + "a" * 300, PNG)))
    result = project.run("import", source, "--id", "co-hinh")
    assert result.code == 0, result.err
    assert (project.root / "campaigns" / "co-hinh-hinh" / "hinh-1.bin").read_bytes() == PNG


def test_a_file_where_the_pictures_go_stops_the_import_before_it_writes(
        project: Project, tmp_path: Path) -> None:
    source = write(tmp_path / "hinh.docx", docx_bytes(["Tuyên truyền."], picture=("a.png", PNG)))
    blocker = project.root / "campaigns" / "co-hinh-hinh"
    blocker.write_text("tệp của người dùng", encoding="utf-8")
    before = campaigns(project)
    result = project.run("import", source, "--id", "co-hinh")
    assert result.code == 2
    assert "đã có thư mục hình mã 'co-hinh'; lệnh import không ghi đè" in result.err
    assert campaigns(project) == before
    blocker.unlink()
    assert project.run("import", source, "--id", "co-hinh").code == 0


def test_a_full_disk_while_saving_a_picture_leaves_nothing(project: Project,
                                                           tmp_path: Path) -> None:
    """A picture larger than any file the command may write: the disk is full for it."""
    picture = PNG + os.urandom(300_000)
    source = write(tmp_path / "hinh.docx", docx_bytes(["Tuyên truyền."],
                                                      picture=("a.png", picture), stored=True))
    before = campaigns(project)
    run = measured(project, "import", source, "--id", "day-dia", file_size=200_000)
    assert run.result.code == 1, run.result.err
    assert run.result.err.strip().splitlines()[-1].endswith(
        "tệp lớn hơn mức máy cho phép ghi (hoặc đĩa đã đầy); hãy giải phóng dung lượng rồi "
        "chạy lại")
    assert "Traceback" not in run.result.err
    assert campaigns(project) == before
    # Nothing stands in the way of the next try.
    assert project.run("import", source, "--id", "day-dia").code == 0


# -- 5. a person's file --------------------------------------------------------------------------


def test_a_person_s_picture_is_never_replaced(project: Project, tmp_path: Path) -> None:
    source = write(tmp_path / "hinh.docx", docx_bytes(["Tuyên truyền."], picture=("a.png", PNG)))
    mine = project.root / "campaigns" / "co-hinh-hinh" / "hinh-1.png"
    mine.parent.mkdir()
    mine.write_bytes(b"hinh cua toi")
    result = project.run("import", source, "--id", "co-hinh")
    assert result.code == 2
    assert "đã có thư mục hình mã 'co-hinh'" in result.err
    assert mine.read_bytes() == b"hinh cua toi"
    assert not (project.root / "campaigns" / "co-hinh.md").exists()


# -- 6. smaller ----------------------------------------------------------------------------------


def test_a_nul_byte_in_a_campaign_is_refused_at_its_place(project: Project) -> None:
    project.edit("Quán triệt, phổ biến", "Quán triệt\x00, phổ biến")
    line = project.line("Quán triệt\x00")
    result = project.run("validate")
    assert result.code == 2
    col = project.campaign.read_text("utf-8").splitlines()[line - 1].index("\x00") + 1
    assert f"cchc-ha-noi-2021.md:{line}:{col}: ký tự điều khiển U+0000 không được phép" \
        in result.err


def test_a_unit_name_opening_with_a_formula_mark_shows_as_written(project: Project) -> None:
    from test_units import with_units

    with_units(project, "  file: units/ha-noi.yml\n  formats: [a4-doc]\n  units:\n"
                        "    - {id: xa-moi, name: '=HYPERLINK(\"http://x\")'}\n")
    assert project.run("build").code == 0
    overview = (project.root / "site" / "cchc-ha-noi-2021" / "don-vi" / "index.html")
    page = (project.root / "site" / "cchc-ha-noi-2021" / "don-vi" / "xa-moi" / "index.html")
    for html in (overview.read_text("utf-8"), page.read_text("utf-8")):
        assert '=HYPERLINK("http://x")' in html.replace("&quot;", '"')
        assert "\\=" not in html


def test_a_front_matter_never_closed_is_one_line(project: Project) -> None:
    text = project.campaign.read_text("utf-8")
    assert text.startswith("---\n")
    body = text.index("\n---\n", 4)
    project.campaign.write_text(text[:body] + text[body + 4:], encoding="utf-8")
    result = project.run("validate")
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 2, result.err
    assert "cchc-ha-noi-2021.md:1:1: phần đầu mở bằng dòng --- nhưng không có dòng --- đóng" \
        in lines[0]


def test_a_year_of_five_thousand_digits_is_said_in_vietnamese(project: Project) -> None:
    project.edit("  year: 2021", "  year: " + "9" * 5000)
    result = project.run("validate")
    assert result.code == 2
    assert "'year' là số quá dài; hãy viết một số nguyên ngắn" in result.err
    assert "Unable" not in result.err and "integer" not in result.err


# -- 1. a cluster that is none, or is silent -----------------------------------------------------


@contextmanager
def listening(answer: bytes | None) -> Iterator[tuple[str, list[socket.socket]]]:
    """A server on the loopback that accepts and never answers (``None``), or answers any
    request with ``answer`` (an HTTP server); its address, and the connections it holds."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            held.append(conn)
            if answer is not None:
                try:
                    conn.recv(65536)
                    conn.sendall(answer)
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"tcp://127.0.0.1:{server.getsockname()[1]}", held
    finally:
        # Stops the thread's accept; joined before closing what it holds, so that no
        # connection it accepts meanwhile is left open.
        server.shutdown(socket.SHUT_RDWR)  # wakes the thread's accept (Linux)
        server.close()
        thread.join(timeout=10)
        for conn in held:
            conn.close()


# Posters the cached sample has not drawn yet: a build has work for the cluster.
NEW_POSTERS = "posters:\n  formats: [led-ngang]\nleaflet:\n"


def _dask_refused(project: Project, needle: str, seconds: float, *args: str) -> None:
    start = time.monotonic()
    result = project.run("build", "--dask", *args)
    took = time.monotonic() - start
    assert result.code == 1, result.err
    assert needle in result.err.strip().splitlines()[-1], result.err
    assert "Traceback" not in result.err and "Exception ignored" not in result.err
    assert took < seconds, took


def _building(project: Project, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "generator", "build", *args],
                            cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_a_port_that_never_answers_ends_the_build_and_frees_the_lock(project: Project) -> None:
    """The build on the silent cluster holds the project's lock while it waits; a build
    started meanwhile waits for it, and runs once the first one has given up."""
    pytest.importorskip("distributed")
    project.edit("leaflet:\n", NEW_POSTERS)
    with listening(None) as (address, held):
        start = time.monotonic()
        silent = _building(project, "--dask", address)
        while not held and silent.poll() is None:  # connected: it holds the lock, drawing
            time.sleep(0.05)
        waiting = _building(project)
        _, err = silent.communicate(timeout=120)
        took = time.monotonic() - start
        assert silent.returncode == 1, err
        assert "không phải bộ lập lịch Dask" in err.strip().splitlines()[-1], err
        assert "Traceback" not in err and "Exception ignored" not in err
        assert took < 60, took
        _, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert "đang chờ campaign build" in err


def test_stopping_a_build_that_waits_on_a_cluster_frees_the_lock(project: Project) -> None:
    pytest.importorskip("distributed")
    project.edit("leaflet:\n", NEW_POSTERS)
    with listening(None) as (address, held):
        silent = _building(project, "--dask", address)
        while not held and silent.poll() is None:
            time.sleep(0.05)
        waiting = _building(project)
        time.sleep(0.5)
        stopped = time.monotonic()
        silent.terminate()
        _, err = silent.communicate(timeout=30)
        assert time.monotonic() - stopped < 5
        assert err.strip().splitlines()[-1].startswith("Đã dừng theo tín hiệu SIGTERM"), err
        assert "Traceback" not in err and "Exception ignored" not in err
        _, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err


def test_a_cluster_that_draws_nothing_in_time_ends_the_build(project: Project) -> None:
    """A poster's deadline (here a millisecond for an A1) passes with nothing drawn: the
    build ends in one line, and the next one starts at once."""
    distributed = pytest.importorskip("distributed")
    project.edit("leaflet:\n", NEW_POSTERS)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None,
                                  silence_logs=50) as cluster:
        _dask_refused(project, "không vẽ xong áp phích nào trong", 120,
                      cluster.scheduler_address, "--dask-timeout", "0.001")
    assert project.run("build").code == 0


def test_an_http_server_is_no_scheduler(project: Project) -> None:
    pytest.importorskip("distributed")
    project.edit("leaflet:\n", NEW_POSTERS)
    with listening(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n") as (address, _):
        _dask_refused(project, "không phải bộ lập lịch Dask", 60, address)


@pytest.mark.parametrize(("address", "needle"), [
    ("foo://bar", "giao thức 'foo' không dùng được"),
    ("tcp://", "thiếu tên máy hoặc cổng"),
])
def test_an_address_that_cannot_be_one_is_one_line_at_once(project: Project, address: str,
                                                           needle: str) -> None:
    pytest.importorskip("distributed")
    project.edit("leaflet:\n", NEW_POSTERS)
    _dask_refused(project, needle, 15, address)
