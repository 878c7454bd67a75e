"""http(s) inputs, read with range requests over a bounded pool of connections.

Built on urllib3 (pure Python, no compiled or async dependency) rather than
fsspec's aiohttp-based HTTP file system, because everything that makes a long
download survive is ours to decide: one streaming GET per file, a ``Range``
request from the last byte received when it breaks, a check that the answer is
the range asked for (``206`` with the right ``Content-Range``) of the same
object (same size and ETag), and urllib3's own retries turned off so that each
retry is counted. ``Accept-Encoding: identity`` keeps byte offsets those of the
file (a server must not gunzip a ``.warc.gz`` on the way).

At most ``max_connections_per_host`` connections are open to one host from one
process; a request waits up to ``slot_wait_s`` for a free one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Final

import urllib3
from urllib3.exceptions import EmptyPoolError

from thresher.storage.remote import Body, ObjectInfo
from thresher.storage.retry import RetryPolicy, StatusError, TransferError, TransferStats

__all__ = ["HttpClient", "HttpSource"]

_CONTENT_RANGE: Final = re.compile(r"^\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*$", re.IGNORECASE)
_S3_CODE: Final = re.compile(rb"<Code>([A-Za-z]+)</Code>")
_DISCARD_CHUNK: Final = 1 << 16


def _user_agent() -> str:
    try:
        return f"thresher/{version('thresher')} (+urllib3)"
    except PackageNotFoundError:
        return "thresher (+urllib3)"


class HttpClient:
    """A per-process pool of http(s) connections, at most ``max_connections_per_host`` each.

    Thread-safe (threads may fetch records concurrently). Not picklable: each
    worker builds its own from the :class:`~thresher.storage.StorageConfig`.
    """

    def __init__(self, policy: RetryPolicy | None = None, max_connections_per_host: int = 8,
                 slot_wait_s: float = 300.0) -> None:
        policy = policy or RetryPolicy()
        self.max_connections_per_host = max_connections_per_host
        self._slot_wait_s = slot_wait_s
        self._headers = {"User-Agent": _user_agent(), "Accept-Encoding": "identity"}
        self._pool = urllib3.PoolManager(
            num_pools=64, maxsize=max_connections_per_host, block=True, retries=False,
            timeout=urllib3.Timeout(connect=policy.connect_timeout_s,
                                    read=policy.read_timeout_s))

    def request(self, method: str, url: str,
                headers: dict[str, str] | None = None) -> urllib3.BaseHTTPResponse:
        """Send one request; the response's body is left unread (the caller streams it)."""
        try:
            return self._pool.request(
                method, url, headers={**self._headers, **(headers or {})},
                preload_content=False, decode_content=False, redirect=True,
                pool_timeout=self._slot_wait_s)
        except EmptyPoolError as err:
            raise TransferError(url, "no_connection_slot",
                                f"no free connection to the host within {self._slot_wait_s} s "
                                f"(max {self.max_connections_per_host})") from err

    def source(self, url: str) -> HttpSource:
        return HttpSource(url, self)

    def close(self) -> None:
        self._pool.clear()


class _HttpBody:
    """A response body, with ``skip`` leading bytes dropped (a server that ignored Range)."""

    def __init__(self, response: urllib3.BaseHTTPResponse, skip: int) -> None:
        self._response = response
        self._skip = skip

    def read(self, n: int) -> bytes:
        while self._skip > 0:
            dropped = self._response.read(min(self._skip, _DISCARD_CHUNK))
            if not dropped:
                return b""
            self._skip -= len(dropped)
        return self._response.read(n)

    def close(self) -> None:
        response = self._response
        remaining = getattr(response, "length_remaining", None)
        if remaining != 0 and not response.closed:
            response.close()  # unread bytes left on the wire: the connection cannot be reused
        response.release_conn()  # a body read to its end leaves a reusable connection


def _close(response: urllib3.BaseHTTPResponse) -> None:
    response.close()
    response.release_conn()


def _error(url: str, response: urllib3.BaseHTTPResponse) -> StatusError:
    """The error for an unexpected status, with the S3-style code from the body if any."""
    try:
        head = response.read(4096)
    except Exception:  # the error body is a courtesy; the status decides
        head = b""
    _close(response)
    match = _S3_CODE.search(head)
    return StatusError(url, response.status, match.group(1).decode() if match else None)


@dataclass(frozen=True, slots=True)
class _Answer:
    start: int
    size: int | None
    etag: str | None


def _parse_answer(url: str, response: urllib3.BaseHTTPResponse) -> _Answer:
    etag = response.headers.get("ETag")
    if response.status == 206:
        match = _CONTENT_RANGE.match(response.headers.get("Content-Range", ""))
        if match is None:
            _close(response)
            raise TransferError(url, "bad_range", "206 without a usable Content-Range")
        total = None if match.group(3) == "*" else int(match.group(3))
        return _Answer(int(match.group(1)), total, etag)
    length = response.headers.get("Content-Length")
    return _Answer(0, int(length) if length and length.isdigit() else None, etag)


class HttpSource:
    """One http(s) URL as a :class:`~thresher.storage.remote.RangeSource`."""

    def __init__(self, url: str, client: HttpClient) -> None:
        self.url = url
        self._client = client

    def info(self) -> ObjectInfo:
        response = self._client.request("HEAD", self.url)
        if response.status in (405, 501):  # HEAD not allowed: ask for the first byte instead
            _close(response)
            body, info = self.open_at(0, 1, None, TransferStats())
            body.close()
            return info
        if response.status != 200:
            raise _error(self.url, response)
        _close(response)
        answer = _parse_answer(self.url, response)
        if answer.size is None:
            raise TransferError(self.url, "error", "HEAD gave no Content-Length")
        return ObjectInfo(answer.size, answer.etag)

    def open_at(self, start: int, end: int | None, expect: ObjectInfo | None,
                stats: TransferStats) -> tuple[Body, ObjectInfo]:
        headers = {}
        if start > 0 or end is not None:
            headers["Range"] = f"bytes={start}-{'' if end is None else end - 1}"
        response = self._client.request("GET", self.url, headers)
        if response.status == 416 and expect is not None and start >= expect.size:
            _close(response)
            return _EmptyBody(), expect
        if response.status not in (200, 206):
            raise _error(self.url, response)
        answer = _parse_answer(self.url, response)
        skip = 0
        if response.status == 200 and start > 0:
            stats.range_ignored += 1  # the whole body came: drop what we already have
            skip = start
        elif response.status == 206 and answer.start != start:
            _close(response)
            raise TransferError(self.url, "bad_range",
                                f"asked for bytes from {start}, got from {answer.start}")
        size = answer.size if answer.size is not None else (expect.size if expect else None)
        if size is None:
            _close(response)
            raise TransferError(self.url, "error", "the answer gives no object size")
        info = ObjectInfo(size, answer.etag)
        self._check_same(response, expect, info)
        if end is not None and end > size:
            _close(response)
            raise TransferError(self.url, "bad_range",
                                f"range ends at {end} but the object has {size} bytes")
        return _HttpBody(response, skip), info

    def _check_same(self, response: urllib3.BaseHTTPResponse, expect: ObjectInfo | None,
                    info: ObjectInfo) -> None:
        if expect is None:
            return
        changed = info.size != expect.size or (
            info.etag is not None and expect.etag is not None and info.etag != expect.etag)
        if changed:
            _close(response)
            raise TransferError(self.url, "changed",
                                f"was {expect.size} bytes (ETag {expect.etag}), now "
                                f"{info.size} bytes (ETag {info.etag})")


class _EmptyBody:
    def read(self, n: int) -> bytes:
        return b""

    def close(self) -> None:
        return None
