"""Where a build spends its time: ``python -m bench.profile`` writes bench/profile.md.

Two profiles of the sample project: pyinstrument on a rebuild with posters cached (the
generator's own overhead on top of MkDocs), and py-spy, following the poster workers, on a cold
build (drawing). Each lists the functions that hold the most samples themselves.
"""

from __future__ import annotations

import collections
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import CAMPAIGN, ROOT, copy_sample_project, environment

TOP = 15


def _pyinstrument(root: Path, out: Path) -> str:
    subprocess.run([sys.executable, "-m", "pyinstrument", "-r", "text", "-o", str(out),
                    "-m", "generator", "build", "--force"], cwd=root, env=environment(),
                   check=True, capture_output=True)
    return out.read_text(encoding="utf-8")


def _py_spy(root: Path, out: Path) -> list[tuple[str, int]]:
    """Leaf frames of every sample of the build and its worker processes, most frequent first."""
    py_spy = Path(sys.executable).with_name("py-spy")
    subprocess.run([str(py_spy), "record", "--subprocesses", "--rate", "250", "--format", "raw",
                    "--output", str(out), "--", *CAMPAIGN, "build"], cwd=root,
                   env=environment(), check=True, capture_output=True)
    leaves: collections.Counter[str] = collections.Counter()
    for line in out.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            leaves[stack.split(";")[-1]] += int(count)
    return leaves.most_common(TOP)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_sample_project(Path(tmp) / "project")
        subprocess.run([*CAMPAIGN, "build"], cwd=root, env=environment(), check=True,
                       capture_output=True)
        rebuild = _pyinstrument(root, Path(tmp) / "rebuild.txt")
        shutil.rmtree(root / ".cache")
        shutil.rmtree(root / "site")
        cold = _py_spy(root, Path(tmp) / "cold.txt")
    total = sum(n for _, n in cold) or 1
    lines = ["# Profiles of the sample project", "",
             "Made by `.venv/bin/python -m bench.profile`.", "",
             "## `campaign build --force` with posters cached (pyinstrument)", "", "```text",
             rebuild.strip(), "```", "",
             "## Cold `campaign build`, poster workers included (py-spy)", "",
             f"The {TOP} functions most often on top of the stack:", "",
             "| function | samples | share of these |", "|---|---|---|"]
    lines += [f"| `{frame}` | {count} | {count / total:.0%} |" for frame, count in cold]
    (ROOT / "bench" / "profile.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("Wrote bench/profile.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
