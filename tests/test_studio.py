"""The studio without a browser: its versions, its corrections written into the Markdown, its
reading of a campaign, and the studio served for real answering requests as its users (and
other programs on the machine) would send them."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from conftest import SAMPLE, Project
from studio import TOKEN, running_studio

from generator.campaign.load import load_campaign
from generator.campaign.markdownsource import parse_markdown
from generator.studio import edits
from generator.studio.history import KEEP, Conflict, History, digest
from generator.studio.reading import read_blocks


def _version(path: Path) -> str:
    return digest(path.read_bytes())


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), start=1) if needle in line)


# -- history -----------------------------------------------------------------------------------


def test_every_save_keeps_the_version_it_replaces(tmp_path: Path) -> None:
    file = tmp_path / "campaigns" / "kh.md"
    file.parent.mkdir()
    file.write_text("một\n", encoding="utf-8")
    history = History(file)
    second = history.save("hai\n", _version(file), "lần 1")
    history.save("ba\n", second, "lần 2")
    assert file.read_text(encoding="utf-8") == "ba\n"
    versions = history.versions()
    assert [history.text_of(v.name) for v in versions] == ["hai\n", "một\n"]
    assert [v.note for v in versions] == ["lần 2", "lần 1"]
    # Inside the project, hidden, beside the campaigns: not in the cache that may be deleted.
    assert history.folder == tmp_path / "campaigns" / ".lich-su" / "kh"
    assert history.text_of("../kh.md") is None and history.text_of(versions[0].name + "x") is None


def test_a_save_from_an_old_version_writes_nothing(tmp_path: Path) -> None:
    file = tmp_path / "kh.md"
    file.write_text("một\n", encoding="utf-8")
    history = History(file)
    old = _version(file)
    history.save("hai\n", old, "thẻ thứ nhất")
    with pytest.raises(Conflict) as caught:
        history.save("ba\n", old, "thẻ thứ hai")
    assert caught.value.current == "hai\n"
    assert file.read_text(encoding="utf-8") == "hai\n"
    assert len(history.versions()) == 1
    # The text the second tab was showing can be found again by its version.
    assert history.text_with_digest(old) == "một\n"


def test_only_the_last_versions_are_kept(tmp_path: Path) -> None:
    file = tmp_path / "kh.md"
    file.write_text("0\n", encoding="utf-8")
    history = History(file)
    for number in range(1, KEEP + 6):
        history.save(f"{number}\n", _version(file), f"lần {number}")
    kept = history.versions()
    assert len(kept) == KEEP
    assert history.text_of(kept[-1].name) == "5\n"  # the five oldest went


def test_two_tabs_saving_at_once_never_lose_a_change(tmp_path: Path) -> None:
    file = tmp_path / "kh.md"
    file.write_text("gốc\n", encoding="utf-8")
    history = History(file)
    base = _version(file)
    outcomes: list[str] = []
    start = threading.Barrier(8)

    def save(number: int) -> None:
        start.wait()
        try:
            history.save(f"thẻ {number}\n", base, f"thẻ {number}")
            outcomes.append("saved")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict"] * 7 + ["saved"]
    assert [history.text_of(v.name) for v in history.versions()] == ["gốc\n"]


def test_approvals_are_recorded_with_who_and_when(tmp_path: Path) -> None:
    file = tmp_path / "kh.md"
    file.write_text("x\n", encoding="utf-8")
    history = History(file)
    history.approve("Nguyễn Văn A, Phó Chủ tịch", _version(file))
    [approval] = history.approvals()
    assert approval.approver == "Nguyễn Văn A, Phó Chủ tịch"
    assert approval.version == _version(file) and approval.at.tzinfo is not None


# -- corrections -------------------------------------------------------------------------------


def test_each_label_is_written_the_documented_way() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    agency = _line(text, "1. Ban Tuyên giáo Thành ủy:")
    general = edits.relabel(text, agency, agency, "general")
    assert general.split("\n")[agency - 1].endswith(" {.viec-chung}")
    back = edits.relabel(general, agency, agency, "auto")
    assert back == text
    topic = _line(text, "3. Tuyên truyền kết quả thực hiện công tác CCHC")
    slogan = edits.relabel(text, topic, topic, "slogan")
    assert slogan.split("\n")[topic - 1].endswith(" {.khau-hieu}")
    named = edits.relabel(text, topic, topic, "agency")
    assert "{#tuyen-truyen-ket-qua-thuc-hien-cong-tac-cchc" in named.split("\n")[topic - 1]
    led = edits.relabel(text, agency, agency, "agency")
    assert led.split("\n")[agency - 1].startswith(
        "1. Ban Tuyên giáo Thành ủy {#ban-tuyen-giao-thanh-uy}:")


def test_front_matter_keys_change_and_every_other_line_stays() -> None:
    text = ("---\n# ghi chú của người viết\nnumber: 12/KH-UBND\ncontact:\n  unit: Phòng VHTT\n"
            "leaflet:\n  actions:\n  - Làm A\n# cuối\n---\n\n# KẾ HOẠCH\n")
    changed = edits.set_nested(text, "contact", "hotline", "0258 3812 345")
    changed = edits.set_nested(changed, "leaflet", "actions", ["Làm B", "Làm C"])
    changed = edits.set_front(changed, "short_title", "Tên ngắn")
    assert "# ghi chú của người viết\n" in changed and "# cuối\n" in changed
    assert changed.endswith("---\n\n# KẾ HOẠCH\n")
    assert edits.front_value(changed, "contact") == {"unit": "Phòng VHTT",
                                                     "hotline": "0258 3812 345"}
    assert edits.front_value(changed, "leaflet") == {"actions": ["Làm B", "Làm C"]}
    assert edits.front_value(changed, "number") == "12/KH-UBND"
    assert edits.set_front(changed, "short_title", None).count("short_title") == 0


def test_relabelled_blocks_are_read_as_labelled(tmp_path: Path) -> None:
    file = tmp_path / "campaigns" / "cchc-ha-noi-2021.md"
    file.parent.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    agency = _line(text, "1. Ban Tuyên giáo Thành ủy:")
    topic = _line(text, "3. Tuyên truyền trực quan:")
    text = edits.relabel(edits.relabel(text, agency, agency, "general"), topic, topic, "slogan")
    file.write_text(text, encoding="utf-8")
    campaign = load_campaign(file, tmp_path)
    assert "Ban Tuyên giáo Thành ủy" not in [r.agency for r in campaign.responsibilities]
    assert any(s.text.startswith("Tuyên truyền trực quan") for s in campaign.slogans)
    blocks = {b.line: b for b in read_blocks(text, parse_markdown(file, file.read_bytes()),
                                             campaign)}
    assert blocks[agency].kind == "general" and blocks[agency].marked
    assert blocks[topic].kind == "slogan" and "{.khau-hieu}" not in blocks[topic].text


def test_the_reading_labels_the_sample_as_the_loader_read_it() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    campaign = load_campaign(SAMPLE, SAMPLE.parent.parent)
    blocks = read_blocks(text, parse_markdown(SAMPLE, SAMPLE.read_bytes()), campaign)
    by_line = {b.line: b for b in blocks}
    agency = by_line[_line(text, "1. Ban Tuyên giáo Thành ủy:")]
    assert agency.kind == "agency" and agency.label.endswith("Ban Tuyên giáo Thành ủy")
    bullet = by_line[_line(text, "- Nắm bắt dư luận")]
    assert bullet.kind == "task" and bullet.depth == 1
    slogans = [b.text for b in blocks if b.kind == "slogan"]
    assert slogans == [s.text for s in campaign.slogans]
    assert by_line[_line(text, "## II. NỘI DUNG TUYÊN TRUYỀN")].label == \
        "Đề mục: nội dung tuyên truyền"
    assert any(n.startswith("Dẫn: Kế hoạch số 105/KH-UBND")
               for n in by_line[_line(text, "Thực hiện Chương trình tổng thể")].notes)
    # Every line of the body that holds words stands in some block.
    covered = {line for b in blocks for line in range(b.line, b.end + 1)}
    body = text.split("\n---\n", 1)[1]
    first = text[:len(text) - len(body)].count("\n") + 1
    words = {i for i, line in enumerate(body.split("\n"), start=first)
             if line.strip() and not line.lstrip().startswith("<!--") and "-->" not in line
             and not line.startswith("     ")}
    assert words <= covered, sorted(words - covered)[:5]


# -- the studio served ---------------------------------------------------------------------------


def test_only_the_person_who_started_it_gets_in(project: Project) -> None:
    with running_studio(project.root) as studio:
        assert studio.request("GET", "/").status == 401
        assert studio.request("GET", "/?ma=ma-sai").status == 401
        entry = studio.login()
        assert entry.status == 303 and entry.headers["location"] == "/"
        assert "HttpOnly" in entry.headers["set-cookie"]
        assert "SameSite=Strict" in entry.headers["set-cookie"]
        assert TOKEN not in entry.headers["location"]
        home = studio.request("GET", "/")
        assert home.status == 200 and "Tuyên truyền cải cách hành chính Hà Nội 2021" in home.body
        policy = home.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "http" not in policy
        # DNS rebinding: a foreign name that resolves to 127.0.0.1.
        assert studio.request("GET", "/", headers={"Host": "tan-cong.example"}).status == 421
        # Another site's page posting to the studio, with or without its Origin.
        file = project.campaign
        before = file.read_bytes()
        form = {"ban": digest(before), "dong": "157", "den": "157", "nhan": "general"}
        path = "/c/cchc-ha-noi-2021/nhan"
        assert studio.request("POST", path, form=form,
                              headers={"Origin": "http://tan-cong.example"}).status == 403
        assert studio.request("POST", path, form=form,
                              headers={"Origin": "null"}).status == 403
        assert file.read_bytes() == before
        # No path outside the project, no traceback ever.
        for bad in ("/c/..%2f..%2fetc%2fpasswd",
                    "/c/cchc-ha-noi-2021/lich-su/..%2f..%2fmkdocs.yml",
                    "/c/cchc-ha-noi-2021/tai/..%2f..%2fmkdocs.yml", "/xem/..%2f..%2fmkdocs.yml",
                    "/c/%00"):
            answer = studio.request("GET", bad)
            assert answer.status == 404, bad
            assert "Traceback" not in answer.body and "site_url" not in answer.body


def test_a_relabel_is_saved_and_a_stale_tab_is_told(project: Project) -> None:
    file = project.campaign
    text = file.read_text(encoding="utf-8")
    agency = _line(text, "1. Ban Tuyên giáo Thành ủy:")
    slogan = _line(text, "4. Nâng cao ý thức trách nhiệm")
    shown = digest(file.read_bytes())
    with running_studio(project.root) as studio:
        studio.login()
        saved = studio.request("POST", "/c/cchc-ha-noi-2021/nhan", form={
            "ban": shown, "dong": str(agency), "den": str(agency), "nhan": "general"})
        assert saved.status == 303
        assert file.read_text(encoding="utf-8").split("\n")[agency - 1].endswith("{.viec-chung}")
        # A second tab still showing the first version changes another block: merged.
        other = studio.request("POST", "/c/cchc-ha-noi-2021/nhan", form={
            "ban": shown, "dong": str(slogan), "den": str(slogan), "nhan": "text"})
        assert other.status == 303
        lines = file.read_text(encoding="utf-8").split("\n")
        assert lines[agency - 1].endswith("{.viec-chung}") and lines[slogan - 1].endswith(
            "{.doan-van}")
        # ... and the same block: nothing written, both versions offered.
        before = file.read_bytes()
        clash = studio.request("POST", "/c/cchc-ha-noi-2021/nhan", form={
            "ban": shown, "dong": str(agency), "den": str(agency), "nhan": "slogan"})
        assert clash.status == 409
        assert file.read_bytes() == before
        assert "Bản đang có trong tệp" in clash.body and "Bản của bạn" in clash.body
        assert "{.khau-hieu}" in clash.body and "{.viec-chung}" in clash.body
        history = studio.request("GET", "/c/cchc-ha-noi-2021/lich-su")
        assert history.body.count("Khôi phục</button>") == 2
        page = studio.request("GET", "/c/cchc-ha-noi-2021")
        assert "Việc chung" in page.body and "Đã sửa tay" in page.body


def test_the_public_facts_form_writes_the_front_matter(project: Project) -> None:
    file = project.campaign
    with running_studio(project.root) as studio:
        studio.login()
        page = studio.request("GET", "/c/cchc-ha-noi-2021")
        todo = page.body.split('id="viec-con-lai"')[1].split("<form")[0]
        assert "Nơi người dân hỏi: đơn vị đầu mối và đường dây nóng" in todo
        version = re.search(r'name="ban" value="([0-9a-f]+)"', page.body)
        assert version is not None
        answer = studio.request("POST", "/c/cchc-ha-noi-2021/thong-tin", form={
            "ban": version[1], "short_title": "Tuyên truyền CCHC Hà Nội 2021",
            "summary": "Thành phố cải cách thủ tục để người dân làm giấy tờ nhanh hơn.",
            "unit": "Phòng Văn hóa và Thông tin", "hotline": "024 3825 3536", "address": "",
            "actions": "Làm thủ tục qua dịch vụ công trực tuyến\nGóp ý về thái độ phục vụ",
            "colour": "#0B4F9C",
            "site_url": "https://tuyentruyen.example.vn/"})
        assert answer.status == 303
        text = file.read_text(encoding="utf-8")
        assert edits.front_value(text, "contact") == {"unit": "Phòng Văn hóa và Thông tin",
                                                      "hotline": "024 3825 3536"}
        assert edits.front_value(text, "leaflet")["actions"] == [
            "Làm thủ tục qua dịch vụ công trực tuyến", "Góp ý về thái độ phục vụ"]
        assert edits.front_value(text, "posters")["palette"]["background"] == "#0B4F9C"
        campaign = load_campaign(file, project.root)
        assert campaign.short_title == "Tuyên truyền CCHC Hà Nội 2021"
        todo = studio.request("GET", "/c/cchc-ha-noi-2021").body.split(
            'id="viec-con-lai"')[1].split("<form")[0]
        assert "Nơi người dân hỏi" not in todo and "Giới thiệu cho người dân" not in todo


def test_the_editor_saves_and_shows_each_problem_at_its_line(project: Project) -> None:
    file = project.campaign
    with running_studio(project.root) as studio:
        studio.login()
        text = file.read_text(encoding="utf-8").replace("date: 21/5/2021", "date: 31/2/2021")
        answer = studio.request("POST", "/c/cchc-ha-noi-2021/tep", form={
            "ban": digest(file.read_bytes()), "noi-dung": text})
        assert answer.status == 303
        assert file.read_text(encoding="utf-8") == text
        editor = studio.request("GET", "/c/cchc-ha-noi-2021/tep")
        line = _line(text, "date: 31/2/2021")
        assert f"Dòng {line}, cột" in editor.body
        home = studio.request("GET", "/")
        assert "1 lỗi" in home.body


def test_publishing_asks_who_approved_and_refuses_a_draft(project: Project) -> None:
    project.edit("place: Hà Nội", "place: Hà Nội\ndraft: true")
    file = project.campaign
    with running_studio(project.root) as studio:
        studio.login()
        refused = studio.request("POST", "/c/cchc-ha-noi-2021/xuat-ban", form={
            "ban": digest(file.read_bytes()), "nguoi-duyet": "Nguyễn Văn A"})
        assert refused.status == 400 and "bản nháp" in refused.body
        assert not (project.root / "site").exists()
        assert not (file.parent / ".lich-su" / "cchc-ha-noi-2021" / "xuat-ban.jsonl").exists()


def test_uploads_within_the_import_limits_only(project: Project) -> None:
    with running_studio(project.root) as studio:
        studio.login()
        big = studio.request("POST", "/nhap", body=b"x", headers={
            "Content-Type": "multipart/form-data; boundary=b", "Content-Length": str(60 * 2**20)})
        assert big.status == 413
        boundary = "ranh-gioi"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"tep\"; "
                f"filename=\"van-ban.exe\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                f"MZ\r\n--{boundary}--\r\n").encode()
        wrong = studio.request("POST", "/nhap", body=body, headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}"})
        assert wrong.status == 400 and "Không nhận tệp .exe" in wrong.body


def test_the_units_reports_are_shown_in_the_studio_only(project: Project) -> None:
    """The progress pages are staff pages: the studio shows them from the reports collected,
    their links kept inside the studio, who filled a workbook never shown."""
    import datetime as dt

    from generator.reports.store import Submission, record

    agency = "thuong-truc-cap-uy-ban-tuyen-giao-cac-quan-huyen"
    record(project.root / "reports", Submission(
        "cchc-ha-noi-2021", "2021-6t1", agency, dt.datetime(2021, 6, 20, tzinfo=dt.UTC),
        "bc.xlsx", "a", {"hoi-nghi": 7}, filled_by="Nguyễn Văn A", phone="0912 345 678"))
    with running_studio(project.root) as studio:
        studio.login()
        periods = studio.request("GET", "/c/cchc-ha-noi-2021/bao-cao")
        assert periods.status == 200, periods.body
        assert "Trang nội bộ: không có trên trang web công khai" in periods.body
        assert 'href="/c/cchc-ha-noi-2021/bao-cao/2021-6t1"' in periods.body
        assert 'aria-current="page">Báo cáo của đơn vị' in periods.body
        one = studio.request("GET", "/c/cchc-ha-noi-2021/bao-cao/2021-6t1")
        assert one.status == 200 and "Có 1/" in one.body and "tổ chức 7 hội nghị" in one.body
        assert 'href="/c/cchc-ha-noi-2021/bao-cao/2021-6t1-don-vi-1"' in one.body
        listed = studio.request("GET", "/c/cchc-ha-noi-2021/bao-cao/2021-6t1-don-vi-1")
        assert listed.status == 200 and 'href="/c/cchc-ha-noi-2021/bao-cao/2021-6t1"' in \
            listed.body
        for answer in (periods, one, listed):
            assert "Nguyễn Văn A" not in answer.body and "0912" not in answer.body
            assert ".md\"" not in answer.body
        assert studio.request("GET", "/c/cchc-ha-noi-2021/bao-cao/2099-q1").status == 404
        assert studio.request("GET", "/c/cchc-ha-noi-2021/bao-cao/..%2findex").status == 404
        assert "/c/cchc-ha-noi-2021/bao-cao" in studio.request("GET", "/c/cchc-ha-noi-2021").body
