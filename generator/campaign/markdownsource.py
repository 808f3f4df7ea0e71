"""Reading a campaign written as the document itself: Markdown with a short YAML front matter.

The front matter holds short facts (number, kind, issuer, place, date, theme, contact, poster
settings); the body is the document as it is written: its headings, numbered items, bullets,
agencies, slogans, footnotes, "Nơi nhận" and the signature. Parts are recognised by their
words (campaign/sections.py); a part the generator has no place for is kept as a section of
its own, so no sentence of the document is dropped. The result is the same plain data a YAML
campaign file gives, with the line and column of every value, so both forms are validated and
reported alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.campaign.agencies import heading_body, is_body, joins_bodies, sentence_body
from generator.campaign.blocks import Body, Node, Part, parse_body
from generator.campaign.prose import (
    dated_events,
    phase_dates,
    reporting_in,
    split_phase,
    table_days,
    written_range,
)
from generator.campaign.sections import TOPICS_AND_FORMS, is_default, section_key
from generator.campaign.text import bidi_controls, clean_text, legacy_encoding
from generator.campaign.yamlsource import Loc, SourceDocument, decode, parse_yaml
from generator.errors import Problem, UserError
from generator.vi import fold, issuer_name, slugify, superscript

MARKDOWN_SUFFIX = ".md"
# Keys the body gives; the front matter may give one of them instead, never both.
BODY_KEYS = ("preamble", "purposes", "audience", "phases", "topics", "forms",
             "responsibilities", "budget", "sections", "headings", "closing", "footnotes",
             "slogans", "recipients", "signatory")
# Facts the body suggests and the front matter may correct.
DERIVED_KEYS = ("id", "title", "kind", "short_title", "summary", "year", "reporting",
                "deadlines")
# Document kinds a title line opens with, longest first ("Thông tư liên tịch").
TITLE_KINDS = ("Hướng dẫn", "Kế hoạch", "Công văn", "Quyết định", "Chương trình", "Thông báo",
               "Chỉ thị", "Nghị quyết", "Đề án", "Báo cáo", "Công điện", "Thông tư liên tịch",
               "Thông tư", "Quy định", "Kết luận")

# Control characters (a NUL, a vertical tab pasted from Word): never text, and a page or a
# spreadsheet would carry them raw. Tabs and line ends are text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_BOLD_LEAD = re.compile(r"^\*\*(?P<label>[^*]+?)\s*(?P<sep>[:.])?\s*\*\*\s*[:.]?\s*(?P<rest>.*)$",
                        re.DOTALL)
_ID = re.compile(r"\s*\{#(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\}")
_GENERAL = re.compile(r"\s*\{\.viec-chung\}")
# "{.khau-hieu}" after a line: a slogan, wherever it stands; "{.doan-van}": text, never one.
_SLOGAN_MARK = re.compile(r"\s*\{\.(?P<mark>khau-hieu|doan-van)\}")
_NOTE_REF = re.compile(r"\[\^(?P<id>[\w-]+)\]|⁽(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾|\[(?P<num>\d{1,3})\]")
_NOTE_DEF = re.compile(r"^(?:\[\^(?P<id>[\w-]+)\]:|\[(?P<num>\d{1,3})\]|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+))"
                       r"\s*(?P<text>.*)$", re.DOTALL)
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_AUTHORITY = re.compile(r"^(?:TM|KT|K/T|Q|TL|T/L|TUQ|T\.M|K\.T)\.?\s+\S")
_PURPOSE = re.compile(r"\s*\((?P<purpose>[^()]*(?:để|b/c|báo cáo|t/h|thực hiện|phối hợp|biết|"
                      r"chỉ đạo|theo dõi|đăng|lưu)[^()]*)\)\s*$", re.IGNORECASE)
_COPIES = re.compile(r"\s*\((?P<copies>\d{1,3})\s*(?:bản|b)\)\s*$", re.IGNORECASE)
_REQUIREMENT = re.compile(r"^Yêu cầu\s*:\s*", re.IGNORECASE)
# "3. Một số khẩu hiệu tuyên truyền:" over a list of slogans, in a letter without sections.
_SLOGAN_CHARS = 200  # longer than a slogan: the items under the lead-in are something else
_SLOGAN_LEAD = re.compile(r"^(?:(?:các|một số|những)\s+)?khẩu hiệu\b[^:.;]{0,60}:?$",
                          re.IGNORECASE)
# A closing paragraph: "Trên đây là Kế hoạch ...", "Nhận được Công văn này, đề nghị ...".
# Opening paragraphs, even when written as a list ("- Căn cứ Luật ...;").
_OPENINGS = ("can cu", "thuc hien", "theo ", "xet ")
_CLOSING = ("tren day la", "nhan duoc cong van", "nhan duoc van ban")
# How many words a name before ':' may have to be an agency ("Sở Thông tin và Truyền thông:")
# or a form ("Tuyên truyền trực quan:") rather than the start of a sentence.
_AGENCY_WORDS = 45
# The line under a task that names who carries it out: "- Cơ quan chủ trì: Bộ Công an.",
# "+ Cơ quan thực hiện: Bộ Công an, Bộ Tư pháp ...", "- Đơn vị chủ trì: ...". Partners
# ("Cơ quan phối hợp") are not owners.
_OWNER = re.compile(r"^(?:Cơ quan|Đơn vị)\s+(?:chủ trì|thực hiện|được giao)(?:\s+thực hiện)?"
                    r"\s*:\s*(?P<who>\S.*)$")
_FORM_WORDS = 10


def parse_markdown(path: Path, raw: bytes) -> SourceDocument:
    """The campaign in a Markdown file as plain data with positions; every problem at once."""
    text = decode(path, raw).replace("\r\n", "\n").replace("\r", "\n")
    match = _FRONT.match(text)
    if match is None and re.match(r"---[ \t]*(?:\n|\Z)", text):
        raise UserError([Problem(path, 1, 1, (
            "phần đầu mở bằng dòng --- nhưng không có dòng --- đóng lại; hãy thêm một dòng "
            "chỉ có --- sau dòng 'khóa: giá trị' cuối cùng, trước phần văn bản"))])
    control = _CONTROL.search(text)
    if control is not None:
        before = text[:control.start()]
        raise UserError([Problem(path, before.count("\n") + 1,
                                 control.start() - before.rfind("\n"), (
            f"ký tự điều khiển U+{ord(control[0]):04X} không được phép trong tệp; hãy xóa ký tự "
            "này (thường do dán từ phần mềm khác)"))])
    front: dict[str, Any] = {}
    doc = SourceDocument(path, None)
    body_text, body_line = text, 1
    if match:
        yaml_text = match[1] or ""
        if yaml_text.strip() and not all(line.lstrip().startswith("#") or not line.strip()
                                         for line in yaml_text.splitlines()):
            # Padding keeps YAML's line numbers those of the file.
            parsed = parse_yaml(path, ("\n" + yaml_text).encode())
            if not isinstance(parsed.data, dict):
                raise UserError([Problem(path, 2, 1, (
                    "phần đầu (giữa hai dòng ---) phải là các dòng 'khóa: giá trị', ví dụ "
                    "number: 159/KH-UBND"))])
            front = parsed.data
            doc.value_marks.update(parsed.value_marks)
            doc.key_marks.update(parsed.key_marks)
        body_text = text[match.end():]
        body_line = text[:match.end()].count("\n") + 1
    reader = _Reader(path, doc, front)
    body = parse_body(clean_text(body_text), body_line)
    data = reader.read(body)
    if reader.problems:
        raise UserError(reader.problems)
    doc.data = data
    doc.value_marks.setdefault((), (1, 1))
    return doc


@dataclass
class _Owned:
    """The bodies' list as tasks are given to them: their ids, and each body's place and
    task texts by its name's id, so that giving one more task looks nothing up in a list."""

    items: list[dict[str, Any]]
    ids: set[str]
    bodies: dict[str, int]
    texts: dict[int, set[str]] = field(default_factory=dict)


class _Reader:
    """Turns the block tree into the campaign's data, recording where each value stands."""

    def __init__(self, path: Path, doc: SourceDocument, front: dict[str, Any]) -> None:
        self.path = path
        self.doc = doc
        self.front = front
        self.problems: list[Problem] = []
        self.notes: set[str] = set()
        self.marks: dict[Loc, tuple[int, int]] = {}
        self.table_deadlines: list[dict[str, Any]] = []  # rows of task tables with a day
        self.slogan_nodes: list[Node] = []  # written out once the whole body is read
        year = front.get("year")
        date = front.get("date")
        self.year: int | None = year if isinstance(year, int) else getattr(date, "year", None)
        if self.year is None and isinstance(date, str) and (found := re.search(r"\d{4}", date)):
            self.year = int(found[0])

    # -- the whole document ---------------------------------------------------------------------

    def read(self, body: Body) -> dict[str, Any]:
        for node in (n for part in body.parts for top in part.nodes for n in top.walk()):
            self.check(node)
        self.marked_slogans(body)
        data: dict[str, Any] = {}
        decision = self.decision(body)
        signed: dict[str, Any] = {}
        if decision:
            data["decision"], signed = decision
        footnotes = self.footnotes(body)
        # The decision's recipients and signature stand for the plan it issues, unless the
        # plan has its own.
        tail = {**signed, **self.tail(body)}
        if body.parts and not body.parts[0].heading:
            preamble, rest = self.preamble(body.parts[0].nodes)
            paragraphs = [n for top in preamble for n in top.walk()]
            if paragraphs:
                data["preamble"] = [self.text(n)[0] for n in paragraphs]
                for i, node in enumerate(paragraphs):
                    self.mark(("preamble", i), node)
            body.parts[0].nodes = rest
        self.led_slogans(body, data)
        after: str | None = None
        assigned: tuple[Part, str | None] | None = None  # the part read as the bodies' tasks
        for part in body.parts:
            key = section_key(part.heading.text) if part.heading else None
            if part.heading is None and not part.nodes:
                continue
            if key not in ("responsibilities", TOPICS_AND_FORMS) and self.assigns(part.nodes):
                key = "responsibilities"  # "II. NỘI DUNG THỰC HIỆN" over "1. Sở Y tế", ...
            if key == "responsibilities" and assigned is not None \
                    and self.assigns(part.nodes):
                if not any(r.get("agency") for r in data["responsibilities"]):
                    # "III. NHIỆM VỤ TRỌNG TÂM" names no body, "IV. TỔ CHỨC THỰC HIỆN"
                    # does: the first is kept as a part of its own.
                    del data["responsibilities"]
                    data.get("headings", {}).pop("responsibilities", None)
                    self.marks = {loc: at for loc, at in self.marks.items()
                                  if loc[:1] != ("responsibilities",)}
                    self.free(*assigned, data)
                else:
                    # A second part assigning tasks: its bodies join the first's; its
                    # heading stays in its place.
                    self.responsibilities(part.nodes, data)
                    self.free(Part(part.heading), after, data)
                    continue
            if key == TOPICS_AND_FORMS:
                self.topics_and_forms(part, data)
                after = "forms"
            elif key is not None and key not in data:
                if key == "responsibilities":
                    assigned = (part, after)
                self.section(key, part, data)
                if part.heading and not is_default(key, part.heading.text):
                    data.setdefault("headings", {})[key] = part.heading.text
                after = key
            else:
                self.free(part, after, data)
        if self.slogan_nodes or "slogans" in data:
            self.write_slogans(data)
        self.owners(body, data)
        if footnotes:
            data["footnotes"] = footnotes
        data.update(tail)
        if "reporting" not in data and "reporting" not in self.front:
            self.find_reporting(data)
        if "deadlines" not in self.front:
            self.find_deadlines(data)
        self.title(body, data)
        return self.merge(data)

    def decision(self, body: Body) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """A decision that issues the plan ("# QUYẾT ĐỊNH / # Ban hành Kế hoạch ..., Điều 1.
        Ban hành kèm theo Quyết định này Kế hoạch ..."), then "# KẾ HOẠCH" and the plan: the
        decision's title and every paragraph of it are kept, the plan is the campaign. Also
        returns the decision's "Nơi nhận" and signature."""
        if not body.title or fold(self.strip(body.title[0].text)).lower() != "quyet dinh":
            return None
        at = next((i for i, part in enumerate(body.parts)
                   if part.heading is not None and part.heading.level == 1), None)
        if at is None:
            return None
        titles = [self.strip(h.text) for h in body.title[1:]]
        signed = self.tail(Body(parts=body.parts[:at]))
        articles = []
        for part in body.parts[:at]:
            if part.heading is not None:
                articles.append(self.strip(part.heading.text))
            articles += [self.text(n, inline=True)[0] for top in part.nodes for n in top.walk()]
        # The plan's own title: the level-1 headings that follow one another.
        plan = body.parts[at:]
        lines = []
        while plan and plan[0].heading is not None and plan[0].heading.level == 1:
            lines.append(plan[0].heading)
            if plan[0].nodes:
                plan[0] = Part(None, plan[0].nodes)
                break
            plan = plan[1:]
        body.title = [h for h in lines if h is not None]
        body.parts = plan or [Part(None)]
        self.marks[("decision",)] = (lines[0].line, lines[0].col) if lines else (1, 1)
        decision: dict[str, Any] = {"articles": [a for a in articles if a]}
        if titles:
            decision["title"] = " ".join(titles)
        return decision, signed

    def merge(self, data: dict[str, Any]) -> dict[str, Any]:
        if "decision" in data and isinstance(self.front.get("decision"), dict):
            # The number and date of the decision are short facts of the front matter.
            data["decision"] = {**data["decision"], **self.front.pop("decision")}
        for key in BODY_KEYS:
            if key in self.front and key in data:
                line, col = self.doc.key_marks.get((key,), (1, 1))
                at = self.marks.get((key, 0), self.marks.get((key,)))
                self.problems.append(Problem(self.path, line, col, (
                    f"'{key}' có cả ở phần đầu và trong thân văn bản (dòng "
                    f"{at[0] if at else '?'}); hãy giữ một chỗ")))
        for key in DERIVED_KEYS:
            if key in self.front:
                data.pop(key, None)
        # Where each value of the body stands, for what the front matter does not give.
        for loc, position in self.marks.items():
            if loc and loc[0] not in self.front:
                self.doc.value_marks.setdefault(loc, position)
        merged = {**data, **self.front}
        if isinstance(self.front.get("title"), str) and "short_title" not in merged:
            # A letter's title is written in the front matter (it has no title lines).
            self.derive(merged, self.front["title"], str(merged.get("kind") or "Văn bản"))
        if "id" not in merged:
            merged["id"] = self.path.stem
        if "year" not in merged and self.year:
            merged["year"] = self.year
        return merged

    def title(self, body: Body, data: dict[str, Any]) -> None:
        lines = [clean_text(self.strip(h.text)) for h in body.title]
        if not lines:
            return
        kind = next((k for k in TITLE_KINDS if fold(lines[0]).lower().startswith(
            fold(k).lower()) and (len(lines[0]) == len(k) or not lines[0][len(k)].isalpha())),
            None)
        if kind and lines[0].upper() == lines[0]:
            rest = " ".join([lines[0][len(kind):].strip(), *lines[1:]]).strip()
            first = rest.split(" ", 1)[0]
            if first[:1].isupper() and first[1:] == first[1:].lower():
                rest = rest[:1].lower() + rest[1:]  # "KẾ HOẠCH / Triển khai ..."
            title = f"{kind} {rest}".strip()
        else:
            title = " ".join(lines)
        data["title"] = title
        self.marks[("title",)] = (body.title[0].line, body.title[0].col)
        if kind:
            data["kind"] = kind
        self.marks[("short_title",)] = (body.title[0].line, body.title[0].col)
        self.derive(data, title, self.front.get("kind", kind or "Văn bản"))

    def derive(self, data: dict[str, Any], title: str, kind: str) -> None:
        """The short title and the summary a document's title gives, where not written."""
        data.setdefault("short_title", title)
        issuer, number = self.front.get("issuer"), self.front.get("number")
        if isinstance(issuer, str):  # not shouted in a sentence
            parent = self.front.get("parent")
            issuer = issuer_name(issuer, parent if isinstance(parent, str) else None)
        made = " ".join(str(p) for p in (kind, f"số {number}" if number else None,
                                         f"của {issuer}" if issuer else None) if p)
        data.setdefault("summary", f"{made}: {title}." if not title.endswith(".") else
                        f"{made}: {title}")

    # -- the parts ----------------------------------------------------------------------------

    def section(self, key: str, part: Part, data: dict[str, Any]) -> None:
        nodes = part.nodes
        if key in ("purposes", "audience", "budget"):
            data[key] = [self.point(n, (key, i)) for i, n in enumerate(nodes)]
        elif key == "topics":
            data[key] = [self.topic(n, (key, i)) for i, n in enumerate(nodes)]
        elif key == "forms":
            data[key] = [self.form(n, (key, i)) for i, n in enumerate(nodes)]
        elif key == "responsibilities":
            self.responsibilities(nodes, data)
        elif key == "slogans":
            slogans, plain = _apart([n for top in nodes for n in top.walk()])
            self.slogans(slogans, data)
            if plain:  # no sentence of the document is dropped
                self.free(Part(part.heading, plain), key, data)
        elif key == "reporting":
            texts = [self.text(n)[0] for top in nodes for n in top.walk()]
            if texts:
                found = reporting_in(" ".join(texts), self.year or 2000) or {}
                data["reporting"] = {**found, "text": " ".join(texts)}
                self.mark(("reporting",), nodes[0])
        elif key == "phases":
            self.phases(part, data)
        self.mark((key,), part.nodes[0] if part.nodes else None, part)

    def topics_and_forms(self, part: Part, data: dict[str, Any]) -> None:
        """"NỘI DUNG, HÌNH THỨC": sub-items "1. Nội dung" and "2. Hình thức" hold each."""
        topics: list[Node] = []
        forms: list[Node] = []
        for node in part.nodes:
            words = fold(self.strip(node.text)).lower().rstrip(":. ")
            heading_only = len(words.split()) <= 6 and node.children
            if words.startswith("hinh thuc") and heading_only:
                forms += node.children
            elif words.startswith("hinh thuc"):
                forms.append(node)
            elif words.startswith("noi dung") and heading_only:
                topics += node.children
            else:
                topics.append(node)
        data["topics"] = [self.topic(n, ("topics", i)) for i, n in enumerate(topics)]
        data["forms"] = [self.form(n, ("forms", i)) for i, n in enumerate(forms)]
        if part.heading:
            data.setdefault("headings", {})["topics"] = part.heading.text

    def free(self, part: Part, after: str | None, data: dict[str, Any]) -> None:
        nodes = part.nodes
        if not nodes and part.heading is None:
            return
        sections = data.setdefault("sections", [])
        loc: Loc = ("sections", len(sections))
        section: dict[str, Any] = {"points": [self.point(n, (*loc, "points", i))
                                              for i, n in enumerate(nodes)]}
        if part.heading:
            section["title"] = clean_text(self.strip(part.heading.text))
            self.marks[loc] = (part.heading.line, part.heading.col)
        if after:
            section["after"] = after
        sections.append(section)

    def led_slogans(self, body: Body, data: dict[str, Any]) -> None:
        """Slogans listed under a lead-in anywhere in the document ("3. Một số khẩu hiệu
        tuyên truyền:" in the part on forms, "CÁC KHẨU HIỆU TUYÊN TRUYỀN" in an annex), as
        its items or as the items that follow it, when no part is headed as the slogans.
        The lead-in's own words stay where they stand; the slogans go to their page."""
        if "slogans" in self.front or any(
                part.heading and section_key(part.heading.text) == "slogans"
                for part in body.parts):
            return
        for part in body.parts:
            if self.take_slogans(part.nodes, data):
                return

    def take_slogans(self, nodes: list[Node], data: dict[str, Any]) -> bool:
        for at, node in enumerate(nodes):
            if _SLOGAN_LEAD.match(self.strip(node.text)):
                below = [n for c in node.children for n in c.walk()]
                end = at + 1
                while not below and end < len(nodes) and nodes[end].marker \
                        and not nodes[end].children:
                    end += 1
                slogans, plain = _apart(below or nodes[at + 1:end])
                if slogans and all(len(self.strip(n.text)) <= _SLOGAN_CHARS for n in slogans):
                    self.slogans(slogans, data)
                    if below:
                        node.children = plain
                    else:
                        nodes[at + 1:end] = plain
                    return True
            if self.take_slogans(node.children, data):
                return True
        return False

    def owners(self, body: Body, data: dict[str, Any]) -> None:
        """Tasks listed one by one with the body that owns each on a line under it ("1. Tổ
        chức tập huấn ..." / "- Cơ quan chủ trì: Bộ Công an."), in a task table, or in a
        sentence anywhere that gives a body a task ("Bộ Tài chính chủ trì …"): each task is
        also given to its body, which gets a page of its own. The task stays where the
        document has it."""
        items: list[dict[str, Any]] = data.setdefault("responsibilities", [])
        owned = _Owned(items, {item["id"] for item in items},
                       {agency_id(item["agency"]): at for at, item in enumerate(items)
                        if item.get("agency")})

        def visit(node: Node) -> None:
            if node.text.startswith("|"):
                self.task_table(node, owned)
            elif owner := sentence_body(self.strip(node.text), owns=True):
                self.own(owned, owner, node)  # "Bộ Tài chính chủ trì …" anywhere
            for child in node.children:
                found = _OWNER.match(self.strip(child.text))
                if found:
                    who = found["who"].strip().rstrip(".;").strip()
                    who = sentence_body(who) or (who if joins_bodies(who) else None)
                    if who:
                        self.own(owned, who, node)
                visit(child)

        for part in body.parts:
            for top in part.nodes:
                visit(top)
        if not items:
            del data["responsibilities"]

    def task_table(self, table: Node, owned: _Owned) -> None:
        """A table of tasks: a column of the bodies in charge ("Cơ quan chủ trì", "Đơn vị
        thực hiện"), one of the tasks ("Nội dung công việc", "Nhiệm vụ") and, where it has
        one, of the days they are due ("Thời gian hoàn thành", "Thời hạn"): each row's task
        is given to its body, and its day goes to the calendar with the body."""
        rows = [[cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
                for line in table.text.splitlines()
                if not re.fullmatch(r"\|?[\s:|-]+\|?", line.strip())]
        if len(rows) < 2:
            return
        header = [fold(cell).lower() for cell in rows[0]]

        def column(*words: str) -> int | None:
            return next((i for i, cell in enumerate(header) if any(w in cell for w in words)),
                        None)

        owner = column("chu tri", "thuc hien", "co quan", "don vi")
        task = column("noi dung", "nhiem vu", "cong viec", "hoat dong")
        due = column("thoi gian", "thoi han", "han ", "hoan thanh")
        if owner is None or task is None or owner == task:
            return
        for row in rows[1:]:
            if max(owner, task) >= len(row):
                continue
            who = row[owner].strip().rstrip(".;")
            who = who if joins_bodies(who) else (sentence_body(who) or "")
            if not who or not row[task]:
                continue
            self.own(owned, who, Node(row[task], table.line, table.col))
            if due is not None and due < len(row):
                for day in table_days(row[due], self.year):
                    self.table_deadlines.append({"date": day.isoformat(), "title": row[task],
                                                 "agency": who})

    def own(self, owned: _Owned, who: str, task: Node) -> None:
        key = agency_id(who)
        at = owned.bodies.get(key)
        if at is None:
            unique, n = key, 1
            while unique in owned.ids:
                n += 1
                unique = f"{key}-{n}"
            owned.ids.add(unique)
            at = owned.bodies[key] = len(owned.items)
            self.mark(("responsibilities", at), task)
            owned.items.append({"agency": who, "id": unique, "tasks": []})
        item = owned.items[at]
        text = self.text(task, inline=True)[0]
        if text not in owned.texts.setdefault(at, {t["text"] for t in item["tasks"]}):
            owned.texts[at].add(text)
            self.mark(("responsibilities", at, "tasks", len(item["tasks"])), task)
            item["tasks"].append({"text": text})

    def assigns(self, nodes: list[Node]) -> bool:
        """Whether a part gives tasks to bodies: most of its numbered items (or of those of
        an item such as "2. Phân công trách nhiệm") name a body over its tasks."""
        items = [n for top in nodes for n in [top, *top.children] if n.marker
                 and n.rank < 4]

        def names_body(node: Node) -> bool:
            text = self.strip(node.text)
            lead = _lead(text, _AGENCY_WORDS)[0]
            return bool(heading_body(text) or (lead and is_body(lead)) or sentence_body(text))

        bodies = [n for n in items if names_body(n)]
        return len(bodies) >= 2 and 2 * len(bodies) >= len([n for n in items if n.rank < 3])

    def responsibilities(self, nodes: list[Node], data: dict[str, Any]) -> None:
        """Each body given tasks, in the genre's ways (campaign/agencies.py): a line holding
        only its name over its tasks, or over the paragraphs that follow it; "Name: tasks";
        a sentence opening with the name and "chủ trì", "có trách nhiệm" ... Everything else
        (lead-ins, general tasks) is kept in its place as a task for all."""
        items: list[dict[str, Any]] = []
        before: list[dict[str, Any]] = data.get("responsibilities", [])
        start = len(before)
        used = {item["id"] for item in before}
        holder: dict[str, Any] | None = None  # a name's line over the paragraphs that follow
        position: dict[int, int] = {}  # each item's place in the list, by the item's identity

        def add(agency: str | None, node: Node, explicit: str | None) -> dict[str, Any]:
            base = explicit or (agency_id(agency) if agency else f"muc-{len(items) + 1}")
            unique, n = base, 1
            while unique in used:
                n += 1
                unique = f"{base}-{n}"
            used.add(unique)
            item: dict[str, Any] = {"id": unique, "tasks": []}
            if agency:
                item = {"agency": agency, **item}
            position[id(item)] = start + len(items)
            self.mark(("responsibilities", position[id(item)]), node)
            items.append(item)
            return item

        def task(item: dict[str, Any], node: Node, text: str | None = None) -> None:
            loc: Loc = ("responsibilities", position[id(item)], "tasks", len(item["tasks"]))
            if text is None:
                item["tasks"].append(self.point(node, loc))
            else:
                item["tasks"].append({"text": text, "points": self.flat(node.children)})
                self.mark(loc, node)

        def walk(nodes: list[Node]) -> None:
            nonlocal holder
            for node in nodes:
                # "{.viec-chung}" after a line: no body's, whatever its words (the guide's
                # one-line correction); "{#ma}": a body's, with that id.
                general = _GENERAL.search(node.text)
                if general:  # a copy: the part may yet be read again as a part of its own
                    node = replace(node, text=_GENERAL.sub("", node.text))
                if not node.text.strip():  # the mark alone on its line: not the document's
                    walk(node.children)
                    continue
                text, _ = self.text(node, keep_strong=True)
                explicit = _ID.search(text)
                text = _ID.sub("", text)
                plain = self.strip(text)
                name = None if general else heading_body(plain)
                lead, rest = _lead(text, _AGENCY_WORDS)
                lead = self.strip(lead) if lead and not general else None
                if explicit and not name and not (lead and is_body(lead)) \
                        and not sentence_body(plain):
                    if lead:  # "Tổ công nghệ số cộng đồng {#to-cns}: ..." as written
                        holder = None
                        task(add(lead, node, explicit["id"]), node, self.strip(rest))
                        continue
                    name = plain
                if name and (node.children or node.marker or explicit):
                    item = add(name, node, explicit["id"] if explicit else None)
                    for child in node.children:
                        task(item, child)
                    holder = item if not node.children else None
                elif general:
                    holder = None
                    task(add(None, node, None), node)
                elif lead and is_body(lead):
                    holder = None
                    task(add(lead, node, explicit["id"] if explicit else None), node,
                         self.strip(rest))
                elif holder is not None and not node.marker:
                    task(holder, node)  # "2.5. Sở Y tế" / "Chủ trì, phối hợp ..."
                elif node.children and any(heading_body(self.strip(c.text)) or
                                           sentence_body(self.strip(c.text))
                                           for c in node.children):
                    holder = None  # "2. Phân công trách nhiệm" over the bodies' lines
                    self.mark(("responsibilities", start + len(items), "tasks", 0), node)
                    add(None, node, None)["tasks"].append({"text": plain})
                    walk(node.children)
                elif (found := sentence_body(plain)) is not None:
                    holder = None
                    task(add(found, node, explicit["id"] if explicit else None), node)
                else:
                    holder = None
                    task(add(None, node, explicit["id"] if explicit else None), node)

        walk(nodes)
        data["responsibilities"] = before + items

    def marked_slogans(self, body: Body) -> None:
        """The guide's one-line corrections of what is a slogan: an item or paragraph ending
        in "{.khau-hieu}" is one wherever it stands, and leaves its place; one ending in
        "{.doan-van}" stays text, even under a lead-in or a heading of slogans. The marks
        are taken off the text here, before anything reads it, so no page shows them."""
        for heading in [*body.title, *(p.heading for p in body.parts if p.heading)]:
            if any(m["mark"] == "khau-hieu" for m in _SLOGAN_MARK.finditer(heading.text)):
                self.problems.append(Problem(self.path, heading.line, heading.col, (
                    "'{.khau-hieu}' đánh dấu một mục hoặc một đoạn, không đánh dấu đề mục; "
                    "hãy chép khẩu hiệu thành một dòng dưới đề mục, ví dụ "
                    "- Phòng cháy hơn chữa cháy {.khau-hieu}")))
            heading.text = _SLOGAN_MARK.sub("", heading.text)
        for part in body.parts:
            part.nodes = self.take_marked(part.nodes)

    def take_marked(self, nodes: list[Node]) -> list[Node]:
        """``nodes`` without those marked as slogans, which go to ``slogan_nodes``. Only a
        slogan's own line is the slogan: the items under it stay where they are, in its
        place (a slogan has no sub-items; they are the part's text, or slogans of their
        own when marked)."""
        kept: list[Node] = []
        for node in nodes:
            node.children = self.take_marked(node.children)
            marks = {m["mark"] for m in _SLOGAN_MARK.finditer(node.text)}
            if not marks:
                kept.append(node)
                continue
            node.text = _SLOGAN_MARK.sub("", node.text)
            node.lines = [_SLOGAN_MARK.sub("", line) for line in node.lines]
            node.plain = "doan-van" in marks
            # A mark alone on its line marks nothing.
            slogan = "khau-hieu" in marks and bool(node.text.strip())
            if node.plain and slogan:
                self.problems.append(Problem(self.path, node.line, node.col, (
                    "dòng này có cả '{.khau-hieu}' lẫn '{.doan-van}'; hãy giữ một: "
                    "'{.khau-hieu}' nếu là khẩu hiệu, '{.doan-van}' nếu là một đoạn văn")))
            elif slogan and "slogans" in self.front:
                line, _ = self.doc.key_marks.get(("slogans",), (1, 1))
                self.problems.append(Problem(self.path, node.line, node.col, (
                    "'{.khau-hieu}' đánh dấu một khẩu hiệu trong thân văn bản nhưng phần đầu "
                    f"đã có 'slogans' (dòng {line}); hãy giữ một chỗ: chép khẩu hiệu này vào "
                    "'slogans' rồi xóa '{.khau-hieu}', hoặc xóa 'slogans' ở phần đầu và đánh "
                    "dấu các khẩu hiệu trong thân")))
            elif slogan:
                self.slogan_nodes.append(node)
            if slogan or not node.text.strip():
                kept += node.children  # in the place of the slogan, or of the lone mark
            else:
                kept.append(node)
        return kept

    def slogans(self, nodes: list[Node], data: dict[str, Any]) -> None:
        """``nodes`` are slogans; the campaign's list is written once the whole body is read
        (``write_slogans``), since a slogan marked "{.khau-hieu}" may stand anywhere."""
        self.slogan_nodes += nodes
        data.setdefault("slogans", [])

    def write_slogans(self, data: dict[str, Any]) -> None:
        """Every slogan, in the document's order, without the quotation marks around it."""
        slogans: list[str] = []
        for node in sorted(self.slogan_nodes, key=lambda n: (n.line, n.col)):
            text = self.text(node)[0].strip().rstrip(";,").strip()
            # startswith: an empty text (an item of a lone footnote mark) opens with nothing.
            if text.startswith(("“", "\"")) and text[-1:] in "”\"" and len(text) > 2:
                text = text[1:-1].strip()
            elif text.startswith(("“", "\"")) and text[-2:-1] in "”\"" and text[-1:] in "!.":
                text = text[1:-2].strip() + text[-1]
            if text:
                self.mark(("slogans", len(slogans)), node)
                slogans.append(text)
        data["slogans"] = slogans

    def phases(self, part: Part, data: dict[str, Any]) -> None:
        phases: list[dict[str, Any]] = []
        others: list[Node] = []
        def is_phase(node: Node) -> bool:
            return bool(split_phase(self.strip(node.text)) or _bold(node.text)[0])

        for top in part.nodes:
            found = [n for n in top.walk() if is_phase(n)]
            if not found:
                others.append(top)
                continue
            if top not in found:  # "1. Lộ trình" over "1.1. Đợt 1: ..."
                holder = Node(top.text, top.line, top.col, children=[
                    c for c in top.children if c not in found])
                others.append(holder)
            for node in found:
                text = self.text(node, keep_strong=True)[0]
                bold, after = _bold(text)
                label, rest = (bold, after) if bold else split_phase(self.strip(text)) or ("", "")
                label, first, last = written_range(label)
                start, end = (first, last) if first else phase_dates(rest, self.year)
                loc: Loc = ("phases", len(phases))
                phase: dict[str, Any] = {"title": label}
                if rest:
                    phase["text"] = rest
                if start:
                    phase["start"] = start
                if end:
                    phase["end"] = end
                phase["points"] = self.flat([c for c in node.children if c not in found])
                self.mark(loc, node)
                phases.append(phase)
        data["phases"] = phases
        if others:
            self.free(Part(part.heading, others), "phases", data)

    def preamble(self, nodes: list[Node]) -> tuple[list[Node], list[Node]]:
        """The opening paragraphs ("Căn cứ ...;", "Thực hiện ...") and what follows them before
        any heading: in a letter, the numbered points that are its body."""
        for i, node in enumerate(nodes):
            if node.marker and not fold(self.strip(node.text)).lower().startswith(_OPENINGS):
                return nodes[:i], nodes[i:]
        return nodes, []

    # -- the end of the document --------------------------------------------------------------

    def footnotes(self, body: Body) -> list[dict[str, Any]]:
        notes: list[dict[str, Any]] = []
        for part in body.parts:
            keep = []
            for node in part.nodes:
                match = _NOTE_DEF.match(node.text) if not node.marker else None
                if match:
                    note_id = match["id"] or match["num"] or \
                        (match["sup"] or "").translate(_SUPERSCRIPTS)
                    self.mark(("footnotes", len(notes)), node)
                    text = " ".join([self.strip(match["text"]),
                                     *(self.strip(t) for t in self.flat(node.children))]).strip()
                    notes.append({"id": note_id, "text": text})
                    self.notes.add(note_id)
                else:
                    keep.append(node)
            part.nodes = keep
        return notes

    def tail(self, body: Body) -> dict[str, Any]:
        """Closing paragraph, recipients and signature, taken off the parts that hold them."""
        data: dict[str, Any] = {}
        for part in body.parts:
            heading = fold(part.heading.text).lower() if part.heading else ""
            start = 0 if "noi nhan" in heading else next(
                (i for i, n in enumerate(part.nodes)
                 if fold(self.strip(n.text)).lower().startswith("noi nhan")), None)
            if start is None:
                continue
            lead = part.nodes[start] if "noi nhan" not in heading else None
            rest = part.nodes[start + (lead is not None):]
            items = list(lead.children) if lead else []
            if lead:
                inline = re.sub(r"^\**\s*Nơi nhận\s*:?\s*\**\s*:?", "",
                                lead.text, flags=re.IGNORECASE).strip()
                if inline:
                    items.insert(0, Node(inline, lead.line, lead.col))
            while rest and rest[0].marker:
                items += [n for n in rest[0].walk()]
                rest = rest[1:]
            data["recipients"] = [self.recipient(n, i) for i, n in enumerate(items)]
            signature = [n for n in rest]
            if signature:
                data["signatory"] = self.signatory(signature)
            part.nodes = part.nodes[:start]
            break
        else:
            last = body.parts[-1] if body.parts else None
            if last and last.nodes and _AUTHORITY.match(self.strip(last.nodes[-1].lines[0]
                                                                     if last.nodes[-1].lines
                                                                     else "")):
                data["signatory"] = self.signatory(last.nodes[-1:])
                last.nodes = last.nodes[:-1]
        for part in body.parts:
            for i, node in enumerate(part.nodes):
                if not node.marker and fold(node.text).lower().startswith(_CLOSING):
                    closing = part.nodes[i:]
                    data["closing"] = "\n\n".join(
                        t for n in closing for t in [self.text(n)[0], *self.flat(n.children)])
                    self.mark(("closing",), node)
                    part.nodes = part.nodes[:i]
                    return data
        return data

    def recipient(self, node: Node, index: int) -> dict[str, Any]:
        name = self.text(node)[0].strip().rstrip(";,.").strip()
        item: dict[str, Any] = {}
        copies = _COPIES.search(name)
        if copies:
            item["copies"] = int(copies["copies"])
            name = name[:copies.start()].rstrip(" ;,")
        purpose = _PURPOSE.search(name)
        if purpose:
            item["purpose"] = purpose["purpose"].strip()
            name = name[:purpose.start()].rstrip(" ;,")
        item["name"] = name
        self.mark(("recipients", index), node)
        return item

    def signatory(self, nodes: list[Node]) -> dict[str, Any]:
        lines = [line.replace("**", "").rstrip("\\").strip() for n in nodes for line in n.lines]
        lines = [line for line in lines if line and not re.fullmatch(
            r"\(?\s*(?:đã ký|ký|ký, ghi rõ họ tên|ký tên, đóng dấu)\s*\)?", line, re.IGNORECASE)]
        authority = []
        while lines and _AUTHORITY.match(lines[0]):
            authority.append(lines.pop(0))
        signatory: dict[str, Any] = {}
        if authority:
            signatory["authority"] = authority
        # The name is the last line not in capitals; a title may follow it ("Nguyễn Văn
        # Hoàn / TRƯỞNG BAN XÂY DỰNG ĐẢNG").
        at = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].upper() != lines[i]),
                  len(lines) - 1)
        if lines:
            signatory["name"] = lines[at]
        position = [*lines[:at], *lines[at + 1:]]
        if position:
            signatory["position"] = " – ".join(position)
        self.mark(("signatory",), nodes[0])
        return signatory

    def find_deadlines(self, data: dict[str, Any]) -> None:
        """Each day the text sets as a deadline or an event ("trước ngày 15/12/2025"), with
        the body whose task it is; a phase's days are the phase's own."""
        found: dict[tuple[str, str], dict[str, Any]] = {
            (d["date"], d["title"]): d for d in self.table_deadlines}

        def texts(value: Any) -> list[str]:
            if isinstance(value, str):
                return [value]
            if isinstance(value, dict):
                return [t for v in value.values() for t in texts(v)]
            if isinstance(value, list):
                return [t for v in value for t in texts(v)]
            return []

        owned = [(item.get("agency"), texts(item.get("tasks", [])))
                 for item in data.get("responsibilities", [])]
        rest = [(None, texts(data.get(key))) for key in (
            "preamble", "purposes", "audience", "topics", "forms", "budget", "sections",
            "closing")]
        for agency, strings in [*owned, *rest]:
            for text in strings:
                for day, what in dated_events(text, self.year):
                    key = (day.isoformat(), what)
                    if key not in found:
                        found[key] = {"date": day.isoformat(), "title": what[:300],
                                      **({"agency": agency} if agency else {})}
        if found:
            data["deadlines"] = sorted(found.values(), key=lambda d: d["date"])

    def find_reporting(self, data: dict[str, Any]) -> None:
        """A reporting rhythm written in an agency's tasks, or anywhere else in the text."""
        agencies = data.get("responsibilities", [])
        for agency in agencies:
            for task in agency.get("tasks", []):
                for text in [task["text"], *task.get("points", [])]:
                    found = reporting_in(text, self.year or 2000)
                    if found:  # a general task names no body: its id is no name
                        data["reporting"] = {**found, **(
                            {"by": [agency["id"]]} if agency.get("agency") else {})}
                        return
        for key in ("purposes", "budget", "audience"):
            for point in data.get(key, []):
                for text in [point["text"], *point.get("points", [])]:
                    found = reporting_in(text, self.year or 2000)
                    if found:
                        data["reporting"] = found
                        return
        for section in data.get("sections", []):
            for point in section.get("points", []):
                for text in [point["text"], *point.get("points", [])]:
                    found = reporting_in(text, self.year or 2000)
                    if found:
                        data["reporting"] = found
                        return

    # -- items --------------------------------------------------------------------------------

    def point(self, node: Node, loc: Loc) -> dict[str, Any]:
        text, note = self.text(node)
        point: dict[str, Any] = {"text": text}
        points = self.flat(node.children)
        if points:
            point["points"] = points
        if note:
            point["footnote"] = note
        self.mark(loc, node)
        return point

    def topic(self, node: Node, loc: Loc) -> dict[str, Any]:
        text, note = self.text(node, keep_strong=True)
        title, rest = _bold(text)
        topic: dict[str, Any] = {"text": self.strip(rest) if title else self.strip(text)}
        if title:
            topic["title"] = title
        if not topic["text"]:
            topic["text"] = title or ""
        points = [self.point(c, (*loc, "points", i)) for i, c in enumerate(node.children)]
        if points:
            topic["points"] = points
        if note:
            topic["footnote"] = note
        self.mark(loc, node)
        return topic

    def form(self, node: Node, loc: Loc) -> dict[str, Any]:
        text, _ = self.text(node, keep_strong=True)
        title, rest = _lead(text, _FORM_WORDS)
        form: dict[str, Any] = {}
        if title:
            form["title"] = title
        if (rest if title else text).strip():
            form["text"] = self.strip(rest if title else text)
        channels: list[dict[str, Any]] = []
        for child in node.children:
            child_text = self.strip(child.text)
            if _REQUIREMENT.match(child_text) and not child.children:
                form["requirement"] = _REQUIREMENT.sub("", self.text(child)[0])
            else:
                channels.append(self.point(child, (*loc, "channels", len(channels))))
        if channels:
            form["channels"] = channels
        kind = _form_kind(text)
        if kind:
            form["kind"] = kind
        self.mark(loc, node)
        return form

    def flat(self, nodes: list[Node]) -> list[str]:
        """Every text under ``nodes``, in order: the model's points go one level deep, so a
        footnote mark there stays in the text as the document writes it (⁽¹⁾)."""
        return [self.text(n, inline=True)[0] for top in nodes for n in top.walk()]

    # -- text ---------------------------------------------------------------------------------

    def text(self, node: Node, *, keep_strong: bool = False,
             inline: bool = False) -> tuple[str, str | None]:
        """The node's text with Markdown emphasis taken off, and its footnote reference (the
        first; with ``inline``, or for a second one, the mark stays in the text as ⁽¹⁾)."""
        note: str | None = None

        def take(match: re.Match[str]) -> str:
            nonlocal note
            found = match["id"] or match["num"] or (match["sup"] or "").translate(_SUPERSCRIPTS)
            if match["num"] and found not in self.notes:
                return match[0]  # "[3]" that no footnote defines is text
            if inline or note is not None:
                return superscript(found)
            note = found
            return ""

        text = _NOTE_REF.sub(take, node.text).strip()
        return (text if keep_strong else self.strip(text)), note

    @staticmethod
    def strip(text: str) -> str:
        return _EMPHASIS.sub(r"\1", _STRONG.sub(r"\1", text)).strip()

    def check(self, node: Node) -> None:
        controls = bidi_controls(node.text)
        if controls:
            self.problems.append(Problem(self.path, node.line, node.col, (
                f"văn bản có ký tự điều khiển hướng chữ {controls} (đảo ngược thứ tự chữ khi "
                "hiển thị); hãy xóa ký tự này, thường do dán từ phần mềm khác")))
        legacy = legacy_encoding(node.text)
        if legacy:
            self.problems.append(Problem(self.path, node.line, node.col, (
                f"văn bản '{node.text[:30]}' có vẻ được gõ bằng bảng mã cũ {legacy}; hãy chuyển "
                f"sang Unicode (Unikey: Công cụ chuyển mã, từ {legacy} sang Unicode) rồi dán "
                "lại")))

    def mark(self, loc: Loc, node: Node | None, part: Part | None = None) -> None:
        if node is not None:
            self.marks.setdefault(loc, (node.line, node.col))
        elif part is not None and part.heading is not None:
            self.marks.setdefault(loc, (part.heading.line, part.heading.col))


def _apart(nodes: list[Node]) -> tuple[list[Node], list[Node]]:
    """The slogans among ``nodes`` (every item of a list of slogans, at any depth) and the
    items marked "{.doan-van}", which stay text: each without the items under it, which are
    among ``nodes`` too and are taken for what they are themselves."""
    return ([n for n in nodes if not n.plain],
            [replace(n, children=[]) for n in nodes if n.plain])


def _bold(text: str) -> tuple[str | None, str]:
    """('Title', 'rest') from '**Title.** rest' or '**Title:** rest'."""
    match = _BOLD_LEAD.match(text)
    if not match:
        return None, text
    return match["label"].strip(), match["rest"].strip()


def _lead(text: str, max_words: int) -> tuple[str | None, str]:
    """The name before ':' that opens an item ('Sở Thông tin và Truyền thông: ...'), bold or
    not, and the rest; (None, text) when the item opens with a sentence instead."""
    label, rest = _bold(text)
    if label:
        return label, rest
    at = text.find(":")
    if at <= 0:
        return None, text.strip()
    name = text[:at].strip()
    if len(name.split()) > max_words or re.search(r"[;.!?“”\"(]", name):
        return None, text.strip()
    return name, text[at + 1:].strip()


AGENCY_ID_LENGTH = 48

def agency_id(agency: str) -> str:
    """The page address of an agency named in the text: its name without marks, cut after a
    whole word ('so-van-hoa-va-the-thao-so-thong-tin-va-truyen')."""
    slug = slugify(agency, limit=200)
    if len(slug) <= AGENCY_ID_LENGTH:
        return slug
    return slug[:AGENCY_ID_LENGTH + 1].rsplit("-", 1)[0]


def _form_kind(text: str) -> str | None:
    """The kind of a form by the earliest of its telling words: 'Tuyên truyền trực quan: ...'
    is visual, '... thông qua báo chí' is media."""
    words = fold(text).lower()[:160]
    found = sorted((at, kind) for needle, kind in _FORM_WORDS_KINDS
                   if (at := words.find(needle)) >= 0)
    return found[0][1] if found else None


_FORM_WORDS_KINDS = (("truc quan", "visual"), ("truc tiep", "direct"), ("bao chi", "media"),
                     ("dai chung", "media"), ("mang xa hoi", "media"),
                     ("phat thanh", "media"), ("truyen hinh", "media"))

