"""exact_dedup and url_dedup stages, and the normalization they rely on."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_dedup_support import (
    FailingRunner,
    Killed,
    SerialRunner,
    kept_ids,
    make_doc,
    run_stage,
    write_shards,
)

from thresher.dedup.keep import NO_DATE, date_key
from thresher.dedup.normalize import normalize_text, normalize_url, url_host, words
from thresher.document import Document
from thresher.registry import get_stage
from thresher.step import Drop, build_config


def _stage(name: str, **params: object):  # type: ignore[no-untyped-def]
    cls = get_stage(name)
    assert cls is not None
    return cls(build_config(cls.Config, cls.name, params))


def _text_corpus() -> list[list[Document]]:
    return [
        [
            make_doc("b", "Hello, World!  Same text.", fetch_date="2024-03-01T00:00:00Z"),
            make_doc("solo", "Something else entirely."),
            make_doc("blank", " ... "),
        ],
        [
            make_doc("a", "hello world\nsame TEXT", fetch_date="2024-03-01T00:00:00+00:00"),
            make_doc("c", "HELLO WORLD SAME TEXT", fetch_date="2024-02-01T00:00:00Z"),
            make_doc("blank2", ""),
            make_doc("undated", "hello world same text"),
        ],
    ]


def test_exact_duplicates_after_normalization_keep_earliest(tmp_path: Path) -> None:
    paths = write_shards(tmp_path / "in", _text_corpus())
    out = run_stage(_stage("exact_dedup"), paths, tmp_path / "w", SerialRunner())
    assert kept_ids(out) == ["solo", "blank", "c", "blank2"]
    drops = [o for shard in out for o in shard if isinstance(o, Drop)]
    assert {d.reason for d in drops} == {"exact_duplicate"}
    assert [d.data["duplicate_of"] for d in drops] == ["c", "c", "c"]
    assert {d.data["cluster_size"] for d in drops} == {4}


def test_keep_latest_breaks_date_ties_by_id(tmp_path: Path) -> None:
    paths = write_shards(tmp_path / "in", _text_corpus())
    out = run_stage(_stage("exact_dedup", keep="latest"), paths, tmp_path / "w", SerialRunner())
    assert "a" in kept_ids(out) and "b" not in kept_ids(out)


def test_keep_first_keeps_input_order(tmp_path: Path) -> None:
    paths = write_shards(tmp_path / "in", _text_corpus())
    out = run_stage(_stage("exact_dedup", keep="first"), paths, tmp_path / "w", SerialRunner())
    assert kept_ids(out) == ["b", "solo", "blank", "blank2"]


def test_repeated_ids_in_a_shard_get_their_own_decisions(tmp_path: Path) -> None:
    docs = [make_doc("same", "one text"), make_doc("same", "one text"), make_doc("x", "other")]
    paths = write_shards(tmp_path / "in", [docs])
    out = run_stage(_stage("exact_dedup", keep="first"), paths, tmp_path / "w", SerialRunner())
    assert [type(o).__name__ for o in out[0]] == ["Document", "Drop", "Document"]


def test_url_duplicates_keep_latest_fetch(tmp_path: Path) -> None:
    docs = [
        make_doc("old", "v1", url="https://Example.com/a/?utm_source=x", fetch_date="2023-01-01"),
        make_doc("new", "v2", url="https://example.com:443/a#top", fetch_date="2024-01-01"),
        make_doc("other", "v3", url="https://example.com/b"),
        make_doc("nourl", "v4"),
        make_doc("nourl2", "v4"),
    ]
    paths = write_shards(tmp_path / "in", [docs[:2], docs[2:]])
    out = run_stage(_stage("url_dedup"), paths, tmp_path / "w", SerialRunner())
    assert kept_ids(out) == ["new", "other", "nourl", "nourl2"]
    drop = out[0][0]
    assert isinstance(drop, Drop) and drop.reason == "url_duplicate"
    assert drop.data["duplicate_of"] == "new"


@pytest.mark.parametrize("budget", [0, 1, 2, 5])
def test_resume_after_kill(tmp_path: Path, budget: int) -> None:
    paths = write_shards(tmp_path / "in", _text_corpus())
    reference = run_stage(_stage("exact_dedup"), paths, tmp_path / "ref", SerialRunner())
    with pytest.raises(Killed):
        _stage("exact_dedup").analyze(paths, tmp_path / "w", FailingRunner(budget))
    assert run_stage(_stage("exact_dedup"), paths, tmp_path / "w", SerialRunner()) == reference


def test_empty_input(tmp_path: Path) -> None:
    for name in ("exact_dedup", "url_dedup", "minhash_dedup", "boilerplate_lines"):
        _stage(name).analyze([], tmp_path / name, SerialRunner())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "HTTPS://Example.COM:443/a/b/?utm_source=x&b=2&a=1#top",
            "https://example.com/a/b?a=1&b=2",
        ),
        ("http://example.com:80/", "http://example.com"),
        ("http://example.com:8080/x?fbclid=1", "http://example.com:8080/x"),
        ("http://[::1", "http://[::1"),
    ],
)
def test_normalize_url(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


def test_url_host() -> None:
    assert url_host("https://www.Example.org/x") == "example.org"
    assert url_host("not a url") is None
    assert url_host(None) is None


def test_normalize_text() -> None:
    assert normalize_text("Ｆｕｌｌ－width, ﬁne! Café") == "full width fine café"
    assert words("x_y «z»") == ["x", "y", "z"]


def test_date_key() -> None:
    assert date_key("2024-01-01T01:00:00+01:00") == date_key("2024-01-01T00:00:00Z")
    assert date_key(None) == NO_DATE == date_key("garbage")


@given(st.text())
def test_url_normalization_never_raises(raw: str) -> None:
    assert isinstance(normalize_url(raw), str)
    host = url_host(raw)
    assert host is None or isinstance(host, str)
