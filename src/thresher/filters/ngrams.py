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
from itertools import compress, pairwise
from operator import itemgetter

__all__ = ["Repeats", "bigram_repeats", "duplicate_chars", "grow", "top_ngram_chars"]

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
