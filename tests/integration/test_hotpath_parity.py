"""The compiled hot path and the pure-Python one give the same output bytes.

Both paths extract the same pages (`hotpath_outputs.py`, one process each, run side
by side): text, markdown and metadata must be equal, page by page, option by option.
Pages: the project's own (golden cases, test fixtures), the seed pages and every page of
``../shared/bench`` when present.

Without a compiled build (an install without a C compiler, or sources edited since the
build) there is nothing to compare and the tests skip; CI sets
``THRESHER_REQUIRE_COMPILED=1`` so that they fail instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from thresher.extract import hotpath

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
SHARED = TESTS.parent / ".." / "shared"
REQUIRE = os.environ.get("THRESHER_REQUIRE_COMPILED", "") not in ("", "0")


def _compiled_or_skip() -> None:
    environ = {k: v for k, v in os.environ.items() if k != hotpath.PURE_ENV}
    path = hotpath.choose(Path(hotpath.__file__).resolve().parent, environ)
    if not path.compiled:
        message = f"no compiled hot path to compare: {path.reason}"
        if REQUIRE:
            pytest.fail(message + " (THRESHER_REQUIRE_COMPILED is set)")
        pytest.skip(message)


def _run_both(pages: list[Path]) -> tuple[list[Any], list[Any]]:
    """The outputs of both paths on `pages`, computed side by side."""
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "pages.txt"
        listing.write_text("\n".join(str(page) for page in pages), encoding="utf-8")
        command = [sys.executable, str(HERE / "hotpath_outputs.py"), str(listing)]
        base = {k: v for k, v in os.environ.items() if k != hotpath.PURE_ENV}
        procs = [
            subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for env in (base, {**base, hotpath.PURE_ENV: "1"})
        ]
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=600)
            assert proc.returncode == 0, err.decode(errors="replace")
            results.append([json.loads(line) for line in out.decode("utf-8").splitlines()])
    return results[0], results[1]


def _assert_same(pages: list[Path]) -> None:
    compiled, pure = _run_both(pages)
    assert compiled[0]["compiled"] is True, compiled[0]
    assert pure[0]["compiled"] is False, pure[0]
    assert len(compiled) == len(pure) > len(pages)
    differ = [
        (a["page"], a["config"], sorted(k for k in a["out"] if a["out"][k] != b["out"].get(k)))
        for a, b in zip(compiled[1:], pure[1:], strict=True)
        if a != b
    ]
    assert not differ, f"{len(differ)} extractions differ between the paths, e.g. {differ[:5]}"


def _html_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".html", ".htm") and p.is_file())


def test_same_output_on_the_project_pages() -> None:
    _compiled_or_skip()
    pages = _html_files(TESTS / "golden") + _html_files(TESTS / "data")
    if (SHARED / "seed").is_dir():
        pages += _html_files(SHARED / "seed")
    assert len(pages) >= 20
    _assert_same(pages)


def test_same_output_on_the_shared_bench() -> None:
    bench = SHARED / "bench"
    folders = sorted(p / "pages" for p in bench.glob("*") if (p / "pages").is_dir())
    if not folders:
        pytest.skip(f"no benchmark pages at {bench} (shared folder absent)")
    _compiled_or_skip()
    _assert_same([page for folder in folders for page in _html_files(folder)])
