"""Which date of a page is its publication date (thresher.extract.pubdate)."""

from __future__ import annotations

import json
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from thresher.document import Document, Provenance
from thresher.extract import extract
from thresher.extract.metadata import extract_metadata
from thresher.extract.step import ExtractStep

ARTICLE_TEXT = "<p>" + "A sentence of the article, with enough words to read. " * 12 + "</p>"


def date_of(
    body: str,
    head: str = "",
    url: str | None = None,
    fetch_date: str | None = None,
    lang: str = "en",
) -> str | None:
    page = f'<html lang="{lang}"><head>{head}</head><body>{body}</body></html>'
    return extract_metadata(LexborHTMLParser(page), url, fetch_date).date


def ld(value: Any) -> str:
    return f'<script type="application/ld+json">{json.dumps(value)}</script>'


def test_a_full_date_in_the_url_comes_first() -> None:
    head = '<meta property="article:published_time" content="2025-12-19T02:00:00Z">'
    url = "https://whatever.example/2025/12/18/comfort-watches/"
    assert date_of("<h1>x</h1>", head, url) == "2025-12-18"


def test_declared_publication_beats_modification_and_the_page() -> None:
    head = ld(
        {
            "@type": "Article",
            "datePublished": "2022-04-18T09:00:00+00:00",
            "dateModified": "2025-01-30T12:00:00+00:00",
        }
    )
    body = "<h1>Repotting</h1><p>Updated January 30, 2025</p>" + ARTICLE_TEXT
    assert date_of(body, head) == "2022-04-18"


def test_the_dateline_next_to_the_headline_beats_header_sidebar_comments_and_footer() -> None:
    body = (
        "<header><span>Today is Monday, 24 March 2025</span></header>"
        "<main><article><h1>Council approves bike lanes</h1>"
        "<p class='byline'>By Emily Carter · 21 March 2025</p>" + ARTICLE_TEXT + "</article>"
        "<section class='comments'><p>22 March 2025: great news</p></section></main>"
        "<aside><ul><li>Older story 2 March 2025</li></ul></aside>"
        "<footer>© 2025 Courier · 1 January 2025 terms</footer>"
    )
    assert date_of(body) == "2025-03-21"


def test_a_dateline_in_another_language_and_script() -> None:
    body = "<h1>ЦБ сохранил ставку</h1><div>21 марта 2025, 13:30 · Автор: Иван Петров</div>"
    assert date_of(body, lang="ru") == "2025-03-21"
    body = "<h1>北市推動老舊公寓增設電梯</h1><div>2019年5月3日 上午10:30 記者李明／台北報導</div>"
    assert date_of(body, lang="zh-Hant") == "2019-05-03"


def test_published_is_preferred_to_updated_next_to_the_headline() -> None:
    body = (
        "<h1>Wandern im Herbst</h1><p>Aktualisiert am 17. Oktober 2024</p>"
        "<p>Erstellt am 3. Oktober 2024</p>" + ARTICLE_TEXT
    )
    assert date_of(body, lang="de") == "2024-10-03"


def test_an_updated_date_is_the_fallback() -> None:
    body = "<h1>Library hours</h1><p>Last updated: 09/02/2023</p>" + ARTICLE_TEXT
    assert date_of(body, lang="en-GB") == "2023-02-09"
    head = ld({"@type": "Article", "dateModified": "2023-02-09"})
    assert date_of("<h1>x</h1>", head) == "2023-02-09"


def test_numeric_dates_follow_the_page_locale() -> None:
    body = "<h1>Bike lanes</h1><p>Posted 03/04/2024 6:15 PM</p>" + ARTICLE_TEXT
    assert date_of(body, lang="en-US") == "2024-03-04"
    assert date_of(body, lang="en-GB") == "2024-04-03"


def test_a_date_just_before_the_headline_counts_inside_its_container() -> None:
    body = (
        "<div class='date-bar'>14 September 2016</div>"
        "<div class='news-item'><div class='news-date'>7 September 2016</div>"
        "<h1>Exhibition opens</h1>" + ARTICLE_TEXT + "</div>"
    )
    assert date_of(body) == "2016-09-07"


def test_a_date_in_a_sentence_after_the_headline_is_not_a_dateline() -> None:
    body = (
        "<h1>New school law</h1><p>The parliament passed the law, which takes effect on "
        "1 August 2026 and changes class sizes in every primary school of the state.</p>"
    )
    assert date_of(body) is None


def test_join_dates_in_a_user_box_are_skipped() -> None:
    body = (
        "<h1>Which bike for commuting?</h1><div class='postprofile'>Posts: 12 "
        "Joined: Mon Jul 24, 2017</div><div class='post'>by bob » Sat Feb 24, 2024 9:01 am</div>"
    )
    assert date_of(body) == "2024-02-24"


def test_answers_microdata_dates_are_not_the_page_date() -> None:
    body = (
        "<h1>Why is except pass bad?</h1><div>Asked <time itemprop='dateCreated' "
        "datetime='2014-02-04T13:02:51'>12 years ago</time></div>"
        "<div itemscope itemtype='https://schema.org/Answer'>"
        "<time itemprop='datePublished' datetime='2019-01-21'>x</time></div>"
    )
    assert date_of(body) == "2014-02-04"


def test_relative_dates_are_read_against_the_fetch_date() -> None:
    body = "<h1>Bahnstreik</h1><div>Von Lukas Brandt · vor 3 Stunden</div>" + ARTICLE_TEXT
    assert date_of(body, fetch_date="2026-01-15T16:00:00Z", lang="de") == "2026-01-15"
    assert date_of(body, fetch_date="2026-01-15T01:00:00Z", lang="de") == "2026-01-14"
    assert date_of(body, lang="de") is None


def test_no_date_after_the_fetch_date() -> None:
    head = '<meta name="date" content="2031-01-01">'
    body = "<h1>Ferry timetable</h1><p>2026-03-05</p>" + ARTICLE_TEXT
    assert date_of(body, head, fetch_date="2026-03-06T00:00:00Z") == "2026-03-05"
    assert date_of(body, head) == "2031-01-01"  # without a fetch date, nothing to compare


def test_a_page_without_a_headline_is_read_from_its_top() -> None:
    body = (
        "<table><tr><td>首页 | 文摘 | 今天是2003年6月1日</td></tr><tr><td>"
        "<p><b>读书的意义</b></p><p>日期：2003-5-9 作者：李强</p>" + ARTICLE_TEXT
    )
    head = "<title>青年文摘网--读书意义何在</title>"
    assert date_of(body, head, lang="zh") == "2003-05-09"


def test_a_gb2312_page_through_extract() -> None:
    page = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'>"
        "<title>中国女排逆转战胜巴西队_体育_新浪网</title></head><body>"
        "<table><tr><td>今天是2005年3月25日 星期五</td></tr></table>"
        "<table><tr><td><font id='artibodyTitle'>中国女排逆转战胜巴西队</font></td></tr>"
        "<tr><td>2005年03月21日22:41 新浪体育</td></tr></table>"
        "<p>　　新浪体育讯 3月21日晚，中国女排在先失一局的情况下连扳三局。</p>"
        "<p>相关新闻：女排首战告捷 (2005/03/20 18:30)</p></body></html>"
    )
    result = extract(page.encode("gb2312"))
    assert result.encoding in ("gb2312", "gbk", "gb18030")
    assert result.date == "2005-03-21"


def test_the_extract_step_passes_the_warc_date() -> None:
    page = (
        "<html lang='en'><body><article><h1>Chipmaker unveils processor</h1>"
        "<div>By Priya Raman · 3 hours ago</div>" + ARTICLE_TEXT + "</article></body></html>"
    )
    provenance = Provenance(source="crawl.warc.gz", fetch_date="2026-07-01T15:00:00Z")
    doc = Document(id="a", provenance=provenance, html=page.encode())
    result = ExtractStep().process(doc)
    assert isinstance(result, Document)
    assert result.metadata["date"] == "2026-07-01"
    assert result.metadata["author"] == "Priya Raman"
    no_fetch_date = Document(id="b", provenance=Provenance(source="x"), html=page.encode())
    result = ExtractStep().process(no_fetch_date)
    assert isinstance(result, Document)
    assert "date" not in result.metadata


def test_an_hatom_published_abbr_next_to_the_headline() -> None:
    body = (
        "<div class='post'><h3 class='post-title'>Snow day</h3><div class='post-header'>"
        "Posted by Ann at <abbr class='published' title='2012-03-21T10:23:00-07:00'>"
        "10:23 AM</abbr></div>" + ARTICLE_TEXT + "</div>"
    )
    assert date_of(body, "<title>Ann's blog: Snow day</title>") == "2012-03-21"


def test_a_time_element_declared_as_published_without_datetime() -> None:
    body = "<h1>x</h1><time itemprop='datePublished'>21 March 2025</time>" + ARTICLE_TEXT
    assert date_of(body) == "2025-03-21"
