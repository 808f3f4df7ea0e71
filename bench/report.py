"""The results as Markdown: the full report (bench/results.md) and the README's short table."""

from __future__ import annotations

from typing import Any

COMMAND = ".venv/bin/python -m bench"
README_START = "<!-- bench:start -->"
README_END = "<!-- bench:end -->"


def _meets(value: float, limit: float, most: bool = True) -> str:
    return "yes" if (value <= limit if most else value >= limit) else "**no**"


def summary(results: dict[str, Any]) -> str:
    """The README's table: every target of the benchmark, its figure, and whether it is met."""
    posters = {row["format"]: row for row in results["posters"]}
    site, social = results["site"], results["social"]
    parallel, memory = results["parallel"], results["a0_memory"]
    scale, growth = results["scale"], results["growth"]
    worst = max(row["ratio"] for row in results["posters"])
    biggest = scale[-1]
    rows = [
        ("render ÷ Pillow encoding a blank PNG of the same size: "
         + " / ".join(posters), " / ".join(f"{r['ratio']}×" for r in posters.values()),
         "≤ 1.5×", _meets(worst, 1.5)),
        ("sample build, posters cached ÷ plain `mkdocs build` of the same Markdown (both with "
         "the Pagefind index)",
         f"{site['warm_build_s']} s ÷ {site['plain_mkdocs_s']} s = "
         f"{site['ratio_warm_over_plain_mkdocs']}", "≤ 1.10",
         _meets(site["ratio_warm_over_plain_mkdocs"], 1.10)),
        (f"the same at {biggest['campaigns']} campaigns ({biggest['pages']} pages)",
         f"{biggest['warm_build_s']} s ÷ {biggest['plain_mkdocs_s']} s = "
         f"{biggest['ratio_warm_over_plain_mkdocs']}", "≤ 1.10",
         _meets(biggest["ratio_warm_over_plain_mkdocs"], 1.10)),
        ("no-op rebuild ÷ cold build (posters drawn)",
         f"{site['noop_build_s']} s ÷ {site['cold_build_s']} s = "
         f"{site['ratio_noop_over_cold']} ({site['posters_drawn_noop']} drawn)",
         "≤ 0.05, 0 drawn",
         _meets(site["ratio_noop_over_cold"], 0.05) if site["posters_drawn_noop"] == 0
         else "**no**"),
        ("posters redrawn after one slogan changed",
         str(site["posters_redrawn_one_slogan_changed"]),
         f"{site['posters_per_slogan']} (its formats)",
         "yes" if site["posters_redrawn_one_slogan_changed"] == site["posters_per_slogan"]
         else "**no**"),
        (f"share card ÷ Material's social plugin ({social['cards']} titles, one core each)",
         f"{social['ours_per_card_s'] * 1000:.1f} ms ÷ {social['material_per_card_s'] * 1000:.1f}"
         f" ms = {social['ratio_ours_over_material']}", "< 1",
         _meets(social["ratio_ours_over_material"], 0.999)),
        (f"{parallel['posters']} posters: 1 core ÷ {parallel['cores']} cores",
         f"{parallel['speedup']}×", "≥ 1.8×", _meets(parallel["speedup"], 1.8, most=False)),
        ("A0 at 300 dpi: peak memory ÷ RGB buffer", f"{memory['ratio_peak_over_buffer']}×",
         "≤ 2×", _meets(memory["ratio_peak_over_buffer"], 2.0)),
        ("growth 1 → 10 → 100 campaigns: cost per added page, later step ÷ earlier",
         f"{growth['slope_ratio']}, plain MkDocs {growth['slope_ratio_plain_mkdocs']} "
         f"({growth['seconds_per_page'] * 1000:.1f} ms a page, "
         f"{growth['seconds_per_image_drawn'] * 1000:.1f} ms an image drawn)",
         "≈ 1 (linear)", _meets(abs(growth["slope_ratio"] - 1), 0.5)),
    ]
    lines = [f"Latest figures (`{COMMAND}`, {parallel['cores']} cores, "
             f"{results['minutes']} minutes; each ratio measured side by side in one run, "
             "medians of repetitions; details in `bench/results.md`):", "",
             "| measure | figure | target | met |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines) + "\n"


def full_report(results: dict[str, Any]) -> str:
    lines = ["# Benchmark results", "", f"Reproduce: `{COMMAND}` (add `--quick` for fewer "
             "repetitions). Every figure is a ratio against a baseline measured in the same run "
             "(median of repetitions).", "", summary(results),
             "## Poster render time per format", "",
             "Layout, drawing and PNG encoding of one poster, over Pillow encoding a blank "
             "image of the same pixel size with its default settings; the last column uses "
             "our encoder settings for the blank image too.", "",
             "| format | pixels | render (s) | blank encode (s) | ratio | ratio, same settings |",
             "|---|---|---|---|---|---|"]
    for row in results["posters"]:
        lines.append(f"| {row['format']} | {row['width_px']} × {row['height_px']} | "
                     f"{row['render_s']} | {row['blank_encode_s']} | {row['ratio']}× | "
                     f"{row['ratio_same_settings']}× |")
    lines += ["", "## PNG encoder settings (A3 poster)", "",
              "| setting | time (s) | size (MB) | time ratio to level 1 |", "|---|---|---|---|"]
    for row in results["png_levels"]:
        lines.append(f"| {row['setting']} | {row['seconds']} | {row['bytes'] / 1e6:.2f} | "
                     f"{row['time_ratio']}× |")
    site = results["site"]
    lines += ["", "## Site builds (the sample campaign)", "",
              "Real `campaign build` processes; plain MkDocs builds the tree `campaign export` "
              "writes, with the campaign plugin taken out of its configuration, then Pagefind "
              "indexes it as the plugin does (the same search on both sides).", "",
              "| build | time (s) | ÷ plain `mkdocs build` |", "|---|---|---|",
              f"| plain `mkdocs build` | {site['plain_mkdocs_s']} | 1 |",
              f"| `campaign build --force`, posters cached | {site['warm_build_s']} | "
              f"{site['ratio_warm_over_plain_mkdocs']} |",
              f"| `campaign build` after editing a hand-written page | "
              f"{site['page_edited_build_s']} | {site['ratio_page_edited_over_plain_mkdocs']} |",
              f"| cold `campaign build` ({site['posters_drawn_cold']} posters drawn) | "
              f"{site['cold_build_s']} | – |",
              f"| `campaign build` with nothing changed ({site['posters_drawn_noop']} drawn) | "
              f"{site['noop_build_s']} | {site['ratio_noop_over_cold']} of the cold build |"]
    social = results["social"]
    lines += ["", "## Share cards against Material's social plugin", "",
              f"{social['cards']} page titles of the sample and synthetic campaigns. Material: "
              f"`mkdocs build` with the plugin ({social['material_build_s']} s) minus without "
              f"it ({social['material_build_without_social_s']} s), font cache pre-filled with "
              "DejaVu Sans, `concurrency: 1`. Ours: the same titles drawn by the card renderer "
              f"on one core. Per card: ours {social['ours_per_card_s'] * 1000:.1f} ms, Material "
              f"{social['material_per_card_s'] * 1000:.1f} ms: "
              f"{social['ratio_ours_over_material']}×."]
    parallel = results["parallel"]
    lines += ["", "## Parallel rendering", "",
              f"{parallel['posters']} posters (A4 and LED) from an empty cache, after a first "
              "small batch has loaded the fonts and started the worker pool (as in any build "
              "after its first campaign): "
              f"{parallel['one_worker_s']} s on 1 worker, {parallel['all_cores_s']} s on "
              f"{parallel['cores']} cores: speed-up {parallel['speedup']}×."]
    memory = results["a0_memory"]
    lines += ["", "## A0 peak memory", "",
              f"Peak resident memory {memory['peak_rss_bytes'] / 1e6:.0f} MB while rendering an "
              f"A0 at 300 dpi, whose RGB buffer is {memory['buffer_bytes'] / 1e6:.0f} MB: "
              f"{memory['ratio_peak_over_buffer']}× the buffer "
              f"({memory['ratio_growth_over_buffer']}× counting only growth during the render)."]
    growth = results["growth"]
    lines += ["", "## Scale: synthetic campaigns", "",
              "The sample plus synthetic campaigns (12 agencies, 8 topics, 3 slogans each, "
              f"posters in {growth['poster_format']}). Cold: empty caches; cached: "
              "`campaign build --force` with posters and validation cached; memory is the peak "
              "of the build process (poster workers are processes of their own).", "",
              "| campaigns | pages | posters | share cards | cold (s) | cached (s) | "
              "plain MkDocs (s) | cached ÷ plain | cached and plain builds | "
              "peak memory cold / cached (MB) |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for row in results["scale"]:
        lines.append(f"| {row['campaigns']} | {row['pages']} | {row['posters']} | "
                     f"{row['cards']} | "
                     f"{row['cold_build_s']} | {row['warm_build_s']} | {row['plain_mkdocs_s']} "
                     f"| {row['ratio_warm_over_plain_mkdocs']} | {row['repetitions']} each "
                     f"| {row['cold_peak_rss_mb']} / "
                     f"{row['warm_peak_rss_mb']} |")
    lines += ["", f"Per added page (cached build, between the two largest sizes): "
              f"{growth['seconds_per_page'] * 1000:.1f} ms, of which plain MkDocs "
              f"{growth['seconds_per_page_plain_mkdocs'] * 1000:.1f} ms; per image drawn "
              "(posters and share cards, 1200 × 630, with validation, on every core): "
              f"{growth['seconds_per_image_drawn'] * 1000:.1f} ms; memory "
              f"{growth['memory_mb_per_page']} MB a page. The cost per added page from 10 to "
              f"100 campaigns is {growth['slope_ratio']}× that from 1 to 10 (plain MkDocs on "
              f"the same pages: {growth['slope_ratio_plain_mkdocs']}×); linear growth reads "
              "1.", ""]
    return "\n".join(lines)


def replace_readme_table(readme: str, results: dict[str, Any]) -> str:
    start, end = readme.index(README_START), readme.index(README_END)
    return (readme[:start + len(README_START)] + "\n" + summary(results) + readme[end:])
