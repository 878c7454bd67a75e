"""A page's author(s): the first trustworthy source that names a person.

The sources, in order:

1. JSON-LD ``author`` / ``creator`` of the article (persons; ``@id`` references
   and ``@graph`` followed);
2. ``<meta>`` tags: ``author``, ``article:author`` (when not a URL),
   ``citation_author``, ``DC.creator``, ``parsely-author``, ``sailthru.author``,
   ``byl``, and the "Written by" label/data pair of Twitter cards;
3. the byline next to the headline (:mod:`.headline`): an element there that says
   it holds the author (``rel=author``, a link to an author page, a class such as
   ``byline`` or ``author``), then a byline written in the text around the headline
   in one of several languages (:func:`~.names.byline_names`);
4. byline markup anywhere (``itemprop="author"``, ``rel=author``, ``.byline``,
   ``.author``).

A name from 1 or 2 that is the site's own name (a meta author "Daily Herald" on
dailyherald.example), an organization, a CMS user handle (``jdoe_7``) or a
placeholder ("Staff", "Admin") is kept aside: it is the answer only when no source
names a person. Several names are joined with ``"; "``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import Final

from selectolax.lexbor import LexborNode

from thresher.extract.headline import title_parts
from thresher.extract.jsonld import author_entries
from thresher.extract.names import (
    byline_names,
    clean_author,
    flip_last_first,
    is_generic,
    is_role,
    looks_like_handle,
)
from thresher.extract.sources import PageSources

__all__ = ["page_author"]

_META_NAMES: Final = (
    ("author",),
    ("article:author",),
    ("citation_author",),
    ("dc.creator", "dcterms.creator"),
    ("parsely-author", "sailthru.author", "byl", "cxenseparse:author", "author_name"),
)
_WRITTEN_BY: Final = re.compile(
    r"^(?:written\s+by|author|authors|by|autor|auteur|autore|verfasst\s+von|escrito\s+por)$",
    re.IGNORECASE,
)
_NOT_WORD: Final = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    return _NOT_WORD.sub("", text).casefold()


class _Names:
    """Found names, split into people and the weaker kept-aside ones."""

    def __init__(self, src: PageSources, sitename: str | None) -> None:
        self.src = src
        self.sitename = sitename
        self.language = src.script_language
        self.weak: list[str] = []

    @cached_property
    def sites(self) -> list[str]:
        """Match keys of the names the site goes by: its name, host, title parts."""
        src = self.src
        sites = [self.sitename or "", (src.host or "").rsplit(".", 1)[0], *_title_extras(src)]
        return [key for key in map(_key, sites) if len(key) >= 2]

    def is_site(self, name: str) -> bool:
        key = _key(name)
        return bool(key) and any(key in site or site in key for site in self.sites)

    def person(self, values: Iterable[str | None], trusted: bool = True) -> str | None:
        """The cleaned names if they name a person; else keep them aside."""
        found = clean_author(values, self.language)
        if found is None:
            return None
        names = found.split("; ")
        weak = all(is_generic(n) or is_role(n) or self.is_site(n) for n in names) or (
            not trusted and all(looks_like_handle(n) for n in names)
        )
        if weak:
            self.weak.append(found)
            return None
        return found


def _title_extras(src: PageSources) -> list[str]:
    """The parts of ``<title>`` other than its longest: site and section names."""
    parts = title_parts(src.page_title or "")
    if len(parts) < 2:
        return []
    longest = max(parts, key=len)
    return [part for part in parts if part is not longest]


def page_author(src: PageSources, sitename: str | None) -> str | None:
    """The page's author(s), ``"; "``-joined (see the module docstring)."""
    names = _Names(src, sitename)
    for found in _candidates(src, names):
        if found is not None:
            return found
    return names.weak[0] if names.weak else None


def _candidates(src: PageSources, names: _Names) -> Iterator[str | None]:
    """Names from the sources of the module docstring, in order, lazily (``None``
    where a source names no person)."""
    ld = src.ld
    value = ld.first("author", "creator")
    if value is not None:
        entries = list(author_entries(ld, value))
        people = [name for name, is_org in entries if not is_org]
        yield names.person(people, trusted=False)
        organization = clean_author([name for name, is_org in entries if is_org], names.language)
        if organization is not None:
            names.weak.append(organization)
    for keys in _META_NAMES:
        values = src.meta_all(*keys)
        if keys[0] in _LAST_FIRST:
            values = [flip_last_first(value) for value in values]
        yield names.person(values, trusted=False)
    yield names.person([_twitter_written_by(src)], trusted=False)
    around = src.around
    for _, text, lead in around.bylines:
        yield names.person([byline_names(text, names.language)])
        yield names.person([lead if _noisy(text) else text])
    for text in (around.after, around.before):
        if text:
            yield names.person([byline_names(text, names.language)])
    for node in src.byline_elements:
        yield names.person([_byline_text(node)])


_LAST_FIRST: Final = frozenset({"citation_author", "dc.creator"})
_DIGIT_GROUPS: Final = re.compile(r"\d+")
MAX_BYLINE_WORDS: Final = 8


def _noisy(text: str) -> bool:
    """A byline element's text holds more than names: counts, dates, a profile."""
    return len(_DIGIT_GROUPS.findall(text)) >= 2 or len(text.split()) > MAX_BYLINE_WORDS


def _twitter_written_by(src: PageSources) -> str | None:
    """The data of a Twitter card label "Written by" (Yoast SEO writes one)."""
    for number in range(1, 5):
        label = src.meta_first(f"twitter:label{number}")
        if label is None:
            break
        if _WRITTEN_BY.match(label.strip()):
            return src.meta_first(f"twitter:data{number}")
    return None


def _byline_text(node: LexborNode) -> str | None:
    """The name in a byline element (its ``itemprop="name"`` part if it has one)."""
    if node.tag in ("meta", "link"):
        return None
    part = node.css_first('[itemprop~="name" i]')
    target = part if part is not None else node
    text = target.attributes.get("content") or target.text(deep=True, separator=" ")
    return text if text and text.strip() else None
