"""The rejected sink: one record per dropped or rejected document, with step and reason.

Same rotation and atomic commit as the output shards. Reader rejections carry the
step ``"read"``; every other :class:`~thresher.drop.Drop` names the step that decided.
"""

from __future__ import annotations

from thresher.document import Document
from thresher.drop import READ_STEP, Drop
from thresher.writers.records import rejected_record
from thresher.writers.shards import JsonlWriter

__all__ = ["READ_STEP", "RejectedWriter"]


class RejectedWriter(JsonlWriter):
    """Writes :func:`~thresher.writers.records.rejected_record` lines."""

    def write(self, doc: Document, drop: Drop) -> None:
        """Record that ``drop.step`` dropped ``doc`` (a reader's rejection: ``"read"``)."""
        self.write_record(rejected_record(doc, drop))
