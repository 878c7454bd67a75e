"""Where a page's metadata is read from: its meta tags, JSON-LD, and a few elements.

One CSS query collects every element metadata is read from. Each query walks the
whole document; its cost grows with the number of selectors, and substring
attribute selectors (``[class*=date]``) cost about as much as a walk each, so the
query keeps to tag names, ``=``/``~=`` attribute tests and class words. What is
near the headline is read by a bounded walk (:mod:`thresher.extract.headline`),
not by page-wide class queries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from functools import cache, cached_property
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from thresher.extract.dates import DayOrder, day_order, parse_fetch_date
from thresher.extract.headline import Surroundings, find_headline, read_around, read_top
from thresher.extract.jsonld import JsonLd, read_jsonld
from thresher.extract.normalize import clean_text, host_of, normalize_language

__all__ = ["PageSources"]

_META_KEYS: Final = ("property", "name", "itemprop", "http-equiv")

#: Byline markup anywhere on the page (the last resort of the author rules).
AUTHOR_SELECTORS: Final = (
    '[itemprop~="author" i]',
    '[itemprop~="creator" i]',
    '[rel~="author" i]',
    ".byline",
    ".author",
    ".author-name",
)

_WANTED: Final = ", ".join(
    (
        "meta[content]",
        'script[type="application/ld+json" i]',
        'link[rel~="canonical" i]',
        "title",
        "h1",
        "h2",
        "time",
        *AUTHOR_SELECTORS,
    )
)
_HEAD_ONLY: Final = frozenset({"meta", "script", "link", "title"})
_KANA: Final = re.compile(r"[\u3040-\u30ff]")
_HANGUL: Final = re.compile(r"[\uac00-\ud7af]")
_HAN: Final = re.compile(r"[\u4e00-\u9fff]")


_ATTRIBUTE_SELECTOR: Final = re.compile(r"\[[^\]]*\]")
_LAST_TAG: Final = re.compile(r"(?:^|[\s>+~])([a-z][a-z0-9]*)[^\s>+~]*$")


@cache
def _selector_tag(selector: str) -> str | None:
    """The tag name the last compound of ``selector`` requires, if any.

    Cached: it is asked for the same few constant selectors on every page.
    """
    found = _LAST_TAG.search(_ATTRIBUTE_SELECTOR.sub("", selector))
    return found.group(1) if found else None


def _author_rank(node: LexborNode) -> int | None:
    """The rank of the first of :data:`AUTHOR_SELECTORS` that ``node`` matches."""
    attrs = node.attrs
    itemprop = (attrs.get("itemprop") or "").lower().split()
    if "author" in itemprop:
        return 0
    if "creator" in itemprop:
        return 1
    if "author" in (attrs.get("rel") or "").lower().split():
        return 2
    classes = (attrs.get("class") or "").split()
    for rank, name in enumerate(("byline", "author", "author-name"), start=3):
        if name in classes:
            return rank
    return None


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


class PageSources:
    """The page's metadata-bearing elements, meta tags, JSON-LD nodes and headline."""

    def __init__(
        self, tree: LexborHTMLParser, url: str | None, fetch_date: str | None = None
    ) -> None:
        self.tree = tree
        self.url = url
        self.host = host_of(url)
        self.fetched: datetime | None = parse_fetch_date(fetch_date)
        elements: list[LexborNode] = tree.css(_WANTED)
        # Elements by tag (``node.tag`` builds a new string on every access), and
        # those of the body in document order, for selectors without a tag.
        self.by_tag: dict[str, list[LexborNode]] = {}
        self.body_elements: list[LexborNode] = []
        for node in elements:
            tag = node.tag or ""
            self.by_tag.setdefault(tag, []).append(node)
            if tag not in _HEAD_ONLY:
                self.body_elements.append(node)
        self.meta = _meta_values(self.by_tag.get("meta", ()))
        self.ld: JsonLd = read_jsonld(
            node.text(deep=True) or "" for node in self.by_tag.get("script", ())
        )

    # ------------------------------------------------------------------ meta tags

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

    # ------------------------------------------------------------------- elements

    def matching(self, selector: str) -> Iterator[LexborNode]:
        """The collected elements that match ``selector``, in document order.

        ``selector`` must select a subset of the collected elements. As selectolax's
        ``css_matches`` has it, an element matches when it or a descendant does.
        Elements of another tag than the selector's (or, for a selector without
        one, the head elements) are skipped before the comparatively slow
        ``css_matches``.
        """
        tag = _selector_tag(selector)
        nodes = self.body_elements if tag is None else self.by_tag.get(tag, ())
        for node in nodes:
            if selector == tag or node.css_matches(selector):
                yield node

    @cached_property
    def byline_elements(self) -> list[LexborNode]:
        """The elements of :data:`AUTHOR_SELECTORS`, in that order of the selectors,
        then in document order (read from their attributes: cheaper than matching
        each selector against every collected element)."""
        ranked: list[tuple[int, int, LexborNode]] = []
        for index, node in enumerate(self.body_elements):
            rank = _author_rank(node)
            if rank is not None:
                ranked.append((rank, index, node))
        ranked.sort(key=lambda entry: entry[:2])
        return [node for _, _, node in ranked]

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
        for node in self.matching("title"):
            parent = node.parent
            if parent is not None and parent.tag == "head":
                return clean_text(node.text(deep=True))
        return self.text_of("title")

    @cached_property
    def heading(self) -> str | None:
        """The text of the first ``<h1>``."""
        return self.text_of("h1")

    # ------------------------------------------------------------------ language

    @cached_property
    def language_tag(self) -> str | None:
        """The page's declared language as written (``en-US``), first found of
        JSON-LD ``inLanguage``, ``<html lang>``, ``og:locale`` and meta tags."""
        ld = self.ld
        in_language = ld.first("inLanguage") or ld.site.get("inLanguage")
        if isinstance(in_language, dict):
            in_language = in_language.get("alternateName") or in_language.get("name")
        root = self.tree.root
        candidates = (
            in_language,
            root.attributes.get("lang") if root is not None else None,
            root.attributes.get("xml:lang") if root is not None else None,
            self.meta_first("og:locale", "content-language", "language", "dc.language"),
        )
        for candidate in candidates:
            if normalize_language(candidate) is not None:
                return clean_text(candidate)
        return None

    @cached_property
    def language(self) -> str | None:
        """The declared language's primary subtag (``en``)."""
        return normalize_language(self.language_tag)

    @cached_property
    def script_language(self) -> str | None:
        """The declared language, else one told by the title's script: ``ja`` for
        kana, ``ko`` for Hangul, ``zh`` for Han alone (old Chinese pages declare a
        charset, not a language)."""
        if self.language is not None:
            return self.language
        title = self.page_title or ""
        if _KANA.search(title):
            return "ja"
        if _HANGUL.search(title):
            return "ko"
        if _HAN.search(title):
            return "zh"
        return None

    @cached_property
    def day_order(self) -> DayOrder:
        """How this page's ``a/b/yyyy`` dates read (see :func:`~.dates.day_order`)."""
        return day_order(self.language_tag or self.script_language, self.host)

    # ------------------------------------------------------------------ headline

    @cached_property
    def headline(self) -> LexborNode | None:
        """The element showing the page's headline (see :mod:`.headline`)."""
        headings = self.by_tag.get("h1", []) + self.by_tag.get("h2", [])
        ld = self.ld
        titles = (
            clean_text(ld.article.get("headline")),
            self.meta_first("og:title"),
            self.page_title,
        )
        return find_headline(self.tree, headings, titles)

    @cached_property
    def around(self) -> Surroundings:
        """The text and bylines next to the headline; without a headline, the top of
        the page's text (see :func:`~.headline.read_top`)."""
        headline = self.headline
        if headline is not None:
            return read_around(headline)
        body = self.tree.body
        return read_top(body) if body is not None else Surroundings()
