"""What a build reads, as hashes: an unchanged project is not built again, unchanged campaigns
are not validated and generated again.

Kept free of the campaign model, MkDocs and Pillow, so that a build with nothing changed
answers before loading any of them.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from generator import __version__
from generator.fonts import Stamp, stamp
from generator.posters import RENDERER_VERSION

# In the output folder: the hash of the inputs of the build that made it.
INPUTS_STAMP = ".campaign-inputs"
# Validated campaigns (generator/checked.py) are kept in this folder of the cache, each with
# the fonts and logo it uses, wherever in the project those are.
CHECKED_FOLDER = "campaigns"
CACHE_DIR = ".cache"


def inputs_digest(root: Path, *extra: str) -> str:
    """One hash of everything a build reads: campaigns, pages, theme overrides, configuration,
    the fonts and logos the campaigns name, the generator's own version, and ``extra``
    (command options)."""
    digest = hashlib.sha256("\0".join([__version__, RENDERER_VERSION, *extra]).encode())
    for folder in ("campaigns", "docs", "overrides"):
        _add_folder(digest, root / folder, root)
    digest.update((root / "mkdocs.yml").read_bytes())
    _add_dependencies(digest, root / CACHE_DIR)
    return digest.hexdigest()


class CampaignsKey(NamedTuple):
    """What the campaigns' pages, posters and calendars are made from. Equal keys: the
    campaigns validate and generate exactly as before."""

    sources: str  # the campaign files, where the project is, the generator's code
    dependencies: str  # the fonts and logos the campaigns named when last validated


def campaigns_key(campaigns_dir: Path, cache_dir: Path) -> CampaignsKey:
    sources = hashlib.sha256("\0".join([code_fingerprint(), str(campaigns_dir.resolve()),
                                        str(cache_dir.resolve())]).encode())
    _add_folder(sources, campaigns_dir, campaigns_dir)
    dependencies = hashlib.sha256()
    _add_dependencies(dependencies, cache_dir)
    return CampaignsKey(sources.hexdigest(), dependencies.hexdigest())


@cache
def code_fingerprint() -> str:
    """The generator's own source: an edited checkout must not trust entries of the old code."""
    # Imported here: 30 ms that a build with nothing changed does not spend (MkDocs, which
    # every other build loads, has imported it by then).
    from importlib.metadata import version

    digest = hashlib.sha256(f"{__version__}\0{version('pydantic')}".encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        info = path.stat()
        digest.update(f"{path.name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 of a file, read again only when the file was replaced."""
    return _digest(path, stamp(path))


@lru_cache(maxsize=64)
def _digest(path: Path, replaced: Stamp) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add_folder(digest: hashlib._Hash, folder: Path, root: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())


def _add_dependencies(digest: hashlib._Hash, cache_dir: Path) -> None:
    """The fonts and logos the validated campaigns named, by content."""
    for name in sorted(_dependencies(cache_dir / CHECKED_FOLDER)):
        digest.update(name.encode() + b"\0")
        path = Path(name)
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"-")


def _dependencies(checked: Path) -> set[str]:
    found: set[str] = set()
    for entry in checked.glob("*.json"):
        try:
            files = json.loads(entry.read_text(encoding="utf-8")).get("dependencies", {})
        except (OSError, ValueError, AttributeError):
            continue
        found.update(str(name) for name in files if isinstance(files, dict))
    return found
