"""A run killed with SIGKILL and run again gives the bytes of an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from corpus import start_cli, tree, write_inputs

PIPELINE = """
[output]
format = "jsonl.gz"
max_docs_per_shard = 7

[[steps]]
use = "test_slow"
seconds_per_doc = 0.02

[[steps]]
use = "exact_dedup"

[[steps]]
use = "test_slow"
seconds_per_doc = 0.02
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("phase", [0, 1], ids=["before-stage", "after-stage"])
def test_kill_and_rerun_equals_uninterrupted_run(tmp_path: Path, phase: int) -> None:
    inputs = write_inputs(tmp_path / "in")
    config = tmp_path / "pipeline.toml"
    config.write_text(PIPELINE)

    reference = tmp_path / "ref"
    proc = start_cli(["run", *inputs, "-o", str(reference), "-c", str(config), "-q"])
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""

    killed = tmp_path / "killed"
    proc = start_cli(["run", *inputs, "-o", str(killed), "-c", str(config), "-q"])
    done = killed / ".work" / "done"
    deadline = time.monotonic() + 120
    # kill once two shards of the phase are committed, in the middle of the third
    while time.monotonic() < deadline and len(list(done.glob(f"phase-{phase}-*"))) < 2:
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = sorted(p.name for p in done.glob(f"phase-{phase}-*"))
    assert 2 <= len(finished) < 6, f"the kill did not land mid-phase: {finished}"
    assert not (killed / "manifest.json").exists()

    proc = start_cli(["run", *inputs, "-o", str(killed), "-c", str(config), "-q"])
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""

    ref_tree = tree(reference)
    assert ref_tree, "the reference run wrote nothing"
    assert tree(killed) == ref_tree
    manifest = json.loads((killed / "manifest.json").read_text())
    assert manifest["accounting"]["balanced"]
    assert manifest["accounting"]["records_in"] == 90
    assert manifest["counts"]["drops"].get("exact_dedup:exact_duplicate", 0) > 0
