"""The gzip member index and the byte-range split, on generated and damaged WARC files."""

from __future__ import annotations

import io
import itertools

import pytest
from fastwarc.warc import ArchiveIterator

from testservers.warcs import build, corrupt
from thresher.storage import ByteRange, Member, open_range, scan_members, split_ranges
from thresher.storage.ranges import split_by_size

BUILT = build([10, 200_000, 0, 3000, 90_000, 5, 40_000], seed=4, compressible=False)


def _scan(data: bytes) -> list[Member]:
    return list(scan_members(io.BytesIO(data)))


def _ids(data: bytes) -> list[str]:
    return [r.record_id for r in ArchiveIterator(io.BytesIO(data), parse_http=False)]


def test_scan_finds_every_member() -> None:
    members = _scan(BUILT.data)
    assert [m.offset for m in members] == BUILT.offsets
    assert all(m.ok for m in members)
    assert members[-1].end == len(BUILT.data)


def test_scan_of_an_empty_file() -> None:
    assert _scan(b"") == []


def test_a_file_cut_inside_its_last_member() -> None:
    cut = BUILT.data[: BUILT.offsets[-1] + 100]
    members = _scan(cut)
    assert [m.offset for m in members] == BUILT.offsets
    assert members[-1] == Member(BUILT.offsets[-1], 100, False)


def test_trailing_and_leading_junk_are_spans() -> None:
    members = _scan(BUILT.data + b"\x00junk after the last member")
    assert members[-1] == Member(len(BUILT.data), 27, False)
    members = _scan(b"leading junk" + BUILT.data)
    assert members[0] == Member(0, 12, False)
    assert [m.offset - 12 for m in members[1:]] == BUILT.offsets


def test_a_corrupt_member_is_one_bad_span_and_the_rest_is_found() -> None:
    start, end = BUILT.offsets[1], BUILT.offsets[2]
    members = _scan(corrupt(BUILT.data, start, end))
    assert Member(start, end - start, False) in members
    assert [m.offset for m in members] == BUILT.offsets
    assert [m.ok for m in members] == [True, False, True, True, True, True, True]


def test_split_is_a_tiling_at_member_starts() -> None:
    size = len(BUILT.data)
    for parts in range(1, 10):
        ranges = split_ranges(BUILT.offsets, size, parts)
        assert ranges[0].start == 0 and ranges[-1].end == size
        assert all(a.end == b.start for a, b in itertools.pairwise(ranges))
        assert all(r.start in BUILT.offsets for r in ranges)
        assert 1 <= len(ranges) <= parts
    # the 200 KB member holds the cuts that fall inside it: fewer ranges than asked
    assert len(split_ranges(BUILT.offsets, size, 8)) < 8


def test_split_depends_on_the_file_and_parts_only() -> None:
    size = len(BUILT.data)
    assert split_ranges(BUILT.offsets, size, 4) == split_ranges(list(reversed(BUILT.offsets)),
                                                                size, 4)
    assert split_by_size(BUILT.offsets, size, size // 4 + 1) == split_ranges(BUILT.offsets,
                                                                             size, 4)
    assert split_ranges([], 0, 3) == [ByteRange(0, 0)]
    with pytest.raises(ValueError):
        split_ranges(BUILT.offsets, size, 0)


def test_ranges_read_by_fastwarc_give_each_record_once() -> None:
    fh = io.BytesIO(BUILT.data)
    for parts in (1, 2, 3, 5):
        ids: list[str] = []
        for byte_range in split_ranges(BUILT.offsets, len(BUILT.data), parts):
            view = open_range(fh, byte_range)
            ids += [r.record_id for r in ArchiveIterator(view, parse_http=False)]
        assert ids == BUILT.ids


def test_a_range_view_is_a_file_of_its_own() -> None:
    fh = io.BytesIO(bytes(range(100)))
    view = open_range(fh, ByteRange(10, 20))
    assert view.read(3) == bytes([10, 11, 12])
    assert view.seek(0, 2) == 10
    assert view.read() == b""
    view.seek(8)
    assert view.read() == bytes([18, 19])
    assert view.tell() == 10
