"""One pass over the DOM that turns it into a light tree of blocks and lines.

The extractor's Python work is bounded by this walk: every later stage (scoring,
selection, rendering) runs on the much smaller `Box`/`Line` tree it builds. Inline
markup is flattened into `Line`s (one per paragraph, heading, list item, cell, code
block) that carry their text, their markdown and how much of them is link text.
Subtrees that are boilerplate by name, role or class vocabulary are skipped here, so
their nodes are never visited, unless they hold most of the page's text.

Everything is read through sibling pointers, tag ids, text and attribute accessors:
a selectolax CSS query costs ~3-4 us even on a tiny subtree (more than walking a
paragraph's few inline children), so queries are kept to the rare boilerplate
candidates that might be protected. The walk is most of the extractor's Python time
(about 2 us per visited node), so its loop avoids per-node work that a per-page
cache can do once: tag names by tag id, class vocabulary verdicts by class string.
Blocks that hold plain inline markup only (most paragraphs, items and cells) are
"leaves": their line is read in one C call instead of node by node (`_Walker.leaf`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from thresher.extract import vocab
from thresher.extract.tree import Box, Line, aggregate
from thresher.extract.units import WIDE, prose_units

_CAMEL: Final = re.compile(r"([a-z0-9])([A-Z])")
#: A line break (with the indentation around it) between two wide CJK characters.
_UNSPACED_BREAK: Final = re.compile(f"(?<=[{WIDE}])[ \t\r]*\n\\s*(?=[{WIDE}])")
_DISPLAY_NONE: Final = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")


def _text_tag_id() -> int:
    """lexbor's tag id of text nodes (`LXB_TAG__TEXT`), read off a parsed text node."""
    body = LexborHTMLParser("<body>x</body>").body
    text = body.first_child if body is not None else None
    if text is None or text.tag != "-text":
        raise RuntimeError("selectolax did not parse a text node")
    return int(text.tag_id)


#: Compared as an int in the walk: no name lookup for the most common node kind.
_TEXT_ID: Final = _text_tag_id()

_LINE_KIND: Final = {
    "p": "p", "h1": "h1", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h5", "h6": "h6",
    "li": "li", "pre": "pre", "td": "cell", "th": "cell", "blockquote": "quote",
    "dt": "dt", "dd": "dd", "figcaption": "caption", "caption": "caption",
}  # fmt: skip

#: Lines shorter than this are checked against the interface-chrome phrases.
CHROME_MAX_CHARS: Final = 60

#: Attributes that never make an element boilerplate (checked as a set, in C).
_INERT_ATTRS: Final = frozenset(
    {"href", "src", "alt", "title", "rel", "target", "width", "height", "lang", "dir",
     "loading", "srcset", "sizes", "colspan", "rowspan", "datetime", "name", "type"}
)  # fmt: skip

# The walk loop's vocabulary, bound here once (a module global, not an attribute).
#: Never descended into: the vocabulary's skipped tags, and `img`/`wbr`, which hold no
#: text and end no line (skipped before their attributes are read: same result).
_SKIP_TAGS: Final = vocab.SKIP_TAGS | {"img", "wbr"}
_BLOCK_TAGS: Final = vocab.BLOCK_TAGS
_BOILER_TAGS: Final = vocab.BOILER_TAGS

#: Attributes that can hide an element or give it a boilerplate role.
_STATE_ATTRS: Final = frozenset({"hidden", "aria-hidden", "style", "role"})

#: Inline elements handled apart from the plain walk.
_SPECIAL_INLINE: Final = frozenset({"br", "hr", "code"})

#: Inline elements a leaf block may hold (`_Walker.leaf`): text-level markup that the
#: walk would only descend into. `a` counts as link text; `img` and `wbr` hold no text.
_PLAIN_INLINE: Final = frozenset(
    {"a", "span", "em", "strong", "b", "i", "u", "s", "small", "big", "sup", "sub", "mark",
     "abbr", "cite", "q", "time", "font", "del", "ins", "dfn", "kbd", "samp", "var", "tt",
     "strike", "bdi", "bdo", "label", "data", "nobr"}
)  # fmt: skip
_EMPTY_INLINE: Final = frozenset({"img", "wbr"})
#: Below this depth the leaf shortcut is not taken (the walk flattens deep subtrees).
LEAF_MAX_DEPTH: Final = 50

#: Elements nested deeper than this are flattened to text (no deeper recursion).
MAX_DEPTH: Final = 100

#: A subtree flagged as boilerplate is still kept when it holds this share of the page.
PROTECT_SHARE: Final = 0.4
#: ... or when it holds at least 3 paragraphs of this length, together this long.
PROSE_PARAGRAPH: Final = 150
PROSE_CHARS: Final = 900
#: ... or when it holds a semantic main element with this much text,
MAIN_CHARS: Final = 500
#: ... or a post or article body marked as such (`vocab.CONTENT_CLASSES`) with this much.
POST_CHARS: Final = 150
_SEMANTIC_MAIN: Final = frozenset({"article", "main"})
#: A hidden element is walked when it holds this share of the page (`_Walker._revealed`)
#: and sits this close to <body> (a page-wide wrapper; deeper ones are not measured).
HIDDEN_PAGE_SHARE: Final = 0.5
REVEAL_MAX_DEPTH: Final = 4
#: A comment section is kept only when it is this share of the page (a thread).
COMMENT_SHARE: Final = 0.95
_MAIN_SELECTOR: Final = ", ".join(
    ["article", "main", "[role=main]", "[itemprop~=articleBody]"]
    + [f".{name}" for name in vocab.CONTENT_CLASSES]
)
_MAIN_OR_PARAGRAPH: Final = _MAIN_SELECTOR + ", p"


def _parts_of(words: frozenset[str]) -> frozenset[str]:
    """Every -/_ separated part of `words` (a whole word is its own only part too)."""
    return frozenset(part for word in words for part in word.replace("_", "-").split("-"))


#: Every part of every vocabulary word: a class string none of whose parts is here
#: holds no vocabulary token and no vocabulary part (`classify_tokens` prefilter).
_VOCAB_PARTS: Final = _parts_of(
    vocab.BOILER_PARTS | vocab.BOILER_TOKENS | vocab.COMMENT_WORDS | vocab.COMMENT_ITEM_WORDS
)


#: Every word that a part of a token may be to say something (`classify_tokens`).
_PART_WORDS: Final = vocab.BOILER_PARTS | vocab.COMMENT_WORDS | vocab.COMMENT_ITEM_WORDS


def _hyphenate(match: re.Match[str]) -> str:
    return match.group(1) + "-" + match.group(2)


@lru_cache(maxsize=16384)
def classify_tokens(value: str, keep_comments: bool) -> tuple[bool, bool]:
    """Return (boilerplate, comment section) for a class + id attribute string.

    Pure and cached: the same class strings recur on every page of a site. Most
    strings hold no vocabulary word at all; set lookups reject them quickly. The name
    of one comment (`vocab.COMMENT_ITEM_WORDS`) is a comment section, not boilerplate,
    whatever `keep_comments` says: the selection decides whether it is content.
    """
    lowered = value.lower()
    if lowered != value and _CAMEL.search(value) is not None:
        lowered = _CAMEL.sub(_hyphenate, value).lower()
    if _VOCAB_PARTS.isdisjoint(lowered.replace("_", "-").replace("-", " ").split()):
        return False, False  # no vocabulary word at all: the common case, in C
    boiler = False
    comment = False
    item = False
    responsive = ":" in lowered
    tokens = lowered.split()
    labels: frozenset[str] | None = None  # read only for a token with a vocabulary part
    for token in tokens:
        if token in vocab.SAFE_TOKENS:
            return False, False
        if token in vocab.BOILER_TOKENS and not (responsive and token == "hidden"):
            boiler = True
        if token in vocab.COMMENT_WORDS:
            comment = True
        parts = token.replace("_", "-").split("-")
        if _PART_WORDS.isdisjoint(parts):
            continue
        if not vocab.SAFE_PARTS.isdisjoint(parts):
            continue
        if labels is None:
            labels = taxonomy_labels(tokens)
        if token in labels:
            continue
        if parts[0] in vocab.STATE_PREFIXES and len(parts) > 1:
            continue  # "has-comments": what the element holds, not what it is
        boiler = boiler or not vocab.BOILER_PARTS.isdisjoint(parts)
        comment = comment or not vocab.COMMENT_WORDS.isdisjoint(parts)
        item = item or not vocab.COMMENT_ITEM_WORDS.isdisjoint(parts)
    if (comment and keep_comments) or (item and not boiler):
        return False, True  # one comment: walked, weighed by the selection (`content`)
    return boiler, comment


@lru_cache(maxsize=4096)
def never_content(value: str) -> bool:
    """A class + id string naming a cookie or consent dialog (`vocab.NEVER_CONTENT`).

    Other boilerplate names can sit on a layout wrapper that holds the whole page
    ("content-sidebar-wrap"), which the walk then protects; these never do, and a
    consent center's legal text can outweigh a short page.
    """
    lowered = _CAMEL.sub(_hyphenate, value).lower()
    return not vocab.NEVER_CONTENT.isdisjoint(lowered.replace("_", "-").replace("-", " ").split())


def taxonomy_labels(tokens: list[str]) -> frozenset[str]:
    """The tokens of a class list that label a post with its terms (`vocab.LABEL_PREFIXES`).

    A post's class list names its categories and tags (`category-social-media
    tag-file-sharing`): a boilerplate word in a topic's slug says nothing of the element.
    Counted only when the list holds several such tokens, as a post's does; a lone
    `category-nav` keeps its meaning.
    """
    found = [token for token in tokens if _is_label(token)]
    return frozenset(found) if len(found) >= vocab.MIN_LABEL_TOKENS else frozenset()


def _is_label(token: str) -> bool:
    parts = token.replace("_", "-").split("-")
    if len(parts) > 2 and parts[0] in ("entry", "post"):
        parts = parts[1:]  # TypePad: entry-category-..., entry-author-...
    return len(parts) >= 2 and parts[0] in vocab.LABEL_PREFIXES and parts[1] != ""


class _Walker:
    """Builds the Box/Line tree; holds the inline buffer of the block being filled.

    The walk is the extractor's hottest loop (thousands of nodes per page), so it
    reads each node's tag as lexbor's integer tag id and maps it to a name through a
    per-page cache (`LexborNode.tag` decodes the element's name on every access),
    and `parts`/`md` are cleared in place so that the loop can hold them in locals.
    """

    __slots__ = (
        "depth",
        "flushes",
        "in_link",
        "keep_comments",
        "link_chars",
        "links",
        "md",
        "n",
        "names",
        "page_chars",
        "parts",
        "plain",
        "pre",
        "verdicts",
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
        self.depth = 0
        # Tag id -> name for this page: ids of unknown (custom) tags are per document.
        self.names: dict[int, str] = {}
        # Class + id string -> `classify_tokens` verdict, for this page.
        self.verdicts: dict[str, tuple[bool, bool]] = {}
        # The line's markdown is still its text (no inline code or link markup yet).
        self.plain = True

    def flush(self, box: Box) -> None:
        """Close the current line (if it has text) and attach it to `box`."""
        parts = self.parts
        if not parts:
            if self.md:  # markup without text (an empty <code>) must not reach the next line
                self.md.clear()
                self.plain = True
                self.flushes += 1
            return
        self.flushes += 1
        raw = "".join(parts)
        if self.pre:
            text = raw.strip("\n")
            md = text
        else:
            text = _squeeze(raw)
            md = text if self.plain else _squeeze("".join(self.md))
        if text and not (text[0] == "<" and text[-1] == ">"):
            kind = "pre" if self.pre else _LINE_KIND.get(box.tag, "p")
            size = len(text)
            links = self.link_chars
            line = Line(kind, text, md, links if links < size else size)
            line.chrome = size < CHROME_MAX_CHARS and vocab.is_chrome(text)
            box.items.append(line)
        parts.clear()
        self.md.clear()
        self.plain = True
        self.link_chars = 0
        self.n = 0

    def text(self, value: str) -> None:
        """Add a text node to the current line (whitespace collapsed outside <pre>)."""
        if not self.pre:
            value = _collapse(value)
            if not value:
                if self.parts:
                    self.space()
                return
        self.parts.append(value)
        self.md.append(value)
        self.n += len(value)
        if self.in_link:
            self.link_chars += len(value)

    def space(self) -> None:
        """A separating space (from a whitespace-only text node) in the current line."""
        self.parts.append(" ")
        self.md.append(" ")
        self.n += 1

    def skip(self, node: LexborNode, tag: str, attrs: dict[str, str | None]) -> int:
        """0 = walk, 1 = skip as boilerplate, 2 = walk as a comment section."""
        boiler = tag in _BOILER_TAGS
        if not _STATE_ATTRS.isdisjoint(attrs):  # rare: one C call spares four lookups
            if _hidden(attrs) and (self.depth > REVEAL_MAX_DEPTH or not self._revealed(node)):
                return 1
            role = attrs.get("role")
            if role and role in vocab.BOILER_ROLES:
                boiler = True
        comment = False
        key = (attrs.get("class") or "") + " " + (attrs.get("id") or "")
        if len(key) > 1:
            known = self.verdicts.get(key)
            if known is None:
                known = self.verdicts[key] = classify_tokens(key, self.keep_comments)
            flagged, comment = known
            if flagged and never_content(key):
                return 1  # a consent dialog is never the page, however large
            boiler = boiler or flagged
        if boiler and self._protected(node, comment, tag in _BOILER_TAGS):
            return 0
        if boiler:
            return 1
        return 2 if comment else 0

    def _revealed(self, node: LexborNode) -> bool:
        """A hidden element that holds most of the page: the page itself, hidden until a
        script shows it (a guard against a flash of unstyled content), not a closed menu."""
        return self.page_chars > 0 and (
            len(node.text(deep=True, strip=False)) >= HIDDEN_PAGE_SHARE * self.page_chars
        )

    def _protected(self, node: LexborNode, comment: bool, semantic: bool) -> bool:
        """A boilerplate-looking wrapper that holds the article is a layout box.

        Comment sections are protected only when they are nearly the whole page (a
        thread); class-flagged wrappers when they hold most of the page's text; any
        flagged element (<nav>, <aside> too: a mega menu can be most of a page's text)
        when it holds an article element with text or several long paragraphs.
        """
        if self.page_chars <= 0:
            return False
        text = node.text(deep=True, strip=False)
        size = len(text)
        if comment:
            return size >= COMMENT_SHARE * self.page_chars
        if not semantic and size >= PROTECT_SHARE * self.page_chars:
            return True
        least = MAIN_CHARS if semantic else POST_CHARS  # a post body in <aside> is no post
        if size < least and prose_units(text) < least:
            return False  # too small to hold an article: skip the CSS query
        return _holds_article(node)

    def tag_name(self, node: LexborNode, tag_id: int) -> str:
        """The element's name, cached by tag id; "-comment" (skipped) for unnamed nodes."""
        tag = node.tag
        if tag is None:
            return "-comment"
        self.names[tag_id] = tag
        return tag

    def walk(self, node: LexborNode, box: Box) -> None:
        """Descend `node`, filling `box` with lines and child boxes.

        Below `MAX_DEPTH` nested elements (hostile or broken markup) the rest of a
        subtree is flattened into text in one C call instead of recursing further.
        """
        if self.depth >= MAX_DEPTH:
            self.text(node.text(deep=True, separator=" "))
            return
        self.depth += 1
        parts = self.parts  # cleared in place by `flush`, never rebound
        names = self.names
        # Sibling pointers, not `node.iter()`: cheaper per child than resuming a
        # generator (the document is not changed during the walk).
        following = node.first_child
        while following is not None:
            child = following
            following = child.next
            tag_id = child.tag_id
            if tag_id == _TEXT_ID:
                # indentation between tags is told apart in C: no string is made
                empty = not self.pre and child.is_empty_text_node
                value = None if empty else child.text_content
                if value and (self.pre or not value.isspace()):
                    self.text(value)
                elif not self.pre and parts and parts[-1] != " ":
                    self.space()
                continue
            tag = names.get(tag_id) or self.tag_name(child, tag_id)
            if tag in _SKIP_TAGS:
                continue
            attrs = child.attributes
            verdict = 0
            if attrs and not _INERT_ATTRS.issuperset(attrs):
                verdict = self.skip(child, tag, attrs)
                if verdict == 1:
                    continue
            elif tag in _BOILER_TAGS and not self._protected(child, False, True):
                continue
            if tag in _BLOCK_TAGS:
                self.block(child, tag, attrs, box, verdict == 2)
            elif tag == "a":
                self.anchor(child, attrs, box)
            elif tag in _SPECIAL_INLINE:
                self._special(child, tag, box)
            else:
                self.walk(child, box)
        self.depth -= 1

    def _special(self, node: LexborNode, tag: str, box: Box) -> None:
        """Line breaks, rules and inline code."""
        if tag == "br":
            if self.pre:
                self.text("\n")
            else:
                self.flush(box)
        elif tag == "hr":
            self.flush(box)
        elif tag == "code" and not self.pre:
            self.plain = False
            self.md.append("`")
            self.walk(node, box)
            self.md.append("`")
        elif tag == "code":
            self.walk(node, box)

    def block(
        self, node: LexborNode, tag: str, attrs: dict[str, str | None], box: Box, comment: bool
    ) -> None:
        """Open a child box for a block element."""
        if self.parts or self.md:
            self.flush(box)
        if attrs:
            key = ((attrs.get("class") or "") + " " + (attrs.get("id") or "")).lower()
            role = attrs.get("role")
            hint = (
                tag == "article"
                or tag == "main"
                or role in vocab.MAIN_ROLES
                or ("itemprop" in attrs and _marks_body(attrs["itemprop"]))
            )
        else:
            key, role, hint = "", None, tag == "article" or tag == "main"
        child = Box(tag, box, key, hint, comment or box.comment, tag == "main" or role == "main")
        box.items.append(child)
        box.kids.append(child)
        if tag == "pre":
            self.pre += 1
            self.walk(node, child)
            self.flush(child)
            self.pre -= 1
        elif self.pre or self.in_link or self.depth > LEAF_MAX_DEPTH or not self.leaf(node):
            self.walk(node, child)
            if self.parts or self.md:
                self.flush(child)
        else:
            self.flush(child)  # the leaf's text, put in `parts` by `leaf`

    def leaf(self, node: LexborNode) -> bool:
        """Take a block's text in one C call when it holds only plain inline markup.

        Most paragraphs, list items and cells hold text, links and emphasis only; for
        them the walk's line is the block's whole text with whitespace collapsed, and
        its link text is the text of its links. True when `node` was such a leaf (its
        raw text is then in `parts`, its link text counted); False, with nothing
        changed, when anything in it needs the walk: a block, a line break, code, a
        skipped tag, a comment, or attributes that could hide or flag an element.
        """
        child = node.first_child
        if child is None:
            return True
        if child.tag_id == _TEXT_ID and child.next is None:
            link_chars = 0  # the most common leaf: one text node
            raw = child.text_content or ""
        else:
            link_chars = self.scan(node, False)
            if link_chars < 0:
                return False
            raw = node.text(deep=True)
        self.parts.append(raw)
        self.md.append(raw)
        self.link_chars = link_chars
        return True

    def scan(self, node: LexborNode, in_link: bool) -> int:
        """The link text of `node`'s plain inline content, or -1 if it is not plain."""
        names = self.names
        count = 0
        child = node.first_child
        while child is not None:
            tag_id = child.tag_id
            if tag_id == _TEXT_ID:
                if in_link:
                    count += _text_chars(child.text_content)
                child = child.next
                continue
            tag = names.get(tag_id) or self.tag_name(child, tag_id)
            if tag not in _PLAIN_INLINE:
                if tag not in _EMPTY_INLINE:
                    return -1
                child = child.next
                continue
            attrs = child.attributes
            if attrs and not _INERT_ATTRS.issuperset(attrs) and self.skip(child, tag, attrs):
                return -1
            if tag == "a" and self.links:
                return -1  # its markdown needs the walk
            inner = self.scan(child, in_link or tag == "a")
            if inner < 0:
                return -1
            count += inner
            child = child.next
        return count

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
            self.plain = False
            self.md[md_at] = "[" + self.md[md_at]  # no list insert: O(1) per link
            self.md.append(f"]({href})")


def _collapse(value: str) -> str:
    """A text node as a line holds it: inner whitespace runs and each space edge as one
    space; "" when the node is only whitespace."""
    core = _squeeze(value)
    if not core:
        return ""
    if value[0].isspace():
        core = " " + core
    if value[-1].isspace():
        core += " "
    return core


def _squeeze(value: str) -> str:
    """`value` with each whitespace run as one space and none at the ends.

    Same as `" ".join(value.split())`; a printable string's only whitespace is the
    ASCII space (every other kind is a control or separator character), so when it
    has no double space, stripping its ends is all there is to do, without the list.
    A line break between two Han or kana characters (or their wide punctuation) is no
    space at all (as browsers render it: these scripts do not separate words), so it is
    removed first.
    """
    if value.isprintable() and "  " not in value:
        return value.strip(" ")
    if "\n" in value and not value.isascii():
        value = _UNSPACED_BREAK.sub("", value)
    return " ".join(value.split())


def _text_chars(value: str | None) -> int:
    """How much a text node adds to a line (`_collapse`) when it is link text."""
    return len(_collapse(value)) if value else 0


def _hidden(attrs: dict[str, str | None]) -> bool:
    """Hidden by the `hidden` attribute, `aria-hidden` (unless a panel) or its style."""
    if "hidden" in attrs:
        return True
    if attrs.get("aria-hidden") == "true" and not _collapsed_panel(attrs):
        return True
    style = attrs.get("style")
    if not style or ("none" not in style and "hidden" not in style):
        return False  # what the pattern needs is not there: most styles, no regex call
    return _DISPLAY_NONE.search(style) is not None


def _collapsed_panel(attrs: dict[str, str | None]) -> bool:
    """An accordion or tab panel: hidden until clicked, but part of the content."""
    if attrs.get("role") in ("region", "tabpanel"):
        return True
    key = ((attrs.get("class") or "") + " " + (attrs.get("id") or "")).lower()
    return any(word in key for word in vocab.PANEL_WORDS)


def _holds_article(node: LexborNode) -> bool:
    """An article element with text, or several long paragraphs, inside `node`.

    The first article-like element counts when it holds `MAIN_CHARS` (<article>, <main>)
    or `POST_CHARS` (a blog post's or article body's markup: `vocab.CONTENT_CLASSES`,
    itemprop=articleBody, role=main: a short post is still a post); failing
    that, at least 3 paragraphs of `PROSE_PARAGRAPH` characters, `PROSE_CHARS` together,
    are an article body inside a wrapper with a chrome name (sizes in prose units,
    `units.prose_units`). One CSS query finds both kinds: each is a full walk of the
    subtree, and the subtrees asked about here are the page's largest.
    """
    main_seen = False
    long_chars = 0
    count = 0
    for found in node.css(_MAIN_OR_PARAGRAPH):
        text = found.text(deep=True)
        size = len(text) if text.isascii() else prose_units(text)
        paragraph = found.tag == "p"
        if not main_seen and (not paragraph or _main_paragraph(found)):
            main_seen = True
            if size >= (MAIN_CHARS if found.tag in _SEMANTIC_MAIN else POST_CHARS):
                return True
        prose = paragraph and size >= PROSE_PARAGRAPH
        if prose and not vocab.ends_with_ellipsis(text):
            long_chars += size
            count += 1
    return count >= 3 and long_chars >= PROSE_CHARS


def _main_paragraph(paragraph: LexborNode) -> bool:
    """A <p> that is itself marked as the main content (`_MAIN_SELECTOR`'s attributes)."""
    attrs = paragraph.attributes
    if not attrs:
        return False
    if attrs.get("role") == "main" or _marks_body(attrs.get("itemprop")):
        return True
    classes = attrs.get("class") or ""
    return any(name in vocab.CONTENT_CLASSES for name in classes.split())


def _marks_body(itemprop: str | None) -> bool:
    """An `itemprop` list that names the element the article's body or a blog post."""
    if not itemprop:
        return False
    names = itemprop.split()
    return "articleBody" in names or "blogPost" in names


def build(root: LexborNode, keep_comments: bool, links: bool, page_chars: int) -> Box:
    """Walk `root` (usually <body>) into a Box tree with aggregates filled in."""
    top = Box(root.tag or "body", None)
    walker = _Walker(keep_comments, links, page_chars)
    walker.walk(root, top)
    walker.flush(top)
    aggregate(top)
    return top
