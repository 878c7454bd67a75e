"""Where a WARC file can be cut into byte-range shards that read exactly like the whole file.

A run cuts a big WARC or WET file into ranges read by separate tasks
(:mod:`thresher.run.ranges`). For the output not to depend on the cuts, the
records of consecutive ranges must be, one after the other, the records of the
whole file, damage included: a corrupt gzip member, a lying ``Content-Length``,
a cut at the end must be reported once, by one range, and must not hide or
double a record of the next one.

So the cut points are not guessed from the bytes: :func:`cut_points` reads the
file once with the reader's own framing (:func:`~thresher.readers.framing.frames`,
the same record limit, no HTTP parsing) and offers as a cut only the offset of a
frame at which that reading starts afresh:

* the frame is a record whose header the framing read (it starts with ``WARC/``);
* in a ``.warc.gz``, the record starts its gzip member (Common Crawl's layout): a
  reader opened at that member is in the state the whole file's reading is in
  there. In a plain ``.warc``, a record's offset is such a place;
* its offset is larger than every frame's before it.

A range's reader starts at its first cut and keeps the frames whose offset is
before the next one (it may look past it, as the whole file's reading does).

The duplicate-id rule ("an id already used by an earlier record of the same
input is rejected") is checked per range, so two records that would get the same
id must fall in one range: no cut is offered between two frames carrying the same
``WARC-Record-ID`` (or the same offset key, for a record without one). Which of
them becomes a document is decided later; keeping every pair together is a
superset of what that rule needs, and costs nothing on sound crawls, whose ids
are unique.
"""

from __future__ import annotations

from typing import BinaryIO

import xxhash

from thresher.readers.framing import Frame, frames
from thresher.readers.sources import open_source

__all__ = ["cut_points"]


def _id_key(frame: Frame) -> str:
    """The string a frame's document id is made from (see :mod:`thresher.readers.warc`)."""
    key = f"@{frame.offset}" if frame.inner == 0 else f"@{frame.offset}+{frame.inner}"
    header = frame.header
    return (header.record_id if header is not None else None) or key


def cut_points(fh: BinaryIO, name: str, max_block_bytes: int) -> list[int]:
    """The offsets (sorted, all > 0) where a byte-range shard of this WARC file may start.

    ``fh`` is the file open for reading (seekable), ``name`` its name (``.gz`` or not),
    ``max_block_bytes`` the reader's ``max_record_bytes`` (the framing depends on it).
    """
    offsets: list[int] = []
    candidate: list[bool] = []
    first_seen: dict[int, int] = {}
    barred = [0]  # difference array over frame numbers: > 0 where a cut would split an id
    highest = -1
    for index, frame in enumerate(frames(open_source(fh, name), max_block_bytes)):
        offsets.append(frame.offset)
        candidate.append(frame.header is not None and frame.inner == 0
                         and frame.offset > highest and frame.offset > 0)
        highest = max(highest, frame.offset)
        barred.append(0)
        digest = xxhash.xxh3_128_intdigest(_id_key(frame).encode("utf-8", "surrogatepass"))
        first = first_seen.setdefault(digest, index)
        if first != index:  # no cut in (first, index]
            barred[first + 1] += 1
            barred[index + 1] -= 1
    starts: list[int] = []
    open_bars = 0
    for index, offset in enumerate(offsets):
        open_bars += barred[index]
        if candidate[index] and open_bars == 0:
            starts.append(offset)
    return starts
