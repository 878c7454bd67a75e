"""One pass over the DOM that turns it into a light tree of blocks and lines.

The extractor's Python work is bounded by this walk: every later stage (scoring,
selection, rendering) runs on the much smaller `Box`/`Line` tree it builds. Inline
markup is flattened into `Line`s (one per paragraph, heading, list item, cell, code
block) that carry their text, their markdown and how much of them is link text.
Subtrees that are boilerplate by name, role or class vocabulary are skipped here, so
their nodes are never visited, unless they hold most of the page's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from selectolax.lexbor import LexborNode

from thresher.extract import vocab

_CAMEL: Final = re.compile(r"([a-z0-9])([A-Z])")
_DISPLAY_NONE: Final = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")

_LINE_KIND: Final = {
    "p": "p", "h1": "h1", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h5", "h6": "h6",
    "li": "li", "pre": "pre", "td": "cell", "th": "cell", "blockquote": "quote",
    "dt": "dt", "dd": "dd", "figcaption": "caption", "caption": "caption",
}  # fmt: skip

#: A line this long, mostly link text, can title a teaser card.
CARD_TITLE_CHARS: Final = 15
#: A plain line longer than this is more than a teaser's excerpt line.
LONG_LINE_CHARS: Final = 150

#: Blocks that hold inline content only: their text is taken in one C call.
_LEAF_TAGS: Final = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6"})
_SPACE_BEFORE_PUNCT: Final = re.compile(r" (?=[,.;:!?)\]}])")
_LEAF_BREAKERS: Final = "br, code, button, select, textarea"

#: A subtree flagged as boilerplate is still kept when it holds this share of the page.
PROTECT_SHARE: Final = 0.4
#: ... or when it holds at least 3 paragraphs of this length, together this long.
PROSE_PARAGRAPH: Final = 150
PROSE_CHARS: Final = 900
#: ... or when it holds a semantic main element with this much text.
MAIN_CHARS: Final = 500
#: A comment section is kept only when it is this share of the page (a thread).
COMMENT_SHARE: Final = 0.95
_MAIN_SELECTOR: Final = "article, main, [role=main], [itemprop=articleBody]"


@dataclass(slots=True, eq=False)
class Line:
    """A run of inline text inside one block: the unit that is kept or dropped."""

    kind: str
    text: str
    md: str
    link_chars: int
    owner: Box

    @property
    def chars(self) -> int:
        """Length of the normalised text."""
        return len(self.text)


@dataclass(slots=True, eq=False)
class Box:
    """A block-level element with its lines and child blocks, in document order."""

    tag: str
    parent: Box | None
    tokens: str = ""
    main_hint: bool = False
    comment: bool = False
    landmark: bool = False
    items: list[Box | Line] = field(default_factory=list)
    chars: int = 0
    link_chars: int = 0
    n_lines: int = 0
    score: float = 0.0
    card: bool = False
    titles: int = 0
    long_lines: int = 0
    ellipses: int = 0

    def boxes(self) -> list[Box]:
        """Child blocks."""
        return [item for item in self.items if isinstance(item, Box)]


@lru_cache(maxsize=8192)
def classify_tokens(value: str, keep_comments: bool) -> tuple[bool, bool]:
    """Return (boilerplate, comment section) for a class + id attribute string.

    Pure and cached: the same class strings recur on every page of a site.
    """
    value = _CAMEL.sub(r"\1-\2", value).lower()
    boiler = False
    comment = False
    responsive = ":" in value
    for token in value.split():
        if token in vocab.SAFE_TOKENS:
            return False, False
        if token in vocab.BOILER_TOKENS and not (responsive and token == "hidden"):
            boiler = True
        parts = vocab.PART_SPLIT.split(token)
        for part in parts:
            if part in vocab.BOILER_PARTS:
                boiler = True
            if part in vocab.COMMENT_WORDS:
                comment = True
        if token in vocab.COMMENT_WORDS:
            comment = True
    if comment and keep_comments:
        return False, True
    return boiler, comment


class _Walker:
    """Builds the Box/Line tree; holds the inline buffer of the block being filled."""

    __slots__ = (
        "flushes",
        "in_link",
        "keep_comments",
        "link_chars",
        "links",
        "md",
        "n",
        "page_chars",
        "parts",
        "pre",
    )  # fmt: skip

    def __init__(self, keep_comments: bool, links: bool, page_chars: int) -> None:
        self.keep_comments = keep_comments
        self.links = links
        self.parts: list[str] = []
        self.md: list[str] = []
        self.link_chars = 0
        self.pre = 0
        self.page_chars = page_chars
        self.n = 0
        self.in_link = 0
        self.flushes = 0

    def flush(self, box: Box) -> None:
        """Close the current line (if it has text) and attach it to `box`."""
        if not self.parts:
            return
        self.flushes += 1
        raw = "".join(self.parts)
        if self.pre:
            text = raw.strip("\n")
            md = text
        else:
            text = " ".join(raw.split())
            md = " ".join("".join(self.md).split())
        if text and not (text[0] == "<" and text[-1] == ">"):
            kind = "pre" if self.pre else _LINE_KIND.get(box.tag, "p")
            box.items.append(Line(kind, text, md, min(self.link_chars, len(text)), box))
        self.parts = []
        self.md = []
        self.link_chars = 0
        self.n = 0

    def text(self, value: str) -> None:
        """Add a text node to the current line (whitespace collapsed outside <pre>)."""
        if not self.pre:
            core = " ".join(value.split())
            if not core:
                if self.parts:
                    self.parts.append(" ")
                    self.md.append(" ")
                    self.n += 1
                return
            if value[0].isspace():
                core = " " + core
            if value[-1].isspace():
                core += " "
            value = core
        self.parts.append(value)
        self.md.append(value)
        self.n += len(value)
        if self.in_link:
            self.link_chars += len(value)

    def skip(self, node: LexborNode, tag: str, attrs: dict[str, str | None]) -> int:
        """0 = walk, 1 = skip as boilerplate, 2 = walk as a comment section."""
        if "hidden" in attrs:
            return 1
        if attrs.get("aria-hidden") == "true" and not _collapsed_panel(attrs):
            return 1
        style = attrs.get("style")
        if style and _DISPLAY_NONE.search(style):
            return 1
        boiler = tag in vocab.BOILER_TAGS
        role = attrs.get("role")
        if role and role in vocab.BOILER_ROLES:
            boiler = True
        comment = False
        key = (attrs.get("class") or "") + " " + (attrs.get("id") or "")
        if len(key) > 1:
            flagged, comment = classify_tokens(key, self.keep_comments)
            boiler = boiler or flagged
        if boiler and self._protected(node, comment, tag in vocab.BOILER_TAGS):
            return 0
        if boiler:
            return 1
        return 2 if comment else 0

    def _protected(self, node: LexborNode, comment: bool, semantic: bool) -> bool:
        """A boilerplate-looking wrapper that holds the article is a layout box.

        Comment sections are protected only when they are nearly the whole page (a
        thread); class-flagged wrappers when they hold most of the page's text; any
        flagged element (<nav>, <aside> too: a mega menu can be most of a page's text)
        when it holds an article element with text or several long paragraphs.
        """
        if self.page_chars <= 0:
            return False
        if comment or not semantic:
            size = len(node.text(deep=True, strip=False))
            if comment:
                return size >= COMMENT_SHARE * self.page_chars
            if size >= PROTECT_SHARE * self.page_chars:
                return True
        main = node.css_first(_MAIN_SELECTOR)
        if main is not None and len(main.text(deep=True)) >= MAIN_CHARS:
            return True
        return _holds_prose(node)

    def walk(self, node: LexborNode, box: Box) -> None:
        """Descend `node`, filling `box` with lines and child boxes."""
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                value = child.text_content
                if value:
                    self.text(value)
                continue
            if tag is None or tag in vocab.SKIP_TAGS:
                continue
            if tag == "br":
                if self.pre:
                    self.text("\n")
                else:
                    self.flush(box)
                continue
            attrs = child.attributes
            if attrs:
                verdict = self.skip(child, tag, attrs)
                if verdict == 1:
                    continue
            else:
                boiler = tag in vocab.BOILER_TAGS
                verdict = 1 if boiler and not self._protected(child, False, True) else 0
                if verdict == 1:
                    continue
            if tag in vocab.BLOCK_TAGS:
                self.block(child, tag, attrs, box, verdict == 2)
            elif tag == "a":
                self.anchor(child, attrs, box)
            elif tag == "img" or tag == "hr":
                if tag == "hr":
                    self.flush(box)
            elif tag == "code" and not self.pre:
                self.md.append("`")
                self.walk(child, box)
                self.md.append("`")
            else:
                self.walk(child, box)

    def block(
        self, node: LexborNode, tag: str, attrs: dict[str, str | None], box: Box, comment: bool
    ) -> None:
        """Open a child box for a block element."""
        self.flush(box)
        key = (attrs.get("class") or "") + " " + (attrs.get("id") or "") if attrs else ""
        role = attrs.get("role") if attrs else None
        hint = (
            tag in ("article", "main")
            or (role in vocab.MAIN_ROLES)
            or (attrs.get("itemprop") == "articleBody" if attrs else False)
        )
        child = Box(tag, box, key.lower(), hint, comment or box.comment)
        child.landmark = tag == "main" or role == "main"
        box.items.append(child)
        if (
            tag in _LEAF_TAGS
            and not self.links
            and not self.pre
            and node.css_first(_LEAF_BREAKERS) is None
        ):
            self.leaf(node, child)
        elif tag == "pre":
            self.pre += 1
            self.walk(node, child)
            self.flush(child)
            self.pre -= 1
        else:
            self.walk(node, child)
            self.flush(child)

    def leaf(self, node: LexborNode, box: Box) -> None:
        """A paragraph or heading (inline content only): its text in one C call.

        The parser never nests blocks in these, so the walk below them would only
        rebuild what `text()` returns. Text nodes are joined by a space (adjacent
        links styled as blocks must not glue their words), then the space before
        closing punctuation is removed. Callers walk instead when a <br> (a line
        break) or <code> (markdown backticks) is inside.
        """
        text = " ".join(node.text(deep=True, separator=" ").split())
        if " " in text:
            text = _SPACE_BEFORE_PUNCT.sub("", text)
        if not text or (text[0] == "<" and text[-1] == ">"):
            return
        links = len(text) if self.in_link else 0
        for anchor in () if self.in_link else node.css("a"):
            links += len(" ".join(anchor.text(deep=True).split()))
        kind = _LINE_KIND.get(box.tag, "p")
        box.items.append(Line(kind, text, text, min(links, len(text)), box))

    def anchor(self, node: LexborNode, attrs: dict[str, str | None], box: Box) -> None:
        """Walk a link, counting its text as link text."""
        before = self.n
        flushes = self.flushes
        md_at = len(self.md)
        self.in_link += 1
        self.walk(node, box)
        self.in_link -= 1
        if not self.links or flushes != self.flushes or self.n <= before:
            return
        href = attrs.get("href") if attrs else None
        if href and not href.startswith(("#", "javascript:")) and md_at < len(self.md):
            self.md.insert(md_at, "[")
            self.md.append(f"]({href})")


def _collapsed_panel(attrs: dict[str, str | None]) -> bool:
    """An accordion or tab panel: hidden until clicked, but part of the content."""
    if attrs.get("role") in ("region", "tabpanel"):
        return True
    key = ((attrs.get("class") or "") + " " + (attrs.get("id") or "")).lower()
    return any(word in key for word in vocab.PANEL_WORDS)


def _holds_prose(node: LexborNode) -> bool:
    """Several long paragraphs: an article body inside a wrapper with a chrome name."""
    long_chars = 0
    count = 0
    for paragraph in node.css("p"):
        text = paragraph.text(deep=True)
        if len(text) >= PROSE_PARAGRAPH and not vocab.ends_with_ellipsis(text):
            long_chars += len(text)
            count += 1
    return count >= 3 and long_chars >= PROSE_CHARS


def build(root: LexborNode, keep_comments: bool, links: bool, page_chars: int) -> Box:
    """Walk `root` (usually <body>) into a Box tree with aggregates filled in."""
    top = Box(root.tag or "body", None)
    walker = _Walker(keep_comments, links, page_chars)
    walker.walk(root, top)
    walker.flush(top)
    aggregate(top)
    return top


def aggregate(box: Box) -> None:
    """Fill chars / link_chars / n_lines and the card features bottom-up."""
    chars = 0
    links = 0
    lines = 0
    titles = 0
    long_lines = 0
    ellipses = 0
    for item in box.items:
        if isinstance(item, Line):
            size = len(item.text)
            chars += size
            links += item.link_chars
            lines += 1
            if size >= CARD_TITLE_CHARS and item.link_chars >= 0.6 * size:
                titles += 1
            elif size > LONG_LINE_CHARS:
                long_lines += 1
            if vocab.ends_with_ellipsis(item.text):
                ellipses += 1
        else:
            aggregate(item)
            chars += item.chars
            links += item.link_chars
            lines += item.n_lines
            titles += item.titles
            long_lines += item.long_lines
            ellipses += item.ellipses
    box.chars = chars
    box.link_chars = links
    box.n_lines = lines
    box.titles = titles
    box.long_lines = long_lines
    box.ellipses = ellipses
