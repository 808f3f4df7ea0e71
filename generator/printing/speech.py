"""The loudspeaker reads recorded in a Vietnamese voice: Debian's espeak-ng speaks them, lame
makes an MP3 small enough for a commune station to download (48 kbit/s mono, about 350 KB a
minute). Where either is missing, the reads stand on their own as text and the build says,
once, how to get the recordings."""

from __future__ import annotations

import logging
import shutil
import subprocess
from functools import cache
from pathlib import Path

from generator.atomic import write_bytes
from generator.errors import EnvironmentProblem
from generator.spoken import SYLLABLES_PER_MINUTE

log = logging.getLogger("mkdocs.plugins.campaign.posters")
MISSING = ("chưa có bản ghi âm bài phát thanh (các bài đọc vẫn có): cần espeak-ng và lame; "
           "hãy cài bằng lệnh: sudo apt install espeak-ng lame")
_VOICE = "vi"  # espeak-ng's Vietnamese (Northern)
_TIMEOUT_SECONDS = 120  # a three-minute read is spoken and encoded in about a second


def available() -> bool:
    """Whether this machine can record the reads (a cache of pages made without recordings
    is not reused once it can)."""
    return shutil.which("espeak-ng") is not None and shutil.which("lame") is not None


@cache
def recorder() -> str | None:
    """The versions of espeak-ng and lame (part of a recording's cache key), or None, said
    once, when either is missing."""
    if not available():
        log.info(MISSING)
        return None
    said = [subprocess.run([tool, "--version"], capture_output=True, text=True, timeout=30,
                           check=False).stdout.split("\n", 1)[0] for tool in ("espeak-ng", "lame")]
    return " / ".join(said)


def record(text: str, mp3: Path, title: str) -> None:
    """``text`` read aloud at the broadcast pace into ``mp3``, written whole."""
    try:
        wav = subprocess.run(["espeak-ng", "-v", _VOICE, "-s", str(SYLLABLES_PER_MINUTE),
                              "--stdout"], input=text.encode("utf-8"), capture_output=True,
                             timeout=_TIMEOUT_SECONDS, check=True).stdout
        sound = subprocess.run(["lame", "--quiet", "-m", "m", "-b", "48", "--tt", title,
                                "--tl", title, "-", "-"], input=wav, capture_output=True,
                               timeout=_TIMEOUT_SECONDS, check=True).stdout
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        raise EnvironmentProblem(mp3, f"không ghi âm được bài phát thanh ({exc})") from None
    write_bytes(mp3, sound)
