"""Hostile input: decoding, extraction, metadata and the step never raise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from thresher.document import Document, Provenance
from thresher.extract import extract
from thresher.extract.decode import decode_html, looks_like_html
from thresher.extract.metadata import extract_metadata
from thresher.extract.step import ExtractStep
from thresher.step import Drop

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Fragments that steer random input towards the parts of the code that parse markup.
MARKUP = st.sampled_from(
    [
        "<html>", "<head>", "<body>", "</div>", "<div class='post-content'>", "<p>", "</p>",
        "<article>", "<nav>", "<table><tr><td>", "<br>", "<!--", "-->", "<![CDATA[", "&amp;",
        "&#x0;", "<meta charset='koi8-r'>", '<meta name="author" content="By A">',
        '<script type="application/ld+json">{"@type": "Article", "author": [',
        "</script>", "<title>", "</title>", "<h1>", "<time datetime='2020-13-45'>",
        '<link rel="canonical" href="http://[::1">', "\x00", "\ufeff", "\ud7ff", "<svg>",
    ]
)  # fmt: skip
HTMLISH = st.lists(st.one_of(MARKUP, st.text(max_size=20)), max_size=40).map("".join)
LABELS = st.one_of(st.none(), st.sampled_from(["utf-8", "latin1", "utf-16", "x-bogus", ""]))


@FAST
@given(st.binary(max_size=2_000), LABELS)
def test_decode_html_never_raises(data: bytes, declared: str | None) -> None:
    decoded = decode_html(data, declared)
    assert isinstance(decoded.text, str)
    assert decoded.source in ("bom", "http", "meta", "detect", "default")
    assert isinstance(looks_like_html(data), bool)


@FAST
@given(st.one_of(HTMLISH, st.text(max_size=300)))
def test_extract_never_raises_on_text(html: str) -> None:
    result = extract(html, "https://example.org/x")
    assert isinstance(result.text, str)


@FAST
@given(st.binary(max_size=1_000))
def test_extract_never_raises_on_bytes(html: bytes) -> None:
    assert isinstance(extract(html, limits=None).text, str)  # guarded: test_extract_limits


@FAST
@given(HTMLISH, st.one_of(st.none(), st.text(max_size=30)))
def test_metadata_never_raises(html: str, url: str | None) -> None:
    meta = extract_metadata(LexborHTMLParser(html), url)
    assert meta.date is None or len(meta.date) == 10


@FAST
@given(st.one_of(st.binary(max_size=1_000), HTMLISH.map(lambda s: s.encode("utf-8", "replace"))))
def test_step_returns_a_document_or_a_declared_drop(html: bytes) -> None:
    step = ExtractStep()
    doc = Document(id="p", provenance=Provenance(source="prop"), html=html)
    result = step.process(doc)
    if isinstance(result, Drop):
        assert result.reason in step.reasons
    else:
        assert result.text.strip() and result.html is None
