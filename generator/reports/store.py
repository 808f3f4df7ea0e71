"""The submissions received: one plain-text file each, reviewable in git.

``reports/<campaign>/<period>/<unit>/<received-at>.yml``: a submission is never changed nor
replaced; a unit that sends again adds a file, and the newest counts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.atomic import write_new

# libyaml's reader and writer when present: thousands of units' files.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_STAMP = "%Y-%m-%dT%H-%M-%SZ"
# A stored submission is small (a few KB): a larger file in the store was not written here.
MAX_STORED_BYTES = 256 * 1024


@dataclass(frozen=True)
class Submission:
    """What one returned workbook said, as accepted."""

    campaign: str
    period: str
    unit: str
    received_at: dt.datetime  # UTC
    source: str  # the returned file's name
    digest: str  # sha256 of the returned file: the same file collected twice is one submission
    figures: dict[str, int]
    notes: dict[str, str] = field(default_factory=dict)
    difficulties: str = ""
    proposals: str = ""
    # The person who filled the workbook: kept for the office, never published.
    filled_by: str = ""
    phone: str = ""


def file_digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def folder(root: Path, campaign: str, period: str, unit: str | None = None) -> Path:
    base = root / campaign / period
    return base / unit if unit else base


def _to_yaml(sub: Submission) -> str:
    data: dict[str, Any] = {
        "campaign": sub.campaign, "period": sub.period, "unit": sub.unit,
        "received_at": sub.received_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "source": sub.source, "sha256": sub.digest, "figures": dict(sub.figures)}
    for key in ("notes", "difficulties", "proposals", "filled_by", "phone"):
        if value := getattr(sub, key):
            data[key] = value
    head = ("# Báo cáo của một đơn vị, do lệnh 'campaign report collect' ghi từ tệp đơn vị gửi "
            "về.\n# Không sửa tệp này: đơn vị gửi lại thì có tệp mới, tệp mới nhất được tính.\n")
    return head + yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False,
                            width=100)


def record(root: Path, sub: Submission) -> Path | None:
    """Write ``sub`` as a new file; None when the same returned file was recorded before."""
    place = folder(root, sub.campaign, sub.period, sub.unit)
    if place.is_dir() and any(s.digest == sub.digest for s in _read_folder(place)):
        return None
    base = sub.received_at.strftime(_STAMP)
    for attempt in range(1, 1000):
        # "_02" sorts after the plain name: the order of names is the order received.
        target = place / (f"{base}.yml" if attempt == 1 else f"{base}_{attempt:02d}.yml")
        try:
            return write_new(target, _to_yaml(sub))
        except FileExistsError:  # two submissions in the same second: both are kept
            continue
    raise FileExistsError(place)


def _from_yaml(data: Any) -> Submission | None:
    if not isinstance(data, dict):
        return None
    try:
        received = dt.datetime.strptime(str(data["received_at"]), "%Y-%m-%dT%H:%M:%SZ") \
            .replace(tzinfo=dt.UTC)
        figures = {str(k): int(v) for k, v in (data.get("figures") or {}).items()
                   if isinstance(v, int) and not isinstance(v, bool)}
        return Submission(
            str(data["campaign"]), str(data["period"]), str(data["unit"]), received,
            str(data.get("source", "")), str(data.get("sha256", "")), figures,
            {str(k): str(v) for k, v in (data.get("notes") or {}).items()},
            str(data.get("difficulties") or ""), str(data.get("proposals") or ""),
            str(data.get("filled_by") or ""), str(data.get("phone") or ""))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _read_folder(place: Path) -> Iterator[Submission]:
    """A unit's submissions in one period, oldest first (names are times); a file that is
    not a submission is passed over, never changed."""
    for path in sorted(place.glob("*.yml")):
        try:
            if path.stat().st_size > MAX_STORED_BYTES:
                continue
            sub = _from_yaml(yaml.load(path.read_bytes(), Loader=_LOADER))
        except (OSError, yaml.YAMLError):
            continue
        if sub is not None:
            yield sub


def history(root: Path, campaign: str, period: str, unit: str) -> list[Submission]:
    """Every submission of one unit for one period, oldest first."""
    place = folder(root, campaign, period, unit)
    return list(_read_folder(place)) if place.is_dir() else []


def latest(root: Path, campaign: str, period: str) -> dict[str, Submission]:
    """The newest submission of each unit that reported for the period."""
    base = folder(root, campaign, period)
    if not base.is_dir():
        return {}
    found: dict[str, Submission] = {}
    for place in sorted(p for p in base.iterdir() if p.is_dir()):
        subs = sorted(_read_folder(place), key=lambda s: s.received_at)
        if subs:
            found[place.name] = subs[-1]
    return found


def stored_periods(root: Path, campaign: str) -> list[str]:
    """The periods some unit reported for."""
    base = root / campaign
    return sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
