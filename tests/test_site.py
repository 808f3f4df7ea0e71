"""The published site, built by the real ``campaign build`` (MkDocs + Material, strict)."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from conftest import REPO, Project, menu_of, page_text, site_text
from PIL import Image
from playwright.sync_api import Browser

SEED = REPO / "tests" / "data" / "seed-cchc-ha-noi-2021.txt"
CAMPAIGN = "cchc-ha-noi-2021"


def seed_clauses(*sections: str) -> list[str]:
    """Clauses of the seed's given Roman-numbered sections, as a reader would find them."""
    text = SEED.read_text(encoding="utf-8").replace("*", "").replace("⁽¹⁾", "")
    footnote = re.search(r"\n¹ (.*)\n", text)
    assert footnote
    text = text.replace(footnote[0], "\n")
    text = re.sub(r"\n+(?=[a-zđ])", " ", text)  # sentences broken across a page break
    parts = re.split(r"\n(I{1,3}V?|IV)\. ", text)
    chosen = " ".join(parts[i + 1] for i in range(1, len(parts) - 1, 2) if parts[i] in sections)
    chosen += "\n" + footnote[1]
    chosen = chosen.split("Nơi nhận:")[0]
    clauses = (c.strip(" -") for c in re.split(r"[;:()\n]|\.\.\.|\./|\.(?=\s|$)", chosen))
    return [" ".join(c.split()) for c in clauses if len(c.split()) >= 4
            and not c.strip().isupper()]


def test_build_is_strict_and_quiet(built_site: Path) -> None:
    log = (built_site.parent / "build.log").read_text(encoding="utf-8")
    assert "WARNING" not in log
    assert (built_site / "index.html").is_file()
    assert (built_site / CAMPAIGN / "index.html").is_file()


@pytest.mark.parametrize("clause", seed_clauses("I", "II", "IV"))
def test_every_clause_of_purposes_topics_and_tasks_reaches_the_site(
        built_site: Path, clause: str) -> None:
    assert clause in site_text(built_site)


def _text(site: Path, page: str) -> str:
    return page_text((site / CAMPAIGN / page).read_text(encoding="utf-8"))


def test_header_theme_and_signatory_reach_the_full_text(built_site: Path) -> None:
    text = _text(built_site, "toan-van/index.html")
    for expected in [
        "Hướng dẫn công tác thông tin, tuyên truyền về cải cách hành chính Nhà nước trên địa bàn "
        "thành phố Hà Nội năm 2021",
        "Ban Tuyên giáo Thành ủy Hà Nội", "Hà Nội, ngày 21 tháng 5 năm 2021",
        "Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển",
        "Định kỳ 6 tháng, cuối năm báo cáo kết quả thông tin, tuyên truyền.",
        "K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Đinh Thị Lan Duyên",
        "PAR INDEX", "SIPAS", "PAPI",
    ]:
        assert expected in text


def test_recipients_reach_the_full_text(built_site: Path) -> None:
    text = _text(built_site, "toan-van/index.html")
    for recipient in ["Thường trực TU, HĐND-UBND TP (để báo cáo)",
                      "Đ/c Trưởng Ban Tuyên giáo TU (để báo cáo)",
                      "Thường trực, BTG quận, huyện, thị ủy, Đảng ủy trực thuộc (để thực hiện)",
                      "MTTQ và các tổ chức CT-XH TP (để thực hiện)", "Các sở TT&TT, VH&TT",
                      "Các cơ quan báo chí Hà Nội", "Lưu VP, TT-TH"]:
        assert recipient in text


def test_all_three_forms_and_their_channels(built_site: Path) -> None:
    text = _text(built_site, "hinh-thuc/index.html")
    for expected in [
        "Tuyên truyền trực tiếp", "các hội nghị, cuộc họp, giao ban...",
        "các hoạt động truyền thông tương tác, cùng tham gia", "tiếp xúc cử tri...",
        "sinh hoạt chi bộ, hội họp của MTTQ và các tổ chức thành viên, của khu dân cư, tổ dân phố",
        "thông qua đội ngũ cộng tác viên, người thân trong gia đình...",
        "phải đảm bảo hiệu quả công tác phòng chống dịch COVID-19 phù hợp với diễn biến mới",
        "tất cả các loại hình báo chí", "đài truyền thanh", "Cổng thông tin điện tử",
        "các website của cơ quan, đơn vị", "các trang mạng xã hội",
        "các ứng dụng công nghệ, kỹ thuật số...", "Tuyên truyền trực quan",
        "tài liệu, sách, tranh ảnh, tờ rơi, sổ tay", "panô, áp phích, khẩu hiệu, biển hiệu",
        "bảng thông báo, bảng công khai tại trụ sở các cơ quan nhà nước",
        "bảng tin, màn hình LED tại các cụm dân cư, tổ dân phố, tòa nhà chung cư...",
    ]:
        assert expected in text


def test_contest_and_each_agency_has_its_own_page(built_site: Path) -> None:
    agencies = {
        "ban-tuyen-giao-thanh-uy": "Ban Tuyên giáo Thành ủy",
        "thuong-truc-cap-uy-ban-tuyen-giao-cac-quan-huyen":
            "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
        "so-van-hoa-va-the-thao-so-thong-tin-va-truyen":
            "Sở Văn hoá và Thể thao, Sở Thông tin và Truyền thông",
        "cac-co-quan-bao-dai-ban-tin-thanh-pho": "Các cơ quan báo, đài, bản tin Thành phố",
    }
    for slug, name in agencies.items():
        assert name in _text(built_site, f"trach-nhiem/{slug}/index.html")
    contest = "Tổ chức Cuộc thi tìm hiểu dịch vụ công trực tuyến cho đoàn viên, thanh niên"
    assert contest in _text(built_site, "trach-nhiem/thuong-truc-cap-uy-ban-tuyen-giao-cac-quan-"
                                        "huyen/index.html")


DOCUMENTS = ["08-CTr/TU", "105/KH-UBND", "171-KH/TU", "97/2019/QH14", "232/KH-UBND",
             "34/2007/PL-UBTVQH11", "210/KH-UBND", "115/2020/QH14", "253/KH-UBND",
             "629/QĐ-UBND", "36/KH-UBND", "07/KH-UBND", "24/KH-UBND", "25/KH-UBND",
             "04/CT-UBND"]
UNNUMBERED = ["Chương trình tổng thể cải cách hành chính Nhà nước giai đoạn 2021 - 2030",
              "Luật Thủ đô", "Kế hoạch phát triển công nghệ - thông tin năm 2021 của Thành phố",
              "Chương trình mục tiêu ứng dụng công nghệ thông tin trong hoạt động của cơ quan "
              "Nhà nước thành phố Hà Nội giai đoạn 2021 - 2025"]


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._label: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if tag == "a" and values.get("href"):
            self._href, self._label = values["href"], []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._label.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._label)))
            self._href = None


def test_each_document_is_listed_once_with_an_anchor(built_site: Path) -> None:
    html = (built_site / CAMPAIGN / "van-ban" / "index.html").read_text(encoding="utf-8")
    parser = _Anchors()
    parser.feed(html)
    headings = re.findall(r"<h2[^>]*>(.*?)<a class=\"headerlink\"", html)
    labels = [page_text(h) for h in headings]
    for number in DOCUMENTS:
        assert sum(number in label for label in labels) == 1, number
    for title in UNNUMBERED:
        assert labels.count(title) == 1, title
    assert len(labels) == len(set(parser.ids) & {*re.findall(r'<h2 id="([^"]+)"', html)})


def test_every_document_number_in_the_text_links_to_its_entry(built_site: Path) -> None:
    checked = 0
    for page in sorted((built_site / CAMPAIGN).rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        article = html.split("<article", 1)[1].split("</article>", 1)[0]
        parser = _Anchors()
        parser.feed(article)
        linked = {label for href, label in parser.links
                  if "van-ban/#" in href or href.startswith(("#", "./#"))}
        body = re.sub(r"<h2[^>]*>.*?</h2>", "", article) if page.parent.name == "van-ban" \
            else article
        for number in DOCUMENTS:
            if number in page_text(body):
                assert any(number in label for label in linked), f"{number} unlinked in {page}"
                checked += 1
    assert checked >= len(DOCUMENTS)


def test_home_lists_campaigns_by_year(built_site: Path) -> None:
    text = page_text((built_site / "index.html").read_text(encoding="utf-8"))
    assert "Năm 2021" in text
    assert "Tuyên truyền cải cách hành chính Hà Nội 2021" in text


def test_material_is_configured_for_vietnamese(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in html
    assert "Tìm kiếm" in html and 'placeholder="Tìm kiếm, có dấu hoặc không dấu"' in html


_NOT_FETCHED = {"canonical", "alternate", "prev", "next", "author", "license"}


class _Requests(HTMLParser):
    """Every URL a browser would fetch while loading the page (not links it may follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for attr in ("src", "srcset", "data", "poster"):
            if values.get(attr):
                self.urls.append(str(values[attr]).split()[0])
        if tag == "link" and values.get("href") and values.get("rel") not in _NOT_FETCHED:
            self.urls.append(str(values["href"]))


def test_site_requests_nothing_from_another_host(built_site: Path) -> None:
    external = []
    for page in built_site.rglob("*.html"):
        parser = _Requests()
        parser.feed(page.read_text(encoding="utf-8"))
        external += [(page.name, u) for u in parser.urls if urlparse(u).netloc]
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", text)
        urls += re.findall(r"@import\s+['\"]([^'\"]+)", text)
        external += [(css.name, u) for u in urls if urlparse(u).netloc or u.startswith("//")]
    assert external == []
    assert "fonts.googleapis" not in site_text(built_site)


def test_hand_written_page_wins_and_is_reported(project: Project) -> None:
    page = project.root / "docs" / "index.md"
    page.write_text("# Trang chủ của tôi\n\nViết tay.\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (project.root / "docs").rglob("*") if p.is_file()}
    result = project.run("build")
    assert result.code == 0, result.err
    log = result.out + result.err
    assert log.count("docs/index.md do người viết được dùng thay cho tệp tự sinh cùng tên") == 1
    assert "Viết tay." in (project.root / "site" / "index.html").read_text(encoding="utf-8")
    after = {p: p.read_bytes() for p in (project.root / "docs").rglob("*") if p.is_file()}
    assert after == before


def test_build_writes_nothing_into_docs(project: Project) -> None:
    before = sorted(p.relative_to(project.root) for p in (project.root / "docs").rglob("*"))
    assert project.run("build").code == 0
    assert sorted(p.relative_to(project.root) for p in (project.root / "docs").rglob("*")) == before


def test_gallery_shows_every_poster_with_the_slogan_as_alt_text(built_site: Path) -> None:
    html = (built_site / CAMPAIGN / "an-pham" / "index.html").read_text(encoding="utf-8")
    manifest = json.loads((built_site / "posters" / CAMPAIGN / "manifest.json")
                          .read_text(encoding="utf-8"))
    pngs = [row for row in manifest if row["kind"] == "png"]
    assert len(pngs) == 24
    for row in pngs:
        thumb = f"thumbs/{row['file'].removesuffix('.png')}.webp"
        image = re.search(rf'<a href="([^"]+{re.escape(row["file"])})"><img alt="([^"]+)"'
                          rf'[^>]*src="[^"]+{re.escape(thumb)}"', html)
        assert image, row["file"]
        assert unescape(image[2]) == row["slogan"]
        assert (built_site / CAMPAIGN / "an-pham" / image[1]).resolve().is_file()
    pack = re.search(r'<a href="([^"]+cchc-ha-noi-2021-goi-in\.zip)"', html)
    assert pack and (built_site / CAMPAIGN / "an-pham" / pack[1]).resolve().is_file()


def test_every_page_has_a_share_card_of_its_own(built_site: Path) -> None:
    from PIL import Image

    # The short addresses' pages (s/<code>/) only forward to a campaign.
    pages = [p for p in built_site.rglob("index.html")
             if "search" not in p.parts and p.parent.parent != built_site / "s"]
    assert len(pages) >= 12
    for page in pages:
        html = page.read_text(encoding="utf-8")
        meta = dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[a-z:]+)" '
                               r'content="([^"]*)"', html))
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["og:title"] and meta["og:description"] and meta["og:url"]
        image = meta["og:image"]
        assert image == meta["twitter:image"]
        assert image.startswith("https://tuyentruyen.example.vn/assets/cards/")
        card = built_site / image.removeprefix("https://tuyentruyen.example.vn/")
        with Image.open(card) as png:
            assert png.size == (1200, 630)
    overview = (built_site / CAMPAIGN / "index.html").read_text(encoding="utf-8")
    assert f'content="https://tuyentruyen.example.vn/assets/cards/{CAMPAIGN}/index.png"' in overview


# The team's shared figures (../shared/data), copied here so that every checkout tests them.
SHARED_INDICES = REPO / "tests" / "data" / "figures" / "hanoi-indices.yml"


def test_indices_page_has_charts_with_text_and_tables(built_site: Path) -> None:
    html = (built_site / CAMPAIGN / "chi-so" / "index.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg[^>]*role=\"img\".*?</svg>", html, re.S)
    assert len(svgs) == 3
    for svg in svgs:
        assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    text = page_text(html)
    assert "PAR INDEX — năm 2018: 83,98%, hạng 2/63" in " ".join(
        re.findall(r"<desc[^>]*>(.*?)</desc>", html)).replace(" của Hà Nội", "")
    for figure in ["83,98", "91,43", "92,57", "83,57", "86,5", "41,629", "43,7", "7,169"]:
        assert figure in text
    assert "Bộ Nội vụ" in text and "CECODES, UNDP" in text


def test_index_figures_are_the_shared_data_with_sources(built_site: Path) -> None:
    import yaml

    data = yaml.safe_load(SHARED_INDICES.read_text(encoding="utf-8"))
    html = (built_site / CAMPAIGN / "chi-so" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    for index in data["indices"]:
        for value in index["values"]:
            row = next(r for r in rows if f"<td>{value['year']}</td>" in r
                       and (value.get("score") is None
                            or f"{value['score']:g}".replace(".", ",") in r))
            assert f'href="{value["source"]}"' in row.replace("&amp;", "&")
            if "rank" in value:
                assert f"{value['rank']}/63" in row


def test_calendar_is_valid_icalendar_and_linked_from_agency_pages(built_site: Path) -> None:
    from icalendar import Calendar

    ics = (built_site / CAMPAIGN / "lich-bao-cao.ics").read_bytes()
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and ics.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in ics.split(b"\r\n"))
    calendar = Calendar.from_ical(ics)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert [e.decoded("DTSTART").isoformat() for e in events] == ["2021-06-30", "2021-12-31"]
    for event in events:
        for prop in ("UID", "DTSTAMP", "SUMMARY", "DTEND"):
            assert event.get(prop), prop
        assert "Định kỳ 6 tháng, cuối năm" in str(event["DESCRIPTION"])
    for agency in (built_site / CAMPAIGN / "trach-nhiem").glob("*/index.html"):
        assert 'href="../../lich-bao-cao.ics"' in agency.read_text(encoding="utf-8")


def test_news_section_with_vietnamese_dates_categories_and_feed(built_site: Path) -> None:
    import xml.etree.ElementTree as ET
    from email.utils import parsedate_to_datetime

    news = page_text((built_site / "tin-tuc" / "index.html").read_text(encoding="utf-8"))
    assert "21 tháng 5, 2021" in news and "1 tháng 5, 2025" in news
    category = built_site / "tin-tuc" / "category"
    [folder] = [p for p in category.iterdir() if p.is_dir()]
    assert "Tuyên truyền cải cách hành chính Hà Nội 2021" in page_text(
        (folder / "index.html").read_text(encoding="utf-8"))
    feed = ET.fromstring((built_site / "tin-tuc" / "rss.xml").read_bytes())
    assert feed.tag == "rss" and feed.get("version") == "2.0"
    items = feed.findall("channel/item")
    assert len(items) == 2
    for item in items:
        link = item.findtext("link") or ""
        page = built_site / link.removeprefix("https://tuyentruyen.example.vn/") / "index.html"
        assert page.is_file(), link
        assert parsedate_to_datetime(item.findtext("pubDate") or "").year in (2021, 2025)
        assert item.findtext("category") == "Tuyên truyền cải cách hành chính Hà Nội 2021"
    news_html = (built_site / "tin-tuc" / "index.html").read_text(encoding="utf-8")
    assert 'href="rss.xml"' in news_html


def test_unchanged_project_is_not_rebuilt(project: Project) -> None:
    first = project.run("build")
    assert first.code == 0, first.err
    assert "Áp phích của cchc-ha-noi-2021: vẽ 0, dùng lại 24 không đổi" in first.err
    site = project.root / "site"
    stamp = (site / "index.html").stat().st_mtime_ns
    again = project.run("build")
    assert again.code == 0
    assert "Không có gì thay đổi từ lần tạo trước" in again.out
    assert (site / "index.html").stat().st_mtime_ns == stamp
    (project.root / "docs" / "moi.md").write_text("# Mới\n", encoding="utf-8")
    changed = project.run("build")
    assert "Đã tạo trang web" in changed.out and (site / "moi" / "index.html").is_file()
    forced = project.run("build", "--force")
    assert "Đã tạo trang web" in forced.out


def test_the_theme_s_templates_are_compiled_once_and_a_changed_one_counts(
        project: Project) -> None:
    """Jinja's compiled templates are kept in the cache; a template edited since is compiled
    again, not taken from there."""
    assert project.run("build").code == 0
    [kept] = (project.root / ".cache" / "templates").iterdir()
    assert len(list(kept.glob("*.code"))) > 10
    home = project.root / "site" / "index.html"
    first = home.read_text(encoding="utf-8")
    assert project.run("build", "--force").code == 0
    assert home.read_text(encoding="utf-8") == first
    template = project.root / "overrides" / "main.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("data-nap-sau src", "data-nap-sau data-moi src"),
                        encoding="utf-8")
    assert project.run("build").code == 0
    assert "data-nap-sau data-moi src" in home.read_text(encoding="utf-8")


def test_a_changed_logo_outside_campaigns_is_a_change(yaml_project: Project) -> None:
    """The fonts and logo a campaign names count as inputs wherever in the project they are."""
    project = yaml_project
    assets = project.root / "assets"
    assets.mkdir()
    Image.new("RGB", (120, 120), (0, 90, 200)).save(assets / "logo.png")
    with project.campaign.open("a", encoding="utf-8") as campaign:
        campaign.write("\nposters:\n  formats: [a4-doc]\n  logo: ../assets/logo.png\n")
    first = project.run("build")
    assert first.code == 0, first.err
    assert "vẽ 4" in first.err
    assert "Không có gì thay đổi" in project.run("build").out
    Image.new("RGB", (120, 120), (200, 90, 0)).save(assets / "logo.png")
    again = project.run("build")
    assert "Đã tạo trang web" in again.out, again.out
    assert "vẽ 4" in again.err


def test_menu_stays_short_with_many_campaigns(many_campaigns: Project) -> None:
    root = many_campaigns.root
    site = root / "site"
    titles = {p.stem: _short_title(p) for p in (root / "campaigns").glob("*.yml")}
    newest = [titles[i] for i in (CAMPAIGN, *(f"chien-dich-{n:03d}" for n in range(1, 5)))]

    home = menu_of(site / "index.html")
    # The staff's guide is no page of the public site, nor of its menu.
    assert home.top == ["Trang chủ", *newest, "Tất cả 8 chiến dịch", "Tin tức"]
    assert home.links["Tất cả 8 chiến dịch"] == ".#cac-chien-dich"
    listed = (site / "index.html").read_text(encoding="utf-8").split('id="cac-chien-dich"')[1]
    assert all(f'href="{campaign}/"' in listed for campaign in titles)

    older = menu_of(site / "chien-dich-006" / "noi-dung" / "index.html")
    assert [t for t in older.top if t in titles.values()] == [*newest, titles["chien-dich-006"]]
    assert older.links["Tất cả 8 chiến dịch"] == "../..#cac-chien-dich"
    assert older.links["Khẩu hiệu"] == "../khau-hieu/"


def _short_title(campaign_file: Path) -> str:
    return str(yaml.safe_load(campaign_file.read_text(encoding="utf-8"))["short_title"])


def test_the_gallery_s_pictures_wait_until_scrolled_near(built_site: Path) -> None:
    """On a phone the gallery's pictures are below the text, the page's largest paint: none
    may be fetched before the first paint (loading=lazy), nor be asked for first."""
    html = (built_site / "cchc-ha-noi-2021" / "an-pham" / "index.html").read_text("utf-8")
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) > 4
    assert all('loading="lazy"' in tag and "fetchpriority" not in tag for tag in images)


def test_the_gallery_fetches_the_pictures_of_the_slogans_opened(browser: Browser,
                                                                 site_url: str) -> None:
    """The first slogan's posters are shown; another's are fetched when its list is opened."""
    page = browser.new_page(viewport={"width": 412, "height": 823})
    thumbs: list[str] = []
    page.on("request", lambda r: thumbs.append(r.url) if "/thumbs/" in r.url else None)
    page.goto(site_url + "cchc-ha-noi-2021/an-pham/")
    sets = page.locator("details.poster-set")
    assert sets.count() == 4
    assert [sets.nth(i).get_attribute("open") is not None for i in range(4)] == [
        True, False, False, False]
    page.mouse.wheel(0, 5000)
    page.wait_for_load_state("networkidle")
    assert thumbs and all("/01-" in url for url in thumbs)
    summary = sets.nth(1).locator("summary")
    assert summary.inner_text().startswith("Xem 6 ấn phẩm: A4 dọc, A3 dọc, Băng rôn")
    # The page reached "network idle" long before: wait for the pictures' own requests.
    with page.expect_request(lambda r: "/thumbs/02-" in r.url, timeout=10_000):
        summary.click()
    page.close()
