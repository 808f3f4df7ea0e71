"""Campaigns validated by an earlier build, reused while nothing they were read from changed.

Validation lays out every poster to prove its slogan fits; on a city-wide project that is most
of a rebuild's own cost. An entry of the cache (:mod:`generator.pipeline.cache`) records the
campaign as validated data, keyed by the campaign file's bytes and place, with a hash of every
other file validation read (its fonts and logo): any change to any of them means a full
validation again. Entries are JSON read back through the model, never pickled code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.campaign.model import Campaign
from generator.campaign.units import shared_units_file
from generator.pipeline.cache import CHECKED_FOLDER, file_digest, keep, key, read_json
from generator.posters.plan import cmyk_profile, poster_fonts


def _file_hash(path: Path) -> str | None:
    try:
        return file_digest(path)
    except OSError:
        return None


def _entry_path(cache_dir: Path, path: Path) -> Path:
    return cache_dir / CHECKED_FOLDER / f"{path.stem}.json"


def _source_key(path: Path, root: Path, source: bytes) -> str:
    return key("campaign", str(root.resolve()), str(path.resolve()),
               source.decode("utf-8", "replace"))


def _dependencies(campaign: Campaign, base: Path) -> dict[str, str | None]:
    fonts = poster_fonts(campaign, base)
    files = [fonts.headline, fonts.text]
    if campaign.posters.logo:
        files.append(base / campaign.posters.logo)
    if (profile := cmyk_profile(campaign, base)) is not None:
        files.append(profile)
    if campaign.cover:
        files.append(base / campaign.cover.file)
    if (units := shared_units_file(campaign, base)) is not None:
        files.append(units)
    return {str(f.resolve()): _file_hash(f) for f in files}


def recall(path: Path, root: Path, cache_dir: Path, source: bytes) -> Campaign | None:
    """The campaign as validated before from ``source`` (the file's bytes), or None when
    anything it was read from changed."""
    entry: Any = read_json(_entry_path(cache_dir, path))
    try:
        if entry["key"] != _source_key(path, root, source):
            return None
        campaign = Campaign.model_validate(entry["campaign"])
    except (KeyError, TypeError, ValidationError):
        return None
    if entry.get("dependencies") != _dependencies(campaign, path.parent):
        return None
    return campaign


def remember(path: Path, root: Path, cache_dir: Path, source: bytes,
             campaign: Campaign) -> None:
    """Record a campaign that passed every check."""
    entry = {"key": _source_key(path, root, source),
             "dependencies": _dependencies(campaign, path.parent),
             "campaign": campaign.model_dump(mode="json", by_alias=True)}
    keep(_entry_path(cache_dir, path), json.dumps(entry, ensure_ascii=False))
