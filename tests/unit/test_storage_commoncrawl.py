"""Common Crawl paths lists (limit, sample) and index formats (CDX, CSV, Parquet)."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from fastwarc.warc import ArchiveIterator

from testservers.warcs import build
from thresher.storage import (
    CC_BASE_URL,
    IndexFormatError,
    IndexRecord,
    MemberStream,
    Sample,
    Storage,
    fetch_records,
    load_index,
    load_paths,
    select,
)
from thresher.storage.commoncrawl import paths_from_lines, read_cdx, read_index_csv

NAMES = [f"crawl-data/CC-MAIN-2026-01/segments/{i}/warc/f{i:05d}.warc.gz" for i in range(2000)]


def test_sample_parsing() -> None:
    assert Sample.parse("0.25") == Sample(fraction=0.25)
    assert Sample.parse("1") == Sample(count=1)
    assert Sample.parse("1.0") == Sample(fraction=1.0)
    for bad in ["0", "0.0", "1.5", "-3", "half"]:
        with pytest.raises(ValueError):
            Sample.parse(bad)


def test_fraction_sample_is_seeded_stable_and_about_right() -> None:
    kept = select(NAMES, sample=Sample(fraction=0.1), seed=1)
    assert 150 <= len(kept) <= 250
    assert kept == select(NAMES, sample=Sample(fraction=0.1), seed=1)
    assert kept != select(NAMES, sample=Sample(fraction=0.1), seed=2)
    assert set(select(NAMES[:1000], sample=Sample(fraction=0.1), seed=1)) == {
        n for n in kept if n in set(NAMES[:1000])}  # a file's fate does not depend on others
    assert kept == [n for n in NAMES if n in set(kept)]  # list order kept


def test_count_sample_and_limit() -> None:
    kept = select(NAMES, sample=Sample(count=25), seed=3)
    assert len(kept) == 25 and kept == [n for n in NAMES if n in set(kept)]
    assert kept == select(list(reversed(NAMES)), sample=Sample(count=25), seed=3)[::-1]
    assert select(NAMES, limit=3) == NAMES[:3]
    assert select(NAMES, limit=5, sample=Sample(count=25), seed=3) == kept[:5]
    assert select(NAMES[:10], sample=Sample(count=50)) == NAMES[:10]


def test_paths_list_from_a_local_gzip_file(tmp_path: Path) -> None:
    listing = "\n".join(NAMES[:5]) + "\n\n# a comment\nhttps://mirror.example/x.warc.gz\n"
    path = tmp_path / "warc.paths.gz"
    path.write_bytes(gzip.compress(listing.encode()))
    urls = load_paths(Storage(), str(path))
    assert urls[:5] == [CC_BASE_URL + n for n in NAMES[:5]]
    assert urls[5] == "https://mirror.example/x.warc.gz" and len(urls) == 6
    assert load_paths(Storage(), str(path), base_url="s3://commoncrawl", limit=1) == [
        "s3://commoncrawl/" + NAMES[0]]
    plain = tmp_path / "wet.paths"
    plain.write_text(NAMES[0] + "\r\n")
    assert paths_from_lines(plain.read_text().splitlines()) == [CC_BASE_URL + NAMES[0]]


def test_cdx_lines_in_both_shapes() -> None:
    lines = [
        '{"url": "https://a.org/", "filename": "crawl-data/x.warc.gz", "offset": "10", '
        '"length": "20", "status": "200"}',
        "",
        'org,a)/b 20260101000000 {"url": "https://a.org/b", "filename": "crawl-data/x.warc.gz",'
        ' "offset": 40, "length": 5}',
    ]
    assert list(read_cdx(lines)) == [
        IndexRecord("crawl-data/x.warc.gz", 10, 20, "https://a.org/"),
        IndexRecord("crawl-data/x.warc.gz", 40, 5, "https://a.org/b"),
    ]


@pytest.mark.parametrize(("line", "message"), [
    ("no json here", "no JSON"),
    ('{"filename": "x", "offset": "a", "length": "1"}', "not integers"),
    ('{"filename": "x", "offset": "1"}', "not integers"),
    ('{"filename": "", "offset": "1", "length": "2"}', "bad record"),
    ('{"filename": "x", "offset": "1", "length": "0"}', "bad record"),
    ("[1, 2] {", "bad JSON"),
])
def test_bad_cdx_lines_are_named(line: str, message: str) -> None:
    with pytest.raises(IndexFormatError, match=message):
        list(read_cdx(["", line]))


def test_columnar_csv_export() -> None:
    text = ("url,warc_filename,warc_record_offset,warc_record_length,fetch_status\n"
            "https://a.org/,crawl-data/x.warc.gz,100,50,200\n")
    assert list(read_index_csv(io.StringIO(text))) == [
        IndexRecord("crawl-data/x.warc.gz", 100, 50, "https://a.org/")]
    with pytest.raises(IndexFormatError, match="warc_record_length"):
        list(read_index_csv(io.StringIO("warc_filename,warc_record_offset\nx,1\n")))


def test_columnar_parquet_export(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({"url": ["https://a.org/", "https://b.org/"],
                      "warc_filename": ["crawl-data/x.warc.gz", "crawl-data/y.warc.gz"],
                      "warc_record_offset": pa.array([0, 777], pa.int64()),
                      "warc_record_length": pa.array([10, 20], pa.int32())})
    pq.write_table(table, tmp_path / "index.parquet")
    assert list(load_index(Storage(), str(tmp_path / "index.parquet"))) == [
        IndexRecord("crawl-data/x.warc.gz", 0, 10, "https://a.org/"),
        IndexRecord("crawl-data/y.warc.gz", 777, 20, "https://b.org/")]
    pq.write_table(table.drop(["warc_record_offset"]), tmp_path / "bad.parquet")
    with pytest.raises(IndexFormatError, match="warc_record_offset"):
        list(load_index(Storage(), str(tmp_path / "bad.parquet")))


def test_local_records_fetched_and_streamed_to_fastwarc(tmp_path: Path) -> None:
    built = build([100, 5000, 70_000, 10], seed=9, compressible=False)
    (tmp_path / "x.warc.gz").write_bytes(built.data)
    ends = [*built.offsets[1:], len(built.data)]
    records = [IndexRecord("x.warc.gz", built.offsets[i], ends[i] - built.offsets[i])
               for i in (3, 0, 2)]
    records.append(IndexRecord("x.warc.gz", built.offsets[1] + 3, 40))  # not a member start
    records.append(IndexRecord("x.warc.gz", built.offsets[2], 10**9))  # beyond the limit
    fetched = list(fetch_records(Storage(), records, base_url=str(tmp_path),
                                 max_record_bytes=1 << 20))
    stream = MemberStream(fetched)
    ids = [r.record_id for r in ArchiveIterator(stream, parse_http=False)]
    assert ids == [built.ids[3], built.ids[0], built.ids[2]]
    assert [f.error.reason for f in stream.failures if f.error] == ["bad_range", "too_large"]
    assert fetched[0].source.endswith(f"x.warc.gz#offset={built.offsets[3]}")
