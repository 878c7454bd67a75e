"""MinHash LSH on disk: signatures per shard, then candidate pairs per band and partition.

Files under the stage's work directory (``s`` = shard, ``b`` = band, ``p`` = partition):

* ``sig/s.npy``      ``uint32[n, num_perm]`` signatures of the shard's documents;
* ``bands/s.npy``    ``uint64[bands, n]`` bucket keys (:func:`~thresher.dedup.minhash.band_hashes`);
* ``keys/s.npz``     fetch-date keys, ids, and whether each document has any word;
* ``edges/b-p.npy``  ``int64[k, 2]`` confirmed pairs of global document numbers.

A document's global number is its position plus the number of documents in the
shards before it. A bucket task reads one band row of every shard (memory-mapped),
keeps the keys of its partition (``key % parts``), sorts them, and within each bucket
pairs every member with the previous one and with the first one. Each candidate is
confirmed by comparing the two full signatures (read by row from the memory-mapped
signature files): only pairs whose estimated Jaccard similarity reaches
``min_similarity`` become edges. The bucket collision probability of a pair of
similarity ``s`` is ``1 - (1 - s**rows)**bands``; the confirmation removes the
low-similarity pairs that collide by chance, which is what keeps precision high.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from thresher.dedup.keep import date_key
from thresher.dedup.minhash import EMPTY, MinHashConfig, band_hashes, signature
from thresher.dedup.tasks import atomic_save_npy, atomic_save_npz, mark_done
from thresher.serialize import read_documents

__all__ = [
    "BucketTask",
    "SignTask",
    "bucket_pairs",
    "find_edges",
    "load_sigs",
    "shard_sizes",
    "sign_shard",
]

I64 = npt.NDArray[np.int64]
U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]

_CHUNK = 1 << 20


def _sig_path(workdir: Path, shard: int) -> Path:
    return workdir / "sig" / f"{shard:05d}.npy"


def _bands_path(workdir: Path, shard: int) -> Path:
    return workdir / "bands" / f"{shard:05d}.npy"


def keys_path(workdir: Path, shard: int) -> Path:
    return workdir / "keys" / f"{shard:05d}.npz"


def edges_path(workdir: Path, band: int, part: int) -> Path:
    return workdir / "edges" / f"{band:03d}-{part:03d}.npy"


@dataclass(frozen=True)
class SignTask:
    """Compute the signatures and bucket keys of one shard."""

    workdir: Path
    shard: int
    path: Path
    config: MinHashConfig

    @property
    def marker(self) -> Path:
        return self.workdir / "sig" / f"{self.shard:05d}.done"


def sign_shard(task: SignTask) -> None:
    """Write ``sig/``, ``bands/`` and ``keys/`` files of one shard."""
    cfg = task.config
    sigs: list[U32] = []
    dates: list[int] = []
    ids: list[str] = []
    for doc in read_documents(task.path):
        sigs.append(signature(doc.text, cfg))
        dates.append(date_key(doc.provenance.fetch_date))
        ids.append(doc.id)
    matrix = np.stack(sigs) if sigs else np.empty((0, cfg.num_perm), dtype=np.uint32)
    has_words = ~(matrix == EMPTY).all(axis=1)
    atomic_save_npy(_sig_path(task.workdir, task.shard), matrix)
    atomic_save_npy(_bands_path(task.workdir, task.shard), band_hashes(matrix, cfg))
    atomic_save_npz(
        keys_path(task.workdir, task.shard),
        {
            "date": np.asarray(dates, dtype=np.int64),
            "ids": np.array(ids, dtype=str) if ids else np.empty(0, dtype="U1"),
            "has_words": has_words,
        },
    )
    mark_done(task)


def shard_sizes(workdir: Path, shards: int) -> I64:
    """Number of documents of each shard (from the signature files' headers)."""
    return np.array(
        [np.load(_sig_path(workdir, s), mmap_mode="r").shape[0] for s in range(shards)],
        dtype=np.int64,
    )


def load_sigs(workdir: Path, offsets: I64, docs: I64) -> U32:
    """Signatures of global document numbers ``docs``, read row by row from memory maps."""
    shard_of = np.searchsorted(offsets, docs, side="right") - 1
    first = np.load(_sig_path(workdir, 0), mmap_mode="r")
    out = np.empty((docs.size, first.shape[1]), dtype=np.uint32)
    for shard in np.unique(shard_of).tolist():
        sel = shard_of == shard
        table = np.load(_sig_path(workdir, shard), mmap_mode="r")
        out[sel] = table[docs[sel] - offsets[shard]]
    return out


def bucket_pairs(keys: U64, docs: I64) -> I64:
    """Candidate pairs ``[k, 2]`` (smaller number first, no repeats) from bucket keys.

    Within each bucket, sorted by document number, every member is paired with the
    previous member and with the first: ``2 (m - 1)`` pairs at most for ``m`` members,
    enough to connect the bucket while keeping big buckets linear.
    """
    order = np.lexsort((docs, keys))
    keys, docs = keys[order], docs[order]
    same = keys[1:] == keys[:-1]
    new = np.ones(keys.size, dtype=bool)
    new[1:] = ~same
    first = docs[np.flatnonzero(new)][np.cumsum(new) - 1]
    cur = docs[1:][same]
    pairs = np.concatenate(
        [np.stack([docs[:-1][same], cur], axis=1), np.stack([first[1:][same], cur], axis=1)]
    )
    if pairs.size == 0:
        return np.empty((0, 2), dtype=np.int64)
    pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
    keep = np.ones(len(pairs), dtype=bool)
    keep[1:] = (pairs[1:] != pairs[:-1]).any(axis=1)
    return pairs[keep]


def confirm(workdir: Path, offsets: I64, pairs: I64, min_similarity: float) -> I64:
    """The pairs whose signatures agree on at least ``min_similarity`` of their positions."""
    kept: list[I64] = []
    for start in range(0, len(pairs), _CHUNK):
        chunk = pairs[start : start + _CHUNK]
        left = load_sigs(workdir, offsets, chunk[:, 0])
        right = load_sigs(workdir, offsets, chunk[:, 1])
        similarity = (left == right).mean(axis=1)
        kept.append(chunk[similarity >= min_similarity])
    return np.concatenate(kept) if kept else np.empty((0, 2), dtype=np.int64)


@dataclass(frozen=True)
class BucketTask:
    """Find and confirm the candidate pairs of one band and one key partition."""

    workdir: Path
    band: int
    part: int
    parts: int
    offsets: tuple[int, ...]
    min_similarity: float

    @property
    def marker(self) -> Path:
        return self.workdir / "edges" / f"{self.band:03d}-{self.part:03d}.done"


def _band_keys(task: BucketTask) -> tuple[U64, I64]:
    keys: list[U64] = []
    docs: list[I64] = []
    for shard, offset in enumerate(task.offsets[:-1]):
        row = np.asarray(np.load(_bands_path(task.workdir, shard), mmap_mode="r")[task.band])
        with np.load(keys_path(task.workdir, shard), allow_pickle=False) as z:
            has_words = z["has_words"]
        sel = has_words & ((row % np.uint64(task.parts)) == np.uint64(task.part))
        keys.append(row[sel])
        docs.append(np.flatnonzero(sel).astype(np.int64) + offset)
    if not keys:
        return np.empty(0, np.uint64), np.empty(0, np.int64)
    return np.concatenate(keys), np.concatenate(docs)


def find_edges(task: BucketTask) -> None:
    """Write ``edges/band-part.npy``: confirmed near-duplicate pairs of this band partition."""
    keys, docs = _band_keys(task)
    offsets = np.asarray(task.offsets, dtype=np.int64)
    pairs = bucket_pairs(keys, docs)
    edges = confirm(task.workdir, offsets, pairs, task.min_similarity)
    atomic_save_npy(edges_path(task.workdir, task.band, task.part), edges)
    mark_done(task)
