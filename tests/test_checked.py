"""Validated campaigns are reused only while nothing they were read from has changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import Project

from generator.campaign.checked import recall
from generator.campaign.load import load_campaign
from generator.errors import UserError
from generator.pipeline.generated import ENTRY
from generator.posters.check import BUILD_CHECKS
from generator.posters.fonts import default_text_font


@pytest.fixture
def project(yaml_project: Project) -> Project:
    """These tests edit the sample campaign's YAML form (its Markdown form: test_documents,
    test_markdown_errors)."""
    return yaml_project


def _tamper(cache: Path, title: str) -> None:
    """Change what the cache says the campaign is, so that a test sees whether it is used."""
    entry_path = cache / "campaigns" / "cchc-ha-noi-2021.json"
    header, kept = entry_path.read_text(encoding="utf-8").splitlines()
    value = json.loads(kept)
    value["campaign"]["short_title"] = title
    entry_path.write_text(f"{header}\n{json.dumps(value, ensure_ascii=False)}\n",
                          encoding="utf-8")


def test_an_unchanged_campaign_is_not_validated_again(project: Project, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_campaign(project.campaign, project.root, cache, checks=BUILD_CHECKS)
    _tamper(cache, "Đã lấy từ bộ nhớ đệm")
    again = load_campaign(project.campaign, project.root, cache, checks=BUILD_CHECKS)
    assert again.short_title == "Đã lấy từ bộ nhớ đệm"
    assert again.model_copy(update={"short_title": first.short_title}) == first


def test_an_edited_campaign_is_validated_again(project: Project, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_campaign(project.campaign, project.root, cache, checks=BUILD_CHECKS)
    project.edit("year: 2021", "year: 1800")
    with pytest.raises(UserError) as caught:
        load_campaign(project.campaign, project.root, cache, checks=BUILD_CHECKS)
    assert f"cchc-ha-noi-2021.yml:{project.line('year: 1800')}:" in str(caught.value)


def test_a_changed_font_file_means_validating_again(project: Project, tmp_path: Path) -> None:
    """The campaign file is byte-identical; the font it names no longer covers Vietnamese."""
    font = project.root / "campaigns" / "chu.ttf"
    shutil.copyfile(default_text_font(), font)
    with project.campaign.open("a", encoding="utf-8") as campaign:
        campaign.write("\nposters:\n  text_font: chu.ttf\n")
    cache = tmp_path / "cache"
    load_campaign(project.campaign, project.root, cache, checks=BUILD_CHECKS)
    font.write_bytes(b"not a font")
    assert recall(project.campaign, project.root, cache, project.campaign.read_bytes(),
                  BUILD_CHECKS.files) is None
    with pytest.raises(UserError, match=r"chu\.ttf"):
        load_campaign(project.campaign, project.root, cache, checks=BUILD_CHECKS)


@pytest.mark.parametrize("damage", ["", "{", '{"key": 1}', "[]", '{"key": null, "campaign": 5}'])
def test_a_damaged_entry_is_ignored(project: Project, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    good = load_campaign(project.campaign, project.root, cache, checks=BUILD_CHECKS)
    (cache / "campaigns" / "cchc-ha-noi-2021.json").write_text(damage, encoding="utf-8")
    assert load_campaign(project.campaign, project.root, cache, checks=BUILD_CHECKS) == good


def test_a_build_fills_the_cache_and_the_next_build_uses_it(project: Project) -> None:
    assert project.run("build").code == 0
    _tamper(project.root / ".cache", "Tiêu đề từ bộ nhớ đệm")
    # The generated pages are remembered too (tests/test_generated.py): make them anew.
    (project.root / ".cache" / ENTRY).unlink()
    result = project.run("build", "--force")
    assert result.code == 0, result.err
    home = (project.root / "site" / "cchc-ha-noi-2021" / "index.html").read_text(encoding="utf-8")
    assert "Tiêu đề từ bộ nhớ đệm" in home
