"""The site's navigation, in reading order rather than MkDocs' alphabetical folder order.

Section titles are HTML-escaped: Material writes them into the menu without escaping.

Without it, MkDocs and Zensical name a campaign's section after its folder ("Cchc ha noi 2021")
and sort its pages alphabetically. The same structure is given to MkDocs by the plugin and
written into ``mkdocs.yml`` by ``campaign export``, so both builders show one menu.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.paths import HOME, CampaignPaths

if TYPE_CHECKING:  # the menu of unchanged campaigns comes from the cache, without the model
    from generator.campaign.model import Campaign

NavItem = str | dict[str, Any]
# A campaign with more agencies than this lists only the agencies' index in the menu: every
# page carries its section of the menu, and two thousand agencies listed on each of two
# thousand agency pages made pages of 600 KB and a build quadratic in the agencies.
MAX_AGENCIES_IN_MENU = 12


def campaign_nav(campaigns: Sequence[Campaign]) -> tuple[list[NavItem], list[str]]:
    """Each campaign's section, newest first, and every page path those sections stand for
    (a page a person wrote at one of them is not listed a second time)."""
    sections: list[NavItem] = []
    owned: list[str] = []
    for campaign in campaigns:
        paths = CampaignPaths(campaign.id)
        agencies = [paths.agencies, *(paths.agency(r.id) for r in campaign.responsibilities
                                       if r.agency)]
        listed = agencies if len(agencies) <= MAX_AGENCIES_IN_MENU + 1 else agencies[:1]
        units = [paths.units, *(paths.unit(u.id) for u in campaign.units.units)] \
            if campaign.units else []
        # Beyond a few, the units' index stands for their pages, as for agencies.
        unit_items: list[NavItem] = [] if not units else [
            {"Các đơn vị thực hiện": units} if len(units) <= MAX_AGENCIES_IN_MENU + 1
            else units[0]]
        section = [paths.overview, paths.full_text, paths.topics, paths.forms,
                   {"Trách nhiệm các cơ quan": listed}, paths.slogans, paths.gallery,
                   *unit_items, *([paths.indices] if campaign.indices else []),
                   paths.documents, paths.broadcast, paths.messages]
        sections.append({html.escape(campaign.short_title): section})
        owned += [paths.overview, paths.full_text, paths.topics, paths.forms, paths.slogans,
                  paths.gallery, paths.indices, paths.documents, paths.broadcast,
                  paths.messages, *agencies, *units]
    return sections, owned


def site_nav(sections: Sequence[NavItem], owned: Iterable[str], docs_dir: Path,
             hidden: Callable[[str], bool] = lambda path: False) -> list[NavItem]:
    """Home, then the campaigns' sections, then the pages people wrote, by folder, but those
    ``hidden`` (staff pages, which the public site leaves out)."""
    return [{"Trang chủ": HOME}, *sections,
            *_folder_nav(docs_dir, docs_dir, {HOME, *owned}, hidden)]


def _folder_nav(folder: Path, docs_dir: Path, owned: set[str],
                hidden: Callable[[str], bool]) -> list[NavItem]:
    if not folder.is_dir():
        return []
    items: list[NavItem] = []
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith((".", "_")))
    for page in (p for p in entries if p.is_file() and p.suffix == ".md"):
        path = page.relative_to(docs_dir).as_posix()
        if path not in owned and not hidden(path):
            items.append(path)
    # Blog posts (tin-tuc/posts/) are listed by the blog's own index, not in the menu.
    for sub in (p for p in entries if p.is_dir() and p.name != "posts"):
        children = _folder_nav(sub, docs_dir, owned, hidden)
        if len(children) == 1:
            items.append(children[0])
        elif children:
            items.append({html.escape(_folder_title(sub)): children})
    return items


def _folder_title(folder: Path) -> str:
    index = folder / "index.md"
    if index.is_file():
        title = page_title(index.read_text(encoding="utf-8"))
        if title:
            return title
    return folder.name.replace("-", " ").capitalize()


def page_title(markdown: str) -> str | None:
    """The title a builder would show: front matter ``title``, else the first ``#`` heading."""
    match = re.match(r"---\n(.*?)\n---\n", markdown, re.S)
    if match:
        found = re.search(r"^title:\s*(.+)$", match[1], re.M)
        if found:
            return found[1].strip().strip("\"'")
    heading = re.search(r"^# (.+)$", markdown, re.M)
    return heading[1].strip() if heading else None
