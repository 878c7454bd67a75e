"""JSON lines input (``.jsonl``, ``.jsonl.gz``, ``.jsonl.zst``, ``.json.gz``): a document a line.

Each line is a JSON object with a string ``text``; ``id`` and ``url`` are used
when present and every other field is kept in ``metadata``. Blank lines are not
records and are ignored. Every other line gives one result:

* a document; its id is the ``id`` field (a non-empty string or an integer),
  else ``stable_id(source, line number)``. A line whose id was already given
  to a document of this file is rejected as ``duplicate_id`` (the first one
  is kept; see :mod:`thresher.readers.ids`);
* ``bad_json`` (not a JSON object), ``no_text`` (no string ``text``);
* ``too_large``: a line longer than ``max_record_bytes``, skipped without ever
  being held whole in memory;
* ``truncated``: the file ends inside the line (a last line without newline
  that is not valid JSON, or a compressed stream cut inside it);
* ``read_error``: the compressed data is corrupt inside the line.

When a compressed stream is cut or corrupt between two lines, what followed is
lost: one ``truncated`` / ``read_error`` rejection stands for it (its id is that
of the next line number). Lines before the damage are kept. Text is decoded as
UTF-8: invalid bytes, and lone surrogates written as ``\\ud800`` escapes (which
no UTF-8 output can hold), become U+FFFD, counted in
``metadata["utf8_replacements"]``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, Final

from thresher.document import Document, Provenance, stable_id
from thresher.readers.base import ReaderConfig, ReaderError, ReadResult, Rejection, rejection
from thresher.readers.decompress import StreamEnd, chunks
from thresher.readers.ids import unique_ids

__all__ = ["read_jsonl"]

_SURROGATE_ESCAPE: Final = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_TOO_LONG: Final = None


def read_jsonl(path: Path, config: ReaderConfig | None = None,
               source: str | None = None) -> Iterator[ReadResult]:
    """Stream a JSONL file's lines as documents or rejections (``no_text``, ``bad_json``...)."""
    config = config or ReaderConfig()
    try:
        fh: BinaryIO = path.open("rb")
    except OSError as err:
        raise ReaderError(path, err.strerror or str(err)) from None
    with fh:
        yield from unique_ids(_lines(fh, str(path) if source is None else source, config), "id")


def _lines(fh: BinaryIO, source: str, config: ReaderConfig) -> Iterator[ReadResult]:
    split = _LineSplitter(config.max_record_bytes)
    stream = chunks(fh, source)
    line_no = 0
    while True:
        try:
            data = next(stream)
        except StopIteration as stop:
            end: StreamEnd = stop.value
            break
        for line in split.feed(data):
            line_no += 1
            if line is _TOO_LONG:
                yield _too_long(source, line_no, config)
            elif not line.isspace():
                yield _line_result(line, source, line_no)
    yield from _last(split, end, source, line_no, config)


def _last(split: _LineSplitter, end: StreamEnd, source: str, line_no: int,
          config: ReaderConfig) -> Iterator[ReadResult]:
    """The unterminated last line, and what the end of the stream says."""
    rest = split.rest()
    if rest is _TOO_LONG or rest.strip():
        line_no += 1
        prov = Provenance(source=source, line=line_no)
        if end.reason is not None:
            yield rejection(stable_id(source, line_no), prov, end.reason,
                            f"line {line_no}: {end.detail}; what followed is lost")
        elif rest is None:
            yield _too_long(source, line_no, config)
        else:
            result = _line_result(rest, source, line_no)
            if isinstance(result, Document):
                yield result
            else:  # a last line without newline that does not parse was cut short
                yield rejection(result.doc.id, prov, "truncated",
                                f"line {line_no}: the file ends inside the line")
    elif end.reason is not None:
        lost = line_no + 1
        prov = Provenance(source=source, line=lost)
        yield rejection(stable_id(source, lost), prov, end.reason,
                        f"after line {line_no}: {end.detail}; what followed is lost")


def _too_long(source: str, line_no: int, config: ReaderConfig) -> ReadResult:
    prov = Provenance(source=source, line=line_no)
    return rejection(stable_id(source, line_no), prov, "too_large",
                     f"line {line_no} longer than {config.max_record_bytes} bytes")


class _LineSplitter:
    """Complete lines out of chunks, never holding more than ``limit`` bytes of one line."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._parts: list[bytes] = []
        self._size = 0
        self._skipping = False  # inside a line already known to be too long

    def feed(self, data: bytes) -> Iterator[bytes | None]:
        """Each line completed by ``data`` (with its newline), or None for a too-long one."""
        start = 0
        while (newline := data.find(b"\n", start)) >= 0:
            piece = data[start : newline + 1]
            start = newline + 1
            if self._skipping:
                self._skipping = False
                yield _TOO_LONG
                continue
            line = b"".join([*self._parts, piece]) if self._parts else piece
            self._parts, self._size = [], 0
            yield _TOO_LONG if len(line) - 1 > self._limit else line
        tail = data[start:]
        if tail and not self._skipping:
            self._parts.append(tail)
            self._size += len(tail)
            if self._size > self._limit:
                self._parts, self._size, self._skipping = [], 0, True

    def rest(self) -> bytes | None:
        """The unterminated last line (None when it is too long); ``b""`` if there is none."""
        if self._skipping:
            return _TOO_LONG
        return b"".join(self._parts)


def _line_result(raw: bytes, source: str, line_no: int) -> Document | Rejection:
    prov = Provenance(source=source, line=line_no)
    fallback_id = stable_id(source, line_no)
    try:
        text = raw.decode("utf-8")
        replaced = 0
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
        replaced = text.count("\ufffd") - raw.count("\ufffd".encode())
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError) as err:
        return rejection(fallback_id, prov, "bad_json", f"line {line_no}: {err}")
    if not isinstance(obj, dict):
        return rejection(fallback_id, prov, "bad_json",
                         f"line {line_no}: a JSON {type(obj).__name__}, not an object")
    if _SURROGATE_ESCAPE.search(raw):
        obj, fixed = _without_surrogates(obj)
        replaced += fixed
    return _document(obj, prov, fallback_id, line_no, replaced)


def _document(obj: dict[str, Any], prov: Provenance, fallback_id: str, line_no: int,
              replaced: int) -> Document | Rejection:
    doc_id = _doc_id(obj.get("id"), fallback_id)
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    text = obj.get("text")
    if not isinstance(text, str):
        detail = "no 'text' field" if text is None else f"'text' is a {type(text).__name__}"
        return rejection(doc_id, prov, "no_text", f"line {line_no}: {detail}", url=url)
    rest = {k: v for k, v in obj.items() if k not in ("id", "url", "text")}
    if replaced:
        rest["utf8_replacements"] = replaced
    doc = Document(id=doc_id, provenance=prov, url=url, text=text)
    return doc.with_metadata(**rest) if rest else doc


def _without_surrogates(value: Any) -> tuple[Any, int]:
    """``value`` with lone surrogates in its strings (keys too) replaced by U+FFFD; the count."""
    if isinstance(value, str):
        return _SURROGATE.subn("\ufffd", value)
    if isinstance(value, list):
        pairs = [_without_surrogates(v) for v in value]
        return [v for v, _ in pairs], sum(n for _, n in pairs)
    if isinstance(value, dict):
        total = 0
        out: dict[str, Any] = {}
        for key, item in value.items():
            new_key, n_key = _without_surrogates(key)
            new_item, n_item = _without_surrogates(item)
            out[new_key] = new_item
            total += n_key + n_item
        return out, total
    return value, 0


def _doc_id(value: Any, fallback: str) -> str:
    """The record's own id when it is a non-empty string or an integer."""
    if isinstance(value, str) and value:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return fallback
