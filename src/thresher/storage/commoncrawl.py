"""Common Crawl by name: paths lists as inputs, and index records read with range requests.

Two ways in:

* A ``warc.paths.gz`` / ``wet.paths.gz`` file (one relative path a line, as
  Common Crawl publishes per crawl) becomes the list of URLs under a base URL
  (:data:`CC_BASE_URL` by default; ``s3://commoncrawl/`` with credentials),
  optionally cut with ``limit`` and ``sample``. Sampling is by a seeded hash
  of each path, so it is the same on every run and every machine, and a
  fraction keeps the same files whatever else the list holds.
* A list of ``(filename, offset, length)`` records, as the CC index returns
  them (the CDX server's JSON lines; the columnar index's CSV or Parquet
  export with ``warc_filename``, ``warc_record_offset``,
  ``warc_record_length``), is fetched with one range request per record.
  Each range is one gzip member holding one WARC record, so the pages of one
  domain can be processed without downloading whole WARC files.
  :func:`fetch_records` yields each member's bytes (or the error that lost it);
  :class:`MemberStream` strings them into one stream fastwarc can read.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO, Final, NamedTuple

import xxhash

from thresher.storage.retry import TransferError
from thresher.storage.urls import join, parse

if TYPE_CHECKING:
    from thresher.storage.files import Storage

__all__ = [
    "CC_BASE_URL",
    "FetchedRecord",
    "IndexFormatError",
    "IndexRecord",
    "MemberStream",
    "Sample",
    "fetch_records",
    "load_index",
    "load_paths",
    "parse_cdx_line",
    "paths_from_lines",
    "read_cdx",
    "read_index_csv",
    "read_index_parquet",
    "select",
]

CC_BASE_URL: Final = "https://data.commoncrawl.org/"
_GZIP_MAGIC: Final = b"\x1f\x8b"
_COLUMNS: Final = ("warc_filename", "warc_record_offset", "warc_record_length")


# -- paths lists ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sample:
    """Keep a ``fraction`` of the files (0 < f <= 1), or ``count`` of them."""

    fraction: float | None = None
    count: int | None = None

    @classmethod
    def parse(cls, text: str) -> Sample:
        """``"0.05"`` is a fraction, ``"200"`` a count (what ``--sample`` takes).

        >>> Sample.parse("0.05"), Sample.parse("200")
        (Sample(fraction=0.05, count=None), Sample(fraction=None, count=200))
        """
        text = text.strip()
        if text.isdigit():
            count = int(text)
            if count < 1:
                raise ValueError("--sample N needs N >= 1")
            return cls(count=count)
        try:
            fraction = float(text)
        except ValueError:
            raise ValueError(f"--sample takes a fraction (0.1) or a count (100), "
                             f"not {text!r}") from None
        if not 0.0 < fraction <= 1.0:
            raise ValueError(f"--sample fraction must be in (0, 1], not {fraction}")
        return cls(fraction=fraction)


def _rank(seed: int, name: str) -> int:
    return xxhash.xxh64_intdigest(name.encode(), seed=seed)


def select(names: list[str], limit: int | None = None, sample: Sample | None = None,
           seed: int = 0) -> list[str]:
    """``names`` sampled (by a seeded hash of each name), then cut to the first ``limit``.

    The order of ``names`` is kept.

    >>> select(["a", "b", "c", "d"], limit=2)
    ['a', 'b']
    >>> len(select([str(i) for i in range(1000)], sample=Sample(count=10), seed=7))
    10
    """
    kept = names
    if sample is not None and sample.fraction is not None:
        bound = sample.fraction * 2.0**64
        kept = [n for n in names if _rank(seed, n) < bound]
    elif sample is not None and sample.count is not None:
        chosen = set(sorted(names, key=lambda n: (_rank(seed, n), n))[:sample.count])
        kept = [n for n in names if n in chosen]
    if limit is not None:
        if limit < 0:
            raise ValueError(f"limit must be >= 0, not {limit}")
        kept = kept[:limit]
    return kept


def paths_from_lines(lines: Iterable[str], base_url: str = CC_BASE_URL) -> list[str]:
    """The URLs of a paths list: each relative path under ``base_url``; URLs kept as they are.

    Blank lines and ``#`` comments are skipped.

    >>> paths_from_lines(["crawl-data/CC-MAIN-2024-10/a.warc.gz", ""])
    ['https://data.commoncrawl.org/crawl-data/CC-MAIN-2024-10/a.warc.gz']
    """
    urls = []
    for line in lines:
        path = line.strip()
        if not path or path.startswith("#"):
            continue
        urls.append(path if not parse(path).is_local else join(base_url, path))
    return urls


def _text_lines(fh: BinaryIO, name: str) -> Iterator[str]:
    raw: BinaryIO = gzip.GzipFile(fileobj=fh) if name.endswith(".gz") else fh  # type: ignore[assignment]
    yield from io.TextIOWrapper(raw, encoding="utf-8", newline=None)


def load_paths(storage: Storage, location: str, base_url: str = CC_BASE_URL,
               limit: int | None = None, sample: Sample | None = None,
               seed: int = 0) -> list[str]:
    """The input URLs named by a (local or remote, plain or gzipped) paths list."""
    with storage.open_read(location) as fh:
        urls = paths_from_lines(_text_lines(fh, parse(location).name), base_url)
    return select(urls, limit, sample, seed)


# -- index records -------------------------------------------------------------------------


class IndexFormatError(ValueError):
    """An index file or line that does not give filename, offset and length."""


class IndexRecord(NamedTuple):
    """One WARC record as an index locates it: a gzip member of ``filename``."""

    filename: str
    offset: int
    length: int
    url: str | None = None
    """The page's URL, when the index gives it."""


def _record(filename: Any, offset: Any, length: Any, url: Any, where: str) -> IndexRecord:
    try:
        off, size = int(offset), int(length)
    except (TypeError, ValueError):
        raise IndexFormatError(f"{where}: offset/length not integers ({offset!r}, "
                               f"{length!r})") from None
    if not isinstance(filename, str) or not filename or off < 0 or size <= 0:
        raise IndexFormatError(f"{where}: bad record ({filename!r}, {off}, {size})")
    return IndexRecord(filename, off, size, str(url) if url else None)


def parse_cdx_line(line: str, where: str = "cdx line") -> IndexRecord:
    """A record from a CDX line: the index server's JSON object, or ``SURT TIMESTAMP {json}``.

    >>> parse_cdx_line('org,example)/ 20240101 {"url": "https://example.org/", '
    ...                '"filename": "crawl-data/x.warc.gz", "offset": "12", "length": "34"}')
    IndexRecord(filename='crawl-data/x.warc.gz', offset=12, length=34, url='https://example.org/')
    """
    brace = line.find("{")
    if brace < 0:
        raise IndexFormatError(f"{where}: no JSON object")
    try:
        fields = json.loads(line[brace:])
    except ValueError as err:
        raise IndexFormatError(f"{where}: bad JSON ({err})") from None
    if not isinstance(fields, dict):
        raise IndexFormatError(f"{where}: not a JSON object")
    return _record(fields.get("filename"), fields.get("offset"), fields.get("length"),
                   fields.get("url"), where)


def read_cdx(lines: Iterable[str]) -> Iterator[IndexRecord]:
    """Records of CDX lines (blank lines skipped); IndexFormatError names a bad line."""
    for number, line in enumerate(lines, 1):
        if line.strip():
            yield parse_cdx_line(line, f"line {number}")


def read_index_csv(lines: Iterable[str]) -> Iterator[IndexRecord]:
    """Records of a columnar-index CSV export (``warc_filename``, ``warc_record_offset``,
    ``warc_record_length``; ``url`` when present), in file order."""
    reader = csv.DictReader(iter(lines))
    missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise IndexFormatError(f"CSV index lacks column(s) {', '.join(missing)}")
    for number, row in enumerate(reader, 2):
        yield _record(row["warc_filename"], row["warc_record_offset"],
                      row["warc_record_length"], row.get("url"), f"CSV line {number}")


def read_index_parquet(fh: BinaryIO, batch_rows: int = 65536) -> Iterator[IndexRecord]:
    """Records of a columnar-index Parquet export, streamed by row batches (needs pyarrow)."""
    try:
        import pyarrow.parquet as pq
    except ImportError as err:
        raise IndexFormatError("a Parquet index needs pyarrow: "
                               "pip install 'thresher[parquet]'") from err
    table = pq.ParquetFile(fh)
    names = set(table.schema_arrow.names)
    missing = [c for c in _COLUMNS if c not in names]
    if missing:
        raise IndexFormatError(f"Parquet index lacks column(s) {', '.join(missing)}")
    columns = [*_COLUMNS, *(["url"] if "url" in names else [])]
    row = 0
    for batch in table.iter_batches(batch_size=batch_rows, columns=columns):
        data = batch.to_pydict()
        urls = data.get("url") or [None] * batch.num_rows
        for filename, offset, length, url in zip(data["warc_filename"],
                                                 data["warc_record_offset"],
                                                 data["warc_record_length"], urls, strict=True):
            row += 1
            yield _record(filename, offset, length, url, f"Parquet row {row}")


def load_index(storage: Storage, location: str) -> Iterator[IndexRecord]:
    """Records of an index file, by its name: ``.parquet``, ``.csv[.gz]``, else CDX lines."""
    name = parse(location).name.lower()
    with storage.open_read(location) as fh:
        if name.endswith(".parquet"):
            yield from read_index_parquet(fh)
        elif name.endswith((".csv", ".csv.gz")):
            yield from read_index_csv(_text_lines(fh, name))
        else:
            yield from read_cdx(_text_lines(fh, name))


# -- fetching records ----------------------------------------------------------------------


class FetchedRecord(NamedTuple):
    """One index record's gzip member, or why it could not be had."""

    record: IndexRecord
    url: str
    """The WARC file's URL."""
    data: bytes | None
    error: TransferError | None = None

    @property
    def source(self) -> str:
        """A name for provenance: the WARC file's URL and the member's offset."""
        return f"{self.url}#offset={self.record.offset}"


def _fetch_one(storage: Storage, record: IndexRecord, base_url: str,
               max_record_bytes: int) -> FetchedRecord:
    url = record.filename if not parse(record.filename).is_local else join(base_url,
                                                                          record.filename)
    if record.length > max_record_bytes:
        error = TransferError(url, "too_large", f"record of {record.length} bytes at "
                              f"{record.offset} > max_record_bytes {max_record_bytes}", 0)
        return FetchedRecord(record, url, None, error)
    try:
        data = storage.read_range(url, record.offset, record.length)
    except TransferError as err:
        return FetchedRecord(record, url, None, err)
    if not data.startswith(_GZIP_MAGIC):
        error = TransferError(url, "bad_range", f"bytes at {record.offset} are not a gzip "
                              "member (wrong offset in the index?)")
        return FetchedRecord(record, url, None, error)
    return FetchedRecord(record, url, data)


def fetch_records(storage: Storage, records: Iterable[IndexRecord],
                  base_url: str = CC_BASE_URL, prefetch: int = 4,
                  max_record_bytes: int = 64 << 20) -> Iterator[FetchedRecord]:
    """Each record's gzip member, in the order given, ``prefetch`` requests in flight.

    Never raises for one record: a record whose range cannot be fetched after
    its retries comes back with ``data=None`` and the
    :class:`~thresher.storage.retry.TransferError`, so the run can reject it
    with its URL and go on. At most ``prefetch`` members are held in memory.
    """
    if prefetch <= 1:
        for record in records:
            yield _fetch_one(storage, record, base_url, max_record_bytes)
        return
    with ThreadPoolExecutor(max_workers=prefetch, thread_name_prefix="cc-fetch") as pool:
        pending: deque[Future[FetchedRecord]] = deque()
        for record in records:
            pending.append(pool.submit(_fetch_one, storage, record, base_url, max_record_bytes))
            if len(pending) >= prefetch:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


class MemberStream(io.RawIOBase):
    """Fetched members strung into one forward-only ``.warc.gz`` stream (for fastwarc).

    Records that could not be fetched are left out and kept in ``failures``.
    ``origin(offset)`` maps an offset in this stream (fastwarc's
    ``stream_pos``) back to its index record. ``tell()`` works (fastwarc needs
    it); seeking anywhere but the current position does not.
    """

    def __init__(self, fetched: Iterable[FetchedRecord]) -> None:
        super().__init__()
        self._items = iter(fetched)
        self._current = b""
        self._offset = 0
        self._pos = 0
        self.failures: list[FetchedRecord] = []
        self._starts: list[int] = []
        self._records: list[FetchedRecord] = []

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        target = {io.SEEK_SET: offset, io.SEEK_CUR: self._pos + offset}.get(whence)
        if target != self._pos:
            raise io.UnsupportedOperation("MemberStream only reads forward")
        return self._pos

    def origin(self, offset: int) -> FetchedRecord:
        """The fetched record whose member holds stream offset ``offset``."""
        import bisect
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            raise KeyError(offset)
        return self._records[index]

    def _next_member(self) -> bool:
        for item in self._items:
            if item.data is None:
                self.failures.append(item)
                continue
            self._starts.append(self._pos)
            self._records.append(item)
            self._current, self._offset = item.data, 0
            return True
        return False

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        if self._offset >= len(self._current) and not self._next_member():
            return 0
        chunk = self._current[self._offset:self._offset + len(buffer)]
        buffer[:len(chunk)] = chunk
        self._offset += len(chunk)
        self._pos += len(chunk)
        return len(chunk)
