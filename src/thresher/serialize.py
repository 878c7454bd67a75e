"""Documents to and from JSON lines; compressed JSONL files read and written by streaming."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable, Iterator, Mapping
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
    "parse_documents",
    "read_documents",
    "text_reader",
    "text_writer",
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
    return text_reader(path.open("rb"), path.name)


def text_reader(raw: IO[bytes], name: str) -> IO[str]:
    """A text stream over ``raw``, decompressed by ``name``'s suffix; closing it closes ``raw``."""
    if name.endswith(".zst"):
        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
        return io.TextIOWrapper(io.BufferedReader(reader), encoding="utf-8", newline="\n")
    if name.endswith(".gz"):
        return _ClosingTextWrapper(gzip.GzipFile(filename="", mode="rb", fileobj=raw), raw)
    return io.TextIOWrapper(raw, encoding="utf-8", newline="\n")


def open_text_write(path: Path, level: int = 3) -> IO[str]:
    """Open a text file for writing, compressed by its suffix (``.gz``, ``.zst``).

    Compression parameters are fixed so the same content gives the same bytes.
    """
    return text_writer(path.open("wb"), path.name, level)


def text_writer(raw: IO[bytes], name: str, level: int = 3) -> IO[str]:
    """A text stream into ``raw``, compressed by ``name``'s suffix; closing it closes ``raw``.

    Compression parameters are fixed so the same content gives the same bytes.
    """
    if name.endswith(".zst"):
        cctx = zstandard.ZstdCompressor(level=level, write_checksum=True)
        writer = cctx.stream_writer(raw, closefd=True)
        return io.TextIOWrapper(writer, encoding="utf-8", newline="\n")
    if name.endswith(".gz"):
        gz = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6)
        return _ClosingTextWrapper(gz, raw)
    return io.TextIOWrapper(raw, encoding="utf-8", newline="\n")


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
        yield from parse_documents(src)


def parse_documents(lines: Iterable[str]) -> Iterator[Document]:
    """The documents of JSON lines as :func:`doc_to_record` writes them."""
    for line in lines:
        if line.strip():
            yield doc_from_record(json.loads(line))
