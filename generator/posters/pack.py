"""What a print shop and the site receive of a campaign's posters: the files, a manifest (JSON
and CSV) and a zip print pack with a note on how to print."""

from __future__ import annotations

import csv
import io
import json
import logging
import zipfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from generator.atomic import replacing, write_if_changed
from generator.posters.batch import MANIFEST_COLUMNS, PosterFile, build_posters
from generator.posters.plan import PosterJob

log = logging.getLogger("mkdocs.plugins.campaign.posters")
# A spreadsheet reads a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def manifest_json(files: Sequence[PosterFile]) -> str:
    return json.dumps([asdict(f) for f in files], ensure_ascii=False, indent=2) + "\n"


def manifest_csv(files: Sequence[PosterFile]) -> str:
    """The manifest for spreadsheets: a text cell that would start a formula (a slogan
    beginning with '='), is quoted with an apostrophe so it stays text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({name: _cell(value) for name, value in asdict(f).items()} for f in files)
    return out.getvalue()


def _cell(value: object) -> object:
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


PRINT_NOTE = """HƯỚNG DẪN IN

Mỗi áp phích có tệp PNG (ảnh gốc) và tệp PDF (cùng ảnh, không nén lại).
- Kích thước trong tệp đã gồm lề xén (bleed) 3 mm mỗi cạnh: in đúng 100%, không co giãn,
  rồi xén theo khung TrimBox của tệp PDF (bằng khổ ghi trong cột label của manifest.csv).
- Độ phân giải ghi trong cột dpi và trong chính tệp PNG.
- Chữ và mã QR nằm trong vùng an toàn, cách mép xén ít nhất 5 mm.
- manifest.csv liệt kê từng tệp: khổ, kích thước (px, mm), dpi, lề xén, mã kiểm tra sha256.
"""


def write_print_pack(target: Path, folder: Path, files: Sequence[PosterFile]) -> None:
    """A zip of every print file, the manifest and a note for the print shop."""
    with replacing(target) as partial, \
            zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as pack:
        pack.writestr("DOC-TRUOC-KHI-IN.txt", PRINT_NOTE)
        pack.writestr("manifest.csv", manifest_csv(files))
        for row in files:
            if row.kind in ("png", "pdf"):
                pack.write(folder / row.file, row.file)


def publish(jobs: Sequence[PosterJob], folder: Path, campaign_id: str, *,
            workers: int | None = None, progress: bool | None = None) -> dict[str, Path]:
    """Render (or reuse) every poster and return the files to publish, keyed by their path
    under ``posters/<campaign-id>/``: images, thumbnails, PDFs, manifests, print pack."""
    posters = build_posters(jobs, folder, workers=workers, progress=progress)
    log.info(f"áp phích {campaign_id}: vẽ {posters.drawn}, dùng lại "
             f"{len(jobs) - posters.drawn} không đổi")
    files = {row.file: folder / row.file for row in posters.files}
    for name, text in (("manifest.json", manifest_json(posters.files)),
                       ("manifest.csv", manifest_csv(posters.files))):
        files[name] = write_if_changed(folder / name, text.encode("utf-8"))
    pack = folder / f"{campaign_id}-goi-in.zip"
    stale = not pack.is_file() or pack.stat().st_mtime < files["manifest.csv"].stat().st_mtime
    if posters.drawn or stale:
        write_print_pack(pack, folder, posters.files)
    files[pack.name] = pack
    return files
