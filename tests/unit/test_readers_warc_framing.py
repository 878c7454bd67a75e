"""WARC framing under lying lengths and damage: each record once, the records after it kept."""

from __future__ import annotations

import gzip
import itertools
import tracemalloc
from pathlib import Path

import pytest

from thresher.document import Document
from thresher.readers import ReaderConfig, ReadResult, Rejection, Skipped, read_warc
from warc_build import gzip_member, http_response, sha1_digest, warc_record

DATE = "2026-03-01T12:00:00Z"


def response(i: int, length: int | str | None = None, digest: bool = False) -> bytes:
    """Response record ``i``; ``length`` replaces its Content-Length value (a lie)."""
    body = f"<html><body><h1>Page {i}</h1><p>{'Words here. ' * (i + 3)}</p></body></html>"
    block = http_response(200, body.encode(), [("Content-Type", "text/html")])
    extra = [("WARC-Block-Digest", sha1_digest(block))] if digest else []
    rec = warc_record("response", block, date=DATE, target_uri=f"https://e.org/{i}",
                      content_type="application/http; msgtype=response", extra=extra)
    if length is not None:
        rec = rec.replace(f"Content-Length: {len(block)}\r\n".encode(),
                          f"Content-Length: {length}\r\n".encode())
    return rec


def pages(lie: int | str | None, at: int = 2, n: int = 5) -> list[bytes]:
    return [response(i, lie if i == at else None) for i in range(n)]


def urls(results: list[ReadResult]) -> list[str | None]:
    return [r.url for r in results if isinstance(r, Document)]


def rejected(results: list[ReadResult]) -> list[tuple[str | None, str]]:
    return [(r.doc.url, r.reason) for r in results if isinstance(r, Rejection)]


def read(tmp_path: Path, name: str, data: bytes, **config: int) -> list[ReadResult]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_warc(path, ReaderConfig(**config)))


LIES = [10**9, 5000, 5, 0, 150, "12x", "-4", ""]
GOOD = ["https://e.org/0", "https://e.org/1", "https://e.org/3", "https://e.org/4"]


@pytest.mark.parametrize("lie", LIES)
def test_lying_length_in_a_gzip_member_rejects_that_record_only(tmp_path: Path,
                                                                 lie: int | str) -> None:
    data = b"".join(gzip_member(r) for r in pages(lie))
    results = read(tmp_path, "x.warc.gz", data)
    assert urls(results) == GOOD
    assert rejected(results) == [("https://e.org/2", "read_error")]
    assert len(results) == 5  # one result per record: no extra read error


@pytest.mark.parametrize("lie", LIES)
def test_lying_length_in_a_plain_warc_resyncs_at_the_next_header(tmp_path: Path,
                                                                  lie: int | str) -> None:
    results = read(tmp_path, "x.warc", b"".join(pages(lie)))
    assert urls(results) == GOOD
    assert [reason for _, reason in rejected(results)] == ["read_error"]
    assert len(results) == 5


@pytest.mark.parametrize("lie", [10**9, 5000, 5, 150])
def test_lying_length_in_a_single_gzip_stream(tmp_path: Path, lie: int) -> None:
    results = read(tmp_path, "x.warc.gz", gzip.compress(b"".join(pages(lie)), mtime=0))
    assert urls(results) == GOOD
    assert len(results) == 5


def test_huge_lie_after_a_header_beyond_the_limit_seeks_back(tmp_path: Path) -> None:
    # A length over max_record_bytes is read through, not kept; a header inside it wins.
    for name, wrap in (("x.warc", lambda b: b), ("x.warc.gz", gzip.compress)):
        results = read(tmp_path, name, wrap(b"".join(pages(3000))), max_record_bytes=1000)
        assert urls(results) == GOOD, name


def test_lying_last_record_and_a_lie_on_the_first(tmp_path: Path) -> None:
    recs = [response(0, 10**9), response(1), response(2, 3)]
    for name, data in (("x.warc", b"".join(recs)),
                       ("x.warc.gz", b"".join(gzip_member(r) for r in recs))):
        results = read(tmp_path, name, data)
        assert urls(results) == ["https://e.org/1"], name
        assert len(results) == 3, name


def test_huge_lie_keeps_memory_bounded(tmp_path: Path) -> None:
    recs = pages(10**9)
    tracemalloc.start()
    try:
        plain = read(tmp_path, "x.warc", b"".join(recs))
        gz = read(tmp_path, "x.warc.gz", b"".join(gzip_member(r) for r in recs))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert urls(plain) == urls(gz) == GOOD
    assert peak < 2_000_000


def test_garbage_between_records_is_one_rejection_and_reading_resyncs(tmp_path: Path) -> None:
    recs = pages(None)
    data = recs[0] + recs[1] + b"garbage that is no record\r\n" * 20 + recs[2] + recs[3]
    results = read(tmp_path, "x.warc", data)
    assert urls(results) == [f"https://e.org/{i}" for i in range(4)]
    assert [reason for _, reason in rejected(results)] == ["read_error"]


def test_destroyed_header_line_costs_that_record_only(tmp_path: Path) -> None:
    recs = pages(None)
    recs[2] = recs[2].replace(b"WARC/1.0", b"WXRC/1.0", 1)
    for name, data in (("x.warc", b"".join(recs)),
                       ("x.warc.gz", b"".join(gzip_member(r) for r in recs))):
        results = read(tmp_path, name, data)
        assert urls(results) == GOOD, name
        assert len(results) == 5, name


def test_wet_conversion_record_with_a_lying_length(tmp_path: Path) -> None:
    recs = []
    for i in range(4):
        text = f"Plain text of page {i}.\n".encode() * 3
        rec = warc_record("conversion", text, date=DATE, target_uri=f"https://e.org/{i}",
                          content_type="text/plain")
        if i == 1:
            rec = rec.replace(f"Content-Length: {len(text)}".encode(), b"Content-Length: 99999")
        recs.append(rec)
    for name, data in (("x.warc.wet", b"".join(recs)),
                       ("x.warc.wet.gz", b"".join(gzip_member(r) for r in recs))):
        results = read(tmp_path, name, data)
        assert urls(results) == ["https://e.org/0", "https://e.org/2", "https://e.org/3"], name
        assert rejected(results) == [("https://e.org/1", "read_error")], name


def test_an_archived_warc_inside_a_record_stays_payload(tmp_path: Path) -> None:
    # The inner record is content: the outer length is consistent, so no phantom record.
    inner = response(7)
    body = b"<html><body><pre>" + inner + b"</pre></body></html>"
    block = http_response(200, body, [("Content-Type", "text/html")])
    outer = warc_record("response", block, date=DATE, target_uri="https://e.org/outer",
                        content_type="application/http; msgtype=response")
    results = read(tmp_path, "x.warc", outer + response(8))
    assert urls(results) == ["https://e.org/outer", "https://e.org/8"]


def _swallowing(digest: bool) -> list[bytes]:
    """Four records; record 1's length covers record 2 exactly, ending where record 3 starts."""
    recs = [response(i, digest=digest) for i in range(4)]
    block_len = int(recs[1].split(b"Content-Length: ")[1].split(b"\r\n")[0])
    lie = block_len + 4 + len(recs[2])  # its own closing CRLFs, then all of record 2
    assert len(str(lie)) == len(str(block_len))
    recs[1] = recs[1].replace(f"Content-Length: {block_len}".encode(),
                              f"Content-Length: {lie}".encode())
    return recs


def test_block_digest_exposes_a_length_that_swallows_whole_records(tmp_path: Path) -> None:
    results = read(tmp_path, "x.warc", b"".join(_swallowing(digest=True)))
    assert urls(results) == ["https://e.org/0", "https://e.org/2", "https://e.org/3"]
    assert rejected(results) == [("https://e.org/1", "read_error")]


def test_without_a_digest_an_exact_swallow_cannot_be_told_from_payload(tmp_path: Path) -> None:
    # The documented limit: the length is consistent with what follows it, so it is believed.
    results = read(tmp_path, "x.warc", b"".join(_swallowing(digest=False)))
    assert urls(results) == ["https://e.org/0", "https://e.org/1", "https://e.org/3"]


def test_records_split_over_gzip_members_are_read_as_a_stream(tmp_path: Path) -> None:
    recs = pages(None)
    raw = b"".join(recs)
    cuts = [0, 100, len(recs[0]) + 5, 777, 2000, len(raw)]
    data = b"".join(gzip_member(raw[a:b]) for a, b in itertools.pairwise(cuts))
    results = read(tmp_path, "x.warc.gz", data)
    assert urls(results) == [f"https://e.org/{i}" for i in range(5)]


def test_several_records_in_one_member(tmp_path: Path) -> None:
    recs = pages(None)
    data = gzip_member(recs[0] + recs[1]) + gzip_member(recs[2]) + gzip_member(recs[3] + recs[4])
    results = read(tmp_path, "x.warc.gz", data)
    assert urls(results) == [f"https://e.org/{i}" for i in range(5)]


def test_lowercase_field_names_are_read(tmp_path: Path) -> None:
    rec = response(0)
    for name in (b"WARC-Type", b"WARC-Record-ID", b"Content-Length", b"WARC-Target-URI"):
        rec = rec.replace(name + b":", name.lower() + b":")
    results = read(tmp_path, "x.warc", rec + response(1))
    assert urls(results) == ["https://e.org/0", "https://e.org/1"]


def test_same_record_id_twice_keeps_the_first(tmp_path: Path) -> None:
    recs = pages(None)
    data = recs[0] + recs[1] + recs[1] + recs[2]
    results = read(tmp_path, "x.warc", data)
    assert urls(results) == ["https://e.org/0", "https://e.org/1", "https://e.org/2"]
    (dup,) = [r for r in results if isinstance(r, Rejection)]
    assert dup.reason == "duplicate_id" and dup.doc.url == "https://e.org/1"
    first = next(r for r in results if isinstance(r, Document) and r.url == "https://e.org/1")
    assert dup.doc.id == first.id  # the rejected copy names the id it would have taken


def test_a_damaged_first_copy_does_not_block_an_intact_second(tmp_path: Path) -> None:
    recs = pages(None)
    bad = recs[1].replace(b"Content-Length: ", b"Content-Length: 9", 1)
    results = read(tmp_path, "x.warc", recs[0] + bad + recs[1])
    assert urls(results) == ["https://e.org/0", "https://e.org/1"]
    assert rejected(results) == [("https://e.org/1", "read_error")]


def test_unknown_record_types_are_skipped_and_untyped_ones_rejected(tmp_path: Path) -> None:
    odd = warc_record("futuristic", b"x", date=DATE, target_uri="https://e.org/odd")
    untyped = response(5).replace(b"WARC-Type: response\r\n", b"")
    results = read(tmp_path, "x.warc", odd + untyped + response(6))
    assert [type(r).__name__ for r in results] == ["Skipped", "Rejection", "Document"]
    assert isinstance(results[0], Skipped) and results[0].kind == "unknown"
