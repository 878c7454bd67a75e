"""Shard files written atomically and rotated by size.

A writer writes its parts under temporary names (``.tmp-<final name>``) and
renames them into place only on :meth:`commit`, so a killed run never leaves a
half-written file under a final name; :meth:`abort` deletes the temporaries.
Parts are named ``<prefix>-<shard:05d>-<part:04d><suffix>``: ``shard`` is the
input shard (chosen by the executor), ``part`` counts rotations within it.

A part is closed after the write that reaches ``max_docs_per_shard`` documents
or ``max_bytes_per_shard`` *uncompressed* record bytes (so a part may pass the
byte limit by at most one record; uncompressed, so the split does not depend on
the compressor). A writer that received nothing writes no file.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final, Protocol, Self

from thresher.document import Document
from thresher.serialize import open_text_write
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
    def paths(self) -> list[Path]: ...

    def write(self, doc: Document) -> None: ...

    def commit(self) -> list[Path]: ...

    def abort(self) -> None: ...


class RotatingWriter(ABC):
    """Rotation, temporary names and atomic commit; subclasses write the records."""

    def __init__(self, out_dir: Path, prefix: str, shard: int = 0,
                 config: WriterConfig | None = None) -> None:
        self.out_dir = Path(out_dir)
        self.prefix = prefix
        self.shard = shard
        self.config = config or WriterConfig()
        self._count = 0
        self._parts: list[Path] = []
        self._open_part = False
        self._part_docs = 0
        self._part_bytes = 0
        self._state = "open"

    @property
    def count(self) -> int:
        """Records written so far, over all parts."""
        return self._count

    @property
    def paths(self) -> list[Path]:
        """The final file of each part, in order (they exist once :meth:`commit` returned)."""
        return list(self._parts)

    def _final_name(self, part: int) -> Path:
        name = f"{self.prefix}-{self.shard:05d}-{part:04d}{self.config.suffix}"
        return self.out_dir / name

    @staticmethod
    def _temp_name(final: Path) -> Path:
        return final.with_name(f".tmp-{final.name}")

    def write_record(self, record: Mapping[str, Any]) -> None:
        """Append one record, opening and rotating parts as needed."""
        if self._state != "open":
            raise RuntimeError(f"writer already {self._state}")
        if not self._open_part:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self._parts.append(self._final_name(len(self._parts)))
            self._open(self._temp_name(self._parts[-1]))
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

    def commit(self) -> list[Path]:
        """Close the last part and rename every part into place; returns :attr:`paths`."""
        if self._state != "open":
            raise RuntimeError(f"writer already {self._state}")
        if self._open_part:
            self._close()
            self._open_part = False
        for final in self._parts:
            os.replace(self._temp_name(final), final)
        self._state = "committed"
        return self.paths

    def abort(self) -> None:
        """Close and delete the temporary files; nothing appears under a final name."""
        if self._state != "open":
            return
        if self._open_part:
            self._close()
            self._open_part = False
        for final in self._parts:
            self._temp_name(final).unlink(missing_ok=True)
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
    def _open(self, temp: Path) -> None:
        """Start a part at ``temp``."""

    @abstractmethod
    def _emit(self, record: Mapping[str, Any]) -> int:
        """Write one record to the open part; return its uncompressed size in bytes."""

    @abstractmethod
    def _close(self) -> None:
        """Finish the open part."""


class JsonlWriter(RotatingWriter):
    """Records as JSON lines, compressed by suffix with fixed parameters (same bytes each run)."""

    def __init__(self, out_dir: Path, prefix: str, shard: int = 0,
                 config: WriterConfig | None = None) -> None:
        super().__init__(out_dir, prefix, shard, config)
        if self.config.suffix not in JSONL_SUFFIXES:
            raise ValueError(f"JSONL writer suffix must be one of {JSONL_SUFFIXES}, "
                             f"not {self.config.suffix!r}")
        self._out: IO[str] | None = None

    def _open(self, temp: Path) -> None:
        self._out = open_text_write(temp)

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
    >>> [p.name for p in w.paths]
    ['docs-00003-0000.jsonl.zst']
    """

    def write(self, doc: Document) -> None:
        """Append one document."""
        self.write_record(document_record(doc))
