"""The output stores' contract, on disk and on fsspec's in-memory store; markers; locations."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from thresher.storage import (
    LocalStore,
    Marker,
    MarkerError,
    ObjectStore,
    Storage,
    Store,
    check_marker,
    has_marker,
    is_remote,
    join,
    open_store,
    parse,
    read_marker,
    unclaimed,
    write_marker,
)


@pytest.fixture(params=["local", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "local":
        yield open_store(str(tmp_path / "out"))
        return
    storage = Storage()
    root = f"memory://test-{uuid.uuid4().hex}/out"
    made = open_store(root, storage)
    assert isinstance(made, ObjectStore)
    yield made
    fs = storage.filesystem("memory")
    if fs.exists(parse(root).path):
        fs.rm(parse(root).path, recursive=True)


def test_put_get_list_remove(store: Store) -> None:
    store.put("data/b.jsonl", b"2")
    store.put("data/a.jsonl", b"1")
    store.put("rejected/r.jsonl", b"r")
    store.put("data/a.jsonl", b"11")  # replaced whole
    assert store.get("data/a.jsonl") == b"11"
    assert store.size("data/a.jsonl") == 2
    assert store.list() == ["data/a.jsonl", "data/b.jsonl", "rejected/r.jsonl"]
    assert store.list("data/") == ["data/a.jsonl", "data/b.jsonl"]
    assert store.list("data/a") == ["data/a.jsonl"]
    assert store.list("nothing/") == []
    store.remove("data/b.jsonl")
    store.remove("data/b.jsonl")
    assert not store.exists("data/b.jsonl")
    with pytest.raises(FileNotFoundError):
        store.get("data/b.jsonl")
    with store.open_read("rejected/r.jsonl") as fh:
        assert fh.read() == b"r"


def test_open_write_commits_whole_or_nothing(store: Store, tmp_path: Path) -> None:
    with store.open_write("data/part-0.jsonl") as fh:
        fh.write(b"line 1\n")
        assert not store.exists("data/part-0.jsonl")  # not visible before the commit
        fh.write(b"line 2\n")
    assert store.get("data/part-0.jsonl") == b"line 1\nline 2\n"
    with pytest.raises(KeyError), store.open_write("data/part-1.jsonl") as fh:
        fh.write(b"half")
        raise KeyError("step crashed")
    assert not store.exists("data/part-1.jsonl")
    assert store.list() == ["data/part-0.jsonl"]  # no temporary left behind or listed
    source = tmp_path / "local.bin"
    source.write_bytes(b"x" * 3000)
    store.put_file("data/copied.bin", source)
    assert store.size("data/copied.bin") == 3000


@pytest.mark.parametrize("key", ["", "/abs", "a/../b", "a//b", "./a", "a\\b", "d/.tmp-x"])
def test_bad_keys_are_refused(store: Store, key: str) -> None:
    with pytest.raises(ValueError):
        store.put(key, b"x")


def test_local_store_leaves_no_temporary_after_a_crash(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    with pytest.raises(RuntimeError), store.open_write("a/b.bin") as fh:
        fh.write(b"x")
        raise RuntimeError
    assert list((tmp_path / "a").iterdir()) == []


def test_markers_name_committed_objects(store: Store) -> None:
    store.put("data/p0", b"abc")
    store.put("data/p1", b"de")
    assert read_marker(store, "markers/m0") is None
    marker = write_marker(store, "markers/m0", ["data/p0", "data/p1"], {"docs": 7})
    assert marker.objects == {"data/p0": 3, "data/p1": 2}
    assert has_marker(store, "markers/m0")
    assert read_marker(store, "markers/m0") == marker
    assert check_marker(store, marker) == []
    store.put("data/p1", b"changed!")
    store.remove("data/p0")
    assert check_marker(store, marker) == ["data/p0: missing",
                                           "data/p1: 8 bytes, marker says 2"]


def test_a_marker_never_names_a_missing_object(store: Store) -> None:
    with pytest.raises(FileNotFoundError):
        write_marker(store, "markers/m1", ["data/never-written"])
    assert not has_marker(store, "markers/m1")


def test_unclaimed_lists_leftovers_of_uncommitted_units(store: Store) -> None:
    store.put("data/p0", b"a")
    store.put("data/p1", b"b")
    done = write_marker(store, "markers/m0", ["data/p0"])
    store.put("data/p2", b"crashed attempt")
    assert unclaimed(store, "data/", [done]) == ["data/p1", "data/p2"]
    assert unclaimed(store, "", [done]) == ["data/p1", "data/p2"]


def test_a_foreign_file_is_not_a_marker(store: Store) -> None:
    store.put("markers/bad", b"not json")
    with pytest.raises(MarkerError):
        read_marker(store, "markers/bad")
    with pytest.raises(MarkerError):
        Marker.from_bytes("k", b'{"format": "thresher-marker/1", "objects": {"a": "3"}}')


def test_http_is_read_only() -> None:
    with pytest.raises(ValueError, match="read-only"):
        open_store("https://example.org/out")


def test_locations() -> None:
    assert parse("s3://b/k/x.warc.gz").name == "x.warc.gz"
    assert parse("https://h/p/x.warc.gz?sig=1").name == "x.warc.gz"
    assert parse("c:/data/x").is_local  # one letter is not a scheme
    assert parse(Path("/tmp/x")).is_local
    assert parse("memory://a/b").url == "memory://a/b"
    assert is_remote("s3://b/k") and not is_remote("out/x")
    assert join("out", "data/x") == str(Path("out") / "data/x")
    assert join("s3://b/out/", "/data/x") == "s3://b/out/data/x"


def test_storage_glob_and_list_local(tmp_path: Path) -> None:
    (tmp_path / "crawl" / "sub").mkdir(parents=True)
    for name in ["crawl/a.warc.gz", "crawl/b.warc.gz", "crawl/sub/c.warc.gz", "crawl/x.txt"]:
        (tmp_path / name).write_bytes(b"x")
    storage = Storage()
    assert [Path(p).name for p in storage.glob(str(tmp_path / "crawl/*.warc.gz"))] == [
        "a.warc.gz", "b.warc.gz"]
    assert [Path(p).name for p in storage.glob(str(tmp_path / "crawl/**/*.warc.gz"))] == [
        "a.warc.gz", "b.warc.gz", "c.warc.gz"]
    assert len(storage.list(str(tmp_path / "crawl"))) == 4
    assert storage.glob(str(tmp_path / "crawl/none.warc.gz")) == []
    assert storage.exists(str(tmp_path / "crawl/a.warc.gz"))
    assert not storage.exists(str(tmp_path / "crawl"))
    assert storage.read_range(str(tmp_path / "crawl/a.warc.gz"), 0, 1) == b"x"
    with pytest.raises(ValueError, match="cannot be globbed"):
        storage.glob("https://example.org/*.warc.gz")
    assert storage.glob("https://example.org/a.warc.gz") == ["https://example.org/a.warc.gz"]


def test_storage_on_fsspec_memory_reads_globs_and_resumes() -> None:
    storage = Storage()
    fs = storage.filesystem("memory")
    root = f"test-{uuid.uuid4().hex}"
    fs.pipe_file(f"/{root}/in/a.warc.gz", b"A" * 100_000)
    fs.pipe_file(f"/{root}/in/b.jsonl", b"B")
    try:
        assert storage.glob(f"memory://{root}/in/*.warc.gz") == [
            f"memory:///{root}/in/a.warc.gz"]
        with storage.open_read(f"memory://{root}/in/a.warc.gz") as fh:
            assert fh.read() == b"A" * 100_000
        assert storage.size(f"memory://{root}/in/b.jsonl") == 1
        assert not storage.exists(f"memory://{root}/in/zzz")
    finally:
        fs.rm(f"/{root}", recursive=True)
