"""The choice between the compiled hot path and its Python source (`extract.hotpath`)."""

from __future__ import annotations

import importlib.machinery
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from thresher.cli import main
from thresher.extract import hotpath

SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _built(directory: Path) -> Path:
    """A fake compiled install: sources, a binary per module, the build's record."""
    for name in hotpath.MODULES:
        (directory / f"{name}.py").write_text(f"NAME = {name!r}\n")
        (directory / f"{name}{SUFFIX}").write_bytes(b"\x7fELF not really")
    record = {"compiler": "mypyc 0.0", "sources": hotpath.source_digests(directory)}
    (directory / hotpath.BUILD_FILE).write_text(json.dumps(record))
    return directory


def test_a_build_whose_sources_match_runs_compiled(tmp_path: Path) -> None:
    chosen = hotpath.choose(_built(tmp_path), {})
    assert chosen.compiled
    assert chosen.reason == "mypyc 0.0"
    assert chosen.describe() == "extraction: compiled (mypyc 0.0)"


def test_the_environment_variable_asks_for_the_pure_path(tmp_path: Path) -> None:
    chosen = hotpath.choose(_built(tmp_path), {hotpath.PURE_ENV: "1"})
    assert not chosen.compiled and chosen.asked
    assert hotpath.choose(tmp_path, {hotpath.PURE_ENV: "0"}).compiled  # 0 means no


def test_nothing_compiled_runs_pure(tmp_path: Path) -> None:
    chosen = hotpath.choose(tmp_path, {})
    assert not chosen.compiled and not chosen.asked
    assert "not compiled at install" in chosen.reason


def test_a_source_edited_after_the_build_runs_pure(tmp_path: Path) -> None:
    _built(tmp_path)
    with (tmp_path / "content.py").open("a") as source:
        source.write("# an edit after an editable install\n")
    chosen = hotpath.choose(tmp_path, {})
    assert not chosen.compiled
    assert chosen.reason.startswith("content.py changed since it was compiled")


def test_a_missing_binary_runs_pure(tmp_path: Path) -> None:
    _built(tmp_path)
    (tmp_path / f"blocks{SUFFIX}").unlink()
    chosen = hotpath.choose(tmp_path, {})
    assert not chosen.compiled and "blocks" in chosen.reason


def test_a_broken_build_record_runs_pure(tmp_path: Path) -> None:
    (_built(tmp_path) / hotpath.BUILD_FILE).write_text("{not json")
    assert not hotpath.choose(tmp_path, {}).compiled


def test_the_source_finder_passes_over_a_binary(tmp_path: Path) -> None:
    package = tmp_path / "hotpath_probe_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "mod.py").write_text("ORIGIN = 'source'\n")
    (package / f"mod{SUFFIX}").write_bytes(b"not a shared library")
    finder = hotpath._SourceFinder(frozenset({"hotpath_probe_pkg.mod"}))
    spec = finder.find_spec("hotpath_probe_pkg.mod", [str(package)])
    assert spec is not None and spec.origin == str(package / "mod.py")
    assert finder.find_spec("hotpath_probe_pkg.other", [str(package)]) is None


def test_pure_python_is_loaded_when_asked() -> None:
    code = (
        "from thresher.extract import blocks, hotpath, tree\n"
        "print(hotpath.status().asked, blocks.__file__.endswith('.py'), "
        "tree.__file__.endswith('.py'))"
    )
    env = {**os.environ, hotpath.PURE_ENV: "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", "True", "True"]


def test_the_pure_path_is_reported_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    unbuilt = hotpath.HotPath(False, "not compiled at install: no C compiler")
    monkeypatch.setattr(hotpath, "status", lambda: unbuilt)
    monkeypatch.setattr(hotpath, "_reported", False)
    with caplog.at_level(logging.INFO, logger="thresher.extract"):
        hotpath.report_once()
        hotpath.report_once()
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert "pure Python (not compiled at install" in caplog.records[0].getMessage()


def test_a_pure_path_asked_for_is_an_info_line(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    asked = hotpath.HotPath(False, f"{hotpath.PURE_ENV}=1", asked=True)
    monkeypatch.setattr(hotpath, "status", lambda: asked)
    monkeypatch.setattr(hotpath, "_reported", False)
    with caplog.at_level(logging.INFO, logger="thresher.extract"):
        hotpath.report_once()
    assert [r.levelno for r in caplog.records] == [logging.INFO]


def test_version_says_which_path_runs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("thresher ")
    assert hotpath.status().describe() in out
