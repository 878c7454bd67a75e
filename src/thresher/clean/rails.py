"""Teaser rails in extracted text: a heading followed by (headline, excerpt) pairs.

Sites put lists of other stories next to an article ("News", "Related",
"Mehr zum Thema", "À lire aussi"): each item is a headline, often followed by
an excerpt cut off with "…". Extractors that keep the content container keep
the rail too. A rail is recognised by its shape, never by its words, except
for the heading vocabulary:

* **strict rail**: >= ``min_pairs`` (headline, excerpt…) pairs, where every
  excerpt ends with an ellipsis (a date or byline line may sit between the
  two), after a heading-like line (any short,
  capitalised line without final punctuation, e.g. "News"); at the end or the
  start of the text, or anywhere when the heading is in the rail vocabulary;
* **headless rail**: >= ``min_pairs + 1`` such pairs running to the end (or
  from the start) of the text, without a heading;
* **loose rail**: a heading of the rail vocabulary followed, to the end of the
  text, by >= ``min_pairs`` stories: title-like lines, each optionally
  followed by a short blurb, or lines cut off with "…"; this catches rails
  without ellipses ("Related articles" + titles). At the start of a text only
  a vocabulary heading plus >= ``min_pairs + 1`` title-like lines counts.

The middle of a text only loses a strict rail under a vocabulary heading:
rhetorical "…" endings in an article never form the alternating pattern.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from thresher.clean.shape import (
    ends_with_ellipsis,
    is_heading_like,
    is_title_like,
    line_key,
    word_count,
)
from thresher.clean.vocab import RAIL_HEADINGS, RAIL_META

__all__ = ["RailConfig", "find_rails"]

RULE = "teaser_rail"

MAX_EXCERPT_WORDS = 80
"""An excerpt longer than this is a paragraph, not a teaser."""
MAX_HEADLINE_WORDS = 120
"""Some rails lead with the story's opening paragraph as the "headline"."""
MAX_META_WORDS = 8
"""A date or byline line inside a rail item ("12 March 2024", "By Ana Ruiz")."""
MAX_LOOSE_ITEM_WORDS = 60
MAX_LOOSE_EXCERPT_WORDS = 30
"""An excerpt without "…" is a one-line blurb; a longer line is the article going on."""
MAX_LOOSE_ITEMS = 40


@dataclass(frozen=True, slots=True)
class RailConfig:
    """Knobs of rail detection."""

    min_pairs: int = 2
    """Pairs needed after a heading; a headless rail needs one more."""


def _is_excerpt(line: str) -> bool:
    return word_count(line) <= MAX_EXCERPT_WORDS and ends_with_ellipsis(line)


def _is_headline(line: str) -> bool:
    return 1 <= word_count(line) <= MAX_HEADLINE_WORDS


def _is_vocab_heading(line: str) -> bool:
    return is_heading_like(line, max_words=7, max_chars=60) and line_key(line) in RAIL_HEADINGS


def _is_meta(line: str) -> bool:
    return word_count(line) <= MAX_META_WORDS and RAIL_META.search(line) is not None


def _pairs_backward(lines: Sequence[str], end: int) -> tuple[int, int]:
    """(start, items) of the run of (headline, [meta], excerpt) items ending at ``end``.

    A date or byline line between headline and excerpt belongs to the item
    unless the line before it is itself an excerpt (then it is the headline).
    """
    start, items = end, 0
    while start >= 2 and _is_excerpt(lines[start - 1]):
        if (
            start >= 3
            and _is_meta(lines[start - 2])
            and _is_headline(lines[start - 3])
            and not _is_excerpt(lines[start - 3])
        ):
            start -= 3
        elif _is_headline(lines[start - 2]):
            start -= 2
        else:
            break
        items += 1
    return start, items


def _pairs_forward(lines: Sequence[str], begin: int) -> tuple[int, int]:
    """(end, items) of the run of (headline, [meta], excerpt) items starting at ``begin``."""
    end, items = begin, 0
    n = len(lines)
    while end + 2 <= n and _is_headline(lines[end]):
        if _is_excerpt(lines[end + 1]):
            end += 2
        elif end + 3 <= n and _is_meta(lines[end + 1]) and _is_excerpt(lines[end + 2]):
            end += 3
        else:
            break
        items += 1
    return end, items


def _trailing_strict(lines: Sequence[str], min_pairs: int) -> range:
    n = len(lines)
    start, pairs = _pairs_backward(lines, n)
    if start >= 1 and pairs >= min_pairs and is_heading_like(lines[start - 1]):
        return range(start - 1, n)
    if pairs >= min_pairs + 1:
        return range(start, n)
    return range(0)


def _leading_strict(lines: Sequence[str], min_pairs: int) -> range:
    if lines and is_heading_like(lines[0]):
        end, pairs = _pairs_forward(lines, 1)
        if pairs >= min_pairs:
            return range(0, end)
    end, pairs = _pairs_forward(lines, 0)
    if pairs >= min_pairs + 1:
        return range(0, end)
    return range(0)


def _is_loose_item(line: str) -> bool:
    return word_count(line) <= MAX_LOOSE_ITEM_WORDS


def _stories(items: Sequence[str]) -> int:
    """Stories in a list of teaser lines, or 0 when it is no teaser list.

    Each story starts with a title-like line (or is a lone line cut off with
    "…"); a line that is neither must be a short excerpt right after a title.
    """
    stories = 0
    prev_title = False
    for item in items:
        title = is_title_like(item)
        if title or (ends_with_ellipsis(item) and not prev_title):
            stories += 1
        elif not prev_title or word_count(item) > MAX_LOOSE_EXCERPT_WORDS:
            return 0
        prev_title = title
    return stories


def _loose_items_ok(items: Sequence[str], min_stories: int) -> bool:
    if len(items) > MAX_LOOSE_ITEMS or not all(_is_loose_item(item) for item in items):
        return False
    return _stories(items) >= min_stories


def _trailing_loose(lines: Sequence[str], min_pairs: int) -> range:
    n = len(lines)
    for heading in range(n - 2, max(-1, n - MAX_LOOSE_ITEMS - 2), -1):
        if not _is_loose_item(lines[heading]):
            break
        if _is_vocab_heading(lines[heading]) and _loose_items_ok(lines[heading + 1 :], min_pairs):
            return range(heading, n)
    return range(0)


def _leading_loose(lines: Sequence[str], min_pairs: int) -> range:
    if not lines or not _is_vocab_heading(lines[0]):
        return range(0)
    end = 1
    while end < len(lines) and end <= MAX_LOOSE_ITEMS and is_title_like(lines[end]):
        end += 1
    return range(0, end) if end - 1 >= min_pairs + 1 else range(0)


def _middle(lines: Sequence[str], min_pairs: int) -> set[int]:
    found: set[int] = set()
    i = 0
    while i < len(lines):
        if _is_vocab_heading(lines[i]):
            end, pairs = _pairs_forward(lines, i + 1)
            if pairs >= min_pairs:
                found.update(range(i, end))
                i = end
                continue
        i += 1
    return found


def find_rails(lines: Sequence[str], config: RailConfig | None = None) -> set[int]:
    """Indices of ``lines`` (non-blank, non-chrome lines in order) that belong to
    a teaser rail; see the module docstring for the shapes recognised."""
    min_pairs = (config or RailConfig()).min_pairs
    found: set[int] = set()
    for finder in (_trailing_strict, _trailing_loose, _leading_strict, _leading_loose):
        found.update(finder(lines, min_pairs))
    found.update(_middle(lines, min_pairs))
    return found
