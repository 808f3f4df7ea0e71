"""What a build reads, as one hash: an unchanged project is not built again.

Kept free of the campaign model and the page generator, so that ``campaign build`` with
nothing changed answers before loading either.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from generator import __version__
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
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update((root / "mkdocs.yml").read_bytes())
    for name in sorted(_dependencies(root / CACHE_DIR / CHECKED_FOLDER)):
        digest.update(name.encode() + b"\0")
        path = Path(name)
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"-")
    return digest.hexdigest()


def _dependencies(checked: Path) -> set[str]:
    found: set[str] = set()
    for entry in checked.glob("*.json"):
        try:
            files = json.loads(entry.read_text(encoding="utf-8")).get("dependencies", {})
        except (OSError, ValueError, AttributeError):
            continue
        found.update(str(name) for name in files if isinstance(files, dict))
    return found
