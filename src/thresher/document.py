"""The unit of work: a frozen, typed :class:`Document` and where it came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

import xxhash

__all__ = ["Document", "Edit", "Provenance", "stable_id"]

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def stable_id(*parts: str | int | None) -> str:
    """A short id that depends only on where a record came from.

    The parts (source name, WARC record id, offset or line number) are joined
    and hashed, so the same record read twice gets the same id on any machine.
    """
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return xxhash.xxh3_128_hexdigest(joined.encode("utf-8", "surrogatepass"))[:24]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a document was read from."""

    source: str
    """The input it was read from: its name in the run (see :mod:`thresher.run.inputs`), the
    same however the path was spelled; the path as given when a reader is called directly."""
    record_id: str | None = None
    """WARC-Record-ID for WARC/WET input."""
    offset: int | None = None
    """Byte offset of the record in the (compressed) file, when known."""
    line: int | None = None
    """1-based line number for JSONL input."""
    fetch_date: str | None = None
    """WARC-Date or an equivalent, ISO 8601."""
    content_type: str | None = None
    """Media type of the payload (``text/html``...)."""
    charset: str | None = None
    """Charset declared by the transport (HTTP ``Content-Type``), if any."""


@dataclass(frozen=True, slots=True)
class Edit:
    """One change a cleaner made to a document's text: which rule removed which line."""

    step: str
    rule: str
    line: str


@dataclass(frozen=True, slots=True)
class Document:
    """A page or text on its way through a pipeline.

    Documents are immutable: a mapper returns a new one (``doc.evolve(text=...)``).
    ``html`` holds the raw payload bytes until extraction fills ``text``.
    """

    id: str
    provenance: Provenance
    url: str | None = None
    text: str = ""
    html: bytes | None = None
    language: str | None = None
    language_score: float | None = None
    metadata: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    edits: tuple[Edit, ...] = ()

    def evolve(self, **changes: Any) -> Document:
        """A copy with ``changes`` applied (``dataclasses.replace``)."""
        return replace(self, **changes)

    def with_metadata(self, **values: Any) -> Document:
        """A copy whose metadata has ``values`` added or replaced."""
        merged = dict(self.metadata)
        merged.update(values)
        return replace(self, metadata=MappingProxyType(merged))
