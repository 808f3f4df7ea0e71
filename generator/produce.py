"""Validated campaigns in, the campaigns' share of the site out: pages, menu sections, posters
and calendars (drawn into the cache, or reused from it)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from generator.calendar import campaign_calendar
from generator.generated import CampaignOutput
from generator.inputs import code_fingerprint
from generator.model import Campaign
from generator.navigation import campaign_nav
from generator.pages import GalleryItem, generate_site
from generator.paths import CampaignPaths
from generator.posters.build import publish
from generator.posters.formats import thumbnail_size
from generator.posters.plan import campaign_url, plan_posters
from generator.project import write_if_changed


def produce(campaigns: Sequence[Campaign], campaigns_dir: Path, site_url: str | None,
            cache_dir: Path, progress: bool | None = None) -> CampaignOutput:
    galleries: dict[str, list[GalleryItem]] = {}
    assets: dict[str, Path] = {}
    for campaign in campaigns:
        jobs = plan_posters(campaign, campaigns_dir, site_url)
        galleries[campaign.id] = [
            GalleryItem(job.stem, job.fmt.label, job.slogan, job.fmt.is_print,
                        thumbnail_size(job.fmt.pixels(job.crop_marks))) for job in jobs]
        published = publish(jobs, cache_dir / "posters" / campaign.id, campaign.id,
                            progress=progress)
        paths = CampaignPaths(campaign.id)
        assets.update({paths.poster(name): path for name, path in published.items()})
        if campaign.reporting:
            assets[paths.calendar] = _calendar(campaign, site_url, cache_dir / "calendars")
    sections, owned = campaign_nav(campaigns)
    return CampaignOutput(generate_site(campaigns, galleries), sections, owned, assets,
                          {c.id: c.short_title for c in campaigns})


def _calendar(campaign: Campaign, site_url: str | None, folder: Path) -> Path:
    """The campaign's .ics in the cache, written again only when the campaign, the site's
    address or the generator changed."""
    agency_page = campaign_url(site_url or "", campaign.id) + "trach-nhiem/"
    key = hashlib.sha256("\0".join([code_fingerprint(), site_url or "",
                                     campaign.model_dump_json()]).encode()).hexdigest()
    ics, stamp = folder / f"{campaign.id}.ics", folder / f"{campaign.id}.key"
    if ics.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        return ics
    write_if_changed(ics, campaign_calendar(campaign, site_url, agency_page))
    write_if_changed(stamp, key.encode())
    return ics
