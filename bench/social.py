"""Our share cards against Material's social plugin, on the same page titles, both offline.

Material's plugin fetches its font from Google Fonts unless its font cache already holds the
family; the cache is filled here with the same DejaVu files our cards use, so both draw with
one font and neither touches the network. Each side draws every card from an empty card cache,
one drawing thread or process each.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import SAMPLE, median_time, run
from bench.synthetic import campaign_data
from generator.campaign.load import load_campaign
from generator.campaign.model import Campaign
from generator.content.pages import generate_site
from generator.content.sharing import card_title
from generator.posters.batch import build_posters
from generator.posters.cards import card_jobs
from generator.posters.fonts import default_headline_font, default_text_font

SITE_NAME = "Thông tin, tuyên truyền cải cách hành chính"
FAMILY = "DejaVu Sans"


def page_titles(campaigns: int) -> dict[str, str]:
    """The title of every page the generator makes for the sample and synthetic campaigns."""
    found = [load_campaign(SAMPLE),
             *(Campaign.model_validate(campaign_data(i)) for i in range(1, campaigns))]
    pages = generate_site(found, {c.id: [] for c in found})
    return {path: card_title(text, SITE_NAME) for path, text in pages.items()}


def _material_project(root: Path, titles: dict[str, str], social: bool) -> Path:
    docs = root / "docs"
    for path, title in titles.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# {title}\n\nNội dung.\n", encoding="utf-8")
    fonts = root / ".cache" / "plugin" / "social" / "fonts" / FAMILY
    fonts.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(default_text_font(), fonts / "Regular.ttf")
    shutil.copyfile(default_headline_font(), fonts / "Bold.ttf")
    (root / "mkdocs.yml").write_text(
        f"site_name: {SITE_NAME}\n"
        "site_url: https://tuyentruyen.example.vn/\n"
        "theme:\n  name: material\n  language: vi\n  font: false\n"
        "plugins:\n"
        "  - social:\n"
        f"      enabled: {'true' if social else 'false'}\n"
        "      cache: false\n"
        "      concurrency: 1\n"
        "      cards_layout_options:\n"
        f"        font_family: {FAMILY}\n", encoding="utf-8")
    return root


def bench_social(repeat: int, campaigns: int = 10) -> dict[str, Any]:
    titles = page_titles(campaigns)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        on = _material_project(base / "social", titles, social=True)
        off = _material_project(base / "plain", titles, social=False)
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q"]
        material, without = [], []
        for _ in range(repeat):
            shutil.rmtree(on / ".cache" / "plugin" / "social" / "assets", ignore_errors=True)
            material.append(run(mkdocs, on)[0])
            without.append(run(mkdocs, off)[0])
        cards = sorted((on / "site" / "assets" / "images" / "social").rglob("*.png"))
        if len(cards) != len(titles):
            raise RuntimeError(f"Material drew {len(cards)} cards for {len(titles)} pages")
        jobs = card_jobs(titles, {}, SITE_NAME, "https://tuyentruyen.example.vn/")
        cache = base / "ours"

        def ours() -> None:
            shutil.rmtree(cache, ignore_errors=True)
            build_posters(jobs, cache, workers=1, progress=False)

        ours()  # fonts loaded and shaped once, as in a build after its first card
        ours_s = median_time(ours, repeat)
    material_s = statistics.median(material) - statistics.median(without)
    return {
        "cards": len(titles),
        "material_build_s": round(statistics.median(material), 3),
        "material_build_without_social_s": round(statistics.median(without), 3),
        "material_per_card_s": round(material_s / len(titles), 4),
        "ours_per_card_s": round(ours_s / len(titles), 4),
        "ratio_ours_over_material": round(ours_s / material_s, 2),
    }
