"""The campaigns' pages, menu, posters and calendars are reused while nothing they are made
from has changed, and made again as soon as anything has."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Project

from generator.pipeline import generate as generate_module
from generator.pipeline.generate import generate
from generator.pipeline.generated import ENTRY, recall
from generator.pipeline.inputs import campaigns_key
from generator.pipeline.project import read_project

OVERVIEW = Path("site") / "cchc-ha-noi-2021" / "index.html"


def _tamper(project: Project, old: str, new: str) -> None:
    """Change a remembered page, so that a test sees whether the build uses it."""
    entry = project.root / ".cache" / ENTRY
    header, made = entry.read_text(encoding="utf-8").splitlines()
    output = json.loads(made)
    page = output["pages"]["cchc-ha-noi-2021/index.md"]
    assert old in page
    output["pages"]["cchc-ha-noi-2021/index.md"] = page.replace(old, new)
    entry.write_text(f"{header}\n{json.dumps(output, ensure_ascii=False)}\n", encoding="utf-8")


def _overview(project: Project) -> str:
    return (project.root / OVERVIEW).read_text(encoding="utf-8")


def test_a_rebuild_of_unchanged_campaigns_loads_neither_the_model_nor_pillow(
        project: Project) -> None:
    assert project.run("build").code == 0
    probe = ("import sys\nfrom generator.cli import main\ncode = main(['-q', 'build', '--force'])\n"
             "print(code, sorted(m for m in sys.modules if m.split('.')[0] in "
             "('pydantic', 'PIL', 'generator') and m.split('.')[-1] in "
             "('pydantic', 'PIL', 'model', 'pages', 'produce', 'load', 'batch')))\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=project.root, capture_output=True,
                          text=True, check=True)
    assert done.stdout.splitlines()[-1] == "0 []", done.stdout + done.stderr
    assert "Người dân nên làm gì" in _overview(project)
    assert len(list((project.root / "site" / "posters" / "cchc-ha-noi-2021").glob("*.png"))) == 24


def test_the_remembered_pages_are_what_the_next_build_publishes(project: Project) -> None:
    assert project.run("build").code == 0
    _tamper(project, "Người dân nên làm gì", "Trang lấy từ bộ nhớ đệm")
    result = project.run("build", "--force")
    assert result.code == 0, result.err
    assert "Trang lấy từ bộ nhớ đệm" in _overview(project)


def test_an_edited_campaign_is_generated_again(project: Project) -> None:
    assert project.run("build").code == 0
    _tamper(project, "Người dân nên làm gì", "Trang lấy từ bộ nhớ đệm")
    project.edit("short_title: ", "short_title: Đã sửa - ")
    result = project.run("build")
    assert result.code == 0, result.err
    overview = _overview(project)
    assert "Trang lấy từ bộ nhớ đệm" not in overview
    assert "Đã sửa - " in overview


def test_a_poster_gone_from_the_cache_is_drawn_again(project: Project) -> None:
    assert project.run("build").code == 0
    posters = project.root / ".cache" / "posters" / "cchc-ha-noi-2021"
    gone = sorted(posters.glob("*.png"))[0]
    gone.unlink()
    result = project.run("build", "--force")
    assert result.code == 0, result.err
    assert "vẽ 1," in result.err
    assert (project.root / "site" / "posters" / "cchc-ha-noi-2021" / gone.name).is_file()


def test_a_new_site_address_reaches_the_calendar(project: Project) -> None:
    assert project.run("build").code == 0
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "https://tuyentruyen.example.vn/", "https://cchc.example.vn/"), encoding="utf-8")
    result = project.run("build")
    assert result.code == 0, result.err
    ics = project.root / "site" / "cchc-ha-noi-2021" / "lich-bao-cao.ics"
    assert "https://cchc.example.vn/cchc-ha-noi-2021/" in ics.read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["", "{\n", '{"campaigns": 1}\n[]\n', "[]\n{}\n"])
def test_a_damaged_entry_is_ignored(project: Project, damage: str) -> None:
    assert project.run("build").code == 0
    (project.root / ".cache" / ENTRY).write_text(damage, encoding="utf-8")
    result = project.run("build", "--force")
    assert result.code == 0, result.err
    assert "Người dân nên làm gì" in _overview(project)


def test_a_campaign_edited_during_a_build_is_not_remembered(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key is taken before the campaigns are read: output made from a file that changed
    meanwhile must not be kept under the new file's key."""
    spec = read_project(project.root / "mkdocs.yml")
    before = campaigns_key(spec)
    project.edit("short_title: ", "short_title: Sửa giữa chừng - ")
    keys = iter([before])
    # The build starts (first key) before the edit and reads the campaigns after it.
    monkeypatch.setattr(generate_module, "campaigns_key",
                        lambda p: next(keys, None) or campaigns_key(p))
    generate(spec)
    assert not (spec.cache_dir / ENTRY).exists()
    generate(spec)
    assert recall(spec.cache_dir, campaigns_key(spec), spec.site_url) is not None
