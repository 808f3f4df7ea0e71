"""LibreOffice (headless) as the tests' spreadsheet and word processor: one ``soffice`` call
converts many files (it takes seconds to start), in a private profile so that parallel test
processes never share one."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing on CI: .ci/run must install libreoffice-calc "
                        "and libreoffice-writer")
        pytest.skip("LibreOffice is not installed")
    return found


# LibreOffice's filter for CSV: comma, double quotes, UTF-8 (76).
CSV = "csv:Text - txt - csv (StarCalc):44,34,76"
XLSX = "xlsx:Calc MS Excel 2007 XML"


def convert(files: list[Path], target: str, out: Path, profile: Path) -> list[Path]:
    """``files`` converted to ``target`` into ``out``, in one call; the converted files."""
    out.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [soffice(), f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
         "--norestore", "--convert-to", target, "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=240, check=False)
    suffix = "." + target.split(":")[0]
    made = [out / (f.stem + suffix) for f in files]
    missing = [m for m in made if not m.is_file()]
    assert not missing and result.returncode == 0, (missing, result.stdout, result.stderr)
    return made
