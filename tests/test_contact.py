"""What a citizen needs from a campaign's first page: whom to ask, the key dates, and the
document itself (its number) one link away."""

from __future__ import annotations

import pytest
from browser import serve
from conftest import Project, page_text
from playwright.sync_api import Browser


@pytest.fixture
def project(yaml_project: Project) -> Project:
    """These tests edit the sample campaign's YAML form (its Markdown form: test_documents,
    test_markdown_errors)."""
    return yaml_project


F = "campaigns/cchc-ha-noi-2021.yml"


def _add(project: Project, text: str) -> None:
    campaign = project.campaign.read_text(encoding="utf-8")
    project.campaign.write_text(campaign + "\n" + text, encoding="utf-8")


def test_number_and_contact_reach_the_overview(project: Project, browser: Browser) -> None:
    project.edit("id: cchc-ha-noi-2021", "id: cchc-ha-noi-2021\nnumber: 54-HD/BTGTU")
    _add(project, "contact:\n  unit: Phòng Văn hóa <và> Thông tin\n  hotline: 024 3825 3536\n"
                  "  email: vanphong@hanoi.gov.vn\n  address: 12 Lê Lai, Hoàn Kiếm\n")
    result = project.run("build")
    assert result.code == 0, result.err
    html = (project.root / "site" / "cchc-ha-noi-2021" / "index.html").read_text("utf-8")
    text = page_text(html)
    document = (project.root / "site" / "cchc-ha-noi-2021" / "toan-van" / "index.html")
    assert "Số, ký hiệu: 54-HD/BTGTU" in page_text(document.read_text("utf-8"))
    assert "Toàn văn Hướng dẫn số 54-HD/BTGTU" in text  # the document, one link away
    # Whom to ask, the hotline first, on the citizens' first page.
    assert "Đường dây nóng: 024 3825 3536 (Phòng Văn hóa <và> Thông tin) Người dân nên" in text
    assert "Hỏi ở đâu¶ Đường dây nóng: 024 3825 3536 Đơn vị: Phòng Văn hóa <và> Thông tin" in text
    assert "Đơn vị: Phòng Văn hóa <và> Thông tin" in text
    assert 'href="tel:02438253536"' in html
    assert 'href="mailto:vanphong@hanoi.gov.vn"' in html
    assert "Địa chỉ: 12 Lê Lai, Hoàn Kiếm" in text
    # On a 360 px phone, the hotline and the first thing to do are on the first screen.
    with serve(project.root / "site") as url:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(url + "cchc-ha-noi-2021/")
        for target in (page.locator('a[href^="tel:"]').first,
                       page.locator("h2:has-text('Người dân nên làm gì') + ol li").first):
            box = target.bounding_box()
            assert box is not None and box["y"] + box["height"] <= 740, box
        page.close()


def test_a_bad_hotline_says_what_to_write(project: Project) -> None:
    _add(project, "contact:\n  unit: Phòng Văn hóa và Thông tin\n  hotline: gọi 1022\n")
    result = project.run("validate")
    assert result.code == 2
    line = project.line("hotline: gọi")
    assert result.err.splitlines()[0] == (
        f"{F}:{line}:12: 'hotline' phải là một số điện thoại, chỉ gồm chữ số, dấu cách, '.', "
        "'-', '(', ')' và có thể bắt đầu bằng '+' (ví dụ 024 3825 3536); đang là văn bản "
        "'gọi 1022'")


PLAN = """audience:
  - Cán bộ, công chức, viên chức và Nhân dân trên địa bàn thành phố.
phases:
  - title: "Đợt 1: Trong tháng 12/2025"
    start: 01/12/2025
    end: 31/12/2025
    text: Tuyên truyền Kế hoạch số 159/KH-UBND ngày 19/11/2025 của UBND thành phố.
  - title: "Đợt 2: Từ tháng 01 đến ngày bầu cử 15/3/2026"
    start: 01/01/2026
    end: 15/03/2026
    points:
      - Tuyên truyền về ngày bầu cử.
budget:
  - Kinh phí thực hiện từ nguồn ngân sách thường xuyên của các cơ quan, đơn vị.
closing: Trên đây là Hướng dẫn công tác thông tin, tuyên truyền; đề nghị các đơn vị thực hiện.
"""


def test_audience_phases_budget_and_closing_reach_the_site(project: Project) -> None:
    _add(project, PLAN)
    result = project.run("build")
    assert result.code == 0, result.err
    overview = (project.root / "site" / "cchc-ha-noi-2021" / "toan-van" / "index.html"
                ).read_text("utf-8")
    text = page_text(overview)
    for sentence in ("Cán bộ, công chức, viên chức và Nhân dân trên địa bàn thành phố.",
                     "Đợt 1: Trong tháng 12/2025", "Từ 01/12/2025 đến 31/12/2025",
                     "Đợt 2: Từ tháng 01 đến ngày bầu cử 15/3/2026",
                     "Từ 01/01/2026 đến 15/3/2026",
                     "Tuyên truyền về ngày bầu cử.",
                     "Kinh phí thực hiện từ nguồn ngân sách thường xuyên",
                     "Trên đây là Hướng dẫn công tác thông tin, tuyên truyền; đề nghị các đơn "
                     "vị thực hiện."):
        assert sentence in text, sentence
    # The number in a phase's text is a citation like any other.
    assert 'href="../van-ban/#ke-hoach-159-kh-ubnd"' in overview
    # The dated phases also stand on the citizens' first page, with the calendar.
    first = page_text((project.root / "site" / "cchc-ha-noi-2021" / "index.html")
                      .read_text("utf-8"))
    assert "Các mốc thời gian¶ Đợt 1: Trong tháng 12/2025: từ 01/12/2025 đến 31/12/2025" in first
    ics = (project.root / "site" / "cchc-ha-noi-2021" / "lich-bao-cao.ics").read_text("utf-8")
    assert "SUMMARY:Đợt 1: Trong tháng 12/2025: " in ics
    assert "DTSTART;VALUE=DATE:20260101" in ics and "DTEND;VALUE=DATE:20260316" in ics


def test_a_phase_that_ends_before_it_starts(project: Project) -> None:
    _add(project, "phases:\n  - title: Đợt 1\n    start: 31/12/2025\n    end: 01/12/2025\n")
    result = project.run("validate")
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        f"{F}:{project.line('  - title: Đợt 1')}:5: 'phases (mục 1)' ngày kết thúc 01/12/2025 "
        "trước ngày bắt đầu 31/12/2025; hãy sửa lại cho đúng thứ tự; đang là bảng khóa: giá trị")
