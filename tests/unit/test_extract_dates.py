"""Dates parsed from values and found in text (thresher.extract.dates)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from thresher.extract.dates import (
    day_order,
    find_dates,
    label_kind,
    parse_date,
    parse_fetch_date,
    url_date,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2005-03-21", "2005-03-21"),
        ("2005-03-21T23:40:00-08:00", "2005-03-21"),  # as written, no time-zone shift
        ("2005/3/21 10:23", "2005-03-21"),
        ("2005.03.21", "2005-03-21"),
        ("2005. 3. 21. 오후 3:12", "2005-03-21"),
        ("20050321", "2005-03-21"),
        ("21.03.2005, 10:23 Uhr", "2005-03-21"),
        ("21/03/2005", "2005-03-21"),
        ("21 mars 2005", "2005-03-21"),
        ("1er octobre 2018", "2018-10-01"),
        ("21. März 2005", "2005-03-21"),
        ("21 марта 2005 г.", "2005-03-21"),
        ("21 de marzo de 2005", "2005-03-21"),
        ("21 de março de 2005", "2005-03-21"),
        ("21 marzo 2005", "2005-03-21"),
        ("21 maart 2005", "2005-03-21"),
        ("21 marca 2005", "2005-03-21"),
        ("21 Mart 2005 Pazartesi", "2005-03-21"),
        ("21 مارس 2005", "2005-03-21"),
        ("3 كانون الثاني 2024", "2024-01-03"),
        ("March 21, 2005", "2005-03-21"),
        ("Mar. 21st 2005", "2005-03-21"),
        ("2005 Mar 21", "2005-03-21"),
        ("2005年3月21日 下午 03:12", "2005-03-21"),
        ("２００５年３月２１日", "2005-03-21"),  # full-width digits
        ("2005년 3월 21일", "2005-03-21"),
        ("令和5年4月12日", "2023-04-12"),
        ("平成30年4月1日", "2018-04-01"),
        ("令和元年5月1日", "2019-05-01"),
        ("Tue, 14 Oct 2025 09:21:37 GMT", "2025-10-14"),
        ("14 Smarch 2025", None),  # not a month
        ("2025-02-30", None),  # not a day
        ("1066-10-14", None),
        ("3 hours ago", None),  # relative: only find_dates, with a fetch date
        ("x" * 200 + " 2005-03-21", None),  # prose, not a date value
        (None, None),
        (20050321, None),
    ],
)
def test_parse_date(raw: Any, expected: str | None) -> None:
    found = parse_date(raw)
    assert (found.isoformat() if found else None) == expected


def test_numeric_dates_read_in_the_page_order_and_fall_back_when_invalid() -> None:
    assert parse_date("03/04/2024", "mdy") == date(2024, 3, 4)
    assert parse_date("03/04/2024", "dmy") == date(2024, 4, 3)
    assert parse_date("03/21/2024", "dmy") == date(2024, 3, 21)  # only valid month first
    assert parse_date("21/03/2024", "mdy") == date(2024, 3, 21)
    assert parse_date("03.04.2024", "mdy") == date(2024, 4, 3)  # dotted: always day first


@pytest.mark.parametrize(
    ("language", "host", "expected"),
    [
        ("en-US", None, "mdy"),
        ("en_us", None, "mdy"),
        ("en-GB", None, "dmy"),
        ("en-IN", None, "dmy"),
        ("en", "www.council.example.gov.uk", "dmy"),
        ("en", "news.example.com", "mdy"),
        (None, "news.example.com", "mdy"),
        (None, "zeitung.example.de", "dmy"),
        ("fr-CA", None, "dmy"),
        ("zh", "example.com", "dmy"),
    ],
)
def test_day_order(language: str | None, host: str | None, expected: str) -> None:
    assert day_order(language, host) == expected


def _found(text: str, fetched: datetime | None = None, order: Any = "dmy") -> list[tuple[str, str]]:
    return [(d.value.isoformat(), d.kind) for d in find_dates(text, order, fetched)]


def test_find_dates_reads_labels_before_each_date() -> None:
    text = "Publié le 21/03/2025 à 10h23, mis à jour le 22/03/2025 à 08h05"
    assert _found(text) == [("2025-03-21", "published"), ("2025-03-22", "updated")]
    text = "입력 2025.03.21 10:23 수정 2025.03.22 08:05"
    assert _found(text) == [("2025-03-21", "published"), ("2025-03-22", "updated")]
    assert _found("发布时间：2013-05-08　来源：市政府") == [("2013-05-08", "published")]
    assert _found("更新日 令和5年4月12日") == [("2023-04-12", "updated")]


def test_join_dates_and_today_widgets_are_other_dates() -> None:
    assert _found("Posts: 12 Joined: Mon Jul 24, 2017 1:01 am", order="mdy") == [
        ("2017-07-24", "other")
    ]
    assert _found("注册时间 2009-12-25") == [("2009-12-25", "other")]
    assert _found("今天是2005年3月25日 星期五") == [("2005-03-25", "other")]


def test_a_label_must_be_a_word_of_its_own() -> None:
    assert _found("a mandate 2024-01-01") == [("2024-01-01", "plain")]
    assert label_kind("Last update: 2024-01-01", len("Last update: ")) == "updated"


def test_every_date_of_a_text_is_found_even_next_to_a_non_month_word() -> None:
    # "23 수정 2025" looks like day-word-year; the date after it must still be found
    assert _found("2025.03.21 10:23 수정 2025.03.22") == [
        ("2025-03-21", "plain"),
        ("2025-03-22", "updated"),
    ]
    assert _found("2005-03-21 2005-03-22") == [("2005-03-21", "plain"), ("2005-03-22", "plain")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 hours ago", "2026-03-08"),
        ("an hour ago", "2026-03-08"),
        ("2 days ago", "2026-03-06"),
        ("vor 3 Stunden", "2026-03-08"),
        ("vor 2 Tagen", "2026-03-06"),
        ("il y a 4 heures", "2026-03-08"),
        ("hace 2 horas", "2026-03-08"),
        ("há 2 dias", "2026-03-06"),
        ("3 ore fa", "2026-03-08"),
        ("3 uur geleden", "2026-03-08"),
        ("5 часов назад", "2026-03-08"),
        ("2 godziny temu", "2026-03-08"),
        ("1 hafta önce", "2026-03-01"),
        ("3小时前", "2026-03-08"),
        ("2天前", "2026-03-06"),
        ("5時間前", "2026-03-08"),
        ("3시간 전", "2026-03-08"),
        ("منذ 3 ساعات", "2026-03-08"),
        ("yesterday", "2026-03-07"),
        ("gestern, 10:00", "2026-03-07"),
        ("23 hours ago", "2026-03-07"),  # fetched at 22:30: 23 hours back is the day before
    ],
)
def test_relative_dates_are_read_against_the_fetch_date(text: str, expected: str) -> None:
    fetched = datetime(2026, 3, 8, 22, 30)
    found = list(find_dates(text, "dmy", fetched))
    assert [d.value.isoformat() for d in found] == [expected]
    assert found[0].relative


def test_relative_dates_need_a_fetch_date_and_day_words_a_short_line() -> None:
    assert _found("3 hours ago") == []
    fetched = datetime(2026, 3, 8, 12)
    sentence = "Yesterday the council met for the first time since the summer recess."
    assert _found(sentence, fetched) == []


def test_dates_after_the_fetch_date_are_not_found() -> None:
    fetched = datetime(2025, 3, 21, 12)
    text = "21.03.2025 · law in force from 01.08.2026 · 22.03.2025"
    assert _found(text, fetched) == [("2025-03-21", "plain"), ("2025-03-22", "plain")]


def test_parse_fetch_date() -> None:
    assert parse_fetch_date("2026-03-01T12:00:00Z") == datetime(2026, 3, 1, 12)
    assert parse_fetch_date("2026-03-01") == datetime(2026, 3, 1)
    assert parse_fetch_date(date(2026, 3, 1)) == datetime(2026, 3, 1)
    assert parse_fetch_date("Sun, 01 Mar 2026 12:00:00 GMT") == datetime(2026, 3, 1)
    assert parse_fetch_date("soon") is None
    assert parse_fetch_date(None) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/2012/03/21/story-slug/", "2012-03-21"),
        ("https://news.example/politics/2012-03-21/story", "2012-03-21"),
        ("http://news.example.cn/a/20141126/42575000_0.shtml", "2014-11-26"),
        ("https://news.example/2012/3/21/story", "2012-03-21"),
        ("https://blog.example/2012/03/story", None),  # no day
        ("https://shop.example/item/20121399", None),  # not a date
        ("https://news.example/story?date=2012-03-21", None),  # query, not path
        ("https://2012.example/03/21/", None),  # host, not path
        (None, None),
    ],
)
def test_url_date(url: str | None, expected: str | None) -> None:
    found = url_date(url)
    assert (found.isoformat() if found else None) == expected
