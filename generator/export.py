"""Writing the complete docs tree to disk, for builders that run no MkDocs plugin (Zensical)."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import yaml

from generator.cards import card_title, render_cards
from generator.output import check_replaceable, staged
from generator.project import (
    generate,
    hand_written_wins,
    read_site_name,
    read_site_url,
    shadowed,
)

log = logging.getLogger(__name__)

# Folders next to mkdocs.yml that a build reads besides docs/ (theme overrides).
_SUPPORT_DIRS = ("overrides",)


def export_tree(root: Path, out: Path) -> int:
    """Write ``docs/`` with the generated pages and a ``mkdocs.yml`` naming the navigation.

    Returns the number of generated pages written. ``out`` is replaced only once complete.
    """
    check_replaceable(out)  # before any work, not after
    site_url = read_site_url(root / "mkdocs.yml")
    site_name = read_site_name(root / "mkdocs.yml")
    generated = generate(root / "campaigns", root / "docs", site_url=site_url,
                         site_name=site_name, cache_dir=root / ".cache")
    pages = dict(generated.pages)
    assets = dict(generated.assets)
    for path in shadowed([*pages, *assets], root / "docs"):
        log.info(hand_written_wins(path))
        pages.pop(path, None)
        assets.pop(path, None)
    with staged(out) as staging:
        shutil.copytree(root / "docs", staging / "docs")
        for name in _SUPPORT_DIRS:
            if (root / name).is_dir():
                shutil.copytree(root / name, staging / name)
        for path, content in pages.items():
            target = staging / "docs" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        docs = staging / "docs"
        titles = {page.relative_to(docs).as_posix():
                  card_title(page.read_text(encoding="utf-8"), site_name)
                  for page in sorted(docs.rglob("*.md"))}
        # A cache of its own: the site also has cards for the blog's archive pages, which an
        # export has no Markdown for, and a shared cache would forget and redraw them in turn.
        assets.update(render_cards(titles, generated.sections, site_name, site_url,
                                   root / ".cache" / "export-cards"))
        for path, source in assets.items():
            target = docs / path
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        if generated.nav is not None and not re.search(r"^nav\s*:", config, re.M):
            nav = yaml.safe_dump({"nav": generated.nav}, allow_unicode=True, sort_keys=False)
            config = f"{config.rstrip()}\n\n# Trình đơn do campaign export tạo.\n{nav}"
        (staging / "mkdocs.yml").write_text(config, encoding="utf-8")
    return len(pages)
