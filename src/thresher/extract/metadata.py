"""Page metadata (title, author, date, site name, ...) from a parsed HTML tree.

Each field is taken from the first source that has a usable value, most
trustworthy first. The sources, in the general order:

1. JSON-LD (schema.org ``Article``-like nodes, then ``WebPage``-like nodes, then
   ``WebSite`` / ``Organization``; ``@graph`` and ``@id`` references are followed);
2. OpenGraph and ``article:*`` properties;
3. other ``<meta>`` names (``author``, ``description``, ``keywords``, ``date``,
   ``dc.*``, ``citation_*``, ``twitter:*``, ...);
4. markup: ``<html lang>``, ``<link rel=canonical>``, ``<time datetime>``,
   ``itemprop`` / ``rel=author`` bylines, a dateline (an element whose class says
   "date", "posted" or "published") after the ``<h1>``;
5. ``<title>`` (with a " | Site name" part removed when it is the site name), then ``<h1>``.

Per field deviations from that order, and why:

* ``sitename``: ``og:site_name`` comes before JSON-LD ``publisher.name``, which is
  often the publisher's legal name rather than the brand the page shows;
* ``url``: ``<link rel=canonical>`` comes first (it is what the page says its
  canonical address is), then ``og:url``, then JSON-LD ``url``.

Values are normalized: dates to ``YYYY-MM-DD``, languages to a lowercase primary
subtag (``en-US`` -> ``en``), authors cleaned of "By", "Posted by" and trailing
dates and joined with ``"; "``, URLs resolved against the page URL. Nothing here
raises on broken input: a JSON-LD block that does not parse is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from thresher.extract.jsonld import keywords, name_of, person_names, read_jsonld
from thresher.extract.normalize import (
    absolute_url,
    clean_author,
    clean_text,
    clean_title,
    host_of,
    normalize_date,
    normalize_language,
    site_from_title,
)

__all__ = [
    "Metadata",
    "clean_author",
    "clean_title",
    "extract_metadata",
    "normalize_date",
    "normalize_language",
]

MAX_TAGS = 30
"""At most this many tags are kept."""


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a page says about itself; every field is optional."""

    title: str | None = None
    author: str | None = None
    """One or more names, joined with ``"; "``."""
    date: str | None = None
    """Publication date, ISO 8601 ``YYYY-MM-DD``."""
    sitename: str | None = None
    description: str | None = None
    language: str | None = None
    """Declared language, lowercase primary subtag (``en``, ``pt``)."""
    url: str | None = None
    """Canonical URL, absolute."""
    tags: tuple[str, ...] = ()


# ------------------------------------------------------------------------ sources

_META_KEYS = ("property", "name", "itemprop", "http-equiv")

_TIME_SELECTORS = (
    "time[pubdate][datetime]",
    'time[itemprop="datePublished"][datetime]',
    "time.published[datetime]",
    "time.entry-date[datetime]",
    "article time[datetime]",
    "main time[datetime]",
    "time[datetime]",
)
# Visible datelines ("<p class="date">2026-02-02 Jane Doe</p>"), trusted only after
# the page's <h1>: before it sit "today's date" widgets of the site header.
_DATELINE = '[class*="date"], [class*="posted"], [class*="published"]'
MAX_DATELINE_CHARS = 120
"""A dateline longer than this is prose, not a dateline."""

_AUTHOR_SELECTORS = (
    '[itemprop="author"] [itemprop="name"]',
    '[itemprop="author"]',
    'a[rel="author"]',
    ".byline .author",
    ".author-name",
    ".byline",
)

# Every element metadata is read from, found in one pass over the tree (each CSS
# query walks the whole document; one combined query costs about as much as one).
_WANTED = ", ".join(
    (
        "meta[content]",
        'script[type="application/ld+json" i]',
        'link[rel~="canonical" i][href]',
        "title",
        "h1",
        "time[datetime]",
        _DATELINE,
        *_AUTHOR_SELECTORS,
    )
)
_NOT_BYLINES = frozenset({"meta", "script", "link", "title"})
_ATTRIBUTE_SELECTOR = re.compile(r"\[[^\]]*\]")
_LAST_TAG = re.compile(r"(?:^|[\s>+~])([a-z][a-z0-9]*)[^\s>+~]*$")


@cache
def _selector_tag(selector: str) -> str | None:
    """The tag name the last compound of ``selector`` requires, if any.

    Cached: it is asked for the same few constant selectors on every page.
    """
    found = _LAST_TAG.search(_ATTRIBUTE_SELECTOR.sub("", selector))
    return found.group(1) if found else None


def _meta_values(nodes: Iterable[LexborNode]) -> dict[str, list[str]]:
    """``<meta>`` contents by lowercased name/property/itemprop, in document order."""
    values: dict[str, list[str]] = {}
    for node in nodes:
        attributes = node.attributes
        content = attributes.get("content")
        if not content:
            continue
        for key in _META_KEYS:
            name = attributes.get(key)
            if name:
                values.setdefault(name.strip().lower(), []).append(content)
    return values


class _Sources:
    """The page's metadata-bearing elements, its meta tags and JSON-LD nodes."""

    def __init__(self, tree: LexborHTMLParser, url: str | None) -> None:
        self.tree = tree
        self.url = url
        elements: list[LexborNode] = tree.css(_WANTED)
        # (tag, element) pairs: ``node.tag`` builds a new string on every access.
        self.elements = [(node.tag, node) for node in elements]
        self.meta = _meta_values(node for tag, node in self.elements if tag == "meta")
        self.ld = read_jsonld(
            node.text(deep=True) or "" for tag, node in self.elements if tag == "script"
        )

    def meta_first(self, *names: str) -> str | None:
        """The first non-empty cleaned content among ``names`` (in this order)."""
        for name in names:
            for value in self.meta.get(name, ()):
                text = clean_text(value)
                if text is not None:
                    return text
        return None

    def meta_all(self, *names: str) -> list[str]:
        """All contents of ``names``, in this order."""
        return [value for name in names for value in self.meta.get(name, ())]

    def matching(self, selector: str) -> Iterator[LexborNode]:
        """The collected elements that match ``selector``, in document order.

        ``selector`` must select a subset of :data:`_WANTED`. As selectolax's
        ``css_matches`` has it, an element matches when it or a descendant does.
        Elements of another tag than the selector's (or, for a selector without
        one, the head elements) are skipped before the comparatively slow
        ``css_matches``.
        """
        tag = _selector_tag(selector)
        for node_tag, node in self.elements:
            if tag is not None and node_tag != tag:
                continue
            if tag is None and node_tag in _NOT_BYLINES:
                continue
            if selector == tag or node.css_matches(selector):
                yield node

    def attribute(self, selector: str, attribute: str) -> str | None:
        """``attribute`` of the first collected element matching ``selector`` that has it."""
        for node in self.matching(selector):
            value = clean_text(node.attributes.get(attribute))
            if value is not None:
                return value
        return None

    def text_of(self, selector: str) -> str | None:
        """The cleaned text of the first collected element matching ``selector``."""
        for node in self.matching(selector):
            text = clean_text(node.text(deep=True, separator=" "))
            if text is not None:
                return text
        return None

    @cached_property
    def page_title(self) -> str | None:
        """The text of ``<title>`` (the one in ``<head>`` first; SVG has titles too)."""
        return self.text_of("head title") or self.text_of("title")

    def dateline(self) -> str | None:
        """The first date written in a dateline element after the first ``<h1>``."""
        after_heading = False
        for tag, node in self.elements:
            if tag == "h1":
                after_heading = True
            elif after_heading and tag not in _NOT_BYLINES and node.css_matches(_DATELINE):
                text = clean_text(node.text(deep=True, separator=" "))
                if text is not None and len(text) <= MAX_DATELINE_CHARS:
                    found = normalize_date(text)
                    if found is not None:
                        return found
        return None

    @cached_property
    def heading(self) -> str | None:
        """The text of the first ``<h1>``."""
        return self.text_of("h1")


# -------------------------------------------------------------------------- fields

_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "published-date",
    "release_date",
)
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified")


def _first_date(values: Iterable[Any]) -> str | None:
    """The first value that normalizes to a date."""
    for value in values:
        found = normalize_date(value)
        if found is not None:
            return found
    return None


def _date_candidates(src: _Sources) -> Iterator[Any]:
    """Publication date sources, most trusted first (lazily: the tree is searched last)."""
    ld = src.ld
    yield ld.first("datePublished", "dateCreated", "uploadDate")
    yield from src.meta_all(*_DATE_META)
    for selector in _TIME_SELECTORS:
        yield src.attribute(selector, "datetime")
    yield src.dateline()
    yield ld.first("dateModified")
    yield from src.meta_all(*_MODIFIED_META)


def _date(src: _Sources) -> str | None:
    """Publication date: JSON-LD, meta, ``<time>``, then modification dates."""
    return _first_date(_date_candidates(src))


def _author(src: _Sources) -> str | None:
    """Author(s): JSON-LD, meta tags, then byline markup."""
    ld = src.ld
    from_ld = clean_author(person_names(ld, ld.first("author", "creator")))
    if from_ld is not None:
        return from_ld
    for names in (
        ("author",),
        ("article:author",),
        ("citation_author",),
        ("dc.creator", "dcterms.creator"),
        ("parsely-author", "sailthru.author", "byl"),
    ):
        found = clean_author(src.meta_all(*names))
        if found is not None:
            return found
    for selector in _AUTHOR_SELECTORS:
        found = clean_author([src.text_of(selector)])
        if found is not None:
            return found
    return None


_URL_LIKE = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)


def _sitename(src: _Sources) -> str | None:
    """Site name: ``og:site_name``, JSON-LD publisher or WebSite, application name,
    then the part of ``<title>`` that is not the page's heading (or names the host).

    A value that is a URL is not a name and is passed over.
    """
    ld = src.ld
    candidates: tuple[Callable[[], str | None], ...] = (
        lambda: src.meta_first("og:site_name"),
        lambda: name_of(ld, ld.first("publisher")),
        lambda: clean_text(ld.site.get("name")),
        lambda: name_of(ld, ld.first("isPartOf")),
        lambda: clean_text(ld.organization.get("name")),
        lambda: src.meta_first("application-name", "apple-mobile-web-app-title", "dc.publisher"),
    )
    for candidate in candidates:
        name = candidate()
        if name is not None and not _URL_LIKE.match(name):
            return name
    if src.page_title is None:
        return None
    heading = src.meta_first("og:title") or src.heading
    return site_from_title(src.page_title, heading, host_of(src.url))


def _title(src: _Sources, sitename: str | None) -> str | None:
    """Title: JSON-LD headline, OpenGraph, meta, ``<title>``, then ``<h1>``."""
    ld = src.ld
    candidates: tuple[Callable[[], str | None], ...] = (
        lambda: clean_text(ld.article.get("headline")) or clean_text(ld.article.get("name")),
        lambda: src.meta_first("og:title", "twitter:title", "citation_title", "dc.title"),
        lambda: clean_text(ld.page.get("name")) or clean_text(ld.page.get("headline")),
        lambda: src.page_title,
        lambda: src.heading,
    )
    for candidate in candidates:
        title = candidate()
        if title is not None:
            return clean_title(title, sitename, host_of(src.url))
    return None


def _language(src: _Sources) -> str | None:
    """Declared language: JSON-LD, ``<html lang>``, ``og:locale``, meta."""
    ld = src.ld
    in_language = ld.first("inLanguage") or ld.site.get("inLanguage")
    if isinstance(in_language, dict):
        in_language = in_language.get("alternateName") or in_language.get("name")
    root = src.tree.root
    candidates = (
        in_language,
        root.attributes.get("lang") if root is not None else None,
        root.attributes.get("xml:lang") if root is not None else None,
        src.meta_first("og:locale", "content-language", "language", "dc.language"),
    )
    for candidate in candidates:
        found = normalize_language(candidate)
        if found is not None:
            return found
    return None


def _canonical(src: _Sources) -> str | None:
    """Canonical URL: ``<link rel=canonical>``, ``og:url``, JSON-LD ``url``."""
    ld = src.ld
    main = ld.resolve(ld.first("mainEntityOfPage"))
    candidates: tuple[Callable[[], Any], ...] = (
        lambda: src.attribute('link[rel~="canonical" i][href]', "href"),
        lambda: src.meta_first("og:url"),
        lambda: ld.first("url"),
        lambda: main.get("@id") if isinstance(main, dict) else main,
    )
    for candidate in candidates:
        found = absolute_url(candidate(), src.url)
        if found is not None:
            return found
    return None


def _usable_tag(tag: str) -> bool:
    """Not too long, has a letter or digit, and is not a CMS-internal ``@token``."""
    return len(tag) <= 64 and not tag.startswith("@") and any(c.isalnum() for c in tag)


def _tags(src: _Sources) -> tuple[str, ...]:
    """Tags: JSON-LD keywords, ``article:tag``, keyword meta tags; deduplicated."""
    raw = keywords(src.ld.first("keywords"))
    raw += src.meta_all("article:tag")
    for value in src.meta_all("keywords", "news_keywords", "citation_keywords"):
        raw += keywords(value)
    tags: list[str] = []
    seen: set[str] = set()
    for value in raw:
        tag = clean_text(value)
        if tag is None or not _usable_tag(tag) or tag.casefold() in seen:
            continue
        seen.add(tag.casefold())
        tags.append(tag)
        if len(tags) == MAX_TAGS:
            break
    return tuple(tags)


def _description(src: _Sources) -> str | None:
    """Description: JSON-LD, OpenGraph, meta description, Twitter card."""
    ld = src.ld
    return clean_text(ld.first("description")) or src.meta_first(
        "og:description", "description", "twitter:description", "dc.description"
    )


def extract_metadata(tree: LexborHTMLParser, url: str | None) -> Metadata:
    """What ``tree`` says about itself; ``url`` is the page's address, if known.

    See the module docstring for the sources of each field. Never raises on
    malformed markup or JSON-LD.
    """
    src = _Sources(tree, url)
    sitename = _sitename(src)
    return Metadata(
        title=_title(src, sitename),
        author=_author(src),
        date=_date(src),
        sitename=sitename,
        description=_description(src),
        language=_language(src),
        url=_canonical(src),
        tags=_tags(src),
    )
