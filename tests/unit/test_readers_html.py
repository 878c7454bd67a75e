"""HTML files as documents, one per file."""

from __future__ import annotations

from pathlib import Path

import pytest

from thresher.document import Document, stable_id
from thresher.readers import ReaderConfig, ReaderError, Rejection, read_html

HTML = Path(__file__).resolve().parents[1] / "data" / "html"


def test_file_becomes_one_document_with_raw_bytes() -> None:
    path = HTML / "latin1-page.html"
    (doc,) = read_html(path)
    assert isinstance(doc, Document)
    assert doc.html == path.read_bytes()  # bytes untouched, charset left to extraction
    assert doc.id == stable_id(str(path))
    assert doc.url is None
    assert doc.provenance.source == str(path) and doc.provenance.content_type == "text/html"


def test_oversized_file_is_rejected_by_size_before_reading() -> None:
    (rej,) = read_html(HTML / "utf8-page.htm", ReaderConfig(max_record_bytes=10))
    assert isinstance(rej, Rejection) and rej.reason == "too_large"
    assert rej.doc.html is None


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(ReaderError):
        list(read_html(tmp_path / "gone.html"))
