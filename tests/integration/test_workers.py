"""Worker processes: they die with the run that started them, and need no ``__main__`` guard."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from corpus import alive, children, start_cli, temp_files, tree, write_config, write_inputs

from thresher.sample import sample_path

LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@LINUX
def test_killing_only_the_main_process_takes_its_workers_down(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in", files=4)
    config = write_config(tmp_path, 0.03)
    reference = tmp_path / "ref"
    proc = start_cli(["run", *inputs, "-o", str(reference), "-c", str(config), "-q"])
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""

    out = tmp_path / "out"
    proc = start_cli(["run", *inputs, "-o", str(out), "-c", str(config), "-q", "-w", "2"])
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = children(proc.pid)
        time.sleep(0.01)
    assert len(workers) == 2, "the run did not start two workers"
    time.sleep(0.5)  # they are busy with their first shards now
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.01)
    assert not any(alive(w) for w in workers), "workers outlived their run"

    proc = start_cli(["run", *inputs, "-o", str(out), "-c", str(config), "-q", "-w", "2"])
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""
    assert tree(out) == tree(reference)
    assert temp_files(out) == []


SCRIPT = """
from thresher import default_pipeline, run_pipeline

result = run_pipeline([{sample!r}], {out!r}, default_pipeline(), workers=2)
print("kept", result.stats.documents_out)
"""


def test_the_readme_python_example_runs_as_a_script_without_a_main_guard(tmp_path: Path) -> None:
    script = tmp_path / "example.py"
    out = tmp_path / "out"
    script.write_text(textwrap.dedent(SCRIPT.format(sample=str(sample_path()), out=str(out))))
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("kept") == 1
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["accounting"]["balanced"]
