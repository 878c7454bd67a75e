"""JSONL reader: plain, gzip and zstd; missing text, bad JSON, huge lines."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from thresher.document import Document, stable_id
from thresher.readers import ReaderConfig, ReaderError, Rejection, read_jsonl

JSONL = Path(__file__).resolve().parents[1] / "data" / "jsonl"


@pytest.mark.parametrize("name", ["good.jsonl", "good.jsonl.gz", "good.jsonl.zst"])
def test_lines_become_documents(name: str) -> None:
    path = JSONL / name
    results = list(read_jsonl(path))
    assert all(isinstance(r, Document) for r in results)
    first, second, third = (r for r in results if isinstance(r, Document))
    assert (first.id, first.url, first.text) == ("doc-1", "https://example.org/1", "First text.")
    assert dict(first.metadata) == {"lang": "en"}
    assert second.id == "7" and second.metadata["tags"] == ["a", "b"]
    assert third.id == stable_id(str(path), 3)
    assert [d.provenance.line for d in (first, second, third)] == [1, 2, 3]


def test_missing_or_non_string_text_is_no_text() -> None:
    results = list(read_jsonl(JSONL / "missing-text.jsonl"))
    reasons = [(r.doc.id, r.reason) if isinstance(r, Rejection) else (r.id, "doc")
               for r in results if isinstance(r, (Rejection, Document))]
    # line 4 is blank: not a record
    assert reasons == [("a", "doc"), ("b", "no_text"), ("c", "no_text"), ("d", "no_text")]


def test_bad_json_names_the_line() -> None:
    results = list(read_jsonl(JSONL / "bad-json-line.jsonl.zst"))
    bad = [r for r in results if isinstance(r, Rejection)]
    assert [r.reason for r in bad] == ["bad_json", "bad_json"]
    assert bad[0].detail.startswith("line 2:") and bad[0].doc.provenance.line == 2
    assert "not an object" in bad[1].detail
    assert [r.text for r in results if isinstance(r, Document)] == ["ok one", "ok two"]


def test_huge_line_is_skipped_in_bounded_memory() -> None:
    config = ReaderConfig(max_record_bytes=1_000_000)
    tracemalloc.start()
    try:
        results = list(read_jsonl(JSONL / "huge-line.jsonl.gz", config))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    first, second = results
    assert isinstance(first, Rejection) and first.reason == "too_large"
    assert isinstance(second, Document) and second.text == "after the huge line"
    assert peak < 5_000_000  # the line is 50 MB


def test_truncated_gzip_keeps_earlier_lines_and_reports_the_rest() -> None:
    results = list(read_jsonl(JSONL / "truncated-gzip.jsonl.gz"))
    assert isinstance(results[0], Document)
    last = results[-1]
    assert isinstance(last, Rejection) and last.reason == "truncated"
    assert "what followed is lost" in last.detail


def test_missing_file_raises(tmp_path: Path) -> None:
    for name in ("x.jsonl", "x.jsonl.gz", "x.jsonl.zst"):
        with pytest.raises(ReaderError):
            list(read_jsonl(tmp_path / name))
