"""The ``url_filter`` step: UT1 block lists, the URL word rule, bad URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from thresher.document import Document, Provenance
from thresher.filters.url import UrlFilter, load_blocklists, parse_url, url_words
from thresher.registry import get_step
from thresher.step import ConfigError, Drop

UT1 = Path(__file__).resolve().parents[1] / "data" / "ut1"


def _doc(url: str | None) -> Document:
    return Document(id="d", provenance=Provenance(source="t"), url=url, text="x")


def _reason(step: UrlFilter, url: str | None) -> str | None:
    out = step.process(_doc(url))
    return out.reason if isinstance(out, Drop) else None


@pytest.fixture
def step() -> UrlFilter:
    f = UrlFilter(UrlFilter.Config(blocklist_paths=(str(UT1),)))
    f.setup()
    return f


def test_registered() -> None:
    assert get_step("url_filter") is UrlFilter


def test_blocked_domain_and_subdomains(step: UrlFilter) -> None:
    assert _reason(step, "https://badsite.test/a") == "blocked_domain"
    assert _reason(step, "http://deep.sub.BadSite.test./") == "blocked_domain"
    assert _reason(step, "https://www.another-bad.test/") == "blocked_domain"
    assert _reason(step, "https://notbadsite.test/") is None


def test_gzipped_category_list(step: UrlFilter) -> None:
    assert _reason(step, "https://login.phish.test/") == "blocked_domain"


def test_blocked_url_prefix_on_path_boundaries(step: UrlFilter) -> None:
    assert _reason(step, "http://hosting.test/~badpage") == "blocked_url"
    assert _reason(step, "http://www.hosting.test/~badpage/img?x=1") == "blocked_url"
    assert _reason(step, "http://hosting.test/~badpages") is None
    assert _reason(step, "http://freepages.test/users/bob/index.html") == "blocked_url"
    assert _reason(step, "http://hosting.test/") is None


def test_categories_restrict_what_is_read() -> None:
    only = UrlFilter(UrlFilter.Config(blocklist_paths=(str(UT1),), categories=("gambling",)))
    assert _reason(only, "https://bet-now.test/") == "blocked_domain"
    assert _reason(only, "https://badsite.test/") is None


def test_category_folder_and_single_file_paths() -> None:
    folder = load_blocklists((str(UT1 / "gambling"),))
    assert folder.domains == frozenset({"bet-now.test"})
    single = load_blocklists((str(UT1 / "adult" / "urls"),))
    assert single.domains == frozenset() and "hosting.test" in single.urls


def test_missing_blocklist_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        UrlFilter(UrlFilter.Config(blocklist_paths=("/nonexistent/ut1",))).setup()


def test_banned_word_hard_and_soft(step: UrlFilter) -> None:
    assert _reason(step, "https://example.test/free-porn-videos") == "url_banned_word"
    assert _reason(step, "https://example.test/adult-education") is None
    assert _reason(step, "https://example.test/adult_nude_pics") == "url_banned_word"
    assert _reason(step, "https://example.test/essex-news") is None


def test_custom_word_lists() -> None:
    custom = UrlFilter(UrlFilter.Config(banned_words=("casino",), soft_banned_words=()))
    assert _reason(custom, "https://casino.example.test/") == "url_banned_word"
    assert _reason(custom, "https://example.test/porn") is None


def test_bad_url(step: UrlFilter) -> None:
    assert _reason(step, "not a url") == "bad_url"
    assert _reason(step, "http://example.test:99999999/") == "bad_url"
    assert _reason(step, "http://exa\x00mple.test/") == "bad_url"


def test_document_without_url_is_kept(step: UrlFilter) -> None:
    assert _reason(step, None) is None


def test_parse_url_and_words() -> None:
    parsed = parse_url("https://WWW.Example.test/A/B?q=1")
    assert parsed is not None and (parsed.host, parsed.path) == ("example.test", "/a/b?q=1")
    words = ["https", "a", "test", "big", "sale", "2024"]
    assert url_words("https://a.test/Big_Sale-2024") == words
    assert parse_url("https://bücher.test/").host == "xn--bcher-kva.test"  # type: ignore[union-attr]


def test_config_from_a_table() -> None:
    from thresher.step import build_config

    config = build_config(
        UrlFilter.Config,
        "url_filter",
        {"blocklist_paths": [str(UT1)], "categories": ["adult"], "soft_word_threshold": 3},
    )
    assert config.blocklist_paths == (str(UT1),) and config.soft_word_threshold == 3
    with pytest.raises(ConfigError):
        build_config(UrlFilter.Config, "url_filter", {"soft_word_threshold": 0})
