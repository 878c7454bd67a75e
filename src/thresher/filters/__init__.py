"""Document quality filters (Gopher, C4, FineWeb) as pure rule functions and steps.

Each rule function takes a text (and a config) and returns the first failed rule as a
:class:`Verdict` (reason, measured value, threshold) or ``None``; the step classes
wrap them as ``gopher_quality``, ``gopher_repetition``, ``c4_lines``, ``c4_quality``
and ``fineweb_quality``. Word counting is language-aware: see
:mod:`thresher.filters.textstats`.
"""

from __future__ import annotations

from thresher.filters.c4 import C4LinesConfig, C4QualityConfig, c4_clean, c4_quality
from thresher.filters.fineweb import FineWebQualityConfig, fineweb_quality
from thresher.filters.gopher import (
    GopherQualityConfig,
    GopherRepetitionConfig,
    gopher_quality,
    gopher_repetition,
)
from thresher.filters.textstats import TextProfile, profile, tokenize
from thresher.filters.verdict import Verdict

__all__ = [
    "C4LinesConfig",
    "C4QualityConfig",
    "FineWebQualityConfig",
    "GopherQualityConfig",
    "GopherRepetitionConfig",
    "TextProfile",
    "Verdict",
    "c4_clean",
    "c4_quality",
    "fineweb_quality",
    "gopher_quality",
    "gopher_repetition",
    "profile",
    "tokenize",
]
