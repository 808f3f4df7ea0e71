"""Parts of a document recognised by their words, dates and rhythms read from its prose."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.campaign.blocks import parse_body
from generator.campaign.prose import phase_dates, reporting_in
from generator.campaign.sections import TOPICS_AND_FORMS, section_key


@pytest.mark.parametrize(("heading", "key"), [
    ("I. MỤC ĐÍCH, YÊU CẦU", "purposes"),
    ("I. MỤC TIÊU, YÊU CẦU VÀ ĐỐI TƯỢNG", "purposes"),
    ("2. muc dich, yeu cau", "purposes"),
    ("II. ĐỐI TƯỢNG, PHẠM VI VÀ THỜI GIAN THỰC HIỆN", "audience"),
    ("II. LỘ TRÌNH THỰC HIỆN VÀ NỘI DUNG TUYÊN TRUYỀN", "phases"),
    ("III. NỘI DUNG, HÌNH THỨC", TOPICS_AND_FORMS),
    ("III. HÌNH THỨC, THỜI GIAN TUYÊN TRUYỀN", "forms"),
    ("Nội dung tuyên truyền", "topics"),
    ("IV. TỔ CHỨC THỰC HIỆN", "responsibilities"),
    ("IV. KINH PHÍ", "budget"),
    ("V. KHẨU HIỆU TUYÊN TRUYỀN", "slogans"),
    ("VI. CHẾ ĐỘ BÁO CÁO", "reporting"),
    ("III. CÁC GIẢI PHÁP CHỦ YẾU", None),
])
def test_a_heading_names_its_part_by_its_words(heading: str, key: str | None) -> None:
    assert section_key(heading) == key


@pytest.mark.parametrize(("text", "first", "last"), [
    ("Trong tháng 12/2025", dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
    ("Từ tháng 01 đến ngày bầu cử 15/3/2026", dt.date(2026, 1, 1), dt.date(2026, 3, 15)),
    ("Sau ngày bầu cử 15/3/2026", dt.date(2026, 3, 16), None),
    ("Quý I/2026", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    ("Từ ngày 05/01/2026 đến hết tháng 02/2026", dt.date(2026, 1, 5), dt.date(2026, 2, 28)),
    ("Thường xuyên", None, None),
])
def test_phase_dates_are_read_from_the_words(text: str, first: dt.date | None,
                                             last: dt.date | None) -> None:
    assert phase_dates(text, 2025) == (first, last)


def test_a_reporting_rhythm_is_read_from_the_sentence() -> None:
    assert reporting_in("Định kỳ 6 tháng, cuối năm báo cáo kết quả thông tin, tuyên truyền.",
                        2021) == {"text": "Định kỳ 6 tháng, cuối năm báo cáo kết quả thông tin, "
                                          "tuyên truyền.", "every_months": 6, "year_end": True}
    quarterly = reporting_in("Các đơn vị báo cáo kết quả về Sở trước ngày 15 của tháng cuối "
                             "quý. Sở tổng hợp.", 2026)
    assert quarterly is not None
    assert (quarterly["every_months"], quarterly["day"]) == (3, 15)
    assert quarterly["text"].endswith("tháng cuối quý.")
    assert reporting_in("Tổ chức hội nghị báo cáo viên.", 2026) is None


def test_markers_nest_by_rank_not_by_indentation() -> None:
    body = parse_body("## I. NỘI DUNG\n\n1. Chú trọng một số nội dung sau:\n\n- ý một\n"
                      "+ ý con\n- ý hai\n\n2. Mục hai\n\nĐoạn không đánh số:\n- ý ba\n", 1)
    [part] = [p for p in body.parts if p.heading]
    first, second, paragraph = part.nodes
    assert [c.text for c in first.children] == ["ý một", "ý hai"]
    assert [c.text for c in first.children[0].children] == ["ý con"]
    assert second.text == "Mục hai" and second.line == 9
    assert [c.text for c in paragraph.children] == ["ý ba"]


def test_a_deadline_day_moves_the_calendar_to_that_day() -> None:
    from generator.campaign.model import Campaign
    from generator.content.calendar import reporting_dates

    campaign = Campaign.model_validate({
        "id": "x", "title": "Kế hoạch x", "short_title": "x", "summary": "x", "issuer": "x",
        "place": "x", "year": 2026,
        "reporting": reporting_in("Các đơn vị báo cáo kết quả trước ngày 15 của tháng cuối "
                                  "quý.", 2026)})
    assert reporting_dates(campaign) == [
        (dt.date(2026, month, 15), f"Báo cáo định kỳ 3 tháng (hạn nộp 15/{month}/2026)")
        for month in (3, 6, 9, 12)]
