"""The output directory: one run at a time, clear errors, any input spelling, no leftovers."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest
import slow_step  # noqa: F401  (registers the test steps)
from corpus import start_cli, temp_files, tree, write_config, write_inputs

from thresher.cli import main
from thresher.sample import sample_path

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and symlinks")


def _wait_for(predicate: object, what: str, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


@POSIX
def test_a_second_run_on_the_same_output_is_refused_naming_the_holder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = write_inputs(tmp_path / "in", files=2)
    config = write_config(tmp_path, 0.05)
    out = tmp_path / "out"
    first = start_cli(["run", *inputs, "-o", str(out), "-c", str(config), "-q"])
    try:
        _wait_for(lambda: (out / ".work").exists(), "the first run to start")
        time.sleep(0.2)
        assert main(["run", *inputs, "-o", str(out), "-c", str(config), "-q"]) == 1
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1, err
        assert f"pid {first.pid}" in err
    finally:
        first.kill()
        first.wait()
    # the holder died without releasing anything: the next run takes the lock over
    assert main(["run", *inputs, "-o", str(out), "-c", str(config), "-q"]) == 0
    assert json.loads((out / "manifest.json").read_text())["accounting"]["balanced"]


def _sample_copy(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return Path(shutil.copy(sample_path(), folder / "crawl.warc.gz"))


@POSIX
def test_ids_and_bytes_do_not_depend_on_how_the_input_is_spelled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crawl = _sample_copy(tmp_path / "crawl")
    (tmp_path / "link").symlink_to(tmp_path / "crawl")
    monkeypatch.chdir(tmp_path)
    spellings = {
        "absolute": str(crawl),
        "relative": "crawl/crawl.warc.gz",
        "symlink": "link/crawl.warc.gz",
        "folder": "crawl/",
    }
    trees = {}
    for name, spelling in spellings.items():
        assert main(["run", spelling, "-o", f"out-{name}", "-q"]) == 0
        trees[name] = tree(tmp_path / f"out-{name}")
    assert trees["absolute"]
    for name, found in trees.items():
        assert found == trees["absolute"], name


def test_a_moved_input_folder_resumes_its_own_output(tmp_path: Path) -> None:
    before = _sample_copy(tmp_path / "before")
    out = tmp_path / "out"
    assert main(["run", str(before), "-o", str(out), "-q"]) == 0
    expected = tree(out)
    after = tmp_path / "after"
    (tmp_path / "before").rename(after)
    # the same input read from its new place: the same run, not another one
    assert main(["run", str(after / before.name), "-o", str(out), "-q"]) == 0
    assert tree(out) == expected


def _work_files(out: Path) -> list[str]:
    """What a run leaves in .work, but each attempt's clock (a rerun adds one)."""
    return sorted(
        str(p.relative_to(out)) for p in (out / ".work").rglob("*")
        if p.is_file() and p.parent.name != "attempts"
    )


def test_a_finished_run_keeps_no_intermediate_copy(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in", files=3)
    out = tmp_path / "out"
    config = write_config(tmp_path, 0.0)
    proc = start_cli(["run", *inputs, "-o", str(out), "-c", str(config), "-q"])
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""
    expected = tree(out)
    left = _work_files(out)
    assert not [f for f in left if f.endswith((".jsonl.zst", ".npy", ".npz"))], left
    work_bytes = sum((out / f).stat().st_size for f in left)
    assert work_bytes < 20_000, left
    # a rerun of the finished run needs nothing more and changes nothing
    proc = start_cli(["run", *inputs, "-o", str(out), "-c", str(config), "-q"])
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""
    assert tree(out) == expected
    assert _work_files(out) == left
    assert len(list((out / ".work" / "attempts").iterdir())) == 2


def _one_line_error(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err
    return err


def test_an_output_path_under_a_file_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("not a folder")
    assert main(["run", "-o", str(tmp_path / "file" / "out"), "-q"]) == 1
    _one_line_error(capsys, "file")
    assert main(["run", "-o", str(tmp_path / "file"), "-q"]) == 1
    _one_line_error(capsys, "file")


def test_an_uncreatable_output_dir_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "-o", "/proc/thresher-cannot-be-here/out", "-q"]) == 1
    _one_line_error(capsys, "/proc/thresher-cannot-be-here")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_output_dir_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["run", "-o", str(locked / "out"), "-q"]) == 1
        _one_line_error(capsys, "locked")
    finally:
        locked.chmod(0o700)


def test_parquet_without_pyarrow_fails_before_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = tmp_path / "out"
    assert main(["run", "-o", str(out), "-q", "--set", "output.format=parquet"]) == 2
    _one_line_error(capsys, "pip install", "parquet")
    assert not out.exists()


@POSIX
def test_ctrl_c_says_how_to_resume_without_a_traceback(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in", files=2)
    config = write_config(tmp_path, 0.05)
    out = tmp_path / "out"
    proc = start_cli(["run", *inputs, "-o", str(out), "-c", str(config), "-q", "-w", "2"])
    _wait_for(lambda: (out / ".work").exists(), "the run to start")
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 130
    err = proc.stderr.read().decode() if proc.stderr else ""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "resume" in lines[0], err
    assert temp_files(out) == []
