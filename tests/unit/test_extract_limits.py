"""The public ``extract()`` applies the pipeline step's guards and raises ``PageRejected``."""

from __future__ import annotations

import signal
import time
import tracemalloc
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import thresher
from thresher.document import Document, Provenance
from thresher.extract import PageLimits, PageRejected, api, extract, guards
from thresher.extract.step import ExtractStep, ExtractStepConfig
from thresher.step import Drop

PROSE = "<p>" + "A sentence about lighthouses, keepers and the sea. " * 8 + "</p>"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def refused(html: str | bytes, **limits: Any) -> PageRejected:
    with pytest.raises(PageRejected) as info:
        extract(html, limits=PageLimits(**limits))
    return info.value


def test_deep_nesting_is_refused_before_parsing() -> None:
    err = refused("<div>" * 30_000 + PROSE)
    assert (err.reason, err.limit, err.value, err.threshold) == (
        "parse_error", "max_depth", 2001, 2000)
    assert "nesting over max_depth" in str(err)


def test_binary_bytes_are_refused() -> None:
    err = refused(PNG)
    assert err.reason == "not_html" and err.limit is None


def test_oversized_page_is_refused_without_copying_it() -> None:
    page = b"<p>" + b"word " * 1_200_000 + b"</p>"  # 6 MB
    tracemalloc.start()
    try:
        err = refused(page)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (err.reason, err.limit, err.value) == ("too_large", "max_bytes", len(page))
    assert peak < 1_000_000


def test_too_many_tags() -> None:
    err = refused("<b>x</b>" * 400, max_nodes=300)
    assert (err.reason, err.limit) == ("too_large", "max_nodes")


def test_limits_are_the_callers() -> None:
    assert refused("<div>" * 11 + PROSE, max_depth=10).reason == "parse_error"
    assert "lighthouses" in extract("<div>" * 11 + PROSE, limits=PageLimits(max_depth=12)).text
    assert "lighthouses" in extract("<div>" * 3000 + PROSE, limits=None).text


def test_ordinary_pages_and_text_input_pass() -> None:
    assert "lighthouses" in extract(PROSE).text
    assert "lighthouses" in extract(PROSE.encode()).text
    assert extract("").text == "" and extract(b"").text == ""
    assert extract("\x00\x01<p>x</p>").text == "x"  # str is text already: no binary sniff


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")
def test_a_slow_page_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    give_up = time.monotonic() + 20

    def slow(*args: object) -> None:
        while time.monotonic() < give_up:  # a broken limit fails the test instead of hanging
            pass

    monkeypatch.setattr(api, "_extract", slow)
    err = refused(PROSE, timeout_s=0.05)
    assert (err.reason, err.limit, err.threshold) == ("extract_timeout", "timeout_s", 0.05)


def test_exported_from_the_package() -> None:
    assert thresher.PageRejected is PageRejected and thresher.PageLimits is PageLimits
    assert issubclass(PageRejected, ValueError)


def test_bad_limits() -> None:
    with pytest.raises(ValueError):
        PageLimits(max_depth=0)
    with pytest.raises(ValueError):
        PageLimits(timeout_s=-1)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400) | st.text(alphabet="<>/ab!-\x00", max_size=400))
def test_arbitrary_input_gives_a_result_or_a_declared_refusal(html: bytes | str) -> None:
    try:
        result = extract(html, limits=PageLimits(max_depth=20, max_nodes=50))
    except PageRejected as err:
        assert err.reason in {"too_large", "not_html", "parse_error", "extract_timeout"}
    else:
        assert isinstance(result.text, str)


def test_the_step_and_the_function_refuse_the_same_pages() -> None:
    step = ExtractStep(ExtractStepConfig(max_depth=50))
    for page, reason in ((b"<div>" * 60 + PROSE.encode(), "parse_error"),
                         (PNG, "not_html"), (b"x" * 5_000_001, "too_large")):
        drop = step.process(Document(id="p", provenance=Provenance(source="t"), html=page))
        assert isinstance(drop, Drop) and drop.reason == reason
        with pytest.raises(PageRejected) as info:
            extract(page, limits=step.config.limits())
        assert info.value.reason == reason


# -- the depth scan is linear -------------------------------------------------------------------


class CountingPattern:
    """Wraps the tag-start pattern to record where each search starts."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern
        self.starts: list[int] = []

    def search(self, text: str, pos: int = 0) -> Any:
        self.starts.append(pos)
        return self.pattern.search(text, pos)


@pytest.mark.parametrize("page", [
    "<a " * 100_000,  # tags never closed: one search, then the scan stops
    "<a<a<a<a" * 50_000 + ">",  # one tag running to the only ">"
    "<div>" * 3_000,
    "<" * 200_000 + "<b>",
])
def test_depth_scan_searches_each_part_of_the_page_once(monkeypatch: pytest.MonkeyPatch,
                                                        page: str) -> None:
    counting = CountingPattern(guards._TAG_START)
    monkeypatch.setattr(guards, "_TAG_START", counting)
    guards.nesting_depth(page, 10**9)
    starts = counting.starts
    assert starts == sorted(set(starts))  # never goes back
    assert len(starts) <= page.count(">") + 1
