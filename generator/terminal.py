"""What reaches the terminal: one Vietnamese line per step a communicator understands.

MkDocs and the libraries under it speak English ("Cleaning site directory", "Documentation
built in 0.52 seconds"): at the default level their steps are said in Vietnamese or left out,
while each of their warnings and errors still reaches the terminal, followed by a Vietnamese
line saying what to do. Figures for developers (stylesheets cut, index sizes and times) are
said at ``--verbose`` only.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable

# The logger our own lines go through (the name MkDocs gives its plugins' loggers).
OWN = "mkdocs.plugins.campaign"

# MkDocs' information lines a communicator needs, in Vietnamese; any other is left out.
_STEPS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]], ...] = (
    (re.compile(r"Building documentation"), lambda m: "Đang tạo các trang web…"),
    (re.compile(r"Documentation built in ([\d.]+) seconds"),
     lambda m: f"Đã tạo các trang web trong {m[1].replace('.', ',')} giây."),
    (re.compile(r"Serving on (\S+)"),
     lambda m: f"Xem trước tại {m[1]} (bấm Ctrl-C để dừng)."),
    (re.compile(r"Detected file changes"), lambda m: "Có tệp vừa thay đổi: đang tạo lại trang…"),
)

# What to do about MkDocs' warnings and errors, by what they say; the last one fits all.
_ADVICE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"contains a link .*not found|unrecognized relative link|anchor"),
     "Hãy sửa liên kết trong trang được nêu (tên trang hay mục đích phải có thật) hoặc bỏ "
     "liên kết đó, rồi chạy lại."),
    (re.compile(r"'nav' configuration|not included in the \"nav\""),
     "Hãy sửa mục nav trong mkdocs.yml cho khớp tên tệp trong docs/, rồi chạy lại."),
    (re.compile(r"Config value|configuration"),
     "Hãy sửa dòng được nêu trong mkdocs.yml, rồi chạy lại."),
    (re.compile(r""),
     "Đây là thông báo của MkDocs (tiếng Anh): hãy sửa theo nội dung trên rồi chạy lại; "
     "cần trợ giúp thì gửi dòng này cho người quản trị trang."),
)

_LEVELS = {logging.WARNING: "CẢNH BÁO: ", logging.ERROR: "LỖI: ", logging.CRITICAL: "LỖI: "}


def advice(message: str) -> str:
    """What a communicator should do about a warning MkDocs gave in English."""
    return next(text for pattern, text in _ADVICE if pattern.search(message))


def build_failure(said: str) -> str:
    """Why MkDocs stopped, in Vietnamese where it says a known reason in English."""
    if match := re.search(r"Aborted with (\d+) warnings? in strict mode", said):
        return (f"MkDocs dừng vì {match[1]} cảnh báo ở trên (chế độ nghiêm ngặt); sửa theo các "
                "cảnh báo đó, hoặc chạy campaign build --no-strict để vẫn tạo trang")
    return said


def _own(record: logging.LogRecord) -> bool:
    return record.name == OWN or record.name.startswith((OWN + ".", "generator"))


class _Vietnamese(logging.Filter):
    """Says MkDocs' steps in Vietnamese and drops its other information lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _own(record) or record.levelno >= logging.WARNING:
            return True
        if record.levelno < logging.INFO:  # another library's debugging
            return False
        said = record.getMessage()
        for pattern, say in _STEPS:
            if match := pattern.search(said):
                record.msg, record.args = say(match), None
                return True
        return False


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = _LEVELS.get(record.levelno, "") + record.getMessage()
        if record.levelno >= logging.WARNING and not _own(record):
            line += "\n  → " + advice(record.getMessage())
        return line


def configure(*, quiet: bool, verbose: bool) -> None:
    """One handler on stderr for the whole command: steps at the default level, warnings and
    errors only with ``quiet``, developers' figures with ``verbose``."""
    root = logging.getLogger()
    if any(isinstance(h.formatter, _Formatter) for h in root.handlers):
        return  # configured already (main() called again in one process)
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_Vietnamese())
    handler.setFormatter(_Formatter())
    root.addHandler(handler)
    root.setLevel(logging.WARNING if quiet else logging.INFO)
    if verbose and not quiet:
        logging.getLogger(OWN).setLevel(logging.DEBUG)
