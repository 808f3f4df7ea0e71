"""The loudspeaker pack: scripts a reader at the commune radio's microphone reads as they
stand, and when to read them.

Each read lasts one to three minutes at the pace of a broadcast (``spoken``): what the
campaign is and why (the office's summary, else the document's own purpose), what citizens are
asked to do (the document's actions), where to ask, and a slogan to close. Every sentence
comes from the campaign, framed by the greetings and closings of a commune broadcast;
abbreviations, numbers, dates and telephone numbers are written as they are said.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.campaign.model import Campaign
from generator.content.markdown import escape, link
from generator.content.overview import is_derived_summary
from generator.content.writer import PageWriter
from generator.spoken import duration_words, for_reading, reading_seconds
from generator.vi import short_date

MIN_SECONDS, MAX_SECONDS = 60, 180
GREETING = "Kính thưa bà con nhân dân!"
THANKS = "Xin cảm ơn bà con đã lắng nghe."
# Without phases, a campaign is read twice a week over its first four weeks.
_FIRST_WEEKS = 4
_WEEKDAYS = (1, 4)  # Tuesday and Friday: two reads a week, apart
_ORDINALS = ("Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám")


@dataclass(frozen=True)
class Read:
    """One read: its title and its paragraphs as they are said aloud."""

    number: int
    title: str
    paragraphs: tuple[str, ...]
    main: str  # what is said again where the read is short

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def seconds(self) -> int:
        return reading_seconds(self.text)


def reads(campaign: Campaign) -> list[Read]:
    """The campaign's reads: what it is and why, then (where the document asks citizens to
    act) what to do; each within three minutes, a short one followed by a reminder."""
    say = _speaker(campaign)
    ask = [say(p) for p in _where_to_ask(campaign)]
    end = [*map(say, _closing(campaign)), THANKS]
    what = say(_what(campaign))
    first = _fit([GREETING, what, *map(say, _dates(campaign))],
                 [say(s) for s in _sentences(_why(campaign))], [*ask, *end])
    made = [Read(1, "Thông tin chung", tuple(first), what)]
    actions = campaign.leaflet.actions
    if actions:
        todo = [say(f"{_ORDINALS[i] if i < len(_ORDINALS) else i + 1} là, "
                    f"{_sentence(action[:1].lower() + action[1:])}")
                for i, action in enumerate(actions)]
        lead = say(f"Thực hiện {campaign.kind.lower()} của {campaign.issuer_name()}, bà con "
                   "nhân dân cần làm những việc sau.")
        made.append(Read(2, "Bà con cần làm gì", (GREETING, lead, *todo, *ask, *end),
                         " ".join(todo)))
    return [_at_least_a_minute(read) for read in made]


def _speaker(campaign: Campaign) -> Callable[[str], str]:
    """Text as said aloud, the campaign's own abbreviations written out first."""
    own = {a.short: a.full for a in campaign.abbreviations}
    return lambda text: for_reading(text, own)


def _what(campaign: Campaign) -> str:
    """'Ngày 21/5/2021, Ban Tuyên giáo … ban hành Hướng dẫn công tác …', then the office's
    own summary where it wrote one."""
    c = campaign
    number = f" số {c.number}" if c.number else ""
    title = " ".join(c.title.split())
    # The title often starts with the document's kind ("Kế hoạch triển khai …").
    rest = title[len(c.kind):].lstrip(" :") if title.lower().startswith(c.kind.lower()) \
        else title[:1].lower() + title[1:]
    when = f"Ngày {c.date:%d/%m/%Y}, " if c.date else ""
    said = _sentence(f"{when}{c.issuer_name()} ban hành {c.kind}{number} {rest}")
    if not is_derived_summary(c):
        said += " " + _sentence(c.summary)
    return said


def _why(campaign: Campaign) -> str:
    """The document's own purpose, as written (its first paragraph of purposes)."""
    return campaign.purposes[0].text if campaign.purposes else ""


def _dates(campaign: Campaign) -> list[str]:
    dated = []
    for phase in campaign.phases:
        if phase.start and phase.end and phase.start != phase.end:
            dated.append(f"{_sentence(phase.title)[:-1]}: từ {phase.start:%d/%m/%Y} đến "
                         f"{phase.end:%d/%m/%Y}.")
        elif phase.start or phase.end:
            day = phase.start or phase.end
            assert day is not None
            dated.append(f"{_sentence(phase.title)[:-1]}: {'từ' if phase.start else 'đến'} "
                         f"{day:%d/%m/%Y}.")
    return dated


def _where_to_ask(campaign: Campaign) -> list[str]:
    contact = campaign.contact
    if contact is None:
        return [f"Mọi thắc mắc, xin bà con hỏi {campaign.issuer_name()}, hoặc cán bộ ở xã, "
                "phường nơi mình ở."]
    said = [f"Mọi thắc mắc, xin bà con liên hệ {contact.unit}"
            + (f", địa chỉ {contact.address}" if contact.address else "")
            + (f", giờ làm việc: {contact.hours}" if contact.hours else "") + "."]
    if contact.hotline:
        # A number heard once is rarely written down: it is said twice.
        said.append(f"Đường dây nóng: {contact.hotline}. Xin nhắc lại, đường dây nóng: "
                    f"{contact.hotline}.")
    return said


def _closing(campaign: Campaign) -> list[str]:
    slogan = campaign.slogans[0].text if campaign.slogans else \
        (campaign.theme.text if campaign.theme else "")
    return [f"{slogan.rstrip('.!')}!"] if slogan else []


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;])\s+(?=[A-ZĐÀ-Ỹ])", " ".join(text.split())) if s]


def _fit(head: list[str], middle: list[str], tail: list[str]) -> list[str]:
    """``head``, as much of ``middle`` as fits three minutes with ``tail``, then ``tail``:
    the purpose is cut after a whole sentence, never inside one."""
    kept: list[str] = []
    for sentence in middle:
        if reading_seconds(" ".join([*head, *kept, sentence, *tail])) > MAX_SECONDS:
            break
        kept.append(sentence)
    return [*head, *([" ".join(kept)] if kept else []), *tail]


def _at_least_a_minute(read: Read) -> Read:
    """A read shorter than a minute passes unnoticed on a loudspeaker: its main point is
    said again before the thanks."""
    if read.seconds >= MIN_SECONDS:
        return read
    again = f"Xin nhắc lại: {read.main[:1].lower()}{read.main[1:]}"
    return Read(read.number, read.title, (*read.paragraphs[:-1], again, read.paragraphs[-1]),
                read.main)


def broadcast_days(campaign: Campaign, count: int) -> list[tuple[dt.date, int]]:
    """When each read goes on air: twice a week through each dated phase, or through the
    campaign's first four weeks where it has none; the reads take turns."""
    spans = [(p.start or p.end, p.end or p.start) for p in campaign.phases if p.start or p.end]
    if not spans:
        first = campaign.date or dt.date(campaign.year, 1, 1)
        spans = [(first, first + dt.timedelta(weeks=_FIRST_WEEKS, days=-1))]
    days = sorted({first + dt.timedelta(days=n)
                   for first, last in spans if first is not None and last is not None
                   for n in range((last - first).days + 1)
                   if (first + dt.timedelta(days=n)).weekday() in _WEEKDAYS})
    return [(day, number % count + 1) for number, day in enumerate(days)] if count else []


def script_file(campaign: Campaign, read: Read) -> str:
    """The read as the reader at the microphone gets it: a header, then the text to read."""
    header = [f"BÀI PHÁT THANH SỐ {read.number}: {read.title.upper()}",
              for_reading(campaign.short_title, {a.short: a.full for a in campaign.abbreviations}),
              f"Thời lượng đọc: khoảng {duration_words(read.seconds)} "
              "(đọc chậm, rõ, khoảng 160 tiếng một phút).", "", "—", ""]
    return "\n".join([*header, read.text, ""])


def broadcast_page(w: PageWriter, audio: bool) -> str:
    """The loudspeaker pack on the site: each read with its length, its text file and (where
    the build could make it) its audio, and the broadcast schedule."""
    c, page = w.campaign, w.paths.broadcast
    made = reads(c)
    body = [f"Bài đọc cho đài truyền thanh xã, phường về {escape(c.short_title)}: đọc "
            "nguyên văn, mỗi bài từ 1 đến 3 phút (đọc chậm, rõ, khoảng 160 tiếng một phút). "
            "Chữ viết tắt, con số, ngày tháng và số điện thoại đã được viết như khi đọc.", ""]
    for read in made:
        files = [link("bài đọc (tệp .txt)", w.paths.broadcast_file(f"-{read.number}.txt"),
                      page)]
        if audio:
            files.append(link("bản ghi âm đọc máy (tệp .mp3)",
                              w.paths.broadcast_file(f"-{read.number}.mp3"), page))
        body += [f"## Bài {read.number}: {escape(read.title)}", "",
                 f"Thời lượng: khoảng {duration_words(read.seconds)}. Tải về: "
                 + ", ".join(files) + ".", "",
                 *_quote(read.paragraphs), ""]
    days = broadcast_days(c, len(made))
    if days:
        body += ["## Lịch phát", "",
                 f"Hai buổi mỗi tuần, {short_date(days[0][0])} đến {short_date(days[-1][0])}"
                 f" ({len(days)} buổi), các bài đọc lần lượt: "
                 + link("lịch phát (tệp .ics)", w.paths.broadcast_file(".ics"), page) + ".",
                 "", "| Ngày | Bài |", "|---|---|",
                 *(f"| {_WEEKDAY_NAMES[day.weekday()]}, {short_date(day)} | Bài {number} |"
                   for day, number in days[:_LISTED]), ""]
        if len(days) > _LISTED:
            body += [f"Và {len(days) - _LISTED} buổi sau đó, có trong lịch phát.", ""]
    return w.page(page, "Phát thanh trên loa",
                  f"Bài đọc trên loa truyền thanh xã, phường: {c.short_title}.", body)


_LISTED = 12
_WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def _quote(paragraphs: tuple[str, ...]) -> list[str]:
    """Paragraphs as one block quote, an empty quoted line between them."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [">"] if lines else []
        lines.append(f"> {escape(paragraph)}")
    return lines
