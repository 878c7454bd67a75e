"""WARC and WARC.gz input (as Common Crawl writes it), parsed by fastwarc.

``response`` and ``resource`` records become HTML documents (``doc.html`` holds
the payload bytes with HTTP codings undone); ``conversion`` records (WET files)
become text documents (see :mod:`thresher.readers.wet`); every other record
type yields a :class:`~thresher.readers.base.Skipped` marker.

Recovery, as measured with fastwarc 2.0.1:

* A corrupt gzip member makes fastwarc raise ``OSError("Gzip decompression
  error: data error")`` from the iterator (usually before the damaged record
  is yielded, as it reads 64 KiB ahead; inside the payload read for larger
  records). Non-WARC bytes raise ``OSError("Invalid WARC header")``. We then
  look for the next gzip member that inflates to a ``WARC/`` header, yield one
  ``read_error`` rejection for the lost bytes, and restart fastwarc there.
* A file that ends inside a record makes fastwarc stop *silently*: it yields
  the record with a short payload, or with an incomplete header, or nothing
  at all when the cut falls in the WARC header. The first two are caught per
  record (payload shorter than Content-Length, no WARC-Record-ID); the last
  by checking, at the end of a gzip file, that the last member ended at the
  end of the file. That check needs one gzip member per record (Common
  Crawl's layout); in a single-stream ``.warc.gz`` a cut inside a WARC header
  goes unnoticed, and ``offset`` is fastwarc's buffer position, not a record's.

Offsets are those fastwarc reports: the start of the record's gzip member in
a ``.warc.gz``, the record's byte offset in a plain ``.warc``.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from fastwarc.warc import ArchiveIterator, WarcRecordType

from thresher.document import Document, Provenance, stable_id
from thresher.readers.base import (
    ReaderConfig,
    ReaderError,
    ReadResult,
    Rejection,
    Skipped,
    rejection,
)
from thresher.readers.gzip_members import GZIP_MAGIC, is_gzip, next_record_member, probe
from thresher.readers.payload import (
    HTML_MEDIA_TYPES,
    ContentType,
    DecodeError,
    PayloadTooLarge,
    decode_body,
    looks_like_html,
    parse_content_type,
    read_payload,
)
from thresher.readers.wet import conversion_document

__all__ = ["read_warc"]

_DOC_TYPES = WarcRecordType.response | WarcRecordType.resource
_READ_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class _SegmentEnd:
    """How one run of fastwarc over part of the file ended."""

    last_pos: int | None
    """stream_pos of the last record read, if any."""
    error: str | None
    """The exception fastwarc raised, or None when it reached the end of the file."""
    last_result: ReadResult | None = None
    """On a clean end: the last record's result, held back until the file's end is checked."""
    last_failed: bool = False
    """On an error: the last record was already rejected as unreadable."""


def read_warc(path: Path, config: ReaderConfig | None = None,
              source: str | None = None) -> Iterator[ReadResult]:
    """Stream the records of a WARC, WARC.gz or WET file as documents, rejections and skips."""
    config = config or ReaderConfig()
    source = str(path) if source is None else source
    try:
        fh: BinaryIO = path.open("rb")
    except OSError as err:
        raise ReaderError(path, err.strerror or str(err)) from None
    with fh:
        gz = is_gzip(fh)
        start: int | None = 0
        while start is not None:
            end = yield from _read_segment(fh, start, source, config)
            if end.error is None:
                yield from _finish(fh, gz, start, end, source)
                return
            start = yield from _recover(fh, gz, start, end, source)


def _read_segment(fh: BinaryIO, start: int, source: str,
                  config: ReaderConfig) -> Generator[ReadResult, None, _SegmentEnd]:
    """Run fastwarc from ``start``; each result is yielded once the next record parsed."""
    fh.seek(start)
    last: int | None = None
    pending: ReadResult | None = None
    try:
        for record in ArchiveIterator(fh, parse_http=False):
            if pending is not None:
                yield pending
            last = record.stream_pos
            pending = _convert_safely(record, source, config)
    except Exception as err:  # any failure of fastwarc on bad bytes
        failed = isinstance(pending, Rejection) and pending.reason == "read_error"
        if pending is not None:
            yield pending
        return _SegmentEnd(last, f"{type(err).__name__}: {err}", last_failed=failed)
    return _SegmentEnd(last, None, last_result=pending)


def _recover(fh: BinaryIO, gz: bool, start: int, end: _SegmentEnd,
             source: str) -> Generator[ReadResult, None, int | None]:
    """Yield a ``read_error`` for the lost bytes; return where to resume (None: give up)."""
    last = end.last_pos
    if last is None:  # the failure is in the first member of this run
        lost_from, scan_from = start, start + 1
    else:  # the failure is after the last record's member (or inside it, if last_failed)
        member = probe(fh, last) if gz else None
        lost_from = member.end if member and member.ok and member.complete else last + 1
        scan_from = lost_from
    resume, bad = next_record_member(fh, scan_from) if gz else (None, None)
    if end.last_failed and bad is None:
        return resume  # the only lost record was already rejected
    upto = "end of file" if resume is None else str(resume)
    prov = Provenance(source=source, offset=lost_from)
    yield rejection(stable_id(source, f"@{lost_from}"), prov, "read_error",
                    f"{end.error}; records in bytes {lost_from}..{upto} lost")
    return resume


def _finish(fh: BinaryIO, gz: bool, start: int, end: _SegmentEnd,
            source: str) -> Iterator[ReadResult]:
    """Yield the held-back last result, marked truncated if the file ends inside it.

    Then report bytes after the last record fastwarc saw (a record cut inside
    its WARC header, which fastwarc drops silently).
    """
    size = fh.seek(0, 2)
    if end.last_pos is None:
        yield from _check_tail(fh, start, size, source, "no WARC record found")
        return
    last = end.last_pos
    fh.seek(last)
    if gz and fh.read(3) == GZIP_MAGIC:  # one member per record, as Common Crawl writes
        member = probe(fh, last)
        complete, record_end = member.complete, member.end
    elif gz:  # one gzip stream for many records: fastwarc's length checks are all we have
        complete, record_end = True, size
    else:
        record_end = _raw_record_end(fh, last) or size
        complete = record_end <= size
    result = end.last_result
    if result is not None:
        yield result if complete else _as_truncated(result)
    if gz and complete and record_end < size:
        yield from _check_tail(fh, record_end, size, source)


def _as_truncated(result: ReadResult) -> ReadResult:
    if isinstance(result, Skipped) or (isinstance(result, Rejection)
                                       and result.reason == "truncated"):
        return result
    doc = result.doc if isinstance(result, Rejection) else result
    return rejection(doc.id, doc.provenance, "truncated", "file ends inside the record", doc.url)


def _raw_record_end(fh: BinaryIO, pos: int) -> int | None:
    """End of the block of the uncompressed record at ``pos`` (from its Content-Length)."""
    fh.seek(pos)
    head = fh.read(_READ_CHUNK)
    split = head.find(b"\r\n\r\n")
    if split < 0:
        return None
    for line in head[:split].split(b"\r\n"):
        key, _, value = line.partition(b":")
        if key.strip().lower() == b"content-length" and value.strip().isdigit():
            return pos + split + 4 + int(value.strip())  # closing CRLFs optional
    return None


def _check_tail(fh: BinaryIO, tail_start: int, size: int, source: str,
                what: str = "trailing bytes are not a WARC record") -> Iterator[Rejection]:
    """One rejection for non-blank bytes from ``tail_start`` to the end that fastwarc skipped."""
    fh.seek(tail_start)
    if not fh.read(_READ_CHUNK).strip(b"\x00 \t\r\n"):
        return
    tail = probe(fh, tail_start)
    prov = Provenance(source=source, offset=tail_start)
    doc_id = stable_id(source, f"@{tail_start}")
    if tail.ok and not tail.complete:
        yield rejection(doc_id, prov, "truncated", "file ends inside a record's header")
    else:
        yield rejection(doc_id, prov, "read_error", f"{what} ({size - tail_start} bytes)")


def _convert_safely(record: Any, source: str, config: ReaderConfig) -> ReadResult:
    """:func:`_convert`, with any unexpected failure on this record made a ``read_error``."""
    try:
        return _convert(record, source, config)
    except Exception as err:  # hostile input must not end the shard
        offset = record.stream_pos
        prov = Provenance(source=source, record_id=record.record_id, offset=offset)
        key = record.record_id or f"@{offset}"
        return rejection(stable_id(source, key), prov, "read_error",
                         f"{type(err).__name__}: {err}")


def _convert(record: Any, source: str, config: ReaderConfig) -> ReadResult:
    rtype = record.record_type
    if rtype & _DOC_TYPES:
        return _html_document(record, source, config)
    if rtype == WarcRecordType.conversion:
        return conversion_document(record, source, config)
    return Skipped(kind=str(rtype) or "unknown")


class _Problem(NamedTuple):
    reason: str
    detail: str


def _html_document(record: Any, source: str, config: ReaderConfig) -> ReadResult:
    headers = record.headers
    record_id = record.record_id
    url = headers.get("WARC-Target-URI")
    doc_id = stable_id(source, record_id if record_id else f"@{record.stream_pos}")
    http = record.record_type == WarcRecordType.response and record.is_http
    problem = _warc_header_problem(record, config)
    ctype = ContentType(None, None)
    if problem is None:
        ctype, problem = _content_type(record, http)
    prov = Provenance(source=source, record_id=record_id, offset=record.stream_pos,
                      fetch_date=headers.get("WARC-Date"), content_type=ctype.media_type,
                      charset=ctype.charset)
    if problem is None:
        problem = _http_problem(record, http, ctype)
    body = b""
    if problem is None:
        body, problem = _payload(record, http, ctype, config)
    if problem is not None:
        return rejection(doc_id, prov, problem.reason, problem.detail, url=url)
    doc = Document(id=doc_id, provenance=prov, url=url, html=body)
    truncated = headers.get("WARC-Truncated")
    return doc.with_metadata(warc_truncated=truncated) if truncated else doc


def _warc_header_problem(record: Any, config: ReaderConfig) -> _Problem | None:
    if not record.record_id:
        return _Problem("truncated", "record header incomplete (no WARC-Record-ID)")
    truncated = record.headers.get("WARC-Truncated")
    if truncated and not config.keep_warc_truncated:
        return _Problem("truncated", f"WARC-Truncated: {truncated}")
    return None


def _content_type(record: Any, http: bool) -> tuple[ContentType, _Problem | None]:
    """The payload's content type: from the HTTP header, or the WARC one for resources."""
    if not http:
        return parse_content_type(record.headers.get("Content-Type")), None
    try:
        record.parse_http()
    except (OSError, ValueError, RuntimeError) as err:
        return ContentType(None, None), _Problem("read_error", f"bad HTTP header: {err}")
    return parse_content_type(record.http_headers.get("Content-Type")), None


def _http_problem(record: Any, http: bool, ctype: ContentType) -> _Problem | None:
    """Checks on headers alone, before any payload byte is read."""
    if http:
        status = record.http_headers.status_code
        if status is None:
            return _Problem("truncated" if _short(record) else "read_error", "no HTTP status line")
        if status != 200:
            return _Problem("http_status", str(status))
    if ctype.media_type is not None and ctype.media_type not in HTML_MEDIA_TYPES:
        return _Problem("not_html", ctype.media_type)
    return None


def _payload(record: Any, http: bool, ctype: ContentType,
             config: ReaderConfig) -> tuple[bytes, _Problem | None]:
    """The payload bytes, read within ``max_record_bytes`` and with HTTP codings undone."""
    limit = config.max_record_bytes
    length = record.content_length
    if length > limit:
        return b"", _Problem("too_large", f"{length} bytes > max_record_bytes {limit}")
    body = read_payload(record.reader, length)
    if body is None:
        return b"", _Problem("read_error", "payload unreadable (corrupt compressed data)")
    if len(body) < length:
        return b"", _Problem("truncated", f"file ends after {len(body)} of {length} payload bytes")
    if ctype.media_type is None and not looks_like_html(body[: config.sniff_bytes]):
        return b"", _Problem("not_html", "no content type and no HTML found")
    if not http:
        return body, None
    http_headers = record.http_headers
    try:
        body = decode_body(body, http_headers.get("Content-Encoding"),
                           http_headers.get("Transfer-Encoding"), limit)
    except PayloadTooLarge as err:
        return b"", _Problem("too_large", str(err))
    except DecodeError as err:
        return b"", _Problem("decode_error", str(err))
    return body, None


def _short(record: Any) -> bool:
    """Whether the record's payload is shorter than its declared length (file cut)."""
    length = record.content_length
    body = read_payload(record.reader, min(length, 1 << 20))
    return body is None or len(body) < min(length, 1 << 20) or length == 0

