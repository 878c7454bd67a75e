"""The public API of the extractor: inputs, config options, metadata, robustness."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thresher.extract import ExtractConfig, Extraction, extract
from thresher.extract.api import extract_decoded, same_utf8
from thresher.extract.decode import decode_html

PROSE = "A sentence about lighthouses, keepers and the sea, long enough to count. " * 3


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_str_and_bytes_give_the_same_text() -> None:
    html = page(f"<article><p>{PROSE}</p><p>Café au lait — naïve. {PROSE}</p></article>")
    from_str = extract(html)
    from_bytes = extract(html.encode("utf-8"))
    assert from_str.text == from_bytes.text
    assert "Café au lait — naïve." in from_bytes.text
    assert from_bytes.encoding == "utf-8"
    assert from_str.encoding is None


def test_extraction_is_frozen() -> None:
    result = extract(page(f"<p>{PROSE}</p>"))
    assert isinstance(result, Extraction)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "changed"  # type: ignore[misc]


def test_metadata_fields_come_from_the_page() -> None:
    head = (
        "<title>Lamps of the North | Coast Notes</title>"
        '<meta property="og:site_name" content="Coast Notes">'
        '<meta name="author" content="Ada Lind">'
        '<meta property="article:published_time" content="2024-05-06T10:00:00Z">'
        '<meta name="keywords" content="lighthouses, sea">'
    )
    result = extract(page(f"<article><p>{PROSE}</p></article>", head), "https://c.example/a")
    assert result.author == "Ada Lind"
    assert result.date == "2024-05-06"
    assert result.sitename == "Coast Notes"
    assert result.url == "https://c.example/a"
    assert isinstance(result.tags, tuple)


def test_each_block_on_its_own_line() -> None:
    html = page(
        f"<main><h2>Heading</h2><p>{PROSE}</p><ul><li>first item</li><li>second item</li></ul>"
        f"<p>{PROSE}</p></main>"
    )
    lines = extract(html).text.split("\n")
    assert "Heading" in lines
    assert "first item" in lines
    assert "second item" in lines


def test_include_tables_false_drops_tables() -> None:
    table = "<table><tr><td>cell one</td><td>cell two</td></tr></table>"
    html = page(f"<article><p>{PROSE}</p>{table}<p>{PROSE}</p></article>")
    assert "cell one" in extract(html).text
    assert "cell one" not in extract(html, config=ExtractConfig(include_tables=False)).text


def test_include_links_writes_markdown_links() -> None:
    html = page(f'<article><p>{PROSE} See <a href="/map">the map</a> for more.</p></article>')
    plain = extract(html)
    linked = extract(html, config=ExtractConfig(include_links=True))
    assert "[the map](/map)" in linked.markdown
    assert "[the map]" not in plain.markdown
    assert linked.text == plain.text


def test_include_comments_keeps_comment_section() -> None:
    comments = (
        '<div id="comments" class="comments-area"><ol class="comment-list">'
        "<li><p>What a lovely story about the old keeper and his logbook.</p></li>"
        "<li><p>My grandfather served on that island for eleven years.</p></li></ol></div>"
    )
    html = page(f"<div class='post'><p>{PROSE}</p><p>{PROSE}</p></div>{comments}")
    assert "lovely story" not in extract(html).text
    kept = extract(html, config=ExtractConfig(include_comments=True)).text
    assert "lovely story" in kept


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<html>", "<p>", "not html at all", "<div><div><div>", "\x00\x01<p>x</p>"],
)
def test_degenerate_input_never_raises(html: str) -> None:
    result = extract(html)
    assert isinstance(result.text, str)
    assert isinstance(result.markdown, str)


@pytest.mark.parametrize("tag", ["div", "span", "li", "table"])
def test_deep_nesting_does_not_crash(tag: str) -> None:
    html = page(f"<{tag}>" * 5000 + f"<p>{PROSE}</p>" + f"</{tag}>" * 5000)
    assert "lighthouses" in extract(html, limits=None).text  # unguarded: the core copes


def test_deterministic() -> None:
    html = page(f"<nav><a href='/'>Home</a></nav><article><p>{PROSE}</p></article>")
    assert extract(html) == extract(html)


_TAGS = ["div", "p", "a", "span", "ul", "li", "table", "tr", "td", "pre", "nav", "h2", "br"]
_soup = st.lists(
    st.one_of(
        st.sampled_from([f"<{t}>" for t in _TAGS] + [f"</{t}>" for t in _TAGS]),
        st.sampled_from(["<div class='share'>", "<p hidden>", "<a href='/x'>", "&amp;", "…"]),
        st.text(max_size=30),
    ),
    max_size=60,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(_soup)
def test_never_raises_on_tag_soup(html: str) -> None:
    result = extract(html)
    assert "\n\n" not in result.text


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    assert isinstance(extract(data, limits=None).text, str)  # guarded: test_extract_limits


def test_text_only_mode_skips_metadata_and_keeps_the_text() -> None:
    page = (
        "<html><head><title>Harbour notes</title><meta name='author' content='Ada Lind'></head>"
        "<body><article><h1>Harbour notes</h1><p>"
        + "The tide tables were printed on Monday, and the pilots read them twice. " * 6
        + "</p></article></body></html>"
    )
    full = extract(page)
    text_only = extract(page, config=ExtractConfig(with_metadata=False))
    assert full.author == "Ada Lind"
    assert text_only.author is None and text_only.title is None
    assert text_only.text == full.text
    assert text_only.markdown == full.markdown


_PAGE = (
    "<html><head><title>Caf\u00e9</title></head><body><article><h1>Caf\u00e9 \u2014 na\u00efve</h1>"
    + "<p>"
    + "Cr\u00e8me br\u00fbl\u00e9e and \u201cquotes\u201d in a sentence of prose. " * 8
    + "</p></article></body></html>"
)


@pytest.mark.parametrize(
    ("payload", "same"),
    [
        (_PAGE.encode("utf-8"), True),  # parsed from the payload itself
        (b"\xef\xbb\xbf" + _PAGE.encode("utf-8"), False),  # BOM: not the text's bytes
        (_PAGE.encode("cp1252", errors="replace"), False),  # another encoding
        (_PAGE.encode("utf-8") + b"\xff", False),  # repaired UTF-8 holds U+FFFD
    ],
)
def test_decoded_payload_gives_the_text_of_the_decoded_str(payload: bytes, same: bool) -> None:
    decoded = decode_html(payload)
    assert same_utf8(decoded) is same
    from_bytes = extract_decoded(decoded, payload, "https://example.com/a")
    from_text = extract(decoded.text, "https://example.com/a")
    assert from_bytes.text == from_text.text
    assert from_bytes.title == from_text.title
    assert from_bytes.encoding == decoded.encoding
    assert "Cr\u00e8me br\u00fbl\u00e9e" in from_bytes.text
