"""Byte ranges partition a WARC's records, whatever the member sizes, K, or a corrupt member."""

from __future__ import annotations

import io
import itertools
import zlib

from fastwarc.warc import ArchiveIterator
from hypothesis import given, settings
from hypothesis import strategies as st

from testservers.warcs import build, corrupt
from thresher.storage import ByteRange, Member, open_range, scan_members, split_ranges

SIZES = st.lists(st.one_of(st.integers(0, 300), st.integers(1000, 20_000),
                           st.integers(100_000, 260_000)), min_size=1, max_size=14)


def _member_ids(data: bytes, members: list[Member], byte_range: ByteRange) -> list[str]:
    """Records of the members starting in the range, each member read on its own."""
    ids = []
    for member in members:
        if byte_range.start <= member.offset < byte_range.end and member.ok:
            blob = data[member.offset:member.end]
            ids += [r.record_id for r in ArchiveIterator(io.BytesIO(blob), parse_http=False)]
    return ids


@settings(max_examples=40, deadline=None)
@given(sizes=SIZES, seed=st.integers(0, 2**16), parts=st.integers(1, 9),
       compressible=st.booleans())
def test_ranges_partition_the_records(sizes: list[int], seed: int, parts: int,
                                      compressible: bool) -> None:
    built = build(sizes, seed, compressible)
    members = list(scan_members(io.BytesIO(built.data)))
    assert [m.offset for m in members] == built.offsets and all(m.ok for m in members)
    ranges = split_ranges([m.offset for m in members], len(built.data), parts)
    assert ranges == split_ranges(built.offsets, len(built.data), parts)  # deterministic
    assert ranges[0].start == 0 and ranges[-1].end == len(built.data)
    assert all(a.end == b.start and a.start < a.end for a, b in itertools.pairwise(ranges))
    fh = io.BytesIO(built.data)
    seen: list[str] = []
    for byte_range in ranges:
        seen += [r.record_id for r in ArchiveIterator(open_range(fh, byte_range),
                                                      parse_http=False)]
    assert seen == built.ids


@settings(max_examples=30, deadline=None)
@given(sizes=SIZES.filter(lambda s: len(s) >= 2), seed=st.integers(0, 2**16),
       parts=st.integers(1, 6), victim=st.integers(0, 100))
def test_a_corrupt_member_is_in_exactly_one_range(sizes: list[int], seed: int, parts: int,
                                                  victim: int) -> None:
    built = build(sizes, seed, compressible=seed % 2 == 0)
    index = victim % len(sizes)
    ends = [*built.offsets[1:], len(built.data)]
    data = corrupt(built.data, built.offsets[index], ends[index])
    damaged = _inflates_badly(data[built.offsets[index]:ends[index]])
    members = list(scan_members(io.BytesIO(data)))
    assert members[0].offset == 0 and members[-1].end == len(data)
    assert all(a.end == b.offset for a, b in itertools.pairwise(members))
    assert [m.offset for m in members] == built.offsets
    assert [m.ok for m in members] == [i != index or not damaged for i in range(len(sizes))]
    ranges = split_ranges([m.offset for m in members], len(data), parts)
    holding = [r for r in ranges if r.start <= built.offsets[index] < r.end]
    assert len(holding) == 1
    seen: list[str] = []
    for byte_range in ranges:
        seen += _member_ids(data, members, byte_range)
    expected = [rid for i, rid in enumerate(built.ids) if i != index or not damaged]
    assert seen == expected


def _inflates_badly(member: bytes) -> bool:
    try:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        d.decompress(member)
        return not d.eof
    except zlib.error:
        return True
