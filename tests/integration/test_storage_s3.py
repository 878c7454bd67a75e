"""S3 inputs and outputs against moto's S3 server on 127.0.0.1, reached by AWS_ENDPOINT_URL only."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastwarc.warc import ArchiveIterator

from testservers.faults import FaultPlan, fault_server
from testservers.s3 import ENV_TO_CLEAR, aws_env, moto_server
from testservers.warcs import build
from thresher.storage import (
    ObjectStore,
    RetryPolicy,
    Storage,
    StorageConfig,
    TransferError,
    check_marker,
    has_marker,
    member_starts,
    open_range,
    open_store,
    read_marker,
    split_ranges,
    unclaimed,
    write_marker,
)

pytest.importorskip("s3fs", reason="the s3 tests need s3fs (pip install 'thresher[s3]')")

NO_WAIT = RetryPolicy(max_retries=3, base_delay_s=0.0, read_timeout_s=20.0)
BUILT = build([2000, 90_000, 40, 300_000, 7000], seed=11, compressible=False)


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with moto_server() as url:
        yield url


@pytest.fixture()
def s3(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Storage]:
    """A Storage reaching moto through the standard AWS variables; bucket ``crawl`` filled."""
    with tempfile.TemporaryDirectory() as tmp:
        for name in ENV_TO_CLEAR:
            monkeypatch.delenv(name, raising=False)
        for key, value in aws_env(endpoint, tmp).items():
            monkeypatch.setenv(key, value)
        storage = Storage(StorageConfig(retry=NO_WAIT, block_size=64 << 10))
        fs = storage.filesystem("s3")
        if not fs.exists("crawl"):
            fs.mkdir("crawl")
        fs.pipe_file("crawl/in/a.warc.gz", BUILT.data)
        fs.pipe_file("crawl/in/b.warc.gz", BUILT.data[:1000])
        fs.pipe_file("crawl/in/notes.txt", b"not a warc")
        yield storage
        fs.rm("crawl", recursive=True)


def test_glob_size_exists(s3: Storage) -> None:
    assert s3.glob("s3://crawl/in/*.warc.gz") == ["s3://crawl/in/a.warc.gz",
                                                  "s3://crawl/in/b.warc.gz"]
    assert s3.size("s3://crawl/in/a.warc.gz") == len(BUILT.data)
    assert s3.exists("s3://crawl/in/a.warc.gz")
    assert not s3.exists("s3://crawl/in/zzz.warc.gz")
    assert s3.list("s3://crawl/in") == ["s3://crawl/in/a.warc.gz", "s3://crawl/in/b.warc.gz",
                                        "s3://crawl/in/notes.txt"]


def test_fastwarc_reads_an_s3_object(s3: Storage) -> None:
    with s3.open_read("s3://crawl/in/a.warc.gz") as fh:
        ids = [r.record_id for r in ArchiveIterator(fh, parse_http=False)]
    assert ids == BUILT.ids
    stats = s3.stats_for("s3://crawl/in/a.warc.gz")
    assert stats.bytes == len(BUILT.data) and stats.retries == 0


def test_missing_object_is_not_found(s3: Storage) -> None:
    with pytest.raises(TransferError) as caught, s3.open_read("s3://crawl/in/zzz.warc.gz") as fh:
        fh.read()
    assert caught.value.reason == "not_found"


def test_byte_ranges_of_an_s3_object_partition_its_records(s3: Storage) -> None:
    url = "s3://crawl/in/a.warc.gz"
    with s3.open_read(url) as fh:
        starts = member_starts(fh)
        assert starts == BUILT.offsets
        ids: list[str] = []
        for byte_range in split_ranges(starts, s3.size(url), 3):
            view = open_range(fh, byte_range)
            ids += [r.record_id for r in ArchiveIterator(view, parse_http=False)]
    assert ids == BUILT.ids


def test_output_store_commits_with_markers(s3: Storage) -> None:
    store = open_store("s3://crawl/out", s3)
    assert isinstance(store, ObjectStore)
    with store.open_write("data/part-0.jsonl") as fh:
        fh.write(b'{"id": 1}\n')
    store.put("data/part-1.jsonl", b'{"id": 2}\n')
    assert not has_marker(store, ".work/markers/phase-0")
    marker = write_marker(store, ".work/markers/phase-0",
                          ["data/part-0.jsonl", "data/part-1.jsonl"], {"docs": 2})
    assert has_marker(store, ".work/markers/phase-0")
    assert read_marker(store, ".work/markers/phase-0") == marker
    assert check_marker(store, marker) == []
    store.put("data/part-9.jsonl", b"left by a crashed attempt")
    assert unclaimed(store, "data/", [marker]) == ["data/part-9.jsonl"]
    assert store.list("data/") == ["data/part-0.jsonl", "data/part-1.jsonl", "data/part-9.jsonl"]
    store.remove("data/part-9.jsonl")
    store.remove("data/part-9.jsonl")  # absent: nothing happens
    assert store.get("data/part-1.jsonl") == b'{"id": 2}\n'
    with store.open_read("data/part-0.jsonl") as fh:
        assert fh.read() == b'{"id": 1}\n'
    with pytest.raises(FileNotFoundError):
        write_marker(store, ".work/markers/phase-1", ["data/part-7.jsonl"])
    assert not has_marker(store, ".work/markers/phase-1")


def test_a_failed_write_uploads_nothing(s3: Storage) -> None:
    store = open_store("s3://crawl/out", s3)
    with pytest.raises(RuntimeError), store.open_write("data/part-5.jsonl") as fh:
        fh.write(b"half a shard")
        raise RuntimeError("the step crashed")
    assert not store.exists("data/part-5.jsonl")


@pytest.fixture()
def faulty(s3: Storage, endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The fault server as a reverse proxy in front of moto, named by AWS_ENDPOINT_URL."""
    with fault_server(upstream=endpoint, plan=FaultPlan(only="a.warc.gz")) as proxy:
        monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
        yield proxy


def test_slowdown_and_a_cut_body_are_retried_and_resumed(faulty: Any) -> None:
    # blocks of 128 KiB: the second block's GET is cut half-way, then asked for again
    faulty.reset(FaultPlan(fail_first=1, cut_once=True, cut_nth=2, only="a.warc.gz"))
    slept: list[float] = []
    storage = Storage(StorageConfig(retry=NO_WAIT, block_size=128 << 10), sleep=slept.append)
    url = "s3://crawl/in/a.warc.gz"
    with storage.open_read(url) as fh:
        data = fh.read()
    assert data == BUILT.data
    stats = storage.stats_for(url)
    assert stats.retries == 2 and stats.resumes == 1
    assert any("SlowDown" in e or "EBUSY" in e or "reduce" in e for e in stats.errors)
    gets = [e.range for e in faulty.log if e.method == "GET" and "a.warc.gz" in e.path]
    block = 128 << 10
    assert gets[:4] == [f"bytes=0-{block - 1}", f"bytes=0-{block - 1}",
                        f"bytes={block}-{2 * block - 1}", f"bytes={block}-{2 * block - 1}"]
    assert len(slept) == 2


def test_s3_failure_after_retries_is_typed(faulty: Any) -> None:
    faulty.reset(FaultPlan(always_fail=True, only="a.warc.gz"))
    storage = Storage(StorageConfig(retry=RetryPolicy(max_retries=2, base_delay_s=0.0)),
                      sleep=lambda _s: None)
    with pytest.raises(TransferError) as caught:
        storage.read_range("s3://crawl/in/a.warc.gz", 0, 100)
    assert caught.value.reason == "retries_exhausted"
    assert caught.value.url == "s3://crawl/in/a.warc.gz"


def test_paths_under_tmp_are_not_the_spool(tmp_path: Path, s3: Storage) -> None:
    store = ObjectStore("s3://crawl/out2", s3, spool_dir=tmp_path)
    with store.open_write("x.bin") as fh:
        fh.write(b"abc")
    assert list(tmp_path.iterdir()) == []
    assert store.get("x.bin") == b"abc"
