"""Markdown and YAML campaign files give the same campaign, and convert into each other."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, SAMPLE, SAMPLE_YAML, Project

from generator.campaign.convert import to_markdown, to_yaml
from generator.campaign.load import load_campaign
from generator.campaign.markdownsource import parse_markdown
from generator.campaign.model import Campaign
from generator.campaign.yamlsource import parse_yaml

DOCUMENTS = [SAMPLE, SAMPLE_YAML, *sorted((REPO / "tests" / "data" / "campaigns").glob("*.md"))]


def _from_markdown(campaign: Campaign, text: str) -> Campaign:
    return Campaign.model_validate(parse_markdown(Path(f"{campaign.id}.md"), text.encode()).data)


def _from_yaml(text: str) -> Campaign:
    return Campaign.model_validate(parse_yaml(Path("x.yml"), text.encode()).data)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_a_round_trip_through_the_other_form_loses_nothing(path: Path) -> None:
    campaign = load_campaign(path, root=REPO)
    markdown = to_markdown(campaign)
    assert _from_markdown(campaign, markdown) == campaign
    assert _from_yaml(to_yaml(campaign)) == campaign
    # Written again from what it read, the Markdown is the same text.
    assert to_markdown(_from_markdown(campaign, markdown)) == markdown


def test_the_yaml_sample_in_markdown_reads_like_the_document() -> None:
    campaign = load_campaign(SAMPLE_YAML, root=REPO)
    markdown = to_markdown(campaign)
    front, body = markdown.split("\n---\n", 1)
    assert "## I. MỤC ĐÍCH, YÊU CẦU" in body and "## IV. TỔ CHỨC THỰC HIỆN" in body
    assert "1. **Quán triệt chủ trương, chính sách về cải cách hành chính.** Quán triệt" in body
    assert "    - Yêu cầu: phải đảm bảo hiệu quả công tác phòng chống dịch" in body
    assert "**Nơi nhận:**\n\n- Thường trực TU, HĐND-UBND TP (để báo cáo);" in body
    assert "**K/T TRƯỞNG BAN**  \n**PHÓ TRƯỞNG BAN**\n\n**Đinh Thị Lan Duyên**" in body
    # Agency ids that differ from the name's own are kept; the reporting rhythm is read back
    # from the task that states it, so the front matter does not repeat it.
    assert "{#cap-uy-quan-huyen-mttq}" in body
    assert "reporting:" not in front and "purposes:" not in front


def test_convert_writes_the_other_form_and_never_overwrites(project: Project) -> None:
    out = "luu-tru/cchc-ha-noi-2021.yml"
    result = project.run("convert", "campaigns/cchc-ha-noi-2021.md", "--out", out)
    assert result.code == 0, result.err
    assert result.out.strip() == f"Đã viết {out}."
    written = project.root / out
    assert load_campaign(written, root=project.root) == load_campaign(project.campaign)
    before = written.read_bytes()
    again = project.run("convert", "campaigns/cchc-ha-noi-2021.md", "--out", out)
    assert again.code == 2
    assert again.err.splitlines()[0] == (
        f"{out}:1:1: đã có tệp này; lệnh convert không ghi đè tệp có sẵn: hãy đổi tên "
        "hoặc chuyển tệp cũ đi, hoặc chọn tên khác bằng --out")
    assert written.read_bytes() == before


def test_convert_beside_the_original_says_to_move_the_old_file(yaml_project: Project) -> None:
    result = yaml_project.run("convert", "campaigns/cchc-ha-noi-2021.yml")
    assert result.code == 0, result.err
    assert "Hai tệp cùng mã chiến dịch không dùng được cùng lúc: hãy chuyển " \
           "campaigns/cchc-ha-noi-2021.yml ra khỏi thư mục campaigns/" in result.out
    assert (yaml_project.root / "campaigns" / "cchc-ha-noi-2021.yml").is_file()
    assert (yaml_project.root / "campaigns" / "cchc-ha-noi-2021.md").is_file()
