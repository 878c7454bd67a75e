"""A remote object read as a seekable binary file, resumed where a transfer broke.

:class:`RemoteFile` streams one body from a :class:`RangeSource` (an HTTP
server, an object store through fsspec) and hands its bytes to whoever reads:
fastwarc's ``ArchiveIterator``, ``gzip``, ``zstandard``. When the body breaks
(a reset, a timeout, the server closing early) it asks the source for a new
body starting at the first byte not yet received, after a backoff, and checks
that the object did not change meanwhile (size and ETag). A seek within the
next 256 KiB reads through; a longer one opens a new body at the target. So
reading never holds more than one chunk in memory, whatever the file's size.

fastwarc 2.0.1 needs ``tell()`` on the stream it is given (it panics with a
``PanicException`` otherwise), which this class provides.
"""

from __future__ import annotations

import contextlib
import io
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from thresher.storage.retry import Retrier, RetryPolicy, TransferError, TransferStats

__all__ = ["Body", "ObjectInfo", "RangeSource", "RemoteFile", "read_range"]

_SKIP_LIMIT = 1 << 18
"""A forward seek of at most this many bytes reads through instead of opening a new body."""


@dataclass(frozen=True, slots=True)
class ObjectInfo:
    """What a remote object is: its size and a version tag (ETag, or None if unknown)."""

    size: int
    etag: str | None = None


class Body(Protocol):
    """An open stream of an object's bytes from some offset."""

    def read(self, n: int) -> bytes:
        """Up to ``n`` bytes; ``b""`` at the end of what was asked; raises on a broken transfer."""
        ...

    def close(self) -> None: ...


class RangeSource(Protocol):
    """Something that can send an object's bytes from any offset: one request per call."""

    url: str

    def info(self) -> ObjectInfo:
        """Size and version of the object (one request)."""
        ...

    def open_at(self, start: int, end: int | None, expect: ObjectInfo | None,
                stats: TransferStats) -> tuple[Body, ObjectInfo]:
        """A body of bytes ``start`` to ``end`` (exclusive; None: to the end), and the object's
        info as the answer gave it. Raises :class:`TransferError` with reason ``changed`` when
        ``expect`` is given and the object differs from it."""
        ...


class RemoteFile(io.RawIOBase):
    """A read-only, seekable file over a :class:`RangeSource`, with retries and resumes.

    ``end`` bounds the bytes read (a record's range in a larger file): reading
    stops there and ``seek(0, 2)`` goes there. Bytes read are counted in
    ``stats``; a failure that outlasts ``policy`` raises :class:`TransferError`
    from ``read``/``seek``.
    """

    def __init__(self, source: RangeSource, policy: RetryPolicy | None = None,
                 stats: TransferStats | None = None, *, end: int | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 rng: random.Random | None = None) -> None:
        super().__init__()
        self.source = source
        self.stats = stats if stats is not None else TransferStats()
        self._retry = Retrier(source.url, policy or RetryPolicy(), self.stats, sleep, rng)
        self._end = end
        self._info: ObjectInfo | None = None
        self._body: Body | None = None
        self._pos = 0
        self._broken = False

    @property
    def url(self) -> str:
        return self.source.url

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    @property
    def size(self) -> int:
        """Where the file (or the bounded range) ends; one request if not yet known."""
        if self._end is not None:
            return self._end
        if self._info is None:
            self._info = self._retry.call(self.source.info)
        return self._info.size

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            target = offset
        elif whence == io.SEEK_CUR:
            target = self._pos + offset
        elif whence == io.SEEK_END:
            target = self.size + offset
        else:
            raise ValueError(f"invalid whence {whence}")
        if target < 0:
            raise ValueError(f"negative seek position {target}")
        if target == self._pos:
            return target
        if self._body is not None and 0 < target - self._pos <= _SKIP_LIMIT:
            self._skip(target - self._pos)
        else:
            self._drop_body()
            self._pos = target
        return self._pos

    def _skip(self, count: int) -> None:
        scratch = bytearray(min(count, 1 << 16))
        while count > 0:
            got = self.readinto(memoryview(scratch)[:count])
            if not got:
                return
            count -= got

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        want = len(buffer)
        limit = self._end if self._end is not None else (self._info.size if self._info else None)
        if limit is not None:
            want = min(want, limit - self._pos)
        if want <= 0:
            return 0
        while True:
            body = self._body or self._open()
            if body is None:  # the object ends here
                return 0
            try:
                data = body.read(want)
                if not data and self._pos < self.size:
                    raise ConnectionResetError(
                        f"body ended at byte {self._pos} of {self.size}")
            except TransferError:
                self._drop_body()
                raise
            except Exception as err:  # retried or raised typed by the Retrier
                self._drop_body()
                self._broken = True
                self._retry.failed(err)
                continue
            got = len(data)
            buffer[:got] = data
            self._pos += got
            self.stats.bytes += got
            self._retry.progressed()
            return got

    def _open(self) -> Body | None:
        """A body from the current position (None when it is the end), retried as needed."""
        if self._info is not None and self._pos >= (
                self._info.size if self._end is None else self._end):
            return None
        start = self._pos

        def request() -> tuple[Body, ObjectInfo]:
            return self.source.open_at(start, self._end, self._info, self.stats)

        body, info = self._retry.call(request)
        if self._info is None:
            self._info = info
        if self._broken and start > 0:
            self.stats.resumes += 1
        self._broken = False
        self._body = body
        return body

    def _drop_body(self) -> None:
        if self._body is not None:
            body, self._body = self._body, None
            with contextlib.suppress(Exception):  # a broken connection may fail to close
                body.close()

    def close(self) -> None:
        self._drop_body()
        super().close()


def read_range(source: RangeSource, start: int, length: int, policy: RetryPolicy | None = None,
               stats: TransferStats | None = None,
               sleep: Callable[[float], None] = time.sleep) -> bytes:
    """Bytes ``start`` to ``start + length`` of the object, resumed and retried like any read.

    Raises :class:`TransferError` when the object ends before the range does.
    """
    with RemoteFile(source, policy, stats, end=start + length, sleep=sleep) as fh:
        fh.seek(start)
        out = bytearray()
        while len(out) < length:
            chunk = fh.read(length - len(out))
            if not chunk:
                break
            out += chunk
    if len(out) < length:
        raise TransferError(source.url, "bad_range",
                            f"object ends after {len(out)} of {length} bytes from {start}")
    return bytes(out)
