"""JSON lines input (``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst``, ``.json.gz``): a document a line.

Each line is a JSON object with a string ``text``; ``id`` and ``url`` are used
when present and every other field is kept in ``metadata``. Lines are read in
bounded pieces: a line longer than ``max_record_bytes`` is skipped (reason
``too_large``) without ever being held whole in memory. Blank lines are not
records and are ignored.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import zstandard

from thresher.document import Document, Provenance, stable_id
from thresher.readers.base import ReaderConfig, ReaderError, ReadResult, rejection

__all__ = ["read_jsonl"]

_SKIP_CHUNK = 1 << 16
_STREAM_ERRORS = (OSError, EOFError, zlib.error, zstandard.ZstdError)


def read_jsonl(path: Path, config: ReaderConfig | None = None,
               source: str | None = None) -> Iterator[ReadResult]:
    """Stream a JSONL file's lines as documents or rejections (``no_text``, ``bad_json``...)."""
    config = config or ReaderConfig()
    source = str(path) if source is None else source
    stream = _open(path)
    with stream:
        line_no = 0
        while True:
            line_no += 1
            try:
                raw = stream.readline(config.max_record_bytes + 1)
                too_long = len(raw) > config.max_record_bytes and not raw.endswith(b"\n")
                if too_long:
                    _skip_rest_of_line(stream)
            except _STREAM_ERRORS as err:
                prov = Provenance(source=source, line=line_no)
                yield rejection(stable_id(source, line_no), prov, "read_error",
                                f"line {line_no}: {type(err).__name__}: {err}; rest of file lost")
                return
            if not raw:
                return
            if too_long:
                prov = Provenance(source=source, line=line_no)
                yield rejection(stable_id(source, line_no), prov, "too_large",
                                f"line {line_no} longer than {config.max_record_bytes} bytes")
            elif not raw.isspace():
                yield _line_document(raw, source, line_no)


def _open(path: Path) -> io.BufferedIOBase:
    name = path.name
    try:
        if name.endswith(".gz"):
            # GzipFile buffers itself; another BufferedReader on top would lose
            # the lines decoded before a truncation error.
            return gzip.open(path, "rb")
        raw = path.open("rb")
    except OSError as err:
        raise ReaderError(path, err.strerror or str(err)) from None
    if name.endswith(".zst"):
        reader = zstandard.ZstdDecompressor().stream_reader(raw, closefd=True)
        return io.BufferedReader(reader)
    return raw


def _skip_rest_of_line(stream: io.BufferedIOBase) -> None:
    while True:
        piece = stream.readline(_SKIP_CHUNK)
        if not piece or piece.endswith(b"\n"):
            return


def _line_document(raw: bytes, source: str, line_no: int) -> ReadResult:
    prov = Provenance(source=source, line=line_no)
    fallback_id = stable_id(source, line_no)
    try:
        obj = json.loads(raw)
    except (ValueError, RecursionError) as err:
        return rejection(fallback_id, prov, "bad_json", f"line {line_no}: {err}")
    if not isinstance(obj, dict):
        return rejection(fallback_id, prov, "bad_json",
                         f"line {line_no}: a JSON {type(obj).__name__}, not an object")
    doc_id = _doc_id(obj.get("id"), fallback_id)
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    text = obj.get("text")
    if not isinstance(text, str):
        detail = "no 'text' field" if text is None else f"'text' is a {type(text).__name__}"
        return rejection(doc_id, prov, "no_text", f"line {line_no}: {detail}", url=url)
    rest = {k: v for k, v in obj.items() if k not in ("id", "url", "text")}
    doc = Document(id=doc_id, provenance=prov, url=url, text=text)
    return doc.with_metadata(**rest) if rest else doc


def _doc_id(value: Any, fallback: str) -> str:
    """The record's own id when it is a non-empty string or an integer."""
    if isinstance(value, str) and value:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return fallback
