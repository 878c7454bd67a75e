"""Properties of the filters: never raise on any Unicode text, never change the document."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from thresher.document import Document, Provenance
from thresher.filters.c4 import C4LinesMapper, C4QualityFilter, c4_clean
from thresher.filters.fineweb import FineWebQualityFilter
from thresher.filters.gopher import GopherQualityFilter, GopherRepetitionFilter
from thresher.filters.textstats import profile, tokenize
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
