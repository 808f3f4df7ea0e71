"""What a citizen needs from a campaign's overview: the document's number and whom to ask."""

from __future__ import annotations

from conftest import Project, page_text

F = "campaigns/cchc-ha-noi-2021.yml"


def _add(project: Project, text: str) -> None:
    campaign = project.campaign.read_text(encoding="utf-8")
    project.campaign.write_text(campaign + "\n" + text, encoding="utf-8")


def test_number_and_contact_reach_the_overview(project: Project) -> None:
    project.edit("id: cchc-ha-noi-2021", "id: cchc-ha-noi-2021\nnumber: 54-HD/BTGTU")
    _add(project, "contact:\n  unit: Phòng Văn hóa <và> Thông tin\n  hotline: 024 3825 3536\n"
                  "  email: vanphong@hanoi.gov.vn\n  address: 12 Lê Lai, Hoàn Kiếm\n")
    result = project.run("build")
    assert result.code == 0, result.err
    html = (project.root / "site" / "cchc-ha-noi-2021" / "index.html").read_text("utf-8")
    text = page_text(html)
    assert "Số, ký hiệu: 54-HD/BTGTU" in text
    assert "Đơn vị: Phòng Văn hóa <và> Thông tin" in text
    assert 'href="tel:02438253536"' in html
    assert 'href="mailto:vanphong@hanoi.gov.vn"' in html
    assert "Địa chỉ: 12 Lê Lai, Hoàn Kiếm" in text


def test_a_bad_hotline_says_what_to_write(project: Project) -> None:
    _add(project, "contact:\n  unit: Phòng Văn hóa và Thông tin\n  hotline: gọi 1022\n")
    result = project.run("validate")
    assert result.code == 2
    line = project.line("hotline: gọi")
    assert result.err.splitlines()[0] == (
        f"{F}:{line}:12: 'hotline' phải là một số điện thoại, chỉ gồm chữ số, dấu cách, '.', "
        "'-', '(', ')' và có thể bắt đầu bằng '+' (ví dụ 024 3825 3536); đang là văn bản "
        "'gọi 1022'")
