"""The output record: what one line of an output shard holds.

Fields, always present and in this order (null when unknown)::

    id              stable document id
    text            the clean text
    url             the page URL (WARC-Target-URI), or the input's ``url``
    title           metadata["title"] (set by extraction)
    date            metadata["date"]: publication date found by extraction
    language        ISO 639 code from language identification
    language_score  its confidence, 0..1
    source          the input the document was read from, by its name in the run (its
                    file name, or a longer tail of its path when two inputs share one)
    record_id       WARC-Record-ID (WARC/WET input)
    offset          byte offset of the record in the input file
    line            1-based line number (JSONL input)
    fetch_date      WARC-Date of the capture
    content_type    media type of the payload
    metadata        every other metadata field, as an object (``flags``: what filters
                    would have dropped, in annotate-only runs)
    edits           the lines cleaners removed, ``{"step", "rule", "line"}`` each, when
                    the step was asked to record them (``record_edits``); else empty

A rejected record (see :func:`rejected_record`) names the step and reason
(:meth:`thresher.drop.Drop.record`) instead of carrying text.
"""

from __future__ import annotations

from typing import Any, Final

from thresher.document import Document
from thresher.drop import Drop
from thresher.serialize import dumps

__all__ = ["DOCUMENT_FIELDS", "REJECTED_FIELDS", "document_record", "dumps", "rejected_record"]

DOCUMENT_FIELDS: Final = (
    "id", "text", "url", "title", "date", "language", "language_score", "source",
    "record_id", "offset", "line", "fetch_date", "content_type", "metadata", "edits",
)
"""Keys of :func:`document_record`, in output order."""

REJECTED_FIELDS: Final = (
    "id", "url", "source", "record_id", "offset", "line", "step", "reason", "detail",
    "value", "threshold", "data",
)
"""Keys of :func:`rejected_record`, in output order."""

_PROMOTED: Final = frozenset({"title", "date"})


def document_record(doc: Document) -> dict[str, Any]:
    """The output record of a kept document (see the module docstring)."""
    meta = doc.metadata
    p = doc.provenance
    return {
        "id": doc.id,
        "text": doc.text,
        "url": doc.url,
        "title": meta.get("title"),
        "date": meta.get("date"),
        "language": doc.language,
        "language_score": doc.language_score,
        "source": p.source,
        "record_id": p.record_id,
        "offset": p.offset,
        "line": p.line,
        "fetch_date": p.fetch_date,
        "content_type": p.content_type,
        "metadata": {k: v for k, v in meta.items() if k not in _PROMOTED},
        "edits": [{"step": e.step, "rule": e.rule, "line": e.line} for e in doc.edits],
    }


def rejected_record(doc: Document, drop: Drop) -> dict[str, Any]:
    """The record of a dropped or rejected document: which step, why, measured against what."""
    p = doc.provenance
    return {
        "id": doc.id,
        "url": doc.url,
        "source": p.source,
        "record_id": p.record_id,
        "offset": p.offset,
        "line": p.line,
        **drop.record(),
    }
