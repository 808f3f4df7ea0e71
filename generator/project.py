"""Finding a project's campaign files and turning them into the generated docs tree."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from generator.errors import Problem, UserError
from generator.feed import FEED_PATH, read_posts, rss_feed
from generator.generated import recall, remember
from generator.inputs import CampaignsKey, campaigns_key
from generator.navigation import NavItem, site_nav

if TYPE_CHECKING:
    from generator.model import Campaign

CAMPAIGN_SUFFIXES = (".yml", ".yaml")

log = logging.getLogger("mkdocs.plugins.campaign")


def campaign_files(campaigns_dir: Path) -> list[Path]:
    """The campaign files in ``campaigns_dir``; two files for one campaign id are an error."""
    if not campaigns_dir.is_dir():
        return []
    files = sorted(p for p in campaigns_dir.iterdir()
                   if p.suffix in CAMPAIGN_SUFFIXES and p.is_file() and not p.name.startswith("."))
    seen: dict[str, Path] = {}
    problems = []
    root = campaigns_dir.resolve().parent
    for path in files:
        if not path.resolve().is_relative_to(root):
            problems.append(Problem(path, 1, 1, "tệp là liên kết trỏ ra ngoài thư mục dự án; "
                                                 "hãy chép tệp thật vào campaigns/"))
        if path.stem in seen:
            problems.append(Problem(path, 1, 1, f"đã có tệp {seen[path.stem].name} cho cùng "
                                                 "chiến dịch; hãy giữ một tệp"))
        seen[path.stem] = path
    if problems:
        raise UserError(problems)
    return files


def load_project(campaigns_dir: Path, cache_dir: Path | None = None) -> list[Campaign]:
    """Every campaign of the project, validated (or known valid from ``cache_dir``)."""
    from generator.validate import load_campaigns  # the model and Pillow: 0.1 s to import

    return load_campaigns(campaign_files(campaigns_dir), campaigns_dir.resolve().parent,
                          cache_dir)


@dataclass(frozen=True)
class GeneratedSite:
    """What the generator adds to a docs tree: pages in memory, the navigation, and files
    (posters) already on disk, each keyed by its docs-relative path."""

    pages: dict[str, str]
    nav: list[NavItem] | None
    assets: dict[str, Path]
    sections: dict[str, str]  # campaign folder → campaign title


def generate(campaigns_dir: Path, docs_dir: Path, *, site_url: str | None, site_name: str,
             cache_dir: Path, campaigns: list[Campaign] | None = None,
             key: CampaignsKey | None = None,
             progress: bool | None = None) -> GeneratedSite:
    """Everything generated, or nothing when the project has no campaigns folder (an export).

    ``campaigns`` are the project's campaigns when the caller has just validated them, and
    ``key`` their ``campaigns_key`` taken before it read them.
    """
    if not campaigns_dir.is_dir():
        return GeneratedSite({}, None, {}, {})
    key = key or campaigns_key(campaigns_dir, cache_dir)
    made = recall(cache_dir, key, site_url)
    if made is None:
        from generator.produce import produce  # the page generator, posters: only on a change

        if campaigns is None:
            campaigns = load_project(campaigns_dir, cache_dir)
        made = produce(campaigns, campaigns_dir, site_url, cache_dir, progress)
        # Kept only if no campaign file changed while this build was reading them; under the
        # fonts and logos that validation has just recorded.
        after = campaigns_key(campaigns_dir, cache_dir)
        if after.sources == key.sources:
            remember(cache_dir, after, site_url, made)
    else:
        log.info(f"{len(made.titles)} chiến dịch không đổi: dùng lại trang, áp phích và lịch "
                 "của lần tạo trước")
    assets = dict(made.assets)
    posts = read_posts(docs_dir)
    if posts and site_url:
        feed = rss_feed(posts, site_name, site_url)
        assets[FEED_PATH] = write_if_changed(cache_dir / "rss.xml", feed)
    return GeneratedSite(made.pages, site_nav(made.sections, made.owned, docs_dir), assets,
                         made.titles)


def hand_written_wins(path: str) -> str:
    """The one line a build says when a person's file replaces a generated one."""
    return f"docs/{path} do người viết được dùng thay cho tệp tự sinh cùng tên"


def shadowed(pages: Iterable[str], docs_dir: Path) -> list[str]:
    """Generated paths that a person has written by hand in ``docs_dir``: theirs wins."""
    return [path for path in pages if (docs_dir / path).exists()]


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing or rejecting its !!python and !ENV tags."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _config_value(config_file: Path, key: str) -> str | None:
    """A top-level text setting of a MkDocs configuration, read without MkDocs."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError):
        return None
    value = config.get(key) if isinstance(config, dict) else None
    return value if isinstance(value, str) and value else None


def read_site_url(config_file: Path) -> str | None:
    return _config_value(config_file, "site_url")


def read_site_name(config_file: Path) -> str:
    return _config_value(config_file, "site_name") or "Thông tin, tuyên truyền"


def write_if_changed(path: Path, content: bytes) -> Path:
    """Write ``content`` atomically unless the file already holds it (keeps its mtime)."""
    if not path.is_file() or path.read_bytes() != content:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial")
        partial.write_bytes(content)
        partial.replace(path)
    return path
