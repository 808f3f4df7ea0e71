"""What the generator took each block of a Markdown campaign for, block by block in the
document's order: the studio's view of "what the tool understood".

The body is cut into blocks the way the loader cuts it (:func:`parse_body`); each block is
labelled by the values the loader recorded at its lines (``SourceDocument.value_marks``), so
the labels are the loader's own reading, not a second guess. A block the loader recorded
nothing for carries its parent's label (the bullets of a task are that task's points).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.campaign.agencies import heading_body
from generator.campaign.blocks import Node, parse_body
from generator.campaign.model import Campaign
from generator.campaign.sections import section_key
from generator.campaign.yamlsource import Loc, SourceDocument
from generator.content.citations import find_documents
from generator.studio.edits import MARKERS, split_front
from generator.vi import fold, short_date

# What a block was taken for: the words shown, and the colour's name (studio.css).
KINDS: dict[str, str] = {
    "title": "Tên văn bản",
    "heading": "Đề mục",
    "preamble": "Căn cứ, mở đầu",
    "decision": "Quyết định ban hành",
    "purposes": "Mục đích, yêu cầu",
    "audience": "Đối tượng, phạm vi",
    "phases": "Đợt, giai đoạn",
    "topics": "Nội dung tuyên truyền",
    "forms": "Hình thức tuyên truyền",
    "agency": "Cơ quan được giao việc",
    "task": "Nhiệm vụ",
    "general": "Việc chung",
    "budget": "Kinh phí",
    "reporting": "Chế độ báo cáo",
    "slogan": "Khẩu hiệu",
    "free": "Phần riêng, giữ nguyên",
    "closing": "Đoạn kết",
    "recipients": "Nơi nhận",
    "signatory": "Chữ ký",
    "footnote": "Chú thích",
    "text": "Đoạn văn",
}
# Loader keys read as one kind each; responsibilities are told apart below.
_KEY_KINDS = {"preamble": "preamble", "decision": "decision", "purposes": "purposes",
              "audience": "audience", "phases": "phases", "topics": "topics", "forms": "forms",
              "budget": "budget", "reporting": "reporting", "slogans": "slogan",
              "sections": "free", "closing": "closing", "recipients": "recipients",
              "signatory": "signatory", "footnotes": "footnote", "title": "title"}
# When a line holds several values, the most telling one names it.
_PRECEDENCE = ("agency", "slogan", "general", "task", "title", "decision", "phases",
               "reporting", "topics", "forms", "purposes", "audience", "budget", "free",
               "preamble", "closing", "recipients", "signatory", "footnote")
_SLOGAN_UNSURE_CHARS = 120  # longer than a poster line reads: perhaps a sentence of the text
_MARKER_TEXT = re.compile(r"\s*\{(?:#[a-z0-9-]+|" + "|".join(
    re.escape(m.removeprefix("{").removesuffix("}")) for m in MARKERS.values()) + r")\}")


@dataclass(frozen=True)
class Block:
    """One heading, paragraph or list item of the body, with what it was taken for."""

    line: int
    end: int
    depth: int
    text: str
    kind: str
    label: str
    unsure: str | None = None
    notes: tuple[str, ...] = ()
    inherited: bool = False  # labelled as a point of the block above it
    marked: bool = False  # carries a correction written by hand or by the studio

    @property
    def words(self) -> str:
        return KINDS[self.kind]


@dataclass
class _Marks:
    by_line: dict[int, list[Loc]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: SourceDocument) -> _Marks:
        marks = cls()
        for loc, (line, _col) in doc.value_marks.items():
            marks.by_line.setdefault(line, []).append(loc)
        return marks


def read_blocks(text: str, doc: SourceDocument, campaign: Campaign | None) -> list[Block]:
    """The body's blocks in order, each labelled; ``campaign`` (None when the file does not
    validate) adds deadlines, citizen actions and the agencies' names."""
    _front, body, first = split_front(text)
    parsed = parse_body(body, first)
    marks = _Marks.of(doc)
    data = doc.data if isinstance(doc.data, dict) else {}
    blocks: list[Block] = []
    for heading in parsed.title:
        blocks.append(Block(heading.line, heading.line, 0, heading.text, "title",
                            KINDS["title"]))
    for part in parsed.parts:
        if part.heading is not None:
            heading = part.heading
            found = _kind(marks.by_line.get(heading.line, []), data)
            key = section_key(heading.text)
            words = ("phần riêng, giữ nguyên" if found and found[0] == "free"
                     else "tổ chức thực hiện" if key == "responsibilities"
                     else KINDS[_KEY_KINDS[key]].lower() if key in _KEY_KINDS else None)
            label = f"Đề mục: {words}" if words else "Đề mục"
            blocks.append(Block(heading.line, heading.line, 0, heading.text, "heading", label))
        for node in part.nodes:
            blocks += _walk(node, 0, None, marks, data)
    return [_noted(block, campaign) for block in blocks]


def _walk(node: Node, depth: int, parent: Block | None, marks: _Marks,
          data: dict[str, Any]) -> Iterator[Block]:
    end = node.line + max(len(node.lines), 1) - 1
    locs = [loc for line in range(node.line, end + 1) for loc in marks.by_line.get(line, [])]
    found = _kind(locs, data)
    text = _MARKER_TEXT.sub("", node.text)
    marked = _MARKER_TEXT.search(node.text) is not None
    if found is not None:
        kind, agency = found
        label = f"{KINDS[kind]}: {agency}" if kind == "agency" and agency else KINDS[kind]
        if kind == "task" and agency:
            label = f"Nhiệm vụ của {agency}"
        block = Block(node.line, end, depth, text, kind, label,
                      _unsure(kind, agency, text), marked=marked)
    elif parent is not None and parent.kind in ("agency", "task"):
        agency = parent.label.split(": ", 1)[1] if parent.kind == "agency" else None
        block = Block(node.line, end, depth, text, "task",
                      f"Nhiệm vụ của {agency}" if agency else parent.label, inherited=True,
                      marked=marked)
    elif parent is not None:
        block = Block(node.line, end, depth, text, parent.kind,
                      f"Ý của mục trên ({parent.words.lower()})", inherited=True, marked=marked)
    else:
        block = Block(node.line, end, depth, text, "text", KINDS["text"], marked=marked)
    yield block
    for child in node.children:
        yield from _walk(child, depth + 1, block, marks, data)


def _kind(locs: list[Loc], data: dict[str, Any]) -> tuple[str, str | None] | None:
    """The kind the most telling value at these lines gives, and the agency's name for an
    agency or its task."""
    found: dict[str, str | None] = {}
    for loc in locs:
        root = loc[0] if loc else None
        if root == "responsibilities" and len(loc) >= 2 and isinstance(loc[1], int):
            agency = _agency(data, loc[1])
            if len(loc) == 2:
                found.setdefault("agency" if agency else "general", agency)
            elif loc[2] == "tasks":
                found.setdefault("task" if agency else "general", agency)
        elif root in _KEY_KINDS and (len(loc) > 1 or root in (
                "title", "preamble", "signatory", "reporting", "decision")):
            found.setdefault(_KEY_KINDS[str(root)], None)
    for kind in _PRECEDENCE:
        if kind in found:
            return kind, found[kind]
    return None


def _agency(data: dict[str, Any], index: int) -> str | None:
    items = data.get("responsibilities")
    if not isinstance(items, list) or index >= len(items) or not isinstance(items[index], dict):
        return None
    agency = items[index].get("agency")
    return agency if isinstance(agency, str) and agency else None


def _unsure(kind: str, agency: str | None, text: str) -> str | None:
    if kind == "agency" and agency and not heading_body(agency):
        return "tên cơ quan đoán từ một câu: hãy xem lại"
    if kind == "slogan" and len(text) > _SLOGAN_UNSURE_CHARS:
        return f"dài {len(text)} ký tự: có phải khẩu hiệu không?"
    if kind == "free":
        return "phần không thuộc mẫu, được giữ nguyên: kiểm tra đề mục"
    return None


def _noted(block: Block, campaign: Campaign | None) -> Block:
    """Deadlines, citizen actions and cited documents found in the block's words."""
    notes = [f"Dẫn: {doc.kind} số {doc.number}" if doc.number else f"Dẫn: {doc.kind}"
             for doc in find_documents(block.text)]
    unsure = block.unsure
    if campaign is not None:
        words = fold(block.text).lower()
        for deadline in campaign.deadlines:
            if fold(deadline.title[:40]).lower() in words:
                notes.append(f"Hạn {short_date(deadline.date)}"
                             + (f" – {deadline.agency}" if deadline.agency else ""))
                unsure = unsure or "hạn đọc từ lời văn: kiểm tra ngày trong lịch"
        for action in campaign.leaflet.actions:
            if fold(action[:40]).lower() in words:
                notes.append(f"Việc người dân nên làm: {action}")
    if not notes and unsure == block.unsure:
        return block
    return Block(block.line, block.end, block.depth, block.text, block.kind, block.label,
                 unsure, tuple(dict.fromkeys(notes)), block.inherited, block.marked)
