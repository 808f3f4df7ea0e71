"""A campaign's cover picture: checked like a logo, published beside the overview."""

from __future__ import annotations

from conftest import Project
from PIL import Image

F = "campaigns/cchc-ha-noi-2021.md"


def test_the_cover_is_published_with_its_size_and_description(project: Project) -> None:
    Image.new("RGB", (1200, 500), (165, 15, 21)).save(project.root / "campaigns" / "bia.png")
    project.edit("theme:\n", "cover:\n  file: bia.png\n  alt: Băng rôn đỏ trên phố Hà Nội\n"
                             "theme:\n")
    result = project.run("build")
    assert result.code == 0, result.err
    site = project.root / "site" / "cchc-ha-noi-2021"
    with Image.open(site / "bia.png") as published:
        assert published.size == (1200, 500)
    overview = (site / "index.html").read_text(encoding="utf-8")
    assert 'alt="Băng rôn đỏ trên phố Hà Nội"' in overview
    assert 'width="1200"' in overview and 'height="500"' in overview


def test_a_cover_that_is_no_picture_is_one_line(project: Project) -> None:
    (project.root / "campaigns" / "bia.png").write_text("không phải ảnh", encoding="utf-8")
    project.edit("theme:\n", "cover:\n  file: bia.png\n  alt: Ảnh bìa\ntheme:\n")
    result = project.run("validate")
    assert result.code == 2
    assert result.err.splitlines()[0] == (
        f"{F}:{project.line('file: bia.png')}:9: tệp ảnh bìa 'bia.png' không phải ảnh đọc được "
        "(PNG, JPEG) hoặc đã hỏng")
