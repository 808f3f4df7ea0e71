"""The studio's pages and what each button does: a thin Starlette application over the
campaign loader, the corrections of ``edits``, the versions of ``history``, the previews of
``preview`` and the commands run by ``jobs``.

Every page is written on the server (plain HTML forms work with a keyboard, a screen reader
and no script); a small script adds the drop zone and a live progress bar.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from generator.atomic import write_bytes, write_new_bytes
from generator.campaign.files import campaign_files
from generator.campaign.model import SLUG_PATTERN, Campaign
from generator.errors import Problem, UserError
from generator.importer.limits import MAX_FILE_BYTES
from generator.importer.sources import SUFFIXES
from generator.paths import CampaignPaths
from generator.pipeline.project import Project
from generator.studio import edits
from generator.studio.history import Conflict, History, digest
from generator.studio.jobs import Busy, Job, Jobs, lock_holder
from generator.studio.reading import Block, read_blocks

STUDIO_FOLDER = "studio"
log = logging.getLogger("generator.studio")
_HERE = Path(__file__).parent
_UPLOAD_SLACK = 64 * 1024  # the form's own bytes around the file
_UPLOAD_BYTES = max(MAX_FILE_BYTES.values())
_LOGO_BYTES = 5 * 2**20
_LOGO_SUFFIXES = {"PNG": ".png", "JPEG": ".jpg"}
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# The import's to-do items name front matter keys; the studio names its form's fields.
_TO_DO_FIELDS = (("short_title", "Tên ngắn"), ("summary", "Giới thiệu cho người dân"),
                 ("contact", "Nơi người dân hỏi"),
                 ("leaflet: actions", "Việc người dân nên làm"),
                 ("site_url", "Địa chỉ trang web"), ("bản nháp (draft: true)", "Bản nháp"))


@dataclass
class Loaded:
    """A campaign file as the studio shows it: its text and version, what the loader read,
    and its problems."""

    file: Path
    text: str
    version: str
    campaign: Campaign | None
    blocks: list[Block]
    problems: list[Problem]

    @property
    def id(self) -> str:
        return self.file.stem


@dataclass
class Edit:
    """A change to a campaign's text, and the part of the text it depends on: an edit made
    on a version another tab has since replaced is applied to the new text when that part is
    unchanged, and otherwise offered beside it."""

    apply: Callable[[str], str]
    depends: Callable[[str], object]
    note: str


class Studio:
    """The project the studio works on, and its state between requests."""

    def __init__(self, project: Project, token: str) -> None:
        self.project = project
        self.token = token
        self.jobs = Jobs(project.config_file)
        self.folder = project.cache_dir / STUDIO_FOLDER
        self.site = self.folder / "site"
        # Each running import: the campaigns before it, and its received file's folder.
        self.imports: dict[str, tuple[set[str], Path]] = {}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(_HERE / "templates"),
            autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
            lstrip_blocks=True)
        self.env.globals.update(CHOICES=edits.CHOICES,
                                site_name=project.site_name)

    # -- reading ------------------------------------------------------------------------------

    def files(self) -> dict[str, Path]:
        return {path.stem: path for path in campaign_files(self.project.campaigns_dir)}

    def file_of(self, campaign_id: str) -> Path:
        """The campaign file of ``campaign_id``; a 404 for any other name (nothing outside
        the campaigns folder is ever reached from an address)."""
        if not re.fullmatch(SLUG_PATTERN, campaign_id):
            raise HTTPException(404)
        path = self.files().get(campaign_id)
        if path is None:
            raise HTTPException(404)
        return path

    def load(self, file: Path) -> Loaded:
        from generator.campaign.load import load_campaign
        from generator.campaign.markdownsource import MARKDOWN_SUFFIX, parse_markdown
        from generator.posters.check import BUILD_CHECKS

        raw = file.read_bytes()
        text = raw.decode("utf-8", "replace")
        problems: list[Problem] = []
        doc = None
        if file.suffix == MARKDOWN_SUFFIX:
            try:
                doc = parse_markdown(file, raw)
            except UserError as exc:
                problems = list(exc.problems)
        campaign = None
        if not problems:
            try:
                campaign = load_campaign(file, self.project.root, self.project.cache_dir,
                                         BUILD_CHECKS)
            except UserError as exc:
                problems = list(exc.problems)
        blocks = read_blocks(text, doc, campaign) if doc is not None else []
        return Loaded(file, text, digest(raw), campaign, blocks, problems)

    def to_do(self, loaded: Loaded) -> list[str]:
        """What the public site still needs of the campaign, in words (the import's list)."""
        from generator.importer.report import to_do

        if loaded.campaign is None:
            return [f"sửa {len(loaded.problems)} lỗi của tệp (xem danh sách lỗi)"]
        items = [item.split(": ", 1)[1] for item in
                 to_do(loaded.campaign, str(loaded.file), self.project.site_url)]
        return [next((f"{words}: {item.removeprefix(key).lstrip(': ')}"
                      for key, words in _TO_DO_FIELDS if item.startswith(key)), item)
                for item in items]

    # -- writing ------------------------------------------------------------------------------

    def change(self, file: Path, base: str, edit: Edit) -> str | Conflict:
        """Apply ``edit`` to the version ``base`` the page showed; the new version, or the
        conflict to show when the file changed underneath in the same place."""
        history = History(file)
        current = file.read_bytes()
        text = current.decode("utf-8", "replace")
        if digest(current) != base:
            shown = history.text_with_digest(base)
            if shown is None or edit.depends(shown) != edit.depends(text):
                return Conflict(text, digest(current),
                                edit.apply(shown if shown is not None else text))
            base = digest(current)
        try:
            return history.save(edit.apply(text), base, edit.note)
        except Conflict as conflict:  # saved from elsewhere between reading and the lock
            conflict.mine = edit.apply(conflict.current)
            return conflict

    # -- pages --------------------------------------------------------------------------------

    def page(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        template = self.env.get_template(name)
        running = self.jobs.current if self.jobs.current and not self.jobs.current.done \
            else None
        html = template.render(running=running, holder=lock_holder(self.project.cache_dir),
                               **context)
        return HTMLResponse(html, status_code=status)


def create_app(project: Project, token: str, port: int) -> Any:
    """The studio for ``project``, guarded for ``token`` on ``port``."""
    from generator.studio.guard import Guard

    studio = Studio(project, token)
    studio.folder.mkdir(parents=True, exist_ok=True)
    routes = [
        Route("/", partial(_home, studio)),
        Route("/nhap", partial(_import, studio), methods=["POST"]),
        Route("/viec/{job}", partial(_job, studio)),
        Route("/viec/{job}/tien-do", partial(_job_progress, studio)),
        Route("/huong-dan", partial(_guide, studio)),
        Route("/c/{id}", partial(_campaign, studio)),
        Route("/c/{id}/nhan", partial(_relabel, studio), methods=["POST"]),
        Route("/c/{id}/thong-tin", partial(_facts, studio), methods=["POST"]),
        Route("/c/{id}/ap-phich/{key}.png", partial(_poster, studio)),
        Route("/c/{id}/trang", partial(_page_preview, studio)),
        Route("/c/{id}/tep", partial(_editor, studio), methods=["GET", "POST"]),
        Route("/c/{id}/lich-su", partial(_history, studio)),
        Route("/c/{id}/lich-su/{name}", partial(_version, studio)),
        Route("/c/{id}/khoi-phuc", partial(_restore, studio), methods=["POST"]),
        Route("/c/{id}/xay-dung", partial(_build, studio), methods=["POST"]),
        Route("/c/{id}/xuat-ban", partial(_publish, studio), methods=["GET", "POST"]),
        Route("/c/{id}/tai/{name:path}", partial(_download, studio)),
        Route("/c/{id}/bao-cao", partial(_reports, studio)),
        Route("/c/{id}/bao-cao/{name}", partial(_reports, studio)),
        Mount("/tinh", app=StaticFiles(directory=_HERE / "static"), name="static"),
        Mount("/xem", app=_Preview(studio.site), name="preview"),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        return studio.page("error.html", 404, title="Không có trang này",
                           message="Không có trang này trong studio.")

    async def failed(request: Request, exc: Exception) -> Response:
        log.error(f"studio: lỗi khi trả lời {request.url.path}: {type(exc).__name__}: {exc}")
        return studio.page("error.html", 500, title="Có lỗi",
                           message="Studio gặp lỗi khi làm việc này; chưa có gì bị mất. "
                                   "Hãy tải lại trang; nếu còn lỗi, xem cửa sổ lệnh đã mở "
                                   "studio.")

    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_found,
                                                       Exception: failed})
    return Guard(app, token, port)


class _Preview(StaticFiles):
    """The site the studio built, shown as a web server would (folders' index.html)."""

    def __init__(self, site: Path) -> None:
        super().__init__(directory=site, html=True, check_dir=False)
        self.site = site

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if not self.site.is_dir():  # nothing built yet
            raise HTTPException(404)
        await super().__call__(scope, receive, send)


# -- the list of campaigns, and importing ---------------------------------------------------


async def _home(studio: Studio, request: Request) -> Response:
    try:
        rows = await run_in_threadpool(_campaign_rows, studio)
    except UserError as exc:  # two files for one campaign, a link leading out of the project
        return _refused(studio, "Thư mục chiến dịch có lỗi cần sửa trước: " + "; ".join(
            f"{p.path.name}: {p.message}" for p in exc.problems), 409)
    return studio.page("home.html", title="Các chiến dịch", rows=rows,
                       suffixes=", ".join(sorted(SUFFIXES)), limit_mb=_UPLOAD_BYTES // 2**20)


def _campaign_rows(studio: Studio) -> list[dict[str, Any]]:
    from generator.pipeline.inputs import INPUTS_STAMP

    rows = []
    stamp = studio.site / INPUTS_STAMP
    built = dt.datetime.fromtimestamp(stamp.stat().st_mtime) if stamp.is_file() else None
    for campaign_id, file in sorted(studio.files().items()):
        loaded = studio.load(file)
        c = loaded.campaign
        rows.append({"id": campaign_id, "title": c.short_title if c else campaign_id,
                     "number": (c.number or "") if c else "",
                     "date": c.date.strftime("%d/%m/%Y") if c and c.date else "",
                     "draft": bool(c.draft) if c else True, "problems": len(loaded.problems),
                     "todo": len(studio.to_do(loaded)), "built": built})
    return rows


async def _import(studio: Studio, request: Request) -> Response:
    length = int(request.headers.get("content-length") or 0)
    if not length:
        return _refused(studio, "Trình duyệt không cho biết cỡ tệp; hãy chọn lại tệp.", 411)
    if length > _UPLOAD_BYTES + _UPLOAD_SLACK:
        return _refused(studio, f"Tệp quá lớn: tối đa {_UPLOAD_BYTES // 2**20} MB.", 413)
    async with request.form(max_files=1, max_fields=4) as form:
        return await _received(studio, form.get("tep"), str(form.get("ma", "")).strip())


async def _received(studio: Studio, upload: Any, campaign_id: str) -> Response:
    """The uploaded document saved apart, and its import started."""
    if campaign_id and not re.fullmatch(SLUG_PATTERN, campaign_id):
        return _refused(studio, f"Mã '{campaign_id}' không dùng được: chỉ gồm chữ thường không "
                                "dấu, chữ số và dấu '-', ví dụ kh-159-ubnd-2025.", 400)
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _refused(studio, "Chưa chọn tệp văn bản nào.", 400)
    suffix = Path(upload.filename).suffix.lower()
    if suffix not in SUFFIXES:
        return _refused(studio, f"Không nhận tệp {suffix or 'không đuôi'}: chỉ nhận "
                                f"{', '.join(sorted(SUFFIXES))}. Tệp .doc cũ: mở bằng Word, "
                                "lưu thành .docx.", 400)
    received = studio.folder / "nhan" / secrets.token_hex(8)
    received.mkdir(parents=True)
    from generator.vi import slugify

    target = received / f"{slugify(Path(upload.filename).stem, 60) or 'van-ban'}{suffix}"
    with target.open("wb") as out:
        while chunk := await upload.read(1 << 20):
            out.write(chunk)
    before = set(studio.files())
    try:
        job = studio.jobs.start("import", None, f"Nhập {upload.filename}",
                                ["import", str(target), *(["--id", campaign_id]
                                                          if campaign_id else [])])
    except Busy as busy:
        shutil.rmtree(received, ignore_errors=True)
        return _refused(studio, f"Đang chạy: {busy}. Chờ xong rồi nhập.", 409)
    studio.imports[job.id] = (before, received)
    return RedirectResponse(f"/viec/{job.id}", status_code=303)


def _imported(studio: Studio, job: Job) -> str | None:
    """The campaign an import made, its report kept beside its history."""
    before, received = studio.imports.pop(job.id, (None, None))
    if received is not None:
        shutil.rmtree(received, ignore_errors=True)
    if before is None:
        return job.campaign
    made = sorted(set(studio.files()) - before)
    if not made:
        return None
    job.campaign = made[0]
    report = "\n".join(job.lines)
    write_bytes(History(studio.files()[made[0]]).folder / "nhap.txt", report.encode("utf-8"))
    return made[0]


async def _job(studio: Studio, request: Request) -> Response:
    job = studio.jobs.all.get(request.path_params["job"])
    if job is None:
        raise HTTPException(404)
    if job.done and job.kind == "import" and job.ok:
        campaign = await run_in_threadpool(_imported, studio, job)
        if campaign:
            return RedirectResponse(f"/c/{campaign}?moi=1", status_code=303)
    if job.done and job.kind == "import":
        _imported(studio, job)
    return studio.page("job.html", title=job.title, job=job)


async def _job_progress(studio: Studio, request: Request) -> Response:
    job = studio.jobs.all.get(request.path_params["job"])
    if job is None:
        raise HTTPException(404)
    return JSONResponse({"fraction": round(job.fraction, 3), "stage": job.stage,
                         "done": job.done, "ok": job.ok, "result": job.result})


GUIDE = Path("huong-dan") / "viet-chien-dich.md"


async def _guide(studio: Studio, request: Request) -> Response:
    """The communicators' guide: a staff page, left out of the public site."""
    import markdown

    from generator.studio.preview import EXTENSIONS

    source = studio.project.docs_dir / GUIDE
    if not source.is_file():
        raise HTTPException(404)
    text = source.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[-1]
    html = markdown.markdown(text, extensions=[*EXTENSIONS, "fenced_code"],
                             output_format="html")
    return studio.page("guide.html", title="Hướng dẫn", html=html)


def _refused(studio: Studio, message: str, status: int) -> Response:
    return studio.page("error.html", status, title="Chưa làm được", message=message)


# -- one campaign -----------------------------------------------------------------------------


async def _campaign(studio: Studio, request: Request) -> Response:
    file = studio.file_of(request.path_params["id"])
    loaded = await run_in_threadpool(studio.load, file)
    return await run_in_threadpool(_campaign_page, studio, loaded, request)


def _campaign_page(studio: Studio, loaded: Loaded, request: Request) -> Response:
    from generator.studio.preview import poster_previews

    c = loaded.campaign
    report_file = History(loaded.file).folder / "nhap.txt"
    report = report_file.read_text(encoding="utf-8") if report_file.is_file() else ""
    unsure = [line for line in report.splitlines() if re.match(r"^\S+:\d+: ", line)]
    posters = poster_previews(c, loaded.file.parent, studio.project.site_url) if c else []
    facts = _facts_of(loaded.text, studio)
    return studio.page("campaign.html", title=c.short_title if c else loaded.id,
                       loaded=loaded, campaign=c, to_do=studio.to_do(loaded), unsure=unsure,
                       posters=posters, facts=facts,
                       is_new=request.query_params.get("moi") == "1",
                       saved=request.query_params.get("da-luu"))


def _facts_of(text: str, studio: Studio) -> dict[str, str]:
    front = {key: edits.front_value(text, key) for key in
             ("short_title", "summary", "contact", "leaflet", "posters", "draft")}
    contact = front["contact"] if isinstance(front["contact"], dict) else {}
    leaflet = front["leaflet"] if isinstance(front["leaflet"], dict) else {}
    posters = front["posters"] if isinstance(front["posters"], dict) else {}
    palette = posters.get("palette")
    palette = palette if isinstance(palette, dict) else {}
    actions = leaflet.get("actions")
    actions = actions if isinstance(actions, list) else []
    return {"short_title": str(front["short_title"] or ""),
            "summary": str(front["summary"] or "").strip(),
            "unit": str(contact.get("unit") or ""), "hotline": str(contact.get("hotline") or ""),
            "address": str(contact.get("address") or ""),
            "actions": "\n".join(str(a) for a in actions),
            "colour": str(palette.get("background") or "#A50F15"),
            "logo": str(posters.get("logo") or ""),
            "draft": "1" if front["draft"] is True else "",
            "site_url": studio.project.site_url or ""}


def _saved(studio: Studio, campaign_id: str, result: str | Conflict, anchor: str = "",
           where: str = "") -> Response:
    if isinstance(result, Conflict):
        return studio.page("conflict.html", 409, title="Tệp đã được sửa ở nơi khác",
                           campaign_id=campaign_id, current=result.current,
                           version=result.current_digest,
                           mine=result.mine)
    return RedirectResponse(f"/c/{campaign_id}{where}?da-luu={result}{anchor}",
                            status_code=303)


async def _relabel(studio: Studio, request: Request) -> Response:
    file = studio.file_of(request.path_params["id"])
    form = await request.form(max_files=0, max_fields=8)
    try:
        line, end = int(str(form.get("dong"))), int(str(form.get("den")))
    except ValueError:
        raise HTTPException(400) from None
    choice = str(form.get("nhan", ""))
    if choice not in edits.CHOICES:
        raise HTTPException(400)
    edit = Edit(lambda text: edits.relabel(text, line, end, choice),
                lambda text: text.split("\n")[line - 1:end],
                f"dòng {line}: {edits.CHOICES[choice].lower()}")
    try:
        result = await run_in_threadpool(studio.change, file, str(form.get("ban", "")), edit)
    except ValueError:
        return _refused(studio, "Dòng này không còn trong tệp: hãy tải lại trang.", 409)
    return _saved(studio, file.stem, result, f"#dong-{line}")


async def _facts(studio: Studio, request: Request) -> Response:
    file = studio.file_of(request.path_params["id"])
    async with request.form(max_files=1, max_fields=20, max_part_size=64 * 1024) as form:
        return await _facts_given(studio, file, form)


async def _facts_given(studio: Studio, file: Path, form: Any) -> Response:
    given = {name: str(form.get(name, "")).strip()
             for name in ("short_title", "summary", "unit", "hotline", "address", "actions",
                          "colour", "site_url")}
    given["draft"] = "1" if form.get("draft") else ""
    text = file.read_text(encoding="utf-8", errors="replace")
    shown = _facts_of(text, studio)
    logo = form.get("logo")
    logo_path = None
    if isinstance(logo, UploadFile) and logo.filename:
        logo_path = await _save_logo(studio, file, logo)
        if isinstance(logo_path, Response):
            return logo_path
    if given["site_url"] != shown["site_url"]:
        refused = await run_in_threadpool(_set_site_url, studio, given["site_url"])
        if refused:
            return refused
    changes: list[Callable[[str], str]] = []
    for key in ("short_title", "summary"):
        if given[key] != shown[key]:
            changes.append(partial(_set_top, key=key, value=given[key] or None))
    for key in ("unit", "hotline", "address"):
        if given[key] != shown[key]:
            changes.append(partial(_set_contact, key=key, value=given[key]))
    if given["actions"] != shown["actions"]:
        actions = [a.strip(" -•\t") for a in given["actions"].splitlines() if a.strip(" -•\t")]
        changes.append(lambda t: edits.set_nested(t, "leaflet", "actions", actions))
    if given["colour"] != shown["colour"] and _COLOUR.match(given["colour"]):
        changes.append(lambda t: _set_palette(t, given["colour"]))
    if logo_path is not None:
        changes.append(lambda t: edits.set_nested(t, "posters", "logo", logo_path))
    if given["draft"] != shown["draft"]:
        changes.append(lambda t: edits.set_front(t, "draft", True if given["draft"] else None))
    if not changes:
        return RedirectResponse(f"/c/{file.stem}#viec-con-lai", status_code=303)

    def apply(text: str) -> str:
        for change in changes:
            text = change(text)
        return text

    edit = Edit(apply, lambda text: edits.split_front(text)[0], "thông tin cho người dân")
    result = await run_in_threadpool(studio.change, file, str(form.get("ban", "")), edit)
    return _saved(studio, file.stem, result, "#viec-con-lai")


def _set_top(text: str, *, key: str, value: str | None) -> str:
    return edits.set_front(text, key, value)


def _set_contact(text: str, *, key: str, value: str) -> str:
    return edits.set_nested(text, "contact", key, value)


def _set_palette(text: str, colour: str) -> str:
    posters = edits.front_value(text, "posters")
    posters = dict(posters) if isinstance(posters, dict) else {}
    palette = dict(posters.get("palette") or {})
    palette["background"] = colour.upper()
    posters["palette"] = palette
    return edits.set_front(text, "posters", posters)


async def _save_logo(studio: Studio, file: Path, logo: UploadFile) -> str | Response:
    """The logo as a new file beside the campaign's pictures (never over one); its path
    as the campaign names it."""
    import io

    from PIL import Image, UnidentifiedImageError

    data = await logo.read(_LOGO_BYTES + 1)
    if len(data) > _LOGO_BYTES:
        return _refused(studio, "Ảnh biểu trưng quá lớn: tối đa 5 MB.", 413)
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or ""
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError):
        return _refused(studio, "Không đọc được ảnh biểu trưng: hãy chọn tệp PNG hoặc JPEG.",
                        400)
    if kind not in _LOGO_SUFFIXES:
        return _refused(studio, "Ảnh biểu trưng cần là PNG hoặc JPEG.", 400)
    folder = file.parent / f"{file.stem}-hinh"
    for number in range(1, 1000):
        name = f"bieu-trung{'' if number == 1 else f'-{number}'}{_LOGO_SUFFIXES[kind]}"
        try:
            write_new_bytes(folder / name, data)
        except FileExistsError:
            continue
        return f"{folder.name}/{name}"
    return _refused(studio, "Thư mục hình đã có quá nhiều biểu trưng.", 409)


def _set_site_url(studio: Studio, url: str) -> Response | None:
    """The site's address in mkdocs.yml: that one line replaced, the file's previous version
    kept like a campaign's."""
    if url and not re.fullmatch(r"https?://[^\s/]+(?:/\S*)?", url):
        return _refused(studio, "Địa chỉ trang cần có dạng https://ten-mien.gov.vn/", 400)
    config = studio.project.config_file
    text = config.read_text(encoding="utf-8")
    line = f"site_url: {url.rstrip('/') + '/' if url else ''}".rstrip()
    new, count = re.subn(r"(?m)^site_url:.*$", line, text, count=1)
    if not count:
        new = f"{line}\n{text}"
    history = History(config)
    history.save(new, digest(text.encode("utf-8")), "địa chỉ trang web")
    # The project read once per process: the new address counts from now on.
    from generator.pipeline.project import read_project

    studio.project = read_project(config)
    return None


async def _poster(studio: Studio, request: Request) -> Response:
    from generator.studio.preview import drawn

    png = drawn(request.path_params["key"])
    if png is None:
        raise HTTPException(404)
    return Response(png, media_type="image/png", headers={"cache-control": "max-age=3600"})


async def _page_preview(studio: Studio, request: Request) -> Response:
    from generator.studio.preview import page_html

    file = studio.file_of(request.path_params["id"])
    loaded = await run_in_threadpool(studio.load, file)
    if loaded.campaign is None:
        raise HTTPException(404)
    html = await run_in_threadpool(page_html, loaded.campaign)
    return studio.page("page.html", title=loaded.campaign.short_title, html=html)


async def _editor(studio: Studio, request: Request) -> Response:
    file = studio.file_of(request.path_params["id"])
    if request.method == "POST":
        form = await request.form(max_files=0, max_fields=4, max_part_size=2 * 2**20)
        text = str(form.get("noi-dung", "")).replace("\r\n", "\n")
        edit = Edit(lambda _t: text, lambda t: t, "sửa trực tiếp")
        result = await run_in_threadpool(studio.change, file, str(form.get("ban", "")), edit)
        if isinstance(result, Conflict):
            return _saved(studio, file.stem, result)
        return RedirectResponse(f"/c/{file.stem}/tep?da-luu={result}", status_code=303)
    loaded = await run_in_threadpool(studio.load, file)
    return studio.page("editor.html", title=f"Sửa tệp {file.name}", loaded=loaded,
                       saved=request.query_params.get("da-luu"))


async def _history(studio: Studio, request: Request) -> Response:
    file = studio.file_of(request.path_params["id"])
    history = History(file)
    current = digest(file.read_bytes())
    return studio.page("history.html", title=f"Lịch sử {file.stem}", campaign_id=file.stem,
                       versions=history.versions(), approvals=history.approvals(),
                       version=current)


async def _version(studio: Studio, request: Request) -> Response:
    file = studio.file_of(request.path_params["id"])
    text = History(file).text_of(request.path_params["name"])
    if text is None:
        raise HTTPException(404)
    return studio.page("version.html", title=f"Bản {request.path_params['name']}",
                       campaign_id=file.stem, version_name=request.path_params["name"], text=text,
                       version=digest(file.read_bytes()))


async def _restore(studio: Studio, request: Request) -> Response:
    file = studio.file_of(request.path_params["id"])
    form = await request.form(max_files=0, max_fields=4)
    name = str(form.get("ten", ""))
    old = History(file).text_of(name)
    if old is None:
        raise HTTPException(404)
    edit = Edit(lambda _t: old, lambda t: t, f"khôi phục bản {name}")
    result = await run_in_threadpool(studio.change, file, str(form.get("ban", "")), edit)
    return _saved(studio, file.stem, result)


async def _reports(studio: Studio, request: Request) -> Response:
    """What the units reported, period by period: who reported, who is late, the totals."""
    from generator.studio.reports import progress_html

    file = studio.file_of(request.path_params["id"])
    name = request.path_params.get("name", "")
    if name and not re.fullmatch(SLUG_PATTERN, name):
        raise HTTPException(404)
    loaded = await run_in_threadpool(studio.load, file)
    campaign = loaded.campaign
    if campaign is None:
        return _refused(studio, "Tệp chiến dịch còn lỗi: sửa xong mới xem được báo cáo của các "
                                "đơn vị.", 409)
    html = await run_in_threadpool(progress_html, studio.project, campaign, file, name)
    if html is None:
        raise HTTPException(404)
    return studio.page("reports.html", title=f"Báo cáo của đơn vị: {campaign.short_title}",
                       loaded=loaded, html=html, public=campaign.reports.public)


# -- building and publishing ----------------------------------------------------------------


async def _build(studio: Studio, request: Request) -> Response:
    file = studio.file_of(request.path_params["id"])
    holder = lock_holder(studio.project.cache_dir)
    if holder:
        return _refused(studio, f"Đang có {holder} chạy trên dự án này; chờ xong rồi bấm lại.",
                        409)
    try:
        job = studio.jobs.start("build", file.stem, "Xây dựng trang (bản xem trước)",
                                ["build", "--out", str(studio.site)])
    except Busy as busy:
        return _refused(studio, f"Đang chạy: {busy}. Chờ xong rồi bấm lại.", 409)
    return RedirectResponse(f"/viec/{job.id}", status_code=303)


async def _publish(studio: Studio, request: Request) -> Response:
    file = studio.file_of(request.path_params["id"])
    loaded = await run_in_threadpool(studio.load, file)
    downloads = _downloads(studio, file.stem)
    history = History(file)
    if request.method == "GET":
        return studio.page("publish.html", title=f"Xây dựng và xuất bản {file.stem}",
                           loaded=loaded, downloads=downloads, approvals=history.approvals(),
                           site_dir=studio.project.site_dir, built=_built_current(studio))
    form = await request.form(max_files=0, max_fields=4)
    approver = " ".join(str(form.get("nguoi-duyet", "")).split())
    problem = None
    if loaded.campaign is None:
        problem = "Tệp chiến dịch còn lỗi: sửa xong mới xuất bản được."
    elif loaded.campaign.draft:
        problem = ("Chiến dịch còn là bản nháp (draft): bỏ đánh dấu bản nháp ở mục Việc còn "
                   "lại khi lãnh đạo đã duyệt, rồi xuất bản.")
    elif len(approver) < 3:
        problem = "Hãy ghi họ tên, chức vụ người đã duyệt nội dung."
    elif str(form.get("ban", "")) != loaded.version:
        problem = "Tệp đã đổi từ khi mở trang này: hãy xem lại rồi xuất bản."
    holder = lock_holder(studio.project.cache_dir)
    if problem is None and holder:
        problem = f"Đang có {holder} chạy trên dự án này; chờ xong rồi bấm lại."
    if problem is not None:
        return studio.page("publish.html", 400, title=f"Xây dựng và xuất bản {file.stem}",
                           loaded=loaded, downloads=downloads, approvals=history.approvals(),
                           site_dir=studio.project.site_dir, built=_built_current(studio),
                           problem=problem, approver=approver)
    try:
        job = studio.jobs.start("publish", file.stem, "Xuất bản trang web", ["build"])
    except Busy as busy:
        return _refused(studio, f"Đang chạy: {busy}. Chờ xong rồi bấm lại.", 409)
    history.approve(approver, loaded.version)
    return RedirectResponse(f"/viec/{job.id}", status_code=303)


def _built_current(studio: Studio) -> bool:
    """Whether the studio's preview was built from the project as it is now."""
    from generator.pipeline.inputs import INPUTS_STAMP, inputs_digest

    stamp = studio.site / INPUTS_STAMP
    return stamp.is_file() and stamp.read_text(encoding="utf-8") == \
        inputs_digest(studio.project, "strict=True")


@dataclass(frozen=True)
class Download:
    label: str
    path: str  # below the studio's built site
    size: int


def _downloads(studio: Studio, campaign_id: str) -> list[Download]:
    """The print files of the campaign in the studio's built site, and the whole site."""
    paths = CampaignPaths(campaign_id)
    found: list[Download] = []
    folder = studio.site / "posters" / campaign_id

    def add(label: str, path: Path) -> None:
        if path.is_file():
            found.append(Download(label, path.relative_to(studio.site).as_posix(),
                                  path.stat().st_size))

    add("Gói in của chiến dịch (zip)", studio.site / paths.poster(paths.pack()))
    for pdf in sorted(folder.glob(f"{campaign_id}--*.pdf")):
        kind = pdf.stem.split("--", 1)[1]
        add("Tờ gấp (PDF)" if kind.startswith("to-roi") else "Sổ tay (PDF)"
            if kind.startswith("so-tay") else f"{kind} (PDF)", pdf)
    for pack in sorted(folder.glob("don-vi/*/*-goi-in.zip")):
        add(f"Gói in đơn vị {pack.parent.name} (zip)", pack)
    if (studio.site / "index.html").is_file():
        found.append(Download("Toàn bộ trang web (zip)", "trang-web.zip", 0))
    return found


async def _download(studio: Studio, request: Request) -> Response:
    campaign_id = studio.file_of(request.path_params["id"]).stem
    name = request.path_params["name"]
    if name == "trang-web.zip":
        archive = await run_in_threadpool(_site_zip, studio)
        return FileResponse(archive, filename="trang-web.zip", media_type="application/zip")
    allowed = {d.path for d in _downloads(studio, campaign_id)}
    if name not in allowed:
        raise HTTPException(404)
    path = studio.site / name
    return FileResponse(path, filename=path.name)


def _site_zip(studio: Studio) -> Path:
    """The built site as one zip, made once per build."""
    from generator.pipeline.inputs import INPUTS_STAMP

    stamp = (studio.site / INPUTS_STAMP).read_text(encoding="utf-8")[:16]
    archive = studio.folder / f"trang-web-{stamp}.zip"
    if archive.is_file():
        return archive
    for old in studio.folder.glob("trang-web-*.zip"):
        old.unlink(missing_ok=True)
    partial = archive.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as out:
        for path in sorted(studio.site.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                out.write(path, path.relative_to(studio.site).as_posix())
    partial.replace(archive)
    return archive

