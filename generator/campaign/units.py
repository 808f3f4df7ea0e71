"""A campaign's units (communes, wards): read from the campaign and from the shared file it
names, checked, and which slogans and formats each unit's posters use.

A shared file (``campaigns/units/ha-noi.yml``) holds ``units:`` and ``groups:`` as a campaign's
``units:`` does; its problems are placed at their line in that file. The campaign loaded into
the model carries the units of both, so nothing downstream reads the shared file again.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.campaign.model import MAX_UNITS, Campaign, Slogan, Unit, UnitGroup, UnitList
from generator.campaign.yamlsource import Loc, SourceDocument, parse_yaml, read_campaign_bytes
from generator.errors import Problem, UserError

UNITS_FOLDER = "units"


@dataclass(frozen=True)
class Placed:
    """Where a unit or group was written: its file and its place in that file."""

    doc: SourceDocument
    loc: Loc

    def problem(self, key: str | tuple[str | int, ...], message: str) -> Problem:
        keys = (key,) if isinstance(key, str) else key
        return self.doc.problem((*self.loc, *keys), message)


@dataclass(frozen=True)
class UnitSources:
    """Where each of the campaign's units and groups was written, in the campaign's order;
    ``doc`` is the campaign file's own."""

    doc: SourceDocument
    units: tuple[Placed, ...] = ()
    groups: tuple[Placed, ...] = ()


ProblemMaker = Callable[[SourceDocument, ErrorDetails, type[BaseModel]], Problem]


def with_shared_units(doc: SourceDocument, campaign: Campaign, path_problem: Callable[
        [str, Path], str | None], error: ProblemMaker) -> tuple[Campaign, UnitSources]:
    """The campaign with the units of its shared file before its own, and where each unit
    was written; raises :class:`UserError` for a shared file that cannot be used."""
    units = campaign.units
    if units is None:
        return campaign, UnitSources(doc)
    own_units = tuple(Placed(doc, ("units", "units", i)) for i in range(len(units.units)))
    own_groups = tuple(Placed(doc, ("units", "groups", i)) for i in range(len(units.groups)))
    if not units.file:
        return campaign, UnitSources(doc, own_units, own_groups)
    where = ("units", "file")
    problem = path_problem(units.file, doc.path.parent)
    if problem:
        raise UserError([doc.problem(where, problem)])
    path = doc.path.parent / units.file
    if not path.is_file():
        raise UserError([doc.problem(where, (
            f"không thấy tệp danh sách đơn vị '{units.file}'; hãy tạo tệp (ví dụ "
            f"{UNITS_FOLDER}/ha-noi.yml, có dòng 'units:') hoặc sửa đường dẫn"))])
    shared = parse_yaml(path, read_campaign_bytes(path))
    if not isinstance(shared.data, dict):
        raise UserError([shared.problem((), "tệp danh sách đơn vị phải là một bảng có khóa "
                                            "'units:' (và 'groups:' nếu chia nhóm)")])
    try:
        listed = UnitList.model_validate(shared.data)
    except ValidationError as exc:
        raise UserError(error(shared, e, UnitList) for e in exc.errors()) from None
    if len(listed.units) + len(units.units) > MAX_UNITS:
        raise UserError([doc.problem(where, (
            f"chiến dịch có {len(listed.units) + len(units.units)} đơn vị, nhiều hơn giới hạn "
            f"{MAX_UNITS}; hãy tách thành nhiều chiến dịch"))])
    merged = units.model_copy(update={"units": [*listed.units, *units.units],
                                      "groups": [*listed.groups, *units.groups]})
    sources = UnitSources(
        doc,
        (*(Placed(shared, ("units", i)) for i in range(len(listed.units))), *own_units),
        (*(Placed(shared, ("groups", i)) for i in range(len(listed.groups))), *own_groups))
    return campaign.model_copy(update={"units": merged}), sources


def unit_reference_problems(campaign: Campaign, sources: UnitSources,
                            known_formats: set[str] | None) -> Iterator[Problem]:
    """Unique ids, groups that exist, slogan numbers the campaign has, formats it knows (not
    checked without ``known_formats``, the catalogue of what draws them)."""
    units = campaign.units
    if units is None:
        return
    ids: list[tuple[str, list[str], tuple[Placed, ...]]] = [
        ("đơn vị", [u.id for u in units.units], sources.units),
        ("nhóm", [g.id for g in units.groups], sources.groups)]
    for kind, item_ids, places in ids:
        seen: set[str] = set()
        for item_id, place in zip(item_ids, places, strict=True):
            if item_id in seen:
                yield place.problem("id", f"mã {kind} '{item_id}' đã dùng cho {kind} khác; mỗi "
                                          f"{kind} cần một mã riêng")
            seen.add(item_id)
    groups = {g.id for g in units.groups}
    for unit, place in zip(units.units, sources.units, strict=True):
        if unit.group is not None and unit.group not in groups:
            close = difflib.get_close_matches(unit.group, sorted(groups), n=1)
            hint = (f"có phải ý bạn là '{close[0]}'?" if close else
                    "hãy thêm nhóm vào groups" if not groups else
                    f"các nhóm có: {', '.join(sorted(groups)[:20])}")
            yield place.problem("group", f"nhóm '{unit.group}' không có trong groups; {hint}")
    choices = [(Placed(sources.doc, ("units",)), units),
               *zip(sources.groups, units.groups, strict=True),
               *zip(sources.units, units.units, strict=True)]
    names = sorted(known_formats or ())
    for place, choice in choices:
        for i, number in enumerate(choice.slogans or []):
            if number > len(campaign.slogans):
                yield place.problem(("slogans", i), (
                    f"khẩu hiệu số {number} không có: chiến dịch có {len(campaign.slogans)} "
                    "khẩu hiệu; hãy ghi số thứ tự từ 1 đến "
                    f"{max(1, len(campaign.slogans))}"))
        for i, name in enumerate(choice.formats or []):
            if known_formats is not None and name not in known_formats:
                close = difflib.get_close_matches(name, names, n=1)
                hint = f"có phải ý bạn là '{close[0]}'?" if close else (
                    "các khổ có sẵn: " + ", ".join(names))
                yield place.problem(("formats", i), f"khổ '{name}' không có trong danh mục; "
                                                    f"{hint}")


def unit_slogans(campaign: Campaign, unit: Unit) -> list[tuple[int, Slogan, list[str]]]:
    """(number, slogan, formats) of each poster set the unit gets: what the unit says, else
    its group, else the campaign's ``units:``, else every slogan in its own formats."""
    units = campaign.units
    assert units is not None
    group: UnitGroup | None = next((g for g in units.groups if g.id == unit.group), None)
    levels = (unit, group, units)
    numbers = next((c.slogans for c in levels if c is not None and c.slogans is not None),
                   None)
    formats = next((c.formats for c in levels if c is not None and c.formats is not None),
                   None)
    chosen = sorted(set(numbers)) if numbers is not None else \
        list(range(1, len(campaign.slogans) + 1))
    return [(n, campaign.slogans[n - 1],
             list(formats if formats is not None else
                  campaign.slogans[n - 1].formats or campaign.posters.formats))
            for n in chosen if n <= len(campaign.slogans)]


def shared_units_file(campaign: Campaign, base: Path) -> Path | None:
    """The shared file the campaign's units come from, for the cache's dependencies."""
    return base / campaign.units.file if campaign.units and campaign.units.file else None


def as_written(campaign: Campaign, base: Path) -> Campaign:
    """The campaign with only the units its own file lists (those of its shared file left in
    that file), as ``campaign convert`` must write it back."""
    units = campaign.units
    path = shared_units_file(campaign, base)
    if units is None or path is None:
        return campaign
    shared = UnitList.model_validate(parse_yaml(path, read_campaign_bytes(path)).data)
    own = units.model_copy(update={"units": units.units[len(shared.units):],
                                   "groups": units.groups[len(shared.groups):]})
    return campaign.model_copy(update={"units": own})
