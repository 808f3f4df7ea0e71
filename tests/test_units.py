"""Units (communes, wards): read from the campaign and a shared file, checked with their place,
and published as posters with their name and QR code, a page each and a print pack each."""

from __future__ import annotations

import json
import subprocess
import zipfile

import pytest
from conftest import REPO, Project, page_text

from generator.campaign.load import load_campaign
from generator.campaign.units import unit_slogans
from generator.errors import UserError
from generator.posters.check import BUILD_CHECKS
from generator.posters.plan import plan_unit_posters

UNITS = REPO / "tests" / "data" / "units" / "ha-noi.yml"
CAMPAIGN = "cchc-ha-noi-2021"


def with_units(project: Project, block: str, units_file: str | None = None) -> Project:
    """The sample project whose campaign has ``block`` (YAML under the front matter's
    ``units:``), and the shared file of test units at ``campaigns/units/ha-noi.yml``."""
    target = project.root / "campaigns" / "units" / "ha-noi.yml"
    target.parent.mkdir(exist_ok=True)
    target.write_text(units_file if units_file is not None else UNITS.read_text("utf-8"),
                      encoding="utf-8")
    if block:
        project.edit("leaflet:\n", f"units:\n{block}leaflet:\n")
    return project


SHARED = "  file: units/ha-noi.yml\n  formats: [a4-doc, led-ngang]\n"


def problems(project: Project) -> list[str]:
    with pytest.raises(UserError) as caught:
        load_campaign(project.campaign, project.root, checks=BUILD_CHECKS)
    return [str(p) for p in caught.value.problems]


def test_the_shared_file_s_units_come_first_and_each_gets_what_its_level_says(
        project: Project) -> None:
    with_units(project, SHARED + "  units:\n    - {id: xa-moi, name: UBND XÃ MỚI, "
                                 "slogans: [4], formats: [mang-xa-hoi]}\n")
    campaign = load_campaign(project.campaign, project.root, checks=BUILD_CHECKS)
    assert campaign.units is not None
    units = {u.id: u for u in campaign.units.units}
    assert list(units) == ["phuong-ba-dinh", "phuong-hoan-kiem", "xa-soc-son", "xa-moi"]

    def chosen(unit_id: str) -> list[tuple[int, list[str]]]:
        return [(n, formats) for n, _, formats in unit_slogans(campaign, units[unit_id])]

    # The group's slogans, the campaign's formats; every slogan for a unit without a group;
    # the unit's own choice over both.
    assert chosen("phuong-ba-dinh") == [(1, ["a4-doc", "led-ngang"]), (2, ["a4-doc", "led-ngang"])]
    assert [n for n, _ in chosen("xa-soc-son")] == [1, 2, 3, 4]
    assert chosen("xa-moi") == [(4, ["mang-xa-hoi"])]
    jobs = plan_unit_posters(campaign, project.root / "campaigns", "https://tt.hanoi.gov.vn/")
    first = jobs["phuong-ba-dinh"][0]
    assert first.stem.startswith("don-vi/phuong-ba-dinh/01-")
    assert first.texts.issuer == "UBND PHƯỜNG BA ĐÌNH"
    assert "Đường dây nóng: 024 0000 0001." in first.texts.footer
    assert first.qr_url == f"https://tt.hanoi.gov.vn/{CAMPAIGN}/don-vi/phuong-ba-dinh/"
    assert not first.proof


def test_problems_in_the_shared_file_are_placed_at_their_line_there(project: Project) -> None:
    shared = UNITS.read_text("utf-8")
    shared = shared.replace("group: noi-thanh\n    hotline", "group: noi-thnh\n    hotline")
    shared = shared.replace("slogans: [1, 2]", "slogans: [1, 9]\n    formats: [a4-dco]")
    shared = shared.replace("id: phuong-hoan-kiem", "id: phuong-ba-dinh")
    shared = shared.replace("    contact: Văn phòng", "    contat: Văn phòng")
    with_units(project, SHARED, shared)
    lines = shared.splitlines()

    def at(needle: str) -> int:
        return next(i for i, text in enumerate(lines, start=1) if needle in text)

    found = problems(project)
    assert len(found) == 1 and f"units/ha-noi.yml:{at('contat')}:5: khóa 'contat'" in found[0]
    assert found[0].startswith(str(project.root / "campaigns" / "units" / "ha-noi.yml"))
    assert "có phải ý bạn là 'contact'?" in found[0]
    with_units(project, "", shared.replace("contat", "contact"))
    found = problems(project)
    second = [i for i, text in enumerate(lines, start=1) if "id: phuong-ba-dinh" in text][1]
    expected = {
        f"ha-noi.yml:{at('noi-thnh')}:12: ": "nhóm 'noi-thnh' không có trong groups; có phải ý",
        f"ha-noi.yml:{second}:9: ": "mã đơn vị 'phuong-ba-dinh' đã dùng cho đơn vị khác",
        f"ha-noi.yml:{at('slogans: [1, 9]')}:18: ": "khẩu hiệu số 9 không có: chiến dịch có 4",
        f"ha-noi.yml:{at('a4-dco')}:15: ": "khổ 'a4-dco' không có trong danh mục; có phải ý",
    }
    assert len(found) == len(expected), found
    for place, message in expected.items():
        assert any(f"{place}{message}" in p for p in found), (place, found)


def test_a_missing_shared_file_and_a_name_that_cannot_be_printed(project: Project) -> None:
    with_units(project, "  file: units/ha-nao.yml\n")
    line = project.line("file: units/ha-nao.yml")
    found = problems(project)
    assert found == [f"{project.campaign}:{line}:9: không thấy tệp danh sách đơn vị "
                     "'units/ha-nao.yml'; hãy tạo tệp (ví dụ units/ha-noi.yml, có dòng "
                     "'units:') hoặc sửa đường dẫn"]
    long_name = ("ỦY BAN NHÂN DÂN XÃ SÓC SƠN THÀNH PHỐ HÀ NỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA "
                 "VIỆT NAM ĐỘC LẬP TỰ DO HẠNH PHÚC")
    shared = UNITS.read_text("utf-8").replace("name: UBND XÃ SÓC SƠN", f"name: {long_name}")
    shared = shared.replace("name: UBND PHƯỜNG HOÀN KIẾM", "name: UBND PHƯỜNG ☃")
    project.edit("  file: units/ha-nao.yml\n", SHARED)
    with_units(project, "", shared)
    found = problems(project)
    lines = shared.splitlines()
    snowman = next(i for i, text in enumerate(lines, start=1) if "☃" in text)
    long = next(i for i, text in enumerate(lines, start=1) if "HẠNH PHÚC" in text)
    assert len(found) == 2, found
    assert f"ha-noi.yml:{snowman}:11: phông" in found[0] and "thiếu ký tự '☃' (U+2603)" in \
        found[0]
    assert f"ha-noi.yml:{long}:11: tên đơn vị quá dài cho khổ A4 dọc" in found[1]


def test_each_unit_has_its_page_posters_and_print_pack(project: Project) -> None:
    shared = UNITS.read_text("utf-8")
    with_units(project, "  file: units/ha-noi.yml\n  formats: [a4-doc, led-ngang]\n", shared)
    result = project.run("build")
    assert result.code == 0, result.err
    site = project.root / "site"
    unit_page = site / CAMPAIGN / "don-vi" / "phuong-ba-dinh" / "index.html"
    html = unit_page.read_text("utf-8")
    text = page_text(html)
    assert "UBND PHƯỜNG BA ĐÌNH" in text and "Văn phòng HĐND và UBND phường" in text
    assert 'href="tel:02400000001"' in html
    assert html.count('class="poster-gallery"') == 2  # the group's two slogans
    pack_name = f"{CAMPAIGN}-phuong-ba-dinh-goi-in.zip"
    assert f'href="../../../posters/{CAMPAIGN}/don-vi/phuong-ba-dinh/{pack_name}"' in html
    index = page_text((site / CAMPAIGN / "don-vi" / "index.html").read_text("utf-8"))
    assert "Các phường nội thành" in index and "UBND XÃ SÓC SƠN" in index
    overview = (site / CAMPAIGN / "index.html").read_text("utf-8")
    assert 'href="don-vi/"' in overview

    posters = site / "posters" / CAMPAIGN / "don-vi" / "phuong-ba-dinh"
    with zipfile.ZipFile(posters / pack_name) as pack:
        names = pack.namelist()
        listed = json.loads(pack.read("manifest.json"))
        ticket = pack.read("PHIEU-IN.pdf")
    pdfs = [n for n in names if n.endswith(".pdf") and n != "PHIEU-IN.pdf"]
    assert sorted(pdfs) == sorted(row["file"] for row in listed)
    # The unit's report workbooks beside its pack, not in it (the pack is what a shop prints).
    workbook = f"{CAMPAIGN}-2021-6t1-phuong-ba-dinh.xlsx"
    assert f'href="../../../posters/{CAMPAIGN}/don-vi/phuong-ba-dinh/{workbook}"' in html
    assert (posters / workbook).is_file() and not any(n.endswith(".xlsx") for n in names)
    assert len(pdfs) == 2 and all(n.startswith("a4-doc-210x297mm/0") for n in pdfs)
    ticket_file = project.root / "ticket.pdf"
    ticket_file.write_bytes(ticket)
    said = subprocess.run(["pdftotext", str(ticket_file), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "UBND PHƯỜNG BA ĐÌNH" in said and "024 0000 0001" in said
    # The unit's QR code leads to its page; the campaign's pack holds none of the units' files.
    qr = subprocess.run(["zbarimg", "-q", "--raw", str(next(posters.glob("*led-ngang.png")))],
                        capture_output=True, text=True, check=True).stdout.strip()
    assert qr == f"https://tuyentruyen.example.vn/{CAMPAIGN}/don-vi/phuong-ba-dinh/"
    with zipfile.ZipFile(site / "posters" / CAMPAIGN / f"{CAMPAIGN}-goi-in.zip") as pack:
        assert not any("don-vi" in n or "BA-DINH" in n.upper() for n in pack.namelist())

    # Fewer slogans for the units without a group: nothing is drawn again, and the page and
    # pack of the unit hold only what it still gets.
    project.edit("  formats: [a4-doc, led-ngang]\n",
                 "  formats: [a4-doc, led-ngang]\n  slogans: [1]\n")
    again = project.run("build")
    assert again.code == 0, again.err
    assert "vẽ 0," in again.err
    soc_son = (site / CAMPAIGN / "don-vi" / "xa-soc-son" / "index.html").read_text("utf-8")
    assert soc_son.count('class="poster-gallery"') == 1
    assert len(list((site / "posters" / CAMPAIGN / "don-vi" / "xa-soc-son").glob("*.pdf"))) == 1


def test_convert_keeps_the_shared_file_s_units_in_that_file(project: Project) -> None:
    with_units(project, SHARED + "  units:\n    - {id: xa-moi, name: UBND XÃ MỚI}\n")
    before = load_campaign(project.campaign, project.root, checks=BUILD_CHECKS)
    out = project.root / "cchc-ha-noi-2021.yml"
    result = project.run("convert", project.campaign, "--out", out)
    assert result.code == 0, result.err
    text = out.read_text("utf-8")
    assert "file: units/ha-noi.yml" in text and "xa-moi" in text
    assert "phuong-ba-dinh" not in text
    project.campaign.unlink()
    out.rename(project.root / "campaigns" / out.name)
    moved = project.root / "campaigns" / out.name
    assert load_campaign(moved, project.root, checks=BUILD_CHECKS) == before
