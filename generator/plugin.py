"""The MkDocs adapter: :class:`SiteContent` in, MkDocs files out, nothing else.

It adds the generated pages (in memory), posters, calendars, feed and share cards (from the
cache) to the build as files, and keeps Jinja's compiled templates in the cache; once the site
is written, it cuts the theme's stylesheets to what the pages use and indexes the site for
search (Pagefind). Nothing is written into ``docs/``; a file a person wrote at a generated path
wins. The same plugin runs under ``campaign build``, ``campaign serve``, and plain
``mkdocs build`` or ``mkdocs serve``."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from generator.content.sharing import card_title
from generator.errors import EnvironmentProblem, UserError
from generator.paths import REPORTS_DIR
from generator.pipeline.cache import project_lock
from generator.pipeline.compiled_templates import keep_compiled_templates
from generator.pipeline.generate import SiteContent, generate, hand_written_wins, shadowed
from generator.pipeline.project import Project, from_mkdocs
from generator.pipeline.search_index import index_site
from generator.pipeline.share_cards import render_cards
from generator.pipeline.stylesheets import STYLESHEETS_CACHE, slim_stylesheets

if TYPE_CHECKING:
    # The live-reload server pulls in http.server: 30 ms a build never uses.
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.campaign")
Command = Literal["build", "gh-deploy", "serve"]


class CampaignPluginConfig(base.Config):
    campaigns_dir = c.Type(str, default="campaigns")
    cache_dir = c.Type(str, default=".cache")


class CachedFile(File):
    """A file the cache holds (a poster, a print pack): linked into the site rather than
    copied. A city's units make thousands of files and gigabytes a build would otherwise copy
    each time; the cache never changes a file in place (every write replaces it whole), so
    the link keeps the bytes it was made with."""

    def copy_file(self, dirty: bool = False) -> None:
        if self.abs_src_path is None or (dirty and not self.is_modified()):
            return super().copy_file(dirty)
        target = Path(self.abs_dest_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        try:
            os.link(self.abs_src_path, target)
        except OSError:  # another file system, or one without links: a copy
            super().copy_file(dirty)


class CampaignPlugin(BasePlugin[CampaignPluginConfig]):
    def __init__(self) -> None:
        self.content = SiteContent()
        self.project: Project | None = None
        self.command: Command = "build"

    def on_startup(self, *, command: Command, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        project = from_mkdocs(config)
        # The preview's QR codes point to 127.0.0.1: what it draws stays in a cache of its own.
        self.project = project.for_preview() if self.command == "serve" else project
        try:
            with project_lock(self.project.cache_dir, self.command):
                self.content = generate(self.project)
        except UserError as exc:
            raise PluginError(f"tệp chiến dịch có lỗi:\n{exc}") from None
        if config.nav is None and self.content.nav is not None:
            config.nav = self.content.nav
        return config

    # Runs before other plugins (search, blog) so that they see the generated pages as files.
    @event_priority(50)
    def _add_generated(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        content = self.content
        hand_written = set(shadowed([*content.pages, *content.assets], Path(config.docs_dir)))
        for path in sorted(hand_written):
            log.info(hand_written_wins(path))
        for path, text in content.pages.items():
            if path not in hand_written:
                files.append(File.generated(config, path, content=text))
        assert self.project is not None
        for path, source in content.assets.items():
            if path not in hand_written:
                # A person's own file (a cover picture) is copied: editing it in place must
                # not change the published site.
                kind = CachedFile if source.is_relative_to(self.project.cache_dir) else File
                files.append(kind.generated(config, path, abs_src_path=str(source)))
        return files

    # Runs after every other plugin (the blog adds its archive and category pages), so that
    # each page, whoever made it, gets its share card.
    @event_priority(-100)
    def _add_cards(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        assert self.project is not None
        # The blog keeps its views out of the build until navigation time: include them all.
        titles = {page.src_uri: card_title(page.content_string, config.site_name)
                  for page in files.documentation_pages(inclusion=lambda _: True)}
        with project_lock(self.project.cache_dir, self.command):
            cards = render_cards(titles, self.content.sections, config.site_name,
                                 config.site_url, self.project.cache_dir / "cards")
        for path, source in cards.items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, abs_src_path=str(source)))
        return files

    on_files = CombinedEvent(_add_generated, _add_cards)

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig,
               files: Files) -> jinja2.Environment | None:
        assert self.project is not None
        keep_compiled_templates(env, self.project.cache_dir)
        return env

    # Runs after every other plugin has written its pages (the blog, a sitemap): the cut
    # stylesheets and the index must hold the site as published.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        assert self.project is not None
        slim = slim_stylesheets(site_dir, self.project.cache_dir / STYLESHEETS_CACHE)
        log.debug(f"kiểu trang của giao diện: {slim.bytes_before // 1024} KB còn "
                 f"{slim.bytes_after // 1024} KB, {slim.seconds:.2f} s")
        try:
            index = index_site(site_dir)
        except EnvironmentProblem as exc:
            raise PluginError(str(exc)) from None
        log.info(f"Đã lập chỉ mục tìm kiếm cho {index.pages} trang.")
        log.debug(f"tìm kiếm: {index.pages} trang, chỉ mục {index.bytes / 2**20:.1f} MB, "
                  f"{index.seconds:.2f} s")

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer | None:
        if self.project is not None and self.project.campaigns_dir.is_dir():
            server.watch(str(self.project.campaigns_dir))
        # Reports collected while the preview runs show in its progress pages.
        if self.project is not None and (self.project.root / REPORTS_DIR).is_dir():
            server.watch(str(self.project.root / REPORTS_DIR))
        server.set_app(_no_control_characters(server.get_app()))
        return server


def _no_control_characters(app: Any) -> Any:
    """MkDocs' preview server answers a path holding a NUL ('/%00') with a 500 and a
    traceback in its log (the file system refuses the name): no page has such a name, so it
    is a 404 here."""
    def guarded(environ: dict[str, Any], start_response: Any) -> Any:
        path = str(environ.get("PATH_INFO", ""))
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in path):
            start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
            return ["Không có trang này.".encode()]
        return app(environ, start_response)

    return guarded
