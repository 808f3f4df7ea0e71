"""The reporting loop with real clients: workbooks written by ``campaign report templates``,
filled with openpyxl and by LibreOffice, read back by ``campaign report collect``; hostile
workbooks refused in one line each."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SAMPLE, Project, Result, copy_project
from office import CSV, XLSX, convert
from openpyxl import Workbook, load_workbook

from generator.campaign.load import load_campaign
from generator.reports.periods import periods
from generator.reports.store import Submission, history, latest, record

UNITS = REPO / "tests" / "data" / "units" / "ha-noi.yml"
ID = "cchc-ha-noi-2021"
BEFORE_DEADLINE = dt.datetime(2021, 6, 20, 9, 0, tzinfo=dt.UTC).timestamp()


def template(folder: Path, period: str, unit: str) -> Path:
    return folder / f"{ID}-{period}-{unit}.xlsx"


def fill(source: Path, target: Path, figures: dict[str, object], **answers: str) -> Path:
    """The workbook filled as a unit's clerk would, through openpyxl."""
    book = load_workbook(source)
    sheet = book["BaoCao"]
    labels = {"kho_khan": "Khó khăn, hạn chế", "kien_nghi": "Kiến nghị, đề xuất",
              "nguoi_lap": "Người lập biểu", "dien_thoai": "Điện thoại"}
    for row in sheet.iter_rows():
        if row[1].value in figures:
            row[4].value = figures[str(row[1].value)]
        for key, label in labels.items():
            if row[0].value == label and key in answers:
                row[2].value = answers[key]
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


@dataclass
class Loop:
    project: Project
    templates: Path
    csv: Path  # LibreOffice's CSV of every template and filled workbook
    collected: Result  # the first collect of the returned files
    drafts: Path  # the draft report, consolidated workbook and reminders of 2021-6t1
    pdf: Path  # LibreOffice's PDF of the draft report, the consolidated workbook, a template


def with_units(project: Project) -> None:
    target = project.root / "campaigns" / "units" / "ha-noi.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(UNITS, target)
    project.edit("leaflet:\n", "units:\n  file: units/ha-noi.yml\nleaflet:\n")


@pytest.fixture(scope="module")
def loop(tmp_path_factory: pytest.TempPathFactory) -> Loop:
    root = tmp_path_factory.mktemp("reports")
    project = copy_project(root / "project")
    with_units(project)
    result = project.run("report", "templates", ID, "--out", "mau")
    assert result.code == 0, result.err
    mau = project.root / "mau"
    returned = project.root / "tra-ve"
    fill(template(mau, "2021-6t1", "phuong-ba-dinh"), returned / "ba-dinh.xlsx",
         {"pa-no": 12, "bang-ron": 30, "to-roi-phat": 1500, "hoi-nghi": 4,
          "nguoi-tham-du": 1234}, kho_khan="Thiếu kinh phí in pa nô.",
         kien_nghi="Đề nghị cấp thêm tờ rơi.", nguoi_lap="Nguyễn Văn A",
         dien_thoai="0912 345 678")
    os.utime(returned / "ba-dinh.xlsx", (BEFORE_DEADLINE, BEFORE_DEADLINE))
    # A formula written by a program carries no saved value; LibreOffice computes and saves it.
    formula = fill(template(mau, "2021-6t1", "phuong-hoan-kiem"), root / "hoan-kiem.xlsx",
                   {"pa-no": "=5+7", "loa": 40}, kho_khan="Loa hỏng ở hai tổ dân phố.")
    profile = root / "lo-profile"
    convert([formula], XLSX, returned / "luu-lai", profile)
    csv = root / "csv"
    convert([*sorted(mau.glob("*.xlsx")), returned / "ba-dinh.xlsx"], CSV, csv, profile)
    # The same sheet saved as CSV by LibreOffice, for the year-end period of another unit.
    text = (csv / f"{ID}-2021-nam-xa-soc-son.csv").read_text(encoding="utf-8")
    (returned / "soc-son.csv").write_text(text.replace(
        "\n3,khau-hieu,\"Khẩu hiệu đã kẻ, treo\",khẩu hiệu,,",
        "\n3,khau-hieu,\"Khẩu hiệu đã kẻ, treo\",khẩu hiệu,1.200,"), encoding="utf-8")
    collected = project.run("report", "collect", "tra-ve")
    draft = project.run("report", "draft", ID, "--period", "2021-6t1", "--out", "bc")
    assert draft.code == 0, draft.err
    drafts = project.root / "bc"
    pdf = root / "pdf"
    convert([drafts / f"bao-cao-{ID}-2021-6t1.docx", drafts / f"tong-hop-{ID}-2021-6t1.xlsx",
             returned / "ba-dinh.xlsx"], "pdf", pdf, profile)
    return Loop(project, mau, csv, collected, drafts, pdf)


def test_periods_follow_the_rhythm_the_document_sets() -> None:
    campaign = load_campaign(SAMPLE)
    found = periods(campaign)
    assert [(p.id, p.deadline) for p in found] == [
        ("2021-6t1", dt.date(2021, 6, 30)), ("2021-nam", dt.date(2021, 12, 31))]
    assert found[0].name == "6 tháng đầu năm 2021"
    assert campaign.reporting is not None
    quarterly = campaign.model_copy(update={"reporting": campaign.reporting.model_copy(
        update={"every_months": 3, "year_end": False, "day": 15})})
    assert [(p.id, p.deadline) for p in periods(quarterly)] == [
        (f"2021-q{n}", dt.date(2021, 3 * n, 15)) for n in range(1, 5)]


def test_templates_one_per_unit_and_period_read_by_libreoffice(loop: Loop) -> None:
    made = sorted(p.name for p in loop.templates.iterdir())
    assert made == sorted(f"{ID}-{p}-{u}.xlsx" for p in ("2021-6t1", "2021-nam")
                          for u in ("phuong-ba-dinh", "phuong-hoan-kiem", "xa-soc-son"))
    book = load_workbook(template(loop.templates, "2021-6t1", "phuong-ba-dinh"))
    sheet, meta = book["BaoCao"], book["ThongTin"]
    assert meta.sheet_state == "hidden" and sheet.protection.sheet
    assert {r[0].value: r[1].value for r in meta.iter_rows()}["unit"] == "phuong-ba-dinh"
    rows = {r[1].value: r for r in sheet.iter_rows() if r[1].value}
    # Figures unlocked and whole numbers only; the labels locked.
    assert not rows["pa-no"][4].protection.locked and rows["pa-no"][2].protection.locked
    [rule] = sheet.data_validations.dataValidation
    assert rule.type == "whole" and str(rule.sqref).startswith(f"E{rows['pa-no'][4].row}")
    text = (loop.csv / f"{ID}-2021-6t1-phuong-ba-dinh.csv").read_text(encoding="utf-8")
    for expected in ("UBND PHƯỜNG BA ĐÌNH", "30/6/2021", f"{ID}/2021-6t1/phuong-ba-dinh",
                     "\"Pa nô, áp phích đã treo\",cái", "Hoạt động: Tuyên truyền trực quan",
                     "Khó khăn, hạn chế", "Kiến nghị, đề xuất"):
        assert expected in text, expected
    # Asked again, every file is there already and none is replaced.
    before = {p: p.stat().st_mtime_ns for p in loop.templates.iterdir()}
    again = loop.project.run("report", "templates", ID, "--out", "mau")
    assert again.code == 0 and "đã ghi 0 biểu mẫu" in again.out and "6 tệp đã có" in again.out
    assert before == {p: p.stat().st_mtime_ns for p in loop.templates.iterdir()}


def test_a_period_asked_for_by_name_and_a_campaign_without_rhythm(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = project.run("report", "templates", ID, "--period", "2022-q1", "--out", "q")
    assert result.code == 0, result.err
    assert len(list((project.root / "q").glob(f"{ID}-2022-q1-*.xlsx"))) == 1
    wrong = project.run("report", "templates", ID, "--period", "2022-q5", "--out", "q")
    assert wrong.code == 2 and "không có kỳ báo cáo '2022-q5'" in wrong.err
    assert "2021-6t1, 2021-nam" in wrong.err
    # No rhythm in the document: a period must be asked for, and the line says how.
    text = project.campaign.read_text(encoding="utf-8")
    start = text.index("Định kỳ 6 tháng, cuối năm báo cáo")
    project.campaign.write_text(text[:start] + text[text.index("\n", start) + 1:],
                                encoding="utf-8")
    none = project.run("report", "templates", ID, "--out", "r")
    assert none.code == 2 and "chưa có chế độ báo cáo" in none.err
    assert "--period 2021-q1" in none.err and not (project.root / "r").exists()


def test_collect_openpyxl_libreoffice_and_csv(loop: Loop) -> None:
    project = loop.project
    result = loop.collected
    assert result.code == 0, result.err
    store = project.root / "reports" / ID
    files = sorted(store.rglob("*.yml"))
    assert [f.relative_to(store).parts[:2] for f in files] == [
        ("2021-6t1", "phuong-ba-dinh"), ("2021-6t1", "phuong-hoan-kiem"),
        ("2021-nam", "xa-soc-son")]
    ba_dinh = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    assert ba_dinh["figures"] == {"pa-no": 12, "bang-ron": 30, "to-roi-phat": 1500,
                                  "hoi-nghi": 4, "nguoi-tham-du": 1234}
    assert ba_dinh["filled_by"] == "Nguyễn Văn A" and files[0].name == "2021-06-20T09-00-00Z.yml"
    hoan_kiem = yaml.safe_load(files[1].read_text(encoding="utf-8"))
    assert hoan_kiem["figures"] == {"pa-no": 12, "loa": 40}  # the formula's saved value
    assert yaml.safe_load(files[2].read_text(encoding="utf-8"))["figures"] == {"khau-hieu": 1200}
    assert "UBND PHƯỜNG BA ĐÌNH: đã nhận báo cáo 6 tháng đầu năm 2021" in result.out
    assert "treo 12 pa nô, áp phích; treo 30 băng rôn; phát 1.500 tờ rơi" in result.out
    assert "Nộp sau hạn" not in result.out.splitlines()[0]
    # Collected again: nothing new, nothing lost, the returned files untouched.
    again = project.run("report", "collect", "tra-ve")
    assert again.code == 0 and "Đã ghi 0 báo cáo mới" in again.out
    assert sorted(store.rglob("*.yml")) == files


def hostile(folder: Path, good: Path) -> dict[str, str]:
    """Returned files that must each be refused in one line, and a word of that line."""
    folder.mkdir(parents=True)
    cases: dict[str, str] = {}

    def case(name: str, expected: str, figures: dict[str, object] | None = None) -> Path:
        cases[name] = expected
        return fill(good, folder / name, figures) if figures is not None else folder / name

    case("chu.xlsx", "BaoCao!E13: 'mười' không phải số nguyên", {"bang-ron": "mười"})
    case("le.xlsx", "12,5 không phải số nguyên", {"pa-no": 12.5})
    case("am.xlsx", "-3 là số âm", {"pa-no": -3})
    case("ngay.xlsx", "ngày giờ", {"pa-no": dt.datetime(2021, 5, 1)})
    case("cong-thuc.xlsx", "công thức chưa được tính", {"pa-no": "=SUM(E20:E21)"})
    case("trong.xlsx", "chưa điền số liệu nào", {})
    (folder / "gia.xlsx").write_bytes(b"PK\x03\x04 not a workbook at all")
    cases["gia.xlsx"] = "không phải tệp Excel"
    (folder / "rong.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    cases["rong.csv"] = "không thấy dòng 'Mã báo cáo (không sửa)'"
    # A zip bomb: 200 MB of zeros in a few hundred KB.
    with zipfile.ZipFile(folder / "bom.xlsx", "w", zipfile.ZIP_DEFLATED) as bomb, \
            bomb.open("xl/worksheets/sheet1.xml", "w") as part:
        for _ in range(200):
            part.write(b"\0" * (1 << 20))
    cases["bom.xlsx"] = "giải nén ra hơn 40 MB"
    # Entities that expand a billion times (a DTD in the sheet): refused before expanding.
    laughs = (b'<!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol2 '
              b'"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
    with zipfile.ZipFile(good) as source, \
            zipfile.ZipFile(folder / "dtd.xlsx", "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, laughs + data if item.filename.endswith("sheet1.xml")
                            else data)
    cases["dtd.xlsx"] = "không đọc được tệp Excel"
    # A huge sheet: more rows than any report.
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "BaoCao"
    for row in range(1, 3002):
        sheet.cell(row, 1, row)
    book.save(folder / "lon.xlsx")
    cases["lon.xlsx"] = "trang tính có 3001 dòng"
    # Another campaign's workbook, a period not being collected, a unit unknown, a key edited.
    for name, old, new, expected in (
            ("khac.xlsx", ID, "chien-dich-khac", "không phải 'cchc-ha-noi-2021'"),
            ("ky.xlsx", "2021-6t1", "2021-nam", "kỳ '2021-nam', không phải kỳ '2021-6t1'"),
            ("don-vi.xlsx", "phuong-ba-dinh", "phuong-ba-dhin",
             "đơn vị 'phuong-ba-dhin' không có trong danh sách đơn vị của chiến dịch "
             "cchc-ha-noi-2021; có phải 'phuong-ba-dinh'?")):
        book = load_workbook(fill(good, folder / name, {"pa-no": 1}))
        for sheet_name, column in (("BaoCao", 3), ("ThongTin", 2)):
            for row in book[sheet_name].iter_rows():
                value = row[column - 1].value
                if isinstance(value, str) and old in value:
                    row[column - 1].value = value.replace(old, new)
        book.save(folder / name)
        cases[name] = expected
    book = load_workbook(fill(good, folder / "sua.xlsx", {"pa-no": 1}))
    for row in book["BaoCao"].iter_rows():
        if row[0].value == "Mã báo cáo (không sửa)":
            row[2].value = f"{ID}/2021-6t1/xa-soc-son"
    book.save(folder / "sua.xlsx")
    cases["sua.xlsx"] = "không khớp với mã lưu trong tệp"
    return cases


def test_hostile_workbooks_are_refused_in_one_line_each(loop: Loop, tmp_path: Path) -> None:
    project = loop.project
    good = template(loop.templates, "2021-6t1", "phuong-ba-dinh")
    cases = hostile(project.root / "xau", good)
    result = project.run("report", "collect", "--campaign", ID, "--period", "2021-6t1", "xau")
    assert result.code == 2, result.err
    lines = [line for line in result.err.splitlines() if line.startswith("xau/")]
    assert "Traceback" not in result.err
    for name, expected in cases.items():
        mine = [line for line in lines if line.startswith(f"xau/{name}:")]
        assert len(mine) == 1 and expected in mine[0].replace("  ", " "), (name, mine)
    assert len(lines) == len(cases)
    assert lines[0].startswith("xau/am.xlsx:BaoCao!E12: ")
    assert "Đã ghi 0 báo cáo mới" in result.err
    assert not list((project.root / "reports").rglob("*sua*"))


def test_collect_leaves_every_returned_file_as_it_was(loop: Loop) -> None:
    returned = loop.project.root / "tra-ve"
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in returned.rglob("*")
              if p.is_file()}
    loop.project.run("report", "collect", "tra-ve")
    assert before == {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in returned.rglob("*")
                      if p.is_file()}


def test_a_workbook_zip_with_a_bad_part_is_one_line(tmp_path: Path, loop: Loop) -> None:
    good = template(loop.templates, "2021-6t1", "xa-soc-son").read_bytes()
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, \
            zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[:len(data) // 2] if "sheet1" in item.filename else data)
    folder = loop.project.root / "hong"
    folder.mkdir()
    (folder / "hong.xlsx").write_bytes(broken.getvalue())
    result = loop.project.run("report", "collect", "hong")
    assert result.code == 2 and "Traceback" not in result.err
    assert [line for line in result.err.splitlines() if line.startswith("hong/")] == [
        "hong/hong.xlsx: không đọc được tệp Excel (tệp hỏng hoặc không đúng định dạng .xlsx); "
        "hãy mở bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi gửi"]


def pdf_text(path: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout


def test_the_draft_report_reads_back_from_libreoffice_s_pdf(loop: Loop) -> None:
    # pdftotext breaks lines and sometimes words ("h ội ngh ị"): compared without spaces.
    report = "".join(pdf_text(loop.pdf / f"bao-cao-{ID}-2021-6t1.pdf").split())
    for expected in (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
            "BAN TUYÊN GIÁO THÀNH ỦY HÀ NỘI", "Số:", "/BC-…", "Hà Nội, ngày tháng năm",
            "BÁO CÁO", "Kết quả thực hiện Hướng dẫn số … ngày 21/5/2021 của Ban Tuyên giáo "
            "Thành ủy Hà Nội, 6 tháng đầu năm 2021", "I. KẾT QUẢ THỰC HIỆN",
            "Có 2/3 đơn vị đã gửi báo cáo (1 đơn vị đúng hạn, 1 đơn vị nộp muộn); 1 đơn vị "
            "chưa gửi báo cáo dù đã quá hạn",
            "Về tuyên truyền trực quan, các đơn vị đã treo 24 pa nô, áp phích; treo 30 băng "
            "rôn; phát 1.500 tờ rơi.",
            "tổ chức 4 hội nghị, buổi tuyên truyền; có 1.234 lượt người tham dự.",
            "phát 40 lượt trên loa truyền thanh.", "Các phường nội thành:",
            "II. HẠN CHẾ, KHÓ KHĂN", "UBND PHƯỜNG BA ĐÌNH: Thiếu kinh phí in pa nô.",
            "UBND PHƯỜNG HOÀN KIẾM: Loa hỏng ở hai tổ dân phố.",
            "III. PHƯƠNG HƯỚNG, KIẾN NGHỊ", "đôn đốc 1 đơn vị chưa gửi báo cáo",
            "UBND PHƯỜNG BA ĐÌNH: Đề nghị cấp thêm tờ rơi.", "PHỤ LỤC", "UBND XÃ SÓC SƠN",
            "chưa nộp, đã quá hạn", "Tổng cộng"):
        assert "".join(expected.split()) in report, expected
    # Who filled the workbooks is kept for the office, never put in a report.
    assert "Nguyễn Văn A" not in report and "0912" not in report
    table = " ".join(pdf_text(loop.pdf / f"tong-hop-{ID}-2021-6t1.pdf", "-layout").split())
    assert "UBND PHƯỜNG BA ĐÌNH" in table and "1500" in table and "1234" in table
    filled = " ".join(pdf_text(loop.pdf / "ba-dinh.pdf", "-layout").split())
    assert "Pa nô, áp phích đã treo cái 12" in filled
    reminders = (loop.drafts / f"nhac-nop-{ID}-2021-6t1.txt").read_text(encoding="utf-8")
    assert reminders.startswith("[UBND XÃ SÓC SƠN]\nKính gửi UBND XÃ SÓC SƠN: đến nay Ban "
                                "Tuyên giáo Thành ủy Hà Nội chưa nhận được báo cáo 6 tháng "
                                "đầu năm 2021")
    assert "PHƯỜNG" not in reminders  # both wards reported
    # Drafted again: the first draft, which someone may have edited, is kept.
    again = loop.project.run("report", "draft", ID, "--period", "2021-6t1", "--out", "bc")
    assert again.code == 0 and f"bao-cao-{ID}-2021-6t1-2.docx" in again.out


def test_a_unit_that_sends_again_adds_a_file_and_the_newest_counts(tmp_path: Path) -> None:
    def sent(day: int, pa_no: int, digest: str) -> Submission:
        return Submission(ID, "2021-6t1", "xa-soc-son",
                          dt.datetime(2021, 6, day, 8, tzinfo=dt.UTC), "soc-son.xlsx", digest,
                          {"pa-no": pa_no})

    first = record(tmp_path, sent(10, 3, "a"))
    second = record(tmp_path, sent(12, 5, "b"))
    assert first is not None and second is not None and first != second
    assert record(tmp_path, sent(14, 5, "b")) is None  # the same file, collected again
    assert [s.figures["pa-no"] for s in history(tmp_path, ID, "2021-6t1", "xa-soc-son")] == [3, 5]
    assert latest(tmp_path, ID, "2021-6t1")["xa-soc-son"].figures == {"pa-no": 5}
    # Two in the same second are both kept, the later counts.
    third = record(tmp_path, sent(12, 7, "c"))
    assert third is not None and third.name == "2021-06-12T08-00-00Z_02.yml"
    assert len(history(tmp_path, ID, "2021-6t1", "xa-soc-son")) == 3
    assert latest(tmp_path, ID, "2021-6t1")["xa-soc-son"].figures == {"pa-no": 7}


def test_the_benchmark_fills_workbooks_that_collect_reads(loop: Loop) -> None:
    """bench/reports.py fills the templates by rewriting their cells: what it measures is the
    reading of real, filled reports."""
    from bench.reports import filled, units_file
    from generator.reports.returned import read_grid

    assert units_file(3).count("- {id: xa-") == 3
    source = template(loop.templates, "2021-nam", "phuong-ba-dinh")
    target = loop.project.root / "bench-filled.xlsx"
    target.write_bytes(filled(source.read_bytes(), 5))
    grid, _ = read_grid(target)
    figures = {grid.values[(row, 2)]: grid.values.get((row, 5)) for row, column in grid.values
               if column == 2 and row > 11}
    assert figures["pa-no"] == 5 + 12 and all(isinstance(v, int) for v in figures.values())


# Run by a fresh interpreter, as the command forks its workers from one: the cap is what a
# reading may add to the worker's address space, and a long test process's heap already
# holds room that a reading would take unseen.
_READ_WITH_LIMIT = """
import sys
from pathlib import Path
from generator.reports import readers
setattr(readers, sys.argv[1], float(sys.argv[2]) if "." in sys.argv[2] else int(sys.argv[2]))
for _, read in readers.read_all([Path(p) for p in sys.argv[3:]], lambda *read: "read"):
    print(read)
"""


def test_reading_is_held_to_a_time_and_a_memory_limit(loop: Loop, tmp_path: Path) -> None:
    """The workers that read returned files are capped: a file that would take them past
    their processor time or memory is refused in one line, the others are read."""
    good = template(loop.templates, "2021-6t1", "xa-soc-son")
    files = [shutil.copy(good, tmp_path / f"{n}.xlsx") for n in range(3)]
    # A first row of 150,000 cells (5 MB of XML, 15 KB zipped): openpyxl makes an object of
    # each, which takes seconds and about 100 MB, where a report takes 10 ms and under 8 MB.
    row = b"".join(b'<c t="inlineStr"><is><t>x</t></is></c>' for _ in range(150_000))
    with zipfile.ZipFile(good) as source, \
            zipfile.ZipFile(files[1], "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith("sheet1.xml"):
                data = data.replace(b'<row r="1"', b'<row r="1">' + row + b'</row><row r="0"', 1)
            target.writestr(item, data)
    for limit, value, refusal in (("MAX_READ_SECONDS", "0.1", "đọc tệp quá 0.1 giây"),
                                  ("MAX_READ_MEMORY", str(24 << 20),
                                   "đọc tệp cần hơn 24 MB bộ nhớ")):
        run = subprocess.run([sys.executable, "-c", _READ_WITH_LIMIT, limit, value, *map(
            str, files)], capture_output=True, text=True, timeout=120, check=False)
        assert run.returncode == 0 and run.stderr == "", run.stderr
        assert run.stdout.splitlines() == [
            "read", f"{files[1]}: {refusal}, không phải biểu mẫu báo cáo; hãy mở bằng Excel "
                    "hoặc LibreOffice, lưu lại dạng .xlsx rồi gửi", "read"]


def in_excels_form(source: Path, target: Path) -> Path:
    """The workbook written the way Excel saves one (no Excel here to save it): strings
    moved into a shared table (one in formatted runs), rows carrying Excel's own attributes
    in the namespaces it declares ignorable, relative part names, a computed formula with its
    value saved beside it and the chain of calculation."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    strings: list[str] = []

    def shared(match: re.Match[str]) -> str:
        strings.append(match[2])
        return f'{match[1]} t="s"><v>{len(strings) - 1}</v></c>'

    with zipfile.ZipFile(source) as book, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in book.infolist():
            data = book.read(item).decode("utf-8")
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(r'(<c r="[A-Z]+\d+"(?: s="\d+")?) t="inlineStr"><is><t>(.*?)</t>'
                              r"</is></c>", shared, data)
                data = data.replace(f'<worksheet xmlns="{main}">', (
                    f'<worksheet xmlns="{main}" xmlns:mc="http://schemas.openxmlformats.org/'
                    'markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/'
                    'office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">'))
                data = re.sub(r'<row r="(\d+)"', r'<row r="\1" x14ac:dyDescent="0.25"', data)
                data = data.replace('<c r="E13" s="6" t="n"><v>30</v></c>',
                                    '<c r="E13" s="6"><f>10+20</f><v>30</v></c>')
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace('Target="/xl/', 'Target="').replace("</Relationships>", (
                    '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"'
                    '/><Relationship Id="rId10" Type="http://schemas.openxmlformats.org/'
                    'officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/>'
                    "</Relationships>"))
            elif item.filename == "[Content_Types].xml":
                data = data.replace("</Types>", (
                    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                    'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override '
                    'PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
                    'officedocument.spreadsheetml.calcChain+xml"/></Types>'))
            out.writestr(item, data)
        items = [f'<si><r><rPr><b/></rPr><t xml:space="preserve">{text.split(" ")[0]} </t></r>'
                 f'<r><t>{text.split(" ", 1)[1]}</t></r></si>' if text.startswith("Thi")
                 else f"<si><t>{text}</t></si>" for text in strings]
        out.writestr("xl/sharedStrings.xml", (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{main}" '
            f'count="{len(items)}" uniqueCount="{len(items)}">{"".join(items)}</sst>'))
        out.writestr("xl/calcChain.xml", f'<calcChain xmlns="{main}"><c r="E13" i="1"/>'
                                         "</calcChain>")
    return target


def test_a_workbook_in_excels_own_form_collects(loop: Loop, tmp_path: Path) -> None:
    folder = loop.project.root / "excel"
    folder.mkdir()
    in_excels_form(loop.project.root / "tra-ve" / "ba-dinh.xlsx", folder / "ba-dinh.xlsx")
    assert load_workbook(folder / "ba-dinh.xlsx")["BaoCao"]["C27"].data_type == "s"
    store = loop.project.root / "reports" / ID / "2021-6t1" / "phuong-ba-dinh"
    before = set(store.glob("*.yml"))
    result = loop.project.run("report", "collect", "excel")
    assert result.code == 0, result.err
    [new] = set(store.glob("*.yml")) - before
    recorded = yaml.safe_load(new.read_text(encoding="utf-8"))
    assert recorded["figures"] == {"pa-no": 12, "bang-ron": 30, "to-roi-phat": 1500,
                                   "hoi-nghi": 4, "nguoi-tham-du": 1234}
    assert recorded["difficulties"] == "Thiếu kinh phí in pa nô."
    assert recorded["filled_by"] == "Nguyễn Văn A"
