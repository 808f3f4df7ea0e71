"""A campaign's loudspeaker and message packs as files in the cache: the reads (text and,
where this machine can record them, MP3), the broadcast schedule, the posts, the SMS and the
page at the short address; each written again only when its content changed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator.atomic import write_if_changed
from generator.campaign.model import Campaign
from generator.content.broadcast import broadcast_days, reads, script_file
from generator.content.calendar import broadcast_calendar
from generator.content.messages import (
    PLACEHOLDER_URL,
    ShortCodes,
    choosing_page,
    forwarding_page,
    posts,
    short_path,
    sms,
)
from generator.memo import Entry, key
from generator.paths import CampaignPaths
from generator.posters.plan import campaign_url
from generator.printing.speech import record


def outreach_files(campaign: Campaign, site_url: str | None, picture: str, code: str,
                   folder: Path, recorder: str | None) -> dict[str, Path]:
    """The packs' files by their site path; ``code`` is the campaign's short address,
    ``recorder`` names the speech tools that record the reads (None: text only)."""
    paths = CampaignPaths(campaign.id)
    url = site_url or PLACEHOLDER_URL
    files: dict[str, Path] = {}

    def put(site_path: str, content: str) -> None:
        files[site_path] = write_if_changed(folder / Path(site_path).name,
                                            content.encode("utf-8"))

    made = reads(campaign)
    for read in made:
        put(paths.broadcast_file(f"-{read.number}.txt"), script_file(campaign, read))
        if recorder is not None:
            mp3 = paths.broadcast_file(f"-{read.number}.mp3")
            files[mp3] = _recorded(read.text, folder / Path(mp3).name,
                                   f"{campaign.short_title}: bài {read.number}", recorder)
    broadcast = f"{url.rstrip('/')}/{paths.broadcast.removesuffix('.md')}/"
    files[paths.broadcast_file(".ics")] = write_if_changed(
        folder / Path(paths.broadcast_file(".ics")).name,
        broadcast_calendar(campaign, broadcast_days(campaign, len(made)),
                           {read.number: read.title for read in made}, site_url, broadcast))
    for post in posts(campaign, campaign_url(url, campaign.id), f"{url.rstrip('/')}/{picture}"):
        put(paths.message_file(post.name), post.text)
    put(paths.message_file("tin-nhan-sms"), sms(campaign, url, code) + "\n")
    files[short_path(code)] = write_if_changed(folder / "chuyen-tiep.html",
                                               forwarding_page(campaign).encode("utf-8"))
    return files


def shared_code_pages(campaigns: Sequence[Campaign], codes: ShortCodes, folder: Path
                      ) -> dict[str, Path]:
    """A page at each code several campaigns share, listing them."""
    by_id = {c.id: c for c in campaigns}
    return {short_path(code): write_if_changed(
                folder / f"ma-chung-{code}.html",
                choosing_page([by_id[cid] for cid in ids]).encode("utf-8"))
            for code, ids in codes.shared.items()}


def _recorded(text: str, mp3: Path, title: str, recorder: str) -> Path:
    """The read's recording, made again only when its text or the speech tools changed."""
    kept = Entry(mp3.with_name(mp3.name + ".json"), key("speech", text, title, recorder))
    if not kept.recall():
        record(text, mp3, title)
        kept.keep(True, [mp3])
    return mp3
