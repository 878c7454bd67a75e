"""Walking the members of a multi-member gzip file by hand, for recovery after corruption.

Common Crawl compresses each WARC record as its own gzip member, so when one
member is corrupt the records after it are still readable: find the next
member header (``1f 8b 08``) whose data inflates to a WARC record and resume
there. These functions stream with a fixed buffer; none loads a member whole.
"""

from __future__ import annotations

from typing import BinaryIO, Final, NamedTuple, cast

from zlib_ng import zlib_ng as zlib  # zlib's API, inflating twice as fast

# zlib-ng's stub types ``error`` as an instance; it is the exception class
ZLIB_ERROR = cast("type[Exception]", zlib.error)

__all__ = ["GZIP_MAGIC", "ZLIB_ERROR", "MemberProbe", "find_magic", "next_record_member", "probe"]

GZIP_MAGIC: Final = b"\x1f\x8b\x08"
_CHUNK: Final = 1 << 16


class MemberProbe(NamedTuple):
    """What inflating a gzip member starting at some offset showed."""

    ok: bool
    """No inflate error in what was read."""
    complete: bool
    """The member's end was reached (False: the file ends inside it, or probing stopped)."""
    end: int
    """Offset just after the member when ``complete``; else where reading stopped."""
    head: bytes
    """The first inflated bytes (up to the probe's ``head_bytes``)."""


def find_magic(fh: BinaryIO, start: int) -> int | None:
    """Offset of the first gzip member header at or after ``start``, or None."""
    fh.seek(start)
    carry = b""
    base = start
    while True:
        chunk = fh.read(_CHUNK)
        if not chunk:
            return None
        data = carry + chunk
        hit = data.find(GZIP_MAGIC)
        if hit >= 0:
            return base + hit
        keep = len(GZIP_MAGIC) - 1
        carry = data[-keep:]
        base += len(data) - len(carry)


def probe(fh: BinaryIO, offset: int, head_bytes: int = 64,
          max_out: int | None = None) -> MemberProbe:
    """Inflate the gzip member at ``offset``, discarding output, to see if and where it ends.

    With ``max_out`` probing stops (``complete=False``) once that many bytes
    were inflated, which bounds the work spent validating a resume candidate.
    """
    fh.seek(offset)
    decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    head = b""
    produced = 0
    consumed = 0
    while not decomp.eof:
        chunk = fh.read(_CHUNK)
        if not chunk:
            return MemberProbe(True, False, offset + consumed, head)
        try:
            out = decomp.decompress(chunk)
        except ZLIB_ERROR:
            return MemberProbe(False, False, offset + consumed, head)
        consumed += len(chunk)
        if len(head) < head_bytes:
            head += out[: head_bytes - len(head)]
        produced += len(out)
        if max_out is not None and produced >= max_out:
            return MemberProbe(True, False, offset + consumed, head)
    end = offset + consumed - len(decomp.unused_data)
    return MemberProbe(True, True, end, head)


def next_record_member(fh: BinaryIO, start: int,
                       max_probe_bytes: int = 1 << 16) -> tuple[int | None, int | None]:
    """The first member at or after ``start`` that inflates cleanly to a WARC record.

    Returns ``(resume_offset, first_rejected_candidate)``: where to resume
    (None when no good member is left) and the first candidate header that was
    rejected (usually the start of the corrupt member), for reporting.
    """
    rejected: int | None = None
    pos = start
    while (cand := find_magic(fh, pos)) is not None:
        result = probe(fh, cand, head_bytes=8, max_out=max_probe_bytes)
        if result.ok and result.head.startswith(b"WARC/"):
            return cand, rejected
        if rejected is None:
            rejected = cand
        pos = cand + 1
    return None, rejected
