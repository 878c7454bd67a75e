"""Word tokens and counts: spaced scripts like a word tokenizer, unspaced ones in equivalents."""

from __future__ import annotations

import pytest

from thresher.filters.textstats import (
    count_sentences,
    ends_unpunctuated,
    line_word_count,
    profile,
    repeats,
    tokenize,
)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Hello, world!", ["Hello", ",", "world", "!"]),
        ("a well-known e-mail", ["a", "well", "-", "known", "e", "-", "mail"]),
        ("The U.S. and e.g. 3.5 or 1,000", ["The", "U.S.", "and", "e.g.", "3.5", "or", "1,000"]),
        ("Mr. Smith left. Then", ["Mr.", "Smith", "left", ".", "Then"]),
        ("it's we'll don't", ["it", "'s", "we", "'ll", "don", "'t"]),
        ("see https://example.org/a-b.", ["see", "https://example.org/a-b", "."]),
        ("wait... what -- now", ["wait", "...", "what", "--", "now"]),
        ("a 40mm lens at 10:30", ["a", "40", "mm", "lens", "at", "10:30"]),
        ("assis\u00adtance", ["assis\u00adtance"]),
        ("हिन्दी भाषा", ["हिन्दी", "भाषा"]),
        ("中文字", ["中", "文", "字"]),
        ("ที่นี่", ["ที่", "นี่"]),
    ],
)
def test_tokenize(text: str, tokens: list[str]) -> None:
    assert list(tokenize(text)) == tokens


def test_profile_counts_spaced_words_without_punctuation() -> None:
    stats = profile("Hello, big world!")
    assert (stats.spaced_words, stats.spaced_tokens, stats.spaced_alpha) == (3, 5, 3)
    assert stats.mean_word_length == pytest.approx(13 / 3)
    assert stats.words == 3
    assert stats.mostly_spaced


def test_profile_counts_han_in_word_equivalents() -> None:
    stats = profile("图书馆今天开放了")  # 8 characters
    assert stats.unspaced_tokens == 8
    assert stats.words == pytest.approx(8 / 1.5)
    assert stats.mean_word_length is None
    assert not stats.mostly_spaced
    assert stats.unspaced_chars_per_word == pytest.approx(1.5)


def test_profile_counts_thai_graphemes() -> None:
    stats = profile("ที่นี่สวย")  # ที่ นี่ ส ว ย: five graphemes
    assert stats.unspaced_tokens == 5
    assert stats.words == pytest.approx(5 / 3)


def test_line_word_count() -> None:
    assert line_word_count("three little words") == 3
    assert line_word_count("共六个汉字啊") == pytest.approx(4)
    assert line_word_count("iPhone 共六个汉字啊") == pytest.approx(5)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("One. Two! Three? Four", 4),
        ("Mr. Smith went to the U.S. today.", 1),
        ("It costs 3.5 dollars. Cheap.", 2),
        ("第一句。第二句！第三句", 3),
        ("ประโยคแรก ประโยคที่สอง", 2),
        ("", 0),
    ],
)
def test_count_sentences(text: str, count: int) -> None:
    assert count_sentences(text) == count


def test_ends_unpunctuated() -> None:
    assert ends_unpunctuated("ทุกเดือน ")
    assert not ends_unpunctuated("English words")
    assert not ends_unpunctuated("")


def test_repeats_counts_later_copies_and_their_length() -> None:
    assert repeats(["ab", "c", "ab", "ab"]) == (2, 4)
