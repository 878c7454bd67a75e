"""Page metadata (title, author, date, site name, ...) from a parsed HTML tree.

Each field is taken from the first source that has a usable value, most
trustworthy first. The sources, in the general order:

1. JSON-LD (schema.org ``Article``-like nodes, then ``WebPage``-like nodes, then
   ``WebSite`` / ``Organization``; ``@graph`` and ``@id`` references are followed);
2. OpenGraph and ``article:*`` properties;
3. other ``<meta>`` names (``author``, ``description``, ``keywords``, ``date``,
   ``dc.*``, ``citation_*``, ``twitter:*``, ...);
4. markup: ``<html lang>``, ``<link rel=canonical>``, and the lines next to the
   page's headline (:mod:`.headline`), where datelines and bylines are written;
5. ``<title>`` (with a " | Site name" part removed when it is the site name), then ``<h1>``.

The publication date and the author have their own modules, which say where they
look and in which order: :mod:`.pubdate` (URL dates, declared dates, the dateline
next to the headline in many languages and formats, relative dates read against
the fetch date, modification dates last) and :mod:`.authors` (JSON-LD persons,
meta tags, the byline next to the headline; site names, organizations and user
handles only as a last resort).

Per field deviations from that order, and why:

* ``sitename``: ``og:site_name`` comes before JSON-LD ``publisher.name``, which is
  often the publisher's legal name rather than the brand the page shows;
* ``url``: ``<link rel=canonical>`` comes first (it is what the page says its
  canonical address is), then ``og:url``, then JSON-LD ``url``.

Values are normalized: dates to ``YYYY-MM-DD``, languages to a lowercase primary
subtag (``en-US`` -> ``en``), authors cleaned of "By"-like prefixes, roles and
trailing dates and joined with ``"; "``, URLs resolved against the page URL.
Nothing here raises on broken input: a JSON-LD block that does not parse is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from thresher.extract.authors import page_author
from thresher.extract.jsonld import keywords, name_of
from thresher.extract.names import clean_author
from thresher.extract.normalize import (
    absolute_url,
    clean_text,
    clean_title,
    host_of,
    normalize_date,
    normalize_language,
    site_from_title,
)
from thresher.extract.pubdate import publication_date
from thresher.extract.sources import PageSources

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


_URL_LIKE = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)


def _sitename(src: PageSources) -> str | None:
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


def _title(src: PageSources, sitename: str | None) -> str | None:
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


def _language(src: PageSources) -> str | None:
    """Declared language: JSON-LD, ``<html lang>``, ``og:locale``, meta."""
    return src.language


def _canonical(src: PageSources) -> str | None:
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


def _tags(src: PageSources) -> tuple[str, ...]:
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


def _description(src: PageSources) -> str | None:
    """Description: JSON-LD, OpenGraph, meta description, Twitter card."""
    ld = src.ld
    return clean_text(ld.first("description")) or src.meta_first(
        "og:description", "description", "twitter:description", "dc.description"
    )


def extract_metadata(
    tree: LexborHTMLParser, url: str | None, fetch_date: str | None = None
) -> Metadata:
    """What ``tree`` says about itself; ``url`` is the page's address, if known.

    ``fetch_date`` (ISO 8601, the WARC-Date) is when the page was fetched: relative
    dates are read against it, and no later date is taken for the publication date.
    See the module docstring for the sources of each field. Never raises on
    malformed markup or JSON-LD.
    """
    src = PageSources(tree, url, fetch_date)
    sitename = _sitename(src)
    return Metadata(
        title=_title(src, sitename),
        author=page_author(src, sitename),
        date=publication_date(src),
        sitename=sitename,
        description=_description(src),
        language=_language(src),
        url=_canonical(src),
        tags=_tags(src),
    )
