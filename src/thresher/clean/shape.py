"""The shape of one line: its matching key, and whether it looks like a heading,
a headline or a teaser excerpt.

These predicates look at one line at a time; :mod:`thresher.clean.rails` and
:mod:`thresher.clean.chrome` decide from sequences of them.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from thresher.clean.vocab import READ_MORE_SUFFIX

__all__ = [
    "ends_with_ellipsis",
    "is_heading_like",
    "is_title_like",
    "line_key",
    "word_count",
]

_DECORATION = " \t\u00a0•·|»«›‹→←↑↓▸▶►>-–—*#+=~:;!.,/\\\"'“”‘’„‚"
"""Characters that frame a chrome line without changing what it says ("» Read more »")."""

_SPACES = re.compile(r"\s+")
_WRAPPED = re.compile(r"^[\[(](.{1,80})[\])]$")
_CLOSERS = " \t\u00a0\"'”’»)]"
_ELLIPSIS_ONLY = re.compile(r"^\W*$")
_TERMINAL = frozenset(".!?…;,")
_WORD = re.compile(r"\w+")

MAX_KEY_CHARS = 200
"""Lines longer than this are never chrome; their key is not computed."""


@functools.lru_cache(maxsize=8192)
def line_key(line: str) -> str:
    """The form of ``line`` that vocabularies are matched against.

    NFKC, case-folded, inner whitespace collapsed, framing decoration and
    trailing punctuation stripped, and one pair of enclosing brackets removed:
    ``"  [ READ MORE » ]"`` -> ``"read more"``. Long lines give ``""``.
    """
    if len(line) > MAX_KEY_CHARS:
        return ""
    key = _SPACES.sub(" ", unicodedata.normalize("NFKC", line).casefold()).strip()
    wrapped = _WRAPPED.match(key)
    if wrapped:
        key = wrapped.group(1)
    stripped = key.strip(_DECORATION)
    # A line made only of decoration ("...", "»") keeps its own form as key.
    return stripped if stripped else key.strip()


@functools.lru_cache(maxsize=8192)
def word_count(line: str) -> int:
    """Number of ``\\w+`` runs in ``line`` (memoized: chrome and rail rules ask for the same
    lines many times)."""
    return len(_WORD.findall(line))


def ends_with_ellipsis(line: str, min_words: int = 3) -> bool:
    """True when ``line`` is cut off with "…" or "..." (closing quotes, one stop
    and a glued "Read more" allowed after it) and has at least ``min_words``
    words before it."""
    tail = line.rstrip(_CLOSERS)
    suffix = READ_MORE_SUFFIX.search(tail, max(0, len(tail) - 40))
    if suffix is not None:
        tail = tail[: suffix.start()].rstrip(_CLOSERS)
    if tail.endswith((".", "!", "?")) and not tail.endswith("..."):
        tail = tail[:-1].rstrip(_CLOSERS)
    if tail.endswith("…"):
        body = tail[:-1]
    elif tail.endswith("..."):
        body = tail[:-3]
    else:
        return False
    return word_count(body) >= min_words


def _first_letter_is_upper(line: str) -> bool:
    for char in line:
        if char.isalpha():
            return char.isupper() or not char.islower()
        if char.isdigit():
            return True
    return False


def is_heading_like(line: str, max_words: int = 5, max_chars: int = 48) -> bool:
    """A short line that could head a section: few words, capitalised, no
    sentence punctuation at its end ("News", "More stories", "Mehr zum Thema:")."""
    text = line.strip()
    if not text or len(text) > max_chars or text[-1] in _TERMINAL:
        return False
    words = word_count(text)
    return 1 <= words <= max_words and _first_letter_is_upper(text)


def is_title_like(line: str, max_words: int = 16) -> bool:
    """A headline-shaped line: short, capitalised, not ending like a sentence
    (a final "?" or "!" is allowed: headlines ask and exclaim)."""
    text = line.strip()
    if not text or text[-1] in ".;,:…" or _ELLIPSIS_ONLY.match(text):
        return False
    words = word_count(text)
    return 2 <= words <= max_words and _first_letter_is_upper(text)
