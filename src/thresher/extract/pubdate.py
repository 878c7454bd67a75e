"""A page's publication date: the first trustworthy source that has one.

The sources, in order (a date after the fetch date, plus a day, is never taken):

1. a full date in the URL's path (``/2012/03/21/``): news sites put the day of
   publication there, and it does not move when the page is updated;
2. what the page declares as its publication date: JSON-LD ``datePublished`` /
   ``dateCreated`` / ``uploadDate``, ``<meta>`` tags (``article:published_time``,
   ``pubdate``, ``DC.date``, ``parsely-pub-date``, ``sailthru.date``...),
   ``<time pubdate>`` and ``<time itemprop="datePublished">`` (not those of an
   answer's or a comment's microdata item);
3. the dateline next to the headline (:mod:`.headline`): the first date after the
   headline, in text or in a ``<time datetime>`` or hAtom ``<abbr
   class="published">``, that no label calls "updated" or another kind of date
   ("Joined:", "today is") and that does not sit in a sentence; then the nearest
   date just before the headline, inside its container. A page without a headline
   is read from the top of its text instead, where a labelled date, then one
   followed by a time of day (a news dateline), wins;
4. a ``<time datetime>`` anywhere else (blog themes mark the entry date with one);
5. modification dates as the fallback: one labelled "updated" next to the
   headline, JSON-LD ``dateModified``, ``article:modified_time``...

Published is preferred over modified, as htmldate's "original date" does. Dates
in a page's header ("today is ..."), sidebars, comments, related articles and
footer are read only through step 4, after everything next to the headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any, Final

from selectolax.lexbor import LexborNode

from thresher.extract.dates import FoundDate, find_dates, label_kind, parse_date, url_date
from thresher.extract.headline import Surroundings
from thresher.extract.sources import PageSources

__all__ = ["publication_date"]

DATE_META: Final = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "prism.publicationdate",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "published-date",
    "release_date",
    "originalpublicationdate",
    "datecreated",
    "dc.created",
    "created",
    "firstpublishedtime",
    "cxenseparse:recs:publishtime",
    "article:published",
    "article_date_original",
    "date_published",
    "og:pubdate",
    "dc.date.published",
    "rnews:datepublished",
    "bt:pubdate",
    "pdate",
    "ptime",
)
MODIFIED_META: Final = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "dc.date.modified",
)
_TIME_CLASSES: Final = frozenset(
    ("published", "entry-date", "post-date", "posted-on", "pubdate", "publish-date",
     "date-published", "article-date", "story-date")
)  # fmt: skip
NEAR_CHARS: Final = 250
"""A date further than this after the headline (a short article's related links) ranks
below one just before the headline."""
MAX_PROSE_LINE: Final = 120
"""A date on a longer line is in a sentence (unless a label says it is the publication
date): "The law takes effect on 1 August 2026" is not a dateline."""


def publication_date(src: PageSources) -> str | None:
    """The page's publication date as ``YYYY-MM-DD`` (see the module docstring)."""
    latest = src.fetched.date() + timedelta(days=1) if src.fetched is not None else None
    for found in _candidates(src):
        if found is not None and (latest is None or found <= latest):
            return found.isoformat()
    return None


def _candidates(src: PageSources) -> Iterator[date | None]:
    """Dates from the sources of the module docstring, most trusted first, lazily."""
    yield url_date(src.url)
    order = src.day_order
    ld = src.ld
    for value in (ld.first("datePublished"), ld.first("dateCreated", "uploadDate")):
        yield _parse(value, order)
    for value in src.meta_all(*DATE_META):
        yield parse_date(value, order)
    yield from _declared_elements(src)
    near = _Near()
    if src.headline is None:
        yield _top_of_page(src)
    else:
        around = src.around
        near = _near_headline(src, around)
        if near.offset <= NEAR_CHARS:
            yield near.published
        yield _before_headline(src, around)
        yield near.published
    yield from _time_elements(src)
    yield near.updated
    yield _parse(ld.first("dateModified"), order)
    for value in src.meta_all(*MODIFIED_META):
        yield parse_date(value, order)


_CLOCK: Final = re.compile(r"^\D{0,3}\d{1,2}[:：时時h]\d\d")


def _top_of_page(src: PageSources) -> date | None:
    """For a page without a headline: a dateline in the first lines of its text.

    The first date labelled "published", else the first with a time of day after it
    (news datelines carry one: "2005年03月21日10:23"), else the first ``<time>``, else
    the first date; none of them labelled "updated" or as another kind of date
    ("today is", "joined"), nor in a sentence.
    """
    top = src.around
    text = top.after
    order = src.day_order
    dates = [
        item
        for item in find_dates(text, order, src.fetched)
        if item.kind in ("published", "plain") and not _in_prose(text, item)
    ]
    for item in dates:
        if item.kind == "published":
            return item.value
    for item in dates:
        if _CLOCK.match(text[item.end : item.end + 12]):
            return item.value
    for offset, value in top.times:
        if label_kind(text, offset) in ("published", "plain"):
            found = parse_date(value, order)
            if found is not None:
                return found
    return dates[0].value if dates else None


def _parse(value: Any, order: Any) -> date | None:
    """A JSON-LD date value (a string, or the first of a list)."""
    if isinstance(value, list) and value:
        value = value[0]
    return parse_date(value, order)


def _declared_elements(src: PageSources) -> Iterator[date | None]:
    """``<time pubdate>`` and ``<time itemprop="datePublished">``.

    Only ``<time>`` elements, and not those of a microdata item that is an answer,
    a comment or a review: on question-and-answer and forum pages, the
    ``datePublished`` and ``dateCreated`` items belong to the replies.
    """
    order = src.day_order
    for node in src.matching("time"):
        attrs = node.attributes
        itemprop = (attrs.get("itemprop") or "").lower().split()
        if ("pubdate" in attrs or "datepublished" in itemprop) and not _in_reply(node):
            yield parse_date(attrs.get("datetime") or node.text(deep=True), order)


_REPLY_TYPES: Final = re.compile(r"Answer|Comment|Review|Question|Reply", re.IGNORECASE)
MAX_ITEM_DEPTH: Final = 30
"""Ancestors looked at for the microdata item an element belongs to."""


def _in_reply(node: LexborNode) -> bool:
    """The element belongs to a microdata item typed as an answer, comment or review."""
    current = node.parent
    for _ in range(MAX_ITEM_DEPTH):
        if current is None:
            return False
        if current.is_element_node:
            attrs = current.attrs
            if "itemscope" in attrs:
                return _REPLY_TYPES.search(attrs.get("itemtype") or "") is not None
        current = current.parent
    return False


class _Near:
    """The first published-or-plain and the first updated date next to the headline."""

    __slots__ = ("offset", "published", "updated")

    def __init__(self) -> None:
        self.published: date | None = None
        self.offset = 0
        """Where ``published`` is in the text after the headline."""
        self.updated: date | None = None


def _near_headline(src: PageSources, around: Surroundings) -> _Near:
    near = _Near()
    if not around.after:
        return near
    order = src.day_order
    found: list[tuple[int, date, str]] = []
    for item in find_dates(around.after, order, src.fetched):
        if item.kind == "published" or not _in_prose(around.after, item):
            found.append((item.start, item.value, item.kind))
    for offset, attribute in around.times:
        parsed = parse_date(attribute, order)
        if parsed is not None:
            found.append((offset, parsed, label_kind(around.after, offset)))
    found.sort(key=lambda entry: entry[0])
    for offset, day, kind in found:
        if kind == "other":
            continue
        if kind == "updated":
            near.updated = near.updated or day
        elif near.published is None:
            near.published, near.offset = day, offset
    return near


def _in_prose(text: str, item: FoundDate) -> bool:
    start = text.rfind("\n", 0, item.start) + 1
    end = text.find("\n", item.end)
    return (len(text) if end < 0 else end) - start > MAX_PROSE_LINE


def _before_headline(src: PageSources, around: Surroundings) -> date | None:
    """The date nearest before the headline, unless labelled "updated" or in prose."""
    best: date | None = None
    for item in find_dates(around.before, src.day_order, src.fetched):
        if item.kind in ("published", "plain") and not _in_prose(around.before, item):
            best = item.value
    return best


def _time_elements(src: PageSources) -> Iterable[date | None]:
    """``<time datetime>`` elements: those with a publication class, then any."""
    order = src.day_order
    times = [node for node in src.matching("time") if node.attributes.get("datetime")]
    for node in times:
        classes = set((node.attributes.get("class") or "").lower().split())
        if classes & _TIME_CLASSES:
            yield parse_date(node.attributes.get("datetime"), order)
    for node in times:
        yield parse_date(node.attributes.get("datetime"), order)
