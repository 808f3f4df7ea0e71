"""The pages of posters: the slogans, the gallery with the print pack, and the units'
pages with their own posters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.campaign.model import Unit
from generator.content.citations import SLOGANS_TITLE
from generator.content.markdown import escape, link, relative
from generator.content.writer import (
    UNITS_TITLE,
    PageWriter,
)
from generator.paths import THUMBNAIL_SUFFIX, unit_posters


@dataclass(frozen=True)
class GalleryItem:
    """One poster as the gallery shows it: its file stem, format and thumbnail size."""

    stem: str
    format_label: str
    slogan: str
    printable: bool
    thumb_size: tuple[int, int]


@dataclass(frozen=True)
class PrintedItem:
    """A typeset print file of the campaign (leaflet, handbook): its file name and size."""

    file: str
    label: str
    width_mm: float
    height_mm: float


def slogans(w: PageWriter) -> str:
    c, path, title = w.campaign, w.paths.slogans, SLOGANS_TITLE
    body = [*w.theme_box()]
    if c.slogans:
        body += ["Các khẩu hiệu dùng trên băng rôn, pa-nô, áp phích và màn hình LED:", ""]
        body += [f"{n}. {w.text(s.text, path)}"
                 for n, s in enumerate(c.slogans, start=1)]
        body.append("")
    else:
        body += ["Chiến dịch này chưa có khẩu hiệu.", ""]
    return w.page(path, title, f"Khẩu hiệu của {c.short_title}.", body)


def gallery(w: PageWriter, items: Sequence[GalleryItem],
            printed: Sequence[PrintedItem] = ()) -> str:
    c, path, title = w.campaign, w.paths.gallery, "Áp phích, băng rôn"
    body = ["Áp phích, băng rôn, pa-nô và ảnh màn hình LED in từ các khẩu hiệu của chiến "
            "dịch. Bấm vào ảnh để tải tệp gốc (PNG) đủ độ phân giải để in.", ""]
    if items or printed:
        body += pack_links(w, path, w.paths.pack(), "manifest.csv")
    if c.units:
        body += [f"Mỗi đơn vị thực hiện có áp phích mang tên và mã QR của mình: xem "
                 f"{link(UNITS_TITLE.lower(), w.paths.units, path)}.", ""]
    if printed:
        body += ["## Tờ rơi, sổ tay", ""]
        body += [f"- {link(escape(item.label), w.paths.poster(item.file), path)} "
                 f"(PDF để in, {item.width_mm:g} × {item.height_mm:g} mm)"
                 for item in printed]
        body.append("")
    if not items:
        return w.page(path, title, f"Ấn phẩm của {c.short_title}.",
                         [*body, "Chiến dịch chưa có khẩu hiệu để in.", ""])
    body += thumbnails(w, items, path, "##")
    return w.page(path, title, f"Áp phích, băng rôn của {c.short_title}.", body)


def pack_links(w: PageWriter, path: str, pack: str, manifest: str) -> list[str]:
    return [f"- {link('Tải gói in (ZIP)', w.paths.poster(pack), path)}: các tệp PDF in "
            "theo từng khổ, phiếu in và bảng kê kích thước cho nhà in.",
            f"- {link('Bảng kê các tệp (CSV)', w.paths.poster(manifest), path)}", ""]


def thumbnails(w: PageWriter, items: Sequence[GalleryItem], path: str, level: str) -> list[str]:
    """Each slogan's posters under its heading: thumbnails linking to the PNG, with the
    format and the PDF beside each. The first slogan's are shown, each other's open with a
    tap: a phone fetches only the pictures a reader asks to see (a browser fetches lazy
    pictures up to three screens ahead, some before the text is shown), and a long list
    of slogans reads as a list."""
    body: list[str] = []
    for number, slogan in enumerate(dict.fromkeys(item.slogan for item in items)):
        own = [i for i in items if i.slogan == slogan]
        shown = " open" if number == 0 else ""
        body += [f"{level} {escape(slogan)}", "",
                 f'<details class="poster-set"{shown} markdown>',
                 f"<summary>Xem {len(own)} ấn phẩm: "
                 f"{escape(', '.join(i.format_label for i in own))}</summary>", "",
                 '<div class="poster-gallery" markdown>', ""]
        for item in own:
            png = w.paths.poster(f"{item.stem}.png")
            thumb = w.paths.poster(f"thumbs/{item.stem}{THUMBNAIL_SUFFIX}")
            width, height = item.thumb_size
            # Below the text on a phone (the page's largest paint is text): fetched when
            # scrolled near, never competing with the first paint.
            image = (f"![{escape(slogan)}]({relative(thumb, path)})"
                     f'{{ loading=lazy width="{width}" height="{height}" }}')
            files = [link("PNG", png, path)]
            if item.printable:
                files.append(link("PDF", w.paths.poster(f"{item.stem}.pdf"), path))
            body += [f"[{image}]({relative(png, path)})  ",
                     f"**{escape(item.format_label)}**: {', '.join(files)}", ""]
        body += ["</div>", "", "</details>", ""]
    return body


def units(w: PageWriter) -> str:
    """Every unit, by group, with its hotline: a citizen finds their own commune."""
    c, path = w.campaign, w.paths.units
    assert c.units is not None
    body = [f"Các xã, phường, đơn vị thực hiện {w.kind} này. Mỗi đơn vị có trang riêng "
            "với áp phích, băng rôn mang tên và mã QR của đơn vị, gói in gửi nhà in và nơi "
            "liên hệ.", ""]
    groups = {g.id: g for g in c.units.groups}
    order = list(dict.fromkeys(u.group for u in c.units.units))
    for group_id in order:
        members = [u for u in c.units.units if u.group == group_id]
        if len(order) > 1:
            group = groups.get(group_id) if group_id else None
            heading = (group.name or group.id) if group else "Các đơn vị khác"
            body += [f"## {escape(heading)}", ""]
        for unit in members:
            hotline = f": đường dây nóng {w.phone(unit.hotline)}" if unit.hotline else ""
            body.append(f"- {link(escape(unit.name), w.paths.unit(unit.id), path)}"
                        f"{hotline}")
        body.append("")
    return w.page(path, UNITS_TITLE, f"Các đơn vị thực hiện {c.short_title}: áp phích "
                                        "và liên hệ của từng xã, phường.", body)


@dataclass(frozen=True)
class ReportForm:
    """A unit's report workbook for one period, beside its posters."""

    title: str  # the period's, "Báo cáo định kỳ 6 tháng (kỳ kết thúc 30/6/2021)"
    name: str  # the file's name in the unit's folder of posters


def unit(w: PageWriter, unit: Unit, items: Sequence[GalleryItem],
         reports: Sequence[ReportForm] = ()) -> str:
    c, path = w.campaign, w.paths.unit(unit.id)
    campaign = link(escape(c.short_title), w.paths.overview, path)
    body = [f"{escape(unit.name)} thực hiện {w.kind} {campaign} tại địa phương.", "",
            "## Liên hệ", ""]
    if unit.contact:
        body.append(f"- **Đầu mối:** {escape(unit.contact)}")
    if unit.hotline:
        body.append(f"- **Đường dây nóng:** {w.phone(unit.hotline)}")
    if unit.address:
        body.append(f"- **Địa chỉ:** {escape(unit.address)}")
    if unit.url:
        body.append(f"- **Trang của đơn vị:** [{escape(unit.url)}](<{unit.url}>)")
    if not (unit.contact or unit.hotline or unit.address or unit.url):
        body.append(f"- Xem {link('các đơn vị thực hiện', w.paths.units, path)}.")
    body += ["", "## Áp phích, băng rôn", ""]
    if items:
        body += ["Áp phích mang tên đơn vị và mã QR dẫn tới trang này. Bấm vào ảnh để tải "
                 "tệp gốc (PNG) đủ độ phân giải để in.", ""]
        folder = unit_posters(unit.id)
        body += pack_links(w, path, w.paths.pack(unit.id), f"{folder}/manifest.csv")
        body += thumbnails(w, items, path, "###")
    else:
        body += ["Đơn vị chưa có khẩu hiệu để in.", ""]
    if reports:
        folder = unit_posters(unit.id)
        body += ["## Biểu mẫu báo cáo", "",
                 "Tải biểu mẫu của kỳ báo cáo (Excel), điền số vào các ô màu vàng rồi gửi lại "
                 "nguyên tệp cho cơ quan chủ trì:", ""]
        body += [f"- {link(escape(form.title), w.paths.poster(f'{folder}/{form.name}'), path)}"
                 for form in reports]
        body.append("")
    return w.page(path, unit.name, f"Áp phích, băng rôn và liên hệ của {unit.name} "
                                      f"trong {c.short_title}.", body)
