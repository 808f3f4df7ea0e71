"""Reading YAML with the position of every key and value, and strict rules PyYAML lacks.

PyYAML keeps the last of two duplicate keys without a word and reports tabs, bad dates and
encodings as tracebacks. Communicators need each of these as ``FILE:LINE:COL`` with a fix, all
problems of a file at once, so the file is composed into nodes and converted here by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.campaign.files import read_bounded
from generator.campaign.text import bidi_controls, clean_text, guess_file_encoding, legacy_encoding
from generator.errors import Problem, UserError

Loc = tuple[str | int, ...]

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STR_TAG = "tag:yaml.org,2002:str"
MAX_FILE_BYTES = 1024 * 1024
# Aliases let a short file expand into millions of values ("billion laughs"); no campaign
# comes near this many.
MAX_NODES = 50_000
# A campaign is a few levels deep; hundreds of levels are an attack on the parser's stack.
MAX_DEPTH = 20
_MERGE_TAG = "tag:yaml.org,2002:merge"

# PyYAML's messages, said so that someone who has never heard of YAML can act on them.
_SYNTAX_HINTS = (
    ("mapping values are not allowed here", "dấu ':' đặt sai chỗ; nếu văn bản có dấu ':' hãy đặt "
     "cả đoạn trong dấu ngoặc kép \"...\""),
    ("could not find expected ':'", "thiếu dấu ':' sau tên khóa, hoặc thụt lề không thẳng hàng"),
    ("did not find expected key", "thụt lề không thẳng hàng với các khóa cùng cấp"),
    ("did not find expected '-' indicator", "mục danh sách phải bắt đầu bằng '- ' và thẳng hàng "
     "với các mục khác"),
    ("found unexpected end of stream", "thiếu dấu ngoặc kép đóng"),
    ("found undefined alias", "tham chiếu '*' tới một neo '&' không tồn tại"),
    ("expected <block end>", "thụt lề không thẳng hàng với các dòng cùng cấp"),
    ("found character '@' that cannot start any token", "văn bản bắt đầu bằng '@' phải đặt "
     "trong dấu ngoặc kép"),
    ("found character '`' that cannot start any token", "văn bản bắt đầu bằng '`' phải đặt "
     "trong dấu ngoặc kép"),
)


@dataclass
class SourceDocument:
    """A parsed YAML file: plain data plus where each value and key stands in the file."""

    path: Path
    data: Any
    value_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """The 1-based (line, col) of ``loc``, or of its nearest ancestor present in the file."""
        marks = self.key_marks if key else self.value_marks
        while loc:
            if loc in marks:
                return marks[loc]
            if not key and loc in self.key_marks:
                return self.key_marks[loc]
            loc = loc[:-1]
        return self.value_marks.get((), (1, 1))

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, col = self.position(loc, key=key)
        return Problem(self.path, line, col, message)


def read_campaign_bytes(path: Path) -> bytes:
    """A campaign file's bytes, within the size limit, refusing pipes and devices."""
    return read_bounded(path, MAX_FILE_BYTES, "hãy tách thành nhiều chiến dịch")


def parse_yaml(path: Path, raw: bytes) -> SourceDocument:
    """Parse the bytes of ``path`` strictly; raise :class:`UserError` listing every problem."""
    text = decode(path, raw)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise UserError([Problem(path, 1, 1, "tệp trống: cần ít nhất các khóa bắt buộc của một "
                                 "chiến dịch (xem campaigns/cchc-ha-noi-2021.yml làm mẫu)")])
    tabs = _tab_indents(path, text)
    if tabs:
        raise UserError(tabs)
    try:
        nodes = _compose(text)
    except yaml.MarkedYAMLError as exc:
        raise UserError([_syntax_problem(path, exc)]) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        raise UserError([Problem(path, line, col, (
            f"ký tự điều khiển U+{exc.character:04X} không được phép trong tệp; hãy xóa ký tự "
            "này (thường do dán từ phần mềm khác)"))]) from None
    except RecursionError:
        raise UserError([Problem(path, 1, 1, "các mục lồng nhau quá sâu; hãy viết phẳng hơn")]) \
            from None
    if len(nodes) != 1:
        line = nodes[1].start_mark.line + 1 if len(nodes) > 1 else 1
        raise UserError([Problem(path, line, 1, "tệp chỉ được chứa một chiến dịch; hãy bỏ dòng "
                                 "'---' thứ hai hoặc tách thành hai tệp")])
    converter = _Converter(path)
    doc = SourceDocument(path, None)
    try:
        doc.data = converter.convert(nodes[0], (), doc)
    except _TooDeep as exc:
        raise UserError([Problem(path, exc.line, exc.col, (
            f"các mục lồng nhau quá sâu (hơn {MAX_DEPTH} cấp); hãy viết phẳng hơn"))]) from None
    except _TooLarge as exc:
        raise UserError([Problem(path, exc.line, exc.col, (
            f"tệp mở ra quá {MAX_NODES} giá trị (thường do tham chiếu '*' lặp lại); hãy viết "
            "nội dung trực tiếp"))]) from None
    if converter.problems:
        raise UserError(converter.problems)
    return doc


def _compose(text: str) -> list[yaml.Node]:
    """libyaml composes ten times faster; the pure-Python parser, run again on a file libyaml
    rejects, words the error the way the messages here expect (and catches deep nesting)."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return list(yaml.compose_all(text, Loader=fast))
        except yaml.YAMLError:
            pass
    return list(yaml.compose_all(text, Loader=yaml.SafeLoader))


def decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        guess = guess_file_encoding(raw)
        looks = f", có vẻ được lưu bằng bảng mã {guess}" if guess else ""
        raise UserError([Problem(path, line, col, (
            f"tệp không phải UTF-8 (byte 0x{raw[exc.start]:02x} không hợp lệ){looks}; hãy lưu "
            "lại tệp với bảng mã UTF-8 (trong Notepad: Lưu thành > Mã hóa: UTF-8)"))]) from None


def _tab_indents(path: Path, text: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = re.match(r"[ \t]*", line)
        assert indent is not None
        if "\t" in indent.group():
            problems.append(Problem(path, number, indent.group().index("\t") + 1,
                                    "thụt lề bằng phím Tab; YAML chỉ chấp nhận dấu cách, hãy "
                                    "thay Tab bằng dấu cách"))
    return problems


def _syntax_problem(path: Path, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or ""
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem:
            return Problem(path, line, col, f"lỗi cú pháp YAML: {hint}")
    return Problem(path, line, col, f"lỗi cú pháp YAML: {problem}")


class _TooLarge(Exception):
    def __init__(self, line: int, col: int) -> None:
        self.line, self.col = line, col


class _TooDeep(_TooLarge):
    pass


class _Converter:
    """Turns composed nodes into Python values, recording positions and every problem."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")
        self._count = 0

    def convert(self, node: yaml.Node, loc: Loc, doc: SourceDocument) -> Any:
        self._count += 1
        if self._count > MAX_NODES:
            raise _TooLarge(node.start_mark.line + 1, node.start_mark.column + 1)
        if len(loc) > MAX_DEPTH:
            raise _TooDeep(node.start_mark.line + 1, node.start_mark.column + 1)
        doc.value_marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, doc)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*loc, i), doc) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, loc: Loc, doc: SourceDocument) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
                self.problems.append(Problem(self.path, *where,
                                             "tên khóa phải là một chữ đơn giản"))
                continue
            key = clean_text(str(key_node.value))
            if key in result:
                first = doc.key_marks[(*loc, key)]
                self.problems.append(Problem(self.path, *where, (
                    f"khóa '{key}' bị lặp lại (đã có ở dòng {first[0]}); hãy gộp hai chỗ "
                    "hoặc xóa một chỗ")))
                continue
            doc.key_marks[(*loc, key)] = where
            result[key] = self.convert(value_node, (*loc, key), doc)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _STR_TAG:
            text = clean_text(node.value)
            controls = bidi_controls(text)
            if controls:
                self.problems.append(Problem(
                    self.path, node.start_mark.line + 1, node.start_mark.column + 1,
                    f"văn bản có ký tự điều khiển hướng chữ {controls} (đảo ngược thứ tự chữ "
                    "khi hiển thị); hãy xóa ký tự này, thường do dán từ phần mềm khác"))
            legacy = legacy_encoding(text)
            if legacy:
                self.problems.append(Problem(
                    self.path, node.start_mark.line + 1, node.start_mark.column + 1,
                    f"văn bản '{text[:30]}' có vẻ được gõ bằng bảng mã cũ {legacy}; hãy chuyển "
                    f"sang Unicode (Unikey: Công cụ chuyển mã, từ {legacy} sang Unicode) rồi "
                    "dán lại"))
            return text
        try:
            value = self._constructor.construct_object(node)
        except (ValueError, OverflowError):
            if node.tag == _TIMESTAMP_TAG:
                self.problems.append(Problem(self.path, node.start_mark.line + 1,
                                             node.start_mark.column + 1,
                                             f"ngày '{node.value}' không tồn tại; hãy viết ngày "
                                             "có thật dạng YYYY-MM-DD, ví dụ 2021-05-21"))
            return node.value
        except yaml.constructor.ConstructorError as exc:
            self.problems.append(Problem(self.path, node.start_mark.line + 1,
                                         node.start_mark.column + 1,
                                         f"giá trị không đọc được: {exc.problem}"))
            return node.value
        return value
