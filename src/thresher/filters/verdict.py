"""The result of a quality rule: which rule failed, what was measured, against what."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Verdict"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """A failed rule: ``reason`` (a step's drop reason), the measured ``value`` and the
    ``threshold`` it crossed. Rule functions return ``None`` when a text passes."""

    reason: str
    value: float
    threshold: float
    detail: str = ""

    def describe(self) -> str:
        """A line for people: the detail, or ``reason: value vs threshold``."""
        return self.detail or f"{self.reason}: {self.value:.4g} vs threshold {self.threshold:.4g}"
