"""The public extraction API: `extract(html, url, config) -> Extraction`.

A pure function: no I/O, no global state that changes results, the same input gives
the same output. It applies the same guards as the pipeline step (`guards.py`): size,
binary payload, tag count, nesting depth and time.

Pipeline: decode (bytes only) -> parse with selectolax's lexbor backend -> metadata ->
drop script/style/svg... in C -> one Python walk into a Box/Line tree (`blocks`) ->
selection and pruning (`content`) -> text and markdown (`render`).

Why lexbor: on the developer benchmark pages (2-core machine, CPU time, best of 3),
parsing runs at ~1160 pages/s (scrapinghub) / ~710 (wcxb) and parsing plus a Python
walk of every node at ~720 / ~260; resiliparse parses as fast (~1210 / ~720) but its
Python DOM walk is an order of magnitude slower (~90 / ~50), and lxml parses and
walks at ~390 / ~185.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Final, Literal

from selectolax.lexbor import LexborHTMLParser

from thresher.extract import blocks, content, hotpath, render
from thresher.extract.decode import DecodedHtml, decode_html
from thresher.extract.guards import (
    PageLimits,
    PageRejected,
    check_payload,
    check_structure,
    time_limit,
)
from thresher.extract.metadata import Metadata, extract_metadata
from thresher.extract.tree import Box, aggregate, release

Favour = Literal["balanced", "precision", "recall"]

#: Elements whose text must not count in the page's size (stripped before the walk).
#: Not `template` (its content is a separate fragment: no text, no CSS match) nor the
#: void `embed`: the walk skips both anyway, and each strip is a full-tree CSS query.
_EMPTY_TAGS: Final = ("script", "style", "svg", "iframe", "object")


@dataclass(frozen=True, slots=True)
class ExtractConfig:
    """Options of `extract`.

    include_comments: keep user comment sections (forum replies are content anyway).
    include_tables: keep tables of the main content.
    favour: "precision" drops borderline blocks, "recall" keeps them.
    include_links: write links as `[text](href)` in the markdown.
    with_metadata: read title, author, date... (False: text and markdown only, like
        trafilatura's `extract()` default; the metadata fields stay empty).
    """

    include_comments: bool = False
    include_tables: bool = True
    favour: Favour = "balanced"
    include_links: bool = False
    with_metadata: bool = True


DEFAULT_CONFIG: Final = ExtractConfig()
DEFAULT_LIMITS: Final = PageLimits()


@dataclass(frozen=True, slots=True)
class Extraction:
    """The main content of a page, as text and markdown, with its metadata."""

    text: str
    markdown: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    description: str | None = None
    language: str | None = None
    url: str | None = None
    tags: tuple[str, ...] = ()
    encoding: str | None = None


def extract(
    html: str | bytes,
    url: str | None = None,
    config: ExtractConfig | None = None,
    limits: PageLimits | None = DEFAULT_LIMITS,
    *,
    fetch_date: str | None = None,
) -> Extraction:
    """Extract the main content and metadata of one HTML page.

    `html` may be bytes (decoded with the page's declared or detected encoding) or
    text. `url` is the page's address, used for metadata. `fetch_date` is when the
    page was fetched (ISO 8601, a WARC-Date): relative dates ("3 hours ago") are read
    against it, and later dates are not taken for the publication date. Malformed HTML
    never raises; an empty page gives empty text. A hostile page does: over `limits`
    (size, tags, nesting depth, wall-clock time; the `extract` pipeline step's
    defaults) or binary, it raises `PageRejected`, whose `reason` is the step's drop
    reason (`too_large`, `not_html`, `parse_error`, `extract_timeout`). The time
    limit needs the main thread (SIGALRM); `limits=None` turns the guards off.

    >>> page = "<html><body><nav><a href='/'>Home</a></nav><article><h1>Title</h1>"
    >>> page += "<p>" + "A sentence about content, with words. " * 12 + "</p></article>"
    >>> result = extract(page + "<footer>(c) Site</footer></body></html>")
    >>> result.text[:25], result.title
    ('A sentence about content,', 'Title')
    >>> extract("<div>" * 50_000)
    Traceback (most recent call last):
    ...
    thresher.extract.guards.PageRejected: parse_error: nesting over max_depth (2,001 > 2,000)
    """
    if limits is None:
        return _unguarded(html, url, config, fetch_date)
    check_payload(html, limits)
    try:
        with time_limit(limits.timeout_s):
            if isinstance(html, str):
                check_structure(html, limits)
                return _extract(html, url, config or DEFAULT_CONFIG, None, fetch_date)
            decoded = decode_html(html)
            check_structure(decoded.text, limits)
            return extract_decoded(decoded, html, url, config, fetch_date=fetch_date)
    except RecursionError:
        raise PageRejected("parse_error", "nesting too deep for the extractor") from None


def _unguarded(
    html: str | bytes, url: str | None, config: ExtractConfig | None, fetch_date: str | None
) -> Extraction:
    if isinstance(html, bytes):
        return extract_decoded(decode_html(html), html, url, config, fetch_date=fetch_date)
    return _extract(html, url, config or DEFAULT_CONFIG, None, fetch_date)


def extract_decoded(
    decoded: DecodedHtml,
    payload: bytes,
    url: str | None = None,
    config: ExtractConfig | None = None,
    *,
    fetch_date: str | None = None,
) -> Extraction:
    """`extract` of a page already decoded from `payload` (its bytes) by `decode_html`.

    When the payload is exactly the UTF-8 of the decoded text (most of the web), the
    parser reads the payload itself instead of a second encoding of the text.
    """
    source: str | bytes = payload if same_utf8(decoded) else decoded.text
    return _extract(source, url, config or DEFAULT_CONFIG, decoded.encoding, fetch_date)


def same_utf8(decoded: DecodedHtml) -> bool:
    """The payload `decoded` came from is byte for byte the UTF-8 of its text.

    A strict UTF-8 decode without a byte order mark; a repaired decode holds U+FFFD.
    """
    return decoded.encoding == "utf-8" and decoded.source != "bom" and "\ufffd" not in decoded.text


def _extract(
    source: str | bytes,
    url: str | None,
    config: ExtractConfig,
    encoding: str | None,
    fetch_date: str | None = None,
) -> Extraction:
    """Parse `source` (text, or UTF-8 bytes) and extract from it."""
    hotpath.report_once()  # a log line on the first page when the compiled path is off
    tree = LexborHTMLParser(source)
    meta = extract_metadata(tree, url, fetch_date) if config.with_metadata else Metadata()
    if meta.url is None and url:
        meta = replace(meta, url=url)
    top = build_blocks(tree, config)
    if top is None:
        return _extraction("", "", meta, encoding)
    selection = content.select(top, config.favour, config.include_comments)
    out = render.render(selection, config.include_links)
    release(top)
    return _extraction(out.text, out.markdown, meta, encoding)


def build_blocks(tree: LexborHTMLParser, config: ExtractConfig) -> Box | None:
    """Turn a parsed page into its Box/Line tree (None when it has no body).

    Call after reading metadata: JSON-LD scripts are removed here.
    """
    root = tree.body or tree.root
    if root is None:
        return None
    # Drop what never holds text, in C, before the Python walk.
    tree.strip_tags(list(_EMPTY_TAGS))
    page_chars = len(root.text(deep=True, strip=False))
    top = blocks.build(root, config.include_comments, config.include_links, page_chars)
    if not config.include_tables:
        _drop_tables(top)
    return top


def _drop_tables(top: Box) -> None:
    stack = [top]
    while stack:
        box = stack.pop()
        box.items = [
            item for item in box.items if not (isinstance(item, Box) and item.tag == "table")
        ]
        box.kids = [kid for kid in box.kids if kid.tag != "table"]
        stack.extend(box.kids)
    aggregate(top)


def _extraction(text: str, markdown: str, meta: Metadata, encoding: str | None) -> Extraction:
    # every Metadata field is an Extraction field of the same name
    found = {f.name: getattr(meta, f.name) for f in fields(meta)}
    return Extraction(text=text, markdown=markdown, encoding=encoding, **found)
