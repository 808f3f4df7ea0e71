"""Property-based tests: random and mutated input may only succeed or fail cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import markdown
from conftest import SAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.campaign.load import load_campaign
from generator.campaign.model import Campaign
from generator.content.pages import campaign_pages
from generator.errors import UserError
from generator.posters.fonts import default_headline_font, default_text_font
from generator.posters.formats import PosterFormat, catalogue
from generator.posters.layout import Fonts, LayoutError, PosterTexts, layout_poster

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
SAMPLE_LINES = SAMPLE_TEXT.splitlines(keepends=True)
def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợ" \
             "ùủũúụừửữứựỳỷỹýỵĐẨỄỘ"
NASTY = "<>&\"'`*_[](){}#|!\\:-=+~^$%@\t\u00a0\u200b\u0301\ufeff"


def _load(path: Path) -> Campaign | None:
    try:
        return load_campaign(path)
    except UserError as exc:
        assert exc.problems, "a UserError must carry at least one problem"
        for problem in exc.problems:
            assert problem.line >= 1 and problem.col >= 1 and problem.message
        return None


@st.composite
def mutated_sample(draw: st.DrawFn) -> bytes:
    """The sample campaign with a few random edits: what a hurried editor might save."""
    lines = list(SAMPLE_LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["delete", "duplicate", "swap", "tab", "insert", "dedent",
                                     "truncate", "garbage"]))
        if edit == "delete":
            del lines[i]
        elif edit == "duplicate":
            lines.insert(i, lines[i])
        elif edit == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif edit == "tab":
            lines[i] = "\t" + lines[i].lstrip(" ")
        elif edit == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(NASTY + VIETNAMESE, max_size=8)) + \
                lines[i][at:]
        elif edit == "dedent":
            lines[i] = lines[i].lstrip(" ")
        elif edit == "truncate":
            lines = lines[:i]
        else:
            lines[i] = draw(st.text(max_size=40)) + "\n"
        if not lines:
            break
    data = "".join(lines).encode("utf-8", errors="surrogatepass")
    if draw(st.booleans()):
        return data
    cut = draw(st.integers(0, len(data)))
    return data[:cut] + draw(st.binary(max_size=6)) + data[cut:]


@fuzz(600)
@given(mutated_sample())
def test_loader_survives_mutated_campaigns(data: bytes) -> None:
    path = _scratch() / "cchc-ha-noi-2021.yml"
    path.write_bytes(data)
    _load(path)


@fuzz(1000)
@given(st.one_of(st.binary(max_size=3000), st.text(max_size=3000).map(str.encode)))
def test_loader_survives_random_bytes(data: bytes) -> None:
    path = _scratch() / "ngau-nhien.yml"
    path.write_bytes(data)
    _load(path)


_SCRATCH = Path(tempfile.mkdtemp(prefix="fuzz-")) / "campaigns"


def _scratch() -> Path:
    _SCRATCH.mkdir(parents=True, exist_ok=True)
    return _SCRATCH


BASE = load_campaign(SAMPLE)
TEXT = st.text(alphabet=NASTY + VIETNAMESE + "ABCXYZ 0123456789/.", min_size=1, max_size=80) \
    .filter(lambda s: s.strip() != "")


@fuzz(300)  # each example writes and renders all 17 pages of a campaign
@given(title=TEXT, slogan=TEXT, agency=TEXT, point=TEXT)
def test_page_generator_keeps_any_text_as_text(title: str, slogan: str, agency: str,
                                               point: str) -> None:
    base = BASE
    responsibility = base.responsibilities[0].model_copy(update={"agency": agency})
    topic = base.topics[1].model_copy(update={"points": [
        base.topics[1].points[0].model_copy(update={"text": point})]})
    campaign = base.model_copy(update={
        "short_title": title, "slogans": [base.slogans[0].model_copy(update={"text": slogan})],
        "responsibilities": [responsibility, *base.responsibilities[1:]],
        "topics": [base.topics[0], topic, base.topics[2]]})
    for page in campaign_pages(campaign).values():
        body = page.split("\n---\n", 1)[1]
        html = markdown.markdown(body, extensions=["abbr", "admonition", "attr_list",
                                                   "footnotes", "md_in_html", "tables"])
        tags = _Tags()
        tags.feed(html)
        assert tags.names <= SAFE_TAGS, tags.names - SAFE_TAGS
        assert not tags.unsafe_attributes, tags.unsafe_attributes


SAFE_TAGS = {"p", "ul", "ol", "li", "a", "strong", "em", "h1", "h2", "div", "sup", "hr",
             "abbr", "br", "table", "thead", "tbody", "tr", "th", "td", "span",
             # the loudspeaker's reads and the posts, quoted
             "blockquote",
             # the indices page's charts
             "figure", "figcaption", "svg", "title", "desc", "line", "rect", "text"}


class _Tags(HTMLParser):
    """Tag names, and any event handler or script URL, in generated HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.unsafe_attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.unsafe_attributes += [(k, v) for k, v in attrs if k.startswith("on")
                                   or (v or "").strip().lower().startswith("javascript:")]


FONTS = Fonts(default_headline_font(), default_text_font())
WORD = st.text(alphabet=VIETNAMESE + "ABC,.;:-", min_size=1, max_size=12)


@fuzz(400)
@given(words=st.lists(WORD, min_size=1, max_size=60),
       fmt=st.sampled_from([f for f in catalogue().values()
                            if f.pixels()[0] * f.pixels()[1] < 60_000_000]))
def test_poster_layout_fits_or_refuses(words: list[str], fmt: PosterFormat) -> None:
    headline = " ".join(words)
    texts = PosterTexts(headline, "Tuyên truyền cải cách hành chính", "Ban Tuyên giáo",
                        "Chủ đề năm 2021")
    try:
        layout = layout_poster(fmt, texts, FONTS, ("#FFE14D", "#FFFFFF"), qr_modules=33,
                               logo=False)
    except LayoutError:
        return
    safe = layout.safe
    assert " ".join(layout.blocks[0].lines).split() == headline.split()
    for block in layout.blocks:
        for box in block.boxes:
            assert safe[0] <= box[0] <= box[2] <= safe[2]
            assert safe[1] <= box[1] <= box[3] <= safe[3]


@fuzz(25)
@given(mutated_sample())
def test_cli_answers_exit_0_or_2_without_traceback(data: bytes) -> None:
    folder = _scratch()
    (folder / "cchc-ha-noi-2021.yml").write_bytes(data)
    proc = subprocess.run([sys.executable, "-m", "generator", "validate",
                           str(folder / "cchc-ha-noi-2021.yml")], capture_output=True,
                          text=True, timeout=120, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode in (0, 2), proc.stderr
    assert "Traceback" not in proc.stderr
