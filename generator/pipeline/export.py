"""Writing the complete docs tree to disk, for builders that run no MkDocs plugin (Zensical)."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import yaml

from generator.content.sharing import card_title
from generator.pipeline.generate import generate, hand_written_wins, shadowed
from generator.pipeline.project import Project, is_staff_page
from generator.pipeline.share_cards import render_cards
from generator.pipeline.staging import check_replaceable, staged

log = logging.getLogger(__name__)

def export_tree(project: Project, out: Path) -> int:
    """Write ``docs/`` with the generated pages and a ``mkdocs.yml`` naming the navigation.

    Returns the number of generated pages written. ``out`` is replaced only once complete.
    """
    check_replaceable(out)  # before any work, not after
    content = generate(project)
    pages = dict(content.pages)
    assets = dict(content.assets)
    for path in shadowed([*pages, *assets], project.docs_dir):
        log.info(hand_written_wins(path))
        pages.pop(path, None)
        assets.pop(path, None)
    root = project.root
    staff = is_staff_page(project)
    with staged(out) as staging:
        # Staff pages stay out: Zensical would publish them (it knows no draft_docs).
        shutil.copytree(project.docs_dir, staging / "docs", ignore=lambda folder, names: [
            name for name in names
            if staff((Path(folder) / name).relative_to(project.docs_dir).as_posix())])
        # The theme's overrides, where mkdocs.yml says they are (custom_dir).
        theme = project.theme_dir
        if theme is not None and theme.is_dir() and theme.is_relative_to(root):
            shutil.copytree(theme, staging / theme.relative_to(root))
        for path, text in pages.items():
            target = staging / "docs" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        docs = staging / "docs"
        titles = {page.relative_to(docs).as_posix():
                  card_title(page.read_text(encoding="utf-8"), project.site_name)
                  for page in sorted(docs.rglob("*.md"))}
        # A cache of its own: the site also has cards for the blog's archive pages, which an
        # export has no Markdown for, and a shared cache would forget and redraw them in turn.
        assets.update(render_cards(titles, content.sections, project.site_name,
                                   project.site_url, project.cache_dir / "export-cards"))
        for path, source in assets.items():
            target = docs / path
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        config = project.config_file.read_text(encoding="utf-8")
        if content.nav is not None and not re.search(r"^nav\s*:", config, re.M):
            nav = yaml.safe_dump({"nav": content.nav}, allow_unicode=True, sort_keys=False)
            config = f"{config.rstrip()}\n\n# Trình đơn do campaign export tạo.\n{nav}"
        (staging / "mkdocs.yml").write_text(config, encoding="utf-8")
    return len(pages)
