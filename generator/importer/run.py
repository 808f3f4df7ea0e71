"""One import as one transaction: the campaign file and its pictures are made in a staging
folder, checked as the project will check them, and only then moved in, never over a file.

A refused document, a picture that cannot be saved, a full disk or a killed command leave the
project as it was: at most a hidden staging folder (``campaigns/.nhap-*``), which no command
reads and the next import removes.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path

from generator.atomic import write_bytes, write_new
from generator.campaign.files import CAMPAIGN_SUFFIXES
from generator.campaign.load import load_campaign
from generator.campaign.model import SLUG_PATTERN
from generator.errors import Problem, UserError, display_path
from generator.importer.isolated import read_isolated
from generator.importer.paragraphs import Para
from generator.importer.report import report
from generator.importer.shape import propose_id, shape
from generator.paths import RESERVED_IDS
from generator.posters.check import BUILD_CHECKS

STAGING_PREFIX = ".nhap-"
_MAX_ID_CHARS = 80


def import_document(file: Path, campaigns_dir: Path, root: Path, campaign_id: str | None,
                    site_url: str | None,
                    read: Callable[[Path], list[Para]] = read_isolated) -> str:
    """``file`` as ``campaigns_dir/<id>.md`` with its pictures in ``<id>-hinh/``, all or
    nothing; returns the report of what was recognised. ``read`` reads the document's
    paragraphs (by default in a process of its own)."""
    if campaign_id is not None:
        _check_id(file, campaign_id)
    paragraphs = read(file)
    if not any(p.text.strip() for p in paragraphs if p.image is None):
        raise UserError([Problem(file, 1, 1, (
            "tệp không có chữ nào để chép; hãy kiểm tra đúng tệp văn bản chưa"))])
    shaped = shape(paragraphs, lambda facts: f"{campaign_id or propose_id(facts)}-hinh")
    new_id = campaign_id or propose_id(shaped.facts)
    _check_id(file, new_id)
    _check_free(campaigns_dir, new_id)
    pictures = [p for p in paragraphs if p.image is not None]
    _clear_abandoned(campaigns_dir)
    stage = campaigns_dir / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
    try:
        stage.mkdir(parents=True)
        staged = write_new(stage / f"{new_id}.md", shaped.markdown)
        for number, picture in enumerate(pictures, start=1):
            assert picture.image is not None
            write_bytes(stage / f"{new_id}-hinh" / f"hinh-{number}{picture.text}", picture.image)
        target = campaigns_dir / staged.name
        try:
            campaign = load_campaign(staged, root, checks=BUILD_CHECKS)
        except UserError as exc:
            # Said at the lines of the file that would have been written.
            raise UserError([Problem(target if p.path == staged else p.path, p.line, p.col,
                                     p.message) for p in exc.problems],
                            after=(f"{len(exc.problems)} lỗi; chưa ghi gì: tệp chiến dịch chép "
                                   f"từ {display_path(file)} sẽ có các lỗi trên. Hãy sửa văn "
                                   "bản rồi nhập lại.")) from None
        _move_in(stage, campaigns_dir, new_id)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return report(file, target, campaign, shaped, len(pictures), site_url)


def _check_id(file: Path, campaign_id: str) -> None:
    if not re.fullmatch(SLUG_PATTERN, campaign_id) or len(campaign_id) > _MAX_ID_CHARS:
        raise UserError([Problem(file, 1, 1, (
            f"mã '{campaign_id}' không dùng được: mã là tên tệp và địa chỉ trang, chỉ gồm chữ "
            "thường không dấu, chữ số và dấu '-', ví dụ --id kh-159-ubnd-2025"))])
    if campaign_id in RESERVED_IDS:
        raise UserError([Problem(file, 1, 1, (
            f"mã '{campaign_id}' trùng với một phần sẵn có của trang web "
            f"({', '.join(sorted(RESERVED_IDS))}); hãy chọn mã khác bằng --id"))])


def _check_free(campaigns_dir: Path, campaign_id: str) -> None:
    """Nothing of the project has the names the import would write: checked before reading
    on, and again, atomically, when moving in."""
    taken = [campaigns_dir / f"{campaign_id}{suffix}" for suffix in CAMPAIGN_SUFFIXES]
    taken.append(campaigns_dir / f"{campaign_id}-hinh")
    for path in taken:
        if path.exists() or path.is_symlink():
            what = "thư mục hình" if path.name.endswith("-hinh") else "chiến dịch"
            raise UserError([Problem(path, 1, 1, (
                f"đã có {what} mã '{campaign_id}'; lệnh import không ghi đè: hãy chọn mã khác "
                "bằng --id"))])


def _move_in(stage: Path, campaigns_dir: Path, campaign_id: str) -> None:
    """The campaign file, then its pictures' folder, each taking a name no file has: a link
    fails on a taken name, and renaming a folder fails onto a file or a folder holding any."""
    target = campaigns_dir / f"{campaign_id}.md"
    try:
        os.link(stage / target.name, target)
    except FileExistsError:
        raise UserError([Problem(target, 1, 1, (
            f"đã có chiến dịch mã '{campaign_id}'; lệnh import không ghi đè: hãy chọn mã khác "
            "bằng --id"))]) from None
    pictures = stage / f"{campaign_id}-hinh"
    if not pictures.is_dir():
        return
    try:
        pictures.rename(campaigns_dir / pictures.name)
    except OSError:
        target.unlink()  # made a moment ago by this import, through a name nobody else had
        raise UserError([Problem(campaigns_dir / pictures.name, 1, 1, (
            f"đã có thư mục hình mã '{campaign_id}'; lệnh import không ghi đè: hãy chọn mã "
            "khác bằng --id"))]) from None


def _clear_abandoned(campaigns_dir: Path) -> None:
    """Staging folders of imports whose process is gone (killed, the machine stopped)."""
    for folder in campaigns_dir.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name.removeprefix(STAGING_PREFIX).split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
