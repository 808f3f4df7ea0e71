"""Corrections written into a campaign's Markdown the documented way, as pure functions from
the file's text to its new text (the guide, «Sửa những gì công cụ đọc nhầm»).

- A block's label: a marker at the end of its line (``{#ma}`` an agency, ``{.viec-chung}``
  a general task, ``{.khau-hieu}`` a slogan, ``{.doan-van}`` ordinary text), or none to let
  the generator read it again.
- A fact of the front matter: its key's lines replaced, every other line left as written.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.campaign.markdownsource import agency_id

# The labels a communicator may give a block, and the marker that says each. An agency's
# marker names the agency, so it is made from the line's words.
MARKERS: dict[str, str] = {
    "general": "{.viec-chung}",
    "slogan": "{.khau-hieu}",
    "text": "{.doan-van}",
}
AGENCY = "agency"
AUTOMATIC = "auto"
CHOICES: dict[str, str] = {
    AUTOMATIC: "Để công cụ tự nhận",
    AGENCY: "Cơ quan được giao việc",
    "general": "Việc chung (không phải cơ quan)",
    "slogan": "Khẩu hiệu",
    "text": "Đoạn văn (không phải khẩu hiệu)",
}
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_ANY_MARKER = re.compile(r"[ \t]*\{(?:#[a-z0-9]+(?:-[a-z0-9]+)*|\.viec-chung|\.khau-hieu"
                         r"|\.doan-van)\}")
_LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]|[a-zđ][).]|[-–+•*])\s+")
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:")
# How many words a name before ':' may have ("Sở Thông tin và Truyền thông: chủ trì ...").
_LEAD_WORDS = 45


def split_front(text: str) -> tuple[str, str, int]:
    """The front matter's YAML, the body, and the body's first line number."""
    found = _FRONT.match(text)
    if found is None:
        return "", text, 1
    return found[1] or "", text[found.end():], found[0].count("\n") + 1


def relabel(text: str, line: int, end: int, choice: str) -> str:
    """``text`` with the block at lines ``line``..``end`` given the label ``choice``."""
    if choice not in CHOICES:
        raise ValueError(choice)
    lines = text.split("\n")
    if not 1 <= line <= end <= len(lines):
        raise ValueError(line)
    block = lines[line - 1:end]
    block = [_ANY_MARKER.sub("", one).rstrip() if one.strip() else one for one in block]
    if choice == AGENCY:
        block[0] = _with_agency(block[0])
    elif choice in MARKERS:
        last = max(i for i, one in enumerate(block) if one.strip())
        block[last] = f"{block[last]} {MARKERS[choice]}"
    lines[line - 1:end] = block
    return "\n".join(lines)


def _with_agency(first: str) -> str:
    """The line with ``{#ma}`` after the agency's name: before its ':' where a name leads
    the line ("Sở Y tế {#so-y-te}: chủ trì ..."), else at its end."""
    marker = _LIST_MARKER.match(first)
    start = marker.end() if marker else len(first) - len(first.lstrip())
    words = first[start:]
    name, colon, _rest = words.partition(":")
    if colon and len(name.split()) <= _LEAD_WORDS and name.strip():
        plain = name.replace("*", "").strip()
        return f"{first[:start]}{name.rstrip()} {{#{agency_id(plain)}}}:{words[len(name) + 1:]}"
    plain = words.replace("*", "").strip().rstrip(".;:")
    return f"{first.rstrip()} {{#{agency_id(plain)}}}"


def front_value(text: str, key: str) -> Any:
    """A top-level value of the front matter, None when absent or unreadable."""
    front, _body, _first = split_front(text)
    try:
        data = yaml.safe_load(front) if front else None
    except yaml.YAMLError:
        return None
    return data.get(key) if isinstance(data, dict) else None


def set_front(text: str, key: str, value: Any) -> str:
    """``text`` with the front matter's top-level ``key`` set to ``value`` (removed when
    None or empty): that key's lines are replaced, every other line is kept as written. A
    file without front matter gets one."""
    found = _FRONT.match(text)
    front = (found[1] or "") if found else ""
    body = text[found.end():] if found else text
    lines = front.splitlines(keepends=True)
    start = next((i for i, one in enumerate(lines)
                  if (m := _TOP_KEY.match(one)) and m["key"] == key), None)
    written = "" if value in (None, "", [], {}) else yaml.safe_dump(
        {key: value}, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    if start is None:
        lines.append(written)
    else:
        stop = start + 1
        # The key's own lines: indented ones, and list items written at the margin.
        while stop < len(lines) and (lines[stop][:1] in (" ", "\t") or
                                     lines[stop].startswith("- ")):
            stop += 1
        lines[start:stop] = [written]
    new_front = "".join(lines)
    if new_front and not new_front.endswith("\n"):
        new_front += "\n"
    return f"---\n{new_front}---\n{body}" if found or new_front else body


def set_nested(text: str, key: str, sub: str, value: Any) -> str:
    """``key: {sub: value}`` set, keeping the key's other entries."""
    current = front_value(text, key)
    merged = dict(current) if isinstance(current, dict) else {}
    if value in (None, "", []):
        merged.pop(sub, None)
    else:
        merged[sub] = value
    return set_front(text, key, merged or None)
