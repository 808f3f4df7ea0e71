"""Campaigns validated by an earlier build, reused while nothing they were read from changed.

Validation lays out every poster to prove its slogan fits; on a city-wide project that is most
of a rebuild's own cost. An entry of the cache (:mod:`generator.pipeline.cache`) records the
campaign as validated data, keyed by the campaign file's bytes and place, with a hash of every
other file validation read (its fonts and logo): any change to any of them means a full
validation again. Entries are JSON read back through the model, never pickled code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.campaign.model import Campaign
from generator.campaign.remembered import CHECKED_FOLDER
from generator.campaign.units import shared_units_file
from generator.memo import Entry, file_digest, key


def _file_hash(path: Path) -> str | None:
    try:
        return file_digest(path)
    except OSError:
        return None


def _source_key(path: Path, root: Path, source: bytes, checked: CheckedFiles) -> str:
    return key("campaign", str(root.resolve()), str(path.resolve()), checked is not None,
               source.decode("utf-8", "replace"))


# The files the loader's checks read beyond the campaign file (its fonts, logo, profile), by
# the checks that know them; None when it was checked as data alone.
CheckedFiles = Callable[[Campaign, Path], list[Path]] | None


def _dependencies(campaign: Campaign, base: Path,
                  checked: CheckedFiles) -> dict[str, str | None]:
    files = checked(campaign, base) if checked is not None else []
    if campaign.cover:
        files.append(base / campaign.cover.file)
    if (units := shared_units_file(campaign, base)) is not None:
        files.append(units)
    return {str(f.resolve()): _file_hash(f) for f in files}


def _entry(path: Path, root: Path, cache_dir: Path, source: bytes,
           checked: CheckedFiles) -> Entry:
    return Entry(cache_dir / CHECKED_FOLDER / f"{path.stem}.json",
                 _source_key(path, root, source, checked))


def recall(path: Path, root: Path, cache_dir: Path, source: bytes,
           checked: CheckedFiles) -> Campaign | None:
    """The campaign as validated before from ``source`` (the file's bytes), or None when
    anything it was read from changed."""
    kept: Any = _entry(path, root, cache_dir, source, checked).recall()
    try:
        campaign = Campaign.model_validate(kept["campaign"])
        # The files it was read from are known once the campaign is: compared after.
        if kept["dependencies"] != _dependencies(campaign, path.parent, checked):
            return None
    except (KeyError, TypeError, ValidationError):
        return None
    return campaign


def remember(path: Path, root: Path, cache_dir: Path, source: bytes, campaign: Campaign,
             checked: CheckedFiles) -> None:
    """Record a campaign that passed every check."""
    _entry(path, root, cache_dir, source, checked).keep({
        "dependencies": _dependencies(campaign, path.parent, checked),
        "campaign": campaign.model_dump(mode="json", by_alias=True)})
