"""The pages of what is told and how: the topics and the forms (channels)."""

from __future__ import annotations

from generator.content.citations import (
    FORMS_TITLE,
    TOPICS_TITLE,
)
from generator.content.markdown import escape, link
from generator.content.writer import (
    PageWriter,
    form_title,
    topic_title,
)

_FORM_KINDS = {"direct": "Trực tiếp", "media": "Đại chúng", "visual": "Trực quan"}


def topics(w: PageWriter) -> str:
    c, path, title = w.campaign, w.paths.topics, TOPICS_TITLE
    body = [f"{escape(c.kind)} này nêu {len(c.topics)} nhóm nội dung cần tuyên truyền."
            if c.topics else f"{escape(c.kind)} này không chia nội dung tuyên truyền thành "
            f"mục riêng; xem {link('toàn văn', w.paths.full_text, path)}.",
            ""]
    for number, topic in enumerate(c.topics, start=1):
        note = f"[^{topic.footnote}]" if topic.footnote else ""
        if w.untitled(topic.title, topic.text):
            body += w.run_in(number, topic.text, note, path)
        else:
            body += [f"## {number}. {escape(topic_title(topic))}", "",
                     f"{w.text(topic.text, path)}{note}", ""]
        body += w.points(topic.points, path) if topic.points else []
    return w.page(path, title, f"Nội dung tuyên truyền của {c.short_title}.", body)


def forms(w: PageWriter) -> str:
    c, path, title = w.campaign, w.paths.forms, FORMS_TITLE
    body = [f"{escape(c.kind)} này nêu {len(c.forms)} hình thức tuyên truyền."
            if c.forms else f"{escape(c.kind)} này không nêu hình thức tuyên truyền thành "
            f"mục riêng; xem {link('toàn văn', w.paths.full_text, path)}.",
            ""]
    for number, form in enumerate(c.forms, start=1):
        channels = form.channels
        # What the form is named by where the document gives it no title: its text, else
        # its first channel. On paper that runs in under the number instead.
        named_by = form.text or (channels[0].text if channels else None)
        ran_in = w.untitled(form.title, named_by)
        if ran_in and not form.text:
            first, channels = channels[0], channels[1:]
            body += w.run_in(number, first.text,
                             f"[^{first.footnote}]" if first.footnote else "", path)
            body += [*(f"- {w.text(sub, path)}" for sub in first.points), ""] \
                if first.points else []
        elif ran_in:
            body += w.run_in(number, form.text or "", "", path)
        else:
            body += [f"## {number}. {escape(form_title(form))}", ""]
        if form.kind:
            body += [f"*Loại hình: {_FORM_KINDS[form.kind]}*", ""]
        if form.text and not ran_in:
            body += [w.text(form.text, path), ""]
        if channels:
            body += w.points(channels, path)
        if form.requirement:
            body += ['!!! warning "Yêu cầu"', "",
                     f"    {w.text(form.requirement, path)}", ""]
    return w.page(path, title, f"Các hình thức tuyên truyền của {c.short_title}.", body)
