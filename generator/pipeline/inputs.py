"""What a build reads, as hashes: an unchanged project is not built again, unchanged campaigns
are not validated and generated again.

Kept free of the campaign model, MkDocs and Pillow, so that a build with nothing changed
answers before loading any of them.
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path
from typing import NamedTuple

from generator.campaign.remembered import read_from
from generator.memo import code_fingerprint, file_digest
from generator.paths import REPORTS_DIR
from generator.pipeline.project import Project
from generator.vi import today_in_vietnam

# In the output folder: the hash of the inputs of the build that made it.
INPUTS_STAMP = ".campaign-inputs"


def inputs_digest(project: Project, *extra: str) -> str:
    """One hash of everything a build reads: campaigns, pages, theme overrides, configuration,
    the fonts and logos the campaigns name, the generator's own code, and ``extra`` (command
    options)."""
    digest = hashlib.sha256("\0".join([code_fingerprint(), *extra]).encode())
    # The reports collected from the units: the progress pages are made from them.
    for folder in (project.campaigns_dir, project.docs_dir, project.theme_dir,
                   project.root / REPORTS_DIR):
        if folder is not None:
            digest.update(str(folder).encode() + b"\0")
            _add_folder(digest, folder)
    digest.update(project.config_file.read_bytes())
    _add_dependencies(digest, project.cache_dir)
    if (project.root / REPORTS_DIR).is_dir():
        # The progress pages say who is late on the day they are built: a new day, a new site.
        digest.update(today_in_vietnam().isoformat().encode())
    return digest.hexdigest()


class CampaignsKey(NamedTuple):
    """What the campaigns' pages, posters and calendars are made from. Equal keys: the
    campaigns validate and generate exactly as before."""

    sources: str  # the campaign files, where the project is, the generator's code
    dependencies: str  # the fonts and logos the campaigns named when last validated


def campaigns_key(project: Project) -> CampaignsKey:
    sources = hashlib.sha256("\0".join([code_fingerprint(), str(project.campaigns_dir),
                                        str(project.cache_dir)]).encode())
    _add_folder(sources, project.campaigns_dir)
    dependencies = hashlib.sha256()
    _add_dependencies(dependencies, project.cache_dir)
    return CampaignsKey(sources.hexdigest(), dependencies.hexdigest())


def _add_folder(digest: hashlib._Hash, folder: Path) -> None:
    """Every regular file below ``folder`` by name and content. Pipes and devices are named
    but never read: reading a FIFO hangs and ``/dev/zero`` never ends (validation refuses
    them with a message). Hidden files and folders are no input: MkDocs skips them, the
    loader reads no hidden campaign, and the studio keeps the campaigns' history there."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        try:
            info = path.stat()
        except OSError:  # a dangling link: validation names it
            continue
        if stat.S_ISDIR(info.st_mode):
            continue
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        if stat.S_ISREG(info.st_mode):
            digest.update(file_digest(path).encode())
        else:
            digest.update(f"special {info.st_mode}".encode())


def _add_dependencies(digest: hashlib._Hash, cache_dir: Path) -> None:
    """The fonts and logos the validated campaigns named, by content."""
    for name in sorted(read_from(cache_dir)):
        digest.update(name.encode() + b"\0")
        path = Path(name)
        digest.update(file_digest(path).encode() if path.is_file() else b"-")
