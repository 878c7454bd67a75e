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
from corpus import alive, children, start_cli, temp_files, write_config, write_inputs

from thresher.sample import sample_path

LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@LINUX
def test_killing_only_the_main_process_takes_its_busy_workers_down(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in", files=2)
    config = write_config(tmp_path, 1.0)  # a shard takes 15 s: the workers are busy when killed
    out = tmp_path / "out"
    proc = start_cli(["run", *inputs, "-o", str(out), "-c", str(config), "-q", "-w", "2"])
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = children(proc.pid)
        time.sleep(0.01)
    assert len(workers) == 2, "the run did not start two workers"
    while time.monotonic() < deadline and not temp_files(out):
        time.sleep(0.01)  # they have opened their first shards' files
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.01)
    assert not any(alive(w) for w in workers), "workers outlived their run"


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


PLUGIN_SCRIPT = """
from dataclasses import dataclass

from thresher import Document, Drop, Mapper, PipelineSpec, register, run_pipeline
from thresher.config import NoConfig


@register
class Tag(Mapper[NoConfig]):
    name = "test_tag"

    def map(self, doc: Document) -> Document | Drop:
        return doc.with_metadata(tagged=True)


spec = PipelineSpec.from_dict({{"steps": [{{"use": "test_tag"}}], "output": {{"format": "jsonl"}}}})
{guard}run_pipeline({inputs!r}, {out!r}, spec, workers={workers})
print("done")
"""


@pytest.mark.parametrize(
    ("guarded", "workers"),
    [(True, 2), (False, 2), (False, 1)],
    ids=["guarded", "unguarded", "unguarded-inline"],
)
def test_a_script_with_its_own_steps_needs_the_guard_with_workers_and_says_so(
    tmp_path: Path, guarded: bool, workers: int
) -> None:
    inputs = write_inputs(tmp_path / "in", files=2, docs=3)
    out = tmp_path / "out"
    guard = 'if __name__ == "__main__":\n    ' if guarded else ""
    script = tmp_path / "plugin.py"
    text = PLUGIN_SCRIPT.format(guard=guard, inputs=inputs, out=str(out), workers=workers)
    script.write_text(text)
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    if guarded or workers == 1:
        assert done.returncode == 0, done.stderr
        assert done.stdout.count("done") == 1
        assert json.loads((out / "manifest.json").read_text())["accounting"]["documents_out"] == 6
    else:
        assert done.returncode != 0
        assert 'put the run under `if __name__ == "__main__":`' in done.stderr
        assert done.stdout.count("done") == 0


def test_a_worker_that_dies_is_one_clear_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a", "fine"), ("b", "this one will die")):
        (folder / f"{name}.jsonl").write_text(json.dumps({"text": text}) + "\n")
    config = tmp_path / "die.toml"
    config.write_text('[[steps]]\nuse = "test_die"\n')
    out = tmp_path / "out"
    proc = start_cli(["run", str(folder), "-o", str(out), "-c", str(config), "-w", "2"])
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1
    lines = err.decode().strip().splitlines()
    errors = [line for line in lines if line.startswith("thresher:")]
    assert errors == lines[-1:], lines  # the progress lines, then one line saying what happened
    assert "ended (exit code 3)" in lines[-1] and "resume" in lines[-1]
    assert "Traceback" not in err.decode()
