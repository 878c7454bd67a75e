"""Where a WARC may be cut (``readers/warc_index.py``) and how a run plans its shards
(``run/ranges.py``)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pytest

from thresher.config import ConfigError, build_config
from thresher.readers import ReaderConfig, Span, open_reader
from thresher.readers.base import ReaderError
from thresher.readers.warc import read_warc_stream
from thresher.readers.warc_index import cut_points
from thresher.run.commit import LocalStore
from thresher.run.inputs import name_inputs
from thresher.run.ranges import plan_shards, ranges_json
from warc_build import gzip_member, http_response, record_id, warc_record

T = TypeVar("T")
R = TypeVar("R")
DATE = "2026-03-01T12:00:00Z"
LIMIT = ReaderConfig().max_record_bytes


def _page(n: int, rid: str | None = None) -> bytes:
    body = f"<html><body><p>page {n} about rivers and boats</p></body></html>".encode()
    url = f"https://ranges.example/{n}"
    return warc_record("response", http_response(200, body, [("Content-Type", "text/html")]),
                       date=DATE, target_uri=url, content_type="application/http; msgtype=response",
                       rec_id=rid or record_id("r", str(n)))


def _offsets(records: Sequence[bytes]) -> list[int]:
    out, at = [], 0
    for rec in records:
        out.append(at)
        at += len(rec)
    return out


def _ids(data: bytes, name: str, span: Span | None = None) -> list[str]:
    results = read_warc_stream(io.BytesIO(data), name, None, "x", span)
    return [getattr(r, "id", "") or r.doc.id for r in results]  # type: ignore[union-attr]


def test_every_record_of_a_plain_warc_but_the_first_is_a_cut_point() -> None:
    records = [_page(n) for n in range(4)]
    data = b"".join(records)
    assert cut_points(io.BytesIO(data), "a.warc", LIMIT) == _offsets(records)[1:]


def test_a_warc_header_inside_a_block_is_not_a_cut_point() -> None:
    inner = _page(99)
    archived = warc_record("resource", inner, date=DATE, target_uri="https://ranges.example/w",
                           content_type="application/warc", rec_id=record_id("w"))
    records = [_page(0), archived, _page(1)]
    data = b"".join(records)
    assert data.index(inner) not in cut_points(io.BytesIO(data), "a.warc", LIMIT)
    assert cut_points(io.BytesIO(data), "a.warc", LIMIT) == _offsets(records)[1:]


def test_a_member_that_does_not_start_a_record_is_not_a_cut_point() -> None:
    second = _page(1)
    members = [gzip_member(_page(0)), gzip_member(second[:100]), gzip_member(second[100:]),
               gzip_member(_page(2))]
    data = b"".join(members)
    starts = _offsets(members)
    assert cut_points(io.BytesIO(data), "a.warc.gz", LIMIT) == [starts[1], starts[3]]
    whole = _ids(data, "a.warc.gz")
    split = _ids(data, "a.warc.gz", Span(0, starts[3])) + _ids(
        data, "a.warc.gz", Span(starts[3], len(data)))
    assert split == whole and len(whole) == 3


def test_no_cut_falls_between_two_records_with_one_id() -> None:
    same = record_id("same")
    records = [_page(0), _page(1, same), _page(2), _page(3, same), _page(4)]
    data = b"".join(records)
    offsets = _offsets(records)
    # cuts at 2 and 3 would part the copies; the copy is still caught, in one range
    assert cut_points(io.BytesIO(data), "a.warc", LIMIT) == [offsets[1], offsets[4]]
    results = list(read_warc_stream(io.BytesIO(data), "a.warc", None, "x",
                                    Span(offsets[1], offsets[4])))
    assert [getattr(r, "reason", "kept") for r in results] == ["kept", "kept", "duplicate_id"]


def test_only_warc_and_wet_files_are_read_by_range(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<p>x</p>")
    with pytest.raises(ReaderError, match="byte range"):
        open_reader(page, None, "p.html", Span(0, 3))


def test_range_mb_must_not_be_negative() -> None:
    with pytest.raises(ConfigError, match="range_mb"):
        build_config(ReaderConfig, "reader", {"range_mb": -1})


class CountingRunner:
    """Runs tasks here and counts them."""

    def __init__(self) -> None:
        self.ran: list[Any] = []

    @property
    def workers(self) -> int:
        return 1

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        self.ran.extend(items)
        return [fn(item) for item in items]


def test_big_warc_files_are_cut_once_and_the_plan_is_kept(tmp_path: Path) -> None:
    big = tmp_path / "big.warc.gz"
    big.write_bytes(b"".join(gzip_member(_page(n)) for n in range(40)))
    small = tmp_path / "small.warc.gz"
    small.write_bytes(gzip_member(_page(0)))
    html = tmp_path / "page.html"
    html.write_bytes(b"<html>" + b"x" * 20_000 + b"</html>")
    inputs = name_inputs([big, small, html])
    config = ReaderConfig(range_mb=big.stat().st_size / 4 / 1e6)
    store = LocalStore(tmp_path / "out")
    runner = CountingRunner()
    shards = plan_shards(runner, store, inputs, config)
    assert [task.name for task in runner.ran] == ["big.warc.gz"]
    spans = [s.span for s in shards if s.input.name == "big.warc.gz"]
    assert len(spans) == 4 and all(s is not None for s in spans)
    assert [s.span for s in shards if s.input.name != "big.warc.gz"] == [None, None]
    assert sum(s.size for s in shards) == sum(f.size for f in inputs)
    again = CountingRunner()
    assert plan_shards(again, store, inputs, config) == shards
    assert again.ran == []  # read back from .work/ranges, not scanned again
    other = ReaderConfig(range_mb=config.range_mb * 2)
    assert len(plan_shards(again, store, inputs, other)) == 4  # other settings: planned again
    assert ranges_json(config, shards)["inputs"]["big.warc.gz"][0][0] == 0


def test_range_mb_zero_never_cuts(tmp_path: Path) -> None:
    big = tmp_path / "big.warc"
    big.write_bytes(b"".join(_page(n) for n in range(40)))
    runner = CountingRunner()
    shards = plan_shards(runner, LocalStore(tmp_path / "out"), name_inputs([big]),
                         ReaderConfig(range_mb=0))
    assert [s.span for s in shards] == [None] and runner.ran == []
