"""Generated ``.warc.gz`` files for the storage tests: one gzip member per record, as CC writes.

Every builder returns the bytes and the true offset of each member, so tests
can check an index against the truth.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from warc_build import gzip_member, warc_record

DATE = "2026-01-01T00:00:00Z"


class Built(NamedTuple):
    data: bytes
    offsets: list[int]
    """Where each record's gzip member starts."""
    ids: list[str]
    """WARC-Record-IDs in file order."""


def record(index: int, payload: bytes) -> tuple[bytes, str]:
    """A ``resource`` record (uncompressed) and its WARC-Record-ID."""
    rec_id = f"<urn:uuid:00000000-0000-4000-8000-{index:012d}>"
    raw = warc_record("resource", payload, date=DATE, target_uri=f"https://example.org/{index}",
                      content_type="text/html", rec_id=rec_id)
    return raw, rec_id


def payload(rng: random.Random, size: int, compressible: bool) -> bytes:
    """``size`` bytes of HTML-ish text (compressible) or random bytes (not)."""
    if not compressible:
        return rng.randbytes(size)
    words = [b"alpha", b"beta", b"gamma", b"delta", b"<p>", b"</p>", b"web", b"page"]
    out = bytearray()
    while len(out) < size:
        out += rng.choice(words) + b" "
    return bytes(out[:size])


def build(sizes: list[int], seed: int = 0, compressible: bool = True) -> Built:
    """A WARC.gz with one record of each payload size."""
    rng = random.Random(seed)
    data = bytearray()
    offsets, ids = [], []
    for index, size in enumerate(sizes):
        raw, rec_id = record(index, payload(rng, size, compressible or index % 2 == 0))
        offsets.append(len(data))
        ids.append(rec_id)
        data += gzip_member(raw)
    return Built(bytes(data), offsets, ids)


def corrupt(data: bytes, start: int, end: int) -> bytes:
    """``data`` with the middle of the member ``[start, end)`` overwritten by junk."""
    middle = (start + end) // 2
    width = max(1, min(32, (end - start) // 4))
    junk = bytes((0xA5 ^ (7 * i)) & 0xFF for i in range(width))
    return data[:middle] + junk + data[middle + width:]
