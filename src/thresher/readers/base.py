"""What every reader yields: documents, rejections with a reason, and skip markers.

A reader streams one input file and yields, for each record it meets, exactly
one of

* a :class:`~thresher.document.Document` ready for the pipeline;
* a :class:`Rejection`: the record was a document candidate but could not be
  used (not HTML, HTTP 404, truncated, corrupt, too large...). It carries a stub
  document (id, url, provenance; no text, no payload) so the rejected sink can
  say which record it was. ``reason`` is one of :data:`READ_REASONS`;
* a :class:`Skipped` marker: the record was never a document candidate
  (WARC ``request``, ``metadata``, ``warcinfo``, ``revisit`` records). Skips
  are only counted (``read:skipped:<kind>`` in the manifest), never written.

Skips travel in the same iterator as documents (rather than in a side stats
object) so that a reader stays a plain picklable generator that an executor can
run anywhere and still account for every record it saw.

Readers never raise for bad *data*; :class:`ReaderError` is raised only when
the file itself cannot be read at all (missing, permission denied, unknown
format).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

from thresher.document import Document, Provenance
from thresher.drop import READ_STEP, Drop

__all__ = [
    "READ_REASONS",
    "ReadResult",
    "ReaderConfig",
    "ReaderError",
    "Rejection",
    "Skipped",
    "rejection",
]

READ_REASONS: Final = frozenset(
    {
        "bad_json",  # JSONL line that is not a JSON object
        "decode_error",  # HTTP Content-Encoding / Transfer-Encoding could not be undone
        "duplicate_id",  # a document with this id was already read from the same input
        "http_status",  # HTTP status other than 200
        "no_text",  # JSONL object without a string ``text`` field
        "not_html",  # payload is not HTML (image, PDF, ...)
        "read_error",  # corrupt container, malformed record, a Content-Length that lies
        "too_large",  # payload larger than ``ReaderConfig.max_record_bytes``
        "truncated",  # WARC-Truncated header, or the file ends inside the record (or line)
    }
)
"""The closed set of reasons a reader rejects a record with."""


@dataclass(frozen=True, slots=True)
class ReaderConfig:
    """Limits shared by all readers."""

    max_record_bytes: int = 10_000_000
    """Largest payload (HTML bytes, JSONL line, decoded HTTP body) accepted.

    Larger records are *rejected* with reason ``too_large`` (never truncated: a
    cut page would extract into a misleading half document). They are skipped
    by streaming past them, so memory stays bounded by this limit.
    """
    sniff_bytes: int = 1024
    """How many leading payload bytes are inspected to recognise HTML when the
    transport gives no content type."""
    keep_warc_truncated: bool = True
    """Keep records the crawler marked ``WARC-Truncated`` (Common Crawl cuts payloads at
    1 MiB; the main content usually comes first), noting the reason in
    ``metadata["warc_truncated"]``. False rejects them as ``truncated``. Records cut by
    the end of the file are always rejected."""


@dataclass(frozen=True, slots=True)
class Rejection:
    """A record that was read but cannot become a document, and why (step ``"read"``)."""

    doc: Document
    """Stub with id, url and provenance; ``text`` is empty and ``html`` is None."""
    drop: Drop
    """Why: ``reason`` is one of :data:`READ_REASONS`, ``detail`` free text for people (the
    content type, the HTTP status, the error)."""

    @property
    def reason(self) -> str:
        """One of :data:`READ_REASONS`."""
        return self.drop.reason

    @property
    def detail(self) -> str:
        """Free text for people."""
        return self.drop.detail


@dataclass(frozen=True, slots=True)
class Skipped:
    """A WARC record that is not a document candidate (request, metadata...).

    ``kind`` is the WARC-Type (``request``, ``metadata``, ``warcinfo``,
    ``revisit``, ``continuation``, ``unknown``).
    """

    kind: str


ReadResult = Document | Rejection | Skipped
"""One item of a reader's stream; see the module docstring."""


class ReaderError(Exception):
    """An input file cannot be read at all (missing, unreadable, unknown format)."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = Path(path)
        self.message = message


def rejection(doc_id: str, provenance: Provenance, reason: str, detail: str = "",
              url: str | None = None) -> Rejection:
    """A :class:`Rejection` whose stub document has ``doc_id``, ``provenance`` and ``url``.

    ``doc_id`` is the id the document would have had, so a rejected record and
    its accepted twin from another run can be matched.
    """
    stub = Document(id=doc_id, provenance=provenance, url=url)
    return Rejection(stub, Drop(reason, detail, step=READ_STEP))
