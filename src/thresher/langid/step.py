"""Pipeline steps around :mod:`thresher.langid`: annotate the language, filter by it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from thresher.config import Range
from thresher.document import Document
from thresher.langid import LangResult, identify, identify_paragraphs
from thresher.step import Drop, Filter, Mapper

__all__ = ["LangIdMapper", "LanguageFilter"]

Score = Annotated[float, Range(0.0, 1.0)]
"""A probability."""
Count = Annotated[int, Range(0)]
"""A number of characters (0: no limit or no probe, as the field says)."""


@dataclass(frozen=True)
class LangIdConfig:
    """Options of the ``langid`` step."""

    paragraphs: bool = False
    """Also identify each paragraph (line) into ``metadata["language_paragraphs"]``."""
    paragraph_min_chars: Count = 20
    """Paragraphs shorter than this (non-space characters) are not identified."""
    max_chars: Count = 5000
    """Identify the document from its first ``max_chars`` characters only (0: all of it).

    fastText's cost grows with the text; 5000 characters decide as the whole text does on
    all but borderline pages (benchmarks/filters.py: 1 of 909 documents)."""
    probe_chars: Count = 1000
    """Read the first ``probe_chars`` characters first and keep their answer when its score
    reaches ``probe_confidence`` (0: no probe). Most pages are plainly in one language from
    their first paragraphs; together with ``max_chars``, 3.3x faster than reading whole
    texts, with the same decisions on 908 of 909 documents (benchmarks/filters.py)."""
    probe_confidence: Score = 0.9
    """Score at which the probe's answer is kept."""


class LangIdMapper(Mapper[LangIdConfig]):
    """Writes ``language`` and ``language_score`` on every document; never drops.

    With ``paragraphs``, ``metadata["language_paragraphs"]`` lists
    ``{"line", "lang", "score"}`` for each paragraph long enough to identify.
    """

    name = "langid"
    Config = LangIdConfig
    reasons = frozenset()

    def setup(self) -> None:
        identify("warm up")  # loads the model once per worker, before the first document

    def map(self, doc: Document) -> Document | Drop:
        found = _identify(doc.text, self.config)
        annotated = doc.evolve(language=found.lang, language_score=found.score)
        if not self.config.paragraphs:
            return annotated
        per_line = identify_paragraphs(doc.text, self.config.paragraph_min_chars)
        found_lines = [{"line": p.line, "lang": p.lang, "score": p.score} for p in per_line]
        return annotated.with_metadata(language_paragraphs=found_lines)


@dataclass(frozen=True)
class LanguageConfig:
    """Options of the ``language`` filter."""

    languages: tuple[str, ...] = ()
    """lid.176 codes to keep (``("en", "de")``); empty keeps every language."""
    min_score: Score = 0.65
    """Lowest language probability kept (FineWeb keeps English above 0.65)."""
    max_chars: Count = 5000
    """When ``langid`` did not run before: identify from the first ``max_chars`` characters
    only (0: all of the text); see :class:`LangIdConfig`."""
    probe_chars: Count = 1000
    """When ``langid`` did not run before: the probe of :class:`LangIdConfig`."""
    probe_confidence: Score = 0.9
    """Score at which the probe's answer is kept."""


def _identify(text: str, config: LangIdConfig | LanguageConfig) -> LangResult:
    """`identify` with the reading options both steps share (max_chars and the probe)."""
    return identify(text, config.max_chars, config.probe_chars, config.probe_confidence)


def language_verdict(found: LangResult, config: LanguageConfig) -> tuple[str, float, float] | None:
    """``(reason, value, threshold)`` when ``found`` fails ``config``, else ``None``.

    ``lang_mismatch`` reports the score of the unwanted language as the value.
    """
    if config.languages and found.lang not in config.languages:
        return "lang_mismatch", found.score, config.min_score
    if found.score < config.min_score:
        return "low_lang_score", found.score, config.min_score
    return None


class LanguageFilter(Filter[LanguageConfig]):
    """Keeps documents in the chosen languages whose language score reaches ``min_score``.

    Reads ``language``/``language_score`` set by ``langid``; identifies the text
    itself when they are missing.
    """

    name = "language"
    Config = LanguageConfig
    reasons = frozenset({"lang_mismatch", "low_lang_score"})
    requires = ("langid",)

    def setup(self) -> None:
        identify("warm up")

    def check(self, doc: Document) -> Drop | None:
        if doc.language is not None and doc.language_score is not None:
            found = LangResult(doc.language, doc.language_score)
        else:
            found = _identify(doc.text, self.config)
        verdict = language_verdict(found, self.config)
        if verdict is None:
            return None
        reason, value, threshold = verdict
        wanted = ",".join(self.config.languages) or "any"
        return self.drop(
            reason,
            f"language {found.lang} ({found.score:.3f}); wanted {wanted} >= {threshold}",
            value=value,
            threshold=threshold,
            data={"language": found.lang},
        )
