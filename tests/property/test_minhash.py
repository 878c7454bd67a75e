"""MinHash invariants: equal texts, equal signatures; the Jaccard estimate within its bound."""

from __future__ import annotations

import math
import random
import re
import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thresher.dedup import minhash
from thresher.dedup.minhash import EMPTY, MinHashConfig, estimate_jaccard, shingles, signature
from thresher.dedup.normalize import words

CFG = MinHashConfig(num_perm=256, bands=32, rows=8)
WORD = st.text(alphabet="abcdefghijklmnop", min_size=1, max_size=6)


def _jaccard(a: str, b: str, n: int) -> float:
    sa, sb = set(shingles(a, n)), set(shingles(b, n))
    return len(sa & sb) / len(sa | sb)


@given(st.text())
def test_identical_texts_identical_signatures(text: str) -> None:
    a, b = signature(text, CFG), signature(str(text), CFG)
    assert a.dtype == np.uint32 and a.shape == (CFG.num_perm,)
    assert np.array_equal(a, b)


@given(st.lists(WORD, min_size=1, max_size=40), st.sampled_from([", ", "  ", "\n", " — ", "! "]))
def test_case_punctuation_and_spacing_do_not_matter(ws: list[str], sep: str) -> None:
    plain = " ".join(ws)
    noisy = sep.join(w.upper() for w in ws) + "."
    assert np.array_equal(signature(plain, CFG), signature(noisy, CFG))


@given(st.text())
def test_words_match_the_unicode_regex(text: str) -> None:
    reference = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).lower())
    assert words(text) == reference


def test_text_without_words_has_the_empty_signature() -> None:
    assert (signature(" ,.;! ", CFG) == EMPTY).all()


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.integers(0, 2**32), st.integers(50, 400), st.floats(0.0, 1.0))
def test_estimate_within_statistical_bound(seed: int, n_words: int, keep: float) -> None:
    rng = random.Random(seed)
    base = [f"w{rng.randrange(50_000)}" for _ in range(n_words)]
    other = [w if rng.random() < keep else f"x{rng.randrange(10**9)}" for w in base]
    a, b = " ".join(base), " ".join(other)
    j = _jaccard(a, b, CFG.shingle_words)
    est = estimate_jaccard(signature(a, CFG), signature(b, CFG))
    bound = 5 * math.sqrt(j * (1 - j) / CFG.num_perm) + 0.02
    assert abs(est - j) <= bound, (j, est)


def test_estimate_is_unbiased_on_average() -> None:
    rng = random.Random(11)
    errors = []
    for _ in range(150):
        base = [f"w{rng.randrange(50_000)}" for _ in range(200)]
        other = [w if rng.random() < 0.9 else f"x{rng.randrange(10**9)}" for w in base]
        a, b = " ".join(base), " ".join(other)
        errors.append(estimate_jaccard(signature(a, CFG), signature(b, CFG)) - _jaccard(a, b, 5))
    sigma = math.sqrt(0.25 / CFG.num_perm / len(errors))
    assert abs(float(np.mean(errors))) < 4 * sigma


def test_seed_changes_the_permutations() -> None:
    text = "one two three four five six seven"
    other = MinHashConfig(num_perm=256, bands=32, rows=8, seed=2)
    assert not np.array_equal(signature(text, CFG), signature(text, other))


def test_signature_does_not_depend_on_the_block_size(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(2)
    text = " ".join(f"w{rng.randrange(10**6)}" for _ in range(3000))
    whole = signature(text, CFG)
    monkeypatch.setattr(minhash, "_BLOCK", 7)
    assert np.array_equal(signature(text, CFG), whole)
