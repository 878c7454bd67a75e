"""The page's headline and the few lines around it, where datelines and bylines sit.

A page shows many dates and names: a "today is ..." widget in the header, a
sidebar of recent posts, comments, related articles, a copyright line. The
article's own date and author are written next to its headline, just after it
("By Jane Doe | 21.03.2005") or just before it (a WordPress ``entry-meta``). This
module finds the headline element and reads a bounded window of text on each side
of it, so that the date and author rules look there first and nowhere else.

Finding the headline: the first ``<h1>`` (else ``<h2>``) whose text is the page's
title (``<title>`` without its site-name part, ``og:title`` or JSON-LD
``headline``); else, on a page without ``<h1>``, the element holding that title text
(old table layouts put the headline in a ``<td>`` or ``<font>``; one more CSS query);
else the first ``<h1>``. A page without a headline is read from the top of its text
(:func:`read_top`).

Reading around it, in document order and bounded (:data:`AFTER_CHARS`,
:data:`MAX_NODES`, :data:`BEFORE_CHARS`): the text after the headline, one line
per block element, with the ``datetime`` of each ``<time>`` met and the text of each
byline-like element (``rel=author``, a link to an author page, a class naming the
author); and the last characters of text before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = [
    "AFTER_CHARS",
    "BEFORE_CHARS",
    "MAX_NODES",
    "Surroundings",
    "find_headline",
    "read_around",
    "read_top",
    "title_keys",
    "title_parts",
]

AFTER_CHARS: Final = 600
"""Text read after the headline (a dateline and byline, the start of the article)."""
BEFORE_CHARS: Final = 160
"""Text read before the headline (a kicker, an ``entry-meta`` line above the title)."""
MAX_NODES: Final = 400
"""Nodes visited after the headline, whatever their text (bounds empty markup)."""
MAX_BYLINE_CHARS: Final = 200
"""A byline-like element with more text than this is a container, not a byline."""


# Never read: code, and what shows no dateline or byline (menus, buttons, figures,
# whose captions credit photographers)
_SKIPPED_TAGS: Final = ("script", "style", "noscript", "template", "svg", "iframe", "select",
                        "textarea", "nav", "button", "figure")  # fmt: skip
_BLOCK_TAGS: Final = (
    "p", "div", "li", "td", "th", "tr", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "br",
    "section", "article", "header", "footer", "aside", "nav", "main", "ul", "ol", "table",
    "dl", "blockquote", "figure", "figcaption", "form", "address",
)  # fmt: skip


def _tag_ids() -> dict[str, int]:
    """Lexbor's tag ids by name, read from a parsed sample (cheaper than ``node.tag``)."""
    names = {*_SKIPPED_TAGS, *_BLOCK_TAGS, "a", "abbr", "time", "button", "body", "html"}
    loose = "".join(f"<{n}></{n}>" for n in sorted(names) if n not in ("td", "th", "tr"))
    sample = LexborHTMLParser(f"<body>{loose}<table><tr><th></th><td></td></tr></table>")
    root = sample.root
    nodes = root.traverse() if root is not None else ()
    found = {node.tag: node.tag_id for node in nodes if node.is_element_node}
    return {name: tag_id for name, tag_id in found.items() if name is not None}


def _text_id() -> int:
    """Lexbor's id of text nodes."""
    paragraph = LexborHTMLParser("<p>x</p>").css_first("p")
    child = paragraph.child if paragraph is not None else None
    return child.tag_id if child is not None else -1


_IDS: Final = _tag_ids()
_TEXT_ID: Final = _text_id()
_SKIP: Final = frozenset(_IDS[n] for n in _SKIPPED_TAGS if n in _IDS)
# Containers that are never a byline themselves (their children are looked at).
_NO_BYLINE: Final = frozenset(_IDS[n] for n in ("ul", "ol", "table", "tr", "dl", "br") if n in _IDS)
_BLOCK: Final = frozenset(_IDS[n] for n in _BLOCK_TAGS if n in _IDS)
_A: Final = _IDS["a"]
_TIME: Final = _IDS["time"]
_ABBR: Final = _IDS["abbr"]
_BODY_LIKE: Final = frozenset({"body", "html"})
_BODY_IDS: Final = frozenset(_IDS[n] for n in ("body", "html") if n in _IDS)

# Pieces of class, id or itemprop names of elements that hold an author's name,
# searched in the lowercased names (a case-sensitive search is four times faster
# than an IGNORECASE one or a loop of substring tests).
_BYLINE_NAMES: Final = re.compile(
    "author|byline|by-line|writer|reporter|journalist|autor|auteur|firma|signat|zuozhe|"
    "bianji|nick|username|user-name|poster|posted-by|postedby|muhabir|redakteur|contributor"
)
# Links to an author's page.
_AUTHOR_HREF: Final = re.compile(
    r"/(?:author|authors|autor|autoren|autore|autori|auteur|auteurs|writer|writers|staff|"
    r"contributor|contributors|columnist|journalist|journalists|reporter|people|profile|"
    r"profiles|members?|users?|u|redaktion|redacteur|firmas?)(?:/|\.php|$)|"
    r"[?&](?:uid|user|author)=",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Surroundings:
    """What is written next to the headline."""

    after: str = ""
    """Text after the headline, a line per block element (at most :data:`AFTER_CHARS`)."""
    before: str = ""
    """The last :data:`BEFORE_CHARS` characters of text before the headline."""
    times: list[tuple[int, str]] = field(default_factory=list)
    """``(offset in after, value)`` of each ``<time datetime>`` (and hAtom ``<abbr
    class="published" title>``) after the headline."""
    bylines: list[tuple[int, str, str]] = field(default_factory=list)
    """``(offset in after, text, lead)`` of each byline-like element after the
    headline: its whole text, and its first line (with the next one when the first
    is only a label such as "By"): a user box's first line is the user's name."""


# ---------------------------------------------------------------------- the headline

_SEPARATORS: Final = re.compile(r"\s+[|\-–—·•»:/]\s+|\s*[|_｜]\s*|\s+::\s+|\s*--\s*|(?<=\w):\s+")
_NOT_WORD: Final = re.compile(r"[\W_]+")
MAX_HEADINGS: Final = 12
"""Headings compared with the title (the page's first ``<h1>`` and ``<h2>``)."""
MIN_TITLE_CHARS: Final = 4
"""A title part shorter than this (letters and digits) is not matched against."""


def _key(text: str) -> str:
    return _NOT_WORD.sub("", text).casefold()


def title_parts(title: str) -> list[str]:
    """A title's parts between separators ("Headline | Section | Site")."""
    return [part.strip() for part in _SEPARATORS.split(title) if part.strip()]


def title_keys(titles: Iterable[str | None]) -> list[str]:
    """Match keys of the page's titles and of their longest separator-delimited part."""
    keys: list[str] = []
    for title in titles:
        if not title:
            continue
        parts = title_parts(title)
        for text in (title, max(parts, key=len) if parts else title):
            key = _key(text)
            if len(key) >= MIN_TITLE_CHARS and key not in keys:
                keys.append(key)
    return keys


def _matches(node: LexborNode, keys: Sequence[str]) -> bool:
    """The element's text is one of the titles (or most of one)."""
    text = _key(node.text(deep=True))
    if len(text) < MIN_TITLE_CHARS:
        return False
    for key in keys:
        if text == key or (text in key and len(text) * 2 >= len(key)):
            return True
        if key in text and len(key) * 2 >= len(text):
            return True
    return False


def find_headline(
    tree: LexborHTMLParser,
    headings: Sequence[LexborNode],
    titles: Iterable[str | None],
) -> LexborNode | None:
    """The element that shows the page's headline, or ``None``.

    ``headings`` are the page's ``<h1>`` then ``<h2>`` elements in document order
    (already collected by the caller's one CSS query).
    """
    keys = title_keys(titles)
    if keys:
        for node in headings[:MAX_HEADINGS]:
            if _matches(node, keys):
                return node
        has_h1 = any(node.tag_id == _IDS["h1"] for node in headings)
        found = None if has_h1 else _holder_of_title(tree, keys[-1], keys)
        if found is not None:
            return found
    for node in headings:
        if node.tag_id == _IDS["h1"]:
            return node
    return None


_NOT_HEADLINE: Final = frozenset({"title", "meta", "option", "script", "style", "a", "textarea"})


def _holder_of_title(tree: LexborHTMLParser, key: str, keys: Sequence[str]) -> LexborNode | None:
    """The first body element whose own text holds the title (one extra CSS query)."""
    head = tree.head
    title_node = head.css_first("title") if head is not None else None
    raw = title_node.text(deep=True) if title_node is not None else ""
    probe = _probe(" ".join(raw.split()), key)
    if probe is None:
        return None
    try:
        found = tree.css(f':lexbor-contains("{probe}" i)')
    except Exception:  # selectolax raises its own error type on a selector it rejects
        return None
    for node in found:
        if node.tag in _NOT_HEADLINE or node.parent is None:
            continue
        if _matches(node, keys):
            return node
    return None


_PROBE_CHARS: Final = 12


# Characters a CSS string cannot hold as they are (quotes, escapes, line breaks).
_NOT_IN_PROBE: Final = frozenset('"\\\n\r\f\x00')
_TAG_PREFIX: Final = re.compile(r"^\s*(?:[【\[(（「][^】\])）」]{1,6}[】\])）」]\s*)+")


def _probe(raw_title: str, key: str) -> str | None:
    """A short piece of the raw title's main part to search element texts for.

    Taken from the start of the part whose key is ``key``, after a bracketed tag
    such as "【图】" or "[Video]", without quotes or backslashes (they would need
    escaping in the CSS string).
    """
    for part in _SEPARATORS.split(raw_title):
        if _key(part) == key or key in _key(part):
            piece = _TAG_PREFIX.sub("", part).strip()
            if len(piece) > _PROBE_CHARS:
                cut = piece[: _PROBE_CHARS + 1]
                space = cut.rfind(" ")  # end the probe at a word's end when one is near
                piece = cut[:space] if space >= MIN_TITLE_CHARS else cut[:_PROBE_CHARS]
            if not piece or any(c in piece for c in _NOT_IN_PROBE):
                return None
            return piece
    return None


# ----------------------------------------------------------------------- the window


def read_around(headline: LexborNode) -> Surroundings:
    """The text on both sides of ``headline`` (bounded, see the module docstring)."""
    around = Surroundings()
    _read_after(_next_outside(headline), around, AFTER_CHARS, MAX_NODES)
    around.before = _read_before(headline)
    return around


TOP_CHARS: Final = 3000
"""Text read from the top of a page that has no headline."""
MAX_TOP_NODES: Final = 3000


def read_top(body: LexborNode) -> Surroundings:
    """The first :data:`TOP_CHARS` characters of a page's text, read the same way as
    the text after a headline (for pages where no headline was found)."""
    top = Surroundings()
    _read_after(body.child, top, TOP_CHARS, MAX_TOP_NODES)
    return top


def _next_outside(node: LexborNode) -> LexborNode | None:
    """The next node in document order that is not inside ``node``."""
    current: LexborNode | None = node
    while current is not None:
        following = current.next
        if following is not None:
            return following
        current = current.parent
        if current is None or current.tag_id in _BODY_IDS:
            return None
    return None


def _read_after(
    start: LexborNode | None, around: Surroundings, max_chars: int, max_nodes: int
) -> None:
    """Read text from ``start`` on in document order into ``around.after``, with the
    ``<time>`` values and byline elements met, until ``max_chars`` characters (a
    line break per block element counts as one) or ``max_nodes`` nodes are read."""
    pieces: list[str] = []
    size = 0
    visited = 0
    node = start
    while node is not None and size < max_chars and visited < max_nodes:
        visited += 1
        tag = node.tag_id
        if tag == _TEXT_ID:
            text = node.text_content
            if text:
                text = text[: max_chars - size]  # a long paragraph is cut at the budget
                pieces.append(text)
                size += len(text)
            node = node.next or _next_outside(node)
            continue
        if tag in _SKIP or not node.is_element_node:
            node = node.next or _next_outside(node)
            continue
        if tag in _BLOCK:
            pieces.append("\n")
            size += 1
        if tag == _TIME:
            value = node.attrs.get("datetime")
            if value:
                around.times.append((size, value))
        elif tag == _ABBR:  # hAtom: <abbr class="published" title="2012-03-21T10:23:00">
            value = node.attrs.get("title")
            if value and "published" in (node.attrs.get("class") or ""):
                around.times.append((size, value))
        if tag not in _NO_BYLINE and _is_byline(node, tag):
            text = node.text(deep=True, separator=" ")
            if text and len(text) <= MAX_BYLINE_CHARS and text.strip():
                around.bylines.append((size, text, _lead(node)))
        child = node.child
        node = child if child is not None else _next_outside(node)
    around.after = "".join(pieces)


def _is_byline(node: LexborNode, tag: int) -> bool:
    attrs = node.attributes
    if tag == _A:
        rel = attrs.get("rel")
        if rel and "author" in rel.lower():
            return True
        href = attrs.get("href")
        if href and _AUTHOR_HREF.search(href):
            return True
    names = " ".join(filter(None, (attrs.get("class"), attrs.get("id"), attrs.get("itemprop"))))
    return bool(names) and _names_say_byline(names)


@lru_cache(maxsize=4096)
def _names_say_byline(names: str) -> bool:
    """Class/id/itemprop names that say "author" (cached: pages repeat their classes)."""
    return _BYLINE_NAMES.search(names.lower()) is not None


_LABEL_ONLY: Final = re.compile(
    r"^(?:by|von|par|por|di|door|written by|posted by|author|autor|auteur|作者|文|记者|記者|"
    r"著者|автор|بقلم)\s*[:：/／]?$",
    re.IGNORECASE,
)


def _lead(node: LexborNode) -> str:
    """The first line of an element's text (two when the first is a label)."""
    lines = [line.strip() for line in node.text(deep=True, separator="\n").split("\n")]
    lines = [line for line in lines if line]
    if len(lines) > 1 and _LABEL_ONLY.match(lines[0]):
        return lines[0] + " " + lines[1]
    return lines[0] if lines else ""


MAX_SIBLINGS: Final = 40
"""Siblings looked at on each level when reading back from the headline."""
MAX_LEVELS: Final = 3
"""Ancestors of the headline whose earlier siblings are read."""


def _read_before(headline: LexborNode) -> str:
    """Text before the headline inside its container (never the page's top level).

    Reading stops at the children of ``<body>``: what comes before the headline's
    whole container is the site's header, where "today's date" widgets sit.
    """
    pieces: list[str] = []
    size = 0
    node: LexborNode = headline
    for _ in range(MAX_LEVELS):
        parent = node.parent
        if parent is None or parent.tag in _BODY_LIKE or size >= BEFORE_CHARS:
            break
        sibling = node.prev
        seen = 0
        while sibling is not None and size < BEFORE_CHARS and seen < MAX_SIBLINGS:
            seen += 1
            text = _text_of(sibling)
            if text.strip():
                pieces.append(text)
                size += len(text.strip())
            sibling = sibling.prev
        node = parent
    return "".join(reversed(pieces))[-(BEFORE_CHARS * 2) :]


def _text_of(node: LexborNode) -> str:
    tag = node.tag_id
    if tag == _TEXT_ID:
        return node.text_content or ""
    if not node.is_element_node or tag in _SKIP:
        return ""
    text = node.text(deep=True, separator="\n")
    return "\n" + text + "\n" if tag in _BLOCK else text
