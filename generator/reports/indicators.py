"""What a unit's report counts: the concrete things reports of the genre count, each with its
unit of measure, then one line per form of communication the campaign names."""

from __future__ import annotations

from dataclasses import dataclass

from generator.campaign.model import Campaign
from generator.vi import lead_clause

# Version of the workbook's layout and of the indicators' ids: a workbook of another
# version is refused rather than read in the wrong rows.
TEMPLATE_VERSION = 1


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    measure: str  # đơn vị tính
    # How a sentence of the report counts it: "{n} pa nô", "có {n} lượt người tham dự".
    phrase: str


COMMON = (
    Indicator("pa-no", "Pa nô, áp phích đã treo", "cái", "treo {n} pa nô, áp phích"),
    Indicator("bang-ron", "Băng rôn đã treo", "cái", "treo {n} băng rôn"),
    Indicator("khau-hieu", "Khẩu hiệu đã kẻ, treo", "khẩu hiệu", "kẻ, treo {n} khẩu hiệu"),
    Indicator("to-roi-in", "Tờ rơi đã in", "tờ", "in {n} tờ rơi"),
    Indicator("to-roi-phat", "Tờ rơi đã phát", "tờ", "phát {n} tờ rơi"),
    Indicator("hoi-nghi", "Hội nghị, buổi tuyên truyền đã tổ chức", "buổi",
              "tổ chức {n} hội nghị, buổi tuyên truyền"),
    Indicator("nguoi-tham-du", "Người tham dự hội nghị, buổi tuyên truyền", "lượt người",
              "có {n} lượt người tham dự"),
    Indicator("tin-bai", "Tin, bài đã đưa", "tin, bài", "đưa {n} tin, bài"),
    Indicator("loa", "Lượt phát trên loa truyền thanh", "lượt",
              "phát {n} lượt trên loa truyền thanh"),
    Indicator("bai-dang", "Bài đăng trên trang, nhóm mạng xã hội của đơn vị", "bài",
              "đăng {n} bài trên trang, nhóm mạng xã hội"),
)
FORM_PREFIX = "hinh-thuc-"


def indicators(campaign: Campaign) -> list[Indicator]:
    """The common counted items, then one per form of communication of the campaign."""
    found = list(COMMON)
    for number, form in enumerate(campaign.forms, start=1):
        name = form.title or (lead_clause(form.text, 90) if form.text else None)
        if not name:
            continue
        found.append(Indicator(f"{FORM_PREFIX}{number}", f"Hoạt động: {name}", "hoạt động",
                               f"{{n}} hoạt động {name[:1].lower()}{name[1:]}"))
    return found
