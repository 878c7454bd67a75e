"""Documents to and from JSON lines; compressed JSONL files read and written by streaming."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any

import zstandard

from thresher.document import Document, Edit, Provenance

__all__ = [
    "doc_from_record",
    "doc_to_record",
    "dumps",
    "open_text_read",
    "open_text_write",
    "read_documents",
    "write_documents",
]


def doc_to_record(doc: Document) -> dict[str, Any]:
    """Everything of a document as a JSON-able dict (the intermediate shard format)."""
    p = doc.provenance
    rec: dict[str, Any] = {
        "id": doc.id,
        "url": doc.url,
        "text": doc.text,
        "language": doc.language,
        "language_score": doc.language_score,
        "metadata": dict(doc.metadata),
        "provenance": {
            "source": p.source,
            "record_id": p.record_id,
            "offset": p.offset,
            "line": p.line,
            "fetch_date": p.fetch_date,
            "content_type": p.content_type,
            "charset": p.charset,
        },
    }
    if doc.html is not None:
        rec["html"] = doc.html.decode("latin-1")
    if doc.edits:
        rec["edits"] = [[e.step, e.rule, e.line] for e in doc.edits]
    return rec


def doc_from_record(rec: dict[str, Any]) -> Document:
    """Inverse of :func:`doc_to_record`."""
    html = rec.get("html")
    return Document(
        id=rec["id"],
        provenance=Provenance(**rec["provenance"]),
        url=rec.get("url"),
        text=rec.get("text", ""),
        html=None if html is None else html.encode("latin-1"),
        language=rec.get("language"),
        language_score=rec.get("language_score"),
        metadata=MappingProxyType(rec.get("metadata") or {}),
        edits=tuple(Edit(*e) for e in rec.get("edits", ())),
    )


def open_text_read(path: Path) -> IO[str]:
    """Open a possibly compressed (``.gz``, ``.zst``) text file for streaming reads."""
    name = path.name
    if name.endswith(".zst"):
        raw = path.open("rb")
        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
        return io.TextIOWrapper(io.BufferedReader(reader), encoding="utf-8", newline="\n")
    if name.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="\n")
    return path.open("r", encoding="utf-8", newline="\n")


def open_text_write(path: Path, level: int = 3) -> IO[str]:
    """Open a text file for writing, compressed by its suffix (``.gz``, ``.zst``).

    Compression parameters are fixed so the same content gives the same bytes.
    """
    name = path.name
    if name.endswith(".zst"):
        raw = path.open("wb")
        cctx = zstandard.ZstdCompressor(level=level, write_checksum=True)
        writer = cctx.stream_writer(raw, closefd=True)
        return io.TextIOWrapper(writer, encoding="utf-8", newline="\n")
    if name.endswith(".gz"):
        raw = path.open("wb")
        gz = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6)
        return _ClosingTextWrapper(gz, raw)
    return path.open("w", encoding="utf-8", newline="\n")


class _ClosingTextWrapper(io.TextIOWrapper):
    """A text wrapper over a GzipFile that also closes the underlying file."""

    def __init__(self, gz: gzip.GzipFile, raw: IO[bytes]) -> None:
        super().__init__(gz, encoding="utf-8", newline="\n")
        self._raw = raw

    def close(self) -> None:
        super().close()
        self._raw.close()


def dumps(record: Mapping[str, Any]) -> str:
    """One JSON line, the same bytes on every run (no ASCII escaping, compact).

    Values JSON cannot hold are converted predictably: mappings to objects,
    sets to sorted lists, bytes to text, anything else to ``str``.
    """
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=_jsonable)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, (tuple, list)):
        return list(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def write_documents(path: Path, docs: Iterator[Document] | list[Document]) -> int:
    """Write documents as JSONL to ``path`` (compressed by suffix); returns the count."""
    n = 0
    with open_text_write(path) as out:
        for doc in docs:
            out.write(dumps(doc_to_record(doc)))
            out.write("\n")
            n += 1
    return n


def read_documents(path: Path) -> Iterator[Document]:
    """Stream the documents of a file written by :func:`write_documents`."""
    with open_text_read(path) as src:
        for line in src:
            if line.strip():
                yield doc_from_record(json.loads(line))
