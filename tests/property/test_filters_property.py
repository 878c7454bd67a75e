"""Properties of the filters: never raise on any Unicode text, never change the document."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from thresher.document import Document, Provenance
from thresher.filters.c4 import C4LinesMapper, C4QualityFilter, c4_clean
from thresher.filters.fineweb import FineWebQualityFilter
from thresher.filters.gopher import GopherQualityFilter, GopherRepetitionFilter
from thresher.filters.ngrams import (
    NgramIndex,
    bigram_repeats,
    duplicate_chars,
    grow,
    top_ngram_chars,
)
from thresher.filters.textstats import profile, reference_tokenize, tokenize
from thresher.langid import identify
from thresher.langid.step import LanguageConfig, LanguageFilter
from thresher.step import Drop, Filter

FILTERS: list[Filter] = [
    GopherQualityFilter(),
    GopherRepetitionFilter(),
    C4QualityFilter(),
    FineWebQualityFilter(),
    LanguageFilter(LanguageConfig(languages=("en",))),
]

# Any code point, lines and blank lines included, plus a few scripts the rules treat apart.
TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(list("ab .,#-•…\n\t{}中文字ที่นี่ "))),
    st.lists(st.sampled_from(["the cat", "sat.", "中文。", "- item", "", "..."])).map("\n".join),
)


def make(text: str) -> Document:
    return Document(id="p", provenance=Provenance(source="property"), text=text)


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_filters_never_raise_and_never_change_the_document(text: str) -> None:
    for step in FILTERS:
        original = make(text)
        result = step.process(original)
        if isinstance(result, Drop):
            assert result.reason in step.reasons
        else:
            assert result is original
        assert original == make(text)


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_stats_and_cleaning_never_raise(text: str) -> None:
    stats = profile(text)
    assert stats.words >= 0
    assert all(token and token in text for token in tokenize(text))
    assert 0.0 <= identify(text).score <= 1.0
    cleaned, _ = c4_clean(text)
    assert c4_clean(cleaned)[0] == cleaned  # cleaning twice changes nothing more
    result = C4LinesMapper().process(make(text))
    assert isinstance(result, Document)


# Pieces where the tokenizer's rules meet: contractions, units, abbreviations, URLs,
# joiners, marks, C1 controls (U+0085 is whitespace), unspaced scripts, every kind of blank.
TOKEN_PIECES = [
    "cannot", "Cannot", "Id", "im", "I", "d", "can", "not", "it's", "don't", "we’ll", "40mm",
    "512GB", "3.5", "1,000", "U.S.", "Mr.", "Jan.", "e.g.", "a.", "https://x.org/a?b=1.",
    "www.ex.com", "COVID-19", "well-known", "a+b", "C++", "TL;DR", "foo_bar", "10:30", "2–3",
    "x@y.z", "f(x)", ":)", "...", "--", "'", "’", '"', "#", "é", "e\u0301", "\u0301",
    "\u00ad", "\u200b", "\x85", "\x9c", "中文", "ที่", "\u3002", "ab", "Word", "WORD", "z",
]
BLANKS = [" ", "", "\n", "\t", "\xa0", "\u2028", "\x85", "  ", "\x1c", ",", ".", "!"]
TOKEN_TEXT = st.one_of(
    st.text(),
    st.lists(st.tuples(st.sampled_from(TOKEN_PIECES), st.sampled_from(BLANKS))).map(
        lambda parts: "".join(a + b for a, b in parts)
    ),
)


@settings(max_examples=400, deadline=None)
@given(TOKEN_TEXT)
def test_tokenize_gives_the_reference_tokens(text: str) -> None:
    """The fast token pattern (blank skipping, plain words first) finds exactly the tokens
    of the bare alternatives."""
    assert tokenize(text) == reference_tokenize(text)


NGRAM_TOKENS = st.lists(st.sampled_from(["a", "b", "c", "dd", "eee", ".", "中"]), max_size=60)


@settings(max_examples=300, deadline=None)
@given(NGRAM_TOKENS)
def test_ngram_index_gives_what_the_repeats_give(tokens: list[str]) -> None:
    """The integer n-gram index finds the characters the tuple-based reference finds."""
    index = NgramIndex(tokens)
    found = bigram_repeats(tokens)
    for size in range(2, 12):
        if len(tokens) < size:
            break
        while found.size < size:
            found = grow(tokens, found)
        assert index.top_chars(size) == top_ngram_chars(tokens, found), size
        assert index.duplicate_chars(size) == duplicate_chars(found), size


@settings(max_examples=300, deadline=None)
@given(NGRAM_TOKENS)
def test_covered_chars_bound_the_duplicates_of_every_larger_size(tokens: list[str]) -> None:
    """What lets gopher_repetition skip the longer n-gram rules: the characters covered by
    repeated n-grams of one size bound the duplicate characters of it and every larger size."""
    index = NgramIndex(tokens)
    for size in range(2, min(len(tokens), 12) + 1):
        covered = index.covered_chars(size)
        for larger in range(size, min(len(tokens), 12) + 1):
            assert index.duplicate_chars(larger) <= covered
