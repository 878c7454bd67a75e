"""Output shards as Parquet files (the ``parquet`` extra: ``pip install thresher[parquet]``).

Same records, rotation and atomic commit as :class:`~thresher.writers.shards.ShardWriter`,
with the same fixed, explicit schema (:data:`~thresher.writers.records.DOCUMENT_SCHEMA`:
``metadata`` and ``edits`` are JSON text, nothing is null), so a folder of parts reads as
one table with any Parquet reader. pyarrow is imported only when a writer is created.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

from thresher.document import Document
from thresher.run.commit import Store
from thresher.writers.records import DOCUMENT_SCHEMA, arrow_schema, document_record
from thresher.writers.shards import RotatingWriter, WriterConfig

__all__ = ["JSON_COLUMNS", "ParquetShardWriter", "require_pyarrow"]

JSON_COLUMNS = ("metadata", "edits")
"""Columns that hold JSON text (their content has no fixed schema)."""


def require_pyarrow() -> Any:
    """Import pyarrow.parquet or raise an ImportError that says how to install it."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ImportError(
            "Parquet output needs pyarrow: pip install 'thresher[parquet]'"
        ) from None
    return pq


class ParquetShardWriter(RotatingWriter):
    """Writes kept documents to ``.parquet`` parts (zstd, row groups of ``row_group_docs``)."""

    def __init__(self, out: Store | Path, prefix: str, shard: int = 0,
                 config: WriterConfig | None = None, row_group_docs: int = 1000) -> None:
        config = config or WriterConfig(suffix=".parquet")
        if config.suffix != ".parquet":
            raise ValueError(f"Parquet writer suffix must be '.parquet', not {config.suffix!r}")
        self._pq = require_pyarrow()
        import pyarrow as pa

        self._pa = pa
        self._schema = arrow_schema(DOCUMENT_SCHEMA)
        super().__init__(out, prefix, shard, config)
        self.row_group_docs = row_group_docs
        self._rows: list[Mapping[str, Any]] = []
        self._writer: Any = None

    def write(self, doc: Document) -> None:
        """Append one document."""
        self.write_record(document_record(doc))

    def _open(self, raw: BinaryIO, key: str) -> None:
        self._writer = self._pq.ParquetWriter(raw, self._schema, compression="zstd")

    def _emit(self, record: Mapping[str, Any]) -> int:
        self._rows.append(record)
        if len(self._rows) >= self.row_group_docs:
            self._flush()
        return len(json.dumps(record, ensure_ascii=False).encode("utf-8"))

    def _flush(self) -> None:
        if self._rows and self._writer is not None:
            table = self._pa.Table.from_pylist(self._rows, schema=self._schema)
            self._writer.write_table(table)
            self._rows = []

    def _close(self) -> None:
        self._flush()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
