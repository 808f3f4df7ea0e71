"""The commands, as typed functions: each reads the project, does its one job and returns
what to tell the user. The command line (``generator/cli.py``) only parses arguments."""

from __future__ import annotations

import dataclasses
import json
import logging
import shutil
from collections.abc import Callable
from pathlib import Path

from generator.campaign.files import campaign_files
from generator.errors import EnvironmentProblem, Problem, UserError
from generator.pipeline.cache import CACHE_DIR, project_lock
from generator.pipeline.inputs import INPUTS_STAMP, campaigns_key, inputs_digest
from generator.pipeline.project import Project, load_mkdocs, read_project
from generator.pipeline.staging import check_replaceable, output_intact, staged

SCHEMA_PATH = Path("schema/campaign.schema.json")
log = logging.getLogger("mkdocs.plugins.campaign")


class BuildFailed(Exception):
    """MkDocs could not build the site; the published site was left as it was."""


def validate(config_file: Path, files: list[Path]) -> str:
    """Check ``files``, or every campaign of the project; raises UserError with each problem."""
    from generator.campaign.load import load_campaigns
    from generator.posters.check import BUILD_CHECKS

    if not files:
        project = read_project(config_file)
        files = campaign_files(project.campaigns_dir)
        campaigns = load_campaigns(files, project.root, project.cache_dir, BUILD_CHECKS)
    else:
        campaigns = load_campaigns(files, checks=BUILD_CHECKS)
    return f"{len(campaigns)} tệp chiến dịch hợp lệ."


def build(config_file: Path, *, strict: bool, force: bool, out: Path | None = None) -> str:
    """The whole site into the project's ``site_dir`` (or ``out``), swapped in only once
    MkDocs succeeded."""
    project = read_project(config_file)
    if out is not None:
        project = dataclasses.replace(project, site_dir=out.resolve())
    site = project.site_dir
    option = f"strict={strict}"
    if not force and _up_to_date(project, option):
        return f"Không có gì thay đổi từ lần tạo trước: {site} vẫn mới nhất."

    from mkdocs.commands.build import build as mkdocs_build

    from generator.pipeline.generate import generate

    with project_lock(project.cache_dir, "build"):
        check_replaceable(site)  # before minutes of drawing, not after
        sources = campaigns_key(project).sources
        generate(project)  # the plugin finds this value again: it is made once
        # After validation, which records the fonts and logos the campaigns name.
        digest = inputs_digest(project, option)
        with staged(site) as staging:
            config = load_mkdocs(project.config_file, site_dir=str(staging), strict=strict)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            except OSError:  # a full disk, a folder without permission: the machine's problem
                raise
            # MkDocs, its theme or any plugin, whatever it raises: no site is published.
            except Exception as exc:  # noqa: BLE001
                raise BuildFailed(_one_line(exc)) from None
            finally:
                config.plugins.on_shutdown()
            # A campaign edited while building is built again next time.
            if campaigns_key(project).sources == sources:
                (staging / INPUTS_STAMP).write_text(digest, encoding="utf-8")
    return f"Đã tạo trang web trong {site}"


def _up_to_date(project: Project, option: str) -> bool:
    stamp = project.site_dir / INPUTS_STAMP
    return (stamp.is_file() and output_intact(project.site_dir)
            and stamp.read_text(encoding="utf-8") == inputs_digest(project, option))


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def serve(config_file: Path, dev_addr: str) -> str:
    """Preview with live reload; campaigns are checked first, so that errors show at once."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    from generator.pipeline.generate import generate

    project = read_project(config_file).for_preview()
    with project_lock(project.cache_dir, "serve"):
        generate(project)
    mkdocs_serve(config_file=str(project.config_file), dev_addr=dev_addr, livereload=True)
    return "Đã dừng xem trước."


def export(config_file: Path, out: Path) -> str:
    """The complete docs tree for builders that run no MkDocs plugin (Zensical)."""
    from generator.pipeline.export import export_tree

    project = read_project(config_file)
    with project_lock(project.cache_dir, "export"):
        count = export_tree(project, out.resolve())
    return (f"Đã ghi cây trang vào {out}: {count} trang tự sinh cùng các trang viết tay. Tạo "
            f"trang web và chỉ mục tìm kiếm: cd {out} && zensical build && campaign index site")


def index(site: Path) -> str:
    """The search index of a site another builder made (Zensical, from ``campaign export``),
    and its theme's stylesheets cut to what its pages use, as ``campaign build`` does."""
    from generator.pipeline.search_index import index_site
    from generator.pipeline.stylesheets import slim_stylesheets

    if not (site / "index.html").is_file():
        raise UserError([Problem(site, 1, 1, (
            "không thấy trang web đã tạo ở thư mục này (thiếu index.html); hãy chỉ tới thư mục "
            "trang web, ví dụ: cd xuat && zensical build && campaign index site"))])
    slim = slim_stylesheets(site.resolve())
    made = index_site(site.resolve())
    log.debug(f"tìm kiếm: {made.pages} trang, chỉ mục {made.bytes / 2**20:.1f} MB, "
              f"{made.seconds:.2f} s; kiểu trang của giao diện: {slim.bytes_before // 1024} KB "
              f"còn {slim.bytes_after // 1024} KB")
    return (f"Đã lập chỉ mục tìm kiếm cho {made.pages} trang trong {site}/pagefind, và bỏ "
            "phần trình bày các trang không dùng tới để trang tải nhanh hơn.")


def posters(config_file: Path, file: Path, out: Path, site_url: str | None) -> str:
    """One campaign's posters, manifest and print pack into a folder of their own."""
    from generator.campaign.load import load_campaigns
    from generator.pipeline.produce import publish_campaign
    from generator.posters.check import BUILD_CHECKS
    from generator.posters.plan import (
        is_placeholder,
        placeholder_message,
        plan_posters,
        plan_unit_posters,
    )
    from generator.printing.printed import typeset_later

    project = read_project(config_file) if config_file.is_file() else None
    cache_dir = project.cache_dir if project else Path.cwd() / CACHE_DIR
    site_url = site_url or (project.site_url if project else None)
    [campaign] = load_campaigns([file], checks=BUILD_CHECKS)
    jobs = plan_posters(campaign, file.resolve().parent, site_url)
    units = plan_unit_posters(campaign, file.resolve().parent, site_url)
    with project_lock(cache_dir, "posters"):
        check_replaceable(out.resolve())  # before minutes of drawing, not after
        if is_placeholder(site_url):
            log.warning(placeholder_message(site_url))
        folder = cache_dir / "posters" / campaign.id
        published = publish_campaign(campaign, jobs, units, folder,
                                     typeset_later(campaign, site_url, folder).result)
        with staged(out.resolve()) as staging:
            for name, source in published.items():
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
    count = len(jobs) + sum(len(unit_jobs) for unit_jobs in units.values())
    among = f" (cả {len(units)} đơn vị)" if units else ""
    return f"Đã ghi {count} áp phích{among} vào {out}"


def convert(file: Path, out: Path | None) -> str:
    """The campaign in ``file`` written in the other form (Markdown ⇄ YAML) beside it, or at
    ``out``; an existing file is never replaced."""
    from generator.atomic import write_new
    from generator.campaign.convert import to_markdown, to_yaml
    from generator.campaign.load import load_campaign
    from generator.campaign.markdownsource import MARKDOWN_SUFFIX
    from generator.campaign.units import as_written
    from generator.posters.check import BUILD_CHECKS

    campaign = as_written(load_campaign(file, checks=BUILD_CHECKS), file.parent)
    to_md = file.suffix != MARKDOWN_SUFFIX
    target = out or file.with_suffix(MARKDOWN_SUFFIX if to_md else ".yml")
    text = to_markdown(campaign) if to_md else to_yaml(campaign)
    try:
        write_new(target, text)
    except FileExistsError:
        raise UserError([Problem(target, 1, 1, (
            "đã có tệp này; lệnh convert không ghi đè tệp có sẵn: hãy đổi tên hoặc chuyển tệp "
            "cũ đi, hoặc chọn tên khác bằng --out"))]) from None
    message = f"Đã viết {target}."
    if target.parent.resolve() == file.parent.resolve() and target.stem == file.stem:
        message += (f" Hai tệp cùng mã chiến dịch không dùng được cùng lúc: hãy chuyển {file} "
                    "ra khỏi thư mục campaigns/ (ví dụ vào thư mục luu-tru/) trước khi tạo "
                    "trang.")
    return message


def import_document(config_file: Path, file: Path, campaign_id: str | None) -> str:
    """A received document (Word, PDF, web page, text) written as ``campaigns/<id>.md`` with
    its pictures, all or nothing and never over a file; returns the report of what was
    recognised."""
    from generator.importer.run import import_document as run_import

    project = read_project(config_file)
    return run_import(file, project.campaigns_dir, project.root, campaign_id, project.site_url)


def schema(config_file: Path, *, check: bool) -> tuple[bool, str]:
    """Write the campaign format's JSON Schema, or (``check``) tell whether it is current."""
    from generator.atomic import write_text
    from generator.campaign.schema import campaign_schema

    target = config_file.resolve().parent / SCHEMA_PATH
    text = json.dumps(campaign_schema(), ensure_ascii=False, indent=2) + "\n"
    if check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            return False, f"{SCHEMA_PATH} đã cũ; chạy 'campaign schema' để cập nhật."
        return True, f"{SCHEMA_PATH} khớp với định dạng hiện tại."
    write_text(target, text)
    return True, f"Đã ghi {SCHEMA_PATH}"


def _report_extra() -> None:
    """openpyxl and python-docx, the ``report`` extra, or one line saying how to get them."""
    import importlib.util

    for module in ("openpyxl", "docx"):
        if importlib.util.find_spec(module) is None:
            raise EnvironmentProblem(module, (
                "chưa cài phần báo cáo; hãy chạy .venv/bin/pip install -e '.[report]'"))


def _campaign_sources(project: Project, campaign_id: str | None) -> dict[str, Path]:
    """The project's campaign files by id (the file's name), or the one ``campaign_id``
    names."""
    files = {path.stem: path for path in campaign_files(project.campaigns_dir)}
    if campaign_id is None:
        return files
    if campaign_id not in files:
        listed = ", ".join(sorted(files)) or "chưa có"
        raise UserError([Problem(project.campaigns_dir, 1, 1, (
            f"không có chiến dịch '{campaign_id}' trong thư mục này; các chiến dịch: {listed}"))])
    return {campaign_id: files[campaign_id]}


def report_templates(config_file: Path, campaign_id: str | None, period_id: str | None,
                     out: Path) -> str:
    """A workbook per unit and period of the campaign (or of every campaign) into ``out``,
    never over a file already there."""
    from generator.campaign.load import load_campaign
    from generator.reports.templates import write_templates

    _report_extra()
    project = read_project(config_file)
    lines = []
    for source in _campaign_sources(project, campaign_id).values():
        campaign = load_campaign(source, project.root, project.cache_dir)
        done = write_templates(campaign, source, period_id, out)
        kept = f"; {done.kept} tệp đã có, giữ nguyên" if done.kept else ""
        lines.append(f"{campaign.id}: đã ghi {done.written} biểu mẫu báo cáo ({done.units} đơn "
                     f"vị, kỳ {', '.join(p.id for p in done.periods)}) vào {out}{kept}.")
    return "\n".join(lines) or "Chưa có chiến dịch nào trong thư mục campaigns/."


def report_collect(config_file: Path, paths: list[Path], campaign_id: str | None,
                   period_id: str | None) -> str:
    """The returned workbooks read, checked and recorded under ``reports/``; a receipt per
    unit. Raises UserError naming each refused cell, after recording the accepted ones."""
    from generator.campaign.load import load_campaign
    from generator.campaign.model import Campaign
    from generator.paths import REPORTS_DIR
    from generator.reports.collect import collect, receipt

    _report_extra()
    project = read_project(config_file)
    sources = _campaign_sources(project, campaign_id)

    def lookup(wanted: str) -> Campaign | None:
        source = sources.get(wanted)
        return load_campaign(source, project.root, project.cache_dir) if source else None

    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UserError([Problem(p, 1, 1, "không thấy tệp hay thư mục này") for p in missing])
    accepted, problems = collect(paths, project.root / REPORTS_DIR, lookup,
                                 only_campaign=campaign_id, only_period=period_id)
    new = sum(1 for a in accepted if a.recorded)
    summary = (f"Đã ghi {new} báo cáo mới vào {REPORTS_DIR}/"
               + (f" ({len(accepted) - new} tệp đã nhận trước đây)" if new < len(accepted)
                  else "") + ".")
    receipts = [receipt(a) for a in accepted]
    if problems:
        raise UserError(problems, after="\n".join([
            *receipts, f"{summary} {len(problems)} lỗi ở các tệp chưa nhận: sửa theo các dòng "
                       "trên rồi gửi lại."]))
    if not accepted:
        return "Không thấy tệp báo cáo (.xlsx, .csv) nào."
    return "\n".join([*receipts, summary])


def report_draft(config_file: Path, campaign_id: str, period_id: str, out: Path) -> str:
    """The draft report of one period (.docx), its consolidated workbook (.xlsx) and the
    reminders for the units past the deadline (.txt), into ``out``; a file already there
    (perhaps a draft someone has edited) is kept, the new one takes the next free name."""

    from generator.atomic import write_new_bytes
    from generator.campaign.load import load_campaign
    from generator.paths import REPORTS_DIR
    from generator.reports.draft import consolidated_xlsx, reminder_text, report_docx
    from generator.reports.indicators import indicators
    from generator.reports.periods import period
    from generator.reports.progress import progress
    from generator.reports.reporters import reporters
    from generator.reports.store import latest
    from generator.vi import today_in_vietnam

    _report_extra()
    project = read_project(config_file)
    [source] = _campaign_sources(project, campaign_id).values()
    campaign = load_campaign(source, project.root, project.cache_dir)
    chosen = period(campaign, period_id, Problem(source, 1, 1, ""))
    today = today_in_vietnam()
    standing = progress(chosen, reporters(campaign), indicators(campaign),
                        latest(project.root / REPORTS_DIR, campaign.id, chosen.id), today)
    stem = f"{campaign.id}-{chosen.id}"
    made = []
    for name, content in ((f"bao-cao-{stem}.docx", report_docx(campaign, standing, today)),
                          (f"tong-hop-{stem}.xlsx", consolidated_xlsx(campaign, standing)),
                          (f"nhac-nop-{stem}.txt",
                           reminder_text(campaign, standing).encode("utf-8"))):
        made.append(_write_beside(out / name, content, write_new_bytes))
    return (f"{campaign.id}, kỳ {chosen.id}: {standing.reported}/{len(standing.rows)} đơn vị đã "
            f"báo cáo. Đã ghi " + ", ".join(str(p) for p in made) + ".")


def _write_beside(target: Path, content: bytes, write_new: Callable[[Path, bytes], Path]
                  ) -> Path:
    """``target``, or ``name-2.ext``, ``name-3.ext``… when the name is taken."""
    for number in range(1, 1000):
        path = target if number == 1 else target.with_stem(f"{target.stem}-{number}")
        try:
            return write_new(path, content)
        except FileExistsError:
            continue
    raise UserError([Problem(target, 1, 1, "đã có quá nhiều bản; hãy chuyển bớt tệp cũ đi")])
