"""Remote reads over http against a server that throttles, cuts bodies and ignores Range."""

from __future__ import annotations

import gzip
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastwarc.warc import ArchiveIterator

from testservers.faults import FaultPlan, FaultServer, fault_server
from testservers.warcs import build
from thresher.storage import (
    IndexRecord,
    MemberStream,
    RetryPolicy,
    Storage,
    StorageConfig,
    TransferError,
    fetch_records,
    load_index,
    load_paths,
)

NO_WAIT = RetryPolicy(max_retries=3, base_delay_s=0.0, read_timeout_s=10.0)


def _storage(policy: RetryPolicy = NO_WAIT, **config: int) -> tuple[Storage, list[float]]:
    slept: list[float] = []
    storage = Storage(StorageConfig(retry=policy, **config), sleep=slept.append)  # type: ignore[arg-type]
    return storage, slept


@pytest.fixture(scope="module")
def warc() -> bytes:
    return build([3000, 120_000, 50, 400_000, 9000, 70_000], seed=3, compressible=False).data


@pytest.fixture()
def server(tmp_path: Path, warc: bytes) -> Iterator[FaultServer]:
    (tmp_path / "a.warc.gz").write_bytes(warc)
    (tmp_path / "b.warc.gz").write_bytes(warc[: len(warc) // 3])
    with fault_server(tmp_path) as srv:
        yield srv


def _read_all(storage: Storage, url: str) -> bytes:
    with storage.open_read(url) as fh:
        return fh.read()


def test_throttled_then_cut_half_way_gives_the_files_bytes(server: FaultServer,
                                                           warc: bytes) -> None:
    server.reset(FaultPlan(fail_first=1, cut_once=True, cut_at=0.5))
    storage, slept = _storage()
    url = server.url + "/a.warc.gz"
    assert _read_all(storage, url) == warc
    stats = storage.stats_for(url)
    assert (stats.retries, stats.resumes) == (2, 1)
    assert stats.bytes == len(warc)
    gets = [entry for entry in server.log if entry.method == "GET"]
    assert [g.range for g in gets] == [None, None, f"bytes={len(warc) // 2}-"]
    assert len(slept) == 2


def test_fastwarc_reads_every_record_through_a_failing_server(server: FaultServer,
                                                              warc: bytes) -> None:
    server.reset(FaultPlan(fail_first=2, cut_once=True, cut_at=0.3))
    storage, _ = _storage()
    with storage.open_read(server.url + "/a.warc.gz") as fh:
        ids = [r.record_id for r in ArchiveIterator(fh, parse_http=False)]
    assert ids == build([3000, 120_000, 50, 400_000, 9000, 70_000], seed=3,
                        compressible=False).ids


def test_a_server_that_ignores_range_still_gives_the_right_bytes(server: FaultServer,
                                                                 warc: bytes) -> None:
    server.reset(FaultPlan(cut_once=True, ignore_range=True))
    storage, _ = _storage()
    url = server.url + "/a.warc.gz"
    assert _read_all(storage, url) == warc
    assert storage.stats_for(url).range_ignored == 1


def test_missing_file_is_a_typed_error_at_once(server: FaultServer) -> None:
    storage, slept = _storage()
    url = server.url + "/nope.warc.gz"
    with pytest.raises(TransferError) as caught:
        _read_all(storage, url)
    assert caught.value.reason == "not_found"
    assert caught.value.url == url
    assert len(server.log) == 1 and slept == []
    assert storage.exists(url) is False
    assert storage.exists(server.url + "/a.warc.gz") is True


def test_failure_after_n_retries_is_deterministic(server: FaultServer) -> None:
    server.reset(FaultPlan(always_fail=True))
    storage, slept = _storage(RetryPolicy(max_retries=4, base_delay_s=0.0))
    url = server.url + "/a.warc.gz"
    with pytest.raises(TransferError) as caught:
        _read_all(storage, url)
    assert caught.value.reason == "retries_exhausted"
    assert caught.value.attempts == 5
    assert "SlowDown" in caught.value.detail
    assert len(server.log) == 5 and len(slept) == 4
    assert storage.stats_for(url).retries == 4


def test_size_and_seek_use_range_requests(server: FaultServer, warc: bytes) -> None:
    storage, _ = _storage()
    url = server.url + "/a.warc.gz"
    assert storage.size(url) == len(warc)
    with storage.open_read(url) as fh:
        assert fh.seek(0, 2) == len(warc)
        fh.seek(len(warc) - 100)
        assert fh.read() == warc[-100:]
        fh.seek(10)
        assert fh.read(20) == warc[10:30]
    assert any(e.range == f"bytes={len(warc) - 100}-" for e in server.log)


def test_read_range_resumes_a_cut_range(server: FaultServer, warc: bytes) -> None:
    server.reset(FaultPlan(cut_once=True, fail_first=1))
    storage, _ = _storage()
    url = server.url + "/a.warc.gz"
    assert storage.read_range(url, 5000, 200_000) == warc[5000:205_000]
    assert storage.stats_for(url).resumes == 1
    with pytest.raises(TransferError) as caught:
        storage.read_range(url, len(warc) - 10, 100)
    assert caught.value.reason == "bad_range"


def test_range_requests_reuse_one_connection(server: FaultServer, warc: bytes) -> None:
    storage, _ = _storage()
    url = server.url + "/a.warc.gz"
    for start in (0, 5000, 100_000, 300_000):
        assert storage.read_range(url, start, 1000) == warc[start:start + 1000]
    assert len({entry.port for entry in server.log}) == 1


def test_connections_per_host_are_bounded(server: FaultServer) -> None:
    hold = threading.Event()
    server.reset(FaultPlan(hold=hold))
    storage, _ = _storage(max_connections_per_host=2, slot_wait_s=30)  # type: ignore[arg-type]
    url = server.url + "/a.warc.gz"
    errors: list[BaseException] = []

    def fetch() -> None:
        try:
            storage.read_range(url, 0, 1000)
        except BaseException as err:  # reported by the assertion below
            errors.append(err)

    threads = [threading.Thread(target=fetch) for _ in range(6)]
    for thread in threads:
        thread.start()
    for _ in range(200):  # until two requests wait in the server (or 2 s)
        if server.in_flight >= 2:
            break
        threading.Event().wait(0.01)
    hold.set()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert server.max_in_flight == 2


def test_no_free_connection_is_a_typed_error() -> None:
    from thresher.storage.http import HttpClient
    client = HttpClient(NO_WAIT, max_connections_per_host=1, slot_wait_s=0.05)
    with fault_server(Path(__file__).parent) as srv:
        first = client.request("GET", srv.url + "/" + Path(__file__).name)
        with pytest.raises(TransferError) as caught:
            client.request("GET", srv.url + "/" + Path(__file__).name)
        assert caught.value.reason == "no_connection_slot"
        first.read()
        first.release_conn()
        second = client.request("GET", srv.url + "/" + Path(__file__).name)
        assert second.status == 200
        second.read()
        second.release_conn()


def test_paths_list_over_http(tmp_path: Path) -> None:
    listing = "crawl-data/X/a.warc.gz\ncrawl-data/X/b.warc.gz\n\ncrawl-data/X/c.warc.gz\n"
    (tmp_path / "warc.paths.gz").write_bytes(gzip.compress(listing.encode()))
    with fault_server(tmp_path, FaultPlan(fail_first=1)) as srv:
        storage, _ = _storage()
        urls = load_paths(storage, srv.url + "/warc.paths.gz", base_url=srv.url + "/", limit=2)
    assert urls == [srv.url + "/crawl-data/X/a.warc.gz", srv.url + "/crawl-data/X/b.warc.gz"]


def test_index_records_fetched_by_range_are_read_by_fastwarc(tmp_path: Path) -> None:
    built = build([800, 50_000, 20, 3000, 120_000], seed=5, compressible=False)
    (tmp_path / "crawl-data").mkdir()
    (tmp_path / "crawl-data" / "x.warc.gz").write_bytes(built.data)
    ends = [*built.offsets[1:], len(built.data)]
    wanted = [1, 3, 4]
    lines = [f'org,example)/{i} 2026 {{"url": "https://example.org/{i}", '
             f'"filename": "crawl-data/x.warc.gz", "offset": "{built.offsets[i]}", '
             f'"length": "{ends[i] - built.offsets[i]}"}}' for i in wanted]
    lines.append('org,example)/9 2026 {"filename": "crawl-data/missing.warc.gz", '
                 '"offset": "0", "length": "10"}')
    (tmp_path / "index.cdx").write_text("\n".join(lines) + "\n")
    with fault_server(tmp_path, FaultPlan(fail_first=1, cut_once=True,
                                          only="x.warc.gz")) as srv:
        storage, _ = _storage()
        records = list(load_index(storage, srv.url + "/index.cdx"))
        assert [r.offset for r in records[:3]] == [built.offsets[i] for i in wanted]
        fetched = list(fetch_records(storage, records, base_url=srv.url + "/", prefetch=3))
        assert [f.record for f in fetched] == records
        stream = MemberStream(fetched)
        got = [(r.record_id, r.stream_pos) for r in ArchiveIterator(stream, parse_http=False)]
    assert [g[0] for g in got] == [built.ids[i] for i in wanted]
    assert [stream.origin(pos).record.offset for _, pos in got] == [built.offsets[i]
                                                                    for i in wanted]
    assert len(stream.failures) == 1
    failure = stream.failures[0]
    assert failure.error is not None and failure.error.reason == "not_found"
    assert failure.url.endswith("crawl-data/missing.warc.gz")
    for item in fetched[:3]:
        with gzip.open(io.BytesIO(item.data or b"")) as member:
            assert member.read(8) == b"WARC/1.0"
    assert isinstance(records[0], IndexRecord)
