"""The extractor's fast paths give the same answers as the plain checks they guard.

Speed work added cheap prefilters in front of regexes and vocabulary loops
(`classify_tokens`, `ends_with_ellipsis`, `is_credit`, `is_promo`) and a per-page
cache of tag names in the DOM walk; each is exact, never an approximation. The
reference versions here are the straightforward forms of the same rules.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from thresher.extract import blocks as blocks_module
from thresher.extract import vocab
from thresher.extract.blocks import build, classify_tokens
from thresher.extract.tree import Box, Line

_CAMEL = re.compile(r"([a-z0-9])([A-Z])")

_EXTRA_WORDS = [
    "content", "main", "wrap", "Nav", "Bar", "navBar", "md:block", "x", "load", "more",
    "tag", "category", "entry", "post", "author", "has", "no",
]  # fmt: skip
_WORDS = [
    *sorted(
        vocab.BOILER_PARTS
        | vocab.BOILER_TOKENS
        | vocab.COMMENT_WORDS
        | vocab.COMMENT_ITEM_WORDS
        | vocab.SAFE_TOKENS
    ),
    *_EXTRA_WORDS,
]


def _reference_classify(value: str, keep_comments: bool) -> tuple[bool, bool]:
    """`classify_tokens` without its prefilter: the token-by-token rule."""
    lowered = value.lower()
    if lowered != value and _CAMEL.search(value) is not None:
        lowered = _CAMEL.sub(lambda m: m.group(1) + "-" + m.group(2), value).lower()
    boiler = comment = item = False
    responsive = ":" in lowered
    labels = [t for t in lowered.split() if _label(t)]
    for token in lowered.split():
        if token in vocab.SAFE_TOKENS:
            return False, False
        if token in vocab.BOILER_TOKENS and not (responsive and token == "hidden"):
            boiler = True
        comment = comment or token in vocab.COMMENT_WORDS
        parts = token.replace("_", "-").split("-")
        if not vocab.SAFE_PARTS.isdisjoint(parts):
            continue
        if len(labels) >= vocab.MIN_LABEL_TOKENS and token in labels:
            continue
        if parts[0] in vocab.STATE_PREFIXES and len(parts) > 1:
            continue
        boiler = boiler or not vocab.BOILER_PARTS.isdisjoint(parts)
        comment = comment or not vocab.COMMENT_WORDS.isdisjoint(parts)
        item = item or not vocab.COMMENT_ITEM_WORDS.isdisjoint(parts)
    if comment and keep_comments:
        return False, True
    if item and not boiler:
        return False, True
    return boiler, comment


def _label(token: str) -> bool:
    """A taxonomy label token: `tag-x`, `category-x-y`, `entry-category-x`."""
    parts = token.replace("_", "-").split("-")
    if parts[0] in ("entry", "post") and len(parts) > 2:
        parts = parts[1:]
    return len(parts) >= 2 and parts[0] in vocab.LABEL_PREFIXES and parts[1] != ""


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
    promo = any(key in lowered for key in vocab._PROMO_KEYS)
    assert vocab.is_credit(text) == _credit(text)
    assert vocab.is_promo(text) == (promo and vocab.PROMO_LINE.search(text) is not None)


def _credit(text: str) -> bool:
    """`vocab.is_credit` without its prefilters: the two patterns, each after its keys."""
    lowered = text.lower()
    if any(key in lowered for key in vocab._CREDIT_KEYS) and vocab.CREDIT_LINE.search(text):
        return True
    intl = any(key in lowered for key in vocab._CREDIT_INTL_KEYS)
    return intl and vocab.CREDIT_LINE_INTL.search(text) is not None


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


# --- lowercased patterns: the same answers as the IGNORECASE ones ---------------------------

_CHROME_WORDS = st.sampled_from(
    ["Load more", "READ MORE", "Share", "on", "Facebook", "Tweet", "Sign In", "comments",
     "(12)", "Posts:", "1,234", "5 min read", "Also on", "Related", "Stories", "Next Post",
     "Published", "Updated", "Jan", "12", "2024-01-05", "10:45", "by", "Reporting", "By",
     "contributed", "to", "this", "report", "Subscribe to", "newsletter", "inbox", "\u00e9t\u00e9",
     "\u2026", "\u2014", "Photo:", "Getty Images", "Reuters", "\u00a9", "加载更多", "记者：",
     "Фото:", "Читайте также", "2024年3月21日", "3月", "김철수", "기자", "相关阅读", "leer más"]
)  # fmt: skip
#: Web text without the few characters whose case folding is not `str.lower` (long s,
#: Kelvin sign, dotless and dotted i): ASCII, Latin-1 and typographic punctuation.
_WEB_TEXT = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=255)
    | st.sampled_from("\u2026\u2014\u2019\u201c\u201d"),
    max_size=60,
)
_LINES = st.lists(_CHROME_WORDS, min_size=1, max_size=6).map(" ".join) | _WEB_TEXT


@settings(max_examples=400, deadline=None)
@given(_LINES)
def test_lowercased_patterns_answer_as_the_ignorecase_ones(text: str) -> None:
    lowered = text.lower()
    chrome = vocab.CHROME_LINE.match(text) or vocab.CHROME_LINE_INTL.match(text)
    assert vocab.is_chrome(text) == (chrome is not None)
    teaser = vocab.TEASER_PREFIX.match(text) or vocab.TEASER_PREFIX_INTL.match(text)
    assert vocab.is_teaser(lowered) == (teaser is not None)
    assert vocab.is_reporting(lowered) == (vocab.REPORTING_LINE.search(text) is not None)
    date = vocab.HAS_DATE.search(text) or vocab.HAS_DATE_INTL.search(text)
    assert vocab.has_date(text) == (date is not None)
    promo = any(key in lowered for key in vocab._PROMO_KEYS)
    assert vocab.is_promo(text) == (promo and vocab.PROMO_LINE.search(text) is not None)
    assert vocab.is_credit(text, lowered) == _credit(text)


# --- the leaf shortcut of the walk: the same lines as walking the leaf ----------------------

_INLINE_OPEN = st.sampled_from(
    ["<a href='/x'>", "<em>", "<span>", "<span class='author-name'>", "<span class='share'>",
     "<span hidden>", "<span style='display:none'>", "<b class='sr-only'>", "<code>",
     "<strong id='comments'>", "<label>", "<font color=red>"]
)  # fmt: skip
_INLINE_LEAF = st.sampled_from(
    ["word", " spaced  out ", "\u00a0", "Read more", "x\ny", "<br>", "<img src=a.png>",
     "<!-- note -->", "<wbr>", "", "  "]
)  # fmt: skip


@st.composite
def _inline(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 3 and draw(st.booleans()):
            opening = draw(_INLINE_OPEN)
            name = opening[1:].split(">")[0].split()[0]
            parts.append(f"{opening}{draw(_inline(depth + 1))}</{name}>")
        else:
            parts.append(draw(_INLINE_LEAF))
    return "".join(parts)


@st.composite
def _page(draw: st.DrawFn) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        tag = draw(st.sampled_from(["p", "li", "h2", "td", "div", "blockquote"]))
        blocks.append(f"<{tag}>{draw(_inline())}</{tag}>")
    return "<body><div>" + "".join(blocks) + "</div></body>"


def _lines_of(box: Box) -> list[tuple[str, str, str, int, bool]]:
    out: list[tuple[str, str, str, int, bool]] = []
    for item in box.items:
        if isinstance(item, Line):
            out.append((item.kind, item.text, item.md, item.link_chars, item.chrome))
        else:
            out.extend(_lines_of(item))
    return out


@settings(max_examples=300, deadline=None)
@given(_page(), st.booleans())
# found by this test: an empty <code> ending a block leaked its backticks into the next line
@example("<body><div><p>wordword<br><code></code></p><p>\xa0</p><p>word</p></div></body>", False)
def test_leaf_shortcut_gives_the_lines_of_the_walk(page: str, links: bool) -> None:
    def lines(leaf_depth: int) -> list[tuple[str, str, str, int, bool]]:
        body = LexborHTMLParser(page).body
        assert body is not None
        saved = blocks_module.LEAF_MAX_DEPTH
        blocks_module.LEAF_MAX_DEPTH = leaf_depth  # type: ignore[misc]
        try:
            return _lines_of(build(body, keep_comments=False, links=links, page_chars=10_000))
        finally:
            blocks_module.LEAF_MAX_DEPTH = saved  # type: ignore[misc]

    assert lines(blocks_module.LEAF_MAX_DEPTH) == lines(-1)


_WHITESPACE = [" ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2009",
               "\u200b", "\u2028", "\u3000"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_WHITESPACE), st.text(max_size=6)),
        max_size=12,
    ).map("".join)
)
def test_squeeze_is_split_and_join(value: str) -> None:
    """The fast path (printable, no double space) answers as `" ".join(value.split())`."""
    assert blocks_module._squeeze(value) == " ".join(value.split())
