"""MinHash signatures of texts over word shingles; pure functions, no pipeline.

A text is reduced to its normalized words (:func:`thresher.dedup.normalize.words`);
its shingles are the runs of ``shingle_words`` consecutive words (a text shorter
than that is one shingle). Each word is hashed once with xxh3-64; a shingle's
hash combines the hashes of its words with odd multipliers (mod 2**64), so no
shingle string is ever built. Each of the ``num_perm`` permutations is a
multiply-add-shift hash ``(a*x + b) mod 2**64 >> 32`` of the shingle's 32-bit key
(Dietzfelbinger's strongly universal scheme: numpy has no 128-bit product for
``mod p`` with a 61-bit prime, and this needs no modulo at all). The signature
holds, per permutation, the minimum over the shingles: ``uint32[num_perm]``.

The probability that two signatures agree at one position is the Jaccard
similarity of the two shingle sets, so :func:`estimate_jaccard` is unbiased with
standard deviation ``sqrt(J(1-J)/num_perm)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import xxhash

from thresher.dedup.normalize import word_bytes, words

__all__ = [
    "EMPTY",
    "MinHashConfig",
    "band_hashes",
    "estimate_jaccard",
    "shingle_hashes",
    "shingles",
    "signature",
]

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]

EMPTY = np.uint32(0xFFFFFFFF)
"""Every position of the signature of a text without words."""

_BLOCK = 1024
"""Shingles permuted at once (1024 x 256 permutations x 8 bytes = 2 MiB, near the caches)."""


@dataclass(frozen=True)
class MinHashConfig:
    """Parameters of MinHash near-duplicate detection.

    ``bands * rows`` signature positions feed the LSH buckets; ``num_perm`` may be larger
    to sharpen the similarity estimate used to confirm candidate pairs.
    """

    shingle_words: int = 5
    """Words per shingle."""
    num_perm: int = 256
    """Signature length (number of hash permutations)."""
    bands: int = 14
    """LSH bands; two documents become candidates when all rows of one band agree."""
    rows: int = 8
    """Signature positions per band."""
    seed: int = 1
    """Seed of the word hash and of the permutations."""

    def __post_init__(self) -> None:
        if self.shingle_words < 1:
            raise ValueError("shingle_words must be >= 1")
        if self.bands < 1 or self.rows < 1:
            raise ValueError("bands and rows must be >= 1")
        if self.bands * self.rows > self.num_perm:
            raise ValueError(
                f"bands * rows = {self.bands * self.rows} exceeds num_perm = {self.num_perm}"
            )
        if not 0 <= self.seed < 2**63:
            raise ValueError("seed must be in [0, 2**63)")


@dataclass(frozen=True)
class _Params:
    """Random constants derived from a config (cached per config)."""

    word_mult: U64
    perm_a: U64
    perm_b: U64
    band_mult: U64


@lru_cache(maxsize=16)
def _params(cfg: MinHashConfig) -> _Params:
    """Constants drawn from the config's seed (pure: same config, same constants)."""
    rng = np.random.default_rng(cfg.seed)
    top = np.iinfo(np.uint64).max
    mult = rng.integers(1, top, size=cfg.shingle_words, dtype=np.uint64, endpoint=True) | np.uint64(
        1
    )
    a = rng.integers(1, top, size=cfg.num_perm, dtype=np.uint64, endpoint=True) | np.uint64(1)
    b = rng.integers(0, top, size=cfg.num_perm, dtype=np.uint64, endpoint=True)
    band = rng.integers(1, top, size=(cfg.bands, cfg.rows), dtype=np.uint64, endpoint=True)
    return _Params(mult, a, b, band | np.uint64(1))


def shingles(text: str, n: int) -> list[str]:
    """The distinct word n-grams of ``text``, in order of first appearance (a reference
    for tests and for exact Jaccard; :func:`signature` never builds these strings).

    >>> shingles("A b, C d.", 3)
    ['a b c', 'b c d']
    >>> shingles("Too short", 5)
    ['too short']
    """
    ws = words(text)
    if not ws:
        return []
    if len(ws) < n:
        return [" ".join(ws)]
    return list(dict.fromkeys(" ".join(ws[i : i + n]) for i in range(len(ws) - n + 1)))


def shingle_hashes(text: str, cfg: MinHashConfig) -> U64:
    """32-bit keys (in ``uint64``) of the shingles of ``text``, one per position."""
    ws = word_bytes(text)
    if not ws:
        return np.empty(0, dtype=np.uint64)
    seed = cfg.seed
    # words recur: each distinct word is hashed once
    hashed = {w: xxhash.xxh3_64_intdigest(w, seed) for w in dict.fromkeys(ws)}
    h = np.fromiter(map(hashed.__getitem__, ws), dtype=np.uint64, count=len(ws))
    mult = _params(cfg).word_mult
    n = min(cfg.shingle_words, len(h))
    m = len(h) - n + 1
    acc = h[:m] * mult[0]
    for k in range(1, n):
        acc += h[k : k + m] * mult[k]
    keys: U64 = acc >> np.uint64(32)
    return keys


def signature(text: str, cfg: MinHashConfig) -> U32:
    """The MinHash signature of ``text`` (all :data:`EMPTY` when it has no words).

    Shingles are permuted in blocks of :data:`_BLOCK`, so a huge text costs time, not a
    ``shingles x num_perm`` matrix of memory.
    """
    keys = shingle_hashes(text, cfg)
    if keys.size == 0:
        return np.full(cfg.num_perm, EMPTY, dtype=np.uint32)
    p = _params(cfg)
    mins: U64 | None = None
    buffer = np.empty((min(_BLOCK, keys.size), cfg.num_perm), dtype=np.uint64)
    for start in range(0, keys.size, _BLOCK):
        part = keys[start : start + _BLOCK]
        values = buffer[: part.size]
        np.multiply(part[:, None], p.perm_a[None, :], out=values)
        values += p.perm_b
        block_min = values.min(axis=0)
        mins = block_min if mins is None else np.minimum(mins, block_min)
    assert mins is not None
    return (mins >> np.uint64(32)).astype(np.uint32)


def estimate_jaccard(a: U32, b: U32) -> float:
    """The fraction of positions where two signatures agree (estimates the Jaccard similarity)."""
    if a.shape != b.shape or a.size == 0:
        raise ValueError("signatures of different lengths")
    return float(np.count_nonzero(a == b)) / a.size


def band_hashes(sigs: U32, cfg: MinHashConfig) -> U64:
    """Bucket keys: ``uint64[bands, n_docs]`` for signatures ``uint32[n_docs, num_perm]``.

    A band's key is a random linear combination (mod 2**64) of its ``rows`` positions,
    finished with a 64-bit mixer so that any bit range partitions buckets evenly. Two
    different bands use different multipliers, so their buckets do not meet; a rare
    collision of different rows only costs one candidate pair, which is then checked.
    """
    mult = _params(cfg).band_mult
    n = sigs.shape[0]
    out = np.zeros((cfg.bands, n), dtype=np.uint64)
    for band in range(cfg.bands):
        acc = out[band]
        for r in range(cfg.rows):
            acc += sigs[:, band * cfg.rows + r].astype(np.uint64) * mult[band, r]
        out[band] = _mix64(acc)
    return out


def _mix64(x: U64) -> U64:
    """The splitmix64 finalizer: spreads every input bit over the whole word."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))
