"""What one task saw (records in, documents out, drops per step and reason, time per step),
and the merge of those counts across tasks into the run's totals."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ShardStats"]


@dataclass
class ShardStats:
    """What one task saw: records in, documents out, drops per ``step:reason``, time per step."""

    records_in: int = 0
    documents_out: int = 0
    rejected: int = 0
    bytes_in: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    """Input records that are not documents (WARC request/metadata...), by kind."""
    drops: Counter[str] = field(default_factory=Counter)
    """Dropped documents by ``step:reason``."""
    flags: Counter[str] = field(default_factory=Counter)
    """Annotate-only mode: documents a filter would have dropped, by ``step:reason``."""
    step_seconds: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    step_in: Counter[str] = field(default_factory=Counter)
    metadata_counts: Counter[str] = field(default_factory=Counter)
    """Sums of numeric counters steps leave in ``metadata`` (e.g. ``pii.email``)."""

    def merge(self, other: ShardStats) -> None:
        """Add ``other`` into this one."""
        self.records_in += other.records_in
        self.documents_out += other.documents_out
        self.rejected += other.rejected
        self.bytes_in += other.bytes_in
        self.metadata_counts.update(other.metadata_counts)
        self.add_step_counters(other)

    def add_step_counters(self, other: ShardStats) -> None:
        """Add the per-step counters and timings of ``other`` (not the record totals)."""
        for mine, theirs in (
            (self.skipped, other.skipped),
            (self.drops, other.drops),
            (self.flags, other.flags),
            (self.step_in, other.step_in),
        ):
            mine.update(theirs)
        for key, seconds in other.step_seconds.items():
            self.step_seconds[key] += seconds

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict with sorted keys (stable across runs except for timings)."""
        return {
            "records_in": self.records_in,
            "documents_out": self.documents_out,
            "rejected": self.rejected,
            "bytes_in": self.bytes_in,
            "skipped": dict(sorted(self.skipped.items())),
            "drops": dict(sorted(self.drops.items())),
            "flags": dict(sorted(self.flags.items())),
            "step_seconds": {k: round(v, 6) for k, v in sorted(self.step_seconds.items())},
            "step_in": dict(sorted(self.step_in.items())),
            "metadata_counts": dict(sorted(self.metadata_counts.items())),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ShardStats:
        """Inverse of :meth:`to_json`."""
        return cls(
            records_in=data["records_in"],
            documents_out=data["documents_out"],
            rejected=data["rejected"],
            bytes_in=data.get("bytes_in", 0),
            skipped=Counter(data.get("skipped", {})),
            drops=Counter(data.get("drops", {})),
            flags=Counter(data.get("flags", {})),
            step_seconds=defaultdict(float, data.get("step_seconds", {})),
            step_in=Counter(data.get("step_in", {})),
            metadata_counts=Counter(data.get("metadata_counts", {})),
        )
