"""The handbook (sổ tay): the whole guidance on A5 pages for a meeting, a reporter or a desk,
with a cover, contents with page numbers, and the contact and QR code on the back.

Its chapters are the site's own pages that hold the document (overview, contents, forms,
every agency's tasks, slogans), so every sentence of the guidance is in the handbook, and
there is one place that turns the campaign into text.
"""

from __future__ import annotations

import html
import re

import markdown

from generator.campaign.model import Campaign
from generator.content.pages import print_chapters
from generator.posters.formats import BLEED_MM
from generator.printing.typeset import (
    family,
    font_faces,
    on_white,
    proof_band,
    proof_css,
    qr_block,
)

HANDBOOK_MM = (148.0, 210.0)
# The extensions of mkdocs.yml that the pages use; headings get their ids below.
_EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables"]
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_HEADING = re.compile(r"<h([12])([^>]*)>(.*?)</h\1>", re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')
_TAG = re.compile(r"<[^>]+>")
# A link that shows its own address: printed once, not again after itself.
_BARE = re.compile(r'<a href="(https?://[^"]+)">\1</a>')
# A picture's file is the site's.
_DROP = re.compile(r'<img [^>]*>')
# Footnotes as the Markdown extension writes them: marks in the text, notes in a list at the
# end of the page, each with links back; on paper each note goes to the foot of the page
# its (first) mark is on.
_NOTES = re.compile(r'<div class="footnote">.*?</div>', re.DOTALL)
_NOTE = re.compile(r'<li id="fn:([^"]+)">\s*(.*?)\s*</li>', re.DOTALL)
_BACK = re.compile(r'(?:&#160;)?<a class="footnote-backref"[^>]*>.*?</a>', re.DOTALL)
_MARK = re.compile(r'<sup id="fnref(\d*):([^"]+)"><a class="footnote-ref" href="[^"]*">'
                   r'([^<]*)</a></sup>')
_FOOT = re.compile(r'<span class="fn"[^>]*>.*?</span>', re.DOTALL)  # a note moved to its mark


def chapter_html(converter: markdown.Markdown, page: str, number: int
                 ) -> tuple[str, list[tuple[int, str, str]]]:
    """A page's Markdown as HTML for print, and its headings (level, id, text) for contents.
    One converter for all chapters keeps footnote ids apart (``UNIQUE_IDS``)."""
    text = _FRONT_MATTER.sub("", page).lstrip("\n")
    body = _BARE.sub(r'<a class="bare" href="\1">\1</a>',
                     footnotes_at_foot(_DROP.sub("", converter.reset().convert(text))))
    headings: list[tuple[int, str, str]] = []

    def named(match: re.Match[str]) -> str:
        level, attrs, inner = int(match[1]), match[2], match[3]
        found = _ID.search(attrs)
        anchor = f"c{number}-{found[1] if found else len(headings)}"
        attrs = _ID.sub("", attrs) + f' id="{anchor}"'
        # The contents name a heading run in (its clause and the mark ending it) without
        # the mark, nor a footnote set at it.
        label = html.unescape(_TAG.sub("", _FOOT.sub("", inner))).strip().rstrip(";:,.… ")
        headings.append((level, anchor, label))
        return f"<h{level}{attrs}>{inner}</h{level}>"

    return _HEADING.sub(named, body), headings


def footnotes_at_foot(body: str) -> str:
    """``body`` with each footnote moved from the list at its end to its first mark, where
    the handbook floats it to the foot of the page (the mark keeps the page's number)."""
    notes: dict[str, str] = {}
    for block in _NOTES.findall(body):
        notes.update((key, _BACK.sub("", text).removeprefix("<p>").removesuffix("</p>"))
                     for key, text in _NOTE.findall(block))

    def placed(match: re.Match[str]) -> str:
        again, key, mark = match[1], match[2], match[3]
        if again or key not in notes:  # a second mark of the same note: its number only
            return f"<sup>{mark}</sup>"
        return f'<span class="fn" data-mark="{mark}">{notes[key]}</span>'

    return _MARK.sub(placed, _NOTES.sub("", body))


def handbook_html(campaign: Campaign, url: str | None, proof: bool) -> str:
    e = html.escape
    c = campaign
    parts, contents = [], []
    converter = markdown.Markdown(extensions=_EXTENSIONS,
                                  extension_configs={"footnotes": {"UNIQUE_IDS": True}})
    for number, page in enumerate(print_chapters(c)):
        body, headings = chapter_html(converter, page, number)
        parts.append(f"<section class='chapter'>{body}</section>")
        contents += [f"<li class='l{level}'><a href='#{anchor}'>{e(text)}</a></li>"
                     for level, anchor, text in headings]
    palette = c.posters.palette
    accent = on_white(palette.background)
    theme = (f"<p class='over'>Chủ đề công tác năm {c.theme.year}</p>"
             f"<p class='theme'>{e(c.theme.text)}</p>") if c.theme else ""
    qr = ""
    if url:
        qr = ("<p>Toàn văn, áp phích và trách nhiệm của từng cơ quan trên trang web:</p>"
              + qr_block(url, HANDBOOK_MM[0] - 28))
    contact = c.contact
    lines = [contact.unit, contact.hotline and f"Đường dây nóng: {contact.hotline}",
             contact.email and f"Thư điện tử: {contact.email}", contact.address] \
        if contact else [c.issuer_name()]
    back = "".join(f"<p>{e(line)}</p>" for line in lines if line)
    width, height = HANDBOOK_MM
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>
{font_faces()}
{proof_css(16, 14)}
@page {{ size: {width}mm {height}mm; bleed: {BLEED_MM}mm; margin: 16mm 14mm 18mm 14mm;
  @bottom-center {{ content: counter(page); font-family: '{family()}'; font-size: 8.5pt; }} }}
@page cover {{ background: {palette.background}; @bottom-center {{ content: none; }} }}
@page back {{ @bottom-center {{ content: none; }} }}
html {{ font-family: '{family()}'; font-size: 9.5pt; line-height: 1.4; color: #111; }}
.cover {{ page: cover; color: {palette.text}; padding-top: 30mm; }}
.cover h1 {{ color: {palette.headline}; font-size: 19pt; line-height: 1.2; }}
.cover .over {{ text-transform: uppercase; font-size: 9pt; margin-top: 14mm; }}
.cover .theme {{ color: {palette.headline}; font-size: 14pt; font-weight: bold; }}
.contents {{ break-before: page; }}
.contents ol {{ list-style: none; padding: 0; }}
.contents li.l2 {{ padding-left: 5mm; font-size: 0.92em; }}
.contents a {{ color: inherit; text-decoration: none; }}
/* Each entry holds its page number: one that wraps to a full last line keeps its number
   below it, clear of the next entry's. */
.contents li {{ border-bottom: 0.3pt dotted #999; text-align: left; overflow: hidden; }}
.contents li.l1 {{ font-weight: bold; margin-top: 1.5mm; }}
/* The page number at the right; a dotted leader() would cost an eighth of the handbook's time. */
.contents a::after {{ content: target-counter(attr(href), page); float: right; }}
.chapter {{ break-before: page; }}
h1 {{ font-size: 15pt; color: {accent}; margin: 0 0 4mm; }}
h2 {{ font-size: 11.5pt; color: {accent}; margin: 5mm 0 2mm;
     break-after: avoid; }}
h3 {{ font-size: 10pt; break-after: avoid; }}
p, li {{ text-align: justify; hyphens: manual; orphans: 2; widows: 2; }}
a {{ color: inherit; text-decoration: none; }}
/* break-word, not break-all: tables would measure every address letter by letter. */
a[href^="http"]::after {{ content: " (" attr(href) ")"; font-size: 0.8em;
  overflow-wrap: break-word; }}
a.bare::after {{ content: none; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.9em; }}
th, td {{ border: 0.5pt solid #777; padding: 1pt 3pt; text-align: left; vertical-align: top; }}
.admonition {{ border-left: 1.5mm solid {accent}; padding: 1mm 4mm;
  background: #F6F1F1; }}
.admonition-title {{ font-weight: bold; margin: 1mm 0; }}
figure {{ margin: 2mm 0; }} svg {{ max-width: 100%; height: auto; }}
/* A footnote at the foot of the page its mark is on, numbered as on the site: a note too
   long for what is left of the page takes the line with its mark along to the next. */
.fn {{ float: footnote; footnote-policy: line; font-size: 0.85em; text-align: left; }}
.fn::footnote-call {{ content: attr(data-mark); vertical-align: super; font-size: 0.7em; }}
.fn::footnote-marker {{ content: attr(data-mark) ". "; }}
@page {{ @footnote {{ border-top: 0.5pt solid #777; padding-top: 1mm; }} }}
/* A part the document does not title: its first clause, in bold, runs into its text. */
.run-in {{ margin: 5mm 0 2mm; text-align: justify; }}
.run-in > h2 {{ display: inline; font-size: 1em; }}
.run-in > h2 + p {{ display: inline; }}
.back {{ page: back; break-before: page; padding-top: 40mm; }}
.qr {{ width: 30mm; height: 30mm; }}
.url {{ white-space: nowrap; }}
</style></head><body>{proof_band(proof)}
<section class="cover"><p>{e(c.issuer_name())}</p><h1>{e(c.short_title)}</h1>{theme}
<p>{e(c.kind)}{' số ' + e(c.number) if c.number else ''} · {e(c.place)}, {c.year}</p></section>
<section class="contents"><h1 class="toc">Mục lục</h1><ol>{''.join(contents)}</ol></section>
{''.join(parts)}
<section class="back"><h2>Liên hệ</h2>{back}{qr}</section>
</body></html>"""
