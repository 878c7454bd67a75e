"""A run killed with SIGKILL and run again gives the bytes of an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

PIPELINE = """
[output]
format = "jsonl.gz"
max_docs_per_shard = 7

[[steps]]
use = "test_slow"
seconds_per_doc = {delay}

[[steps]]
use = "exact_dedup"

[[steps]]
use = "test_slow"
seconds_per_doc = {delay}
"""


def _inputs(folder: Path, files: int = 6, docs: int = 15) -> list[str]:
    folder.mkdir()
    paths = []
    for f in range(files):
        path = folder / f"part-{f}.jsonl"
        with path.open("w") as out:
            for d in range(docs):
                # every third document repeats one of another file: the dedup stage has work
                n = d if d % 3 else (d + f) % docs
                out.write(json.dumps({"text": f"document number {n} of a test corpus.", "k": d}))
                out.write("\n")
        paths.append(str(path))
    return paths


def _cli(args: list[str]) -> subprocess.Popen[bytes]:
    code = (
        f"import sys; sys.path.insert(0, {str(HERE)!r}); import slow_step; "
        "from thresher.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _tree(outdir: Path) -> dict[str, bytes]:
    found = {}
    for sub in ("data", "rejected"):
        for path in sorted((outdir / sub).glob("*")):
            found[f"{sub}/{path.name}"] = path.read_bytes()
    return found


def _config(tmp_path: Path, delay: float) -> Path:
    path = tmp_path / f"pipeline-{delay}.toml"
    path.write_text(PIPELINE.format(delay=delay))
    return path


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("phase", [0, 1], ids=["before-stage", "after-stage"])
def test_kill_and_rerun_equals_uninterrupted_run(tmp_path: Path, phase: int) -> None:
    inputs = _inputs(tmp_path / "in")
    config = _config(tmp_path, 0.01)

    reference = tmp_path / "ref"
    proc = _cli(["run", *inputs, "-o", str(reference), "-c", str(config), "-q"])
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""

    killed = tmp_path / "killed"
    proc = _cli(["run", *inputs, "-o", str(killed), "-c", str(config), "-q"])
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

    proc = _cli(["run", *inputs, "-o", str(killed), "-c", str(config), "-q"])
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""

    ref_tree = _tree(reference)
    assert ref_tree, "the reference run wrote nothing"
    assert _tree(killed) == ref_tree
    manifest = json.loads((killed / "manifest.json").read_text())
    assert manifest["accounting"]["balanced"]
    assert manifest["accounting"]["records_in"] == 90
    assert manifest["counts"]["drops"].get("exact_dedup:exact_duplicate", 0) > 0
