"""Campaigns validated by an earlier build, reused while nothing they were read from changed.

Validation lays out every poster to prove its slogan fits; on a city-wide project that is most
of a rebuild's own cost. An entry records the campaign as validated data together with a hash
of every file validation read (the campaign, its fonts and logo) and of the generator's code,
so that any change to any of them means a full validation again. Entries are JSON read back
through the model, never pickled code.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.cachefile import keep
from generator.inputs import CHECKED_FOLDER, code_fingerprint, file_digest
from generator.model import Campaign
from generator.posters.plan import poster_fonts


def _file_hash(path: Path) -> str | None:
    try:
        return file_digest(path)
    except OSError:
        return None


def _entry_path(cache_dir: Path, path: Path) -> Path:
    return cache_dir / CHECKED_FOLDER / f"{path.stem}.json"


def _source_key(path: Path, root: Path) -> str:
    digest = hashlib.sha256(f"{code_fingerprint()}\0{root.resolve()}\0{path.resolve()}\0"
                            .encode())
    digest.update(path.read_bytes())
    return digest.hexdigest()


def _dependencies(campaign: Campaign, base: Path) -> dict[str, str | None]:
    fonts = poster_fonts(campaign, base)
    files = [fonts.headline, fonts.text]
    if campaign.posters.logo:
        files.append(base / campaign.posters.logo)
    return {str(f.resolve()): _file_hash(f) for f in files}


def recall(path: Path, root: Path, cache_dir: Path) -> Campaign | None:
    """The campaign as validated before, or None when anything it was read from changed."""
    try:
        entry: Any = json.loads(_entry_path(cache_dir, path).read_text(encoding="utf-8"))
        if entry["key"] != _source_key(path, root):
            return None
        campaign = Campaign.model_validate(entry["campaign"])
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return None
    if entry.get("dependencies") != _dependencies(campaign, path.parent):
        return None
    return campaign


def remember(path: Path, root: Path, cache_dir: Path, campaign: Campaign) -> None:
    """Record a campaign that passed every check; a cache that cannot be written is skipped."""
    entry = {"key": _source_key(path, root),
             "dependencies": _dependencies(campaign, path.parent),
             "campaign": campaign.model_dump(mode="json", by_alias=True)}
    keep(_entry_path(cache_dir, path), json.dumps(entry, ensure_ascii=False))
