"""One big WARC cut into byte-range shards: several workers, resumable per range,
and the documents of a run without ranges."""

from __future__ import annotations

import itertools
import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import zstandard
from corpus import start_cli, tree

from generated_crawl import write_crawl
from thresher import PipelineSpec, default_pipeline, run_pipeline

MEET = """
[reader]
range_mb = {range_mb}

[[steps]]
use = "test_meet"
folder = "{folder}"

[[steps]]
use = "extract"
"""

SLOW = """
[reader]
range_mb = {range_mb}

[output]
format = "jsonl.gz"

[[steps]]
use = "extract"

[[steps]]
use = "test_slow"
seconds_per_doc = 0.03

[[steps]]
use = "exact_dedup"
"""


def _range_mb(path: Path, parts: int) -> float:
    """A range size that cuts ``path`` into about ``parts`` ranges."""
    return path.stat().st_size / parts / 1e6


def _rows(outdir: Path, folder: str) -> list[dict[str, Any]]:
    rows = []
    for part in sorted((outdir / folder).glob("*.jsonl.zst")):
        with zstandard.open(part, "rt", encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh]
    return rows


def test_a_split_run_writes_the_documents_of_the_whole_file(tmp_path: Path) -> None:
    [crawl] = write_crawl(tmp_path / "in", pages=240)
    spec = default_pipeline()  # every dedup stage: decisions must not see the cuts
    whole = run_pipeline([crawl], tmp_path / "whole", spec)
    cut = PipelineSpec.from_dict({**spec.to_dict(), "reader": {"range_mb": _range_mb(crawl, 5)}})
    split = run_pipeline([crawl], tmp_path / "split", cut, workers=2)
    ranges = split.manifest["ranges"]["inputs"][crawl.name]
    assert len(ranges) >= 4 and ranges[0][0] == 0 and ranges[-1][1] == crawl.stat().st_size
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
    assert whole.manifest["ranges"]["inputs"] == {}
    assert len(split.outputs) > len(whole.outputs)  # one set of part files per range
    for folder in ("data", "rejected"):
        assert _rows(tmp_path / "split", folder) == _rows(tmp_path / "whole", folder)
    assert split.manifest["counts"] == whole.manifest["counts"]
    assert split.manifest["accounting"] == whole.manifest["accounting"]
    assert whole.stats.drops.get("exact_dedup:exact_duplicate", 0) > 0


def test_the_ranges_and_bytes_do_not_depend_on_the_workers(tmp_path: Path) -> None:
    [crawl] = write_crawl(tmp_path / "in", pages=120)
    spec = PipelineSpec.from_dict({"reader": {"range_mb": _range_mb(crawl, 4)},
                                   "steps": [{"use": "extract"}, {"use": "exact_dedup"}]})
    trees = []
    for workers in (1, 2, 4):
        out = tmp_path / f"w{workers}"
        run_pipeline([crawl], out, spec, workers=workers)
        trees.append(tree(out))
        assert (out / "manifest.json").exists()
    assert len([k for k in trees[0] if k.startswith("data/")]) >= 3
    assert trees[0] == trees[1] == trees[2]


def test_a_big_warc_with_two_workers_runs_in_two_worker_processes(tmp_path: Path) -> None:
    [crawl] = write_crawl(tmp_path / "in", pages=60)
    met = tmp_path / "met"
    config = tmp_path / "pipeline.toml"
    config.write_text(MEET.format(range_mb=_range_mb(crawl, 2), folder=met))
    out = tmp_path / "out"
    proc = start_cli(["run", str(crawl), "-o", str(out), "-c", str(config), "-q", "-w", "2"])
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["ranges"]["inputs"][crawl.name]) == 2
    pids = {int(p.name) for p in met.iterdir()}
    assert len(pids) == 2 and proc.pid not in pids  # each range in its own worker process


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_split_run_resumes_per_range(tmp_path: Path) -> None:
    [crawl] = write_crawl(tmp_path / "in", pages=150)
    config = tmp_path / "pipeline.toml"
    config.write_text(SLOW.format(range_mb=_range_mb(crawl, 5)))
    reference = tmp_path / "ref"
    proc = start_cli(["run", str(crawl), "-o", str(reference), "-c", str(config), "-q"])
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""
    ranges = len(json.loads((reference / "manifest.json").read_text())["ranges"]["inputs"]
                 [crawl.name])
    assert ranges >= 4

    killed = tmp_path / "killed"
    proc = start_cli(["run", str(crawl), "-o", str(killed), "-c", str(config), "-q"])
    done = killed / ".work" / "done"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(done.glob("phase-0-*"))) < 2:
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = {p.name: p.stat().st_mtime_ns for p in done.glob("phase-0-*")}
    assert 2 <= len(finished) < ranges, f"the kill did not land mid-file: {sorted(finished)}"
    plans = {p.name: p.stat().st_mtime_ns for p in (killed / ".work" / "ranges").iterdir()}
    assert len(plans) == 1

    proc = start_cli(["run", str(crawl), "-o", str(killed), "-c", str(config), "-q"])
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""
    assert tree(killed) == tree(reference)
    # the ranges done before the kill were not read again, nor the file scanned again
    assert {n: (done / n).stat().st_mtime_ns for n in finished} == finished
    assert {p.name: p.stat().st_mtime_ns for p in (killed / ".work" / "ranges").iterdir()} == plans
