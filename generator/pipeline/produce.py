"""Validated campaigns in, the campaigns' share of the site out: pages, menu sections, posters
and calendars (drawn into the cache, or reused from it)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from PIL import Image

from generator.atomic import write_if_changed
from generator.campaign.model import Campaign
from generator.content.calendar import campaign_calendar
from generator.content.gallery import GalleryItem, PrintedItem, ReportForm
from generator.content.messages import share_picture, short_codes
from generator.content.navigation import campaign_nav
from generator.content.pages import generate_site
from generator.content.writer import CoverSize
from generator.memo import Entry, key
from generator.paths import CampaignPaths, unit_posters
from generator.pipeline.generated import CampaignOutput
from generator.pipeline.outreach import outreach_files, shared_code_pages
from generator.pipeline.project import Project
from generator.posters.formats import PRINTED_FORMATS, thumbnail_size
from generator.posters.plan import (
    PosterJob,
    campaign_url,
    is_placeholder,
    placeholder_message,
    plan_posters,
    plan_unit_posters,
)
from generator.printing.pack import publish
from generator.printing.printed import Printed, printed_name, typeset_later
from generator.printing.speech import recorder as speech_recorder
from generator.printing.ticket import ticket_info
from generator.reports.periods import periods
from generator.reports.workbook import file_name

log = logging.getLogger("mkdocs.plugins.campaign")


def produce(campaigns: Sequence[Campaign], project: Project,
            progress: bool | None = None) -> CampaignOutput:
    galleries: dict[str, list[GalleryItem]] = {}
    unit_galleries: dict[str, dict[str, list[GalleryItem]]] = {}
    unit_reports: dict[str, dict[str, list[ReportForm]]] = {}
    documents: dict[str, list[PrintedItem]] = {}
    assets: dict[str, Path] = {}
    covers: dict[str, CoverSize] = {}
    if campaigns and is_placeholder(project.site_url):
        log.info(placeholder_message(project.site_url))
    if campaigns and project.preview:
        # Typesetting the handbook takes seconds; a preview rebuilds at every save.
        log.info("Xem trước: tờ rơi và sổ tay chỉ được in khi chạy campaign build")
    # Recording the reads takes a second each; a preview rebuilds at every save.
    recorder = None if project.preview or not campaigns else speech_recorder()
    # Every campaign's leaflet and handbook go to the workers first, the posters after them.
    typesetting = {} if project.preview else {
        c.id: typeset_later(c, project.site_url, project.cache_dir / "posters" / c.id)
        for c in campaigns}
    codes = short_codes(c.id for c in campaigns)
    for campaign in campaigns:
        jobs = plan_posters(campaign, project.campaigns_dir, project.site_url)
        units = plan_unit_posters(campaign, project.campaigns_dir, project.site_url)
        galleries[campaign.id] = _gallery(jobs)
        unit_galleries[campaign.id] = {unit_id: _gallery(unit_jobs)
                                       for unit_id, unit_jobs in units.items()}
        typeset = typesetting.get(campaign.id)
        published = publish_campaign(campaign, jobs, units,
                                     project.cache_dir / "posters" / campaign.id,
                                     typeset.result if typeset is not None else None, progress)
        documents[campaign.id] = [
            PrintedItem(name, fmt.label, fmt.width_mm, fmt.height_mm)
            for fmt in PRINTED_FORMATS.values()
            if (name := printed_name(campaign.id, fmt)) in published]
        paths = CampaignPaths(campaign.id)
        assets.update({paths.poster(name): path for name, path in published.items()})
        if campaign.cover:
            picture = project.campaigns_dir / campaign.cover.file
            with Image.open(picture) as image:
                covers[campaign.id] = (picture.suffix.lower(), image.width, image.height)
            assets[paths.cover(picture.suffix.lower())] = picture
        forms = _report_forms(campaign, project.cache_dir / "reports")
        unit_reports[campaign.id] = {unit_id: [form for form, _ in unit_forms]
                                     for unit_id, unit_forms in forms.items()}
        assets.update({paths.poster(f"{unit_posters(unit_id)}/{form.name}"): path
                       for unit_id, unit_forms in forms.items() for form, path in unit_forms})
        if campaign.reporting or any(p.start or p.end for p in campaign.phases):
            assets[paths.calendar] = _calendar(campaign, project.site_url,
                                               project.cache_dir / "calendars")
        assets.update(outreach_files(campaign, project.site_url,
                                     share_picture(campaign.id, galleries[campaign.id]),
                                     codes.of[campaign.id],
                                     project.cache_dir / "outreach" / campaign.id, recorder))
    assets.update(shared_code_pages(campaigns, codes, project.cache_dir / "outreach"))
    sections, owned = campaign_nav(campaigns)
    pages = generate_site(campaigns, galleries, covers, documents, unit_galleries, unit_reports,
                          project.site_url, audio=recorder is not None)
    return CampaignOutput(pages, sections,
                          owned, assets,
                          {c.id: c.short_title for c in campaigns})


def publish_campaign(campaign: Campaign, jobs: Sequence[PosterJob],
                     units: Mapping[str, Sequence[PosterJob]], folder: Path,
                     printed: Callable[[], Printed] | None,
                     progress: bool | None = None) -> dict[str, Path]:
    """The campaign's posters and its units', drawn in one batch, with the print packs (the
    campaign's and one per unit), as :func:`generator.printing.pack.publish` gives them."""
    return publish(jobs, folder, campaign.id, units=units, printed=printed,
                   ticket=ticket_info(campaign),
                   unit_tickets={u.id: ticket_info(campaign, u)
                                 for u in (campaign.units.units if campaign.units else [])},
                   progress=progress)


def _gallery(jobs: Sequence[PosterJob]) -> list[GalleryItem]:
    return [GalleryItem(job.stem, job.fmt.label, job.slogan, job.fmt.is_print,
                        thumbnail_size(job.fmt.pixels())) for job in jobs]


def _calendar(campaign: Campaign, site_url: str | None, folder: Path) -> Path:
    """The campaign's .ics in the cache, written again only when the campaign, the site's
    address or the generator changed."""
    ics = folder / f"{campaign.id}.ics"
    kept = Entry(folder / f"{campaign.id}.ics.json",
                 key("calendar", site_url, campaign.model_dump_json()))
    if kept.recall():
        return ics
    agency_page = campaign_url(site_url or "", campaign.id) + "trach-nhiem/"
    write_if_changed(ics, campaign_calendar(campaign, site_url, agency_page))
    kept.keep(True, [ics])
    return ics


def _report_forms(campaign: Campaign, folder: Path) -> dict[str, list[tuple[ReportForm, Path]]]:
    """Each unit's report workbook for each period, offered on its page beside its print pack
    (not in it: the pack holds what a print shop prints); made again only when the campaign
    or the generator changed. None without the ``report`` extra."""
    import importlib.util

    found = periods(campaign)
    if not (campaign.units and campaign.units.units and found):
        return {}
    if importlib.util.find_spec("openpyxl") is None:
        log.info("chưa cài phần báo cáo (pip install -e '.[report]'): trang các đơn vị chưa có "
                 "biểu mẫu báo cáo")
        return {}
    from generator.reports.templates import write_templates

    out = folder / campaign.id
    forms = {unit.id: [(ReportForm(p.title, file_name(campaign.id, p.id, unit.id)),
                        out / file_name(campaign.id, p.id, unit.id)) for p in found]
             for unit in campaign.units.units}
    kept = Entry(folder / f"{campaign.id}.json",
                 key("report-forms", campaign.model_dump_json()))
    if not kept.recall():
        stale = [path for unit_forms in forms.values() for _, path in unit_forms
                 if path.exists()]
        for path in stale:  # the cache's own files, made from an older campaign
            path.unlink()
        write_templates(campaign, out, None, out)
        kept.keep(True, [path for unit_forms in forms.values() for _, path in unit_forms])
    return forms
