"""WET (conversion records) through the shared WARC reader."""

from __future__ import annotations

from pathlib import Path

from thresher.document import Document
from thresher.readers import Skipped, open_reader, read_wet

WET = Path(__file__).resolve().parents[1] / "data" / "warc" / "wet-sample.warc.wet.gz"


def test_conversion_records_become_text_documents() -> None:
    results = list(read_wet(WET))
    assert isinstance(results[0], Skipped) and results[0].kind == "warcinfo"
    docs = [r for r in results if isinstance(r, Document)]
    assert len(docs) == 3
    first = docs[0]
    assert first.text == "Das Wetter in Hamburg bleibt wechselhaft.\nRegen am Abend."
    assert first.html is None
    assert first.url == "https://example.de/wetter"
    assert first.provenance.content_type == "text/plain"
    assert first.metadata["warc_languages"] == "deu,eng"
    assert first.language is None  # a hint in metadata, not a language decision


def test_invalid_utf8_is_replaced_and_counted() -> None:
    docs = [r for r in read_wet(WET) if isinstance(r, Document)]
    last = docs[-1]
    assert last.text == "Caf\ufffd au lait \ufffd\ufffd ok"
    assert last.metadata["utf8_replacements"] == 3
    assert "utf8_replacements" not in docs[0].metadata


def test_open_reader_dispatches_wet_by_name() -> None:
    assert next(r for r in open_reader(WET) if isinstance(r, Document)).html is None
