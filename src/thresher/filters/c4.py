"""C4's cleaning rules (Raffel et al. 2020, "Exploring the Limits of Transfer Learning with
a Unified Text-to-Text Transformer", section 2.2), split the way thresher splits work:

* ``c4_lines`` (a mapper) removes the lines C4 removes: lines without terminal
  punctuation or ending with an ellipsis, with fewer than 3 words, with a word
  over 1000 characters, mentioning JavaScript, or cookie/terms-of-use notices;
  it also removes Wikipedia citation marks (``[1]``, ``[edit]``). Each removal
  can be recorded as an :class:`~thresher.document.Edit`.
* ``c4_quality`` (a filter) drops the pages C4 drops: "lorem ipsum" or a curly
  bracket on a line C4 would keep, fewer than 5 sentences in the kept lines, and,
  when given a word list, any bad word.

Both walk the lines with :func:`c4_scan`, in the order of C4's reference code, so
``c4_quality`` decides the same whether or not ``c4_lines`` ran first. Lines that
make C4 drop the page (lorem ipsum, ``{``) are left in place by ``c4_lines`` for
``c4_quality`` to see. Lines in Chinese, Japanese, Thai... count words in word
equivalents and may end with their scripts' full stops.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from thresher.document import Document, Edit
from thresher.filters.base import RuleFilter
from thresher.filters.textstats import (
    SENTENCE_TERMINALS,
    count_sentences,
    ends_unpunctuated,
    has_unspaced_script,
    line_word_count,
    spaced_chunks,
)
from thresher.filters.verdict import Verdict
from thresher.step import ConfigError, Drop, Mapper

__all__ = [
    "C4Line",
    "C4LineRules",
    "C4LinesConfig",
    "C4LinesMapper",
    "C4QualityConfig",
    "C4QualityFilter",
    "c4_clean",
    "c4_quality",
    "c4_scan",
    "compile_bad_words",
]

_CITATION = re.compile(r"\[(?:\d*|edit|citation needed)\]")
_LINE_ENDINGS = tuple(sorted({".", "?", "!", '"', "'", "」", "』"} | SENTENCE_TERMINALS))
_POLICY_PHRASES = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)


@dataclass(frozen=True)
class C4LineRules:
    """C4's line rules; ``None``/``False`` turns one off."""

    remove_citations: bool = True
    """Delete ``[1]``, ``[edit]``, ``[citation needed]``."""
    require_terminal_punct: bool = True
    """Remove lines not ending in ``. ? ! " '`` (or another script's full stop; Thai and Lao
    need none), or ending in ``...``."""
    min_words_per_line: int | None = 3
    max_word_length: int | None = 1000
    """Remove lines with a word longer than this many characters."""
    remove_javascript: bool = True
    remove_policy: bool = True
    """Remove cookie, privacy-policy and terms-of-use lines."""
    drop_lorem_ipsum: bool = True
    """Page rule: keep lines with "lorem ipsum" so that ``c4_quality`` drops the page."""
    drop_curly_bracket: bool = True
    """Page rule: keep lines with ``{`` so that ``c4_quality`` drops the page."""


@dataclass(frozen=True, slots=True)
class C4Line:
    """What C4's rules do to one line.

    ``kept`` is the cleaned line, or ``None`` when ``rule`` removed it; a kept
    line has ``rule`` ``"citation"`` when citations were cut from it, or names a
    page rule (``"lorem_ipsum"``, ``"curly_bracket"``) that drops the page.
    """

    original: str
    kept: str | None
    rule: str | None


def _has_long_word(line: str, limit: int) -> bool:
    return len(line) > limit and any(len(word) > limit for word in spaced_chunks(line))


def _ends_sentence(line: str) -> bool:
    if line.endswith("..."):
        return False
    return line.endswith(_LINE_ENDINGS) or ends_unpunctuated(line)


def _judge_line(raw: str, rules: C4LineRules) -> C4Line:
    """Applies the rules to one line, in the order of C4's reference code."""
    line = raw.strip()
    if rules.max_word_length is not None and _has_long_word(line, rules.max_word_length):
        return C4Line(raw, None, "too_long_word")
    words = line_word_count(line)
    cited = _CITATION.sub("", line) if rules.remove_citations and "[" in line else line
    if rules.require_terminal_punct and not _ends_sentence(cited):
        return C4Line(raw, None, "no_terminal_punct")
    if rules.min_words_per_line is not None and words < rules.min_words_per_line:
        return C4Line(raw, None, "too_few_words")
    lowered = cited.lower()
    if rules.drop_lorem_ipsum and "lorem ipsum" in lowered:
        return C4Line(raw, cited, "lorem_ipsum")
    if rules.remove_javascript and "javascript" in lowered:
        return C4Line(raw, None, "javascript")
    if rules.drop_curly_bracket and "{" in cited:
        return C4Line(raw, cited, "curly_bracket")
    if rules.remove_policy and any(phrase in lowered for phrase in _POLICY_PHRASES):
        return C4Line(raw, None, "policy")
    return C4Line(raw, cited, "citation" if cited != line else None)


def c4_scan(text: str, rules: C4LineRules | None = None) -> Iterator[C4Line]:
    """What C4's line rules do to each line of ``text`` (lines split as ``str.splitlines``)."""
    rules = rules or C4LineRules()
    for raw in text.splitlines():
        yield _judge_line(raw, rules)


def c4_clean(text: str, rules: C4LineRules | None = None) -> tuple[str, tuple[C4Line, ...]]:
    """``text`` without the lines C4 removes, and what happened to each changed line."""
    kept: list[str] = []
    changes: list[C4Line] = []
    for line in c4_scan(text, rules):
        if line.kept is not None:
            kept.append(line.kept)
        if line.rule is not None and line.rule not in ("lorem_ipsum", "curly_bracket"):
            changes.append(line)
    return "\n".join(kept).strip(), tuple(changes)


@dataclass(frozen=True)
class C4LinesConfig(C4LineRules):
    """Options of the ``c4_lines`` mapper."""

    record_edits: bool = False
    """Record each removed (or citation-stripped) line as an ``Edit`` on the document."""


class C4LinesMapper(Mapper[C4LinesConfig]):
    """Removes the lines C4 removes; see :func:`c4_clean`. Never drops a document."""

    name = "c4_lines"
    Config = C4LinesConfig
    reasons = frozenset()

    def map(self, doc: Document) -> Document | Drop:
        cleaned, changes = c4_clean(doc.text, self.config)
        if cleaned == doc.text:
            return doc
        if not self.config.record_edits:
            return doc.evolve(text=cleaned)
        edits = tuple(Edit(self.name, change.rule or "", change.original) for change in changes)
        return doc.evolve(text=cleaned, edits=doc.edits + edits)


def compile_bad_words(words: list[str]) -> re.Pattern[str] | None:
    """A pattern finding any of ``words`` in lowercased text.

    Words of spaced scripts must stand alone (``ass`` does not match
    ``class``); words in unspaced scripts match anywhere, as there are no spaces
    to delimit them.
    """
    cleaned = sorted(
        {word.strip().lower() for word in words if word.strip()}, key=len, reverse=True
    )
    if not cleaned:
        return None
    spaced = [re.escape(word) for word in cleaned if not has_unspaced_script(word)]
    unspaced = [re.escape(word) for word in cleaned if has_unspaced_script(word)]
    parts = []
    if spaced:
        parts.append(rf"(?<!\w)(?:{'|'.join(spaced)})(?!\w)")
    if unspaced:
        parts.append("|".join(unspaced))
    return re.compile("|".join(parts))


@dataclass(frozen=True)
class C4QualityConfig(C4LineRules):
    """Options of the ``c4_quality`` filter (the line rules decide which lines count)."""

    min_sentences: int | None = 5
    """Fewest sentences in the lines C4 keeps."""
    bad_words_path: str | None = None
    """A UTF-8 file with one bad word or phrase per line (e.g. the LDNOOBW list C4
    used); pages containing one are dropped. No list ships with thresher."""


def c4_quality(
    text: str, config: C4QualityConfig | None = None, bad_words: re.Pattern[str] | None = None
) -> Verdict | None:
    """The C4 page rule ``text`` fails, or ``None``: ``lorem_ipsum``, ``curly_bracket``,
    ``too_few_sentences`` (counted in the lines C4 keeps), then ``bad_words``."""
    config = config or C4QualityConfig()
    wanted = config.min_sentences
    sentences = 0
    for line in c4_scan(text, config):
        if line.rule in ("lorem_ipsum", "curly_bracket"):
            return Verdict(line.rule, 1, 0, f"{line.rule}: {line.original.strip()[:80]!r}")
        if line.kept is not None and wanted is not None and sentences < wanted:
            sentences += count_sentences(line.kept)
    if wanted is not None and sentences < wanted:
        return Verdict("too_few_sentences", sentences, wanted)
    if bad_words is not None:
        match = bad_words.search(text.lower())
        if match is not None:
            return Verdict("bad_words", 1, 0, f"bad word {match.group(0).strip()!r}")
    return None


class C4QualityFilter(RuleFilter[C4QualityConfig]):
    """C4's page rules; see :func:`c4_quality`."""

    name = "c4_quality"
    Config = C4QualityConfig
    reasons = frozenset({"lorem_ipsum", "curly_bracket", "too_few_sentences", "bad_words"})

    def __init__(self, config: C4QualityConfig | None = None) -> None:
        super().__init__(config)
        self._bad_words: re.Pattern[str] | None = None
        self._loaded = False

    def setup(self) -> None:
        self._loaded = True
        path = self.config.bad_words_path
        if path is None:
            return
        try:
            words = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ConfigError(f"c4_quality.bad_words_path: cannot read {path}: {exc}") from exc
        self._bad_words = compile_bad_words(words)

    def verdict(self, doc: Document) -> Verdict | None:
        if not self._loaded:
            self.setup()
        return c4_quality(doc.text, self.config, self._bad_words)
