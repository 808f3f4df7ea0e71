"""The reporting progress pages, from the submissions collected under ``reports/``: made at
every build (the store changes without the campaigns changing), shown by ``campaign serve``
and the studio, and published only for a campaign that says ``reports: public: true``;
naming late units in public is the office's choice."""

from __future__ import annotations

from pathlib import Path

from generator.campaign.files import campaign_files
from generator.campaign.load import load_campaign
from generator.campaign.model import Campaign
from generator.content.progress import progress_pages, unit_section
from generator.errors import Problem, UserError
from generator.paths import REPORTS_DIR, CampaignPaths
from generator.pipeline.project import Project
from generator.reports.indicators import indicators
from generator.reports.periods import period, periods
from generator.reports.progress import Progress, progress
from generator.reports.reporters import reporters
from generator.reports.store import latest, stored_periods
from generator.vi import today_in_vietnam


def progress_content(project: Project, pages: dict[str, str]) -> dict[str, str]:
    """The pages to add, and the units' pages with their figures, for every campaign with
    collected reports that the site may show."""
    store = project.root / REPORTS_DIR
    if not store.is_dir():
        return {}
    sources = {path.stem: path for path in campaign_files(project.campaigns_dir)}
    added: dict[str, str] = {}
    for campaign_id in sorted(p.name for p in store.iterdir() if p.is_dir()):
        source = sources.get(campaign_id)
        if source is None or CampaignPaths(campaign_id).overview not in pages:
            continue  # a campaign removed, or a draft the site leaves out
        campaign = load_campaign(source, project.root, project.cache_dir)
        if not (project.preview or campaign.reports.public):
            continue
        standings = campaign_standings(project, campaign, source)
        added.update(progress_pages(campaign, standings))
        paths = CampaignPaths(campaign_id)
        for unit in reporters(campaign):
            page = paths.unit(unit.id)
            if page in pages:
                added[page] = pages[page] + unit_section(standings, unit.id)
    return added


def campaign_standings(project: Project, campaign: Campaign, source: Path) -> list[Progress]:
    """Each period's standing today, the periods of the reporting rhythm and those some unit
    reported for, by deadline."""
    store = project.root / REPORTS_DIR
    chosen = {p.id: p for p in periods(campaign)}
    for stored in stored_periods(store, campaign.id):
        if stored not in chosen:
            try:
                chosen[stored] = period(campaign, stored, Problem(source, 1, 1, ""))
            except UserError:
                continue  # a folder that names no period
    units, measured, today = reporters(campaign), indicators(campaign), today_in_vietnam()
    return [progress(p, units, measured, latest(store, campaign.id, p.id), today)
            for p in sorted(chosen.values(), key=lambda p: (p.deadline, p.id))]
