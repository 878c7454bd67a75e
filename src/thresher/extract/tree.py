"""The light tree the DOM walk builds (`blocks`) and the selection reads (`content`).

A `Box` is a block-level element with its lines and child boxes in document order; a
`Line` is the inline text of one paragraph, heading, list item, cell or code block.
`aggregate` fills each box's sums bottom-up (characters, link characters, lines and
the features of teaser cards); `release` unlinks a finished tree so that it is freed
without the cyclic garbage collector.
"""

from __future__ import annotations

from typing import Final

from thresher.extract import vocab
from thresher.extract.units import prose_units, special

#: A line this long, mostly link text, can title a teaser card.
CARD_TITLE_CHARS: Final = 15
#: A plain line longer than this is more than a teaser's excerpt line.
LONG_LINE_CHARS: Final = 150


class Line:
    """A run of inline text inside one block: the unit that is kept or dropped.

    `kind` is the owning block's role (p, h1..h6, li, pre, cell, quote, dt, dd,
    caption); `md` is the inline markdown (links only when asked for); `chrome` marks
    a short interface phrase ("Load more", "Share on X"). `chars` and `link_chars`
    (given in characters) are sizes in prose units (`units.prose_units`: a Han
    character weighs three Latin ones), so that every threshold of the selection
    means the same amount of text in every script.

    A plain slotted class, not a dataclass: the walk makes one per line, and a
    hand-written `__init__` is the cheaper constructor.
    """

    __slots__ = ("chars", "chrome", "kind", "link_chars", "md", "text", "wide")

    def __init__(
        self, kind: str, text: str, md: str, link_chars: int, chrome: bool = False
    ) -> None:
        self.kind = kind
        self.text = text
        #: Size of the normalised text (read by every weighing of the line).
        #: Holds characters of unspaced scripts or sentence marks of non-Latin ones.
        self.wide = special(text)
        size = prose_units(text) if self.wide else len(text)
        self.chars = size
        self.md = md
        length = len(text)
        # link text in the same units, at the line's own density of text per character
        self.link_chars = link_chars if size == length else link_chars * size // length
        self.chrome = chrome


class Box:
    """A block-level element with its lines and child blocks, in document order.

    `tokens` is its lowercased class and id; `main_hint` marks <article>, <main>,
    role=main/article and itemprop=articleBody, `landmark` only <main> and role=main;
    `comment` marks a comment section kept on request. The aggregates (chars,
    link_chars, n_lines, titles, long_lines, ellipses) are filled by `aggregate`;
    `score`, `peak` (the best score in its subtree) and `card` by the selection in
    `content`. A plain slotted class (one per
    block element the walk enters), like `Line`.
    """

    __slots__ = (
        "card", "chars", "comment", "ellipses", "items", "kids", "landmark", "link_chars",
        "long_lines", "main_hint", "n_lines", "parent", "peak", "score", "tag", "titles",
        "tokens",
    )  # fmt: skip

    def __init__(
        self,
        tag: str,
        parent: Box | None,
        tokens: str = "",
        main_hint: bool = False,
        comment: bool = False,
        landmark: bool = False,
    ) -> None:
        self.tag = tag
        self.parent = parent
        self.tokens = tokens
        self.main_hint = main_hint
        self.comment = comment
        self.landmark = landmark
        self.items: list[Box | Line] = []
        self.kids: list[Box] = []
        self.chars = 0
        self.link_chars = 0
        self.n_lines = 0
        self.score = 0.0
        self.peak = 0.0
        self.card = False
        self.titles = 0
        self.long_lines = 0
        self.ellipses = 0

    def boxes(self) -> list[Box]:
        """Child blocks, in document order."""
        return self.kids


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
            size = item.chars
            chars += size
            links += item.link_chars
            lines += 1
            if size >= CARD_TITLE_CHARS and item.link_chars >= 0.6 * size:
                titles += 1
            elif size > LONG_LINE_CHARS:
                long_lines += 1
            tail = item.text[-8:]  # `ends_with_ellipsis`'s own prefilter, without the call
            if ("\u2026" in tail or "..." in tail) and vocab.ends_with_ellipsis(tail):
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


def release(top: Box) -> None:
    """Unlink every box from its parent once the page is done.

    Parent links make each page's tree a reference cycle, which only the cyclic
    garbage collector frees; unlinked, the tree is freed as soon as it is dropped,
    and the collector's passes over the heap stay short.
    """
    stack = [top]
    while stack:
        box = stack.pop()
        box.parent = None
        stack.extend(box.kids)
