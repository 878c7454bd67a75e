"""Retry classification, backoff, and RemoteFile's resume logic, on a scripted in-memory source."""

from __future__ import annotations

import errno
import io
import random
from dataclasses import dataclass, field

import pytest
from fastwarc.warc import ArchiveIterator

from testservers.warcs import build
from thresher.storage.remote import ObjectInfo, RemoteFile, read_range
from thresher.storage.retry import (
    Retrier,
    RetryPolicy,
    StatusError,
    TransferError,
    TransferStats,
    is_transient,
)
from thresher.storage.retry import permanent_reason as reason_of

NO_WAIT = RetryPolicy(max_retries=3, base_delay_s=0.0)


class _ClientError(Exception):
    """Shaped like botocore's ClientError (a ``response`` dict), without botocore."""

    def __init__(self, code: str, status: int) -> None:
        super().__init__(code)
        self.response = {"Error": {"Code": code},
                         "ResponseMetadata": {"HTTPStatusCode": status}}


class ProtocolError(Exception):
    """Named like urllib3's, which is all the classifier looks at."""


@pytest.mark.parametrize(("err", "transient"), [
    (StatusError("u", 503, "SlowDown"), True),
    (StatusError("u", 500), True),
    (StatusError("u", 429), True),
    (StatusError("u", 599), True),
    (StatusError("u", 404), False),
    (StatusError("u", 403), False),
    (_ClientError("SlowDown", 503), True),
    (_ClientError("NoSuchKey", 404), False),
    (OSError(errno.EBUSY, "Please reduce your request rate"), True),
    (ConnectionResetError(), True),
    (TimeoutError(), True),
    (ProtocolError("Connection broken: IncompleteRead"), True),
    (FileNotFoundError("x"), False),
    (ValueError("bug"), False),
    (TransferError("u", "not_found", "gone"), False),
])
def test_transient_or_not(err: BaseException, transient: bool) -> None:
    assert is_transient(err) is transient


def test_a_wrapped_cause_decides() -> None:
    try:
        try:
            raise _ClientError("SlowDown", 503)
        except _ClientError as inner:
            raise OSError("wrapped") from inner
    except OSError as outer:
        assert is_transient(outer)


def test_permanent_reasons() -> None:
    assert reason_of(StatusError("u", 404)) == "not_found"
    assert reason_of(FileNotFoundError("x")) == "not_found"
    assert reason_of(StatusError("u", 403)) == "forbidden"
    assert reason_of(StatusError("u", 400)) == "http_status"
    assert reason_of(ValueError("x")) == "error"


def test_full_jitter_stays_under_the_exponential_ceiling() -> None:
    policy = RetryPolicy(base_delay_s=0.5, max_delay_s=8.0)
    rng = random.Random(1)
    for failures, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (5, 8.0), (30, 8.0)]:
        delays = [policy.delay_s(failures, rng) for _ in range(200)]
        assert max(delays) <= ceiling
        assert max(delays) > ceiling * 0.8  # spread over the whole interval
    assert policy.delay_s(4, random.Random(7)) == policy.delay_s(4, random.Random(7))


def test_retrier_gives_up_after_max_retries_consecutive_failures() -> None:
    slept: list[float] = []
    stats = TransferStats()
    retrier = Retrier("u", RetryPolicy(max_retries=2, base_delay_s=1.0), stats, slept.append,
                      random.Random(0))
    calls = []

    def request() -> None:
        calls.append(1)
        raise StatusError("u", 503, "SlowDown")

    with pytest.raises(TransferError) as caught:
        retrier.call(request)
    assert caught.value.reason == "retries_exhausted" and caught.value.attempts == 3
    assert len(calls) == 3 and len(slept) == 2 and stats.retries == 2
    assert stats.errors[0].startswith("StatusError: HTTP 503 SlowDown")


def test_retrier_raises_a_permanent_error_at_once() -> None:
    retrier = Retrier("u", NO_WAIT, TransferStats(), lambda _s: None)
    with pytest.raises(TransferError) as caught:
        retrier.call(lambda: (_ for _ in ()).throw(StatusError("u", 404)))
    assert caught.value.reason == "not_found" and caught.value.attempts == 1


def test_transfer_error_pickles() -> None:
    import pickle
    err = pickle.loads(pickle.dumps(TransferError("http://x/a", "changed", "etag", 2)))
    assert (err.url, err.reason, err.detail, err.attempts) == ("http://x/a", "changed", "etag", 2)


# -- RemoteFile on a scripted source ---------------------------------------------------------


@dataclass
class Script:
    """Failures to play: per body opened, ``("fail", exc)`` at open or ``("cut", n)`` after n."""

    steps: list[tuple[str, object]] = field(default_factory=list)


class _Body:
    def __init__(self, data: bytes, cut: int | None) -> None:
        self._data = data
        self._cut = cut
        self._pos = 0

    def read(self, n: int) -> bytes:
        if self._cut is not None and self._pos >= self._cut:
            raise ConnectionResetError("connection reset by peer")
        stop = self._pos + n if self._cut is None else min(self._pos + n, self._cut)
        chunk = self._data[self._pos:stop]
        self._pos += len(chunk)
        return chunk

    def close(self) -> None:
        return None


class FakeSource:
    """An in-memory object that fails as scripted, recording where each body started."""

    url = "mem://bucket/a.warc.gz"

    def __init__(self, data: bytes, script: Script | None = None, etag: str = "v1") -> None:
        self.data = data
        self.etag = etag
        self.script = script or Script()
        self.opened: list[tuple[int, int | None]] = []

    def info(self) -> ObjectInfo:
        return ObjectInfo(len(self.data), self.etag)

    def open_at(self, start: int, end: int | None, expect: ObjectInfo | None,
                stats: TransferStats) -> tuple[_Body, ObjectInfo]:
        self.opened.append((start, end))
        info = self.info()
        if expect is not None and expect != info:
            raise TransferError(self.url, "changed", "etag differs")
        cut = None
        if self.script.steps:
            kind, arg = self.script.steps.pop(0)
            if kind == "fail":
                assert isinstance(arg, BaseException)
                raise arg
            cut = int(arg)  # type: ignore[call-overload]
        stop = len(self.data) if end is None else end
        return _Body(self.data[start:stop], cut), info


DATA = bytes(range(256)) * 4000  # 1,024,000 bytes


def _file(source: FakeSource, policy: RetryPolicy = NO_WAIT) -> RemoteFile:
    return RemoteFile(source, policy, sleep=lambda _s: None)


def test_cut_bodies_resume_from_the_last_byte_received() -> None:
    source = FakeSource(DATA, Script([("fail", StatusError("u", 503, "SlowDown")),
                                      ("cut", 100_000), ("cut", 250_000)]))
    with _file(source) as fh:
        assert fh.read() == DATA
        stats = fh.stats
    assert [start for start, _ in source.opened] == [0, 0, 100_000, 350_000]
    assert (stats.retries, stats.resumes, stats.bytes) == (3, 2, len(DATA))


def test_a_changed_object_is_not_stitched() -> None:
    source = FakeSource(DATA, Script([("cut", 1000)]))
    with _file(source) as fh:
        fh.read(500)
        source.etag = "v2"
        with pytest.raises(TransferError) as caught:
            fh.read()
    assert caught.value.reason == "changed"


def test_progress_resets_the_retry_budget_but_not_the_total() -> None:
    cuts: list[tuple[str, object]] = [("cut", 10_000)] * 8
    source = FakeSource(DATA, Script(list(cuts)))
    with _file(source, RetryPolicy(max_retries=1, base_delay_s=0.0)) as fh:
        assert fh.read() == DATA  # eight cuts, each after progress: fine with max_retries=1
    source = FakeSource(DATA, Script(list(cuts)))
    policy = RetryPolicy(max_retries=1, max_total_retries=5, base_delay_s=0.0)
    with _file(source, policy) as fh, pytest.raises(TransferError) as caught:
        fh.read()
    assert caught.value.reason == "retries_exhausted"


def test_seek_reads_through_short_gaps_and_reopens_for_long_ones() -> None:
    source = FakeSource(DATA)
    with _file(source) as fh:
        assert fh.read(10) == DATA[:10]
        fh.seek(1000)
        assert fh.read(10) == DATA[1000:1010]
        assert len(source.opened) == 1
        fh.seek(900_000)
        assert fh.read(10) == DATA[900_000:900_010]
        fh.seek(-5, io.SEEK_END)
        assert fh.read() == DATA[-5:]
        assert fh.tell() == len(DATA)
        assert fh.read() == b""
    assert [start for start, _ in source.opened] == [0, 900_000]  # the last gap was read through


def test_read_range_asks_for_the_range_only() -> None:
    source = FakeSource(DATA, Script([("cut", 7)]))
    stats = TransferStats()
    assert read_range(source, 5000, 300, NO_WAIT, stats, lambda _s: None) == DATA[5000:5300]
    assert source.opened == [(5000, 5300), (5007, 5300)]
    assert stats.resumes == 1


def test_fastwarc_reads_a_remote_file_through_cuts() -> None:
    built = build([500, 40_000, 3, 200_000, 6000], seed=2, compressible=False)
    source = FakeSource(built.data, Script([("cut", 1234), ("cut", 70_000), ("cut", 5)]))
    with io.BufferedReader(_file(source), 1 << 16) as fh:
        records = [(r.record_id, r.stream_pos) for r in ArchiveIterator(fh, parse_http=False)]
    assert records == list(zip(built.ids, built.offsets, strict=True))
