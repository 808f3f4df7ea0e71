"""The project, read once: where everything is and the settings that change the output.

Read through MkDocs' own configuration loader, so that ``-f``, ``docs_dir``, ``site_dir``,
``site_url`` and the plugin's options mean what they mean to MkDocs. Nothing else in the
package reads ``mkdocs.yml``. Loading MkDocs' configuration imports the theme and its
plugins (0.2 s), so the project read from a configuration file is remembered in the cache,
keyed by the file's path and bytes, for a build with nothing changed to answer at once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import Problem, UserError
from generator.memo import Entry, key
from generator.pipeline.cache import CACHE_DIR, SERVE_FOLDER

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

PLUGIN = "campaign"
DEFAULT_SITE_NAME = "Thông tin, tuyên truyền"


@dataclass(frozen=True)
class Project:
    """Paths are absolute. ``site_url`` is None when the configuration names none."""

    config_file: Path
    docs_dir: Path
    site_dir: Path
    campaigns_dir: Path
    cache_dir: Path
    theme_dir: Path | None  # the theme's custom_dir (template overrides)
    site_url: str | None
    site_name: str
    preview: bool = False  # campaign serve: drafts are shown
    # mkdocs.yml's draft_docs: pages for the office's staff (the guide), which `campaign
    # serve` shows and the public site leaves out (gitignore-like patterns).
    staff_pages: tuple[str, ...] = ()

    @property
    def root(self) -> Path:
        return self.config_file.parent

    def for_preview(self) -> Project:
        """The same project for ``campaign serve``: a cache of its own (see SERVE_FOLDER)."""
        return dataclasses.replace(self, cache_dir=self.cache_dir / SERVE_FOLDER, preview=True)


def from_mkdocs(config: MkDocsConfig) -> Project:
    """The project a loaded MkDocs configuration describes."""
    config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
    root = config_file.parent
    plugin = config.plugins.get(PLUGIN)
    options: dict[str, Any] = dict(plugin.config) if plugin is not None else {}
    custom_dir = getattr(config.theme, "custom_dir", None)
    return Project(
        config_file=config_file,
        docs_dir=Path(config.docs_dir).resolve(),
        site_dir=Path(config.site_dir).resolve(),
        campaigns_dir=(root / str(options.get("campaigns_dir", "campaigns"))).resolve(),
        cache_dir=(root / str(options.get("cache_dir", CACHE_DIR))).resolve(),
        theme_dir=Path(custom_dir).resolve() if custom_dir else None,
        site_url=config.site_url or None,
        site_name=config.site_name or DEFAULT_SITE_NAME,
        staff_pages=tuple(str(pattern.pattern) for pattern in
                          getattr(config.draft_docs, "patterns", ()) if pattern.pattern))


def read_project(config_file: Path) -> Project:
    """The project of ``config_file``; a missing or invalid configuration is a UserError."""
    if not config_file.is_file():
        raise UserError([Problem(config_file, 1, 1, (
            "không thấy tệp cấu hình trang web; hãy chạy lệnh trong thư mục dự án (nơi có "
            "mkdocs.yml) hoặc chỉ rõ tệp bằng -f"))])
    config_file = config_file.resolve()
    raw = config_file.read_bytes()
    # A configuration that reads the environment or another file cannot be known from its
    # own bytes: it is loaded every time.
    memo = None if b"!ENV" in raw or b"INHERIT" in raw else \
        config_file.parent / CACHE_DIR / "project.json"
    entry = Entry(memo, key("project", str(config_file), raw.decode("utf-8", "replace"))) \
        if memo is not None else None
    if entry is not None and isinstance(known := entry.recall(), dict):
        try:
            return _from_json(known)
        except (KeyError, TypeError):
            pass
    project = from_mkdocs(load_mkdocs(config_file))
    if entry is not None:
        entry.keep(_to_json(project))
    return project


def load_mkdocs(config_file: Path, **overrides: Any) -> MkDocsConfig:
    """MkDocs' configuration, its errors said as ``FILE:1:1`` problems."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        return load_config(config_file=str(config_file), **overrides)
    # A configuration error, or MkDocs' Abort after logging each invalid setting.
    except MkDocsException as exc:
        raise UserError([Problem(config_file, 1, 1, f"cấu hình trang web không hợp lệ: {exc}")]) \
            from None


def _to_json(project: Project) -> dict[str, Any]:
    return {field.name: (str(value) if isinstance(value := getattr(project, field.name), Path)
                         else list(value) if isinstance(value, tuple)
                         else value) for field in dataclasses.fields(project)}


def is_staff_page(project: Project) -> Callable[[str], bool]:
    """Whether a docs-relative path is a staff page, left out of the public site; none are
    in the preview."""
    if project.preview or not project.staff_pages:
        return lambda path: False
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines(project.staff_pages)
    return lambda path: bool(spec.match_file(path))


def _from_json(data: dict[str, Any]) -> Project:
    paths = {"config_file", "docs_dir", "site_dir", "campaigns_dir", "cache_dir", "theme_dir"}
    values: dict[str, Any] = {name: Path(value) if name in paths and isinstance(value, str)
                              else tuple(value) if isinstance(value, list)
                              else value for name, value in data.items()}
    return Project(**values)
