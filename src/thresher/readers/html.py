"""HTML files on disk: each file is one document.

The id depends only on the source name (``stable_id(source)``: the input's name in
the run, or the path as given); the URL is unknown (None) because a saved page does
not reliably say where it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from thresher.document import Document, Provenance, stable_id
from thresher.readers.base import ReaderConfig, ReaderError, ReadResult, rejection

__all__ = ["read_html"]


def read_html(path: Path, config: ReaderConfig | None = None,
              source: str | None = None) -> Iterator[ReadResult]:
    """Yield the file's bytes as one document, or a ``too_large`` rejection.

    The size is checked with ``stat`` before reading, so an oversized file is
    never loaded.
    """
    config = config or ReaderConfig()
    source = str(path) if source is None else source
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ReaderError(path, err.strerror or str(err)) from None
    prov = Provenance(source=source, content_type="text/html")
    doc_id = stable_id(source)
    if size > config.max_record_bytes:
        yield rejection(doc_id, prov, "too_large",
                        f"{size} bytes > max_record_bytes {config.max_record_bytes}")
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ReaderError(path, err.strerror or str(err)) from None
    yield Document(id=doc_id, provenance=prov, html=data)
