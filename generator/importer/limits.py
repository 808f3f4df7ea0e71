"""What one received document may hold, and the count kept while it is read.

A document of this genre is a few pages to a few hundred; each limit lies far above the
longest real one and far below what would take a shared machine down. Each is checked while
reading, before the next part is unpacked or parsed, and a file over one is refused in one line
naming the limit, before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import Problem, UserError
from generator.vi import whole

MIB = 1024 * 1024
# The file itself, by format: a Word or PDF file may carry pictures, text and web pages not.
MAX_FILE_BYTES = {".docx": 50 * MIB, ".pdf": 50 * MIB, ".html": 20 * MIB, ".htm": 20 * MIB,
                  ".txt": 5 * MIB, ".md": 5 * MIB}
# A Word file's parts once unzipped: all together, and an XML part (the text of a thousand
# pages takes about 5 MB of it).
MAX_UNPACKED_BYTES = 200 * MIB
MAX_XML_BYTES = 20 * MIB
MAX_PAGES = 500
# One PDF page's drawing instructions once unpacked, and the letters it draws (a dense A4 page
# holds about 5,000).
MAX_PAGE_CONTENT_BYTES = 4 * MIB
MAX_PAGE_CHARS = 20_000
MAX_PARAGRAPHS = 50_000
# The text of the whole document: its campaign file must stay under the loader's 1 MB.
MAX_CHARS = 500_000
MAX_PICTURES = 100
MAX_PICTURE_BYTES = 20 * MIB
# Reading runs in a process of its own held to these, whatever a parser does with a file
# the limits above did not foresee.
MAX_READ_MEMORY_BYTES = 900 * MIB
MAX_READ_SECONDS = 300

SPLIT = "hãy tách văn bản thành nhiều tệp rồi nhập từng tệp"
REPRINT = "hãy in lại PDF từ Word (Lưu thành PDF), hoặc nhập bản Word"


def refused(path: Path, what: str, fix: str = SPLIT) -> UserError:
    """The one line for a file over a limit: ``what`` names the limit and its amount."""
    return UserError([Problem(path, 1, 1, f"tệp vượt giới hạn của lệnh import: {what}; {fix}")])


def amount(count: int) -> str:
    """A count the way Vietnamese writes it: 50.000, not 50,000."""
    return whole(count)


def size(count: int) -> str:
    return f"{count // MIB} MB" if count >= MIB else f"{count // 1024} KB"


class Budget:
    """What has been read so far of one document; each reader counts as it goes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.paragraphs = 0
        self.chars = 0
        self.pictures = 0

    def text(self, text: str) -> None:
        self.paragraphs += 1
        self.chars += len(text)
        if self.paragraphs > MAX_PARAGRAPHS:
            raise refused(self.path, f"hơn {amount(MAX_PARAGRAPHS)} đoạn văn")
        if self.chars > MAX_CHARS:
            raise refused(self.path, f"hơn {amount(MAX_CHARS)} ký tự chữ")

    def picture(self, length: int) -> None:
        self.pictures += 1
        if self.pictures > MAX_PICTURES:
            raise refused(self.path, f"hơn {MAX_PICTURES} hình",
                          "hãy bỏ bớt hình trong văn bản rồi nhập lại")
        if length > MAX_PICTURE_BYTES:
            raise refused(self.path, f"một hình lớn hơn {size(MAX_PICTURE_BYTES)}",
                          "hãy thu nhỏ hình trong văn bản rồi nhập lại")
