"""Intermediate shards between phases: whole documents, committed atomically.

Between a phase and the stage after it, each shard's surviving documents are kept
with every field (HTML, edits, provenance) in ``.work/phase-K/shard-SSSSS.jsonl.zst``
(see :mod:`thresher.run.layout`), for the stage to analyse and the next phase to read.
"""

from __future__ import annotations

from typing import IO

from thresher.document import Document
from thresher.run.commit import Store
from thresher.serialize import doc_to_record, dumps, text_writer

__all__ = ["IntermediateWriter"]


class IntermediateWriter:
    """Writes every field of each document to one file of ``store``; published on commit."""

    def __init__(self, store: Store, key: str) -> None:
        self._pending = store.create(key)
        self._out: IO[str] | None = text_writer(self._pending.file, key)

    def write(self, doc: Document) -> None:
        assert self._out is not None, "writer is closed"
        self._out.write(dumps(doc_to_record(doc)))
        self._out.write("\n")

    def commit(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
            self._pending.commit()

    def abort(self) -> None:
        try:
            if self._out is not None:
                self._out.close()
                self._out = None
        finally:
            self._pending.abort()
