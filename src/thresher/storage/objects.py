"""Object stores through fsspec: ``s3://`` (s3fs, the ``s3`` extra) and any other protocol.

S3 is configured only from the standard AWS sources, read by botocore itself:
``AWS_ENDPOINT_URL`` (or ``AWS_ENDPOINT_URL_S3``) for a non-AWS endpoint (MinIO,
Ceph, a test server), ``AWS_PROFILE``, ``AWS_ACCESS_KEY_ID`` /
``AWS_SECRET_ACCESS_KEY``, ``~/.aws/config`` and ``~/.aws/credentials``,
instance roles. Nothing is hard-wired here.

botocore's and s3fs's own retries are turned off (one attempt each) so that
our :class:`~thresher.storage.retry.Retrier` does all retrying and counts it;
s3fs's listing cache is off so that a marker written by another worker is seen
at once. Reads go by blocks of ``block_size`` bytes, each a ranged GET: a
broken block is asked for again from its first byte, so a transfer resumes
where it broke, to within one block.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from thresher.storage.remote import Body, ObjectInfo
from thresher.storage.retry import RetryPolicy, TransferError, TransferStats

__all__ = ["FsspecSource", "MissingBackendError", "object_filesystem"]


class MissingBackendError(RuntimeError):
    """A URL's protocol needs a package that is not installed (named in the message)."""


_EXTRAS = {"s3": "s3", "s3a": "s3"}


def object_filesystem(scheme: str, policy: RetryPolicy, max_connections: int) -> Any:
    """A new fsspec file system for ``scheme``, set up for counted retries.

    Raises :class:`MissingBackendError` when its package is not installed.
    """
    if scheme in _EXTRAS:
        return _s3(policy, max_connections)
    try:
        import fsspec
        return fsspec.filesystem(scheme)
    except (ImportError, ValueError) as err:
        raise MissingBackendError(f"no file system for {scheme}:// URLs ({err})") from err


def _s3(policy: RetryPolicy, max_connections: int) -> Any:
    try:
        import s3fs
    except ImportError as err:
        raise MissingBackendError(
            "s3:// URLs need the s3 extra: pip install 'thresher[s3]'") from err
    config = {
        "retries": {"mode": "standard", "total_max_attempts": 1},
        "max_pool_connections": max_connections,
        "connect_timeout": policy.connect_timeout_s,
        "read_timeout": policy.read_timeout_s,
    }
    fs = s3fs.S3FileSystem(config_kwargs=config, use_listings_cache=False,
                           skip_instance_cache=True)
    fs.retries = 1  # one attempt inside s3fs: ours retry and count
    return fs


def _info_of(raw: dict[str, Any]) -> ObjectInfo:
    etag = raw.get("ETag") or raw.get("etag")
    return ObjectInfo(int(raw["size"]), str(etag) if etag else None)


class FsspecSource:
    """One object of an fsspec file system as a :class:`~thresher.storage.remote.RangeSource`."""

    def __init__(self, fs: Any, path: str, url: str, block_size: int = 8 << 20) -> None:
        self.url = url
        self._fs = fs
        self._path = path
        self._block_size = block_size

    def info(self) -> ObjectInfo:
        raw = self._fs.info(self._path)
        if raw.get("type") == "directory":
            raise IsADirectoryError(self.url)
        return _info_of(raw)

    def open_at(self, start: int, end: int | None, expect: ObjectInfo | None,
                stats: TransferStats) -> tuple[Body, ObjectInfo]:
        info = expect or self.info()
        stop = info.size if end is None else end
        if stop > info.size:
            raise TransferError(self.url, "bad_range",
                                f"range ends at {stop} but the object has {info.size} bytes")
        return _BlockBody(self, start, stop, stats), info

    def fetch(self, start: int, end: int) -> bytes:
        data: bytes = self._fs.cat_file(self._path, start=start, end=end)
        return data


class _BlockBody:
    """Bytes ``start`` to ``stop`` fetched one block (one ranged GET) at a time.

    The next block is fetched in the background while this one is read (one
    block ahead: at most two blocks in memory), so a sequential reader does not
    wait a round trip per block. A failed block raises when it is reached, and
    the :class:`~thresher.storage.remote.RemoteFile` asks again from its first byte.
    """

    def __init__(self, source: FsspecSource, start: int, stop: int, stats: TransferStats) -> None:
        self._source = source
        self._pos = start
        self._stop = stop
        self._stats = stats
        self._block = b""
        self._offset = 0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="block-ahead")
        self._ahead: Future[bytes] | None = None

    def _fetch(self, start: int, end: int) -> bytes:
        block = self._source.fetch(start, end)
        if len(block) != end - start:
            raise TransferError(self._source.url, "changed",
                                f"asked for bytes {start}..{end}, got {len(block)}")
        return block

    def _submit(self, start: int) -> Future[bytes] | None:
        if start >= self._stop:
            return None
        self._stats.requests += 1
        end = min(start + self._source._block_size, self._stop)
        return self._pool.submit(self._fetch, start, end)

    def read(self, n: int) -> bytes:
        if self._offset >= len(self._block):
            if self._pos >= self._stop:
                return b""
            current = self._ahead or self._submit(self._pos)
            assert current is not None
            self._ahead = None
            block = current.result()
            self._block, self._offset = block, 0
            self._pos += len(block)
            self._ahead = self._submit(self._pos)
        chunk = self._block[self._offset:self._offset + n]
        self._offset += len(chunk)
        return chunk

    def close(self) -> None:
        self._block = b""
        if self._ahead is not None:
            self._ahead.cancel()
            self._ahead = None
        self._pool.shutdown(wait=False, cancel_futures=True)
