"""The whole flow from a project to its site content, in one screen.

    Project ─► campaign files ─► validated campaigns ─► citations ─► pages, posters, calendars
        (read once)    (campaign/)        (checked, cached)      (content/)      (posters/)
                                                       ─► SiteContent ─► plugin / export

A :class:`SiteContent` is a plain value: consumers (the MkDocs plugin, ``campaign export``)
only translate it into their builder's terms. It is made once per change of the campaigns:
the campaigns' share is remembered in the cache between builds, and within one process the
last value is reused, so the command and the plugin it runs never generate twice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.campaign.files import campaign_files
from generator.content.feed import FEED_PATH, read_posts, rss_feed
from generator.content.navigation import NavItem, site_nav
from generator.paths import REPORTS_DIR
from generator.pipeline.generated import CampaignOutput, recall, remember
from generator.pipeline.inputs import CampaignsKey, campaigns_key
from generator.pipeline.project import Project, is_staff_page

log = logging.getLogger("mkdocs.plugins.campaign")


@dataclass(frozen=True)
class SiteContent:
    """What the generator adds to a docs tree, keyed by docs-relative path: Markdown pages,
    files already on disk (posters, calendars, feed), the menu, and each campaign folder's
    title (for share cards)."""

    pages: dict[str, str] = field(default_factory=dict)
    assets: dict[str, Path] = field(default_factory=dict)
    nav: list[NavItem] | None = None
    sections: dict[str, str] = field(default_factory=dict)


# The last campaigns' output of this process, by what it was made from (not by the output
# folder: the command builds into a staging folder that the plugin is told of).
_Made = tuple[Path, Path, str | None, CampaignsKey]
_last: tuple[_Made, CampaignOutput] | None = None


def generate(project: Project, *, progress: bool | None = None) -> SiteContent:
    """The site content of ``project``; a project without a campaigns folder adds nothing."""
    global _last
    if not project.campaigns_dir.is_dir():
        return SiteContent()
    key = campaigns_key(project)
    made_from: _Made = (project.campaigns_dir, project.cache_dir, project.site_url, key)
    made = _last[1] if _last is not None and _last[0] == made_from else None
    if made is None:
        made = recall(project.cache_dir, key, project.site_url)
        if made is not None:
            log.info(f"{len(made.titles)} chiến dịch không đổi: dùng lại trang, áp phích và "
                     "lịch của lần tạo trước")
    if made is None:
        # The model, the page writer and Pillow load only when campaigns changed.
        from generator.campaign.load import load_campaigns
        from generator.pipeline.produce import produce
        from generator.posters.check import BUILD_CHECKS

        campaigns = load_campaigns(campaign_files(project.campaigns_dir), project.root,
                                   project.cache_dir, BUILD_CHECKS)
        drafts = [] if project.preview else [c.id for c in campaigns if c.draft]
        if drafts:
            log.info(f"bản nháp, không xuất bản (chỉ hiện khi xem trước): {', '.join(drafts)}")
            campaigns = [c for c in campaigns if c.id not in drafts]
        made = produce(campaigns, project, progress)
        # Kept only if no campaign file changed while this build was reading them; under the
        # fonts and logos that validation has just recorded.
        after = campaigns_key(project)
        if after.sources == key.sources:
            remember(project.cache_dir, after, project.site_url, made)
            made_from = (project.campaigns_dir, project.cache_dir, project.site_url, after)
    _last = (made_from, made)
    assets = dict(made.assets)
    posts = read_posts(project.docs_dir)
    if posts and project.site_url:
        from generator.atomic import write_if_changed

        feed = rss_feed(posts, project.site_name, project.site_url)
        assets[FEED_PATH] = write_if_changed(project.cache_dir / "rss.xml", feed)
    nav = site_nav(made.sections, made.owned, project.docs_dir, is_staff_page(project))
    pages = made.pages
    if (project.root / REPORTS_DIR).is_dir():
        # The campaign model loads only for a project with collected reports.
        from generator.pipeline.reported import progress_content

        pages = {**pages, **progress_content(project, pages)}
    return SiteContent(pages, assets, nav, made.titles)


def hand_written_wins(path: str) -> str:
    """The one line a build says when a person's file replaces a generated one."""
    return f"docs/{path} do người viết được dùng thay cho tệp tự sinh cùng tên"


def shadowed(paths: Iterable[str], docs_dir: Path) -> list[str]:
    """Generated paths that a person has written by hand in ``docs_dir``: theirs wins."""
    return [path for path in paths if (docs_dir / path).exists()]
