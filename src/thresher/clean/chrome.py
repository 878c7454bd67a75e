"""Chrome lines: "Read more", "Load more", pagination, share prompts, cookie and
newsletter notices, comment-form and ad labels.

A line is chrome only when the *whole* line matches a vocabulary entry or
pattern of :mod:`thresher.clean.vocab`; words inside prose are never touched.
Weak entries (a bare "Facebook", "Accept", "Next") are chrome only when they
stand next to another chrome line, as in a share bar or a cookie banner.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from thresher.clean import vocab
from thresher.clean.shape import line_key, word_count

__all__ = ["ChromeMatch", "classify_line", "find_chrome"]

_ARROWS = frozenset("«»‹›←→")
MAX_COOKIE_WORDS = 80
"""A cookie notice is a paragraph at most; longer lines are prose about cookies."""
MAX_TEASER_WORDS = 25
"""Longest "Read also: <headline>" line; a headline is short."""


@dataclass(frozen=True, slots=True)
class ChromeMatch:
    """Which rule a line matches, and whether it is chrome on its own (strong)."""

    rule: str
    strong: bool


def _by_key(table: Mapping[str, frozenset[str]]) -> Mapping[str, str]:
    """Phrase tables turned into ``line key -> rule`` (phrases are keyed like lines)."""
    return {line_key(phrase): rule for rule, phrases in table.items() for phrase in phrases}


_STRONG_KEYS = _by_key(vocab.STRONG_PHRASES)
_WEAK_KEYS = _by_key(vocab.WEAK_PHRASES)


_ANY_PATTERN = re.compile(
    "|".join(f"(?:{p.pattern})" for patterns in vocab.CHROME_PATTERNS.values() for p in patterns)
)
"""Every pattern of :data:`vocab.CHROME_PATTERNS` in one: most keys match none, and one
``fullmatch`` says so (the rule is then looked up pattern by pattern, in order)."""

_COOKIE_WORD = re.compile(r"cookie|témoin", re.IGNORECASE)
_COOKIE_WINDOW = 110
"""A cookie notice names cookies within its first 102 characters (60 + the longest verb of
use + 25 + the word): no line without "cookie" or "témoin" there can be one."""


def _pattern_rule(key: str) -> str | None:
    if _ANY_PATTERN.fullmatch(key) is None:
        return None
    for rule, patterns in vocab.CHROME_PATTERNS.items():
        if any(p.fullmatch(key) for p in patterns):
            return rule
    return None


def _is_cookie_notice(line: str, words: int) -> bool:
    return (
        words <= MAX_COOKIE_WORDS
        and _COOKIE_WORD.search(line, 0, _COOKIE_WINDOW) is not None
        and vocab.COOKIE_NOTICE.match(line) is not None
        and vocab.COOKIE_CONTEXT.search(line) is not None
    )


def classify_line(line: str, max_words: int = 12) -> ChromeMatch | None:
    """The chrome rule ``line`` matches as a whole, or ``None`` for content.

    ``max_words`` bounds phrase-like chrome; cookie notices and one-line
    teasers have their own, larger bounds.
    """
    words = word_count(line)
    if _is_cookie_notice(line.strip(), words):
        return ChromeMatch("cookie_notice", True)
    if words > max_words and words > MAX_TEASER_WORDS:
        return None  # too long for every rule below
    key = line_key(line)
    if not key:
        return None
    if words <= MAX_TEASER_WORDS and vocab.INLINE_TEASER.fullmatch(key):
        return ChromeMatch("inline_teaser", True)
    if words > max_words:
        return None
    rule = _STRONG_KEYS.get(key) or _pattern_rule(key)
    if rule is not None:
        return ChromeMatch(rule, True)
    weak = _WEAK_KEYS.get(key)
    if weak is None:
        return None
    # "« Previous" and "Next »" carry their own evidence: the arrow.
    strong = weak == "pagination" and any(char in _ARROWS for char in line)
    return ChromeMatch(weak, strong)


def find_chrome(lines: Sequence[str], max_words: int = 12) -> dict[int, str]:
    """Indices of chrome lines in ``lines`` (non-blank lines in order) -> rule.

    Strong matches are taken as they are; weak ones join when a neighbour is
    chrome, sweeping forwards then backwards so whole runs join.
    """
    matches = [classify_line(line, max_words) for line in lines]
    found = {i: m.rule for i, m in enumerate(matches) if m is not None and m.strong}
    if not found:
        return found
    order = list(range(len(lines)))
    for sweep in (order, order[::-1]):
        for i in sweep:
            match = matches[i]
            if match is not None and i not in found and (i - 1 in found or i + 1 in found):
                found[i] = match.rule
    return found
