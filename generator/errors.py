"""What goes wrong, said in one line each: problems in the user's input (``FILE:LINE:COL``,
exit status 2) and trouble with the machine (a full disk, a read-only folder: exit status 1)."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one input file; line and column are 1-based."""

    path: Path
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}:{self.col}: {self.message}"


class UserError(Exception):
    """Input the user has to correct; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem], after: str | None = None) -> None:
        self.problems = sorted(problems)
        # What was done before the problems were found, said after them (None: nothing).
        self.after = after
        super().__init__("\n".join(str(p) for p in self.problems))


class EnvironmentProblem(Exception):
    """The machine, not the input, stops the work: one line naming the path."""

    def __init__(self, path: Path | str | None, message: str) -> None:
        self.path = path
        where = f"{display_path(Path(path))}: " if path else ""
        super().__init__(f"{where}{message}")

    @classmethod
    def from_os_error(cls, exc: OSError) -> EnvironmentProblem:
        reason = _REASONS.get(exc.errno or 0) or (exc.strerror or str(exc))
        return cls(exc.filename, reason)


_REASONS = {
    errno.ENOSPC: "không còn chỗ trống trên đĩa; hãy giải phóng dung lượng rồi chạy lại (bản "
                  "cũ của trang web vẫn giữ nguyên)",
    errno.EDQUOT: "đã hết hạn mức dung lượng đĩa của tài khoản; hãy xóa bớt tệp rồi chạy lại",
    errno.EACCES: "không có quyền ghi hoặc đọc; hãy kiểm tra quyền của thư mục dự án",
    errno.EPERM: "không được phép thao tác trên tệp này; hãy kiểm tra quyền của thư mục dự án",
    errno.EROFS: "thư mục chỉ đọc; hãy chạy lệnh trong một bản sao có quyền ghi",
    errno.EFBIG: "tệp lớn hơn mức máy cho phép ghi (hoặc đĩa đã đầy); hãy giải phóng dung lượng "
                 "rồi chạy lại",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc; hãy chạy lại",
    errno.ENOMEM: "không đủ bộ nhớ; hãy đóng bớt chương trình rồi chạy lại",
}


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative
