"""What an import tells the communicator: what it recognised, each with the line of the
campaign file it stands on, what it guessed and is unsure of, as ``FILE:LINE: …`` of the
received document, and what a good public site still needs, each with the line of the
campaign file where it goes."""

from __future__ import annotations

from pathlib import Path

from generator.campaign.agencies import heading_body
from generator.campaign.model import Campaign
from generator.content.citations import index_citations
from generator.content.overview import is_derived_summary
from generator.errors import display_path
from generator.importer.shape import Shaped
from generator.vi import short_date

# The short title a menu and a poster can carry.
_SHORT_TITLE_CHARS = 80


def report(source: Path, target: Path, campaign: Campaign, shaped: Shaped, pictures: int,
           site_url: str | None) -> str:
    c = campaign
    written = target.read_text(encoding="utf-8").splitlines()
    where = display_path(target)

    body = _front_end(written)

    def at(text: str) -> str:
        """``campaigns/<id>.md:LINE`` of the first line of the body holding ``text``'s
        opening words."""
        words = text[:30]
        number = next((i for i, line in enumerate(written[body:], start=body + 1)
                       if words in line), body)
        return f"{where}:{number}"

    issued_by = f" ban hành kèm theo Quyết định số {c.decision.number}" \
        if c.decision and c.decision.number else ""
    known = [c.kind + (f" số {c.number}" if c.number else "") + issued_by,
             f"ngày {short_date(c.date)}" if c.date else "không ghi ngày",
             c.place or "không ghi nơi ban hành", f"cơ quan ban hành: {c.issuer_name()}"]
    parts = [name for name, present in (
        ("mục đích, yêu cầu", c.purposes), ("đối tượng", c.audience), ("lộ trình", c.phases),
        ("nội dung", c.topics), ("hình thức", c.forms), ("tổ chức thực hiện", c.responsibilities),
        ("kinh phí", c.budget), ("khẩu hiệu", c.slogans)) if present]
    bodies = [r for r in c.responsibilities if r.agency]
    lines = [f"Đã ghi {where} từ {display_path(source)}.",
             "Nhận ra: " + ", ".join(known) + ".",
             f"- Các phần: {', '.join(parts) or 'không có phần nào quen thuộc'}.",
             f"- {len(index_citations(c).documents)} văn bản được dẫn; {len(c.recipients)} nơi "
             f"nhận; người ký: {c.signatory.name if c.signatory else 'không thấy'}."]
    lines.append(f"- {len(bodies)} cơ quan, chức danh được giao việc"
                 + (" (? là đoán từ một câu, hãy xem lại):" if bodies else "."))
    lines += [f"  {at(r.agency)}: {r.agency} ({len(r.tasks)} việc)"
              + ("" if heading_body(r.agency) else " ?") for r in bodies if r.agency]
    lines.append(f"- {len(c.slogans)} khẩu hiệu" + (":" if c.slogans else "."))
    lines += [f"  {at(s.text)}: {s.text}" for s in c.slogans]
    lines.append(f"- {len(c.deadlines)} hạn, sự kiện có ngày (đưa vào lịch)"
                 + (":" if c.deadlines else "."))
    lines += [f"  {at(d.title)}: {short_date(d.date)}"
              + (f" – {d.agency}" if d.agency else "") + f": {d.title}" for d in c.deadlines]
    if c.contact:
        lines.append(f"- Liên hệ: {c.contact.unit}"
                     + (f", đường dây nóng {c.contact.hotline}" if c.contact.hotline else "")
                     + f" ({where}:{_line_of(written, 'contact:')}; đoán, hãy xem lại).")
    kept = [s.title or "(phần không có đề mục)" for s in c.sections]
    if kept:
        lines.append(f"- Giữ nguyên {len(kept)} phần không thuộc mẫu: " + "; ".join(kept) + ".")
    if pictures:
        lines.append(f"- {pictures} hình được lưu trong {target.stem}-hinh/ (chưa hiện trên "
                     "trang; có thể dùng làm ảnh bìa bằng khóa cover).")
    if shaped.unsure:
        lines.append("Cần xem lại:")
        lines += [f"{display_path(source)}:{line}: {message}" for line, message in shaped.unsure]
    todo = to_do(c, f"{where}:{body}", site_url)
    if todo:
        lines.append(f"Việc còn lại để trang công khai đầy đủ ({len(todo)}):")
        lines += todo
    lines.append("Sửa chỗ đọc nhầm: Hướng dẫn, mục “Sửa những gì công cụ đọc nhầm”. "
                 "Xem trước: campaign serve")
    return "\n".join(lines)


def to_do(c: Campaign, front: str, site_url: str | None) -> list[str]:
    """What a good public site still needs of a campaign, each at the line of the campaign
    file where it goes (``front``: the front matter's end), and the site's address where
    mkdocs.yml names none."""
    todo = []
    if c.draft:
        todo.append(f"{front}: bản nháp (draft: true): sửa các chỗ đoán ở trên rồi xóa dòng này "
                    "để xuất bản")
    if len(c.short_title) > _SHORT_TITLE_CHARS:
        todo.append(f"{front}: short_title: tên ngắn cho trình đơn và áp phích (tên đầy đủ dài "
                    f"{len(c.short_title)} ký tự)")
    if is_derived_summary(c):
        todo.append(f"{front}: summary: một hai câu cho người dân biết chiến dịch nói gì")
    if c.contact is None:
        todo.append(f"{front}: contact: đơn vị đầu mối và đường dây nóng (unit, hotline) để "
                    "người dân hỏi")
    if c.reporting is None:
        todo.append(f"{front}: reporting: chế độ báo cáo (văn bản không ghi kỳ, hạn báo cáo): "
                    "text, every_months (3: hằng quý, 6: 6 tháng), year_end, day (hạn là "
                    "ngày mấy của tháng cuối kỳ), để gửi biểu mẫu báo cáo cho các đơn vị")
    if not c.leaflet.actions:
        todo.append(f"{front}: leaflet: actions: những việc người dân nên làm")
    if not site_url:
        todo.append("mkdocs.yml:1: site_url: địa chỉ của trang, để mã QR và liên kết chia sẻ "
                    "dẫn đúng chỗ")
    return todo


def _front_end(written: list[str]) -> int:
    """The line of the front matter's closing '---', where a new key is added."""
    return next((i for i, line in enumerate(written[1:], start=2) if line.strip() == "---"), 1)


def _line_of(written: list[str], text: str) -> int:
    return next((i for i, line in enumerate(written, start=1) if line.startswith(text)), 1)
