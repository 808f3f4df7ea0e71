"""The MkDocs adapter: adds the generated pages to the build as in-memory files.

Nothing is written into ``docs/``; a page a person wrote at a generated path wins.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from generator.errors import UserError
from generator.project import generated_pages, shadowed

log = logging.getLogger("mkdocs.plugins.campaign")


class CampaignPluginConfig(base.Config):
    campaigns_dir = c.Type(str, default="campaigns")


class CampaignPlugin(BasePlugin[CampaignPluginConfig]):
    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.campaigns_dir = Path("campaigns")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        root = Path(config.config_file_path or ".").resolve().parent
        self.campaigns_dir = root / self.config.campaigns_dir
        try:
            self.pages = generated_pages(self.campaigns_dir)
        except UserError as exc:
            raise PluginError(f"tệp chiến dịch có lỗi:\n{exc}") from None
        return config

    # Runs before other plugins (search, blog) so that they see the generated pages as files.
    @event_priority(50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        hand_written = set(shadowed(self.pages, Path(config.docs_dir)))
        for path, content in self.pages.items():
            if path in hand_written:
                log.info(f"docs/{path} do người viết được dùng thay cho trang tự sinh cùng tên")
                continue
            files.append(File.generated(config, path, content=content))
        return files

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer | None:
        if self.campaigns_dir.is_dir():
            server.watch(str(self.campaigns_dir))
        return server
