"""Bad campaign files: every problem as FILE:LINE:COL with a fix, exit 2, nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from conftest import SAMPLE, SAMPLE_YAML, Project

from bench.synthetic import campaign_data
from generator.campaign.load import load_campaign, load_campaigns
from generator.errors import UserError


@pytest.fixture
def project(yaml_project: Project) -> Project:
    """These tests edit the sample campaign's YAML form (its Markdown form: test_documents,
    test_markdown_errors)."""
    return yaml_project


F = "campaigns/cchc-ha-noi-2021.yml"


def _validate(project: Project) -> list[str]:
    result = project.run("validate")
    assert result.code == 2, result.out + result.err
    assert "Traceback" not in result.err
    assert result.out == ""
    lines = result.err.splitlines()
    assert lines[-1].endswith("chưa ghi gì. Sửa các lỗi trên rồi chạy lại.")
    return lines[:-1]


def test_sample_is_valid(project: Project) -> None:
    result = project.run("validate")
    assert (result.code, result.out.strip()) == (0, "1 tệp chiến dịch hợp lệ.")


def test_unknown_key_suggests_the_close_one(project: Project) -> None:
    project.edit("short_title:", "short_titel:")
    line = project.line("short_titel:")
    assert _validate(project) == [
        f"{F}:7:1: thiếu khóa bắt buộc 'short_title' (Tên ngắn, dùng trong trình đơn và áp "
        "phích)",
        f"{F}:{line}:1: khóa 'short_titel' không có trong định dạng chiến dịch; có phải ý bạn "
        "là 'short_title'?",
    ]


def test_unknown_nested_key_names_where(project: Project) -> None:
    project.edit("    issuer: Chính phủ", "    isuer: Chính phủ")
    line = project.line("isuer:")
    assert _validate(project) == [
        f"{F}:{line}:5: khóa 'isuer' không có trong định dạng chiến dịch trong documents › "
        "mục 1; có phải ý bạn là 'issuer'?"]


def test_duplicate_key(project: Project) -> None:
    project.edit("place: Hà Nội\n", "place: Hà Nội\nplace: Hải Phòng\n")
    first = project.line("place: Hà Nội")
    assert _validate(project) == [
        f"{F}:{first + 1}:1: khóa 'place' bị lặp lại (đã có ở dòng {first}); hãy gộp hai chỗ "
        "hoặc xóa một chỗ"]


def test_tab_indent_reports_every_tab(project: Project) -> None:
    project.edit("  text: Kỷ cương", "\ttext: Kỷ cương")
    project.edit("  year: 2021\n", "\t year: 2021\n")
    first = project.line("\ttext: Kỷ cương")
    message = "thụt lề bằng phím Tab; YAML chỉ chấp nhận dấu cách, hãy thay Tab bằng dấu cách"
    assert _validate(project) == [f"{F}:{first}:1: {message}", f"{F}:{first + 1}:1: {message}"]


def test_yaml_syntax_error(project: Project) -> None:
    project.edit("place: Hà Nội", "place: Hà Nội: thủ đô")
    line = project.line("place: Hà Nội: thủ đô")
    assert _validate(project) == [
        f"{F}:{line}:14: lỗi cú pháp YAML: dấu ':' đặt sai chỗ; nếu văn bản có dấu ':' hãy đặt "
        "cả đoạn trong dấu ngoặc kép \"...\""]


def test_wrong_type(project: Project) -> None:
    project.edit("year: 2021\n\ntheme", "year: hai nghìn\n\ntheme")
    line = project.line("year: hai nghìn")
    assert _validate(project) == [
        f"{F}:{line}:7: 'year' phải là một số nguyên; đang là văn bản 'hai nghìn'"]


def test_list_expected(project: Project) -> None:
    project.edit("basis:\n  - ct-tong-the-cchc-2021-2030\n  - ctr-08-tu-2016\n"
                   "  - kh-105-ubnd-2021\n", "basis: kh-105-ubnd-2021\n")
    line = project.line("basis: kh-105")
    assert _validate(project) == [
        f"{F}:{line}:8: 'basis' phải là một danh sách, mỗi mục một dòng bắt đầu bằng '- '; "
        "đang là văn bản 'kh-105-ubnd-2021'"]


def test_missing_required_field(project: Project) -> None:
    project.edit("issuer: Ban Tuyên giáo Thành ủy Hà Nội\n", "")
    assert _validate(project) == [
        f"{F}:7:1: thiếu khóa bắt buộc 'issuer' (Cơ quan ban hành)"]


def test_missing_nested_field_points_at_its_mapping(project: Project) -> None:
    project.edit("    kind: Chương trình\n    issuer: Chính phủ\n", "    issuer: Chính phủ\n")
    line = project.line("- id: ct-tong-the-cchc-2021-2030")
    assert _validate(project) == [
        f"{F}:{line}:5: thiếu khóa bắt buộc 'kind' trong documents › mục 1 (Loại văn bản: Kế "
        "hoạch, Chương trình, Quyết định, Chỉ thị)"]


@pytest.mark.parametrize(("written", "col"), [("2021-02-30", 7), ("30/2/2021", 7)])
def test_impossible_date(project: Project, written: str, col: int) -> None:
    project.edit("date: 2021-05-21", f"date: {written}")
    line = project.line(f"date: {written}")
    [problem] = _validate(project)
    assert problem.startswith(f"{F}:{line}:{col}: ")
    assert f"'{written}' không tồn tại" in problem or "ngày '2021-02-30' không tồn tại" in problem


def test_date_that_is_not_a_date(project: Project) -> None:
    project.edit("date: 2021-05-21", "date: tháng năm")
    line = project.line("date: tháng năm")
    assert _validate(project) == [
        f"{F}:{line}:7: 'date' phải là một ngày có thật, dạng YYYY-MM-DD (ví dụ 2021-05-21) "
        "hoặc DD/MM/YYYY; đang là văn bản 'tháng năm'"]


def test_bad_reference_suggests(project: Project) -> None:
    project.edit("  - kh-105-ubnd-2021\n\ndocuments", "  - kh-105-ubnd-2012\n\ndocuments")
    line = project.line("  - kh-105-ubnd-2012")
    assert _validate(project) == [
        f"{F}:{line}:5: 'kh-105-ubnd-2012' không có trong documents; có phải ý bạn là "
        "'kh-105-ubnd-2021'? Các mã có trong documents: " + ", ".join(sorted(_ids("documents")))]


def _ids(section: str) -> list[str]:
    data = yaml.safe_load(SAMPLE_YAML.read_text(encoding="utf-8"))
    return [str(item["id"]) for item in data[section]]


def test_an_unknown_reporting_agency_lists_the_valid_ids(project: Project) -> None:
    project.edit("    - cap-uy-quan-huyen-mttq\n", "    - uy-ban-nhan-dan\n")
    line = project.line("    - uy-ban-nhan-dan")
    assert _validate(project) == [
        f"{F}:{line}:7: 'uy-ban-nhan-dan' không có trong responsibilities. Các mã có trong "
        "responsibilities: " + ", ".join(sorted(_ids("responsibilities")))]


def test_a_bad_colour_says_how_to_write_one(project: Project) -> None:
    text = project.campaign.read_text(encoding="utf-8")
    project.campaign.write_text(f"{text}\nposters:\n  palette:\n    background: xanh\n",
                                encoding="utf-8")
    assert _validate(project) == [
        f"{F}:{project.line('background: xanh')}:17: 'background' phải là mã màu dạng "
        "\"#RRGGBB\" trong dấu ngoặc kép, ví dụ \"#1565C0\"; đang là văn bản 'xanh'"]


def test_empty_file(project: Project) -> None:
    project.campaign.write_text("# chỉ có ghi chú\n", encoding="utf-8")
    assert _validate(project) == [
        f"{F}:1:1: tệp trống: cần ít nhất các khóa bắt buộc của một chiến dịch (xem "
        "campaigns/cchc-ha-noi-2021.yml làm mẫu)"]


def test_file_that_is_not_utf8(project: Project) -> None:
    line = project.line("place: Hà Nội")
    text = project.campaign.read_text(encoding="utf-8")
    project.campaign.write_bytes(text.encode("utf-8").replace(
        "place: Hà Nội".encode(), b"place: H\xe0 N\xf4i"))
    assert _validate(project) == [
        f"{F}:{line}:9: tệp không phải UTF-8 (byte 0xe0 không hợp lệ); hãy lưu lại tệp với "
        "bảng mã UTF-8 (trong Notepad: Lưu thành > Mã hóa: UTF-8)"]


def test_all_problems_of_a_file_at_once(project: Project) -> None:
    project.edit("short_title:", "short_titel:")
    project.edit("year: 2021\n\ntheme", "year: hai nghìn\n\ntheme")
    project.edit("    kind: Chương trình\n    issuer: Chính phủ\n", "    issuer: Chính phủ\n")
    assert len(_validate(project)) == 4


def test_every_file_is_reported(project: Project) -> None:
    other = project.root / "campaigns" / "khac.yml"
    other.write_text("id: khac\n", encoding="utf-8")
    project.edit("year: 2021\n\ntheme", "year: hai nghìn\n\ntheme")
    problems = _validate(project)
    assert any(p.startswith("campaigns/khac.yml:1:1: thiếu khóa bắt buộc") for p in problems)
    assert any(p.startswith(f"{F}:") for p in problems)


def test_id_must_match_file_name(project: Project) -> None:
    project.campaign.rename(project.root / "campaigns" / "cchc.yml")
    assert _validate(project) == [
        "campaigns/cchc.yml:7:5: mã chiến dịch 'cchc-ha-noi-2021' phải trùng tên tệp 'cchc'; "
        "hãy đổi một trong hai cho khớp"]


def test_validate_named_files(project: Project) -> None:
    bad = project.root / "thu.yml"
    bad.write_text("id: [\n", encoding="utf-8")
    result = project.run("validate", "thu.yml")
    assert result.code == 2
    assert result.err.startswith("thu.yml:2:1: lỗi cú pháp YAML")


def test_failed_build_leaves_site_untouched(project: Project) -> None:
    assert project.run("build").code == 0
    site = project.root / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    project.edit("short_title:", "short_titel:")
    result = project.run("build")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert result.err.startswith(f"{F}:")
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in project.root.iterdir()) == sorted(
        [".cache", "campaigns", "docs", "mkdocs.yml", "overrides", "schema", "site"])


def test_failed_first_build_creates_nothing(project: Project) -> None:
    project.edit("year: 2021\n\ntheme", "year: hai nghìn\n\ntheme")
    assert project.run("build").code == 2
    assert not (project.root / "site").exists()


@pytest.mark.parametrize("sample", [SAMPLE, SAMPLE_YAML], ids=["markdown", "yaml"])
def test_text_is_nfc(tmp_path: Path, sample: Path) -> None:
    decomposed = tmp_path / sample.name
    import unicodedata
    decomposed.write_text(unicodedata.normalize("NFD", sample.read_text(encoding="utf-8")),
                          encoding="utf-8")
    campaign = load_campaign(decomposed)
    assert campaign.theme is not None
    assert campaign.theme.text == "Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển"
    assert unicodedata.is_normalized("NFC", campaign.title)


def test_loader_raises_user_error_not_exceptions(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    for content in ["- a\n- b\n", "id: x\n---\nid: y\n", "!!python/object:os.system x\n",
                    "id: *nothing\n", "? [a]\n: b\n"]:
        path.write_text(content, encoding="utf-8")
        with pytest.raises(UserError):
            load_campaign(path)


def test_campaigns_come_newest_first(tmp_path: Path) -> None:
    issued = {1: dt.date(2021, 3, 1), 2: dt.date(2021, 11, 5), 3: dt.date(2022, 1, 10)}
    files = []
    for index, day in issued.items():
        data = {**campaign_data(index), "date": day, "year": day.year}
        files.append(tmp_path / f"{data['id']}.yml")
        files[-1].write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    order = [c.id for c in load_campaigns(files)]
    assert order == ["chien-dich-003", "chien-dich-002", "chien-dich-001"]
