"""The errors a run reports in one line (the CLI prints them without a traceback)."""

from __future__ import annotations

__all__ = ["RunError", "RunLocked"]


class RunError(RuntimeError):
    """A run cannot start or continue (no inputs, an output directory of another run...)."""


class RunLocked(RunError):
    """Another run is writing the output directory."""
