"""Lint and type checks run with the tests, so CI and a developer see the same verdict."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def _tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(Path(sys.executable).with_name(name)), *args], cwd=REPO,
                          capture_output=True, text=True, timeout=600, check=False)


def test_ruff() -> None:
    result = _tool("ruff", "check", ".")
    assert result.returncode == 0, result.stdout


def test_mypy_strict() -> None:
    result = _tool("mypy")
    assert result.returncode == 0, result.stdout


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] in readme
