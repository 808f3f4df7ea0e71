"""The message pack: what an office pastes into chat apps and social pages, and sends by SMS.

A post per campaign and per dated phase, plain text within :data:`POST_LIMIT` characters,
naming its picture (the slogan's 1200×630 image) and the page's address; and an SMS of at most
160 characters in the GSM alphabet (no diacritics: a single SMS then holds 160 characters,
against 70 with them), ending with a short address the site itself serves
(``site_url`` + ``s/<code>/``, a page that forwards to the campaign).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.campaign.model import Campaign
from generator.content.broadcast import unsearched
from generator.content.gallery import GalleryItem
from generator.content.markdown import escape, link
from generator.content.overview import is_derived_summary, phase_when
from generator.content.sharing import card_path
from generator.content.writer import PageWriter
from generator.paths import CampaignPaths
from generator.posters.plan import campaign_url, is_placeholder
from generator.vi import fold

POST_LIMIT = 1000  # a Zalo message holds 2,000; Facebook shows about this much before "more"
SMS_LIMIT = 160
SHORT_URL_LIMIT = 40
SHORT_FOLDER = "s"
CODE_LENGTH = 4  # 32⁴, about a million codes
_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no l/1, o/0 to misread
_ITEM_LIMIT = 200  # one action, the contact or the slogan in a post
SOCIAL = "mang-xa-hoi"  # the poster format made for social pages, 1200 × 630
# Where a site has no address yet (no site_url): the page says so above the posts.
PLACEHOLDER_URL = "https://dia-chi-trang-web.invalid/"
# The GSM 03.38 basic alphabet: an SMS of these characters only holds 160 of them.
_GSM = frozenset("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
                 "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")


@dataclass(frozen=True)
class Post:
    """One post: a name for its file, a title for the page, and its text (which names the
    picture to attach and the page's address)."""

    name: str
    title: str
    text: str


def short_code(campaign_id: str) -> str:
    """A campaign's code on a site without another campaign sharing its first characters."""
    return _stream(campaign_id)[:CODE_LENGTH]


def _stream(campaign_id: str) -> str:
    """The characters a campaign's codes are taken from, the same at every build; the id at
    the end keeps two campaigns' streams apart even if their hashes were equal."""
    digest = hashlib.sha256(campaign_id.encode()).digest()
    return "".join(_ALPHABET[b % len(_ALPHABET)] for b in digest) + "-" + campaign_id


@dataclass(frozen=True)
class ShortCodes:
    """Each campaign's code on one site (``of``), and the codes several of its campaigns
    share (``shared``), where a page lists them: an SMS sent with a code before another
    campaign came to share it still leads to its campaign, one tap further."""

    of: dict[str, str]
    shared: dict[str, tuple[str, ...]]


def short_codes(campaign_ids: Iterable[str]) -> ShortCodes:
    """Four characters for each campaign, one more at a time where campaigns share them: a
    campaign's code changes only when another campaign comes to share it."""
    streams = {cid: _stream(cid) for cid in sorted(set(campaign_ids))}
    of: dict[str, str] = {}
    shared: dict[str, tuple[str, ...]] = {}
    groups, length = [list(streams)], CODE_LENGTH
    while groups:
        sharing = []
        for group in groups:
            by_code: dict[str, list[str]] = {}
            for cid in group:
                by_code.setdefault(streams[cid][:length], []).append(cid)
            for code, members in by_code.items():
                if len(members) == 1:
                    of[members[0]] = code
                else:
                    shared[code] = tuple(members)
                    sharing.append(members)
        groups, length = sharing, length + 1
    return ShortCodes(of, shared)


def short_path(code: str) -> str:
    """The short address's path in the site: ``s/<code>/index.html``."""
    return f"{SHORT_FOLDER}/{code}/index.html"


def short_url(site_url: str, code: str) -> str:
    """The short address as an SMS carries it: without 'https://' where that makes it fit
    :data:`SHORT_URL_LIMIT` (phones link a bare domain)."""
    full = f"{site_url.rstrip('/')}/{SHORT_FOLDER}/{code}/"
    bare = full.split("://", 1)[-1]
    return full if len(full) <= SHORT_URL_LIMIT else bare


def forwarding_page(campaign: Campaign) -> str:
    """The page at the short address: it forwards to the campaign's first page at once, and
    says where it leads for a browser that does not follow."""
    target = f"../../{campaign.id}/"
    title = html.escape(campaign.short_title)
    return _short_page(title, f'<p>Mời xem trang <a href="{target}">{title}</a>.</p>\n',
                       f'<meta http-equiv="refresh" content="0; url={target}">\n')


def choosing_page(campaigns: Sequence[Campaign]) -> str:
    """The page at a code several campaigns share: each of them, one tap away."""
    items = "".join(f'<li><a href="../../{c.id}/">{html.escape(c.short_title)}</a></li>\n'
                    for c in campaigns)
    return _short_page("Chọn chiến dịch", "<p>Địa chỉ này dẫn tới các chiến dịch sau, mời "
                                          f"chọn:</p>\n<ul>\n{items}</ul>\n", "")


def _short_page(title: str, body: str, head: str) -> str:
    return (f'<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="robots" content="noindex">\n{head}'
            f"<title>{title}</title>\n</head>\n"
            f'<body data-pagefind-ignore="all">\n<main>\n<h1>{title}</h1>\n{body}</main>\n'
            "</body>\n</html>\n")


def posts(campaign: Campaign, page_url: str, picture_url: str) -> list[Post]:
    """The campaign's post, then one per dated phase."""
    made = [Post("bai-dang-chien-dich", "Bài đăng giới thiệu chiến dịch",
                 _post(campaign, [_intro(campaign)], page_url, picture_url))]
    for number, phase in enumerate(campaign.phases, start=1):
        when = phase_when(phase)
        if not when:
            continue
        lines = [f"{phase.title.rstrip('.:')} ({when})"]
        if phase.text:
            lines.append(" ".join(phase.text.split()))
        made.append(Post(f"bai-dang-dot-{number}", f"Bài đăng: {phase.title.rstrip('.:')}",
                         _post(campaign, lines, page_url, picture_url)))
    return made


def _intro(campaign: Campaign) -> str:
    if is_derived_summary(campaign) and campaign.purposes:
        return " ".join(campaign.purposes[0].text.split())
    return " ".join(campaign.summary.split())


def _post(campaign: Campaign, body: list[str], page_url: str, picture_url: str) -> str:
    """Title, body, what to do, where to ask, a slogan, the page; the body is cut after a
    whole sentence (or word) where the whole would pass :data:`POST_LIMIT`."""
    head = [campaign.short_title.upper(), ""]
    actions = campaign.leaflet.actions
    tail = _tail(campaign, actions, page_url, picture_url)

    def room() -> int:  # for the body, between the head and the tail, and a last newline
        return POST_LIMIT - len("\n".join([*head, "", "", *tail])) - 1

    while room() < 200 and actions:  # a long list of actions: its first ones
        actions = actions[:-1]
        tail = _tail(campaign, actions, page_url, picture_url)
    return "\n".join([*head, _cut("\n\n".join(body), max(room(), 0)), "", *tail]) + "\n"


def _tail(campaign: Campaign, actions: list[str], page_url: str, picture_url: str) -> list[str]:
    contact = campaign.contact
    lines = ["Người dân nên làm gì:", *(f"- {_cut(a, _ITEM_LIMIT)}" for a in actions), ""] \
        if actions else []
    if contact:  # no office is put forward that the campaign does not name
        lines += [f"Hỏi: {_cut(contact.unit, _ITEM_LIMIT)}" + (f", đường dây nóng {contact.hotline}"
                                            if contact.hotline else "") + ".", ""]
    if campaign.slogans:
        lines += [_cut(campaign.slogans[0].text, _ITEM_LIMIT), ""]
    return [*lines, f"Xem chi tiết: {page_url}", f"Ảnh kèm bài (1200 × 630): {picture_url}"]


def _cut(text: str, limit: int, more: str = "…") -> str:
    """``text`` within ``limit`` characters: after its last whole sentence, else word,
    followed by ``more``."""
    if len(text) <= limit:
        return text
    room = text[:max(limit - len(more) - 1, 0)]
    sentence = max(room.rfind(". "), room.rfind("; "), room.rfind("\n"))
    if sentence > limit // 2:
        return room[:sentence + 1].rstrip(";\n") + " " + more
    words = room.rsplit(" ", 1)[0] if " " in room else room
    return words.rstrip(" ,.;:") + more


def sms(campaign: Campaign, site_url: str, code: str) -> str:
    """At most 160 GSM characters: the campaign, what to do, the hotline, the short address
    of ``code`` (always whole); what does not fit is cut from what to do, then from the
    title, after a whole word."""
    address = short_url(site_url, code)
    contact = campaign.contact
    call = f" Hoi: {_gsm(contact.hotline)}." if contact and contact.hotline else ""
    if len(call) + len(address) + 20 > SMS_LIMIT:  # an address too long for a hotline too
        call = ""
    budget = SMS_LIMIT - len(call) - len(address) - 1  # the title and what to do
    title = _gsm(campaign.short_title).rstrip(" :.")
    if len(title) + 1 > budget:
        title = _cut(title, budget - 1, "...")
    action = _gsm(campaign.leaflet.actions[0]).rstrip(" .") if campaign.leaflet.actions \
        else ""
    room = budget - len(title) - 3  # ": " and the closing "."
    said = "" if title.endswith("...") else "."
    if action and room >= len(action):
        said = f": {action}."
    elif action and room > 12:
        said = f": {_cut(action, room, '...')}"
    return f"{title}{said}{call} {address}"


def _gsm(text: str) -> str:
    """Text without diacritics, in the GSM alphabet ('đ' as 'd'; other signs dropped)."""
    plain = fold(text).replace("…", "...").replace("–", "-").replace("—", "-")
    plain = re.sub(r"[“”«»]", '"', plain)
    return " ".join("".join(c if c in _GSM else " " for c in plain).split())


def share_picture(campaign_id: str, gallery: Sequence[GalleryItem]) -> str:
    """The site path of the picture a post carries: the first slogan's 1200×630 image, else
    the campaign page's share card (the same size)."""
    paths = CampaignPaths(campaign_id)
    social = next((item.stem for item in gallery if item.stem.endswith(f"--{SOCIAL}")), None)
    return paths.poster(f"{social}.png") if social else card_path(paths.overview)


def messages_page(w: PageWriter, site_url: str | None, picture: str, code: str) -> str:
    """The message pack on the site: each post to copy or download, and the SMS.
    ``picture`` is the site path of the 1200×630 image posts carry, ``code`` the campaign's
    short address."""
    c, page = w.campaign, w.paths.messages
    body = ["Bài đăng cho nhóm trò chuyện (Zalo), trang mạng xã hội của cơ quan, đơn vị, và "
            "tin nhắn SMS: chép nguyên văn, hoặc tải tệp về.", ""]
    if is_placeholder(site_url):
        body += ['!!! warning "Chưa có địa chỉ thật của trang web"', "",
                 "    Các địa chỉ trong bài đăng và tin nhắn dưới đây chưa dẫn tới đâu: hãy "
                 "ghi địa chỉ thật của trang vào dòng site_url trong mkdocs.yml rồi tạo lại "
                 "trang.", ""]
    site_url = site_url or PLACEHOLDER_URL
    address = short_url(site_url, code)
    if len(address) > SHORT_URL_LIMIT:
        body += ['!!! warning "Địa chỉ ngắn còn dài"', "",
                 f"    Địa chỉ ngắn trong tin nhắn dài {len(address)} ký tự (nên không quá "
                 f"{SHORT_URL_LIMIT}) vì tên miền của trang dài: nếu có thể, hãy dùng một tên "
                 "miền ngắn hơn cho trang (dòng site_url trong mkdocs.yml).", ""]
    picture_url = f"{site_url.rstrip('/')}/{picture}"
    for post in posts(c, campaign_url(site_url, c.id), picture_url):
        body += [f"## {escape(post.title)}", "",
                 f"{len(post.text)} ký tự. Tải về: "
                 + link("bài đăng (tệp .txt)", w.paths.message_file(post.name), page)
                 + ", " + link("ảnh kèm bài (1200 × 630)", picture, page)
                 + ".", "", *unsearched(_block(post.text)), ""]
    text = sms(c, site_url, code)
    body += ["## Tin nhắn SMS", "",
             f"{len(text)} ký tự, không dấu (một tin nhắn chứa tối đa {SMS_LIMIT} ký tự "
             "không dấu). Địa chỉ ngắn dẫn tới trang đầu của chiến dịch. Tải về: "
             + link("tin nhắn (tệp .txt)", w.paths.message_file("tin-nhan-sms"), page) + ".",
             "", *unsearched(_block(text)), ""]
    return w.page(page, "Tin nhắn, bài đăng",
                  f"Bài đăng và tin nhắn về {c.short_title}, để chia sẻ.", body)


def _block(text: str) -> list[str]:
    """Text shown as it will be pasted, line for line."""
    return [f"> {escape(line)}  " if line else ">" for line in text.rstrip().split("\n")]
