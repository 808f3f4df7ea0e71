"""The command line speaks Vietnamese, its help and its own errors included."""

from __future__ import annotations

import subprocess
import sys

import pytest

COMMANDS = ["validate", "build", "serve", "export", "posters", "schema", "import", "convert",
            "index", "studio", "report"]
ENGLISH = ("usage", "options", "positional arguments", "show this help", "error:", "required",
           "invalid choice", "CONFIG_FILE", "SITE_URL")


def _campaign(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True,
                          text=True, timeout=60, check=False)


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS),
                                     *(["report", c] for c in ("templates", "collect", "draft"))])
def test_help_is_in_vietnamese(command: list[str]) -> None:
    result = _campaign(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("cách dùng: campaign")
    assert "xem hướng dẫn này rồi thoát" in result.stdout
    assert not [word for word in ENGLISH if word in result.stdout]


def test_help_describes_markdown_first_and_every_argument() -> None:
    import argparse

    from generator.cli import _parser

    parser = _parser()
    assert parser.description and parser.description.index("Markdown") \
        < parser.description.index("YAML (.yml)")

    def unexplained(command: argparse.ArgumentParser, name: str) -> list[str]:
        found = []
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):  # its commands, each explained
                helps = {choice.dest: choice.help for choice in action._choices_actions}
                found += [f"{name} {sub}" for sub in action.choices if not helps.get(sub)]
                for sub, parser_of in action.choices.items():
                    found += unexplained(parser_of, f"{name} {sub}")
            elif not action.help:
                found.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
        return found

    assert unexplained(parser, "campaign") == []


def test_argument_errors_are_in_vietnamese() -> None:
    unknown = _campaign("buidl")
    assert unknown.returncode == 2
    assert unknown.stderr.splitlines()[-1] == (
        "campaign: lỗi: đối số LỆNH: không có lựa chọn 'buidl' (chọn một trong: 'validate', "
        "'build', 'serve', 'studio', 'export', 'index', 'posters', 'convert', 'import', "
        "'report', 'schema')")
    missing = _campaign("posters")
    assert missing.returncode == 2
    assert missing.stderr.splitlines()[-1] == ("campaign posters: lỗi: thiếu đối số bắt buộc: "
                                               "TỆP, --out")
