"""Why a record was not kept: one type for readers, steps, stages and the rejected sink.

A reader that cannot use a record, a filter that rejects a document, a stage that
finds a duplicate and a step that raises all say the same things: which step, which
reason from its declared set, a detail for people, and what was measured against
what. :meth:`Drop.record` is the shape written to the rejected sink and to a
document's ``flags`` in annotate-only runs.

>>> Drop("too_few_words", "12 words", value=12, threshold=50, step="gopher_quality").record()
{'step': 'gopher_quality', 'reason': 'too_few_words', 'detail': '12 words', 'value': 12, \
'threshold': 50, 'data': {}}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

__all__ = ["READ_STEP", "STEP_ERROR", "Drop"]

READ_STEP: Final = "read"
"""The step name of reader rejections."""

STEP_ERROR: Final = "step_error"
"""The reason of a document whose step raised instead of returning (counted per step)."""


@dataclass(frozen=True, slots=True)
class Drop:
    """Why a record was dropped.

    ``reason`` is one of the step's declared ``reasons``; ``detail`` is free text
    for people; ``value`` and ``threshold`` say what was measured against what.
    ``data`` carries machine-readable extras (e.g. ``duplicate_of``). ``step`` names
    the step that decided (``"read"`` for a reader); the runner fills it in.
    """

    reason: str
    detail: str = ""
    value: float | None = None
    threshold: float | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    step: str = ""

    def record(self) -> dict[str, Any]:
        """The JSON shape: ``step``, ``reason``, ``detail``, ``value``, ``threshold``, ``data``."""
        return {
            "step": self.step,
            "reason": self.reason,
            "detail": self.detail,
            "value": self.value,
            "threshold": self.threshold,
            "data": dict(self.data),
        }
