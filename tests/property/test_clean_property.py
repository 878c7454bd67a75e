"""Properties of the line cleaner and the PII redactor on arbitrary text."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from thresher.clean import CleanConfig, clean_text
from thresher.pii import redact

# Lines drawn from chrome and rail shapes mixed with arbitrary Unicode, so that
# the interesting paths (rails, weak chrome runs) are reached, not only prose.
SHAPES = st.sampled_from(
    [
        "News",
        "Related articles",
        "Mehr zum Thema",
        "Read more",
        "Share this:",
        "Facebook",
        "Accept",
        "Next »",
        "Page 2 of 5",
        "A short headline about a town",
        "An excerpt that stops in the middle of a...",
        "Un extrait qui s'arrête au milieu d'une…”",
        "The body of the article goes on with a full sentence.",
        "",
        "   ",
    ]
)
LINES = st.lists(st.one_of(SHAPES, st.text(max_size=80)), max_size=40)
BREAKS = st.sampled_from(["\n", "\r\n", "\n\n", "\u2028"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    lines = draw(LINES)
    return "".join(line + draw(BREAKS) for line in lines)


CONFIGS = st.builds(CleanConfig, keep_blank_lines=st.booleans(), min_rail_pairs=st.integers(1, 3))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_unicode(text: str) -> None:
    clean_text(text)
    redact(text)


@settings(max_examples=200, deadline=None)
@given(texts(), CONFIGS)
def test_idempotent(text: str, config: CleanConfig) -> None:
    once = clean_text(text, config).text
    twice = clean_text(once, config)
    assert twice.text == once
    assert twice.removed == ()


@settings(max_examples=200, deadline=None)
@given(texts(), CONFIGS)
def test_removed_and_kept_lines_account_for_all_input_lines(text: str, config: CleanConfig) -> None:
    result = clean_text(text, config)
    non_blank = Counter(line.rstrip() for line in text.splitlines() if line.strip())
    kept = Counter(line for line in result.text.splitlines() if line)
    removed = Counter(r.line for r in result.removed)
    assert kept + removed == non_blank


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_redact_is_idempotent(text: str) -> None:
    once = redact(text).text
    assert redact(once).text == once
