"""Repeated word n-grams of a token sequence, found without building every n-gram.

An n-gram can only repeat where its two (n-1)-gram halves repeat, so the repeated
n-grams of each size are found among the positions of the repeated (n-1)-grams:
after one pass over the bigrams, the work is proportional to how much of the text
repeats, not to its length times the number of sizes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, pairwise
from operator import itemgetter

import numpy as np
import numpy.typing as npt

__all__ = ["NgramIndex", "Repeats", "bigram_repeats", "duplicate_chars", "grow", "top_ngram_chars"]

Gram = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Repeats:
    """The n-grams of one ``size`` that occur more than once in a token sequence."""

    size: int
    positions: tuple[int, ...]
    """Start of every occurrence of a repeated n-gram, ascending."""
    grams: tuple[Gram, ...]
    """The n-gram at each of ``positions``."""
    counts: dict[Gram, int]
    """Occurrences of each repeated n-gram, in order of first occurrence."""


def _keep_repeated(size: int, positions: Sequence[int], grams: Sequence[Gram]) -> Repeats:
    counts = Counter(grams)
    repeated = {gram: count for gram, count in counts.items() if count > 1}
    mask = [gram in repeated for gram in grams]
    return Repeats(size, tuple(compress(positions, mask)), tuple(compress(grams, mask)), repeated)


def bigram_repeats(tokens: Sequence[str]) -> Repeats:
    """The repeated bigrams of ``tokens``."""
    grams = list(pairwise(tokens))
    return _keep_repeated(2, range(len(grams)), grams)


def grow(tokens: Sequence[str], repeats: Repeats) -> Repeats:
    """The repeated n-grams one token longer than ``repeats``."""
    size = repeats.size + 1
    starts = set(repeats.positions)
    last = len(tokens) - size
    positions = [i for i in repeats.positions if i + 1 in starts and i <= last]
    grams = [tuple(tokens[i : i + size]) for i in positions]
    return _keep_repeated(size, positions, grams)


def top_ngram_chars(tokens: Sequence[str], repeats: Repeats) -> int:
    """Characters covered by the most frequent n-gram, with the spaces between its words.

    Ties go to the n-gram seen first; when none repeats, that is the first n-gram.
    """
    size = repeats.size
    if repeats.counts:
        gram, count = max(repeats.counts.items(), key=itemgetter(1))
    else:
        gram, count = tuple(tokens[:size]), 1
    return (sum(map(len, gram)) + size - 1) * count


def duplicate_chars(repeats: Repeats) -> int:
    """Characters (spaces not counted) in n-grams that repeat an earlier one.

    Scans left to right and jumps past each repeat, so that repeats do not overlap.
    """
    seen: set[Gram] = set()
    chars = next_free = 0
    for position, gram in zip(repeats.positions, repeats.grams, strict=True):
        if position < next_free:
            continue
        if gram in seen:
            chars += sum(map(len, gram))
            next_free = position + repeats.size
        else:
            seen.add(gram)
    return chars


@dataclass(frozen=True, slots=True)
class _Level:
    """The repeated n-grams of one size as integers: where they start and which they are."""

    positions: npt.NDArray[np.int64]
    """Start of every occurrence of a repeated n-gram, ascending."""
    ranks: npt.NDArray[np.int64]
    """A number per distinct repeated n-gram (equal numbers, equal n-grams), per position."""
    counts: npt.NDArray[np.int64]
    """Occurrences of each rank."""
    firsts: npt.NDArray[np.int64]
    """First position of each rank."""


class NgramIndex:
    """The repeated n-grams of a token sequence, each n-gram reduced to an exact integer.

    Tokens become dense ids once; an n-gram is then the pair (number of its
    (n-1)-gram prefix, id of its last token), numbered again among the repeated
    n-grams of its size, so no tuple or string of an n-gram is ever built. As in
    :func:`grow`, only positions where both (n-1)-gram halves repeat are looked at.
    Gives what :func:`top_ngram_chars` and :func:`duplicate_chars` give on the
    :class:`Repeats` of the same size (a property test compares them).
    """

    def __init__(self, tokens: Sequence[str]) -> None:
        index = {token: i for i, token in enumerate(dict.fromkeys(tokens))}
        ids = list(map(index.__getitem__, tokens))
        self._n = len(ids)
        self._vocab = max(len(index), 1)
        self._ids = np.array(ids, dtype=np.int64)
        self._lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=self._n)
        self._cum: list[int] = [0, *accumulate(self._lengths.tolist())]
        self._levels: dict[int, _Level] = {}

    def _level(self, size: int) -> _Level:
        if size < 2:
            raise ValueError("n-grams of at least 2 tokens")
        found = self._levels.get(size)
        if found is not None:
            return found
        n = self._n
        if size == 2:
            starts = np.arange(max(n - 1, 0), dtype=np.int64)
            keys = self._ids[:-1] * self._vocab + self._ids[1:] if n > 1 else starts
        else:
            prev = self._level(size - 1)
            if prev.positions.size == 0:
                self._levels[size] = prev
                return prev
            rank_at = np.full(n + 1, -1, dtype=np.int64)
            rank_at[prev.positions] = prev.ranks
            starts = prev.positions[
                (rank_at[prev.positions + 1] >= 0) & (prev.positions <= n - size)
            ]
            keys = rank_at[starts] * self._vocab + self._ids[starts + size - 1]
        _, first, inverse, counts = np.unique(
            keys, return_index=True, return_inverse=True, return_counts=True
        )
        repeated = counts > 1
        renumber = np.cumsum(repeated) - 1
        keep = repeated[inverse]
        level = _Level(
            positions=starts[keep],
            ranks=renumber[inverse[keep]],
            counts=counts[repeated],
            firsts=starts[first[repeated]],
        )
        self._levels[size] = level
        return level

    def top_chars(self, size: int) -> int:
        """Characters covered by the most frequent n-gram of ``size``, with the spaces between
        its words (:func:`top_ngram_chars`); ties go to the n-gram seen first."""
        level = self._level(size)
        cum = self._cum
        if level.counts.size == 0:
            return cum[size] - cum[0] + size - 1
        best = int(level.counts.max())
        first = int(level.firsts[level.counts == best].min())
        return (cum[first + size] - cum[first] + size - 1) * best

    def covered_chars(self, size: int) -> int:
        """Characters (spaces not counted) of the tokens inside some repeated n-gram of
        ``size``: a bound on :meth:`duplicate_chars` of this size and of every larger one."""
        level = self._level(size)
        if level.positions.size == 0:
            return 0
        n = self._n
        depth = np.bincount(level.positions, minlength=n + 1)
        depth -= np.bincount(level.positions + size, minlength=n + 1)
        covered = np.cumsum(depth[:n]) > 0
        return int(self._lengths[covered].sum())

    def duplicate_chars(self, size: int) -> int:
        """Characters in n-grams of ``size`` that repeat an earlier, non-overlapping one
        (:func:`duplicate_chars`)."""
        level = self._level(size)
        cum = self._cum
        seen: set[int] = set()
        chars = next_free = 0
        for position, rank in zip(level.positions.tolist(), level.ranks.tolist(), strict=True):
            if position < next_free:
                continue
            if rank in seen:
                chars += cum[position + size] - cum[position]
                next_free = position + size
            else:
                seen.add(rank)
        return chars
