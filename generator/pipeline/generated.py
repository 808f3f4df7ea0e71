"""The campaigns' share of the site, remembered between builds.

Pages, menu sections, posters and calendars follow from the campaign files, the fonts and logos
they name, the site's address and the generator's code alone (``inputs.campaigns_key``). While
none of those changed, a build reads them back from one JSON file instead of loading the
campaign model and Pillow and generating every page again: on a small project that was most of
what a rebuild spent on top of MkDocs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.navigation import NavItem
from generator.memo import keep
from generator.pipeline.inputs import CampaignsKey

# Two lines of JSON: what the output was made from, then the output.
ENTRY = "generated.json"


@dataclass(frozen=True)
class CampaignOutput:
    """What the campaigns make, keyed by docs-relative path: Markdown pages, their menu
    sections with the page paths those stand for, and files (posters, calendars) in the
    cache; ``titles`` maps each campaign's folder to its short title."""

    pages: dict[str, str]
    sections: list[NavItem]
    owned: list[str]
    assets: dict[str, Path]
    titles: dict[str, str]


def recall(cache_dir: Path, key: CampaignsKey, site_url: str | None) -> CampaignOutput | None:
    """The output of an earlier build of the same campaigns for the same address, while every
    file it lists is still in the cache; None otherwise."""
    if _header(cache_dir) != {"campaigns": list(key), "site_url": site_url}:
        return None
    try:
        with (cache_dir / ENTRY).open(encoding="utf-8") as stream:
            stream.readline()
            made = json.loads(stream.readline())
        output = CampaignOutput(
            pages={str(k): str(v) for k, v in made["pages"].items()},
            sections=list(made["sections"]), owned=[str(p) for p in made["owned"]],
            assets={str(k): Path(v) for k, v in made["assets"].items()},
            titles={str(k): str(v) for k, v in made["titles"].items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not all(path.is_file() for path in output.assets.values()):
        return None
    return output


def remember(cache_dir: Path, key: CampaignsKey, site_url: str | None,
             output: CampaignOutput) -> None:
    """Keep ``output`` for the next build; a cache that cannot be written is skipped."""
    header = {"campaigns": list(key), "site_url": site_url}
    made = {"pages": output.pages, "sections": output.sections, "owned": output.owned,
            "titles": output.titles, "assets": {k: str(v) for k, v in output.assets.items()}}
    keep(cache_dir / ENTRY, f"{json.dumps(header)}\n{json.dumps(made, ensure_ascii=False)}\n")


def _header(cache_dir: Path) -> dict[str, Any]:
    """The entry's first line, what it was made from: checking it does not read the pages."""
    try:
        with (cache_dir / ENTRY).open(encoding="utf-8") as stream:
            header = json.loads(stream.readline())
    except (OSError, ValueError):
        return {}
    return header if isinstance(header, dict) else {}
