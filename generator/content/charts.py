"""Inline SVG charts of an index over the years, readable without the picture too.

Each chart carries a title and a description that state every figure, so a screen reader
user gets the same facts; the page also shows them in a table.
"""

from __future__ import annotations

from html import escape

from generator.campaign.model import Index, IndexValue
from generator.vi import number

WIDTH, HEIGHT = 640, 280
_TOP, _BOTTOM, _LEFT, _RIGHT = 40, 48, 16, 16
_LOCAL = "#A50F15"
_NATIONAL = "#5F6368"
_INK = "#202124"


def describe(index: Index, place: str) -> str:
    """Every figure of the chart, as one sentence."""
    unit = f" {index.unit}" if index.unit and index.unit != "%" else index.unit or ""
    parts = []
    for value in sorted(index.values, key=lambda v: v.year):
        facts = []
        if value.score is not None:
            facts.append(f"{number(value.score)}{unit}")
        if value.rank is not None:
            facts.append(f"hạng {value.rank}" + (f"/{index.ranked_among}"
                                                 if index.ranked_among else ""))
        parts.append(f"năm {value.year}: {', '.join(facts)}")
    text = f"{index.code} của {place} — " + "; ".join(parts) + "."
    if index.national_average:
        averages = ", ".join(f"{v.year}: {number(v.score)}{unit}"
                             for v in sorted(index.national_average, key=lambda v: v.year)
                             if v.score is not None)
        text += f" Trung bình cả nước — {averages}."
    return text


def index_chart(index: Index, place: str, chart_id: str) -> tuple[str, str]:
    """SVG bars of the place's score per year (with its rank above), beside the national
    average where the campaign gives one; and the legend that goes under it."""
    years = sorted({v.year for v in index.values} | {v.year for v in index.national_average})
    local = {v.year: v for v in index.values}
    national = {v.year: v for v in index.national_average}
    scores = [v.score for v in [*index.values, *index.national_average] if v.score is not None]
    ceiling = 100.0 if index.unit == "%" else max(scores, default=1.0) * 1.15
    plot_h = HEIGHT - _TOP - _BOTTOM
    slot = (WIDTH - _LEFT - _RIGHT) / max(len(years), 1)
    bar = min(slot * 0.32, 56)
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="100%" role="img" aria-labelledby="{title_id} {desc_id}" '
             f'font-family="sans-serif" font-size="13">',
             f'<title id="{title_id}">{escape(index.code)}: {escape(index.name)}</title>',
             f'<desc id="{desc_id}">{escape(describe(index, place))}</desc>',
             f'<line x1="{_LEFT}" y1="{_TOP + plot_h}" x2="{WIDTH - _RIGHT}" '
             f'y2="{_TOP + plot_h}" stroke="{_INK}" stroke-width="1"/>']
    for i, year in enumerate(years):
        center = _LEFT + slot * (i + 0.5)
        parts.append(f'<text x="{center:.1f}" y="{HEIGHT - _BOTTOM + 20}" text-anchor="middle" '
                     f'fill="{_INK}">{year}</text>')
        pair = [(local.get(year), _LOCAL, -1 if year in national else 0),
                (national.get(year), _NATIONAL, 1 if year in local else 0)]
        for value, color, side in pair:
            if value is None:
                continue
            x = center + side * bar * 0.55 - bar / 2
            parts += _bar(value, x, bar, ceiling, plot_h, color, index.ranked_among)
    parts.append("</svg>")
    legend = (f'<span style="color:{_LOCAL}">■</span> {escape(place)}'
              + (f' &nbsp; <span style="color:{_NATIONAL}">■</span> Trung bình cả nước'
                 if index.national_average else ""))
    return "".join(parts), legend


def _bar(value: IndexValue, x: float, width: float, ceiling: float, plot_h: float,
         color: str, ranked_among: int | None) -> list[str]:
    base = _TOP + plot_h
    out = []
    top = base
    if value.score is not None:
        height = plot_h * value.score / ceiling
        top = base - height
        out.append(f'<rect x="{x:.1f}" y="{top:.1f}" width="{width:.1f}" height="{height:.1f}" '
                   f'fill="{color}"/>')
        out.append(f'<text x="{x + width / 2:.1f}" y="{top - 6:.1f}" text-anchor="middle" '
                   f'fill="{_INK}">{number(value.score)}</text>')
    if value.rank is not None:
        rank = f"hạng {value.rank}" + (f"/{ranked_among}" if ranked_among else "")
        y = top - 22 if value.score is not None else base - 8
        out.append(f'<text x="{x + width / 2:.1f}" y="{y:.1f}" text-anchor="middle" '
                   f'font-weight="bold" fill="{color}">{rank}</text>')
    return out
