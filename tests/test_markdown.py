"""Campaign text lands in Markdown as text: never as markup, HTML or a link."""

from __future__ import annotations

import html

import markdown
import pytest
import yaml

from generator.content.markdown import escape, front_matter, relative

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
