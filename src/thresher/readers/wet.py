"""WET input: Common Crawl's ``conversion`` records, plain text already extracted.

WET files are WARC files, so :func:`read_wet` is :func:`~thresher.readers.warc.read_warc`
(same framing, same recovery after damage, same duplicate-id rule); this module
holds the conversion of one ``conversion`` record into a text document
(``html`` is None, so the pipeline's extractor leaves it alone).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from thresher.document import Document, Provenance
from thresher.readers.base import ReaderConfig, ReadResult
from thresher.readers.headers import WarcHeader
from thresher.readers.payload import parse_content_type

__all__ = ["conversion_document", "read_wet"]


def read_wet(path: Path, config: ReaderConfig | None = None,
             source: str | None = None) -> Iterator[ReadResult]:
    """Stream a WET file (``.warc.wet``, ``.warc.wet.gz``); same as ``read_warc``."""
    from thresher.readers.warc import read_warc

    return read_warc(path, config, source)


def conversion_document(doc_id: str, prov: Provenance, url: str | None, header: WarcHeader,
                        block: bytes) -> Document:
    """A text document from the block of a ``conversion`` record.

    The block is decoded as UTF-8; invalid bytes become U+FFFD and their count
    is kept in ``metadata["utf8_replacements"]``. Common Crawl's
    ``WARC-Identified-Content-Language`` (ISO 639-3 codes, e.g. ``eng,deu``) is
    kept verbatim in ``metadata["warc_languages"]``: a hint, not a language
    decision.
    """
    ctype = parse_content_type(header.get("Content-Type"))
    prov = replace(prov, content_type=ctype.media_type or "text/plain", charset=ctype.charset)
    metadata: dict[str, Any] = {}
    try:
        text = block.decode("utf-8")
    except UnicodeDecodeError:
        before = block.count("\ufffd".encode())
        text = block.decode("utf-8", errors="replace")
        metadata["utf8_replacements"] = text.count("\ufffd") - before
    languages = header.get("WARC-Identified-Content-Language")
    if languages:
        metadata["warc_languages"] = languages
    doc = Document(id=doc_id, provenance=prov, url=url, text=text)
    return doc.with_metadata(**metadata) if metadata else doc
