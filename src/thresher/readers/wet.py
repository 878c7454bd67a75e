"""WET input: Common Crawl's ``conversion`` records, plain text already extracted.

WET files are WARC files, so :func:`read_wet` is :func:`~thresher.readers.warc.read_warc`;
this module holds the conversion of one ``conversion`` record into a text
document (``html`` is None, so the pipeline's extractor leaves it alone).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from thresher.document import Document, Provenance, stable_id
from thresher.readers.base import ReaderConfig, ReadResult, Rejection, rejection
from thresher.readers.payload import parse_content_type, read_payload

__all__ = ["conversion_document", "read_wet"]


def read_wet(path: Path, config: ReaderConfig | None = None,
             source: str | None = None) -> Iterator[ReadResult]:
    """Stream a WET file (``.warc.wet``, ``.warc.wet.gz``); same as ``read_warc``."""
    from thresher.readers.warc import read_warc

    return read_warc(path, config, source)


def conversion_document(record: Any, source: str, config: ReaderConfig) -> Document | Rejection:
    """A text document from a fastwarc ``conversion`` record.

    The payload is decoded as UTF-8; invalid bytes become U+FFFD and their
    count is kept in ``metadata["utf8_replacements"]``. Common Crawl's
    ``WARC-Identified-Content-Language`` (ISO 639-3 codes, e.g. ``eng,deu``)
    is kept verbatim in ``metadata["warc_languages"]``: a hint, not a
    language decision.
    """
    headers = record.headers
    record_id = record.record_id
    ctype = parse_content_type(headers.get("Content-Type"))
    prov = Provenance(source=source, record_id=record_id, offset=record.stream_pos,
                      fetch_date=headers.get("WARC-Date"),
                      content_type=ctype.media_type or "text/plain", charset=ctype.charset)
    url = headers.get("WARC-Target-URI")
    doc_id = stable_id(source, record_id if record_id else f"@{record.stream_pos}")
    if not record_id:
        return rejection(doc_id, prov, "truncated", "record header incomplete (no WARC-Record-ID)",
                         url=url)
    length = record.content_length
    if length > config.max_record_bytes:
        return rejection(doc_id, prov, "too_large",
                         f"{length} bytes > max_record_bytes {config.max_record_bytes}", url=url)
    body = read_payload(record.reader, length)
    if body is None:
        return rejection(doc_id, prov, "read_error", "payload unreadable", url=url)
    if len(body) < length:
        return rejection(doc_id, prov, "truncated",
                         f"file ends after {len(body)} of {length} payload bytes", url=url)
    return _text_document(doc_id, prov, url, body, headers.get("WARC-Identified-Content-Language"))


def _text_document(doc_id: str, prov: Provenance, url: str | None, body: bytes,
                   languages: str | None) -> Document:
    metadata: dict[str, Any] = {}
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        before = body.count("\ufffd".encode())
        text = body.decode("utf-8", errors="replace")
        metadata["utf8_replacements"] = text.count("\ufffd") - before
    if languages:
        metadata["warc_languages"] = languages
    doc = Document(id=doc_id, provenance=prov, url=url, text=text)
    return doc.with_metadata(**metadata) if metadata else doc

