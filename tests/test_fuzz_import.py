"""Fuzzing the import across its four formats, and the Markdown front matter: whatever the file,
the import succeeds with a campaign the project accepts, or refuses in problems placed at a
line, writing nothing. Never another exception, never a hang.

CI runs a fixed number of cases (``FUZZ_EXAMPLES``, derandomised so a run is repeatable); a
long run sets ``CAMPAIGN_FUZZ_EXAMPLES``, for example to 10000, and prints its figures:

    CAMPAIGN_FUZZ_EXAMPLES=10000 .venv/bin/pytest -n 0 -s tests/test_fuzz_import.py
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import SAMPLE
from hostile import docx_bytes, pdf_bytes, text_page
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.campaign.load import load_campaign
from generator.errors import UserError
from generator.importer.run import import_document
from generator.importer.sources import read_paragraphs

LONG = int(os.environ.get("CAMPAIGN_FUZZ_EXAMPLES", "0"))
FUZZ_EXAMPLES = LONG or 500  # per test: the two tests together run 1,000 cases
OUTCOMES: Counter[str] = Counter()

RUN = settings(max_examples=FUZZ_EXAMPLES, deadline=timedelta(seconds=30), derandomize=not LONG,
               suppress_health_check=list(HealthCheck), database=None)

# Lines of the genre, to be shuffled, cut and spoiled: the reader and the shaper's paths.
GENRE = ["ỦY BAN NHÂN DÂN", "TỈNH HÀ NAM", "Số: 159/KH-UBND", "Hà Nam, ngày 21 tháng 5 năm 2025",
         "KẾ HOẠCH", "Tuyên truyền cải cách hành chính năm 2025", "I. MỤC ĐÍCH, YÊU CẦU",
         "1. Mục đích", "- Nâng cao nhận thức của cán bộ và Nhân dân.", "II. NỘI DUNG",
         "III. TỔ CHỨC THỰC HIỆN", "1. Sở Thông tin và Truyền thông", "- Chủ trì, theo dõi.",
         "Cơ quan chủ trì: Sở Nội vụ.", "Thời gian: trước ngày 30/6/2025.",
         "“Kỷ cương, trách nhiệm, hành động”", "Căn cứ Luật Tổ chức chính quyền địa phương;",
         "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
         "Nguyễn Văn A", "PHỤ LỤC", "Đường dây nóng: 0226 3852 701", "| a | b |", "[^1]",
         "---", "title: x", "{#id}", "<script>alert(1)</script>", "=HYPERLINK(\"x\")"]
NASTY = "\x00\x0b\x0c\x1b\x7f\u202e\u200b\ufeff\u0301<>&\"'`*_[](){}#|!\\:-=+\t"


@st.composite
def lines(draw: st.DrawFn) -> list[str]:
    chosen = draw(st.lists(st.one_of(
        st.sampled_from(GENRE),
        st.text(alphabet=st.sampled_from(list(NASTY) + list("aăâđêôơư ệồ1.")), max_size=60),
        st.text(max_size=40)), min_size=0, max_size=40))
    if draw(st.booleans()):
        chosen = [line * draw(st.integers(1, 40)) for line in chosen]
    return chosen


def _latin(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1").replace("\\", "").replace(
        "(", "").replace(")", "")


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file in one of the import's formats, whole or spoiled."""
    fmt = draw(st.sampled_from(["docx", "pdf", "html", "txt"]))
    text = draw(lines())
    if fmt == "docx":
        escaped = [t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                   for t in text]
        valid = ["".join(ch for ch in t if ch in "\t\n\r" or ord(ch) >= 32) for t in escaped]
        data = docx_bytes(valid or ["x"], picture=("a.png", b"\x89PNG") if draw(st.booleans())
                          else None)
    elif fmt == "pdf":
        pages = [text_page([_latin(t) for t in text[i:i + 40]])
                 for i in range(0, max(len(text), 1), 40)]
        data = pdf_bytes(pages)
    elif fmt == "html":
        tags = st.sampled_from(["p", "b", "table", "tr", "td", "sup", "h1", "li", "div", "br",
                                "script", "td colspan=999999999", "/table", "/td", "/p"])
        data = "".join(f"<{draw(tags)}>{t}" for t in text).encode()
    else:
        data = "\n".join(text).encode(draw(st.sampled_from(["utf-8", "utf-16", "latin-1"])),
                                      "replace")
    if draw(st.integers(0, 4)) == 0:  # spoiled: cut short, or bytes flipped
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=64)) + data[cut + 1:]
    return fmt, data


def _listing(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


@pytest.fixture(scope="module", autouse=True)
def figures() -> Iterator[None]:
    start = time.monotonic()
    yield
    print(f"\nfuzz: {sum(OUTCOMES.values())} cases in {time.monotonic() - start:.0f} s: "
          + ", ".join(f"{k} {v}" for k, v in sorted(OUTCOMES.items())))


@RUN
@given(document=documents(), given_id=st.one_of(st.none(), st.sampled_from(
    ["kh-1", "assets", "Sai Mã", "a" * 90, "x"])))
def test_an_import_succeeds_whole_or_writes_nothing(document: tuple[str, bytes],
                                                    given_id: str | None) -> None:
    fmt, data = document
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = root / f"van-ban.{fmt}"
        source.write_bytes(data)
        campaigns = root / "campaigns"
        campaigns.mkdir()
        try:
            import_document(source, campaigns, root, given_id, None, read=read_paragraphs)
        except UserError as exc:
            assert exc.problems
            assert all(p.line >= 1 and p.col >= 1 and p.message for p in exc.problems)
            assert _listing(campaigns) == set(), "a refused import wrote something"
            OUTCOMES[f"{fmt} refused"] += 1
            return
        [written] = campaigns.glob("*.md")
        assert not [p for p in campaigns.iterdir() if p.name.startswith(".")]
        load_campaign(written, root)
        OUTCOMES[f"{fmt} imported"] += 1


FRONT_KEYS = ["issuer", "place", "date", "year", "number", "short_title", "summary", "title",
              "kind", "theme", "contact", "leaflet", "posters", "units", "draft", "id"]
VALUES = st.one_of(st.text(max_size=30), st.integers(), st.sampled_from(
    ["9" * 5000, "[", "{a: *b}", "&a [*a, *a]", "2021-02-30", "'", "\x00", "---", "|\n  x",
     "\"#1565C0\"", "true", "~", "21/5/2021"]))


SAMPLE_FRONT, SAMPLE_BODY = SAMPLE.read_text("utf-8").removeprefix("---\n").split("\n---\n", 1)


@RUN
@given(pairs=st.dictionaries(st.sampled_from(FRONT_KEYS), VALUES, max_size=4),
       keep=st.booleans(), closed=st.booleans(), body=st.one_of(st.just([]), lines()))
def test_any_front_matter_loads_or_is_refused_at_a_line(
        pairs: dict[str, object], keep: bool, closed: bool, body: list[str]) -> None:
    """The sample's front matter with some values changed, or another one altogether; the
    sample's body, or lines of the genre."""
    kept = [line for line in SAMPLE_FRONT.splitlines()
            if keep and line.partition(":")[0] not in pairs]
    front = "".join(f"{line}\n" for line in kept) + "".join(f"{key}: {value}\n"
                                                          for key, value in pairs.items())
    text = ("---\n" + front + ("---\n" if closed else "")
            + ("\n".join(body) if body else SAMPLE_BODY))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "campaigns" / "cchc-ha-noi-2021.md"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_campaign(path)
        except UserError as exc:
            assert exc.problems
            assert all(p.line >= 1 and p.col >= 1 and p.message for p in exc.problems)
            assert not any("Traceback" in p.message for p in exc.problems)
            OUTCOMES["front matter refused"] += 1
            return
        OUTCOMES["front matter loaded"] += 1
