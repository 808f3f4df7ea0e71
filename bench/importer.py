"""How well ``campaign import`` reads documents of the genre, per document and format.

    .venv/bin/python -m bench.importer              # writes bench/importer.md (about 2 minutes)
    .venv/bin/python -m bench.importer --print      # prints only

The corpus (``tests/data/corpus/``, facts read by hand in ``expected.yml``) is typeset as offices
typeset it (``tests/corpus.py``: a two-column letterhead and signature table, Word's automatic
numbering, Times New Roman) and received as .docx, .html, .txt (the text as the corpus keeps
it) and .pdf printed by Chromium, once with the Times-metric fonts the machine has (Liberation
Serif, falling back to DejaVu inside words for the letters it lacks) and once with DejaVu Serif.
Each is imported as ``campaign import`` does (read, shape, validate) and compared with the
facts:

- *facts*: number, date, place, issuer, kind, title, signatory and number of recipients;
- *agencies*: bodies given tasks of their own, as ``agency_names`` splits a heading joining
  several; recall and precision, names compared without marks and case;
- *slogans*: on the two documents of ``tests/data/sources`` that list slogans (23 and 8), whose
  lists were written by hand into ``tests/data/campaigns``, on the two documents written for
  the tests in layouts the corpus lacks (``tests/data/written``: slogans under a lead-in in a
  part on forms, in an annex; a task table; a hotline), and on the corpus (none of its
  documents has a slogan list: any slogan found there is a false one);
- *deadlines*: dated deadlines and events (recall): the dates the campaign's calendar gets;
- *citizen actions*: what the document asks citizens to do (recall), as the leaflet's actions
  the import proposes;
- *sentences*: the source's sentences found in the campaign's pages;
- *time*: reading, shaping and validating one document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bench.common import ROOT

sys.path.insert(0, str(ROOT / "tests"))

from conftest import page_text
from corpus import (
    CORPUS_SOURCES,
    SOURCES,
    Document,
    load,
    load_corpus,
    plain_text,
    write_docx,
    write_html,
    write_pdf,
)
from test_documents import sentences, words

from generator.campaign.agencies import agency_names
from generator.campaign.load import load_campaign
from generator.campaign.model import Campaign
from generator.content.pages import campaign_pages
from generator.importer.shape import shape
from generator.importer.sources import read_paragraphs
from generator.vi import fold

OUT = ROOT / "bench" / "importer.md"
EXPECTED = ROOT / "tests" / "data" / "corpus" / "expected.yml"
FORMATS = ("docx", "pdf", "pdf-dejavu", "html", "txt")
# The documents of tests/data/sources that list slogans, and their campaigns written by hand.
WRITTEN = ROOT / "tests" / "data" / "written"
SLOGAN_SOURCES = {
    "ke-hoach-tuyen-truyen-bau-cu-pho-bang-2025":
        ROOT / "tests" / "data" / "campaigns" / "kh-01-tbttkt-pho-bang-2025.md",
    "cong-van-tuyen-truyen-130-nam-ngay-sinh-bac-ho-lac-duong-2020":
        ROOT / "tests" / "data" / "campaigns" / "cv-130-nam-ngay-sinh-bac-ho-lac-duong-2020.md",
}
_DROPPED_LEADS = re.compile(r"^(?:de nghi|giao|thu truong|trach nhiem cua)\s+")


@dataclass
class Score:
    """What one import got right, against what a person read."""

    document: str
    fmt: str
    facts: dict[str, bool] = field(default_factory=dict)
    agencies_expected: int = 0
    agencies_found: int = 0
    agencies_right: int = 0  # expected agencies found
    agencies_true: int = 0  # found agencies expected
    slogans_expected: int = 0
    slogans_found: int = 0
    slogans_right: int = 0
    deadlines_expected: int = 0
    deadlines_right: int = 0
    actions_expected: int = 0
    actions_right: int = 0
    sentences: int = 0
    sentences_found: int = 0
    seconds: float = 0.0
    error: str = ""
    missed: list[str] = field(default_factory=list)


def name_key(name: str) -> str:
    """An agency's name as compared: no marks, no case, no 'Đề nghị' before it."""
    key = " ".join(re.findall(r"\w+", fold(name).lower()))
    return _DROPPED_LEADS.sub("", key)


def imported(path: Path, work: Path, campaign_id: str) -> tuple[Campaign, float]:
    start = time.perf_counter()
    paragraphs = read_paragraphs(path)
    shaped = shape(paragraphs, f"{campaign_id}-hinh")
    target = work / "campaigns" / f"{campaign_id}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(shaped.markdown, encoding="utf-8")
    campaign = load_campaign(target, work)
    return campaign, time.perf_counter() - start


def render(doc: Document, source: Path, folder: Path, formats: tuple[str, ...],
           browser: Any) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {fmt: folder / f"{doc.name}.{fmt.split('-')[0]}" for fmt in formats}
    if "pdf-dejavu" in formats:
        files["pdf-dejavu"] = folder / f"{doc.name}-dejavu.pdf"
        write_pdf(doc, files["pdf-dejavu"], browser, font='"DejaVu Serif"')
    if "pdf" in formats:
        write_pdf(doc, files["pdf"], browser)
    if "docx" in formats:
        write_docx(doc, files["docx"])
    if "html" in formats:
        write_html(doc, files["html"])
    if "txt" in formats and source.parent.name == "corpus":
        # The text as the corpus keeps it, its notes on where it came from taken off.
        text = source.read_text(encoding="utf-8")
        files["txt"].write_text(text.split("\n\n", 1)[1], encoding="utf-8")
    elif "txt" in formats:
        files["txt"].write_text(plain_text(doc), encoding="utf-8")
    return files


def _dated(campaign: Campaign) -> set[dt.date]:
    """Every date the campaign's calendar holds: its deadlines, phases' ends, reports due."""
    dates = {d.date for d in campaign.deadlines}
    dates |= {p.end for p in campaign.phases if p.end}
    if campaign.reporting:
        dates |= {d.date for d in campaign.reporting.deadlines}
    return dates


def score_facts(score: Score, campaign: Campaign, facts: dict[str, Any]) -> None:
    c = campaign
    decision = "Quyết định" in str(facts["kind"])
    number = c.decision.number if decision and c.decision else c.number
    date = c.decision.date if decision and c.decision else c.date
    title = c.decision.title if decision and c.decision else c.title
    issuer = " ".join(p for p in (c.parent, c.issuer) if p)
    signed = sum(1 for r in c.recipients if not fold(r.name).lower().startswith("luu"))
    score.facts = {
        # A number left blank ("Số: /KH-MTTQ-BTT") is no number.
        "number": (number or "") == ("" if facts["number"].startswith("/") else facts["number"]),
        "date": f"{date:%d/%m/%Y}" == facts["date"] if date else False,
        "place": c.place == facts["place"],
        "issuer": " ".join(issuer.split()) == " ".join(facts["issuer"]),
        "kind": c.kind == ("Kế hoạch" if decision else facts["kind"])
        and (c.decision is not None) == decision,
        "title": name_key(str(facts["title"])) in name_key(title or ""),
        "signatory": (c.signatory.name if c.signatory else None) == facts["signatory"],
        "recipients": signed == facts["recipients_count"],
    }


def score_agencies(score: Score, campaign: Campaign, expected: list[str],
                   roles: list[str]) -> None:
    """Recall over the bodies a person listed; precision over the names found, where a
    person named by office that the person listed as such (``assignee_roles``) is neither
    right nor wrong."""
    found = [name for r in campaign.responsibilities if r.agency
             for name in agency_names(r.agency)]
    want = {name_key(a) for a in expected}
    have = {name_key(a) for a in found} - {name_key(r) for r in roles}
    score.agencies_expected, score.agencies_found = len(want), len(have)
    score.agencies_right = len(want & have)
    score.agencies_true = len(have & want)
    score.missed += [f"cơ quan thiếu: {a}" for a in expected if name_key(a) not in have]
    score.missed += [f"cơ quan thừa: {a}" for a in dict.fromkeys(found)
                     if name_key(a) in have - want]


def score_slogans(score: Score, campaign: Campaign, expected: list[str]) -> None:
    have = {name_key(s.text) for s in campaign.slogans}
    want = {name_key(s) for s in expected}
    score.slogans_expected, score.slogans_found = len(want), len(have)
    score.slogans_right = len(want & have)
    score.missed += [f"khẩu hiệu thiếu: {s}" for s in expected if name_key(s) not in have]
    score.missed += [f"khẩu hiệu thừa: {s.text}" for s in campaign.slogans
                     if name_key(s.text) not in want]


def score_actions(score: Score, campaign: Campaign, expected: list[str]) -> None:
    """An action a person read is found when an action the import proposes (the leaflet's
    "what citizens can do") holds its words."""
    proposed = [name_key(a) for a in campaign.leaflet.actions]
    found = [a for a in expected if any(name_key(a) in p for p in proposed)]
    score.actions_expected, score.actions_right = len(expected), len(found)
    score.missed += [f"việc của người dân thiếu: {a}" for a in expected if a not in found]


def score_sentences(score: Score, campaign: Campaign, source: Path) -> None:
    """The source's sentences found in the campaign's pages as a reader sees them: each page
    rendered by Python-Markdown with the extensions the site uses (links are read by their
    words, not their addresses)."""
    import markdown

    extensions = ["footnotes", "tables", "attr_list", "admonition", "md_in_html", "def_list"]
    site = words(" ".join(page_text(markdown.markdown(page, extensions=extensions))
                          for page in campaign_pages(campaign).values()))
    every = sentences(source) if source.parent.name != "corpus" else _corpus_sentences(source)
    score.sentences = len(every)
    score.sentences_found = sum(1 for s in every if words(s) in site)


def _corpus_sentences(source: Path) -> list[str]:
    """The sentences of a corpus document's letterhead-less text, as ``sentences`` reads."""
    text = source.read_text(encoding="utf-8").split("\n\n", 1)[1]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False,
                                     encoding="utf-8") as file:
        file.write("# ---\n" + text)
    try:
        found: list[str] = sentences(Path(file.name))
        return found
    finally:
        Path(file.name).unlink()


def measure(work: Path, formats: tuple[str, ...] = FORMATS) -> list[Score]:
    """Every document of the corpus imported in each of ``formats``; Chromium prints the
    PDFs (only when a PDF is asked for)."""
    from contextlib import ExitStack

    facts = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    scores: list[Score] = []
    with ExitStack() as stack:
        browser = None
        if any(fmt.startswith("pdf") for fmt in formats):
            from playwright.sync_api import sync_playwright

            playwright = stack.enter_context(sync_playwright())
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--no-sandbox", "--disable-gpu"])
            stack.callback(browser.close)
        documents = [(load_corpus(path), path) for path in CORPUS_SOURCES.values()]
        documents += [(load(SOURCES[name]), SOURCES[name]) for name in SLOGAN_SOURCES]
        documents += [(load(path), path) for path in sorted(WRITTEN.glob("*.txt"))]
        facts |= yaml.safe_load((WRITTEN / "expected.yml").read_text(encoding="utf-8"))
        for doc, source in documents:
            files = render(doc, source, work / "files", formats, browser)
            for fmt in formats:
                scores.append(_score(doc.name, fmt, files[fmt], work, source, facts))
    return scores


def _score(name: str, fmt: str, file: Path, work: Path, source: Path,
           facts: dict[str, Any]) -> Score:
    score = Score(name, fmt)
    try:
        campaign, score.seconds = imported(file, work / fmt, name)
    except Exception as exc:  # noqa: BLE001  # a failure is a figure here
        score.error = f"{type(exc).__name__}: {exc}"[:300]
        return score
    if name in facts:
        fact = facts[name]
        if "number" in fact:  # the corpus's facts read by hand
            score_facts(score, campaign, fact)
        else:  # a document written for the tests: its hotline
            hotline = campaign.contact.hotline if campaign.contact else None
            score.facts = {"hotline": hotline == fact["hotline"]}
        score_agencies(score, campaign, fact["agencies"], fact.get("assignee_roles", []))
        score_slogans(score, campaign, fact["slogans"])
        dated = _dated(campaign)
        want = {dt.datetime.strptime(d, "%d/%m/%Y").date() for d, _ in fact["deadlines"]}
        score.deadlines_expected = len(want)
        score.deadlines_right = len(want & dated)
        score.missed += [f"hạn thiếu: {d:%d/%m/%Y}" for d in sorted(want - dated)]
        if "citizen_actions" in fact:
            score_actions(score, campaign, fact["citizen_actions"])
    else:
        written = load_campaign(SLOGAN_SOURCES[name], ROOT)
        score_slogans(score, campaign, [s.text for s in written.slogans])
    score_sentences(score, campaign, source)
    return score


def _ratio(right: int, total: int) -> str:
    return f"{right / total:.2f}" if total else "–"


def table(scores: list[Score]) -> str:
    lines = ["| format | facts | agencies recall | agencies precision | slogans recall | "
             "slogans precision | deadlines recall | citizen actions recall | sentences | "
             "import time (median) | failed |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for fmt in FORMATS:
        rows = [s for s in scores if s.fmt == fmt]
        ok = [s for s in rows if not s.error]
        facts = [v for s in ok for v in s.facts.values()]
        total = sum(s.sentences for s in rows) or 1
        lines.append("| " + " | ".join([
            fmt, f"{sum(facts)}/{sum(len(s.facts) for s in rows if s.facts) or len(facts)}",
            _ratio(sum(s.agencies_right for s in ok), sum(s.agencies_expected for s in rows)),
            _ratio(sum(s.agencies_true for s in ok), sum(s.agencies_found for s in ok)),
            _ratio(sum(s.slogans_right for s in ok), sum(s.slogans_expected for s in rows)),
            _ratio(sum(s.slogans_right for s in ok), sum(s.slogans_found for s in ok)),
            _ratio(sum(s.deadlines_right for s in ok), sum(s.deadlines_expected for s in rows)),
            _ratio(sum(s.actions_right for s in ok), sum(s.actions_expected for s in rows)),
            f"{100 * sum(s.sentences_found for s in ok) / total:.1f}%",
            f"{statistics.median([s.seconds for s in ok] or [0]):.2f} s",
            str(len(rows) - len(ok))]) + " |")
    return "\n".join(lines)


def details(scores: list[Score]) -> str:
    lines = []
    for score in scores:
        wrong = [k for k, v in score.facts.items() if not v]
        notes = ([score.error] if score.error else []) + \
            ([f"sai: {', '.join(wrong)}"] if wrong else []) + score.missed
        if score.sentences and score.sentences_found < score.sentences:
            notes.append(f"câu: {score.sentences_found}/{score.sentences}")
        if notes:
            lines.append(f"- **{score.document}** ({score.fmt}): " + "; ".join(notes))
    return "\n".join(lines) or "- none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--print", action="store_true", help="print only, write nothing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        scores = measure(Path(folder))
    report = (f"# Import on the corpus\n\nMeasured {dt.date.today():%Y-%m-%d} by "
              "`python -m bench.importer` (see its docstring).\n\n" + table(scores)
              + "\n\n## What each import missed\n\n" + details(scores) + "\n")
    print(report)
    if not args.print:
        OUT.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
