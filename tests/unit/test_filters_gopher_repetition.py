"""Gopher repetition rules: each drop reason reached; n-gram counting matches a naive count."""

from __future__ import annotations

from collections import Counter
from dataclasses import fields, replace
from pathlib import Path

import pytest

from thresher.filters.gopher import (
    GopherRepetitionConfig,
    GopherRepetitionFilter,
    gopher_repetition,
)
from thresher.filters.ngrams import bigram_repeats, duplicate_chars, grow, top_ngram_chars
from thresher.filters.textstats import tokenize
from thresher.registry import get_step

DATA = Path(__file__).resolve().parents[1] / "data"
ENGLISH = (DATA / "prose-english-clean.txt").read_text(encoding="utf-8").strip()
CHINESE = (DATA / "prose-chinese-clean.txt").read_text(encoding="utf-8")
ALL_OFF = GopherRepetitionConfig(**{f.name: None for f in fields(GopherRepetitionConfig)})


def only(rule: str, threshold: float) -> GopherRepetitionConfig:
    return replace(ALL_OFF, **{rule: threshold})


def reason(text: str, config: GopherRepetitionConfig | None = None) -> str | None:
    found = gopher_repetition(text, config)
    return None if found is None else found.reason


LINES = ENGLISH.splitlines()
LINE = LINES[0]
BLOCK = "\n".join(LINES[:4])
CASES: list[tuple[str, GopherRepetitionConfig | None, str]] = [
    ("", None, "empty"),
    (ENGLISH + "\n\nShort.\n\nShort.\n\nShort.\n\nShort.", None, "dup_paragraphs"),
    (f"{BLOCK}\n\n{LINES[5]}\n\n{LINES[6]}\n\n{BLOCK}", None, "dup_paragraph_chars"),
    (ENGLISH + "\nShort." * 6, None, "dup_lines"),
    (f"{ENGLISH}\n{LINE}\n{LINE}\n{LINE}", None, "dup_line_chars"),
    ("spam eggs " * 40, None, "top_2gram"),
    ("spam eggs ham " * 40, only("top_3gram_frac", 0.18), "top_3gram"),
    ("spam eggs ham jam " * 40, only("top_4gram_frac", 0.16), "top_4gram"),
]
CASES += [
    (f"{ENGLISH} {ENGLISH}", only(f"dup_{n}gram_frac", 0.1), f"dup_{n}gram") for n in range(5, 11)
]


def test_every_declared_reason_has_a_case() -> None:
    assert {expected for _, _, expected in CASES} == GopherRepetitionFilter.reasons


@pytest.mark.parametrize(("text", "config", "expected"), CASES)
def test_each_reason_is_reached(
    text: str, config: GopherRepetitionConfig | None, expected: str
) -> None:
    assert reason(text, config) == expected


@pytest.mark.parametrize("text", [ENGLISH, CHINESE])
def test_clean_prose_passes(text: str) -> None:
    assert gopher_repetition(text) is None


def test_repeated_chinese_is_caught_in_character_ngrams() -> None:
    sentence = CHINESE.splitlines()[1]
    assert reason(" ".join([sentence] * 6), only("dup_5gram_frac", 0.15)) == "dup_5gram"


def test_values_are_character_fractions() -> None:
    found = gopher_repetition("ab ab ab ab", only("top_2gram_frac", 0.2))
    assert found is not None
    # "ab ab" (5 characters with the space) occurs 3 times in 11 characters.
    assert found.value == pytest.approx(15 / 11)
    assert found.threshold == 0.2


def _naive_top(tokens: tuple[str, ...], n: int) -> int:
    counts = Counter(zip(*(tokens[i:] for i in range(n)), strict=False))
    gram, count = max(counts.items(), key=lambda item: item[1])
    return (sum(map(len, gram)) + n - 1) * count


def _naive_dup(tokens: tuple[str, ...], n: int) -> int:
    grams = list(zip(*(tokens[i:] for i in range(n)), strict=False))
    seen: set[tuple[str, ...]] = set()
    chars = index = 0
    while index < len(grams):
        if grams[index] in seen:
            chars += sum(map(len, grams[index]))
            index += n
        else:
            seen.add(grams[index])
            index += 1
    return chars


@pytest.mark.parametrize(
    "text", [ENGLISH, f"{ENGLISH} {ENGLISH}", "a b a b a b c a b a b", "x y z " * 9 + "x y"]
)
def test_ngram_shortcut_matches_naive_count(text: str) -> None:
    tokens = tokenize(text)
    repeats = bigram_repeats(tokens)
    for n in range(2, 12):
        while repeats.size < n:
            repeats = grow(tokens, repeats)
        assert top_ngram_chars(tokens, repeats) == _naive_top(tokens, n)
        assert duplicate_chars(repeats) == _naive_dup(tokens, n)


def test_registered_under_its_name() -> None:
    assert get_step("gopher_repetition") is GopherRepetitionFilter
