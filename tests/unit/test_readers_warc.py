"""WARC / WARC.gz reader on fixture files named after their quirk (tests/data/warc/)."""

from __future__ import annotations

import random
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest

from thresher.document import Document, stable_id
from thresher.readers import ReaderConfig, ReaderError, ReadResult, Rejection, Skipped, read_warc
from thresher.sample import sample_path
from warc_build import gzip_member, http_response, warc_record

WARC = Path(__file__).resolve().parents[1] / "data" / "warc"


def read(name: str, config: ReaderConfig | None = None) -> list[ReadResult]:
    return list(read_warc(WARC / name, config))


def docs(results: list[ReadResult]) -> list[Document]:
    return [r for r in results if isinstance(r, Document)]


def rejections(results: list[ReadResult]) -> list[Rejection]:
    return [r for r in results if isinstance(r, Rejection)]


def tally(results: list[ReadResult]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for r in results:
        if isinstance(r, Document):
            counts["doc"] += 1
        elif isinstance(r, Rejection):
            counts[f"rejected:{r.reason}"] += 1
        else:
            counts[f"skipped:{r.kind}"] += 1
    return counts


def test_documents_carry_payload_url_and_provenance() -> None:
    path = WARC / "two-pages-with-request-metadata.warc.gz"
    results = list(read_warc(path))
    first = docs(results)[0]
    assert first.url == "https://example.org/a"
    assert first.html is not None and b"<h1>Alpha</h1>" in first.html
    assert first.html.startswith(b"<!DOCTYPE html>")  # HTTP headers stripped
    assert first.text == ""
    p = first.provenance
    assert p.source == str(path)
    assert p.record_id is not None and p.record_id.startswith("<urn:uuid:")
    assert first.id == stable_id(str(path), p.record_id)
    assert p.fetch_date == "2026-03-01T12:00:00Z"
    assert (p.content_type, p.charset) == ("text/html", "utf-8")
    assert p.offset is not None and p.offset > 0


def test_offsets_point_at_gzip_members() -> None:
    path = WARC / "two-pages-with-request-metadata.warc.gz"
    data = path.read_bytes()
    for doc in docs(list(read_warc(path))):
        assert doc.provenance.offset is not None
        assert data[doc.provenance.offset : doc.provenance.offset + 3] == b"\x1f\x8b\x08"


def test_non_document_records_are_skipped_and_counted() -> None:
    counts = tally(read("two-pages-with-request-metadata.warc.gz"))
    assert counts == Counter({"doc": 2, "skipped:warcinfo": 1, "skipped:request": 2,
                              "skipped:metadata": 1})


def test_uncompressed_warc_reads_the_same_documents() -> None:
    gz = docs(read("two-pages-with-request-metadata.warc.gz"))
    raw = docs(read("two-pages-uncompressed.warc"))
    assert [d.html for d in gz] == [d.html for d in raw]
    assert [d.provenance.record_id for d in gz] == [d.provenance.record_id for d in raw]


@pytest.mark.parametrize("name", ["single-gzip-stream.warc.gz", "no-closing-crlf.warc"])
def test_unusual_but_complete_layouts_are_not_truncated(name: str) -> None:
    assert tally(read(name)) == tally(read("two-pages-uncompressed.warc"))


def test_non_html_records_are_rejected_with_their_type() -> None:
    results = read("non-html-record.warc.gz")
    assert [(r.reason, r.detail) for r in rejections(results)] == [
        ("not_html", "image/png"), ("not_html", "application/pdf")]
    assert [d.url for d in docs(results)] == ["https://example.org/page"]
    stub = rejections(results)[0].doc
    assert stub.url == "https://example.org/logo.png" and stub.html is None and stub.text == ""


def test_http_status_other_than_200_is_rejected() -> None:
    results = read("http-status.warc.gz")
    assert [(r.reason, r.detail) for r in rejections(results)] == [
        ("http_status", "404"), ("http_status", "301")]


def test_charset_from_http_header() -> None:
    (doc,) = docs(read("charset-in-header.warc.gz"))
    assert doc.provenance.charset == "iso-8859-1"
    assert doc.html is not None and "Crème".encode("latin-1") in doc.html


def test_missing_content_type_is_sniffed() -> None:
    results = read("no-content-type.warc.gz")
    assert [d.url for d in docs(results)] == ["https://example.org/sniffed"]
    assert docs(results)[0].provenance.content_type is None
    (rej,) = rejections(results)
    assert rej.reason == "not_html" and rej.doc.url == "https://example.org/blob"


def test_content_and_transfer_encodings_are_undone() -> None:
    results = read("content-encoding.warc.gz")
    good = {d.url.rsplit("/", 1)[-1]: d.html for d in docs(results) if d.url}
    assert set(good) == {"gzip", "br", "deflate", "chunked", "already-decoded"}
    assert len(set(good.values())) == 1  # all decode to the same page
    bad = {r.doc.url.rsplit("/", 1)[-1]: r.reason for r in rejections(results) if r.doc.url}
    assert bad == {"corrupt-gzip": "decode_error", "unknown": "decode_error",
                   "bomb": "too_large"}


def test_warc_truncated_header_is_kept_and_noted_by_default() -> None:
    (doc,) = read("warc-truncated-header.warc.gz")
    assert isinstance(doc, Document)
    assert doc.metadata["warc_truncated"] == "length"
    assert doc.html


def test_warc_truncated_header_rejects_when_asked() -> None:
    (rej,) = read("warc-truncated-header.warc.gz", ReaderConfig(keep_warc_truncated=False))
    assert isinstance(rej, Rejection)
    assert (rej.reason, rej.detail) == ("truncated", "WARC-Truncated: length")


def test_file_ending_mid_record_is_truncated_gzip() -> None:
    results = read("truncated-record.warc.gz")
    assert [d.url for d in docs(results)] == ["https://example.org/a"]
    (rej,) = rejections(results)
    assert rej.reason == "truncated" and rej.doc.url == "https://example.org/b"


def test_file_ending_mid_record_is_truncated_uncompressed() -> None:
    (rej,) = rejections(read("truncated-record-uncompressed.warc"))
    assert rej.reason == "truncated" and rej.doc.url == "https://example.org/b"


def test_file_ending_inside_warc_header_is_reported() -> None:
    # fastwarc yields nothing for a member cut inside its header; the tail check notices.
    results = read("cut-in-warc-header.warc.gz")
    assert len(docs(results)) == 1
    (rej,) = rejections(results)
    assert rej.reason == "truncated"
    assert rej.doc.provenance.offset is not None


def test_trailing_garbage_is_a_read_error_after_all_records() -> None:
    results = read("trailing-garbage.warc.gz")
    assert len(docs(results)) == 2
    (rej,) = rejections(results)
    assert rej.reason == "read_error" and isinstance(results[-1], Rejection)


def test_bad_gzip_member_is_rejected_and_reading_continues() -> None:
    path = WARC / "bad-gzip-member.warc.gz"
    results = list(read_warc(path))
    assert [d.url for d in docs(results)] == [
        "https://example.org/p0", "https://example.org/p1",
        "https://example.org/p3", "https://example.org/p4"]
    (rej,) = rejections(results)
    assert rej.reason == "read_error"
    assert "gzip data error" in rej.detail
    # The rejection sits where the lost record was, and points at its member.
    assert isinstance(results[2], Rejection)
    offset = rej.doc.provenance.offset
    assert offset is not None and path.read_bytes()[offset : offset + 3] == b"\x1f\x8b\x08"


def test_every_record_is_accounted_for_in_the_sample() -> None:
    counts = tally(list(read_warc(sample_path())))
    assert sum(counts.values()) == 58  # records written by benchmarks/make_sample.py
    assert counts["skipped:request"] == counts["skipped:metadata"] == 19
    assert counts["doc"] + sum(v for k, v in counts.items() if k.startswith("rejected:")) == 19
    assert counts["rejected:http_status"] == 2 and counts["rejected:not_html"] == 2


def test_resource_records_use_the_warc_content_type() -> None:
    (doc,) = read("resource-record.warc")
    assert isinstance(doc, Document)
    assert doc.url == "file:///saved/local.html" and doc.provenance.content_type == "text/html"


def test_huge_record_is_rejected_without_buffering_it() -> None:
    tracemalloc.start()
    try:
        results = read("huge-record.warc.gz")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    first, second = results
    assert isinstance(first, Rejection) and first.reason == "too_large"
    assert isinstance(second, Document) and second.url == "https://example.org/after"
    assert peak < 5_000_000  # the record holds 50 MB


def test_huge_record_is_read_when_the_limit_allows() -> None:
    # Proves the fixture really holds a 50 MB payload (the test above is not vacuous).
    first, _ = read("huge-record.warc.gz", ReaderConfig(max_record_bytes=60_000_000))
    assert isinstance(first, Document) and first.html is not None
    assert len(first.html) == 50_000_012


def test_missing_file_raises_reader_error(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match=r"nope\.warc\.gz"):
        list(read_warc(tmp_path / "nope.warc.gz"))


@pytest.mark.parametrize("blob", [b"", b"\x1f\x8b\x08garbage", b"WARC/1.0\r\nWARC-Type: resp",
                                  b"\x00" * 100, b"GET / HTTP/1.1\r\n\r\n"])
def test_hostile_files_never_raise(tmp_path: Path, blob: bytes) -> None:
    for name in ("x.warc.gz", "x.warc"):
        path = tmp_path / name
        path.write_bytes(blob)
        results = list(read_warc(path))
        assert all(not isinstance(r, Document) for r in results)
        assert all(isinstance(r, (Rejection, Skipped)) for r in results)


def test_revisit_records_are_skipped() -> None:
    assert tally(read("revisit-record.warc.gz")) == Counter({"skipped:revisit": 1, "doc": 1})


def _big_record_with_damaged_payload(path: Path) -> None:
    """Three records; the middle one's gzip member is damaged past fastwarc's read buffer,
    so fastwarc parses its headers and fails only while the payload is read."""
    def response(url: str, body: bytes) -> bytes:
        block = http_response(200, body, [("Content-Type", "text/html")])
        return warc_record("response", block, date="2026-03-01T12:00:00Z", target_uri=url,
                           content_type="application/http; msgtype=response")

    noise = random.Random(7).randbytes(400_000)  # incompressible: a member far above 64 KiB
    members = [gzip_member(response("https://e.org/0", b"<html>zero")),
               bytearray(gzip_member(response("https://e.org/1", b"<html>" + noise))),
               gzip_member(response("https://e.org/2", b"<html>two"))]
    damaged = members[1]
    assert isinstance(damaged, bytearray)
    for i in range(len(damaged) - 5000, len(damaged) - 4990):
        damaged[i] ^= 0x5A
    path.write_bytes(b"".join(bytes(m) for m in members))


def test_damage_inside_a_payload_rejects_that_record_once(tmp_path: Path) -> None:
    path = tmp_path / "damaged-payload.warc.gz"
    _big_record_with_damaged_payload(path)
    results = list(read_warc(path))
    assert [d.url for d in docs(results)] == ["https://e.org/0", "https://e.org/2"]
    (rej,) = rejections(results)  # not a second one for the same lost bytes
    assert rej.reason == "read_error" and rej.doc.url == "https://e.org/1"
