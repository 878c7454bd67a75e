"""WARC and WARC.gz input (as Common Crawl writes it).

Records are cut out of the file by our own framing
(:mod:`thresher.readers.framing` over :mod:`thresher.readers.sources`), not by
fastwarc's iterator: fastwarc trusts ``Content-Length`` and reads a ``.warc.gz``
as one stream, so a record whose length lies swallows the gzip members after it
(a length of 10^9 loses the rest of the file), and it stops silently at a cut.
Our framing bounds each record by its gzip member, checks every length against
what follows it, and resumes at the next record header after damage.

Each frame gives exactly one result:

* ``response`` and ``resource`` records become HTML documents (``doc.html``
  holds the payload with HTTP codings undone), or rejections (``not_html``,
  ``http_status``, ``too_large``, ``decode_error``...);
* ``conversion`` records (WET files) become text documents
  (:mod:`thresher.readers.wet`);
* ``request``, ``metadata``, ``warcinfo``, ``revisit``, ``continuation`` and
  unknown record types become :class:`~thresher.readers.base.Skipped` markers;
* a damaged record, or a region of unreadable bytes that cannot be split into
  records (a corrupt gzip member, a destroyed header, trailing junk), is one
  ``read_error`` or ``truncated`` rejection. A record whose length lies is
  rejected once and the records after it are read.

Ids are ``stable_id(source, WARC-Record-ID)``; a region without a readable
record id gets ``stable_id(source, "@<offset>")``. A document whose
WARC-Record-ID was already given to a document of this file is rejected as
``duplicate_id`` (see :mod:`thresher.readers.ids`).

Offsets are file offsets: the record's in a plain ``.warc``, its gzip member's
in a ``.warc.gz`` (where a reader seeks to decompress it, as CDX indexes say).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, Final, NamedTuple

from thresher.document import Document, Provenance, stable_id
from thresher.readers.base import (
    ReaderConfig,
    ReaderError,
    ReadResult,
    Rejection,
    Skipped,
    rejection,
)
from thresher.readers.framing import Frame, frames
from thresher.readers.headers import WarcHeader, parse_http_head
from thresher.readers.ids import unique_ids
from thresher.readers.payload import (
    HTML_MEDIA_TYPES,
    ContentType,
    DecodeError,
    PayloadTooLarge,
    decode_body,
    looks_like_html,
    parse_content_type,
)
from thresher.readers.sources import open_source
from thresher.readers.wet import conversion_document

__all__ = ["read_warc"]

_DOC_TYPES: Final = frozenset({"response", "resource"})
_OTHER_TYPES: Final = frozenset(
    {"warcinfo", "request", "metadata", "revisit", "continuation"}
)


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
        results = (_result(frame, source, config)
                   for frame in frames(open_source(fh, path.name), config.max_record_bytes))
        yield from unique_ids(results, "WARC-Record-ID")


class _Record(NamedTuple):
    """What every result of a framed record starts from."""

    doc_id: str
    prov: Provenance
    url: str | None


def _result(frame: Frame, source: str, config: ReaderConfig) -> ReadResult:
    """The one result of ``frame``; an unexpected failure is the record's ``read_error``."""
    key = f"@{frame.offset}" if frame.inner == 0 else f"@{frame.offset}+{frame.inner}"
    header = frame.header
    if header is None:
        assert frame.problem is not None
        prov = Provenance(source=source, offset=frame.offset)
        return rejection(stable_id(source, key), prov, *frame.problem)
    record_id = header.record_id
    rec = _Record(
        stable_id(source, record_id or key),
        Provenance(source=source, record_id=record_id, offset=frame.offset,
                   fetch_date=header.get("WARC-Date")),
        header.get("WARC-Target-URI"),
    )
    try:
        return _classify(frame, header, rec, config)
    except Exception as err:  # hostile input must not end the shard
        return rejection(rec.doc_id, rec.prov, "read_error", f"{type(err).__name__}: {err}",
                         url=rec.url)


def _classify(frame: Frame, header: WarcHeader, rec: _Record,
              config: ReaderConfig) -> ReadResult:
    rtype = header.record_type
    if rtype in _OTHER_TYPES:
        return Skipped(kind=rtype)
    if not rtype:
        problem = frame.problem or ("read_error", "WARC header without WARC-Type")
        return rejection(rec.doc_id, rec.prov, *problem, url=rec.url)
    if rtype not in _DOC_TYPES and rtype != "conversion":
        return Skipped(kind="unknown")
    if frame.problem is not None:
        return rejection(rec.doc_id, rec.prov, *frame.problem, url=rec.url)
    if not header.record_id:
        return rejection(rec.doc_id, rec.prov, "read_error", "WARC header without WARC-Record-ID",
                         url=rec.url)
    block = frame.block
    if block is None:
        limit = config.max_record_bytes
        return rejection(rec.doc_id, rec.prov, "too_large",
                         f"{header.length} bytes > max_record_bytes {limit}", url=rec.url)
    if rtype == "conversion":
        return conversion_document(rec.doc_id, rec.prov, rec.url, header, block)
    return _html_document(header, block, rec, config)


class _Payload(NamedTuple):
    ctype: ContentType
    body: bytes


def _html_document(header: WarcHeader, block: bytes, rec: _Record,
                   config: ReaderConfig) -> Document | Rejection:
    truncated = header.get("WARC-Truncated")
    if truncated and not config.keep_warc_truncated:
        return rejection(rec.doc_id, rec.prov, "truncated", f"WARC-Truncated: {truncated}",
                         url=rec.url)
    http = header.record_type == "response" and (
        (header.get("Content-Type") or "").lower().startswith("application/http"))
    payload = _http_payload(block, rec, config) if http else _Payload(
        parse_content_type(header.get("Content-Type")), block)
    if isinstance(payload, Rejection):
        return payload
    ctype, body = payload
    prov = replace(rec.prov, content_type=ctype.media_type, charset=ctype.charset)
    if ctype.media_type is not None and ctype.media_type not in HTML_MEDIA_TYPES:
        return rejection(rec.doc_id, prov, "not_html", ctype.media_type, url=rec.url)
    if ctype.media_type is None and not looks_like_html(body[: config.sniff_bytes]):
        return rejection(rec.doc_id, prov, "not_html", "no content type and no HTML found",
                         url=rec.url)
    doc = Document(id=rec.doc_id, provenance=prov, url=rec.url, html=body)
    return doc.with_metadata(warc_truncated=truncated) if truncated else doc


def _http_payload(block: bytes, rec: _Record, config: ReaderConfig) -> _Payload | Rejection:
    """The HTTP response's content type and body, codings undone; or why not."""
    head = parse_http_head(block)
    if head.status is None:
        detail = "no HTTP status line" if head.body_start >= 0 else "HTTP header never ends"
        return rejection(rec.doc_id, rec.prov, "read_error", detail, url=rec.url)
    ctype = parse_content_type(head.fields.get("content-type"))
    prov = replace(rec.prov, content_type=ctype.media_type, charset=ctype.charset)
    if head.status != 200:
        return rejection(rec.doc_id, prov, "http_status", str(head.status), url=rec.url)
    if ctype.media_type is not None and ctype.media_type not in HTML_MEDIA_TYPES:
        return rejection(rec.doc_id, prov, "not_html", ctype.media_type, url=rec.url)
    body = block[head.body_start :]
    try:
        body = decode_body(body, head.fields.get("content-encoding"),
                           head.fields.get("transfer-encoding"), config.max_record_bytes)
    except PayloadTooLarge as err:
        return rejection(rec.doc_id, prov, "too_large", str(err), url=rec.url)
    except DecodeError as err:
        return rejection(rec.doc_id, prov, "decode_error", str(err), url=rec.url)
    return _Payload(ctype, body)
