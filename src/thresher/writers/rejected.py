"""The rejected sink: one record per dropped or rejected document, with step and reason.

Same rotation and atomic commit as the output shards. Reader rejections are
written with step ``"read"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from thresher.document import Document
from thresher.readers.base import Rejection
from thresher.step import Drop
from thresher.writers.records import rejected_record
from thresher.writers.shards import JsonlWriter

__all__ = ["READ_STEP", "RejectedWriter"]

READ_STEP = "read"
"""The step name under which reader rejections are recorded."""


class RejectedWriter(JsonlWriter):
    """Writes :func:`~thresher.writers.records.rejected_record` lines."""

    def write(self, doc: Document, step: str, reason: str, detail: str = "",
              value: float | None = None, threshold: float | None = None,
              data: Mapping[str, Any] | None = None) -> None:
        """Record that ``step`` dropped ``doc`` for ``reason``."""
        self.write_record(rejected_record(doc, step, reason, detail, value, threshold, data))

    def write_drop(self, doc: Document, step: str, drop: Drop) -> None:
        """Record a step's :class:`~thresher.step.Drop`."""
        self.write(doc, step, drop.reason, drop.detail, drop.value, drop.threshold, drop.data)

    def write_rejection(self, rejected: Rejection) -> None:
        """Record a reader's :class:`~thresher.readers.base.Rejection` (step ``"read"``)."""
        self.write(rejected.doc, READ_STEP, rejected.reason, rejected.detail)
