"""The command line, called in-process through ``main(argv)``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thresher.cli import main

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Lighthouse keepers of the west coast | Coastal Notes</title>
<meta name="author" content="Maren Holt"></head><body>
<header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
<article><h1>Lighthouse keepers of the west coast</h1>
<p>For most of the last century the lights along the west coast were kept by families who lived
beside them, trimming wicks and winding clockwork through the long winter nights.</p>
<p>Automation arrived slowly. The last keeper left the northern station in 1998, and the cottages
are now let to walkers who come for the silence and the storms.</p>
</article><footer>Copyright Coastal Notes. All rights reserved.</footer></body></html>
"""


@pytest.fixture()
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "thresher run" in capsys.readouterr().out


def test_extract_prints_the_main_text(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(page)]) == 0
    out = capsys.readouterr().out
    assert "Automation arrived slowly." in out
    assert "All rights reserved" not in out
    assert "About" not in out


def test_extract_json_has_metadata(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(page), "--format", "json", "--url", "https://c.example/a"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["author"] == "Maren Holt"
    assert record["language"] == "en"
    assert "keepers" in record["text"]


def test_extract_markdown_has_the_heading(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(page), "--format", "markdown"]) == 0
    assert "# Lighthouse keepers of the west coast" in capsys.readouterr().out


def test_extract_missing_file_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(tmp_path / "nope.html")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_extract_bad_option_is_a_usage_error(
    page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(page), "--set", "no_such_option=1"]) == 2
    assert "unknown parameter" in capsys.readouterr().err


def test_steps_lists_parameters_and_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["steps"]) == 0
    out = capsys.readouterr().out
    assert "extract  (step)" in out
    assert "timeout_s" in out
    assert "drop reasons:" in out


def test_steps_unknown_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["steps", "no_such_step"]) == 2


def test_run_sample_then_explain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["run"]) == 0
    out = capsys.readouterr().out
    assert "sample crawl" in out
    assert "Why documents were dropped" in out
    outdir = tmp_path / "thresher-out"
    manifest = json.loads((outdir / "manifest.json").read_text())
    assert manifest["accounting"]["balanced"]
    assert manifest["accounting"]["documents_out"] > 0

    # a rerun of the finished run is a no-op with the same summary counts
    assert main(["run"]) == 0
    assert (
        json.loads((outdir / "manifest.json").read_text())["accounting"] == manifest["accounting"]
    )

    from thresher.commands.explain_cmd import _records

    rejected = next(_records(outdir / "rejected"))
    assert main(["explain", str(outdir), rejected["id"]]) == 0
    text = capsys.readouterr().out
    assert "DROPPED by" in text and rejected["reason"] in text
    kept = next(_records(outdir / "data"))
    assert main(["explain", str(outdir), kept["url"]]) == 0
    assert "KEPT after" in capsys.readouterr().out
    assert main(["explain", str(outdir), "no-such-id"]) == 1


def test_run_missing_input_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(tmp_path / "missing.warc.gz"), "-o", str(tmp_path / "o"), "-q"]) == 1
    assert "thresher:" in capsys.readouterr().err


def test_run_bad_override_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["run", "-o", str(tmp_path / "o"), "--set", "extract.nope=1", "-q"]) == 2


def test_run_refuses_to_mix_two_configs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "o")
    assert main(["run", "-o", out, "-q"]) == 0
    assert main(["run", "-o", out, "-q", "--set", "extract.timeout_s=1.5"]) == 1
    assert "another config" in capsys.readouterr().err


def test_annotate_only_keeps_everything_it_reads(tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert main(["run", "-o", str(out), "-q", "--annotate-only"]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    drops = manifest["counts"]["drops"]
    # only reader rejections and mappers' failures may drop; filters only flag
    assert all(key.startswith(("read:", "extract:")) for key in drops), drops


def test_parquet_output(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / "o"
    assert main(["run", "-o", str(out), "-q", "--set", "output.format=parquet"]) == 0
    assert list((out / "data").glob("*.parquet"))


ARTICLE = (
    "The river authority opened the new fish pass on Thursday, ten years after the first survey. "
    "Salmon had not been seen above the weir since the mill was rebuilt in the nineteenth century. "
    "Engineers cut a staircase of shallow pools into the bank beside the old channel. "
    "Volunteers counted the first fish within an hour of the gates opening. "
    "The project cost less than planned because the stone came from the mill itself. "
    "Anglers upstream say they will wait a season before they believe it."
)


def test_explain_shows_cut_lines_and_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    rows = [
        {"id": "good", "text": ARTICLE + "\nRead more\nShare on Facebook\n"},
        {"id": "short", "text": "Too short to be a document."},
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "o"
    args = ["run", str(source), "-o", str(out), "-q", "--annotate-only"]
    assert main([*args, "--set", "clean_lines.record_edits=true"]) == 0
    capsys.readouterr()
    assert main(["explain", str(out), "good"]) == 0
    text = capsys.readouterr().out
    assert "lines cut (2)" in text
    assert "[clean_lines/read_more] Read more" in text
    assert main(["explain", str(out), "short"]) == 0
    text = capsys.readouterr().out
    assert "KEPT" in text
    assert "flagged by gopher_quality: too_few_words" in text


def test_explain_finds_kept_documents_in_parquet_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pyarrow")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "river", "url": "https://r.example/a", "text": ARTICLE}))
    out = tmp_path / "o"
    args = ["run", str(source), "-o", str(out), "-q", "--set", "output.format=parquet"]
    assert main([*args, "--set", "clean_lines.record_edits=true"]) == 0
    capsys.readouterr()
    assert main(["explain", str(out), "https://r.example/a"]) == 0
    text = capsys.readouterr().out
    assert "document river" in text and "KEPT after" in text
    assert "language: en" in text


def test_a_ray_address_without_a_cluster_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("ray", reason="ray is an optional extra: pip install 'thresher[ray]'")
    import socket

    with socket.socket() as probe:  # a port nothing listens on once this closes
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = ["run", "-o", str(tmp_path / "o"), "-q", "--executor", "ray"]
    assert main([*args, "--ray-address", f"127.0.0.1:{port}"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert f"no Ray cluster answers at 127.0.0.1:{port}" in err


def test_output_into_a_closed_pipe_is_not_a_crash(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = "import sys; from thresher.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "steps"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None
    proc.stdout.close()  # like `thresher steps | head`, a reader that has gone
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert b"Traceback" not in err and b"Exception ignored" not in err
