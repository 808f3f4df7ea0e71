"""Which files of a project are campaigns, and reading any input file within bounds."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.errors import EnvironmentProblem, Problem, UserError

CAMPAIGN_SUFFIXES = (".md", ".yml", ".yaml")


def campaign_files(campaigns_dir: Path) -> list[Path]:
    """The campaign files in ``campaigns_dir``; two files for one campaign id are an error, and
    so is a file that leaves the project or is no regular file (a pipe, a device)."""
    if not campaigns_dir.is_dir():
        return []
    try:
        names = sorted(campaigns_dir.iterdir())
    except OSError as exc:
        raise EnvironmentProblem.from_os_error(exc) from None
    files = [p for p in names if p.suffix in CAMPAIGN_SUFFIXES and not p.name.startswith(".")
             and not p.is_dir()]
    seen: dict[str, Path] = {}
    problems = []
    root = campaigns_dir.resolve().parent
    for path in files:
        if not path.resolve().is_relative_to(root):
            problems.append(Problem(path, 1, 1, "tệp là liên kết trỏ ra ngoài thư mục dự án; "
                                                 "hãy chép tệp thật vào campaigns/"))
        if path.stem in seen:
            problems.append(Problem(path, 1, 1, f"đã có tệp {seen[path.stem].name} cho cùng "
                                                 "chiến dịch; hãy giữ một tệp"))
        seen[path.stem] = path
    if problems:
        raise UserError(problems)
    return files


def read_bounded(path: Path, limit: int, too_large: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    The size is checked before reading, and a pipe, a device or a folder is refused without
    reading it: a FIFO would hang the command and ``/dev/zero`` would fill the memory.
    ``too_large`` is the fix to suggest when the file is over the limit.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise UserError([Problem(path, 1, 1, "không thấy tệp; hãy kiểm tra tên và đường dẫn")]) \
            from None
    except OSError as exc:
        raise UserError([Problem(path, 1, 1, f"không đọc được tệp: {exc.strerror}")]) from None
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UserError([Problem(path, 1, 1, "đây không phải một tệp thường (là thư mục, "
                                                 "ống dẫn hay thiết bị); hãy chỉ tới tệp "
                                                 "văn bản thật")])
        if info.st_size > limit:
            raise UserError([_too_large(path, info.st_size, limit, too_large)])
        content = stream.read(limit + 1)
    if len(content) > limit:  # grew while being read
        raise UserError([_too_large(path, len(content), limit, too_large)])
    return content


def _too_large(path: Path, size: int, limit: int, fix: str) -> Problem:
    return Problem(path, 1, 1, f"tệp quá lớn ({size // 1024} KB, tối đa {limit // 1024} KB); "
                               f"{fix}")


def path_problem(value: str, base: Path, root: Path) -> str | None:
    """Why a file the campaign names at ``value`` (from ``base``) cannot be used: an absolute
    path, or one leading out of the project folder ``root``; None when it can."""
    if Path(value).is_absolute() or value.startswith("~"):
        return (f"đường dẫn '{value}' là đường dẫn tuyệt đối; hãy đặt tệp trong thư mục dự án "
                "và ghi đường dẫn tính từ thư mục chứa tệp chiến dịch")
    if not (base / value).resolve().is_relative_to(root.resolve()):
        return (f"đường dẫn '{value}' trỏ ra ngoài thư mục dự án; hãy chép tệp vào thư mục dự "
                "án (ví dụ campaigns/) và ghi đường dẫn tới bản chép")
    return None
