"""Same input and config give the same bytes with 1 and 2 workers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from thresher.cli import main
from thresher.sample import sample_path

DATA = Path(__file__).resolve().parents[1] / "data"


def _tree(outdir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for sub in ("data", "rejected")
        for p in sorted((outdir / sub).glob("*"))
    }


def _inputs(tmp_path: Path) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    # the sample twice under two names (every page has an exact copy in the other shard),
    # plus reader fixtures of every kind
    shutil.copy(sample_path(), folder / "a.warc.gz")
    shutil.copy(sample_path(), folder / "b.warc.gz")
    shutil.copy(DATA / "warc" / "two-pages-with-request-metadata.warc.gz", folder / "c.warc.gz")
    shutil.copy(DATA / "jsonl" / "missing-text.jsonl", folder / "d.jsonl")
    return [str(folder)]


def test_one_and_two_workers_write_the_same_bytes(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path)
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["run", *inputs, "-o", str(one), "-w", "1", "-q"]) == 0
    assert main(["run", *inputs, "-o", str(two), "-w", "2", "-q"]) == 0
    tree = _tree(one)
    assert any(name.startswith("data/") for name in tree)
    assert any(name.startswith("rejected/") for name in tree)
    assert tree == _tree(two)
    # what the report shows does not depend on the worker count either
    assert (one / "samples.json").read_bytes() == (two / "samples.json").read_bytes()
    profiles = [json.loads((d / "manifest.json").read_text())["profile"] for d in (one, two)]
    assert profiles[0] == profiles[1]


class _Collect:
    def __init__(self) -> None:
        self.records: dict[int, int] = {}
        self.nbytes = 0

    def put(self, item: tuple[int, int, int, int]) -> None:
        phase, records, _, nbytes = item
        self.records[phase] = self.records.get(phase, 0) + records
        self.nbytes += nbytes


def test_progress_counts_each_input_record_once(tmp_path: Path) -> None:
    from thresher.executors.local import LocalExecutor
    from thresher.pipeline import default_pipeline
    from thresher.run import run_pipeline

    sink = _Collect()
    result = run_pipeline(
        _inputs(tmp_path), tmp_path / "o", default_pipeline(), executor=LocalExecutor(1, sink)
    )
    assert sink.records[0] == result.stats.records_in
    assert sink.nbytes == result.stats.bytes_in
    # each later phase counts the documents the previous one passed on, once
    phases = result.manifest["phases"]
    assert [sink.records.get(p["phase"], 0) for p in phases] == [p["records_in"] for p in phases]
    assert [p["records_in"] for p in phases[1:]] == [p["passed"] for p in phases[:-1]]
