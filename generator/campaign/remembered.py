"""What the cache holds of validated campaigns (:mod:`generator.campaign.checked`), read
without the campaign model: a rebuild with nothing changed asks which files they were read
from, and answers before loading the model."""

from __future__ import annotations

from pathlib import Path

from generator.memo import stored_value

# In the cache folder: one entry per validated campaign, with the fonts and logo it uses.
CHECKED_FOLDER = "campaigns"


def read_from(cache_dir: Path) -> set[str]:
    """Every file a remembered campaign was read from besides itself (its fonts, logo,
    profile): what a build's inputs must cover."""
    found: set[str] = set()
    folder = cache_dir / CHECKED_FOLDER
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        kept = stored_value(path)
        files = kept.get("dependencies") if isinstance(kept, dict) else None
        if isinstance(files, dict):
            found.update(str(name) for name in files)
    return found
