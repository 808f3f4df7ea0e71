"""The page of the campaign's figures: each index with its chart and table."""

from __future__ import annotations

from generator.campaign.model import Index
from generator.content.charts import index_chart
from generator.content.markdown import escape
from generator.content.writer import PageWriter
from generator.vi import number as decimal


def indices(w: PageWriter) -> str:
    c, path, title = w.campaign, w.paths.indices, "Các chỉ số"
    body = [f"Các chỉ số được nêu trong {w.kind} này: chỉ số đo lường điều gì, ai công bố, "
            f"và kết quả của {escape(c.place)} qua các năm theo các nguồn đã công bố.", ""]
    for number, index in enumerate(c.indices, start=1):
        body += [f"## {escape(index.code)}: {escape(index.name)}", ""]
        if index.measures:
            body += [f"**Đo lường:** {escape(index.measures)}", ""]
        if index.publisher:
            body += [f"**Cơ quan công bố:** {escape(index.publisher)}", ""]
        if index.values or index.national_average:
            svg, legend = index_chart(index, c.place, f"chart-{number}")
            body += ['<figure class="index-chart">', svg,
                     f"<figcaption>{legend}</figcaption>", "</figure>", ""]
            body += index_table(w, index)
        if index.dimensions:
            year = f" năm {index.dimensions_year}" if index.dimensions_year else ""
            body += [f"**Điểm các nội dung thành phần{year}:**", "",
                     "| Nội dung | Điểm |", "|---|---|"]
            body += [f"| {escape(d.name)} | {decimal(d.score)} |"
                     for d in index.dimensions]
            body.append("")
            if index.dimensions_source:
                body += [f"Nguồn: [{escape(index.dimensions_source)}]"
                         f"(<{index.dimensions_source}>)", ""]
    return w.page(path, title, f"Các chỉ số cải cách hành chính trong {c.short_title}.",
                     body)


def index_table(w: PageWriter, index: Index) -> list[str]:
    unit = f" ({escape(index.unit)})" if index.unit else ""
    rows = [f"| Năm | Điểm{unit} | Xếp hạng | Nguồn |", "|---|---|---|---|"]
    for value in sorted([*index.values], key=lambda v: v.year):
        score = decimal(value.score) if value.score is not None else "—"
        rank = (f"{value.rank}/{index.ranked_among}" if value.rank and index.ranked_among
                else str(value.rank or "—"))
        rows.append(f"| {value.year} | {score} | {rank} | "
                    f"[nguồn {value.year}](<{value.source}>) |")
    for value in sorted(index.national_average, key=lambda v: v.year):
        score = decimal(value.score) if value.score is not None else "—"
        rows.append(f"| {value.year} (trung bình cả nước) | {score} | — | "
                    f"[nguồn {value.year}, cả nước](<{value.source}>) |")
    return [*rows, ""]
