"""Gopher's quality and repetition rules (Rae et al. 2021, "Scaling Language Models:
Methods, Analysis & Insights from Training Gopher", appendix A.1.1 and table A1).

Defaults are the paper's. Words are counted as :mod:`thresher.filters.textstats`
explains: Chinese, Japanese, Thai... are counted in word equivalents, so they
are not "too few words"; the mean word length rule only judges texts written
mostly in scripts with spaces; the stop-word rule only judges the languages its
list is for.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from thresher.document import Document
from thresher.filters.base import RuleFilter
from thresher.filters.ngrams import NgramIndex
from thresher.filters.textstats import TextProfile, profile, repeats
from thresher.filters.verdict import Verdict

__all__ = [
    "GopherQualityConfig",
    "GopherQualityFilter",
    "GopherRepetitionConfig",
    "GopherRepetitionFilter",
    "gopher_quality",
    "gopher_repetition",
]

ENGLISH_STOP_WORDS = ("the", "be", "to", "of", "and", "that", "have", "with")
"""The paper's stop words; a document needs ``min_stop_words`` of them."""


@dataclass(frozen=True)
class GopherQualityConfig:
    """Thresholds of :func:`gopher_quality`; ``None`` turns a rule off."""

    min_words: int | None = 50
    """Fewest words (punctuation not counted; unspaced scripts in word equivalents)."""
    max_words: int | None = 100_000
    min_mean_word_length: float | None = 3.0
    """Shortest mean word length, in characters (texts mostly in spaced scripts only)."""
    max_mean_word_length: float | None = 10.0
    max_hash_ratio: float | None = 0.1
    """Most ``#`` per token (tokens include punctuation)."""
    max_ellipsis_ratio: float | None = 0.1
    """Most ``...``/``…`` per token."""
    max_bullet_lines_ratio: float | None = 0.9
    """Largest share of lines starting with one of ``bullets``."""
    bullets: tuple[str, ...] = ("•", "-")
    max_ellipsis_lines_ratio: float | None = 0.3
    """Largest share of lines ending with ``...`` or ``…``."""
    min_alpha_words_ratio: float | None = 0.8
    """Smallest share of tokens with at least one letter."""
    min_stop_words: int | None = 2
    """Fewest distinct ``stop_words`` present (case-sensitive, as tokens)."""
    stop_words: tuple[str, ...] = ENGLISH_STOP_WORDS
    stop_words_languages: tuple[str, ...] = ("en",)
    """Languages the stop-word rule judges; a document without a language is judged
    when it is written mostly in spaced scripts."""


def _ratio(count: float, total: float) -> float:
    return count / total if total else 0.0


def _word_count_verdict(stats: TextProfile, config: GopherQualityConfig) -> Verdict | None:
    words = stats.words
    if config.min_words is not None and words < config.min_words:
        return Verdict("too_few_words", words, config.min_words)
    if config.max_words is not None and words > config.max_words:
        return Verdict("too_many_words", words, config.max_words)
    mean = stats.mean_word_length
    if mean is None or not stats.mostly_spaced:
        return None
    if config.min_mean_word_length is not None and mean < config.min_mean_word_length:
        return Verdict("short_mean_word", mean, config.min_mean_word_length)
    if config.max_mean_word_length is not None and mean > config.max_mean_word_length:
        return Verdict("long_mean_word", mean, config.max_mean_word_length)
    return None


def _symbol_verdict(text: str, tokens: float, config: GopherQualityConfig) -> Verdict | None:
    if config.max_hash_ratio is not None:
        ratio = _ratio(text.count("#"), tokens)
        if ratio > config.max_hash_ratio:
            return Verdict("hash_ratio", ratio, config.max_hash_ratio)
    if config.max_ellipsis_ratio is not None:
        ratio = _ratio(text.count("...") + text.count("…"), tokens)
        if ratio > config.max_ellipsis_ratio:
            return Verdict("ellipsis_ratio", ratio, config.max_ellipsis_ratio)
    return None


def _line_verdict(text: str, config: GopherQualityConfig) -> Verdict | None:
    lines = text.splitlines()
    if not lines:
        return None
    if config.max_bullet_lines_ratio is not None and config.bullets:
        bullets = config.bullets
        ratio = sum(1 for line in lines if line.lstrip().startswith(bullets)) / len(lines)
        if ratio > config.max_bullet_lines_ratio:
            return Verdict("bullet_lines", ratio, config.max_bullet_lines_ratio)
    if config.max_ellipsis_lines_ratio is not None:
        ends = ("...", "…")
        ratio = sum(1 for line in lines if line.rstrip().endswith(ends)) / len(lines)
        if ratio > config.max_ellipsis_lines_ratio:
            return Verdict("ellipsis_lines", ratio, config.max_ellipsis_lines_ratio)
    return None


def _stop_words_apply(
    stats: TextProfile, language: str | None, config: GopherQualityConfig
) -> bool:
    if language is None:
        return stats.mostly_spaced
    return language in config.stop_words_languages


def _stop_word_verdict(
    stats: TextProfile, language: str | None, config: GopherQualityConfig
) -> Verdict | None:
    wanted = config.min_stop_words
    if wanted is None or not _stop_words_apply(stats, language, config):
        return None
    stop_words = frozenset(config.stop_words)
    found: set[str] = set()
    for token in stats.tokens:
        if token in stop_words:
            found.add(token)
            if len(found) >= wanted:
                return None
    return Verdict("few_stop_words", len(found), wanted)


def gopher_quality(
    text: str, config: GopherQualityConfig | None = None, language: str | None = None
) -> Verdict | None:
    """The first Gopher quality rule ``text`` fails, in the paper's order, or ``None``.

    ``language`` (an ISO 639 code from language ID) decides whether the
    stop-word rule applies.
    """
    config = config or GopherQualityConfig()
    stats = profile(text)
    found = _word_count_verdict(stats, config) or _symbol_verdict(text, stats.token_count, config)
    found = found or _line_verdict(text, config)
    if found is None and config.min_alpha_words_ratio is not None and stats.token_count:
        ratio = stats.alpha_tokens / stats.token_count
        if ratio < config.min_alpha_words_ratio:
            found = Verdict("low_alpha_words", ratio, config.min_alpha_words_ratio)
    return found or _stop_word_verdict(stats, language, config)


class GopherQualityFilter(RuleFilter[GopherQualityConfig]):
    """Gopher's document quality rules; see :func:`gopher_quality`."""

    name = "gopher_quality"
    Config = GopherQualityConfig
    reasons = frozenset(
        {
            "too_few_words",
            "too_many_words",
            "short_mean_word",
            "long_mean_word",
            "hash_ratio",
            "ellipsis_ratio",
            "bullet_lines",
            "ellipsis_lines",
            "low_alpha_words",
            "few_stop_words",
        }
    )

    def verdict(self, doc: Document) -> Verdict | None:
        return gopher_quality(doc.text, self.config, doc.language)


# --- repetition -----------------------------------------------------------------------

_PARAGRAPH_BREAK = re.compile(r"\n{2,}")
_LINE_BREAK = re.compile(r"\n+")


@dataclass(frozen=True)
class GopherRepetitionConfig:
    """Thresholds of :func:`gopher_repetition` (table A1 of the paper); ``None`` turns one off.

    ``*_frac`` of lines/paragraphs is the share of elements that repeat an
    earlier one; ``*_char_frac`` and the n-gram fractions are shares of the
    text's characters.
    """

    dup_line_frac: float | None = 0.3
    dup_para_frac: float | None = 0.3
    dup_line_char_frac: float | None = 0.2
    dup_para_char_frac: float | None = 0.2
    top_2gram_frac: float | None = 0.2
    """Characters in the most frequent word 2-gram (counted with the space inside)."""
    top_3gram_frac: float | None = 0.18
    top_4gram_frac: float | None = 0.16
    dup_5gram_frac: float | None = 0.15
    """Characters in word 5-grams that repeat an earlier, non-overlapping one."""
    dup_6gram_frac: float | None = 0.14
    dup_7gram_frac: float | None = 0.13
    dup_8gram_frac: float | None = 0.12
    dup_9gram_frac: float | None = 0.11
    dup_10gram_frac: float | None = 0.10

    def top_ngram_fracs(self) -> tuple[tuple[int, float | None], ...]:
        """``(n, threshold)`` of the most-frequent n-gram rules."""
        return ((2, self.top_2gram_frac), (3, self.top_3gram_frac), (4, self.top_4gram_frac))

    def dup_ngram_fracs(self) -> tuple[tuple[int, float | None], ...]:
        """``(n, threshold)`` of the repeated n-gram rules."""
        return (
            (5, self.dup_5gram_frac),
            (6, self.dup_6gram_frac),
            (7, self.dup_7gram_frac),
            (8, self.dup_8gram_frac),
            (9, self.dup_9gram_frac),
            (10, self.dup_10gram_frac),
        )


def _element_verdict(
    elements: Sequence[str], text_length: int, kind: str, limits: tuple[float | None, float | None]
) -> Verdict | None:
    frac, char_frac = limits
    count, chars = repeats(elements)
    if frac is not None and count / len(elements) > frac:
        return Verdict(f"dup_{kind}s", count / len(elements), frac)
    if char_frac is not None and chars / text_length > char_frac:
        return Verdict(f"dup_{kind}_chars", chars / text_length, char_frac)
    return None


def _ngram_rules(
    config: GopherRepetitionConfig, scale: float
) -> list[tuple[int, str, float, bool]]:
    """``(size in tokens, reason, threshold, is a top rule)`` of the enabled n-gram rules."""
    rules = [
        (math.ceil(n * scale), f"top_{n}gram", frac, True)
        for n, frac in config.top_ngram_fracs()
        if frac is not None
    ]
    rules += [
        (math.ceil(n * scale), f"dup_{n}gram", frac, False)
        for n, frac in config.dup_ngram_fracs()
        if frac is not None
    ]
    return rules


def _ngram_verdict(
    stats: TextProfile, length: int, config: GopherRepetitionConfig
) -> Verdict | None:
    tokens = stats.tokens
    # In unspaced scripts tokens are characters: an n-word gram spans n * chars-per-word of them.
    scale = 1.0 if stats.mostly_spaced else stats.unspaced_chars_per_word
    index: NgramIndex | None = None
    rules = _ngram_rules(config, scale)
    for i, (size, reason, frac, top) in enumerate(rules):
        if len(tokens) < size:
            continue
        index = index or NgramIndex(tokens)
        if not top and _rest_pass(index, size, length, rules[i:]):
            return None
        chars = index.top_chars(size) if top else index.duplicate_chars(size)
        if chars / length > frac:
            return Verdict(reason, chars / length, frac)
    return None


def _rest_pass(
    index: NgramIndex, size: int, length: int, rest: list[tuple[int, str, float, bool]]
) -> bool:
    """Whether every repeated n-gram rule in ``rest`` (from ``size`` on) surely passes.

    The characters of repeated n-grams counted by a rule lie in the tokens that some
    repeated n-gram of its size covers, and a longer repeated n-gram only covers tokens
    that repeated shorter ones cover; so when the tokens covered at ``size`` stay within
    the smallest threshold left, no later rule can fail (and none is computed).
    """
    if any(top for _, _, _, top in rest):
        return False
    return index.covered_chars(size) / length <= min(frac for _, _, frac, _ in rest)


def gopher_repetition(text: str, config: GopherRepetitionConfig | None = None) -> Verdict | None:
    """The first Gopher repetition rule ``text`` fails, or ``None``.

    Paragraphs are separated by blank lines, lines by newlines; n-grams are over
    the word tokens of :func:`thresher.filters.textstats.tokenize`. In a text written
    mostly in an unspaced script, whose tokens are characters, an n-gram rule looks at
    ``ceil(n * characters per word)`` characters (8 Han characters for 5 words).
    """
    config = config or GopherRepetitionConfig()
    if not text:
        return Verdict("empty", 0, 1, "empty text")
    paragraphs = _PARAGRAPH_BREAK.split(text.strip())
    found = _element_verdict(
        paragraphs, len(text), "paragraph", (config.dup_para_frac, config.dup_para_char_frac)
    )
    lines = _LINE_BREAK.split(text)
    found = found or _element_verdict(
        lines, len(text), "line", (config.dup_line_frac, config.dup_line_char_frac)
    )
    return found or _ngram_verdict(profile(text), len(text), config)


class GopherRepetitionFilter(RuleFilter[GopherRepetitionConfig]):
    """Gopher's repetition rules; see :func:`gopher_repetition`."""

    name = "gopher_repetition"
    Config = GopherRepetitionConfig
    reasons = frozenset(
        {"empty", "dup_paragraphs", "dup_paragraph_chars", "dup_lines", "dup_line_chars"}
        | {f"top_{n}gram" for n in (2, 3, 4)}
        | {f"dup_{n}gram" for n in range(5, 11)}
    )

    def verdict(self, doc: Document) -> Verdict | None:
        return gopher_repetition(doc.text, self.config)
