"""A campaign's first page, for citizens: what it means for them, what they should do, its key
dates, where to ask, and its posters; the document itself is one link away (``fulltext``).

Every sentence on it is the document's own or the office's (the front matter): none is
invented. On a 360 px phone the summary, the hotline and the first actions fit the first
screen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.campaign.model import Campaign, Phase
from generator.content.citations import full_text_title
from generator.content.gallery import GalleryItem
from generator.content.markdown import escape, link, relative
from generator.content.writer import CALENDAR_LABEL, UNITS_TITLE, PageWriter, form_title
from generator.paths import THUMBNAIL_SUFFIX
from generator.vi import short_date

# Posters shown on the first page: one per slogan, the rest in the gallery.
_POSTERS_SHOWN = 4


def is_derived_summary(campaign: Campaign) -> bool:
    """Whether the summary is the one the generator made from the document's kind, number,
    issuer and title ("Kế hoạch số … của …: …"), rather than words an office wrote for
    citizens."""
    made = re.match(rf"^{re.escape(campaign.kind)}( số \S+)? của .*: (?P<title>.+?)\.?$",
                    campaign.summary, re.DOTALL)
    return made is not None and made["title"] == campaign.title.rstrip(".")


def overview(w: PageWriter, gallery: Sequence[GalleryItem] = ()) -> str:
    c, path = w.campaign, w.paths.overview
    picture = []
    if c.cover and w.cover:
        suffix, width, height = w.cover
        # The largest paint of the page: fetched at once, its box known before it loads.
        picture = [f"![{escape(c.cover.alt)}]({relative(w.paths.cover(suffix), path)})"
                   f'{{ fetchpriority="high" width="{width}" height="{height}" }}', ""]
    body = [*picture, *intro(w, path), *call(w), *actions(w), *ask(w), *dates(w, path),
            *posters(w, gallery, path), *document(w, path)]
    return w.page(path, c.short_title, c.summary, body)


def intro(w: PageWriter, page: str) -> list[str]:
    """What the campaign means for citizens: the office's summary, or else the document's
    own purpose, as written."""
    c = w.campaign
    if is_derived_summary(c) and c.purposes:
        return [w.text(c.purposes[0].text, page), ""]
    return [escape(c.summary), ""]


def call(w: PageWriter) -> list[str]:
    """The hotline, one tap away, above what to do: both on a phone's first screen."""
    contact = w.campaign.contact
    if contact is None or not contact.hotline:
        return []
    return [f"**Đường dây nóng:** {w.phone(contact.hotline)} ({escape(contact.unit)})", ""]


def ask(w: PageWriter) -> list[str]:
    """Where citizens can ask: the hotline to call from a phone first."""
    contact = w.campaign.contact
    if contact is None:  # the office names none: the body that issued the document
        return ["## Hỏi ở đâu", "",
                f"- **Cơ quan ban hành:** {escape(w.campaign.issuer_name())}", ""]
    lines = ["## Hỏi ở đâu", ""]
    if contact.hotline:
        lines.append(f"- **Đường dây nóng:** {w.phone(contact.hotline)}")
    lines.append(f"- **Đơn vị:** {escape(contact.unit)}")
    if contact.hours:
        lines.append(f"- **Giờ làm việc:** {escape(contact.hours)}")
    if contact.address:
        lines.append(f"- **Địa chỉ:** {escape(contact.address)}")
    if contact.email:
        lines.append(f"- **Thư điện tử:** [{escape(contact.email)}](<mailto:{contact.email}>)")
    return [*lines, ""]


def actions(w: PageWriter) -> list[str]:
    """What citizens should do, as the document asks them (the campaign's list)."""
    listed = w.campaign.leaflet.actions
    if not listed:
        return []
    return ["## Người dân nên làm gì", "",
            *(f"{number}. {escape(action)}" for number, action in enumerate(listed, start=1)),
            ""]


def phase_when(phase: Phase) -> str:
    """'từ 01/12/2025 đến 31/12/2025', 'đến 15/6/2026', or '' for a phase without dates;
    the overview, the loudspeaker's reads and the posts say a phase's time alike."""
    if phase.start and phase.end and phase.start != phase.end:
        return f"từ {short_date(phase.start)} đến {short_date(phase.end)}"
    day = phase.start or phase.end
    return f"{'từ' if phase.start else 'đến'} {short_date(day)}" if day else ""


def dates(w: PageWriter, page: str) -> list[str]:
    """The campaign's phases with their dates."""
    dated = [phase for phase in w.campaign.phases if phase.start or phase.end]
    if not dated:
        return []
    lines = ["## Các mốc thời gian", "",
             *(f"- **{escape(phase.title)}**: {phase_when(phase)}" for phase in dated)]
    return [*lines, "", f"Các mốc có trong {link(CALENDAR_LABEL, w.paths.calendar, page)}.",
            ""]


def posters(w: PageWriter, gallery: Sequence[GalleryItem], page: str) -> list[str]:
    """A poster of each slogan, the first few, linking to the gallery."""
    firsts = list({item.slogan: item for item in reversed(gallery)}.values())[::-1]
    if not firsts:
        return []
    lines = ["## Áp phích, khẩu hiệu", "", '<div class="poster-gallery" markdown>', ""]
    for item in firsts[:_POSTERS_SHOWN]:
        thumb = w.paths.poster(f"thumbs/{item.stem}{THUMBNAIL_SUFFIX}")
        width, height = item.thumb_size
        lines += [f"[![{escape(item.slogan)}]({relative(thumb, page)})"
                  f'{{ loading=lazy width="{width}" height="{height}" }}]'
                  f"({relative(w.paths.gallery, page)})", ""]
    every = link("Áp phích, băng rôn", w.paths.gallery, page)
    return [*lines, "</div>", "", f"Tất cả áp phích, băng rôn, tờ rơi để in: {every}.", ""]


def document(w: PageWriter, page: str) -> list[str]:
    """The document, one link away, and its other pages."""
    c = w.campaign
    return [f"## Trong {w.kind} này", "",
            f"- {link(escape(full_text_title(c)), w.paths.full_text, page)}: "
            f"{escape(c.title)}.",
            f"- {link(w.heading('topics'), w.paths.topics, page)}: "
            f"{len(c.topics)} nhóm nội dung cần tuyên truyền.",
            f"- {link(w.heading('forms'), w.paths.forms, page)}: "
            + (", ".join(escape(form_title(f)) for f in c.forms) or "không nêu riêng") + ".",
            f"- {link(w.heading('responsibilities'), w.paths.agencies, page)}: "
            f"việc của từng cơ quan, đơn vị ({len(c.responsibilities)} nhóm).",
            f"- {link('Văn bản được dẫn', w.paths.documents, page)}: "
            f"{len(w.citations.documents)} văn bản.",
            f"- {link('Khẩu hiệu', w.paths.slogans, page)}: {len(c.slogans)} khẩu hiệu.",
            f"- {link('Phát thanh trên loa', w.paths.broadcast, page)}: bài đọc cho đài "
            "truyền thanh xã, phường, và lịch phát.",
            f"- {link('Tin nhắn, bài đăng', w.paths.messages, page)}: bài để chia sẻ trên "
            "mạng xã hội, nhóm trò chuyện, và tin nhắn SMS.",
            *([f"- {link(UNITS_TITLE, w.paths.units, page)}: áp phích, gói in và liên hệ "
               f"của {len(c.units.units)} đơn vị."] if c.units else []), ""]
