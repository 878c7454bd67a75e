"""Input names: the same whatever the path's spelling, unique within a run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from thresher.run.inputs import name_inputs


def _touch(*paths: Path) -> list[Path]:
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * len(path.name))
    return list(paths)


def test_file_names_when_they_are_unique(tmp_path: Path) -> None:
    paths = _touch(tmp_path / "cc" / "b.warc.gz", tmp_path / "cc" / "a.warc.gz")
    named = name_inputs(paths)
    assert [(f.name, f.size) for f in named] == [("a.warc.gz", 9), ("b.warc.gz", 9)]
    assert [f.path for f in named] == [paths[1], paths[0]]


def test_shortest_unique_tails_when_names_clash(tmp_path: Path) -> None:
    paths = _touch(
        tmp_path / "x" / "site-a" / "index.html",
        tmp_path / "y" / "site-a" / "index.html",
        tmp_path / "site-b" / "index.html",
        tmp_path / "about.html",
    )
    assert [f.name for f in name_inputs(paths)] == [
        "about.html",
        "site-b/index.html",
        "x/site-a/index.html",
        "y/site-a/index.html",
    ]


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_relative_absolute_and_symlinked_spellings_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (real,) = _touch(tmp_path / "crawl" / "part.warc.gz")
    (tmp_path / "alias").symlink_to(tmp_path / "crawl")
    monkeypatch.chdir(tmp_path)
    spellings = [real, Path("crawl/part.warc.gz"), Path("alias/part.warc.gz")]
    names = {name_inputs([p])[0].name for p in spellings}
    assert names == {"part.warc.gz"}
