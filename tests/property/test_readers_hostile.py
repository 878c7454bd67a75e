"""Readers never raise on hostile bytes: every record becomes a document, a rejection or a skip."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thresher.document import Document
from thresher.readers import READ_REASONS, ReadResult, Rejection, Skipped, open_reader

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = (DATA / "warc" / "two-pages-with-request-metadata.warc.gz").read_bytes()
SEED_RAW = (DATA / "warc" / "two-pages-uncompressed.warc").read_bytes()
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def read_all(name: str, blob: bytes) -> list[ReadResult]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(blob)
        results = list(open_reader(path))
    for r in results:
        assert isinstance(r, (Document, Rejection, Skipped))
        if isinstance(r, Rejection):
            assert r.reason in READ_REASONS
    return results


@st.composite
def damaged(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with a few bytes flipped, a slice cut out, or its end chopped off."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(0, 4))):
        pos = draw(st.integers(0, len(data) - 1))
        data[pos] ^= draw(st.integers(1, 255))
    if draw(st.booleans()):
        start = draw(st.integers(0, len(data) - 1))
        del data[start : start + draw(st.integers(1, 200))]
    return bytes(data[: draw(st.integers(1, len(data)))])


@SETTINGS
@given(damaged(SEED))
def test_damaged_warc_gz_never_raises(blob: bytes) -> None:
    results = read_all("x.warc.gz", blob)
    assert sum(isinstance(r, Document) for r in results) <= 2


@SETTINGS
@given(damaged(SEED_RAW))
def test_damaged_uncompressed_warc_never_raises(blob: bytes) -> None:
    read_all("x.warc", blob)


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(blob: bytes) -> None:
    for name in ("x.warc.gz", "x.warc", "x.warc.wet.gz", "x.jsonl", "x.jsonl.gz", "x.jsonl.zst"):
        read_all(name, blob)


@SETTINGS
@given(st.lists(st.text(max_size=80), max_size=20))
def test_arbitrary_jsonl_lines_never_raise(lines: list[str]) -> None:
    blob = "\n".join(lines).encode("utf-8", "surrogatepass")
    results = read_all("x.jsonl", blob)
    assert len(results) <= blob.count(b"\n") + 1
