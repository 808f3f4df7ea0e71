"""A campaign written in the other form: Markdown from YAML, YAML from Markdown, with nothing
lost either way.

The Markdown form writes each part as the document would; a value the body cannot say
exactly (a phase without both dates, a slogan with its own formats, a reporting rhythm the
text does not state) goes into the front matter instead. The writer checks itself: it reads
back what it wrote and moves every part that does not come back equal into the front matter,
so a round trip always gives the same campaign.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from generator.campaign.markdownsource import BODY_KEYS, DERIVED_KEYS, agency_id, parse_markdown
from generator.campaign.model import Campaign, Point
from generator.campaign.sections import DEFAULT_HEADINGS
from generator.errors import UserError

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/campaign.schema.json\n"
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
          "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX")
# The order of the document's parts, as the genre writes them.
_ORDER = ("purposes", "audience", "phases", "topics", "forms", "responsibilities", "budget",
          "reporting", "slogans")


def to_yaml(campaign: Campaign) -> str:
    data = campaign.model_dump(mode="python", exclude_defaults=True)
    return SCHEMA_COMMENT + "\n" + _dump(data)


def to_markdown(campaign: Campaign) -> str:
    """The campaign as a Markdown document that reads back into the same campaign."""
    front: set[str] = set()
    for _ in range(len(BODY_KEYS) + len(DERIVED_KEYS)):
        text = _markdown(campaign, front)
        different = _different(campaign, text)
        if not different - front:
            return text
        front |= different
    return _markdown(campaign, {*BODY_KEYS, *DERIVED_KEYS})


def _different(campaign: Campaign, text: str) -> set[str]:
    """The top-level keys whose value does not come back from ``text`` as it was."""
    try:
        doc = parse_markdown(Path(f"{campaign.id}.md"), text.encode())
        back = Campaign.model_validate(doc.data)
    except (UserError, ValidationError):
        return {*BODY_KEYS, *DERIVED_KEYS}
    return {name for name in Campaign.model_fields
            if getattr(back, name) != getattr(campaign, name)}


def _markdown(campaign: Campaign, front: set[str]) -> str:
    data = campaign.model_dump(mode="python", exclude_defaults=True)
    head = {key: value for key, value in data.items()
            if (key not in BODY_KEYS and key not in DERIVED_KEYS) or key in front}
    head.pop("id", None) if "id" not in front else None
    if campaign.date is None or campaign.date.year != campaign.year:
        head["year"] = campaign.year  # the year comes from the date only when both agree
    head = {key: head[key] for key in Campaign.model_fields if key in head}
    lines = ["---", _dump(head).rstrip(), "---", "", f"# {campaign.title}", ""]
    body = _Body(campaign, front)
    lines += body.lines()
    return "\n".join(lines).rstrip() + "\n"


def _dump(data: dict[str, Any]) -> str:
    if not data:
        return ""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


class _Body:
    def __init__(self, campaign: Campaign, front: set[str]) -> None:
        self.c = campaign
        self.front = front
        self.roman = 0

    def says(self, key: str) -> bool:
        """Whether the body writes this part (it is there, and not in the front matter)."""
        return key not in self.front and bool(getattr(self.c, key))

    def heading(self, key: str) -> list[str]:
        written = self.c.headings.get(key)  # type: ignore[call-overload]
        if written:
            return [f"## {written}", ""]
        numeral = _ROMAN[self.roman] if self.roman < len(_ROMAN) else str(self.roman + 1)
        self.roman += 1
        return [f"## {numeral}. {DEFAULT_HEADINGS[key]}", ""]

    def lines(self) -> list[str]:
        c = self.c
        out: list[str] = []
        if self.says("preamble"):
            for paragraph in c.preamble:
                out += [paragraph, ""]
        out += self.free(None)
        for key in _ORDER:
            out += self.part(key)
            out += self.free(key)
        if self.says("closing") and c.closing:
            out += [c.closing, ""]
        if self.says("recipients"):
            out += ["**Nơi nhận:**", ""]
            for n, r in enumerate(c.recipients, start=1):
                end = "." if n == len(c.recipients) else ";"
                out.append(f"- {r.name}" + (f" ({r.purpose})" if r.purpose else "")
                           + (f" ({r.copies} bản)" if r.copies else "") + end)
            out.append("")
        if self.says("signatory") and c.signatory:
            s = c.signatory
            head = [*s.authority, *([s.position] if s.position else [])]
            out += [*(f"**{line}**  " for line in head[:-1]),
                    *(f"**{head[-1]}**" for _ in head[-1:]), "", f"**{s.name}**", ""]
        if self.says("footnotes"):
            out += [f"[^{note.id}]: {note.text}" for note in c.footnotes]
            out.append("")
        return out

    def part(self, key: str) -> list[str]:
        c = self.c
        if key == "reporting":
            return self.reporting()
        if key == "forms" and self.says("topics") and self.says("forms") and \
                "topics" in c.headings and "forms" not in c.headings:
            return []  # written with the topics, under one "NỘI DUNG, HÌNH THỨC" heading
        if not self.says(key):
            return []
        out = self.heading(key)
        if key == "topics" and "topics" in c.headings and self.says("forms") and \
                "forms" not in c.headings:
            out += ["1. Nội dung", ""]
            out += self.topics(marker="a)", sub="-", subsub="+")
            out += ["2. Hình thức", ""]
            out += self.forms(marker="a)", sub="-", subsub="+")
            return out
        if key in ("purposes", "audience", "budget"):
            items: list[Point] = getattr(c, key)
            for n, point in enumerate(items, start=1):
                out += self.point(f"{n}.", point, "-")
        elif key == "phases":
            for n, phase in enumerate(c.phases, start=1):
                when = (f" ({phase.start:%d/%m/%Y} – {phase.end:%d/%m/%Y})"
                        if phase.start and phase.end else "")
                out.append(f"{n}. **{phase.title}{when}:**" + (f" {phase.text}" if phase.text
                                                                 else ""))
                out += [f"    - {sub}" for point in phase.points
                        for sub in (point.text, *point.points)]
                out.append("")
        elif key == "topics":
            out += self.topics("1.", "-", "+")
        elif key == "forms":
            out += self.forms("1.", "-", "+")
        elif key == "responsibilities":
            for n, item in enumerate(c.responsibilities, start=1):
                derived = agency_id(item.agency) if item.agency else f"muc-{n}"
                anchor = f" {{#{item.id}}}" if item.id != derived else ""
                lead = f"{n}. **{item.agency}:**{anchor}" if item.agency else f"{n}.{anchor}"
                if len(item.tasks) == 1:
                    task = item.tasks[0]
                    out.append(f"{lead} {task.text}")
                    out += [f"    - {sub}" for sub in task.points]
                    out.append("")
                else:
                    out += [lead, ""]
                    for task in item.tasks:
                        out += self.point("    -", task, "        +")
        elif key == "slogans":
            out += [f"{n}. {s.text}" for n, s in enumerate(c.slogans, start=1)]
            out.append("")
        return out

    def reporting(self) -> list[str]:
        """A reporting rhythm the text states is found there again; other wording is a part."""
        reporting = self.c.reporting
        if "reporting" in self.front or reporting is None:
            return []
        texts = [t for point in self._all_points() for t in (point.text, *point.points)]
        if any(reporting.text in text for text in texts):
            return []
        return [*self.heading("reporting"), reporting.text, ""]

    def _all_points(self) -> list[Point]:
        c = self.c
        return [*c.purposes, *c.audience, *c.budget,
                *(t for r in c.responsibilities for t in r.tasks),
                *(p for s in c.sections for p in s.points)]

    def topics(self, marker: str, sub: str, subsub: str) -> list[str]:
        out: list[str] = []
        for n, topic in enumerate(self.c.topics, start=1):
            number = f"{n}." if marker == "1." else marker
            title = f"**{topic.title}.** " if topic.title else ""
            note = f"[^{topic.footnote}]" if topic.footnote else ""
            out += [f"{number} {title}{topic.text}{note}", ""]
            for point in topic.points:
                out += self.point(f"    {sub}", point, f"        {subsub}")
        return out

    def forms(self, marker: str, sub: str, subsub: str) -> list[str]:
        out: list[str] = []
        for n, form in enumerate(self.c.forms, start=1):
            number = f"{n}." if marker == "1." else marker
            title = f"**{form.title}:**" if form.title else ""
            out += [" ".join(p for p in (number, title, form.text or "") if p), ""]
            for channel in form.channels:
                out += self.point(f"    {sub}", channel, f"        {subsub}")
            if form.requirement:
                out += [f"    {sub} Yêu cầu: {form.requirement}", ""]
        return out

    def point(self, marker: str, point: Point, sub: str) -> list[str]:
        note = f"[^{point.footnote}]" if point.footnote else ""
        return [f"{marker} {point.text}{note}", *(f"{sub} {s}" for s in point.points), ""]

    def free(self, after: str | None) -> list[str]:
        out: list[str] = []
        if "sections" in self.front:
            return out
        for section in (s for s in self.c.sections if s.after == after):
            if section.title:
                out += [f"## {section.title}", ""]
            for n, point in enumerate(section.points, start=1):
                out += self.point(f"{n}.", point, "    -")
        return out

