"""Drawing posters on a real Dask cluster (a scheduler and two worker processes on the
loopback): the same files as a local build, byte for byte, also when a worker is killed
part-way."""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE, Project, copy_project
from test_units import CAMPAIGN, with_units

from generator.posters.cluster import ADDRESS_VARIABLE

distributed = pytest.importorskip("distributed")

# Print posters for the units (a few tenths of a second each), so that killing a worker
# lands while the batch is still being drawn.
UNITS = "  file: units/ha-noi.yml\n  formats: [a4-doc, led-ngang]\n"


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None,
                                  silence_logs=logging.ERROR) as local:
        yield local.scheduler_address


def fresh(tmp_path: Path, name: str) -> Project:
    project = copy_project(tmp_path / name)
    with_units(project, UNITS)
    project.edit("leaflet:\n", "posters:\n  formats: [led-ngang]\nleaflet:\n")
    return project


def digests(site: Path) -> dict[str, str]:
    folder = site / "posters" / CAMPAIGN
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def local_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    project = fresh(tmp_path_factory.mktemp("local"), "project")
    result = project.run("build")
    assert result.code == 0, result.err
    return digests(project.root / "site")


def poster_tasks(address: str) -> int:
    """How many poster tasks the scheduler has finished, ever."""
    with distributed.Client(address, set_as_default=False) as client:
        return int(client.run_on_scheduler(_poster_tasks))


def _poster_tasks(dask_scheduler: distributed.Scheduler) -> int:
    # Counts of entries into each state, since the scheduler started.
    prefix = dask_scheduler.task_prefixes.get("poster")
    return 0 if prefix is None else int(prefix.state_counts.get("memory", 0))


@pytest.fixture(scope="module")
def cluster_build(tmp_path_factory: pytest.TempPathFactory, cluster: str) -> tuple[Project, int]:
    """The project built on the cluster, and how many tasks (posters and share cards) the
    cluster drew for it."""
    before = poster_tasks(cluster)
    project = fresh(tmp_path_factory.mktemp("cluster"), "project")
    result = project.run("build", "--dask", cluster)
    assert result.code == 0, result.err
    (project.root / "build.log").write_text(result.err, encoding="utf-8")
    return project, poster_tasks(cluster) - before


DRAWN = 4 + 2 * 2 * 2 + 4 * 2  # the campaign's, two wards' (two slogans each), the commune's


def test_a_build_on_the_cluster_gives_the_files_of_a_local_build(
        cluster: str, cluster_build: tuple[Project, int], local_build: dict[str, str]) -> None:
    project, tasks = cluster_build
    assert digests(project.root / "site") == local_build
    assert f"vẽ {DRAWN}, dùng lại 0" in (project.root / "build.log").read_text("utf-8")
    assert tasks > DRAWN  # the posters, then the pages' share cards
    # Nothing changed: nothing is sent to the cluster again.
    before = poster_tasks(cluster)
    again = project.run("build", "--force", "--dask", cluster)
    assert again.code == 0 and "dùng lại trang, áp phích và lịch của lần tạo trước" in again.err
    assert poster_tasks(cluster) == before


def test_a_killed_worker_s_posters_are_drawn_again_and_no_others(
        tmp_path: Path, cluster: str, cluster_build: tuple[Project, int],
        local_build: dict[str, str]) -> None:
    with distributed.Client(cluster, set_as_default=False) as client:
        pids = client.run(os.getpid)
    before = poster_tasks(cluster)
    project = fresh(tmp_path, "project")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", ADDRESS_VARIABLE: cluster}
    build = subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=project.root,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    cache = project.root / ".cache" / "posters" / CAMPAIGN / "don-vi"
    deadline = time.monotonic() + 120
    while len(list(cache.rglob("*.pdf"))) < 2 and build.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert build.poll() is None, "the build ended before a worker could be killed"
    os.kill(next(iter(pids.values())), signal.SIGKILL)
    _, err = build.communicate(timeout=300)
    assert build.returncode == 0, err
    assert digests(project.root / "site") == local_build
    # Only what the dead worker held or was drawing was drawn twice.
    assert cluster_build[1] <= poster_tasks(cluster) - before <= cluster_build[1] + 4


def test_an_unreachable_cluster_is_one_line(tmp_path: Path) -> None:
    project = fresh(tmp_path, "project")
    result = project.run("build", "--dask", "tcp://127.0.0.1:9")
    assert result.code == 1
    assert result.err.strip().splitlines()[-1].startswith(
        "không kết nối được cụm Dask tại tcp://127.0.0.1:9")
    assert "Traceback" not in result.err


def test_a_worker_that_cannot_see_the_cache_returns_the_files_as_bytes(tmp_path: Path) -> None:
    """On a machine of the cluster without the builder's folder (or with another build's
    token in it), the poster is drawn aside and its files travel back as bytes, the same
    bytes the builder's own workers write."""
    from generator.campaign.load import load_campaign
    from generator.posters.cluster import _VERSION, TOKEN_FILE, Inputs, _input_files, draw
    from generator.posters.drawn import render_job
    from generator.posters.plan import plan_posters

    campaign = load_campaign(SAMPLE)
    job = next(j for j in plan_posters(campaign, SAMPLE.parent, "https://tt.hanoi.gov.vn/")
               if j.fmt.is_print)
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / TOKEN_FILE).write_text("another build", encoding="ascii")
    rows, files = draw(job, Inputs(_input_files([job])), _VERSION, str(folder), "this build")
    assert not list(folder.glob("*.png"))  # nothing written where the builder keeps its own
    local = tmp_path / "local"
    expected = render_job(job, local)
    assert rows == expected
    assert files == {row.file: (local / row.file).read_bytes() for row in expected}
    assert {"png", "pdf", "thumbnail"} <= {row.kind for row in rows}


def test_a_worker_of_another_version_refuses_to_draw(tmp_path: Path) -> None:
    from generator.campaign.load import load_campaign
    from generator.posters.cluster import Inputs, _input_files, draw
    from generator.posters.plan import plan_posters

    job = plan_posters(load_campaign(SAMPLE), SAMPLE.parent, None)[0]
    with pytest.raises(RuntimeError, match="install the same version on every worker"):
        draw(job, Inputs(_input_files([job])), "0.0.1/1", str(tmp_path), "token")
    assert not list(tmp_path.iterdir())
