"""Which document ids a reader has already given out, so that an id is used once per input.

An input that carries the same id twice (a JSONL file whose ``id`` field
repeats, the same WARC-Record-ID in two records, a file concatenated to itself)
would put two documents with one id in the output, and every later step that
keys on ids (dedup decisions, ``thresher explain``) would confuse them. The
readers keep the first document with an id and reject later ones as
``duplicate_id``. Content duplicates with different ids are the dedup stages'
business, not this.

The set holds the 128-bit hash of each id in an open-addressing table of two
``array('Q')`` (16 bytes a slot, at most half full: about 32 bytes an id), so a
shard of millions of records costs tens of megabytes, not a set of strings.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from typing import Final

import xxhash

from thresher.document import Document
from thresher.readers.base import ReadResult, rejection

__all__ = ["SeenIds", "unique_ids"]

_MASK64: Final = (1 << 64) - 1


class SeenIds:
    """A set of id strings with a single operation, :meth:`add`.

    >>> seen = SeenIds()
    >>> seen.add("a"), seen.add("b"), seen.add("a")
    (True, True, False)
    >>> len(seen)
    2
    """

    def __init__(self, capacity: int = 1024) -> None:
        size = 1 << max(capacity - 1, 1).bit_length()
        self._hi = array("Q", bytes(8 * size))
        self._lo = array("Q", bytes(8 * size))
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, key: str) -> bool:
        """Add ``key``; True if it was not there yet."""
        digest = xxhash.xxh3_128_intdigest(key.encode("utf-8", "surrogatepass"))
        hi, lo = digest >> 64, (digest & _MASK64) or 1  # (0, 0) marks an empty slot
        if not self._insert(hi, lo):
            return False
        self._count += 1
        if 2 * self._count > len(self._lo):
            self._grow()
        return True

    def _insert(self, hi: int, lo: int) -> bool:
        his, los = self._hi, self._lo
        mask = len(los) - 1
        slot = lo & mask
        while True:
            there = los[slot]
            if there == 0:
                his[slot], los[slot] = hi, lo
                return True
            if there == lo and his[slot] == hi:
                return False
            slot = (slot + 1) & mask

    def _grow(self) -> None:
        old = zip(self._hi, self._lo, strict=True)
        size = 2 * len(self._lo)
        self._hi = array("Q", bytes(8 * size))
        self._lo = array("Q", bytes(8 * size))
        for hi, lo in old:
            if lo:
                self._insert(hi, lo)


def unique_ids(results: Iterable[ReadResult], what: str) -> Iterator[ReadResult]:
    """``results`` with each document whose id was already used rejected as ``duplicate_id``.

    Only documents claim an id: a rejected record does not stop a later intact
    copy from being kept. The rejection keeps the id, so that it names the
    record the user knows; ``what`` says where the id came from.
    """
    seen = SeenIds()
    for result in results:
        if isinstance(result, Document) and not seen.add(result.id):
            yield rejection(result.id, result.provenance, "duplicate_id",
                            f"{what} {result.id!r} already used by an earlier record "
                            "of this input", url=result.url)
        else:
            yield result
