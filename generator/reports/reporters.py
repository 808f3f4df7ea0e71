"""Who reports: the campaign's units (communes, wards), or its agencies where it has none."""

from __future__ import annotations

from dataclasses import dataclass

from generator.campaign.model import Campaign
from generator.vi import lead_clause


@dataclass(frozen=True)
class Reporter:
    """A unit that owes a report; ``group`` is its group's id among the campaign's units."""

    id: str
    name: str
    group: str | None = None


def reporters(campaign: Campaign) -> list[Reporter]:
    """The units in the campaign's order; else the agencies the reporting rhythm names, else
    every agency given tasks (a paragraph addressed to no agency owes no report)."""
    if campaign.units is not None and campaign.units.units:
        return [Reporter(u.id, u.name, u.group) for u in campaign.units.units]
    named = set(campaign.reporting.by) if campaign.reporting else set()
    return [Reporter(r.id, lead_clause(r.agency, 120)) for r in campaign.responsibilities
            if r.agency and (not named or r.id in named)]


def group_names(campaign: Campaign) -> dict[str, str]:
    """Each group's id and the name its pages show."""
    if campaign.units is None:
        return {}
    return {g.id: g.name or g.id for g in campaign.units.groups}
