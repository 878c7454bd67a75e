"""Output shards and the rejected sink: record format, rotation, atomic commit, determinism."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import MappingProxyType

import pytest

from thresher.document import Document, Provenance
from thresher.readers import Rejection
from thresher.serialize import open_text_read
from thresher.step import Drop
from thresher.writers import (
    DOCUMENT_FIELDS,
    REJECTED_FIELDS,
    RejectedWriter,
    ShardWriter,
    WriterConfig,
    document_record,
    open_shard_writer,
)
from thresher.writers.records import dumps


def make_doc(i: int, text: str = "Some clean text.") -> Document:
    prov = Provenance(source="crawl.warc.gz", record_id=f"<urn:uuid:{i}>", offset=100 * i,
                      fetch_date="2026-03-01T10:00:00Z", content_type="text/html")
    meta = MappingProxyType({"title": f"Title {i}", "date": "2026-02-01", "word_count": 3})
    return Document(id=f"doc{i}", provenance=prov, url=f"https://example.org/{i}", text=text,
                    html=b"<html>dropped from output</html>", language="en",
                    language_score=0.98, metadata=meta)


def read_lines(path: Path) -> list[dict[str, object]]:
    with open_text_read(path) as src:
        return [json.loads(line) for line in src]


def test_output_record_fields_and_order(tmp_path: Path) -> None:
    with ShardWriter(tmp_path, "docs", 0, WriterConfig(suffix=".jsonl")) as w:
        w.write(make_doc(1))
    (key,) = w.keys
    (rec,) = read_lines(tmp_path / key)
    assert tuple(rec) == DOCUMENT_FIELDS
    assert rec["title"] == "Title 1" and rec["date"] == "2026-02-01"
    assert json.loads(rec["metadata"]) == {"word_count": 3}  # promoted fields not repeated
    assert rec["record_id"] == "<urn:uuid:1>" and rec["offset"] == 100 and rec["line"] == -1
    assert "html" not in rec


def test_rotation_by_docs(tmp_path: Path) -> None:
    w = ShardWriter(tmp_path, "docs", 7, WriterConfig(max_docs_per_shard=2))
    for i in range(5):
        w.write(make_doc(i))
    keys = w.commit()
    assert keys == [
        "docs-00007-0000.jsonl.zst", "docs-00007-0001.jsonl.zst", "docs-00007-0002.jsonl.zst"]
    assert [[r["id"] for r in read_lines(tmp_path / k)] for k in keys] == [
        ["doc0", "doc1"], ["doc2", "doc3"], ["doc4"]]
    assert w.count == 5


def test_rotation_by_uncompressed_bytes(tmp_path: Path) -> None:
    size = len(dumps(document_record(make_doc(0, text="x" * 300)))) + 1
    config = WriterConfig(suffix=".jsonl.gz", max_bytes_per_shard=2 * size - 1)
    w = ShardWriter(tmp_path, "docs", 0, config)
    for i in range(6):
        w.write(make_doc(i, text="x" * 300))
    keys = w.commit()
    assert len(keys) == 3  # the second record of a part crosses the limit and closes it
    assert sum(len(read_lines(tmp_path / k)) for k in keys) == 6


def test_nothing_is_visible_before_commit(tmp_path: Path) -> None:
    w = ShardWriter(tmp_path, "docs", 0, WriterConfig(max_docs_per_shard=1))
    w.write(make_doc(1))
    w.write(make_doc(2))
    assert not any((tmp_path / k).exists() for k in w.keys)
    temps = sorted(p.name.rpartition(".")[0] for p in tmp_path.iterdir())
    assert temps == [".tmp.docs-00000-0000.jsonl.zst", ".tmp.docs-00000-0001.jsonl.zst"]
    w.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == w.keys


def test_abort_removes_temporaries(tmp_path: Path) -> None:
    w = ShardWriter(tmp_path, "docs", 0)
    w.write(make_doc(1))
    w.abort()
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(RuntimeError):
        w.write(make_doc(2))


def test_context_manager_aborts_on_error(tmp_path: Path) -> None:
    with pytest.raises(KeyError), ShardWriter(tmp_path, "docs", 0) as w:
        w.write(make_doc(1))
        raise KeyError("boom")
    assert list(tmp_path.iterdir()) == []


def test_empty_writer_writes_no_file(tmp_path: Path) -> None:
    assert ShardWriter(tmp_path / "out", "docs", 0).commit() == []
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_same_documents_same_bytes(tmp_path: Path, suffix: str) -> None:
    outputs = []
    for run in ("a", "b"):
        with ShardWriter(tmp_path / run, "docs", 0, WriterConfig(suffix=suffix)) as w:
            for i in range(3):
                w.write(make_doc(i, text="Grüße, 東京 ✓"))
        (key,) = w.keys
        outputs.append((tmp_path / run / key).read_bytes())
    assert outputs[0] == outputs[1]


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="suffix"):
        ShardWriter(tmp_path, "docs", 0, WriterConfig(suffix=".csv"))


def test_rejected_writer_records(tmp_path: Path) -> None:
    doc = make_doc(3)
    with RejectedWriter(tmp_path, "rejected", 2, WriterConfig(suffix=".jsonl")) as w:
        w.write(doc, Drop("too_few_words", "12 words", value=12, threshold=50, step="gopher"))
        stub = doc.evolve(text="", html=None)
        rejection = Rejection(stub, Drop("not_html", "image/png", step="read"))
        w.write(rejection.doc, rejection.drop)
        w.write(doc, Drop("duplicate", data={"duplicate_of": "doc1"}, step="dedup"))
    (key,) = w.keys
    assert key == "rejected-00002-0000.jsonl"
    drop, rej, dup = read_lines(tmp_path / key)
    assert tuple(drop) == REJECTED_FIELDS
    assert (drop["step"], drop["reason"], drop["value"], drop["threshold"]) == (
        "gopher", "too_few_words", 12.0, 50.0)
    assert drop["has_value"] and drop["has_threshold"]
    assert isinstance(drop["value"], float)  # 12, not 12.0, would type the column int64
    assert (rej["step"], rej["reason"], rej["detail"]) == ("read", "not_html", "image/png")
    assert rej["source"] == "crawl.warc.gz" and rej["record_id"] == "<urn:uuid:3>"
    assert json.loads(dup["data"]) == {"duplicate_of": "doc1"}
    assert (dup["value"], dup["has_value"], dup["has_threshold"]) == (0.0, False, False)


def test_parquet_round_trip(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    w = open_shard_writer(tmp_path, "docs", 1, WriterConfig(suffix=".parquet",
                                                            max_docs_per_shard=2))
    for i in range(3):
        w.write(make_doc(i))
    keys = w.commit()
    assert keys == ["docs-00001-0000.parquet", "docs-00001-0001.parquet"]
    table = pq.read_table(tmp_path / keys[0])
    assert table.column_names == list(DOCUMENT_FIELDS)
    rows = table.to_pylist()
    assert rows[0]["id"] == "doc0" and json.loads(rows[0]["metadata"]) == {"word_count": 3}


def test_parquet_without_pyarrow_names_the_extra(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ImportError, match=r"pip install 'thresher\[parquet\]'"):
        open_shard_writer(tmp_path, "docs", 0, WriterConfig(suffix=".parquet"))


def _typed(value: object) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int64"
    if isinstance(value, float):
        return "float64"
    return "string" if isinstance(value, str) else type(value).__name__


def test_records_never_hold_null_and_keep_their_types() -> None:
    """A loader infers a file's types from its rows: each field must have one JSON type."""
    from thresher.writers import DOCUMENT_SCHEMA, REJECTED_SCHEMA, rejected_record

    bare = Document(id="x", provenance=Provenance("pages/a.html"))
    records = [document_record(make_doc(1)), document_record(bare)]
    for rec in records:
        assert [(k, _typed(v)) for k, v in rec.items()] == [
            (k, "string" if t == "json" else t) for k, t in DOCUMENT_SCHEMA]
    drops = [Drop("too_few_words", value=12, threshold=50, step="g"),
             Drop("timeout", threshold=5.0, step="extract"), Drop("dup", step="d")]
    for drop in drops:
        rec = rejected_record(bare, drop)
        assert [(k, _typed(v)) for k, v in rec.items()] == [
            (k, "string" if t == "json" else t) for k, t in REJECTED_SCHEMA]
