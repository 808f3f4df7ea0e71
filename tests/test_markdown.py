"""Campaign text lands in Markdown as text: never as markup, HTML or a link; and the marks a
campaign written as Markdown corrects its slogans with never reach a page."""

from __future__ import annotations

import html
from pathlib import Path

import markdown
import pytest
import yaml

from generator.campaign.load import load_campaign
from generator.campaign.model import MAX_SLOGAN_CHARS, Campaign
from generator.content.markdown import escape, front_matter, relative
from generator.content.pages import campaign_pages
from generator.errors import Problem, UserError

EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables"]


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[bấm](javascript:alert(1))",
    "*nghiêng* _gạch_ `mã`", "# không phải tiêu đề", "1. không phải danh sách",
    "- không phải gạch đầu dòng", "a | b | c", "{: .lop }", "[^1] chú thích giả",
    "*[CCHC]: định nghĩa giả", "TT&TT, VH&TT", "&lt; đã mã hóa", "\\ gạch chéo",
])
def test_escaped_text_renders_as_itself(text: str) -> None:
    html = markdown.markdown(escape(text), extensions=EXTENSIONS)
    assert html.startswith("<p>") and html.endswith("</p>")
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "<em>" not in html and "<code>" not in html and "<h1" not in html


def test_escape_folds_line_breaks() -> None:
    assert escape("  hai\n\ndòng  ") == "hai dòng"


def test_relative_links() -> None:
    assert relative("a/van-ban.md#x", "a/trach-nhiem/b.md") == "../van-ban.md#x"
    assert relative("index.md", "index.md") == "index.md"


def test_front_matter_survives_any_title() -> None:
    block = front_matter({"title": "Tiêu đề: có \"ngoặc\" và # dấu", "description": "---"})
    assert block.startswith("---\n") and block.endswith("---\n\n")
    meta = yaml.safe_load(block.split("---\n")[1])
    # HTML-escaped: MkDocs and Material write titles into HTML as they are.
    assert meta["title"] == "Tiêu đề: có &quot;ngoặc&quot; và # dấu"
    assert html.unescape(meta["title"]) == "Tiêu đề: có \"ngoặc\" và # dấu"


# Not a real document: slogans marked where they stand, as the guide's one-line corrections.
MARKED = """---
issuer: Ủy ban nhân dân xã Mẫu
place: Mẫu
date: 05/01/2026
---

# KẾ HOẠCH
# Tuyên truyền phòng cháy, chữa cháy

## I. MỤC ĐÍCH, YÊU CẦU

1. Nâng cao nhận thức của người dân về phòng cháy, chữa cháy.

## II. HÌNH THỨC TUYÊN TRUYỀN

1. Tuyên truyền trực quan: pa nô, áp phích, băng rôn tại trụ sở, nhà văn hóa thôn.
2. “Phòng cháy hơn chữa cháy” {.khau-hieu}
3. Tuyên truyền trên hệ thống loa truyền thanh xã.

Một số khẩu hiệu tuyên truyền:

- “An toàn phòng cháy là hạnh phúc của mọi nhà”;
- Các thôn treo băng rôn trước ngày 15/01/2026 {.doan-van}
- “Cháy nhà ra mặt chuột”.

## III. TỔ CHỨC THỰC HIỆN

1. Công an xã

- Hướng dẫn người dân kỹ năng thoát nạn khi có cháy.
- “Mỗi người dân là một chiến sĩ phòng cháy” {.khau-hieu}

2. Đoàn Thanh niên xã

- Tổ chức ra quân tuyên truyền tại các thôn.
"""


def _write(folder: Path, text: str) -> Path:
    path = folder / "campaigns" / "thu.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _load(folder: Path, text: str) -> Campaign:
    return load_campaign(_write(folder, text), folder)


def _problems(folder: Path, text: str) -> list[Problem]:
    with pytest.raises(UserError) as raised:
        _load(folder, text)
    return list(raised.value.problems)


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def _texts(campaign: Campaign) -> str:
    """Every text of the parts slogans may be marked in, in one string."""
    return " ".join([*(f"{f.title} {f.text} {[c.text for c in f.channels]}"
                       for f in campaign.forms),
                     *(t.text for r in campaign.responsibilities for t in r.tasks),
                     *(p.text for s in campaign.sections for p in s.points)])


def test_a_marked_slogan_leaves_its_place_for_the_slogans(tmp_path: Path) -> None:
    campaign = _load(tmp_path, MARKED)
    # In the document's order: the forms' item, the lead-in's list, the body's task.
    assert [s.text for s in campaign.slogans] == [
        "Phòng cháy hơn chữa cháy", "An toàn phòng cháy là hạnh phúc của mọi nhà",
        "Cháy nhà ra mặt chuột.", "Mỗi người dân là một chiến sĩ phòng cháy"]
    texts = _texts(campaign)
    assert "Phòng cháy hơn chữa cháy" not in texts and "chiến sĩ phòng cháy" not in texts
    assert [f.title or f.text for f in campaign.forms][:2] == [
        "Tuyên truyền trực quan", "Tuyên truyền trên hệ thống loa truyền thanh xã."]
    assert {r.agency: [t.text for t in r.tasks] for r in campaign.responsibilities} == {
        "Công an xã": ["Hướng dẫn người dân kỹ năng thoát nạn khi có cháy."],
        "Đoàn Thanh niên xã": ["Tổ chức ra quân tuyên truyền tại các thôn."]}


def test_a_line_marked_as_text_under_a_lead_in_stays_text(tmp_path: Path) -> None:
    campaign = _load(tmp_path, MARKED)
    assert not any("băng rôn" in s.text for s in campaign.slogans)
    assert "Các thôn treo băng rôn trước ngày 15/01/2026" in _texts(campaign)
    # Its day still reaches the calendar, as any sentence of the document.
    assert "2026-01-15" in [d.date.isoformat() for d in campaign.deadlines]


def test_a_line_marked_as_text_under_a_heading_of_slogans_keeps_the_heading(
        tmp_path: Path) -> None:
    text = MARKED.replace("## III. TỔ CHỨC THỰC HIỆN", (
        "## KHẨU HIỆU TUYÊN TRUYỀN\n\n1. Vì một xã an toàn\n"
        "2. Các khẩu hiệu in trên nền đỏ, chữ vàng {.doan-van}\n\n"
        "## III. TỔ CHỨC THỰC HIỆN"))
    campaign = _load(tmp_path, text)
    assert [s.text for s in campaign.slogans][-2:] == [
        "Vì một xã an toàn", "Mỗi người dân là một chiến sĩ phòng cháy"]
    [section] = [s for s in campaign.sections if s.after == "slogans"]
    assert section.title == "KHẨU HIỆU TUYÊN TRUYỀN"
    assert [p.text for p in section.points] == ["Các khẩu hiệu in trên nền đỏ, chữ vàng"]


def test_the_marks_never_reach_a_page(tmp_path: Path) -> None:
    pages = campaign_pages(_load(tmp_path, MARKED))
    assert pages and not [path for path, page in pages.items()
                          if "{.khau-hieu}" in page or "{.doan-van}" in page]
    assert any("Các thôn treo băng rôn trước ngày 15/01/2026" in page
               for page in pages.values())


def test_a_marked_slogan_beside_slogans_in_the_front_matter_is_one_problem(
        tmp_path: Path) -> None:
    text = MARKED.replace("date: 05/01/2026\n", "date: 05/01/2026\nslogans:\n  - Một khẩu hiệu\n")
    text = text.replace("- “Mỗi người dân là một chiến sĩ phòng cháy” {.khau-hieu}\n", "")
    [problem] = _problems(tmp_path, text)
    assert (problem.line, problem.col) == (_line(text, "{.khau-hieu}"), 4)
    assert problem.message.startswith(
        "'{.khau-hieu}' đánh dấu một khẩu hiệu trong thân văn bản nhưng phần đầu đã có "
        f"'slogans' (dòng {_line(text, 'slogans:')}); hãy giữ một chỗ")


def test_a_marked_slogan_too_long_points_at_its_line(tmp_path: Path) -> None:
    long = "Mỗi người dân " + "rất " * (MAX_SLOGAN_CHARS // 4) + "tích cực"
    text = MARKED.replace("“Mỗi người dân là một chiến sĩ phòng cháy”", long)
    [problem] = _problems(tmp_path, text)
    assert (problem.line, problem.col) == (_line(text, long), 3)
    assert problem.message.startswith(f"'text' dài quá {MAX_SLOGAN_CHARS} ký tự")
