"""What a print shop and the site receive of a campaign's posters: the files, a manifest (JSON
and CSV) and a zip print pack with a note on how to print."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import logging
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path

from generator.atomic import replacing, write_if_changed
from generator.paths import CampaignPaths, unit_posters
from generator.posters.batch import MANIFEST_COLUMNS, build_posters
from generator.posters.drawn import PosterFile
from generator.posters.plan import PosterJob
from generator.printing.printed import Printed
from generator.printing.ticket import TicketInfo, job_ticket

log = logging.getLogger("mkdocs.plugins.campaign.posters")
# A spreadsheet reads a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def manifest_json(files: Sequence[PosterFile]) -> str:
    return json.dumps([asdict(f) for f in files], ensure_ascii=False, indent=2) + "\n"


def manifest_csv(files: Sequence[PosterFile]) -> str:
    """The manifest for spreadsheets: UTF-8 with a byte order mark (so Excel reads the
    Vietnamese right), and a text cell that would start a formula (a slogan beginning with
    '=') quoted with an apostrophe so it stays text."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=MANIFEST_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({name: _cell(value) for name, value in asdict(f).items()} for f in files)
    return out.getvalue()


def _cell(value: object) -> object:
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


PRINT_NOTE = """HƯỚNG DẪN IN

Mỗi thư mục là một khổ in, tên ghi khổ và kích thước thành phẩm (sau khi xén), ví dụ
a4-doc-210x297mm. Trong đó mỗi khẩu hiệu có một tệp PDF hệ màu RGB (kèm hồ sơ màu sRGB) và,
khi chiến dịch ghi hồ sơ màu CMYK của nhà in, một tệp PDF/X-4 hệ màu CMYK (tên kết thúc bằng
-cmyk.pdf): hãy in tệp CMYK nếu có. Tệp CMYK được chuyển màu theo ý đồ relative
colorimetric có bù điểm đen (black point compensation); chữ và mã QR màu đen chỉ dùng mực K.
- In đúng 100%, không co giãn. Mỗi tệp PDF có khung TrimBox (khổ thành phẩm) và BleedBox
  (thêm lề xén 3 mm mỗi cạnh); trang dài hơn 5,08 m dùng UserUnit. Xén theo TrimBox.
- Dấu cắt (nếu có) nằm ngoài lề xén, chỉ dùng mực đen (100% K).
- Băng rôn, pa-nô: chữ và mã QR tránh phần lề may viền (hem_mm trong chiến dịch, mặc định
  30 mm); dấu khoen (nếu có) đánh ở giữa lề may.
- Tệp có dải vàng "BẢN THỬ" là bản thử: trang web chưa có địa chỉ thật nên mã QR chưa dùng
  được. Không in bản thử để treo.
- manifest.csv (mở được bằng Excel) và manifest.json liệt kê đúng các tệp trong gói: khổ,
  kích thước thành phẩm, lề xén, kích thước trang, độ phân giải, hệ màu, hồ sơ màu, tổng lượng
  mực lớn nhất (tệp CMYK) và mã kiểm tra sha256.
"""


_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def pack_name(row: PosterFile) -> str:
    """Where a print file goes in the pack: a folder per format, a full-word name that says
    the format and its trimmed size ('a4-doc-210x297mm/01-ky-cuong--a4-doc-210x297mm.pdf')."""
    size = f"{row.format}-{_mm(row.trim_width_mm)}x{_mm(row.trim_height_mm)}mm"
    stem = Path(row.file).stem.removesuffix("--cmyk").removesuffix(f"--{row.format}")
    colour = "-cmyk" if row.kind == "pdf-cmyk" else ""
    return f"{size}/{stem}--{size}{colour}.pdf"


def _mm(value: float | None) -> str:
    return f"{value:g}" if value is not None else "0"


def write_print_pack(target: Path, folder: Path, files: Sequence[PosterFile],
                     ticket: TicketInfo | None = None) -> None:
    """A zip of the print files only, a folder per format, with a manifest of exactly these
    files, a note for the print shop and (with ``ticket``) the job ticket PHIEU-IN.pdf."""
    rows = [(row, pack_name(row)) for row in files if row.kind in ("pdf", "pdf-cmyk")]
    listed = [dataclasses.replace(row, file=name) for row, name in rows]
    sheet = job_ticket(ticket, rows) if ticket is not None and rows else None
    with replacing(target) as partial, \
            zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as pack:
        entries: list[tuple[str, bytes]] = [("DOC-TRUOC-KHI-IN.txt", PRINT_NOTE.encode())]
        if sheet is not None:
            entries.append(("PHIEU-IN.pdf", sheet))
        entries += [("manifest.csv", manifest_csv(listed).encode()),
                    ("manifest.json", manifest_json(listed).encode())]
        entries += [(name, (folder / row.file).read_bytes()) for row, name in rows]
        for name, data in entries:
            # A fixed date: the same posters give the same pack, byte for byte.
            pack.writestr(zipfile.ZipInfo(name, date_time=_ZIP_DATE), data)


def publish(jobs: Sequence[PosterJob], folder: Path, campaign_id: str, *,
            units: Mapping[str, Sequence[PosterJob]] | None = None,
            printed: Callable[[], Printed] | None = None,
            ticket: TicketInfo | None = None,
            unit_tickets: Mapping[str, TicketInfo] | None = None,
            workers: int | None = None, progress: bool | None = None) -> dict[str, Path]:
    """Render (or reuse) every poster, the campaign's and its units' in one batch, and return
    the files to publish, keyed by their path under ``posters/<campaign-id>/``: images,
    thumbnails, PDFs, the leaflet and handbook that ``printed`` gives (typeset on the workers
    meanwhile), and a manifest and print pack for the campaign and one for each unit (in the
    unit's folder, listing only its files)."""
    units = units or {}
    everything = [*jobs, *(job for unit_jobs in units.values() for job in unit_jobs)]
    posters = build_posters(everything, folder, workers=workers, progress=progress)
    log.info(f"Áp phích của {campaign_id}: vẽ {len(posters.drawn)}, dùng lại "
             f"{len(everything) - len(posters.drawn)} không đổi"
             + (f" ({len(units)} đơn vị)" if units else ""))
    documents = printed() if printed is not None else Printed()
    for note in documents.notes:
        log.info(note)
    own = [row for job in jobs for row in posters.by_stem[job.stem]]
    files = _publish_set(folder, "", CampaignPaths(campaign_id).pack(), (*own, *documents.rows),
                         ticket, any(job.stem in posters.drawn for job in jobs))
    for unit_id, unit_jobs in units.items():
        rows = [row for job in unit_jobs for row in posters.by_stem[job.stem]]
        files.update(_publish_set(folder, unit_posters(unit_id),
                                  CampaignPaths(campaign_id).pack(unit_id), rows,
                                  (unit_tickets or {}).get(unit_id, ticket),
                                  any(job.stem in posters.drawn for job in unit_jobs)))
    return files


def _publish_set(folder: Path, sub: str, pack_path: str, rows: Sequence[PosterFile],
                 ticket: TicketInfo | None, drawn: bool) -> dict[str, Path]:
    """The files of one set (the campaign's, or a unit's in the folder ``sub``) and its
    manifests and pack, written again only when a poster or the ticket changed."""
    files = {row.file: folder / row.file for row in rows}
    prefix = f"{sub}/" if sub else ""
    # The set's manifests list its files by their place beside the manifest.
    listed = [dataclasses.replace(row, file=row.file.removeprefix(prefix)) for row in rows]
    for name, text in (("manifest.json", manifest_json(listed)),
                       ("manifest.csv", manifest_csv(listed))):
        files[prefix + name] = write_if_changed(folder / prefix / name, text.encode("utf-8"))
    pack = folder / pack_path
    # What the job ticket says (orders, contact, title) changes the pack without any poster.
    said = write_if_changed(folder / prefix / "goi-in.key", repr(ticket).encode("utf-8"))
    stale = not pack.is_file() or pack.stat().st_mtime < max(
        files[prefix + "manifest.csv"].stat().st_mtime, said.stat().st_mtime)
    if drawn or stale:
        write_print_pack(pack, folder, rows, ticket)
    files[pack_path] = pack
    return files
