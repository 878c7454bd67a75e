"""Page metadata from JSON-LD, OpenGraph, meta tags and markup (thresher.extract.metadata)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from thresher.extract.metadata import (
    Metadata,
    clean_author,
    clean_title,
    extract_metadata,
    normalize_date,
    normalize_language,
)
from thresher.extract.normalize import site_from_title


def meta_of(head: str, body: str = "", url: str | None = None, lang: str = "") -> Metadata:
    attrs = f' lang="{lang}"' if lang else ""
    page = f"<!DOCTYPE html><html{attrs}><head>{head}</head><body>{body}</body></html>"
    return extract_metadata(LexborHTMLParser(page), url)


def ld(value: Any) -> str:
    return f'<script type="application/ld+json">{json.dumps(value)}</script>'


# ------------------------------------------------------------------------- JSON-LD


def test_jsonld_news_article() -> None:
    meta = meta_of(
        ld(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": "Harbour Bridge Reopens",
                "datePublished": "2024-03-05T08:00:00-05:00",
                "author": {"@type": "Person", "name": "Mira Patel"},
                "publisher": {"@type": "Organization", "name": "Coastal Herald"},
                "inLanguage": "en-GB",
                "keywords": "bridges, city, transport",
                "description": "The bridge is open again.",
            }
        )
    )
    assert meta.title == "Harbour Bridge Reopens"
    assert meta.date == "2024-03-05"
    assert meta.author == "Mira Patel"
    assert meta.sitename == "Coastal Herald"
    assert meta.language == "en"
    assert meta.tags == ("bridges", "city", "transport")
    assert meta.description == "The bridge is open again."


def test_jsonld_graph_with_id_references() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "https://w.example/#site", "name": "Garden Notes"},
            {
                "@type": "WebPage",
                "@id": "https://w.example/tomatoes/",
                "url": "https://w.example/tomatoes/",
                "inLanguage": "de-DE",
            },
            {
                "@type": ["Article", "BlogPosting"],
                "headline": "Growing Tomatoes",
                "author": {"@id": "https://w.example/#/person/1"},
                "publisher": {"@id": "https://w.example/#org"},
                "datePublished": "2023-07-01",
                "keywords": ["tomatoes", "summer"],
            },
            {"@type": "Person", "@id": "https://w.example/#/person/1", "name": "Jo Berg"},
            {"@type": "Organization", "@id": "https://w.example/#org", "name": "Garden Notes"},
        ],
    }
    meta = meta_of(ld(graph))
    assert meta.author == "Jo Berg"
    assert meta.sitename == "Garden Notes"
    assert meta.title == "Growing Tomatoes"
    assert meta.language == "de"
    assert meta.url == "https://w.example/tomatoes/"
    assert meta.tags == ("tomatoes", "summer")


def test_jsonld_author_list_and_string_variants() -> None:
    authors = [
        {"@type": "Person", "name": "Ana Ruiz"},
        "Ben Ode",
        {"givenName": "C", "familyName": "Dee"},
    ]
    meta = meta_of(ld({"@type": "BlogPosting", "headline": "x", "author": authors}))
    assert meta.author == "Ana Ruiz; Ben Ode; C Dee"
    meta = meta_of(ld({"@type": "Article", "author": "By Ana Ruiz"}))
    assert meta.author == "Ana Ruiz"


def test_jsonld_html_entities_are_decoded() -> None:
    meta = meta_of(ld({"@type": "Article", "headline": "Tom &amp; Jerry&#8217;s Day"}))
    assert meta.title == "Tom & Jerry’s Day"


def test_jsonld_array_at_top_level_and_prefixed_types() -> None:
    value = [
        {"@type": "schema:WebSite", "name": "Site"},
        {"@type": "http://schema.org/Article", "headline": "Prefixed"},
    ]
    meta = meta_of(ld(value))
    assert (meta.title, meta.sitename) == ("Prefixed", "Site")


@pytest.mark.parametrize(
    "script",
    [
        '{"@type": "Article", "headline": "Oops",',  # truncated
        "not json at all {{{",
        "[" * 5000 + "]" * 5000,  # nested past the recursion limit
        "",
        '{"@type": "Article", "author": 12, "datePublished": ["x"], "keywords": {"a": 1}}',
        '{"@graph": "not a list", "@type": null}',
    ],
)
def test_broken_jsonld_never_raises_and_other_sources_still_count(script: str) -> None:
    head = (
        f'<script type="application/ld+json">{script}</script>'
        '<meta property="og:title" content="From OpenGraph">'
        '<meta name="author" content="Lee Fox">'
    )
    meta = meta_of(head)
    assert meta.title in ("From OpenGraph", "Oops")
    assert meta.author == "Lee Fox"


def test_lenient_jsonld_trailing_comma_and_cdata() -> None:
    script = '//<![CDATA[\n{"@type": "Article", "headline": "Lenient", "author": "Kim Roe",}\n//]]>'
    meta = meta_of(f'<script type="application/ld+json">{script}</script>')
    assert (meta.title, meta.author) == ("Lenient", "Kim Roe")


# ---------------------------------------------------------------------- OpenGraph


def test_opengraph_and_article_properties() -> None:
    head = (
        '<meta property="og:title" content="Night Trains Return">'
        '<meta property="og:site_name" content="Rail Weekly">'
        '<meta property="og:url" content="https://rail.example/night-trains">'
        '<meta property="article:published_time" content="2022-11-30T21:15:00Z">'
        '<meta property="article:author" content="https://facebook.example/railweekly">'
        '<meta name="author" content="Posted by Sam Okafor">'
        '<meta property="article:tag" content="trains">'
        '<meta property="article:tag" content="Europe">'
        '<meta property="og:description" content="Sleeper services are back.">'
    )
    meta = meta_of(head)
    assert meta.title == "Night Trains Return"
    assert meta.sitename == "Rail Weekly"
    assert meta.url == "https://rail.example/night-trains"
    assert meta.date == "2022-11-30"
    assert meta.author == "Sam Okafor"  # the article:author URL is not a name
    assert meta.tags == ("trains", "Europe")
    assert meta.description == "Sleeper services are back."


def test_citation_and_dublin_core_meta() -> None:
    head = (
        '<meta name="citation_title" content="On Moss Growth">'
        '<meta name="citation_author" content="Lind, Anna">'
        '<meta name="citation_author" content="Berg, Olle">'
        '<meta name="citation_publication_date" content="2019/03/07">'
        '<meta name="DC.language" content="sv">'
        '<meta name="citation_keywords" content="moss; ecology">'
    )
    meta = meta_of(head)
    assert meta.title == "On Moss Growth"
    assert meta.author == "Anna Lind; Olle Berg"  # citation style "Last, First" flipped
    assert meta.date == "2019-03-07"
    assert meta.language == "sv"
    assert meta.tags == ("moss", "ecology")


def test_meta_keywords_and_date_names() -> None:
    meta = meta_of(
        '<meta name="keywords" content="a, b, , A, c">'
        '<meta name="date" content="14.02.2021">'
        '<meta name="description" content="  spaced   out  ">'
    )
    assert meta.tags == ("a", "b", "c")
    assert meta.date == "2021-02-14"
    assert meta.description == "spaced out"


# ----------------------------------------------------------------------- markup


def test_title_suffix_matching_site_name_is_removed() -> None:
    head = (
        "<title>Five Easy Soups | The Kitchen Table</title>"
        '<meta property="og:site_name" content="The Kitchen Table">'
    )
    assert meta_of(head).title == "Five Easy Soups"


def test_title_prefix_matching_host_is_removed() -> None:
    meta = meta_of(
        "<title>Soupblog - Five Easy Soups</title>", url="https://www.soupblog.example/x"
    )
    assert meta.title == "Five Easy Soups"


def test_title_separator_without_site_match_is_kept() -> None:
    assert meta_of("<title>Cats - The Musical</title>").title == "Cats - The Musical"


def test_h1_is_the_last_resort_title() -> None:
    assert meta_of("", "<h1> Only  a heading </h1><p>x</p>").title == "Only a heading"


def test_svg_title_in_body_is_not_the_page_title() -> None:
    meta = meta_of("<title>Real Title</title>", "<svg><title>icon</title></svg>")
    assert meta.title == "Real Title"


def test_html_lang_time_and_byline_markup() -> None:
    body = (
        '<article><p class="byline">By <a rel="author" href="/a">Iris Moe</a></p>'
        '<time datetime="2020-05-06T10:00">May 6</time><p>text</p></article>'
    )
    meta = meta_of("", body, lang="pt-BR")
    assert meta.language == "pt"
    assert meta.date == "2020-05-06"
    assert meta.author == "Iris Moe"


def test_canonical_is_resolved_against_the_page_url() -> None:
    head = '<link rel="canonical" href="/news/item-7#top">'
    meta = meta_of(head, url="https://news.example/a/b?c=1")
    assert meta.url == "https://news.example/news/item-7"


def test_unusable_canonical_falls_back_to_og_url() -> None:
    head = (
        '<link rel="canonical" href="javascript:void(0)">'
        '<meta property="og:url" content="https://ok.example/page">'
    )
    assert meta_of(head, url="https://ok.example/other").url == "https://ok.example/page"


def test_relative_canonical_without_page_url_is_dropped() -> None:
    assert meta_of('<link rel="canonical" href="/x">').url is None


def test_empty_page_gives_empty_metadata() -> None:
    assert extract_metadata(LexborHTMLParser(""), None) == Metadata()


# ---------------------------------------------------------------------- normalizers


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-10-14T09:21:37+00:00", "2025-10-14"),
        ("2025-10-14", "2025-10-14"),
        ("2025/1/4", "2025-01-04"),
        ("20251014", "2025-10-14"),
        ("14.10.2025", "2025-10-14"),
        ("10/14/2025", "2025-10-14"),
        ("14/10/2025", "2025-10-14"),
        ("October 14, 2025", "2025-10-14"),
        ("Oct. 14th, 2025", "2025-10-14"),
        ("14 October 2025", "2025-10-14"),
        ("Tue, 14 Oct 2025 09:21:37 GMT", "2025-10-14"),
        ("Updated: Tuesday, 14 October 2025", "2025-10-14"),
        ("14. Oktober 2025", "2025-10-14"),
        ("3. März 2024", "2024-03-03"),
        ("1er août 2024", "2024-08-01"),
        ("14 de octubre de 2025", "2025-10-14"),
        ("14 ottobre 2025", "2025-10-14"),
        ("14 de outubro de 2025", "2025-10-14"),
        ("14 december 2025", "2025-12-14"),
        ("14 Smarch 2025", None),
        ("2026年2月2日 佐藤", "2026-02-02"),
        ("2025년 10월 14일", "2025-10-14"),
        ("03/04/2025", "2025-04-03"),  # day first unless the page is US English
        ("2025-02-30", None),
        ("1066-10-14", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (20251014, None),
    ],
)
def test_normalize_date(raw: Any, expected: str | None) -> None:
    assert normalize_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["By Jane Doe"], "Jane Doe"),
        (["Posted by Jane Doe"], "Jane Doe"),
        (["Written by: Jane Doe"], "Jane Doe"),
        (["Author: Jane Doe"], "Jane Doe"),
        (["Jane Doe and John Roe"], "Jane Doe; John Roe"),
        (["Jane Doe, John Roe"], "Jane Doe; John Roe"),
        (["Doe, Jane"], "Doe, Jane"),
        (["Jane Doe | March 3, 2021"], "Jane Doe"),
        (["Jane Doe, 2021-03-03"], "Jane Doe"),
        (["Analysis by Jane Doe; CNN Editor-at-large"], "Jane Doe"),
        (["Jane Doe, AP Auto Writer"], "Jane Doe"),
        (["Staff Writer"], "Staff Writer"),
        (["Jane Doe", "jane doe", "John Roe"], "Jane Doe; John Roe"),
        (["https://social.example/jane"], None),
        (["jane@mail.example"], None),
        (["x" * 500], None),
        ([None, 3, ""], None),
    ],
)
def test_clean_author(raw: list[Any], expected: str | None) -> None:
    assert clean_author(raw) == expected


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Soups – Kitchen", "Kitchen", "Soups"),
        ("Soups — Part 2 | Kitchen", "kitchen", "Soups — Part 2"),
        ("KITCHEN :: Soups", "Kitchen", "Soups"),
        ("Soups | Not the site", "Kitchen", "Soups | Not the site"),
        ("Kitchen", "Kitchen", "Kitchen"),
        ("Soups-and-Stews", "Stews", "Soups-and-Stews"),
    ],
)
def test_clean_title(title: str, site: str, expected: str) -> None:
    assert clean_title(title, site) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("en-US", "en"), ("EN", "en"), ("zh_Hant_TW", "zh"), ("fil", "fil"), ("en, fr", "en"),
     ("english", None), ("", None), (None, None), ("x-klingon", None)],
)  # fmt: skip
def test_normalize_language(raw: str | None, expected: str | None) -> None:
    assert normalize_language(raw) == expected


def test_site_name_that_is_a_url_is_passed_over() -> None:
    head = (
        '<meta property="og:site_name" content="https://www.pier.example">'
        '<meta name="application-name" content="Pier News">'
    )
    assert meta_of(head).sitename == "Pier News"


def test_junk_tags_are_dropped() -> None:
    head = '<meta name="keywords" content="@post-id:17, &quot;, harbour, ' + "x" * 80 + '">'
    assert meta_of(head).tags == ("harbour",)


def test_markup_only_page_gives_every_field() -> None:
    body = (
        '<h1>Ten Ways to Fold a Map</h1><div class="byline">By Ada Stone</div>'
        '<time class="published" datetime="2021-06-02T07:00:00+02:00">2 June</time><p>text</p>'
    )
    head = "<title>Ten Ways to Fold a Map &#8211; Paper Routes</title>"
    meta = meta_of(head, body, lang="en-GB")
    assert meta.title == "Ten Ways to Fold a Map"
    assert meta.sitename == "Paper Routes"
    assert meta.author == "Ada Stone"
    assert meta.date == "2021-06-02"
    assert meta.language == "en"


@pytest.mark.parametrize(
    ("title", "heading", "host", "expected"),
    [
        ("Fold a Map – Paper Routes", "Fold a Map", None, "Paper Routes"),
        ("Paper Routes | Fold a Map", None, "www.paperroutes.example", "Paper Routes"),
        ("Paper Routes | Fold a Map", "Fold a Map", None, None),  # a site-logo <h1> is common
        ("List of Maps - Wikipedia", None, "en.wikipedia.org", "Wikipedia"),
        ("Fold a Map - paperroutes.example", None, "paperroutes.example", "paperroutes.example"),
        ("Fold a Map – Paper Routes", "Something else", None, None),
        ("No separator here", "No separator here", None, None),
    ],
)
def test_site_from_title(
    title: str, heading: str | None, host: str | None, expected: str | None
) -> None:
    assert site_from_title(title, heading, host) == expected


def test_dateline_after_the_heading_is_a_date_source() -> None:
    body = (
        '<div class="top-date">Monday, 7 April 2031</div>'  # the site's "today" widget
        '<div class="story"><h1>Ferry Timetable Changes</h1>'
        '<p class="dateline">2026-03-05 &middot; Tomas Reyes</p><p>text</p></div>'
    )
    assert meta_of("", body).date == "2026-03-05"


def test_date_widget_before_the_heading_is_ignored() -> None:
    body = '<div class="date">Monday, 7 April 2031</div><h1>Ferry Timetable</h1><p>text</p>'
    assert meta_of("", body).date is None
