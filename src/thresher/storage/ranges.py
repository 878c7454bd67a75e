"""Byte-range shards: one big ``.warc.gz`` cut into ranges at member boundaries.

Given the offsets where gzip members start (from :func:`~thresher.storage.members.scan_members`,
or from a Common Crawl index), :func:`split_ranges` cuts ``[0, size)`` into
about ``parts`` contiguous ranges of roughly equal size, each starting at a
member start (the first at 0). A range is then read as a file of its own
(:func:`open_range`): since it starts and ends at member boundaries, it holds
whole members, and a reader over it yields exactly the records whose member
starts in it. The ranges partition the file, so they partition its records:
each record is read by exactly one range.

The cuts depend only on the member offsets, the file's size and ``parts`` (or
``target_bytes``), never on how many workers will read them: the same file
always gives the same ranges, so the output is the same at any worker count.
"""

from __future__ import annotations

import bisect
import io
import itertools
from collections.abc import Sequence
from typing import BinaryIO, NamedTuple

__all__ = ["ByteRange", "RangeView", "open_range", "split_by_size", "split_ranges"]


class ByteRange(NamedTuple):
    """Bytes ``start`` (inclusive) to ``end`` (exclusive) of a file."""

    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start


def split_ranges(starts: Sequence[int], size: int, parts: int) -> list[ByteRange]:
    """At most ``parts`` ranges tiling ``[0, size)``, each starting at one of ``starts``.

    Cut ``i`` is the first member start at or after ``i * size / parts``; cuts
    that coincide (a member larger than a range) merge, so fewer ranges may
    come back. An empty file gives one empty range.

    >>> split_ranges([0, 10, 20, 30, 40], 50, 2)
    [ByteRange(start=0, end=30), ByteRange(start=30, end=50)]
    >>> split_ranges([0, 45], 50, 4)
    [ByteRange(start=0, end=45), ByteRange(start=45, end=50)]
    """
    if parts < 1:
        raise ValueError(f"parts must be >= 1, not {parts}")
    ordered = sorted(set(starts))
    cuts: list[int] = []
    for i in range(1, parts):
        target = -(-i * size // parts)  # ceil(i * size / parts)
        j = bisect.bisect_left(ordered, target)
        if j == len(ordered) or ordered[j] >= size:
            break
        cut = ordered[j]
        if cut > (cuts[-1] if cuts else 0):
            cuts.append(cut)
    bounds = [0, *cuts, size]
    return [ByteRange(a, b) for a, b in itertools.pairwise(bounds)]


def split_by_size(starts: Sequence[int], size: int, target_bytes: int) -> list[ByteRange]:
    """Ranges of about ``target_bytes`` each (``ceil(size / target_bytes)`` parts).

    >>> split_by_size([0, 10, 20, 30, 40], 50, 20)
    [ByteRange(start=0, end=20), ByteRange(start=20, end=40), ByteRange(start=40, end=50)]
    """
    if target_bytes < 1:
        raise ValueError(f"target_bytes must be >= 1, not {target_bytes}")
    return split_ranges(starts, size, max(1, -(-size // target_bytes)))


class RangeView(io.RawIOBase):
    """Bytes ``[start, end)`` of a seekable binary file, seen as a file of their own.

    Offsets (``tell``, ``seek``, and so the record offsets fastwarc reports) are
    relative to the range's start: add ``range.start`` for file offsets. The
    underlying file is shared, not owned: closing the view leaves it open.
    """

    def __init__(self, fh: BinaryIO, byte_range: ByteRange) -> None:
        super().__init__()
        self._fh = fh
        self.range = byte_range
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self.range.length}
        if whence not in base:
            raise ValueError(f"invalid whence {whence}")
        target = base[whence] + offset
        if target < 0:
            raise ValueError(f"negative seek position {target}")
        self._pos = target
        return target

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        want = min(len(buffer), self.range.length - self._pos)
        if want <= 0:
            return 0
        absolute = self.range.start + self._pos
        if self._fh.tell() != absolute:
            self._fh.seek(absolute)
        data = self._fh.read(want)
        buffer[:len(data)] = data
        self._pos += len(data)
        return len(data)


def open_range(fh: BinaryIO, byte_range: ByteRange, buffer_size: int = 1 << 16) -> BinaryIO:
    """A buffered :class:`RangeView`: what a WARC reader is given to read one range."""
    return io.BufferedReader(RangeView(fh, byte_range), buffer_size=buffer_size)
