"""URL deduplication key: the normalized URL (:func:`~thresher.dedup.normalize.normalize_url`)."""

from __future__ import annotations

from thresher.dedup.normalize import normalize_url
from thresher.document import Document

__all__ = ["url_key"]


def url_key(doc: Document) -> str | None:
    """The normalized URL of ``doc`` (``None`` when it has none)."""
    if not doc.url or not doc.url.strip():
        return None
    return normalize_url(doc.url)
