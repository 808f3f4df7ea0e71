"""The studio: time from a communicator's correction to the refreshed preview beside it.

    .venv/bin/python -m bench.studio              # writes bench/studio.md (about two minutes)

On a copy of the sample project, with the studio served for real (uvicorn, loopback), each
round relabels one block as a communicator does (a POST from the page) and then loads what
the browser loads to show the result: the campaign's page (its reading of every block and the
to-do list), the overview page's preview and every poster image on it. Two corrections
alternate: a slogan relabelled as ordinary text and back (the posters change), and an agency
relabelled as a general task and back (the page changes, the posters do not).

Baseline, side by side on the same copy: the same correction written into the file and the
site rebuilt by ``campaign build``, which is how a change reached a preview before the studio
(``campaign serve`` rebuilds the same way on save). Target: at most 2 s for the studio.
"""

from __future__ import annotations

import importlib
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import CAMPAIGN, ROOT, copy_sample_project, run
from generator.studio import edits
from generator.studio.history import digest

TARGET_SECONDS = 2.0
ROUNDS = 6
CAMPAIGN_ID = "cchc-ha-noi-2021"
CORRECTIONS = {  # the block's opening words, and the label given, then taken back
    "slogan": ("2. Không ngừng cải cách hành chính", "text"),
    "agency": ("4. Các cơ quan báo, đài, bản tin Thành phố:", "general"),
}


def _line(file: Path, needle: str) -> int:
    lines = file.read_text(encoding="utf-8").split("\n")
    return next(i for i, text in enumerate(lines, start=1) if text.startswith(needle))


def _studio_round(client: Any, file: Path, needle: str, label: str) -> float:
    from generator.studio import preview

    line = _line(file, needle)
    # Every poster drawn again, as after a first correction: the studio keeps the drawings
    # of the posters it showed, and a slogan taken back would otherwise cost nothing.
    preview._drawn.clear()
    start = time.perf_counter()
    saved = client.request("POST", f"/c/{CAMPAIGN_ID}/nhan", form={
        "ban": digest(file.read_bytes()), "dong": str(line), "den": str(line), "nhan": label})
    assert saved.status == 303, saved.status
    page = client.request("GET", f"/c/{CAMPAIGN_ID}")
    assert page.status == 200
    assert client.request("GET", f"/c/{CAMPAIGN_ID}/trang").status == 200
    for image in re.findall(r'src="(/c/[^"]+\.png)"', page.body):
        assert client.request("GET", image).status == 200
    return time.perf_counter() - start


def _build_round(root: Path, file: Path, needle: str, label: str) -> float:
    line = _line(file, needle)
    file.write_text(edits.relabel(file.read_text(encoding="utf-8"), line, line, label),
                    encoding="utf-8")
    seconds, _ = run([*CAMPAIGN, "build"], root)
    return seconds


def measure() -> dict[str, dict[str, float]]:
    # The tests' own way of serving the studio for real (uvicorn on a free loopback port).
    sys.path.insert(0, str(ROOT / "tests"))
    running_studio = importlib.import_module("studio").running_studio

    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_sample_project(Path(tmp) / "studio")
        file = root / "campaigns" / f"{CAMPAIGN_ID}.md"
        run([*CAMPAIGN, "build"], root)  # both sides start from a built project
        with running_studio(root) as client:
            client.login()
            client.request("GET", f"/c/{CAMPAIGN_ID}")  # the first page warms the imports
            for name, (needle, label) in CORRECTIONS.items():
                studio, build = [], []
                for number in range(ROUNDS):
                    given = label if number % 2 == 0 else "auto"
                    studio.append(_studio_round(client, file, needle, given))
                    # The same correction again, written by hand, then built.
                    back = "auto" if given != "auto" else label
                    build.append(_build_round(root, file, needle, back))
                results[name] = {"studio_s": round(statistics.median(studio), 3),
                                 "build_s": round(statistics.median(build), 3),
                                 "ratio": round(statistics.median(studio)
                                                / statistics.median(build), 3)}
    return results


def report(results: dict[str, dict[str, float]]) -> str:
    lines = ["# Studio: from a correction to the refreshed preview", "",
             f"Written by `python -m bench.studio`: median of {ROUNDS} rounds each, the studio",
             "and `campaign build` taking turns on one copy of the sample. *Studio*: the",
             "relabel POST, then the campaign's page, the overview's preview and every poster",
             "image on it, each poster drawn anew (the studio's own drawings forgotten before",
             "each round). *Build*: the same correction written into the file, then",
             f"`campaign build`. Target for the studio: at most {TARGET_SECONDS:g} s.", "",
             "| correction | studio (s) | build (s) | studio / build | within target |",
             "|---|---|---|---|---|"]
    for name, row in results.items():
        lines.append(f"| {name} | {row['studio_s']} | {row['build_s']} | {row['ratio']} | "
                     f"{'yes' if row['studio_s'] <= TARGET_SECONDS else 'NO'} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    results = measure()
    text = report(results)
    (ROOT / "bench" / "studio.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
