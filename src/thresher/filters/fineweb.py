"""FineWeb's own quality rules (Penedo et al. 2024, "The FineWeb Datasets", section 3.4).

Three rules found by comparing documents kept and removed on ablation models,
plus the list rule of the released pipeline:

* ``line_punct_ratio``: fewer than 12% of lines end in sentence punctuation;
* ``short_line_ratio``: more than 67% of lines are 30 characters or shorter;
* ``char_dup_ratio``: more than 1% of the characters are in lines repeating an earlier line;
* ``list_ratio``: more than 0.3 newlines per word (lists, menus).

Lines are the non-blank lines; words are counted as in :mod:`thresher.filters.textstats`
(unspaced scripts in word equivalents), and sentence punctuation includes the
full stops of other scripts (``。``, ``।``, ``؟``...); a line ending in Thai or Lao,
which mark sentence ends with spaces, counts as ended.
"""

from __future__ import annotations

from dataclasses import dataclass

from thresher.document import Document
from thresher.filters.base import RuleFilter
from thresher.filters.textstats import (
    SENTENCE_TERMINALS,
    ends_unpunctuated,
    profile,
    repeats,
)
from thresher.filters.verdict import Verdict

__all__ = ["FineWebQualityConfig", "FineWebQualityFilter", "fineweb_quality"]

_TERMINALS = tuple(sorted(SENTENCE_TERMINALS))


@dataclass(frozen=True)
class FineWebQualityConfig:
    """Thresholds of :func:`fineweb_quality` (the paper's); ``None`` turns a rule off."""

    min_line_punct_ratio: float | None = 0.12
    """Smallest share of lines ending in sentence punctuation."""
    line_punct_exclude_zero: bool = False
    """Keep documents where no line ends in punctuation (FineWeb-2 does for some languages)."""
    max_short_line_ratio: float | None = 0.67
    short_line_chars: int = 30
    """A line of at most this many characters is short."""
    max_char_dup_ratio: float | None = 0.01
    """Largest share of characters (newlines not counted) in repeated lines."""
    max_newline_word_ratio: float | None = 0.3
    """Most newlines per word."""


def fineweb_quality(text: str, config: FineWebQualityConfig | None = None) -> Verdict | None:
    """The first FineWeb rule ``text`` fails, or ``None``; ``empty`` when it has no line."""
    config = config or FineWebQualityConfig()
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return Verdict("empty", 0, 1, "no non-blank line")
    if config.min_line_punct_ratio is not None:
        ended = sum(1 for line in lines if line.endswith(_TERMINALS) or ends_unpunctuated(line))
        ratio = ended / len(lines)
        exempt = ratio == 0 and config.line_punct_exclude_zero
        if ratio < config.min_line_punct_ratio and not exempt:
            return Verdict("line_punct_ratio", ratio, config.min_line_punct_ratio)
    if config.max_short_line_ratio is not None:
        short = config.short_line_chars
        ratio = sum(1 for line in lines if len(line) <= short) / len(lines)
        if ratio > config.max_short_line_ratio:
            return Verdict("short_line_ratio", ratio, config.max_short_line_ratio)
    if config.max_char_dup_ratio is not None:
        chars = len(text) - text.count("\n")
        ratio = repeats(lines)[1] / chars
        if ratio > config.max_char_dup_ratio:
            return Verdict("char_dup_ratio", ratio, config.max_char_dup_ratio)
    if config.max_newline_word_ratio is not None:
        words = profile(text).token_count
        ratio = text.count("\n") / words if words else float(text.count("\n"))
        if ratio > config.max_newline_word_ratio:
            return Verdict("list_ratio", ratio, config.max_newline_word_ratio)
    return None


class FineWebQualityFilter(RuleFilter[FineWebQualityConfig]):
    """FineWeb's quality rules; see :func:`fineweb_quality`."""

    name = "fineweb_quality"
    Config = FineWebQualityConfig
    reasons = frozenset(
        {"empty", "line_punct_ratio", "short_line_ratio", "char_dup_ratio", "list_ratio"}
    )

    def verdict(self, doc: Document) -> Verdict | None:
        return fineweb_quality(doc.text, self.config)
