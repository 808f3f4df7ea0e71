"""Finding a project's campaign files and turning them into the generated docs tree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problem, UserError
from generator.model import Campaign
from generator.navigation import NavItem, site_nav
from generator.pages import generate_site
from generator.validate import load_campaigns

CAMPAIGN_SUFFIXES = (".yml", ".yaml")


def campaign_files(campaigns_dir: Path) -> list[Path]:
    """The campaign files in ``campaigns_dir``; two files for one campaign id are an error."""
    if not campaigns_dir.is_dir():
        return []
    files = sorted(p for p in campaigns_dir.iterdir()
                   if p.suffix in CAMPAIGN_SUFFIXES and p.is_file() and not p.name.startswith("."))
    seen: dict[str, Path] = {}
    problems = []
    for path in files:
        if path.stem in seen:
            problems.append(Problem(path, 1, 1, f"đã có tệp {seen[path.stem].name} cho cùng "
                                                 "chiến dịch; hãy giữ một tệp"))
        seen[path.stem] = path
    if problems:
        raise UserError(problems)
    return files


def load_project(campaigns_dir: Path) -> list[Campaign]:
    return load_campaigns(campaign_files(campaigns_dir))


@dataclass(frozen=True)
class GeneratedSite:
    """What the generator adds to a docs tree: pages in memory and the navigation."""

    pages: dict[str, str]
    nav: list[NavItem] | None


def generate(campaigns_dir: Path, docs_dir: Path) -> GeneratedSite:
    """Everything generated, or nothing when the project has no campaigns folder (an export)."""
    if not campaigns_dir.is_dir():
        return GeneratedSite({}, None)
    campaigns = load_project(campaigns_dir)
    return GeneratedSite(generate_site(campaigns), site_nav(campaigns, docs_dir))


def shadowed(pages: dict[str, str], docs_dir: Path) -> list[str]:
    """Generated paths that a person has written by hand in ``docs_dir``: theirs wins."""
    return [path for path in pages if (docs_dir / path).exists()]
