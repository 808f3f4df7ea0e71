"""Paragraphs of a web page: Word's "save as web page", or a page copied from a portal."""

from __future__ import annotations

from html.parser import HTMLParser

from generator.importer.limits import Budget
from generator.importer.paragraphs import Para, is_layout, markdown_table
from generator.vi import raised

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "br",
           "blockquote", "section", "article", "table", "dt", "dd"}
_CELLS = {"td", "th"}
_SKIP = {"script", "style", "head", "title", "noscript", "nav", "footer", "template"}


class _Reader(HTMLParser):
    def __init__(self, budget: Budget) -> None:
        super().__init__(convert_charrefs=True)
        self.budget = budget
        self.paras: list[Para] = []
        self.parts: list[str] = []
        self.line = 1
        self.skip = 0
        self.bold = 0
        self.bold_chars = 0
        self.sup = 0
        # Tables being read (a table may sit in a cell): rows of cells of paragraphs.
        self.tables: list[tuple[int, list[list[list[Para]]]]] = []

    def flush(self) -> None:
        text = " ".join("".join(self.parts).split())
        if text:
            self.budget.text(text)
            bold = self.bold_chars >= len(text.replace(" ", "")) > 0
            para = Para(text, self.line, bold=bold)
            if self.tables and self.tables[-1][1] and self.tables[-1][1][-1]:
                self.tables[-1][1][-1][-1].append(para)
            else:
                self.paras.append(para)
        self.parts, self.bold_chars = [], 0
        self.line = self.getpos()[0]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCKS:
            self.flush()
            if tag == "table":
                self.tables.append((self.getpos()[0], []))
            elif tag == "tr" and self.tables:
                self.tables[-1][1].append([])
            elif tag in _CELLS and self.tables:
                if not self.tables[-1][1]:
                    self.tables[-1][1].append([])
                span = int(next((v for k, v in attrs if k == "colspan" and v and v.isdigit()),
                                "1"))
                self.tables[-1][1][-1] += [[] for _ in range(min(span, 50))]
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag == "sup":
            self.sup += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.flush()
            if tag == "table" and self.tables:
                self.table(*self.tables.pop())
        elif tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag == "sup":
            self.sup = max(0, self.sup - 1)

    def table(self, line: int, rows: list[list[list[Para]]]) -> None:
        """A layout table read cell by cell; any other table kept as a Markdown table."""
        texts = [[" ".join(p.text for p in cell) for cell in row] for row in rows if row]
        if not texts:
            return
        into = self.tables[-1][1][-1][-1] if self.tables and self.tables[-1][1] and \
            self.tables[-1][1][-1] else self.paras
        if is_layout(texts, bool(self.paras)):
            into += [para for row in rows for cell in row for para in cell]
        else:
            into.append(Para(markdown_table(texts), line, table=True))

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.sup and data.strip().strip("[]()").isdigit():
            # A raised number: a footnote mark where a footnote of that number exists.
            data = raised(data.strip().strip("[]()"))
        if not self.parts:
            self.line = self.getpos()[0]
        self.parts.append(data)
        if self.bold:
            self.bold_chars += len(data.replace(" ", "").strip())


def web_paragraphs(html: str, budget: Budget) -> list[Para]:
    reader = _Reader(budget)
    reader.feed(html)
    reader.close()
    reader.flush()
    return reader.paras
