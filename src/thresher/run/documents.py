"""The per-document loop: each record through the steps, into the output or the rejected sink.

Every record read ends in exactly one place: a kept document goes to ``out``, a
reader's rejection or a step's :class:`~thresher.drop.Drop` goes to ``rejected``
with its step and reason. A step that raises drops that document with reason
``step_error`` and the run goes on. In annotate-only runs a filter's drop becomes a
flag on the document (``metadata["flags"]``) and the document goes on.

Where a record's fate is decided (a drop in any phase, the output in the last one),
its :class:`~thresher.run.profile.Profile` entry is recorded for the report.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any, Protocol

from thresher.document import Document
from thresher.drop import STEP_ERROR, Drop
from thresher.readers import Rejection
from thresher.run.profile import Profile
from thresher.run.stats import ShardStats
from thresher.step import Filter, Step
from thresher.writers import RejectedWriter

__all__ = ["DocumentWriter", "apply_steps", "process_documents"]

_COUNTED_METADATA = ("pii",)
"""Metadata fields whose per-document counters the manifest sums (``pii.email``...)."""


class DocumentWriter(Protocol):
    """Where kept documents go (an output shard writer or an intermediate shard)."""

    def write(self, doc: Document) -> None: ...

    def commit(self) -> object: ...

    def abort(self) -> None: ...


def apply_steps(
    doc: Document, steps: Sequence[Step[Any]], annotate_only: bool, stats: ShardStats
) -> Document | Drop:
    """Run ``doc`` through ``steps``: the final document, or the drop that ended it."""
    return run_steps(doc, steps, annotate_only, stats)[1]


def run_steps(
    doc: Document, steps: Sequence[Step[Any]], annotate_only: bool, stats: ShardStats
) -> tuple[Document, Document | Drop]:
    """Like :func:`apply_steps`, with the document the last step saw (what a drop judged)."""
    clock = time.perf_counter
    for step in steps:
        stats.step_in[step.name] += 1
        t0 = clock()
        try:
            result = step.process(doc)
        except Exception as exc:  # a bug or an input no rule foresaw: drop the page, not the run
            result = Drop(STEP_ERROR, f"{type(exc).__name__}: {exc}"[:500])
        finally:
            stats.step_seconds[step.name] += clock() - t0
        if isinstance(result, Drop):
            drop = result if result.step == step.name else replace(result, step=step.name)
            if annotate_only and isinstance(step, Filter) and drop.reason != STEP_ERROR:
                stats.flags[f"{step.name}:{drop.reason}"] += 1
                doc = doc.with_metadata(flags=[*doc.metadata.get("flags", ()), drop.record()])
                continue
            return doc, drop
        doc = result
    return doc, doc


def _count_metadata(doc: Document, stats: ShardStats) -> None:
    """Sum the per-document counters steps leave (``metadata['pii'] = {'email': 2}``)."""
    for key in _COUNTED_METADATA:
        value = doc.metadata.get(key)
        if isinstance(value, dict):
            for name, n in value.items():
                if isinstance(n, int):
                    stats.metadata_counts[f"{key}.{name}"] += n


def process_documents(
    items: Iterable[Document | Rejection],
    steps: Sequence[Step[Any]],
    annotate_only: bool,
    stats: ShardStats,
    out: DocumentWriter,
    rejected: RejectedWriter,
    tick: Callable[[bool], None],
    profile: Profile | None = None,
    final: bool = True,
) -> None:
    """Every item through ``steps`` into ``out`` or ``rejected``; ``tick(kept)`` after each.

    With a ``profile``, every drop is recorded in it, and so are the kept documents
    when ``final`` (the last phase, whose ``out`` is the output).
    """
    for item in items:
        stats.records_in += 1
        if isinstance(item, Rejection):
            verdict: Document | Drop = item.drop
            doc = item.doc
        else:
            doc, verdict = run_steps(item, steps, annotate_only, stats)
        if isinstance(verdict, Drop):
            stats.rejected += 1
            stats.drops[f"{verdict.step}:{verdict.reason}"] += 1
            rejected.write(doc, verdict)
            if profile is not None:
                profile.add_dropped(doc, verdict)
            tick(False)
            continue
        _count_metadata(verdict, stats)
        if profile is not None and final:
            profile.add_kept(verdict)
        out.write(verdict)
        stats.documents_out += 1
        tick(True)
