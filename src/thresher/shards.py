"""Intermediate shards between phases: whole documents, written atomically."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from thresher.document import Document
from thresher.serialize import doc_to_record, dumps, open_text_write

__all__ = ["IntermediateWriter"]


class IntermediateWriter:
    """Writes every field of each document to one ``.jsonl.zst`` file; renamed on commit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._tmp = path.with_name(".tmp-" + path.name)  # keeps the suffix: same compression
        self._out: IO[str] | None = open_text_write(self._tmp)

    def write(self, doc: Document) -> None:
        assert self._out is not None, "writer is closed"
        self._out.write(dumps(doc_to_record(doc)))
        self._out.write("\n")

    def commit(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
            os.replace(self._tmp, self.path)

    def abort(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
        self._tmp.unlink(missing_ok=True)
