"""Campaign data in, Markdown pages out: the public site's content, independent of MkDocs.
Each kind of page is written by a module of its own (``overview`` for citizens, ``fulltext``
for the document, ``topics``, ``agencies``,
``gallery``, ``figures``, ``documents``) over one small helper (``writer``); here they are
put together.

Every generated page is a plain Markdown file with YAML front matter and only standard
extensions (admonition, attr_list, footnotes, abbr), so MkDocs and Zensical publish it alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from generator.campaign.model import Campaign
from generator.content.agencies import agencies, agencies_in_full, agency
from generator.content.broadcast import broadcast_page
from generator.content.citations import index_citations
from generator.content.documents import documents
from generator.content.figures import indices
from generator.content.fulltext import full_text
from generator.content.gallery import GalleryItem, PrintedItem, ReportForm, slogans, unit, units
from generator.content.gallery import gallery as gallery_page
from generator.content.markdown import escape, front_matter, link
from generator.content.messages import messages_page, share_picture, short_code, short_codes
from generator.content.overview import overview
from generator.content.topics import forms, topics
from generator.content.writer import CoverSize, PageWriter
from generator.paths import HOME, CampaignPaths

# The home page's list of every campaign; the menu (overrides/partials/nav.html) links to it.
CAMPAIGNS_ANCHOR = "cac-chien-dich"


def generate_site(campaigns: Sequence[Campaign],
                  galleries: Mapping[str, Sequence[GalleryItem]] | None = None,
                  covers: Mapping[str, CoverSize] | None = None,
                  printed: Mapping[str, Sequence[PrintedItem]] | None = None,
                  unit_galleries: Mapping[str, Mapping[str, Sequence[GalleryItem]]] | None = None,
                  unit_reports: Mapping[str, Mapping[str, Sequence[ReportForm]]] | None = None,
                  site_url: str | None = None, audio: bool = False) -> dict[str, str]:
    """All generated pages of the site, keyed by docs-relative path; ``audio`` when the
    loudspeaker reads were recorded."""
    pages = {HOME: home_page(campaigns)}
    codes = short_codes(c.id for c in campaigns)
    for campaign in campaigns:
        pages.update(campaign_pages(campaign, (galleries or {}).get(campaign.id, ()),
                                    (covers or {}).get(campaign.id),
                                    (printed or {}).get(campaign.id, ()),
                                    (unit_galleries or {}).get(campaign.id, {}),
                                    (unit_reports or {}).get(campaign.id, {}),
                                    site_url, audio, codes.of[campaign.id]))
    return pages


def home_page(campaigns: Sequence[Campaign]) -> str:
    lines = [
        front_matter({"title": "Trang chủ",
                      "description": "Thông tin về các chiến dịch thông tin, tuyên truyền: nội "
                                     "dung, hình thức, trách nhiệm của từng cơ quan, văn bản "
                                     "và khẩu hiệu."}),
        "# Thông tin, tuyên truyền",
        "",
        "Trang này giới thiệu các chiến dịch thông tin, tuyên truyền: mỗi chiến dịch tuyên "
        "truyền nội dung gì, bằng hình thức nào, cơ quan nào phải làm gì, dựa trên văn bản nào.",
        "",
    ]
    if not campaigns:
        lines += ["Chưa có chiến dịch nào.", ""]
    else:
        # The menu's link to every campaign points at this heading.
        lines += [f"## Các chiến dịch {{ #{CAMPAIGNS_ANCHOR} }}", ""]
    for year in sorted({c.year for c in campaigns}, reverse=True):
        lines += [f"### Năm {year}", ""]
        for campaign in (c for c in campaigns if c.year == year):
            paths = CampaignPaths(campaign.id)
            lines += [f"- **{link(escape(campaign.short_title), paths.overview, HOME)}**  ",
                      f"  {escape(campaign.summary)}"]
        lines.append("")
    return "\n".join(lines)


def campaign_pages(campaign: Campaign, gallery: Sequence[GalleryItem] = (),
                   cover: CoverSize | None = None,
                   printed: Sequence[PrintedItem] = (),
                   unit_galleries: Mapping[str, Sequence[GalleryItem]] | None = None,
                   unit_reports: Mapping[str, Sequence[ReportForm]] | None = None,
                   site_url: str | None = None, audio: bool = False,
                   code: str | None = None) -> dict[str, str]:
    """The pages of one campaign, each a function of the campaign and its citation index;
    ``code`` is its short address on the site (:func:`short_codes`)."""
    w = PageWriter(campaign, index_citations(campaign), cover)
    pages = {
        w.paths.overview: overview(w, gallery),
        w.paths.full_text: full_text(w),
        w.paths.topics: topics(w),
        w.paths.forms: forms(w),
        w.paths.agencies: agencies(w),
    }
    for responsibility in campaign.responsibilities:
        if responsibility.agency:
            pages[w.paths.agency(responsibility.id)] = agency(w, responsibility.id)
    pages[w.paths.slogans] = slogans(w)
    pages[w.paths.gallery] = gallery_page(w, gallery, printed)
    if campaign.indices:
        pages[w.paths.indices] = indices(w)
    pages[w.paths.documents] = documents(w)
    pages[w.paths.broadcast] = broadcast_page(w, audio)
    pages[w.paths.messages] = messages_page(w, site_url, share_picture(campaign.id, gallery),
                                            code or short_code(campaign.id))
    if campaign.units:
        pages[w.paths.units] = units(w)
        for one in campaign.units.units:
            pages[w.paths.unit(one.id)] = unit(w, one, (unit_galleries or {}).get(one.id, ()),
                                               (unit_reports or {}).get(one.id, ()))
    return pages


def print_chapters(campaign: Campaign) -> list[str]:
    """The campaign's pages that hold the whole document, for paper (the handbook), in the
    document's order, each agency's tasks in one chapter. The site's own additions (figures,
    the list of cited documents, the gallery, the calendar) stay on the site, and so does a
    page that would only say the document has no such part."""
    c, w = campaign, PageWriter(campaign, index_citations(campaign), None, for_print=True)
    return [full_text(w), *([topics(w)] if c.topics else []),
            *([forms(w)] if c.forms else []),
            *([agencies_in_full(w)] if c.responsibilities else []),
            *([slogans(w)] if c.slogans or c.theme else [])]
