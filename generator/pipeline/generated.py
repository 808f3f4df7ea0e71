"""The campaigns' share of the site, remembered between builds.

Pages, menu sections, posters and calendars follow from the campaign files, the fonts and logos
they name, the site's address and the generator's code alone (``inputs.campaigns_key``). While
none of those changed, a build reads them back from one JSON file instead of loading the
campaign model and Pillow and generating every page again: on a small project that was most of
what a rebuild spent on top of MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.content.navigation import NavItem
from generator.memo import Entry
from generator.memo import key as memo_key
from generator.pipeline.inputs import CampaignsKey
from generator.printing.speech import available as speech_available

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


def _entry(cache_dir: Path, key: CampaignsKey, site_url: str | None) -> Entry:
    # Pages made where the reads could not be recorded are made again once they can.
    return Entry(cache_dir / ENTRY, memo_key("generated", list(key), site_url,
                                             speech_available()))


def recall(cache_dir: Path, key: CampaignsKey, site_url: str | None) -> CampaignOutput | None:
    """The output of an earlier build of the same campaigns for the same address, while every
    file it lists is still in the cache; None otherwise."""
    made = _entry(cache_dir, key, site_url).recall()
    try:
        return CampaignOutput(
            pages={str(k): str(v) for k, v in made["pages"].items()},
            sections=list(made["sections"]), owned=[str(p) for p in made["owned"]],
            assets={str(k): Path(v) for k, v in made["assets"].items()},
            titles={str(k): str(v) for k, v in made["titles"].items()})
    except (KeyError, TypeError, AttributeError):
        return None


def remember(cache_dir: Path, key: CampaignsKey, site_url: str | None,
             output: CampaignOutput) -> None:
    """Keep ``output`` for the next build; a cache that cannot be written is skipped."""
    made = {"pages": output.pages, "sections": output.sections, "owned": output.owned,
            "titles": output.titles, "assets": {k: str(v) for k, v in output.assets.items()}}
    _entry(cache_dir, key, site_url).keep(made, output.assets.values())
