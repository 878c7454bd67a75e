"""The ``extract`` pipeline step: one test per drop reason, and what a kept page carries."""

from __future__ import annotations

import dataclasses
import random
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from thresher.document import Document, Provenance
from thresher.extract import ExtractConfig
from thresher.extract import step as step_module
from thresher.extract.step import ExtractStep, ExtractStepConfig
from thresher.registry import get_step
from thresher.step import ConfigError, Drop, build_config

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"

ARTICLE = (
    b"<!DOCTYPE html><html lang='en'><head><title>Tide Tables | Shore Log</title>"
    b"<meta property='og:site_name' content='Shore Log'>"
    b"<meta name='author' content='By Ola Nordmann'>"
    b"<link rel='canonical' href='/tides'></head><body>"
    b"<nav><a href='/'>Home</a> <a href='/about'>About</a></nav><article><h1>Tide Tables</h1>"
    + b"<p>The tide comes in twice a day, and the tables tell you when to expect it.</p>" * 5
    + b"</article><footer>Copyright Shore Log</footer></body></html>"
)


def doc_of(html: bytes | None, charset: str | None = None, text: str = "") -> Document:
    provenance = Provenance(source="test.warc.gz", record_id="r1", charset=charset)
    return Document(id="d1", provenance=provenance, url="https://shore.example/a", html=html,
                    text=text)  # fmt: skip


def run(html: bytes | None, **config: Any) -> Document | Drop:
    return ExtractStep(ExtractStepConfig(**config)).process(doc_of(html))


def reason(result: Document | Drop) -> str | None:
    return result.reason if isinstance(result, Drop) else None


# -------------------------------------------------------------------------- reasons


def test_every_declared_reason_is_tested() -> None:
    tested = {"not_html", "too_large", "extract_timeout", "parse_error", "no_content"}
    assert ExtractStep.reasons == tested


def test_too_large_50_mb_page() -> None:
    page = b"<html><body><p>" + b"word " * 10_000_000 + b"</p></body></html>"
    result = run(page)
    assert reason(result) == "too_large"
    assert isinstance(result, Drop) and result.value == len(page)


def test_too_large_by_tag_count() -> None:
    assert reason(run(b"<p>x</p>" * 2_000, max_nodes=1_000)) == "too_large"


def test_parse_error_200k_nested_elements() -> None:
    depth = 200_000
    page = (
        b"<html><body>" + b"<div>" * depth + b"<p>deep</p>" + b"</div>" * depth + b"</body></html>"
    )
    result = run(page)
    assert reason(result) == "parse_error"
    assert isinstance(result, Drop) and result.threshold == ExtractStepConfig().max_depth


def test_parse_error_small_page_nested_over_a_small_max_depth() -> None:
    # Few tags in all (far below max_nodes), but deeper than max_depth.
    page = b"<html><body>" + b"<div>" * 30 + b"<p>deep words here</p>" + b"</div>" * 30
    result = run(page, max_depth=20)
    assert reason(result) == "parse_error"
    assert isinstance(result, Drop) and result.value == 21
    assert reason(run(page, max_depth=40)) is None


def test_parse_error_when_the_extractor_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("lexbor said no")

    monkeypatch.setattr(step_module, "extract_decoded", broken)
    result = run(ARTICLE)
    assert reason(result) == "parse_error"
    assert isinstance(result, Drop) and "lexbor said no" in result.detail


@pytest.mark.parametrize(
    "payload",
    [
        random.Random(7).randbytes(100_000),
        b"%PDF-1.5\n" + random.Random(8).randbytes(5_000),
        b"\x89PNG\r\n\x1a\n" + bytes(1_000),
    ],
    ids=["random-bytes", "pdf", "png"],
)
def test_not_html_binary_garbage(payload: bytes) -> None:
    assert reason(run(payload)) == "not_html"


def test_extract_timeout_stops_a_slow_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: object, **kwargs: object) -> None:
        time.sleep(30)

    monkeypatch.setattr(step_module, "extract_decoded", slow)
    result = run(ARTICLE, timeout_s=0.05)
    assert reason(result) == "extract_timeout"


def test_extract_timeout_with_a_tiny_timeout_on_a_real_page() -> None:
    page = b"<html><body>" + b"<div><p>" + b"Many words in a long page. " * 40_000 + b"</p></div>"
    assert reason(run(page * 3, timeout_s=1e-6)) == "extract_timeout"


def test_timeout_restores_an_outer_timer() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 60)
        assert not isinstance(run(ARTICLE, timeout_s=5), Drop)
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
        assert signal.getsignal(signal.SIGALRM) is not previous
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert not fired


@pytest.mark.parametrize(
    "page",
    [b"", b"  \n ", b"<html><head><title>Empty</title></head><body></body></html>",
     b"<html><body><script>var a = 1;</script><style>p {}</style></body></html>"],
    ids=["no-bytes", "whitespace", "empty-body", "scripts-only"],
)  # fmt: skip
def test_no_content(page: bytes) -> None:
    assert reason(run(page)) == "no_content"


# ---------------------------------------------------------------------- kept pages


def test_kept_page_carries_text_and_metadata() -> None:
    result = run(ARTICLE)
    assert isinstance(result, Document)
    assert result.html is None
    assert "The tide comes in twice a day" in result.text
    assert "Home" not in result.text and "Copyright" not in result.text
    assert result.metadata["title"] == "Tide Tables"
    assert result.metadata["sitename"] == "Shore Log"
    assert result.metadata["author"] == "Ola Nordmann"
    assert result.metadata["canonical_url"] == "https://shore.example/tides"
    assert result.metadata["declared_language"] == "en"
    assert result.metadata["encoding"] == "utf-8"
    assert "date" not in result.metadata  # absent fields are left out
    assert "markdown" not in result.metadata


def test_declared_charset_comes_from_provenance() -> None:
    page = (DATA / "encoding-windows-1251-undeclared.html").read_bytes()
    result = ExtractStep().process(doc_of(page, charset="windows-1251"))
    assert isinstance(result, Document)
    assert result.metadata["encoding"] == "cp1251"
    assert "солнечная погода" in result.text


def test_keep_markdown() -> None:
    result = run(ARTICLE, keep_markdown=True)
    assert isinstance(result, Document)
    assert "The tide comes in" in result.metadata["markdown"]


def test_text_documents_pass_through() -> None:
    doc = doc_of(None, text="already extracted")
    assert ExtractStep().process(doc) is doc


def test_same_input_same_output() -> None:
    assert run(ARTICLE) == run(ARTICLE)


# -------------------------------------------------------------------------- config


def test_registered_and_configurable_from_a_table() -> None:
    cls = get_step("extract")
    assert cls is ExtractStep
    config = build_config(cls.Config, "extract", {"favour": "precision", "timeout_s": 2})
    assert config.timeout_s == 2.0
    assert config.extract_config().favour == "precision"
    with pytest.raises(ConfigError):
        build_config(cls.Config, "extract", {"favour": "everything"})
    with pytest.raises(ConfigError):
        build_config(cls.Config, "extract", {"max_bytes": 0})


def test_step_config_offers_every_extractor_option() -> None:
    options = {f.name for f in dataclasses.fields(ExtractConfig)}
    step_fields = {f.name for f in dataclasses.fields(ExtractStepConfig)}
    assert options <= step_fields
    changed = {name: not getattr(ExtractConfig(), name) for name in options
               if isinstance(getattr(ExtractConfig(), name), bool)}  # fmt: skip
    assert ExtractStepConfig(**changed).extract_config() == ExtractConfig(**changed)
