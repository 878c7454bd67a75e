"""An index of the gzip members of a ``.warc.gz``: where each record's member starts.

Common Crawl compresses each WARC record as its own gzip member, so a member
start is a place where a reader can begin. Deflate data carries no lengths,
so the only exact way to find member ends is to inflate: :func:`scan_members`
does it in one streaming pass over the compressed bytes, discarding the output
(at most 1 MiB of it at a time, whatever the compression ratio), and reports
every member with its offset and compressed length.

Damage does not stop the scan. A member that fails to inflate (bad deflate
data, bad CRC) is reported as one span with ``ok=False`` from its start to the
next member that inflates to a ``WARC/`` header (as the WARC reader resyncs);
a file that ends inside a member gives a last span with ``ok=False``; bytes
after the last member that are not gzip give a span with ``ok=False`` too. So
the spans tile the file: each starts where the previous one ends, the first at
0, the last ends at the file's end.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO, Final, NamedTuple

from thresher.readers.gzip_members import next_record_member

__all__ = ["Member", "member_starts", "scan_members"]

_CHUNK: Final = 1 << 16
_MAX_OUT: Final = 1 << 20


class Member(NamedTuple):
    """One gzip member (or one damaged span) of a file."""

    offset: int
    length: int
    """Compressed bytes, up to the next member's offset."""
    ok: bool
    """Inflated cleanly to its end (False: corrupt, cut by the end of file, or not gzip)."""

    @property
    def end(self) -> int:
        return self.offset + self.length


class _Damaged(Exception):
    """The member being inflated is corrupt."""


class _Inflater:
    """Inflates the member that starts at ``offset``, fed chunk by chunk."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.fed = False
        self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def feed(self, data: bytes) -> bytes | None:
        """Consume ``data``; return the bytes after the member's end, or None if it goes on."""
        self.fed = self.fed or bool(data)
        try:
            self._d.decompress(data, _MAX_OUT)
            while self._d.unconsumed_tail and not self._d.eof:
                self._d.decompress(self._d.unconsumed_tail, _MAX_OUT)
        except zlib.error as err:
            raise _Damaged(str(err)) from None
        return self._d.unused_data if self._d.eof else None


def scan_members(fh: BinaryIO) -> Iterator[Member]:
    """The members of the gzip file ``fh`` (seekable), in order; see the module docstring."""
    size = fh.seek(0, 2)
    fh.seek(0)
    inflater = _Inflater(0)
    buf = b""
    buf_end = 0  # file offset just after ``buf``
    while True:
        if not buf:
            buf = fh.read(_CHUNK)
            buf_end += len(buf)
            if not buf:
                if inflater.fed:  # the file ends inside this member
                    yield Member(inflater.offset, size - inflater.offset, False)
                return
        try:
            rest = inflater.feed(buf)
        except _Damaged:
            resume = _resync(fh, inflater.offset, size)
            yield Member(inflater.offset, resume - inflater.offset, False)
            if resume >= size:
                return
            fh.seek(resume)
            inflater, buf, buf_end = _Inflater(resume), b"", resume
            continue
        if rest is None:
            buf = b""
            continue
        end = buf_end - len(rest)
        yield Member(inflater.offset, end - inflater.offset, True)
        inflater, buf = _Inflater(end), rest


def _resync(fh: BinaryIO, bad: int, size: int) -> int:
    """Where the next good WARC member after a damaged one at ``bad`` starts (``size``: none)."""
    resume, _ = next_record_member(fh, bad + 1)
    return size if resume is None else resume


def member_starts(fh: BinaryIO) -> list[int]:
    """Offsets of every member (and damaged span) of ``fh``: the places a reader may start."""
    return [member.offset for member in scan_members(fh)]
