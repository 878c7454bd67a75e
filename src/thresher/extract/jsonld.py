"""JSON-LD (schema.org) blocks of a page: parsed leniently, the useful nodes picked.

Crawled JSON-LD is often broken (CDATA wrappers, trailing commas, several objects
in one script, truncation). Parsing never raises: what does not parse is skipped.
The nodes metadata is read from are the first ``Article``-like node (not
``Review``: product pages carry many, one per customer review), the first
``WebPage``-like node, the ``WebSite`` and the ``Organization``; ``{"@id": ...}``
references are resolved against the nodes that carry that id.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from thresher.extract.normalize import clean_text

__all__ = [
    "JsonLd",
    "author_entries",
    "keywords",
    "name_of",
    "parse_lenient",
    "person_names",
    "read_jsonld",
]

MAX_JSONLD_CHARS = 500_000
"""JSON-LD blocks longer than this are skipped (bounds parse time)."""

MAX_JSONLD_NODES = 2_000
"""At most this many JSON-LD objects are visited per page."""


_ARTICLE_TYPES = frozenset(
    [
        "Article",
        "NewsArticle",
        "BlogPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "ReviewNewsArticle",
        "BackgroundNewsArticle",
        "AskPublicNewsArticle",
        "LiveBlogPosting",
        "SocialMediaPosting",
        "DiscussionForumPosting",
        "Recipe",
        "HowTo",
    ]
)
_PAGE_TYPES = frozenset(
    [
        "WebPage",
        "ItemPage",
        "AboutPage",
        "CollectionPage",
        "ProfilePage",
        "QAPage",
        "FAQPage",
        "MedicalWebPage",
        "ContactPage",
        "CheckoutPage",
        "SearchResultsPage",
        "RealEstateListing",
    ]
)
_SITE_TYPES = frozenset({"WebSite"})
_ORG_TYPES = frozenset({"Organization", "NewsMediaOrganization", "Corporation"})
_BROKEN_JSON_FIXES = (
    (re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$"), ""),
    (re.compile(r"^\s*<!--|-->\s*$"), ""),
    (re.compile(r",\s*([}\]])"), r"\1"),
    (re.compile(r";\s*$"), ""),
)


def parse_lenient(text: str) -> list[Any]:
    """All JSON values in a script body; tolerates CDATA, comments, trailing commas.

    Returns ``[]`` when nothing parses (and never raises).
    """
    if len(text) > MAX_JSONLD_CHARS:
        return []
    for attempt in range(2):
        if attempt:
            for pattern, replacement in _BROKEN_JSON_FIXES:
                text = pattern.sub(replacement, text)
        values = _decode_concatenated(text)
        if values:
            return values
    return []


def _decode_concatenated(text: str) -> list[Any]:
    """JSON values written one after another (``{...}{...}``), as many as parse."""
    decoder = json.JSONDecoder(strict=False)
    values: list[Any] = []
    position, end = 0, len(text)
    while position < end:
        while position < end and text[position] in " \t\r\n,;":
            position += 1
        if position >= end:
            break
        try:
            value, position = decoder.raw_decode(text, position)
        except (ValueError, RecursionError):
            break
        values.append(value)
    return values


def _type_names(node: Mapping[str, Any]) -> set[str]:
    """The node's ``@type`` values without vocabulary prefixes."""
    raw = node.get("@type")
    names = raw if isinstance(raw, list) else [raw]
    return {re.split(r"[/:#]", n)[-1] for n in names if isinstance(n, str)}


def _walk_jsonld(values: list[Any]) -> list[dict[str, Any]]:
    """Every JSON object in document order (breadth-first, bounded)."""
    found: list[dict[str, Any]] = []
    queue: list[Any] = list(values)
    index = 0
    while index < len(queue) and len(found) < MAX_JSONLD_NODES:
        value = queue[index]
        index += 1
        if isinstance(value, dict):
            found.append(value)
            queue.extend(v for v in value.values() if isinstance(v, (dict, list)))
        elif isinstance(value, list):
            queue.extend(v for v in value if isinstance(v, (dict, list)))
    return found


@dataclass(frozen=True, slots=True)
class JsonLd:
    """The JSON-LD nodes of a page that metadata is read from."""

    article: Mapping[str, Any]
    page: Mapping[str, Any]
    site: Mapping[str, Any]
    organization: Mapping[str, Any]
    by_id: Mapping[str, Mapping[str, Any]]

    def resolve(self, value: Any) -> Any:
        """Follow an ``{"@id": ...}`` reference to the node it names."""
        if isinstance(value, dict) and isinstance(value.get("@id"), str) and len(value) <= 2:
            return self.by_id.get(value["@id"], value)
        return value

    def first(self, *keys: str) -> Any:
        """The first value of ``keys`` in the article node, then the page node."""
        for node in (self.article, self.page):
            for key in keys:
                value = node.get(key)
                if value not in (None, "", []):
                    return value
        return None


def read_jsonld(scripts: Iterable[str]) -> JsonLd:
    """Parse the bodies of a page's ``application/ld+json`` scripts; pick the nodes to read."""
    values: list[Any] = []
    for script in scripts:
        values.extend(parse_lenient(script))
    nodes = _walk_jsonld(values)
    picked: dict[str, Mapping[str, Any]] = {}
    by_id: dict[str, Mapping[str, Any]] = {}
    for node in nodes:
        identifier = node.get("@id")
        if isinstance(identifier, str) and len(node) > 2:
            by_id.setdefault(identifier, node)
        types = _type_names(node)
        for role, wanted in (
            ("article", _ARTICLE_TYPES),
            ("page", _PAGE_TYPES),
            ("site", _SITE_TYPES),
            ("organization", _ORG_TYPES),
        ):
            if types & wanted:
                picked.setdefault(role, node)
    empty: Mapping[str, Any] = {}
    return JsonLd(
        article=picked.get("article", empty),
        page=picked.get("page", empty),
        site=picked.get("site", empty),
        organization=picked.get("organization", empty),
        by_id=by_id,
    )


def person_names(ld: JsonLd, value: Any) -> Iterator[str]:
    """Names in a schema.org ``author`` value (string, object, list, reference)."""
    for name, _ in author_entries(ld, value):
        yield name


def author_entries(ld: JsonLd, value: Any) -> Iterator[tuple[str, bool]]:
    """``(name, is_organization)`` of each author in a schema.org ``author`` value.

    A node typed ``Organization`` (or a kind of it) is an organization; strings and
    untyped nodes count as persons.
    """
    items = value if isinstance(value, list) else [value]
    for item in items[:20]:
        item = ld.resolve(item)
        if isinstance(item, str):
            yield item, False
        elif isinstance(item, dict):
            is_org = bool(_type_names(item) & (_ORG_TYPES | _SITE_TYPES | _OTHER_ORG_TYPES))
            name = item.get("name")
            if isinstance(name, list) and name and isinstance(name[0], str):
                name = name[0]
            if isinstance(name, str):
                yield name, is_org
            elif isinstance(item.get("familyName"), str):
                yield f"{item.get('givenName') or ''} {item['familyName']}".strip(), is_org


_OTHER_ORG_TYPES = frozenset(
    {"NewsMediaOrganization", "LocalBusiness", "EducationalOrganization", "GovernmentOrganization",
     "MedicalOrganization", "NGO", "Brand", "Store", "Hospital", "CollegeOrUniversity"}
)  # fmt: skip


def name_of(ld: JsonLd, value: Any) -> str | None:
    """The ``name`` of an object or reference, or the value itself if a string."""
    value = ld.resolve(value)
    if isinstance(value, list) and value:
        value = ld.resolve(value[0])
    if isinstance(value, dict):
        value = value.get("name")
    return clean_text(value)


def keywords(value: Any) -> list[str]:
    """Tags from a keyword string (comma-separated) or list."""
    if isinstance(value, str):
        return re.split(r"[,;]", value)
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []
