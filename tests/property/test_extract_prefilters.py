"""The extractor's fast paths give the same answers as the plain checks they guard.

Speed work added cheap prefilters in front of regexes and vocabulary loops
(`classify_tokens`, `ends_with_ellipsis`, `is_credit`, `is_promo`) and a per-page
cache of tag names in the DOM walk; each is exact, never an approximation. The
reference versions here are the straightforward forms of the same rules.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from thresher.extract import vocab
from thresher.extract.blocks import Box, Line, build, classify_tokens

_CAMEL = re.compile(r"([a-z0-9])([A-Z])")

_EXTRA_WORDS = ["content", "main", "wrap", "Nav", "Bar", "navBar", "md:block", "x", "load", "more"]
_WORDS = [
    *sorted(vocab.BOILER_PARTS | vocab.BOILER_TOKENS | vocab.COMMENT_WORDS | vocab.SAFE_TOKENS),
    *_EXTRA_WORDS,
]


def _reference_classify(value: str, keep_comments: bool) -> tuple[bool, bool]:
    """`classify_tokens` without its prefilter: the token-by-token rule."""
    lowered = value.lower()
    if lowered != value and _CAMEL.search(value) is not None:
        lowered = _CAMEL.sub(lambda m: m.group(1) + "-" + m.group(2), value).lower()
    boiler = comment = False
    responsive = ":" in lowered
    for token in lowered.split():
        if token in vocab.SAFE_TOKENS:
            return False, False
        if token in vocab.BOILER_TOKENS and not (responsive and token == "hidden"):
            boiler = True
        comment = comment or token in vocab.COMMENT_WORDS
        parts = token.replace("_", "-").split("-")
        if not vocab.SAFE_PARTS.isdisjoint(parts):
            continue
        boiler = boiler or not vocab.BOILER_PARTS.isdisjoint(parts)
        comment = comment or not vocab.COMMENT_WORDS.isdisjoint(parts)
    if comment and keep_comments:
        return False, True
    return boiler, comment


_class_strings = st.lists(
    st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", "-", "_", "\t", "--", "X"])),
    max_size=5,
).map(lambda pairs: "".join(word + sep for word, sep in pairs))


@settings(max_examples=400, deadline=None)
@given(_class_strings | st.text(max_size=30), st.booleans())
def test_classify_tokens_matches_the_plain_rule(value: str, keep: bool) -> None:
    assert classify_tokens(value, keep) == _reference_classify(value, keep)


_tails = st.text(alphabet="ab .\u2026[]!)", max_size=14)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20), _tails)
def test_ellipsis_prefilter_is_exact(head: str, tail: str) -> None:
    text = head + tail
    assert vocab.ends_with_ellipsis(text) == (vocab.ELLIPSIS_END.search(text[-8:]) is not None)


_line_words = st.sampled_from(
    ["by", "By", "Jane", "photo:", "Getty Images", "subscribe to", "our", "newsletter",
     "inbox", "follow us on", "\u00a9", "reuters", "tip", "a", "the"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_line_words, max_size=6).map(" ".join) | st.text(max_size=40))
def test_keyword_prefilters_are_exact(text: str) -> None:
    lowered = text.lower()
    credit = any(key in lowered for key in vocab._CREDIT_KEYS)
    promo = any(key in lowered for key in vocab._PROMO_KEYS)
    assert vocab.is_credit(text) == (credit and vocab.CREDIT_LINE.search(text) is not None)
    assert vocab.is_promo(text) == (promo and vocab.PROMO_LINE.search(text) is not None)


def _line_texts(box: Box) -> list[str]:
    out: list[str] = []
    for item in box.items:
        out.extend([item.text] if isinstance(item, Line) else _line_texts(item))
    return out


def test_custom_tags_keep_their_own_names_in_one_page() -> None:
    """Tag names are cached by lexbor tag id: custom tags get distinct ids per page."""
    page = (
        "<body><my-card><p>First card text</p></my-card><x-nav>Inline words</x-nav>"
        "<other-tag class='site-footer'>Footer words</other-tag><p>Closing</p></body>"
    )
    body = LexborHTMLParser(page).body
    assert body is not None
    top = build(body, keep_comments=False, links=False, page_chars=10_000)
    assert _line_texts(top) == ["First card text", "Inline words", "Closing"]
