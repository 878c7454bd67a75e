"""Exact deduplication: documents whose key (normalized text, normalized URL) is equal.

A per-shard task (:func:`hash_shard`) hashes each document's key with xxh3-128 and
writes the shard's group members; :mod:`thresher.dedup.groups` then picks the
survivor of every group. Documents without a key (no words, no URL) join no group.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import xxhash

from thresher.dedup.groups import save_members
from thresher.dedup.keep import date_key
from thresher.dedup.normalize import normalize_text
from thresher.dedup.tasks import mark_done
from thresher.document import Document
from thresher.serialize import read_documents

__all__ = ["KeyTask", "group_key", "hash_shard", "text_key"]

KeyFn = Callable[[Document], "str | None"]


def text_key(doc: Document) -> str | None:
    """The normalized text (``None`` when it has no words)."""
    return normalize_text(doc.text) or None


def group_key(key: str) -> tuple[int, int]:
    """The 128-bit hash of a key as (high, low) 64-bit halves."""
    digest = xxhash.xxh3_128_intdigest(key.encode("utf-8", "surrogatepass"))
    return digest >> 64, digest & 0xFFFF_FFFF_FFFF_FFFF


@dataclass(frozen=True)
class KeyTask:
    """Hash the keys of the documents of one shard."""

    workdir: Path
    shard: int
    path: Path
    key_fn: KeyFn

    @property
    def marker(self) -> Path:
        return self.workdir / "members" / f"{self.shard:05d}.done"


def hash_shard(task: KeyTask) -> None:
    """Write the group members (documents with a key) of one shard."""
    hi: list[int] = []
    lo: list[int] = []
    pos: list[int] = []
    dates: list[int] = []
    ids: list[str] = []
    for i, doc in enumerate(read_documents(task.path)):
        key = task.key_fn(doc)
        if key is None:
            continue
        h, low = group_key(key)
        hi.append(h)
        lo.append(low)
        pos.append(i)
        dates.append(date_key(doc.provenance.fetch_date))
        ids.append(doc.id)
    save_members(task.workdir, task.shard, hi, lo, pos, dates, ids)
    mark_done(task)
