"""The loudspeaker pack (reads for the commune radio, their recordings, the broadcast schedule)
and the message pack (posts, an SMS with a short address), on the sample, on the two
campaigns in tests/data and on the development corpus imported as text."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO
from corpus import load_corpus, plain_text
from icalendar import Calendar
from playwright.sync_api import Browser

from generator.campaign.load import load_campaign
from generator.campaign.model import Campaign
from generator.content.broadcast import MAX_SECONDS, broadcast_days, reads
from generator.content.messages import (
    CODE_LENGTH,
    POST_LIMIT,
    SHORT_URL_LIMIT,
    SMS_LIMIT,
    posts,
    short_code,
    short_codes,
    short_url,
    sms,
)
from generator.importer.limits import Budget
from generator.importer.shape import shape
from generator.importer.sources import text_paragraphs
from generator.pipeline.outreach import shared_code_pages
from generator.spoken import (
    date_words,
    for_reading,
    is_abbreviation,
    number_words,
    phone_words,
    reading_seconds,
    syllables,
)

SITE = "https://tuyentruyen.example.vn/"
SAMPLE = "cchc-ha-noi-2021"
GSM = set("@£$¥èéùìòÇ\nØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTU"
          "VWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")


@pytest.fixture(scope="module")
def campaigns(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Campaign]:
    """The sample, tests/data's campaigns, the corpus's ten documents and the two written
    for the tests, imported as text."""
    root = tmp_path_factory.mktemp("outreach")
    (root / "campaigns").mkdir()
    found = {path.stem: load_campaign(path, REPO)
             for path in [REPO / "campaigns" / f"{SAMPLE}.md",
                          *sorted((REPO / "tests" / "data" / "campaigns").glob("*.md"))]}
    data = REPO / "tests" / "data"
    for source in [*sorted((data / "corpus").glob("*.txt")),
                   *sorted((data / "written").glob("*.txt"))]:
        target = root / "campaigns" / f"{source.stem}.md"
        text = plain_text(load_corpus(source)) if source.parent.name == "corpus" \
            else source.read_text(encoding="utf-8").split("# ---\n", 1)[-1]
        paragraphs = text_paragraphs(text, Budget(source))
        target.write_text(shape(paragraphs).markdown, encoding="utf-8")
        found[source.stem] = load_campaign(target, root)
    return found


@pytest.mark.parametrize(("value", "said"), [
    (0, "không"), (5, "năm"), (10, "mười"), (15, "mười lăm"), (21, "hai mươi mốt"),
    (24, "hai mươi tư"), (105, "một trăm linh năm"), (110, "một trăm mười"),
    (2021, "hai nghìn không trăm hai mươi mốt"), (3321, "ba nghìn ba trăm hai mươi mốt"),
    (1_500_000, "một triệu năm trăm nghìn"), (1_000_005, "một triệu không trăm linh năm")])
def test_numbers_are_written_as_said(value: int, said: str) -> None:
    assert number_words(value) == said


def test_dates_telephones_times_and_signs_are_written_as_said() -> None:
    assert date_words(dt.date(2021, 5, 21)) == \
        "ngày hai mươi mốt tháng năm năm hai nghìn không trăm hai mươi mốt"
    assert date_words(dt.date(2025, 4, 1)) == \
        "ngày mùng một tháng tư năm hai nghìn không trăm hai mươi lăm"
    assert phone_words("1900 1234") == "một chín không không, một hai ba bốn"
    assert phone_words("0912345678") == "không chín một hai, ba bốn năm, sáu bảy tám"
    said = for_reading("Ngày 05/02/2021, UBND TP. Hà Nội ban hành Kế hoạch số 159/KH-UBND "
                       "(giai đoạn 2021 - 2025): đạt 83,98%, gọi 024 3825 3536 từ 7h30 - "
                       "17h00, thứ 2 - thứ 6; PAR INDEX và XYZ.")
    assert said == (
        "Ngày mùng năm tháng hai năm hai nghìn không trăm hai mươi mốt, Ủy ban nhân dân thành "
        "phố Hà Nội ban hành Kế hoạch số một trăm năm mươi chín (giai đoạn hai nghìn không "
        "trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm): đạt tám mươi ba phẩy chín "
        "mươi tám phần trăm, gọi không hai bốn, ba tám hai năm, ba năm ba sáu từ bảy giờ ba "
        "mươi đến mười bảy giờ, thứ hai đến thứ sáu; chỉ số cải cách hành chính và ích-xì i "
        "dài dét.")
    assert not is_abbreviation("HƯỚNG") and not is_abbreviation("NGHIÊNG")
    assert is_abbreviation("UBND") and is_abbreviation("CCHC")


@pytest.mark.parametrize(("text", "said"), [
    ("Quốc hội khóa XV, quý IV", "Quốc hội khóa mười lăm, quý bốn"),
    ("tỉnh Đắk Lắk, ĐẮK LẮK", "tỉnh Đắk Lắk, ĐẮK LẮK"),
    ("từ 7 giờ đến 11 giờ; 7h-11h; 07:30", "từ bảy giờ đến mười một giờ; bảy giờ đến mười một "
     "giờ; bảy giờ ba mươi"),
    ("từ 01/01 đến 31/3; 1/3 số hộ; xã/phường", "từ ngày mùng một tháng một đến ngày ba mươi "
     "mốt tháng ba; một phần ba số hộ; xã hoặc phường"),
    ("tháng 4; tháng 5-6/2025", "tháng tư; tháng năm đến tháng sáu năm hai nghìn không trăm "
     "hai mươi lăm"),
    ("Nghị quyết số 18-NQ/TW; Covid-19", "Nghị quyết số mười tám; Cô-vít mười chín"),
    ("khổ A4, 5km, mục 1.2.3", "khổ A bốn, năm km, mục một chấm hai chấm ba"),
    ("ngày 1-2/3/2025", "ngày mùng một đến ngày mùng hai tháng ba năm hai nghìn không trăm "
     "hai mươi lăm"),
])
def test_the_genre_s_writing_is_said_right(text: str, said: str) -> None:
    assert for_reading(text) == said


@pytest.mark.parametrize(("phone", "said"), [
    ("1022", "một không hai hai"), ("0912345678", "không chín một hai, ba bốn năm, sáu bảy tám"),
    ("+84 (24) 3825-3536", "không hai bốn, ba tám hai năm, ba năm ba sáu"),
    ("02438253536", "không hai bốn, ba tám hai năm, ba năm ba sáu")])
def test_telephone_numbers_are_said_in_their_groups(phone: str, said: str) -> None:
    assert phone_words(phone) == said


def _stumbles(text: str) -> list[str]:
    """What a reader at the microphone would have to interpret: digits, abbreviations,
    signs."""
    return (re.findall(r"\S*\d\S*", text) + [w for w in re.findall(r"\w+", text)
                                             if is_abbreviation(w)]
            + re.findall(r"[/%&#*_\[\]{}<>|\"“”]", text)
            # letters spelled where a word or a number was meant, words run together
            + re.findall(r"\b(?:ích-xì|vê|i) (?:ích-xì|vê|i)\b|giờ\w|\w\.\w", text))


def test_reads_are_said_as_written_within_three_minutes(campaigns: dict[str, Campaign]) -> None:
    for name, campaign in campaigns.items():
        made = reads(campaign)
        assert made, name
        for read in made:
            assert _stumbles(read.text) == [], (name, read.number)
            # Reading time from the text's length: 160 syllables (written words) a minute.
            assert read.seconds == round(syllables(read.text) * 60 / 160)
            assert read.seconds <= MAX_SECONDS, (name, read.number, read.seconds)
            assert read.paragraphs[0] == "Kính thưa bà con nhân dân!"
            assert read.paragraphs[-1] == "Xin cảm ơn bà con đã lắng nghe."
    sample = reads(campaigns[SAMPLE])
    assert [r.title for r in sample] == ["Thông tin chung", "Bà con cần làm gì"]
    assert all(60 <= r.seconds <= 180 for r in sample)
    # What, why, what to do, where to ask, a slogan to close: the campaign's own words.
    first, second = (r.text for r in sample)
    assert "Ban Tuyên giáo Thành ủy Hà Nội ban hành Hướng dẫn công tác thông tin" in first
    assert "Cung cấp thông tin, phổ biến tới cán bộ, đảng viên" in first
    assert "Một là, làm thủ tục hành chính qua dịch vụ công trực tuyến mức độ ba" in second
    # The sample names no contact: no office is put forward that the document did not.
    assert "Mọi thắc mắc" not in first + second
    assert second.endswith("Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển.\n\n"
                           "Xin cảm ơn bà con đã lắng nghe.")
    assert reading_seconds("một " * 160) == 60


def test_a_hotline_is_said_twice_digit_by_digit(campaigns: dict[str, Campaign]) -> None:
    with_hotline = [c for c in campaigns.values() if c.contact and c.contact.hotline]
    assert with_hotline
    for campaign in with_hotline:
        assert campaign.contact is not None and campaign.contact.hotline
        said = phone_words(campaign.contact.hotline)
        assert reads(campaign)[0].text.count(said) == 2, campaign.id


def test_broadcasts_twice_a_week_over_the_phases_or_the_first_month(
        campaigns: dict[str, Campaign]) -> None:
    sample = campaigns[SAMPLE]
    days = broadcast_days(sample, 2)
    assert sample.date is not None and not sample.phases
    assert days[0][0] == sample.date and len(days) == 8
    assert days[-1][0] - days[0][0] < dt.timedelta(weeks=4)
    assert [n for _, n in days] == [1, 2] * 4
    assert {day.weekday() for day, _ in days} == {1, 4}
    for campaign in campaigns.values():
        dated = [(p.start or p.end, p.end or p.start) for p in campaign.phases
                 if p.start or p.end]
        for day, _ in broadcast_days(campaign, 2) if dated else []:
            assert any(first <= day <= last for first, last in dated if first and last)


def test_posts_and_sms_fit_their_limits(campaigns: dict[str, Campaign]) -> None:
    for name, campaign in campaigns.items():
        page = f"{SITE}{campaign.id}/"
        made = posts(campaign, page, f"{SITE}posters/x.png")
        assert made[0].name == "bai-dang-chien-dich"
        assert len(made) == 1 + sum(1 for p in campaign.phases if p.start or p.end)
        for post in made:
            assert len(post.text) <= POST_LIMIT, (name, post.name)
            assert f"Xem chi tiết: {page}" in post.text
            assert "Ảnh kèm bài (1200 × 630)" in post.text
        text = sms(campaign, SITE, short_code(campaign.id))
        address = short_url(SITE, short_code(campaign.id))
        assert len(text) <= SMS_LIMIT and set(text) <= GSM, (name, text)
        assert text.endswith(" " + address) and len(address) <= SHORT_URL_LIMIT
    code = short_code(SAMPLE)
    assert sms(campaigns[SAMPLE], SITE, code).startswith(
        "Tuyen truyen cai cach hanh chinh Ha Noi 2021: Lam thu tuc hanh chinh qua dich vu cong")
    # Whatever the campaign's lengths, the limits hold and the short address stays whole.
    sample = campaigns[SAMPLE]
    long_words = sample.model_copy(update={
        "short_title": "Chiến dịch—“Ngày hội” 🎉 " + "rất dài " * 40,
        "leaflet": sample.leaflet.model_copy(update={"actions": ["làm việc " * 60] * 8})})
    for site in (SITE, "https://tuyen-truyen.sothongtintruyenthong.quangnam.gov.vn/cd/"):
        text = sms(long_words, site, code)
        assert len(text) <= SMS_LIMIT and set(text) <= GSM and "...." not in text
        assert text.endswith(" " + short_url(site, code))
    assert all(len(p.text) <= POST_LIMIT for p in posts(long_words, SITE, SITE + "x.png"))
    # A long address loses its scheme to fit; the code stays the same at every build.
    long = "https://tuyen-truyen.ubnd.example.gov.vn/"
    assert short_url(long, code) == f"tuyen-truyen.ubnd.example.gov.vn/s/{code}/"


def test_campaigns_that_share_a_code_each_get_their_own() -> None:
    """Four characters give about a million codes: among many campaigns two may share them.
    Each then gets one character more, and the shared code lists both, so an SMS sent with
    it before the second campaign came still leads to the first."""
    ids = [f"chien-dich-{n}" for n in range(3000)]
    codes = short_codes(ids)
    assert len(set(codes.of.values())) == len(ids)  # every campaign its own address
    assert codes.shared  # 3,000 campaigns: some share four characters
    for shared, members in codes.shared.items():
        assert len(shared) >= CODE_LENGTH and len(members) >= 2
        for cid in members:
            assert codes.of[cid].startswith(shared) and len(codes.of[cid]) > len(shared)
        assert shared not in codes.of.values()
    alone = [cid for cid in ids if cid not in {m for ms in codes.shared.values() for m in ms}]
    assert all(codes.of[cid] == short_code(cid) for cid in alone)
    # Another campaign coming changes no code but those it comes to share.
    more = short_codes([*ids, "chien-dich-moi"])
    changed = {cid for cid in ids if more.of[cid] != codes.of[cid]}
    assert changed <= set(more.shared.get(more.of["chien-dich-moi"][:-1], ()))


def test_a_shared_code_is_a_page_listing_its_campaigns(campaigns: dict[str, Campaign],
                                                       tmp_path: Path) -> None:
    ids = [f"chien-dich-{n}" for n in range(3000)]
    shared, pair = next(iter(short_codes(ids).shared.items()))
    two = [campaigns[SAMPLE].model_copy(update={"id": cid, "short_title": f"Chiến dịch {cid}"})
           for cid in pair]
    codes = short_codes(pair)
    files = shared_code_pages(two, codes, tmp_path)
    assert list(files) == [f"s/{shared}/index.html"]
    page = files[f"s/{shared}/index.html"].read_text(encoding="utf-8")
    assert all(f'<a href="../../{cid}/">Chiến dịch {cid}</a>' in page for cid in pair)
    assert '<meta name="robots" content="noindex">' in page and "refresh" not in page


def _tool(name: str) -> None:
    if shutil.which(name) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing under CI: .ci/run installs it")
        pytest.skip(f"{name} is not installed")


def test_the_built_site_carries_both_packs(built_site: Path, site_url: str,
                                           browser: Browser) -> None:
    folder = built_site / SAMPLE
    overview = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="phat-thanh/"' in overview and 'href="tin-nhan/"' in overview
    for number in (1, 2):
        script = (folder / "phat-thanh" / f"{SAMPLE}-phat-thanh-{number}.txt").read_text("utf-8")
        assert script.startswith(f"BÀI PHÁT THANH SỐ {number}: ")
        assert _stumbles(script.split("\n—\n", 1)[1]) == []
    schedule = Calendar.from_ical((folder / "phat-thanh" / f"{SAMPLE}-phat-thanh.ics")
                                  .read_bytes())
    events = schedule.walk("VEVENT")
    assert len(events) == 8
    first = events[0].decoded("dtstart")
    assert first == dt.datetime(2021, 5, 20, 23, 30, tzinfo=dt.UTC)  # 6:30 in Hà Nội
    assert str(events[0]["summary"]) == "Phát thanh bài 1: Thông tin chung"
    sms_text = (folder / "tin-nhan" / f"{SAMPLE}-tin-nhan-sms.txt").read_text("utf-8").strip()
    assert len(sms_text) <= SMS_LIMIT
    post = (folder / "tin-nhan" / f"{SAMPLE}-bai-dang-chien-dich.txt").read_text("utf-8")
    assert len(post) <= POST_LIMIT
    # The short address is a page of the site, out of its sitemap and search.
    code = short_code(SAMPLE)
    assert sms_text.endswith(f"{SITE}s/{code}/")
    assert f"/s/{code}/" not in (built_site / "sitemap.xml").read_text("utf-8")
    page = browser.new_page()
    page.goto(f"{site_url}s/{code}/")
    page.wait_for_url(f"{site_url}{SAMPLE}/")
    assert "Tuyên truyền cải cách hành chính Hà Nội 2021" in page.title()
    page.close()
    _tool("espeak-ng")
    _tool("lame")
    for number in (1, 2):
        audio = (folder / "phat-thanh" / f"{SAMPLE}-phat-thanh-{number}.mp3").read_bytes()
        # An MP3 (ID3 tag, then MPEG frames) of about the read's length at 48 kbit/s.
        assert audio[:3] == b"ID3" and len(audio) > 30 * 6000
    assert 'href="cchc-ha-noi-2021-phat-thanh-1.mp3"' in \
        (folder / "phat-thanh" / "index.html").read_text("utf-8")
