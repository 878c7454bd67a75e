"""Writers: output shards (JSONL or Parquet) and the rejected sink, committed atomically.

>>> import tempfile
>>> from pathlib import Path
>>> from thresher.document import Document, Provenance
>>> out = Path(tempfile.mkdtemp())
>>> w = open_shard_writer(out, "docs", 0, WriterConfig(suffix=".jsonl"))
>>> w.write(Document(id="a", provenance=Provenance("in.html"), text="Hi"))
>>> w.commit()
['docs-00000-0000.jsonl']
"""

from __future__ import annotations

from pathlib import Path

from thresher.run.commit import Store
from thresher.writers.intermediate import IntermediateWriter
from thresher.writers.records import (
    DOCUMENT_FIELDS,
    DOCUMENT_SCHEMA,
    REJECTED_FIELDS,
    REJECTED_SCHEMA,
    decode_json_fields,
    document_record,
    rejected_record,
)
from thresher.writers.rejected import READ_STEP, RejectedWriter
from thresher.writers.shards import (
    JSONL_SUFFIXES,
    DocumentSink,
    RotatingWriter,
    ShardWriter,
    WriterConfig,
)

__all__ = [
    "DOCUMENT_FIELDS",
    "DOCUMENT_SCHEMA",
    "JSONL_SUFFIXES",
    "READ_STEP",
    "REJECTED_FIELDS",
    "REJECTED_SCHEMA",
    "DocumentSink",
    "IntermediateWriter",
    "ParquetShardWriter",
    "RejectedWriter",
    "RotatingWriter",
    "ShardWriter",
    "WriterConfig",
    "decode_json_fields",
    "document_record",
    "open_shard_writer",
    "rejected_record",
]


def __getattr__(name: str) -> object:
    # ParquetShardWriter is importable from here without importing pyarrow up front.
    if name == "ParquetShardWriter":
        from thresher.writers.parquet import ParquetShardWriter

        return ParquetShardWriter
    raise AttributeError(name)


def open_shard_writer(out: Store | Path, prefix: str, shard: int = 0,
                      config: WriterConfig | None = None) -> DocumentSink:
    """The document writer for ``config.suffix``: Parquet for ``.parquet``, else JSONL.

    Raises ImportError naming ``pip install thresher[parquet]`` when Parquet
    is asked for without pyarrow, so a pipeline fails before any work starts.
    """
    config = config or WriterConfig()
    if config.suffix == ".parquet":
        from thresher.writers.parquet import ParquetShardWriter

        return ParquetShardWriter(out, prefix, shard, config)
    return ShardWriter(out, prefix, shard, config)
