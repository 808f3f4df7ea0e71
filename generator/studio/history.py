"""Every save of a campaign file kept, inside the project, so that nothing is ever lost.

A save names the version it was made from (the digest of the file as the page showed it):
when the file on disk is no longer that version (another tab saved, someone edited it in a
text editor), nothing is written and the caller is told, with the text on disk, so the page
can offer both. Otherwise the file as it was is kept as a version in
``campaigns/.lich-su/<id>/`` (the last :data:`KEEP`), and the new text replaces the file whole.
The check and the replacement happen under one lock per campaign, so two tabs saving at once
are one after the other. Approvals for publishing are recorded in the same folder.

The folder is hidden: the loader, the build's inputs and MkDocs never read it, and it lives
beside the campaigns, not in the cache folder that may be deleted at any time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import write_bytes, write_new_bytes

HISTORY_FOLDER = ".lich-su"
KEEP = 50
_LOG = "nhat-ky.jsonl"
_APPROVALS = "xuat-ban.jsonl"
_LOCK = ".khoa"
_VERSION = re.compile(r"^(?P<stamp>\d{8}T\d{12})-(?P<digest>[0-9a-f]{12})\.md$")


def digest(content: bytes) -> str:
    """The short name of a version of a file: equal bytes, equal digest."""
    return hashlib.sha256(content).hexdigest()[:12]


class Conflict(Exception):
    """The file changed since the page read it: nothing was written."""

    def __init__(self, current: str, current_digest: str, mine: str = "") -> None:
        super().__init__("tệp đã được sửa ở nơi khác")
        self.current = current
        self.current_digest = current_digest
        self.mine = mine  # the text the page meant to save, offered beside the current one


@dataclass(frozen=True)
class Version:
    name: str
    saved_at: dt.datetime
    note: str


@dataclass(frozen=True)
class Approval:
    approver: str
    at: dt.datetime
    version: str


class History:
    """The versions and approvals of one campaign file."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.folder = file.parent / HISTORY_FOLDER / file.stem

    def save(self, text: str, base: str, note: str) -> str:
        """Replace the file with ``text`` if it is still version ``base``; returns the new
        version's digest. Raises :class:`Conflict` when the file is no longer ``base``."""
        content = text.encode("utf-8")
        with self._locked():
            current = self.file.read_bytes()
            if digest(current) != base:
                raise Conflict(current.decode("utf-8", "replace"), digest(current))
            if current == content:
                return base
            now = dt.datetime.now().astimezone()
            name = f"{now:%Y%m%dT%H%M%S%f}-{digest(current)}.md"
            write_new_bytes(self.folder / name, current)
            write_bytes(self.file, content)
            self._log({"at": now.isoformat(timespec="seconds"), "kept": name, "note": note})
            self._prune()
        return digest(content)

    def versions(self) -> list[Version]:
        """The kept versions, newest first, each with what replaced it."""
        notes = {entry.get("kept"): str(entry.get("note", "")) for entry in self._read(_LOG)}
        found = []
        for path in self._kept():
            stamp = _VERSION.match(path.name)
            assert stamp is not None
            saved = dt.datetime.strptime(stamp["stamp"], "%Y%m%dT%H%M%S%f")
            found.append(Version(path.name, saved, notes.get(path.name, "")))
        return sorted(found, key=lambda v: v.name, reverse=True)

    def text_of(self, name: str) -> str | None:
        """A kept version's text; None for a name that is not one (nothing outside the
        folder is ever read)."""
        if not _VERSION.match(name) or not (self.folder / name).is_file():
            return None
        return (self.folder / name).read_text(encoding="utf-8", errors="replace")

    def text_with_digest(self, wanted: str) -> str | None:
        """The kept version whose bytes have digest ``wanted``: the text a page was showing
        when the file has since been saved from elsewhere."""
        for path in self._kept():
            if path.name.endswith(f"-{wanted}.md"):
                return path.read_text(encoding="utf-8", errors="replace")
        return None

    def approve(self, approver: str, version: str) -> Approval:
        """Record who approved ``version`` of the file for publishing, and when."""
        approval = Approval(approver, dt.datetime.now().astimezone(), version)
        with self._locked():
            self._append(_APPROVALS, {"approver": approver,
                                      "at": approval.at.isoformat(timespec="seconds"),
                                      "version": version})
        return approval

    def approvals(self) -> list[Approval]:
        """Every approval recorded, newest first."""
        found = []
        for entry in self._read(_APPROVALS):
            try:
                found.append(Approval(str(entry["approver"]),
                                      dt.datetime.fromisoformat(str(entry["at"])),
                                      str(entry["version"])))
            except (KeyError, ValueError):
                continue
        return found[::-1]

    def _kept(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return [p for p in self.folder.iterdir() if _VERSION.match(p.name)]

    def _prune(self) -> None:
        for old in sorted(self._kept(), key=lambda p: p.name)[:-KEEP]:
            old.unlink(missing_ok=True)

    def _log(self, entry: dict[str, str]) -> None:
        self._append(_LOG, entry)

    def _append(self, name: str, entry: dict[str, str]) -> None:
        # Appended whole under the lock: one line per event, readable in any editor.
        path = self.folder / name
        before = path.read_bytes() if path.is_file() else b""
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        write_bytes(path, before + line.encode("utf-8"))

    def _read(self, name: str) -> list[dict[str, object]]:
        path = self.folder / name
        if not path.is_file():
            return []
        entries = []
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            with contextlib.suppress(ValueError):
                entry = json.loads(line)
                if isinstance(entry, dict):
                    entries.append(entry)
        return entries

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / _LOCK).open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
