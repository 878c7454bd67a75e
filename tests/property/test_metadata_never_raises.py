"""Hostile input for the date and author rules: no title, dateline or fetch date raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from thresher.extract.dates import find_dates, parse_date, parse_fetch_date
from thresher.extract.metadata import extract_metadata
from thresher.extract.names import byline_names, clean_author

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of datelines and bylines, mixed with arbitrary text.
PIECES = st.sampled_from(
    [
        "2005", "-03-", "21", "年", "月", "日", "令和", "元年", "Published:", "Updated",
        "Joined:", "mars", "марта", "de", "By ", "Von ", "作者：", "记者", "기자", "\n", "\t",
        " ago", "vor ", "3", "小时前", "/", ".", "【图】", '"', "\\", "\x00", "\x0c",
    ]
)  # fmt: skip
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=30).map("".join)
FETCH = st.one_of(st.none(), st.text(max_size=30), st.just("2026-03-01T12:00:00Z"))


@FAST
@given(TEXT, TEXT, TEXT, FETCH, st.booleans())
def test_extract_metadata_never_raises(
    title: str, line: str, body: str, fetch: str | None, heading: bool
) -> None:
    h1 = f"<h1>{title}</h1>" if heading else ""  # without one, the title is searched for
    page = (
        f"<html><head><title>{title}</title></head><body><div>{title[:20]}</div>"
        f"{h1}<p class='byline'>{line}</p><p>{body}</p></body></html>"
    )
    meta = extract_metadata(LexborHTMLParser(page), "https://x.example/2020/01/02/a", fetch)
    assert meta.date is None or len(meta.date) == 10


@FAST
@given(TEXT, FETCH)
def test_date_and_name_rules_never_raise(text: str, fetch: str | None) -> None:
    fetched = parse_fetch_date(fetch)
    for found in find_dates(text, "mdy", fetched):
        assert 0 <= found.start < found.end <= len(text) + 1
    parse_date(text)
    clean_author([text], "zh")
    byline_names(text)
