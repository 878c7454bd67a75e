"""``thresher extract`` refuses hostile pages with one line and exit status 1."""

from __future__ import annotations

import io
import sys
import tracemalloc
from pathlib import Path

import pytest

from thresher.cli import main

PROSE = "<p>" + "A sentence about lighthouses, keepers and the sea. " * 8 + "</p>"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["extract", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("content,reason,limit", [
    ("<div>" * 30_000 + PROSE, "parse_error", "max_depth"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "not_html", None),
    ("<b>x</b>" * 400_000, "too_large", "max_nodes"),
])
def test_hostile_page_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             content: str | bytes, reason: str,
                                             limit: str | None) -> None:
    path = tmp_path / "page.html"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, "utf-8")
    code, out, err = run(capsys, str(path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and f"page refused, {reason}" in err
    assert (f"--set {limit}=" in err) == (limit is not None)


def test_big_file_is_refused_before_it_is_read(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(b"<p>" + b"word " * 4_000_000 + b"</p>")  # 20 MB
    tracemalloc.start()
    try:
        code, _, err = run(capsys, str(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert code == 1 and "too_large" in err and "--set max_bytes=" in err
    assert peak < 5_000_000


def test_limits_can_be_raised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 2_100 + PROSE, "utf-8")
    assert run(capsys, str(path))[0] == 1
    code, out, _ = run(capsys, str(path), "--set", "max_depth=3000")
    assert code == 0 and "lighthouses" in out
    assert run(capsys, str(path), "--set", "max_depth=0")[0] == 2


def test_binary_on_stdin(monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    data = b"%PDF-1.7\n" + bytes(range(256)) * 4
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = run(capsys, "-")
    assert code == 1 and out == "" and "not_html" in err
