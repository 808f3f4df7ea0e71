"""The units' reports in the studio: the progress pages ``campaign serve`` shows (the public
site shows them only when the campaign says ``reports: public: true``), made from the reports
collected as they are now, their links pointed inside the studio."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from generator.campaign.model import Campaign
from generator.content.progress import FOLDER, index_path, progress_pages
from generator.pipeline.project import Project
from generator.pipeline.reported import campaign_standings
from generator.studio.preview import markdown_html

_LINK = re.compile(r'href="([^":#?]+)\.md(#[^"]*)?"')


def progress_html(project: Project, campaign: Campaign, source: Path, name: str) -> str | None:
    """The progress page ``name`` (a period, a page of its units; empty for the list of
    periods) as HTML; None when there is no such page."""
    pages = progress_pages(campaign, campaign_standings(project, campaign, source))
    path = f"{campaign.id}/{FOLDER}/{name}.md" if name else index_path(campaign.id)
    page = pages.get(path)
    if page is None:
        return None
    return _studio_links(markdown_html(page), campaign.id, posixpath.dirname(path))


def _studio_links(html: str, campaign_id: str, folder: str) -> str:
    """Links between progress pages stay in the studio; a link to another page of the site
    (a unit's page) opens the studio's built preview of the site."""
    inside = f"{campaign_id}/{FOLDER}/"

    def point(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(folder, match[1]))
        if target.startswith(inside):
            stem = target.removeprefix(inside)
            url = f"/c/{campaign_id}/bao-cao" + ("" if stem == "index" else f"/{stem}")
        else:
            url = f"/xem/{target.removesuffix('index')}".rstrip("/") + "/"
        return f'href="{url}{match[2] or ""}"'

    return _LINK.sub(point, html)
