"""The page of cited documents: each with where the campaign cites it."""

from __future__ import annotations

from generator.campaign.model import Document
from generator.content.markdown import escape, link
from generator.content.writer import (
    PageWriter,
    document_label,
)
from generator.vi import short_date


def documents(w: PageWriter) -> str:
    c, path, title = w.campaign, w.paths.documents, "Văn bản được dẫn"
    documents = w.citations.documents
    body = [f"{len(documents)} văn bản được nhắc đến trong {w.kind} này, mỗi văn bản một "
            "mục."
            " Số hiệu văn bản ở các trang khác đều dẫn về đây.", ""]
    for doc in documents:
        body += [f"## {escape(document_label(doc))} {{#{doc.id}}}", ""]
        facts = []
        if doc.date:
            facts.append(f"- **Ngày ban hành:** {short_date(doc.date)}")
        if doc.issuer:
            facts.append(f"- **Cơ quan ban hành:** {escape(doc.issuer)}")
        if doc.title and doc.number:
            facts.append(f"- **Trích yếu:** {w.text(doc.title, path)}")
        cited = w.citations.cited_in.get(doc.id, {})
        if cited:
            facts.append("- **Được nhắc đến ở:** " + ", ".join(
                link(escape(name), page, path) for page, name in cited.items()))
        body += [*facts, ""] if facts else [f"*{escape(doc.kind)}*", ""]
    return w.page(path, title, f"Các văn bản được dẫn trong {c.short_title}.", body)


def document_mention(w: PageWriter, doc: Document, page: str) -> str:
    """How Vietnamese cites a document: 'Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ
    tướng Chính phủ phê duyệt “…”', 'Kế hoạch số 105/KH-UBND … về “…”'."""
    label = link(escape(document_label(doc)), f"{w.paths.documents}#{doc.id}", page)
    parts = [label]
    if doc.date:
        parts.append(f"ngày {short_date(doc.date)}")
    if doc.issuer:
        parts.append(f"của {escape(doc.issuer)}")
    if doc.title and doc.number:
        # A title that opens with its own verb ('phê duyệt “…”') follows the issuer as it
        # is; a bare title is what the document is about.
        about = "" if doc.title[0].islower() else "về "
        parts.append(about + w.text(doc.title, page))
    return " ".join(parts)
