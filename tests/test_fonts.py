"""Fonts: a file replaced while the process runs (``campaign serve``) is safe and seen."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from generator.posters.fonts import (
    covered,
    default_headline_font,
    default_text_font,
    dejavu,
    load,
)


def test_a_font_overwritten_in_place_does_not_crash_a_running_process(tmp_path: Path) -> None:
    """FreeType maps font files; text drawn after the file shrinks under it must not die of
    SIGBUS. A child process, so that a crash shows as a failure and not a dead test run."""
    font = tmp_path / "chu.ttf"
    shutil.copyfile(default_text_font(), font)
    code = (
        "import sys; from pathlib import Path; from generator.posters.fonts import load\n"
        "font = Path(sys.argv[1]); face = load(font, 40)\n"
        "font.write_bytes(b'')\n"
        "print(face.getlength('Cải cách hành chính'), face.getbbox('Việt Nam'))\n")
    proc = subprocess.run([sys.executable, "-c", code, str(font)], capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert float(proc.stdout.split()[0]) > 100


def test_a_replaced_font_file_is_read_again(tmp_path: Path) -> None:
    font = tmp_path / "chu.ttf"
    shutil.copyfile(dejavu("Regular"), font)
    regular = load(font, 40).getlength("Cải cách")
    regular_chars = covered(font)
    shutil.copyfile(default_headline_font(), font)  # Be Vietnam Pro: other widths, other glyphs
    assert load(font, 40).getlength("Cải cách") != regular
    assert covered(font) != regular_chars
