"""The MkDocs adapter: a thin plugin over the generator core.

It adds the generated pages (in memory), posters, calendars, feed and share cards (from the
cache) to the build as files, and folds accents into Material's search index. Nothing is
written into ``docs/``; a file a person wrote at a generated path wins.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from generator.cards import card_title, render_cards
from generator.errors import UserError
from generator.inputs import CampaignsKey
from generator.project import GeneratedSite, generate, hand_written_wins, shadowed
from generator.search import add_folded_fields

if TYPE_CHECKING:
    # The live-reload server pulls in http.server: 30 ms a build never uses. The model is
    # loaded only when campaigns changed.
    from mkdocs.livereload import LiveReloadServer

    from generator.model import Campaign

log = logging.getLogger("mkdocs.plugins.campaign")


class CampaignPluginConfig(base.Config):
    campaigns_dir = c.Type(str, default="campaigns")
    cache_dir = c.Type(str, default=".cache")


class CampaignPlugin(BasePlugin[CampaignPluginConfig]):
    def __init__(self) -> None:
        self.generated = GeneratedSite({}, None, {}, {})
        self.campaigns_dir = Path("campaigns")
        self.cache_dir = Path(".cache")
        self._validated: list[Campaign] | None = None
        self._key: CampaignsKey | None = None

    def use_validated(self, campaigns: list[Campaign] | None, key: CampaignsKey) -> None:
        """What the ``campaign`` command found: the campaigns' key (``campaigns_key``), and
        the campaigns if it had to validate them, so that neither is done a second time."""
        self._validated, self._key = campaigns, key

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        root = Path(config.config_file_path or ".").resolve().parent
        self.campaigns_dir = root / self.config.campaigns_dir
        self.cache_dir = root / self.config.cache_dir
        try:
            self.generated = generate(self.campaigns_dir, Path(config.docs_dir),
                                      site_url=config.site_url, site_name=config.site_name,
                                      cache_dir=self.cache_dir, campaigns=self._validated,
                                      key=self._key)
        except UserError as exc:
            raise PluginError(f"tệp chiến dịch có lỗi:\n{exc}") from None
        if config.nav is None and self.generated.nav is not None:
            config.nav = self.generated.nav
        return config

    # Runs before other plugins (search, blog) so that they see the generated pages as files.
    @event_priority(50)
    def _add_generated(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        generated = self.generated
        hand_written = set(shadowed([*generated.pages, *generated.assets], Path(config.docs_dir)))
        for path in sorted(hand_written):
            log.info(hand_written_wins(path))
        for path, content in generated.pages.items():
            if path not in hand_written:
                files.append(File.generated(config, path, content=content))
        for path, source in generated.assets.items():
            if path not in hand_written:
                files.append(File.generated(config, path, abs_src_path=str(source)))
        return files

    # Runs after every other plugin (the blog adds its archive and category pages), so that
    # each page, whoever made it, gets its share card.
    @event_priority(-100)
    def _add_cards(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        # The blog keeps its views out of the build until navigation time: include them all.
        titles = {page.src_uri: card_title(page.content_string, config.site_name)
                  for page in files.documentation_pages(inclusion=lambda _: True)}
        cards = render_cards(titles, self.generated.sections, config.site_name,
                             config.site_url, self.cache_dir / "cards")
        for path, source in cards.items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, abs_src_path=str(source)))
        return files

    on_files = CombinedEvent(_add_generated, _add_cards)

    # Runs after Material's search plugin (priority 0) has written the index it amends.
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():
            data = json.loads(index.read_text(encoding="utf-8"))
            index.write_text(json.dumps(add_folded_fields(data), ensure_ascii=False,
                                        separators=(",", ":")), encoding="utf-8")

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer | None:
        if self.campaigns_dir.is_dir():
            server.watch(str(self.campaigns_dir))
        return server
