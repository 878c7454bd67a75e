"""Shard files committed atomically and rotated by size.

A writer writes its parts through a :class:`~thresher.run.commit.Store` (a folder on
disk, given as a path or a store): each part is a pending file that appears under its
final name only on :meth:`RotatingWriter.commit`, so a killed run never leaves a
half-written file under a final name; :meth:`RotatingWriter.abort` discards them.
Parts are named ``<prefix>-<shard:05d>-<part:04d><suffix>``: ``shard`` is the
input shard (chosen by the executor), ``part`` counts rotations within it.

A part is closed after the write that reaches ``max_docs_per_shard`` documents
or ``max_bytes_per_shard`` *uncompressed* record bytes (so a part may pass the
byte limit by at most one record; uncompressed, so the split does not depend on
the compressor). A writer that received nothing writes no file.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, BinaryIO, Final, Protocol, Self

from thresher.document import Document
from thresher.run.commit import Pending, Store, as_store
from thresher.serialize import text_writer
from thresher.writers.records import document_record, dumps

__all__ = ["JSONL_SUFFIXES", "DocumentSink", "JsonlWriter", "RotatingWriter", "ShardWriter",
           "WriterConfig"]

JSONL_SUFFIXES: Final = (".jsonl", ".jsonl.gz", ".jsonl.zst")


@dataclass(frozen=True, slots=True)
class WriterConfig:
    """Format and rotation of output shards."""

    suffix: str = ".jsonl.zst"
    """``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst`` (or ``.parquet`` with the parquet extra)."""
    max_docs_per_shard: int | None = None
    """Start a new part after this many documents (None: no limit)."""
    max_bytes_per_shard: int | None = None
    """Start a new part after this many uncompressed record bytes (None: no limit)."""


class DocumentSink(Protocol):
    """What the executor needs of a document writer, whatever its format."""

    @property
    def count(self) -> int: ...

    @property
    def keys(self) -> list[str]: ...

    def write(self, doc: Document) -> None: ...

    def commit(self) -> list[str]: ...

    def abort(self) -> None: ...


class RotatingWriter(ABC):
    """Rotation and atomic commit; subclasses write the records of a part."""

    def __init__(self, out: Store | Path, prefix: str, shard: int = 0,
                 config: WriterConfig | None = None) -> None:
        self.store = as_store(out)
        self.prefix = prefix
        self.shard = shard
        self.config = config or WriterConfig()
        self._count = 0
        self._parts: list[Pending] = []
        self._open_part = False
        self._part_docs = 0
        self._part_bytes = 0
        self._state = "open"

    @property
    def count(self) -> int:
        """Records written so far, over all parts."""
        return self._count

    @property
    def keys(self) -> list[str]:
        """The name of each part in the store, in order (there once :meth:`commit` returned)."""
        return [p.key for p in self._parts]

    def _final_name(self, part: int) -> str:
        return f"{self.prefix}-{self.shard:05d}-{part:04d}{self.config.suffix}"

    def write_record(self, record: Mapping[str, Any]) -> None:
        """Append one record, opening and rotating parts as needed."""
        if self._state != "open":
            raise RuntimeError(f"writer already {self._state}")
        if not self._open_part:
            pending = self.store.create(self._final_name(len(self._parts)))
            self._parts.append(pending)
            self._open(pending.file, pending.key)
            self._open_part = True
            self._part_docs = self._part_bytes = 0
        self._part_bytes += self._emit(record)
        self._part_docs += 1
        self._count += 1
        if self._full():
            self._close()
            self._open_part = False

    def _full(self) -> bool:
        cfg = self.config
        return ((cfg.max_docs_per_shard is not None and self._part_docs >= cfg.max_docs_per_shard)
                or (cfg.max_bytes_per_shard is not None
                    and self._part_bytes >= cfg.max_bytes_per_shard))

    def commit(self) -> list[str]:
        """Close the last part and publish every part under its name; returns :attr:`keys`."""
        if self._state != "open":
            raise RuntimeError(f"writer already {self._state}")
        if self._open_part:
            self._close()
            self._open_part = False
        for pending in self._parts:
            pending.commit()
        self._state = "committed"
        return self.keys

    def abort(self) -> None:
        """Discard every part; nothing appears under a final name."""
        if self._state != "open":
            return
        try:
            if self._open_part:
                self._close()
                self._open_part = False
        finally:
            for pending in self._parts:
                pending.abort()
            self._parts.clear()
            self._state = "aborted"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()

    @abstractmethod
    def _open(self, raw: BinaryIO, key: str) -> None:
        """Start a part that writes to ``raw`` (its format may follow ``key``'s suffix)."""

    @abstractmethod
    def _emit(self, record: Mapping[str, Any]) -> int:
        """Write one record to the open part; return its uncompressed size in bytes."""

    @abstractmethod
    def _close(self) -> None:
        """Finish the open part (and close what wraps its stream)."""


class JsonlWriter(RotatingWriter):
    """Records as JSON lines, compressed by suffix with fixed parameters (same bytes each run)."""

    def __init__(self, out: Store | Path, prefix: str, shard: int = 0,
                 config: WriterConfig | None = None) -> None:
        super().__init__(out, prefix, shard, config)
        if self.config.suffix not in JSONL_SUFFIXES:
            raise ValueError(f"JSONL writer suffix must be one of {JSONL_SUFFIXES}, "
                             f"not {self.config.suffix!r}")
        self._out: IO[str] | None = None

    def _open(self, raw: BinaryIO, key: str) -> None:
        self._out = text_writer(raw, key)

    def _emit(self, record: Mapping[str, Any]) -> int:
        assert self._out is not None
        line = dumps(record) + "\n"
        self._out.write(line)
        return len(line.encode("utf-8"))

    def _close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None


class ShardWriter(JsonlWriter):
    """Writes kept documents as output records (see :mod:`thresher.writers.records`).

    >>> import tempfile
    >>> from thresher.document import Document, Provenance
    >>> out = Path(tempfile.mkdtemp())
    >>> with ShardWriter(out, "docs", shard=3) as w:
    ...     w.write(Document(id="a", provenance=Provenance("x.warc.gz"), text="Hello"))
    >>> w.keys
    ['docs-00003-0000.jsonl.zst']
    """

    def write(self, doc: Document) -> None:
        """Append one document."""
        self.write_record(document_record(doc))
