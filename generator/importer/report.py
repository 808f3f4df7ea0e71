"""What an import tells the communicator: what it recognised, what it kept as it was, and
each line it was unsure of, as ``FILE:LINE: …`` of the received document."""

from __future__ import annotations

from pathlib import Path

from generator.campaign.model import Campaign
from generator.content.citations import index_citations
from generator.content.vi import short_date
from generator.errors import display_path
from generator.importer.shape import Shaped


def report(source: Path, target: Path, campaign: Campaign, shaped: Shaped, pictures: int) -> str:
    c = campaign
    issued_by = f" ban hành kèm theo Quyết định số {c.decision.number}" \
        if c.decision and c.decision.number else ""
    known = [c.kind + (f" số {c.number}" if c.number else "") + issued_by,
             f"ngày {short_date(c.date)}" if c.date else "không ghi ngày",
             c.place or "không ghi nơi ban hành", f"cơ quan ban hành: {c.issuer}"]
    parts = [name for name, present in (
        ("mục đích, yêu cầu", c.purposes), ("đối tượng", c.audience), ("lộ trình", c.phases),
        ("nội dung", c.topics), ("hình thức", c.forms), ("tổ chức thực hiện", c.responsibilities),
        ("kinh phí", c.budget), ("khẩu hiệu", c.slogans)) if present]
    lines = [f"Đã ghi {display_path(target)} từ {display_path(source)}.",
             "Nhận ra: " + ", ".join(known) + ".",
             f"- Các phần: {', '.join(parts) or 'không có phần nào quen thuộc'}.",
             f"- {len([r for r in c.responsibilities if r.agency])} cơ quan, chức danh; "
             f"{len(index_citations(c).documents)} văn bản được dẫn; {len(c.slogans)} khẩu hiệu; "
             f"{len(c.recipients)} nơi nhận; người ký: "
             f"{c.signatory.name if c.signatory else 'không thấy'}."]
    kept = [s.title or "(phần không có đề mục)" for s in c.sections]
    if kept:
        lines.append(f"- Giữ nguyên {len(kept)} phần không thuộc mẫu: " + "; ".join(kept) + ".")
    if pictures:
        lines.append(f"- {pictures} hình được lưu trong {target.stem}-hinh/ (chưa hiện trên "
                     "trang; có thể dùng làm ảnh bìa bằng khóa cover).")
    if shaped.unsure:
        lines.append("Cần xem lại:")
        lines += [f"{display_path(source)}:{line}: {message}" for line, message in shaped.unsure]
    lines.append("Xem trước: campaign serve")
    return "\n".join(lines)
