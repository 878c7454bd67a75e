"""Who a page's author is (thresher.extract.authors)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from thresher.extract.metadata import extract_metadata

TEXT = "<p>" + "A sentence of the article, with enough words to read. " * 12 + "</p>"


def author_of(body: str, head: str = "", url: str | None = None, lang: str = "en") -> str | None:
    page = f'<html lang="{lang}"><head>{head}</head><body>{body}</body></html>'
    return extract_metadata(LexborHTMLParser(page), url).author


def ld(value: Any) -> str:
    return f'<script type="application/ld+json">{json.dumps(value)}</script>'


def test_a_person_in_json_ld_comes_first() -> None:
    people = [
        {"@type": "Person", "name": "Sofía Giménez"},
        {"@type": "Person", "name": "Martín Acosta"},
    ]
    head = ld({"@type": "NewsArticle", "author": people})
    body = "<h1>Teatro</h1><p class='firma'>Por Otra Persona</p>"
    assert author_of(body, head, lang="es") == "Sofía Giménez; Martín Acosta"


def test_an_organization_author_gives_way_to_the_byline() -> None:
    head = ld(
        {
            "@graph": [
                {"@type": "Organization", "@id": "#org", "name": "Green Thumb Guide"},
                {"@type": "Article", "author": {"@id": "#org"}, "headline": "Repotting"},
            ]
        }
    )
    body = "<h1>Repotting</h1><div><span class='writer'>Written by Dana Whitfield</span></div>"
    assert author_of(body, head) == "Dana Whitfield"
    assert author_of("<h1>Repotting</h1>" + TEXT, head) == "Green Thumb Guide"  # nothing else


def test_a_meta_author_that_is_the_site_gives_way_to_the_byline() -> None:
    head = (
        "<title>State parks waive fees - Valley Herald</title>"
        '<meta name="author" content="Valley Herald">'
    )
    body = (
        "<h1>State parks waive fees</h1>"
        "<p>By <a href='/staff/marcus-lee/'>Marcus Lee</a> and 2 others</p>"
    )
    assert author_of(body, head) == "Marcus Lee"


def test_a_chinese_meta_author_naming_the_portal_gives_way_to_the_reporter() -> None:
    head = "<title>多地出台措施鼓励返乡创业_资讯频道_凤凰网</title>"
    head += "<meta name='author' content='凤凰网'>"
    body = (
        "<h1>多地出台措施鼓励返乡创业</h1><p>2014年11月26日 07:12 经济日报</p>"
        "<p>　　记者 钱晓峰 　近年来，越来越多在外务工人员选择回乡创业。</p>"
    )
    assert author_of(body, head, lang="zh") == "钱晓峰"


def test_a_user_handle_in_meta_gives_way_to_the_written_name() -> None:
    head = '<meta name="author" content="andrew.keaveney">'
    body = "<h1>Meditation guide</h1><div class='author-box'>Denise Everheart</div>" + TEXT
    assert author_of(body, head) == "Denise Everheart"
    assert author_of("<h1>Meditation guide</h1>" + TEXT, head) == "andrew.keaveney"


def test_the_twitter_card_written_by_pair() -> None:
    head = '<meta name="twitter:label1" content="Written by">'
    head += '<meta name="twitter:data1" content="Tyler Brown">'
    assert author_of("<h1>Movers</h1>" + TEXT, head) == "Tyler Brown"


def test_citation_authors_are_written_first_name_first() -> None:
    head = '<meta name="citation_author" content="Berger, Emery D.">'
    assert author_of("<h1>Paper</h1>", head) == "Emery D. Berger"


BYLINES = [
    ("de", "<h1>Schulgesetz</h1><div>Von Anna Schmidt | 21.03.2025, 10:23</div>", "Anna Schmidt"),
    ("fr", "<h1>Loyers</h1><p>Par <strong>Marie Dupont</strong></p>", "Marie Dupont"),
    ("it", "<h1>Maltempo</h1><p>di Marco Rossi — 21 marzo 2025</p>", "Marco Rossi"),
    ("nl", "<h1>Woningen</h1><div>Door Jan de Vries · 21 maart 2025</div>", "Jan de Vries"),
    ("pl", "<h1>Tramwaj</h1><div>12 listopada 2024 Autor: Jan Kowalski</div>", "Jan Kowalski"),
    ("ar", "<h1>مكتبة</h1><div>بقلم: أحمد المصري 21 مارس 2025</div>", "أحمد المصري"),
    ("zh", "<h1>胡同改造</h1><div>2006年7月5日</div><p>文/张伟</p>", "张伟"),
    ("zh", "<h1>非洲之角</h1><p>新华网9月1日电（记者 刘洋 赵敏）联合国副秘书长</p>", "刘洋; 赵敏"),
    ("ko", "<h1>공원</h1><div>김철수 기자</div>", "김철수"),
    ("ja", "<h1>ノートPC</h1><div>文：佐藤 健一 5時間前</div>", "佐藤 健一"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "body", "expected"), BYLINES)
def test_bylines_in_several_languages_next_to_the_headline(
    lang: str, body: str, expected: str
) -> None:
    assert author_of(body + TEXT, lang=lang) == expected


def test_the_thread_starter_is_a_forum_page_author() -> None:
    body = (
        "<h1>Sourdough starter smells of acetone</h1>"
        "<article><div class='message-user'><a class='username' href='/members/breadnewbie.4/'>"
        "breadnewbie</a><dl><dt>Joined</dt><dd>Dec 28, 2020</dd><dt>Messages</dt><dd>12</dd>"
        "</dl></div><div>My starter smells like acetone.</div></article>"
        "<article><a class='username' href='/members/oldbaker.1/'>oldbaker</a></article>"
    )
    assert author_of(body) == "breadnewbie"


def test_interface_text_in_a_byline_element_is_not_a_name() -> None:
    body = (
        "<h1>Title here</h1><div class='author-bio'>View more posts</div>"
        "<p class='byline'>By Damien Walter</p>" + TEXT
    )
    assert author_of(body) == "Damien Walter"


def test_a_sentence_with_by_in_the_article_is_not_a_byline() -> None:
    body = "<h1>Pest control</h1><p>Pests are kept away by using flowers and herbs nearby.</p>"
    assert author_of(body) is None
