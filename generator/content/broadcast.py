"""The loudspeaker pack: scripts a reader at the commune radio's microphone reads as they
stand, and when to read them.

Each read lasts one to three minutes at the pace of a broadcast (``spoken``): what the
campaign is and why (the office's summary, else the document's own purpose), what citizens are
asked to do (the document's actions), where to ask, and a slogan to close. What is said is
the campaign's own words; only the frame is the generator's (the greeting and thanks of a
commune broadcast, "… ban hành …", "bà con nhân dân cần làm những việc sau", "Xin nhắc
lại"). Abbreviations, numbers, dates and telephone numbers are written as they are said.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.campaign.model import Campaign
from generator.content.markdown import escape, link
from generator.content.overview import is_derived_summary, phase_when
from generator.content.writer import PageWriter
from generator.spoken import (
    SYLLABLES_PER_MINUTE,
    duration_words,
    for_reading,
    phone_words,
    reading_seconds,
)
from generator.vi import short_date

MIN_SECONDS, MAX_SECONDS = 60, 180
GREETING = "Kính thưa bà con nhân dân!"
THANKS = "Xin cảm ơn bà con đã lắng nghe."
# Without phases, a campaign is read twice a week over its first four weeks.
_FIRST_WEEKS = 4
_WEEKDAYS = (1, 4)  # Tuesday and Friday: two reads a week, apart
_ORDINALS = ("Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám")
_LISTED = 12  # broadcasts listed on the page; the schedule (.ics) holds them all
_WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


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
    act) what to do, in as many reads as three minutes each take; a read under a minute says
    its main point again before it closes."""
    say = _speaker(campaign)
    ask = _where_to_ask(campaign, say)
    end = [*map(say, _closing(campaign)), THANKS]
    what = say(_what(campaign))
    about = [*map(say, _dates(campaign)), *(say(s) for s in _sentences(_why(campaign)))]
    first = _fit([GREETING, what], about, [*ask, *end])
    made = [(TITLES[0], first, what)]
    lead = say(f"Thực hiện {campaign.kind.lower()} của {campaign.issuer_name()}, bà con "
               "nhân dân cần làm những việc sau.")
    todo = [say(f"{_ORDINALS[i] if i < len(_ORDINALS) else i + 1} là, "
                f"{_sentence(action[:1].lower() + action[1:])}")
            for i, action in enumerate(campaign.leaflet.actions)]
    while todo:
        kept = _fit([GREETING, lead], todo, [*ask, *end])
        told = kept[2:len(kept) - len(ask) - len(end)] or todo[:1]  # one action at the least
        made.append((TITLES[1] if len(made) == 1 else f"{TITLES[1]} (tiếp)",
                     [GREETING, lead, *told, *ask, *end], " ".join(told)))
        todo = todo[len(told):]
    return [_at_least_a_minute(Read(n, title, tuple(p), main), len(end))
            for n, (title, p, main) in enumerate(made, start=1)]


TITLES = ("Thông tin chung", "Bà con cần làm gì")


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
    return [f"{' '.join(phase.title.split()).rstrip('.:;')}: {when}."
            for phase in campaign.phases if (when := phase_when(phase))]


def _where_to_ask(campaign: Campaign, say: Callable[[str], str]) -> list[str]:
    """Whom to ask, as the campaign names them (nothing where it names no one: no office is
    put forward that the document did not)."""
    contact = campaign.contact
    if contact is None:
        return []
    said = [say(f"Mọi thắc mắc, xin bà con liên hệ {contact.unit}"
                + (f", địa chỉ {contact.address}" if contact.address else "")
                + (f", giờ làm việc: {contact.hours}" if contact.hours else "") + ".")]
    if contact.hotline:
        # A number heard once is rarely written down: it is said twice, digit by digit.
        number = phone_words(contact.hotline)
        said.append(f"Đường dây nóng: {number}. Xin nhắc lại, đường dây nóng: {number}.")
    return said


def _closing(campaign: Campaign) -> list[str]:
    """The campaign's first slogan, as written."""
    return [_sentence(campaign.slogans[0].text)] if campaign.slogans else []


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _sentences(text: str) -> list[str]:
    """Sentences (and clauses after ';'), a new one only where a capital letter follows."""
    pieces = re.split(r"(?<=[.!?;])\s+", " ".join(text.split()))
    merged: list[str] = []
    for piece in pieces:
        if merged and not piece[:1].isupper():
            merged[-1] += " " + piece
        elif piece:
            merged.append(piece)
    return merged


def _fit(head: list[str], middle: list[str], tail: list[str]) -> list[str]:
    """``head``, as much of ``middle`` as fits three minutes with ``tail``, then ``tail``:
    the text is cut after a whole sentence, never inside one."""
    kept: list[str] = []
    for sentence in middle:
        if reading_seconds(" ".join([*head, *kept, sentence, *tail])) > MAX_SECONDS:
            break
        kept.append(sentence)
    return [*head, *kept, *tail]


def _at_least_a_minute(read: Read, closing: int) -> Read:
    """A read shorter than a minute passes unnoticed on a loudspeaker: its main point is
    said again before its closing (the slogan and the thanks)."""
    if read.seconds >= MIN_SECONDS or not read.main:
        return read
    again = f"Xin nhắc lại: {read.main[:1].lower()}{read.main[1:]}"
    at = len(read.paragraphs) - closing
    return Read(read.number, read.title,
                (*read.paragraphs[:at], again, *read.paragraphs[at:]), read.main)


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
              f"(đọc chậm, rõ, khoảng {SYLLABLES_PER_MINUTE} tiếng một phút).", "", "—", ""]
    return "\n".join([*header, read.text, ""])


def broadcast_page(w: PageWriter, audio: bool) -> str:
    """The loudspeaker pack on the site: each read with its length, its text file and (where
    the build could make it) its audio, and the broadcast schedule."""
    c, page = w.campaign, w.paths.broadcast
    made = reads(c)
    body = [f"Bài đọc cho đài truyền thanh xã, phường về {escape(c.short_title)}: đọc "
            "nguyên văn, mỗi bài từ 1 đến 3 phút (đọc chậm, rõ, khoảng "
            f"{SYLLABLES_PER_MINUTE} tiếng một phút). "
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
                 *unsearched(_quote(read.paragraphs)), ""]
    days = broadcast_days(c, len(made))
    if days:
        body += ["## Lịch phát", "",
                 f"Hai buổi mỗi tuần, từ {short_date(days[0][0])} đến {short_date(days[-1][0])}"
                 f" ({len(days)} buổi), các bài đọc lần lượt: "
                 + link("lịch phát (tệp .ics)", w.paths.broadcast_file(".ics"), page) + ".",
                 "", "| Ngày | Bài |", "|---|---|",
                 *(f"| {_WEEKDAY_NAMES[day.weekday()]}, {short_date(day)} | Bài {number} |"
                   for day, number in days[:_LISTED]), ""]
        if len(days) > _LISTED:
            body += [f"Và {len(days) - _LISTED} buổi sau đó, có trong lịch phát.", ""]
    return w.page(page, "Phát thanh trên loa",
                  f"Bài đọc trên loa truyền thanh xã, phường: {c.short_title}.", body)


def unsearched(lines: list[str]) -> list[str]:
    """Text the site's search leaves out: the reads, posts and SMS say again, in other
    forms (spelled out, without diacritics), what the campaign's pages say; a citizen's search
    should land on those pages, not on these copies."""
    return ['<div data-pagefind-ignore markdown>', "", *lines, "", "</div>"]


def _quote(paragraphs: tuple[str, ...]) -> list[str]:
    """Paragraphs as one block quote, an empty quoted line between them."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [">"] if lines else []
        lines.append(f"> {escape(paragraph)}")
    return lines
