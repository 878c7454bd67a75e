"""Author names cleaned from raw values and found in byline text (thresher.extract.names)."""

from __future__ import annotations

from typing import Any

import pytest

from thresher.extract.names import (
    byline_names,
    clean_author,
    flip_last_first,
    looks_like_handle,
    looks_like_prose,
)


@pytest.mark.parametrize(
    ("raw", "language", "expected"),
    [
        (["Von Anna Schmidt"], "de", "Anna Schmidt"),
        (["Par Marie Dupont"], "fr", "Marie Dupont"),
        (["Por Juan Pérez"], "es", "Juan Pérez"),
        (["di Marco Rossi"], "it", "Marco Rossi"),
        (["Di Maria Rossi"], "it", "Di Maria Rossi"),  # a surname, not "by"
        (["Door Jan de Vries"], "nl", "Jan de Vries"),
        (["Автор: Иван Петров"], "ru", "Иван Петров"),
        (["Text: Thomas Gruber"], "de", "Thomas Gruber"),
        (["بقلم: أحمد المصري"], "ar", "أحمد المصري"),
        (["作者：王磊"], "zh", "王磊"),
        (["文/张伟"], "zh", "张伟"),
        (["（记者 刘洋 赵敏）"], "zh", "刘洋; 赵敏"),
        (["本站记者 周海涛"], "zh", "周海涛"),
        (["記者李明／台北報導"], "zh", "李明"),
        (["（経済部　田中 太郎）"], "ja", "田中 太郎"),  # a Japanese name keeps its space
        (["김철수 기자"], "ko", "김철수"),
        (["By Emily Carter and Tom Nguyen, Staff Writers"], "en", "Emily Carter; Tom Nguyen"),
        (["By Marcus Lee and 2 others"], "en", "Marcus Lee"),
        (["Shelby Loos, DVM . Reviewed by Molly Price, DVM"], "en", "Shelby Loos, DVM"),
        (["Мария Соколова. Фото: Дмитрий Орлов"], "ru", "Мария Соколова"),
        (["amondale (Amondale)"], "en", "amondale"),
        (["drat 1,655 1 1 gold badge 14 silver badges"], "en", None),  # interface text
        (["drat 1,655 17"], "en", "drat"),  # a reputation count after the name
        (["JosephF J"], "en", "JosephF"),  # an avatar's initial
        (["View more posts"], "en", None),
        (["J Offline JonB wrote on last edited by #1"], "en", None),
        (["using flowers and herbs around our gardens."], "en", None),  # a sentence
        (["Riverside Courier Staff"], "en", "Riverside Courier Staff"),  # a role, kept alone
        (["Staff", "Jane Doe"], "en", "Jane Doe"),  # a person beats a placeholder
        (["Topic Author"], "en", "Topic Author"),
    ],
)
def test_clean_author(raw: list[Any], language: str | None, expected: str | None) -> None:
    assert clean_author(raw, language) == expected


def test_one_letter_conjunctions_split_only_in_lower_case() -> None:
    assert clean_author(["Mario Rossi e Luca Bianchi"], "it") == "Mario Rossi; Luca Bianchi"
    assert clean_author(["John E. Smith"], "en") == "John E. Smith"
    assert clean_author(["Mary I. Jones and Bob Y. Lee"], "en") == "Mary I. Jones; Bob Y. Lee"
    assert clean_author(["By JANE DOE AND JOHN ROE"], "en") == "JANE DOE; JOHN ROE"


def test_chinese_names_split_on_spaces_only_in_chinese() -> None:
    assert clean_author(["刘洋 赵敏"], "zh") == "刘洋; 赵敏"
    assert clean_author(["刘洋 赵敏"], "ja") == "刘洋 赵敏"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Berger, Emery D.", "Emery D. Berger"),
        ("Lind, Anna", "Anna Lind"),
        ("Anna Lind, PhD, MD", "Anna Lind, PhD, MD"),  # two commas: not "Last, First"
        ("Anna Lind, PhD", "Anna Lind, PhD"),  # the second part is all capitals
        ("lind, anna", "lind, anna"),
    ],
)
def test_flip_last_first(value: str, expected: str) -> None:
    assert flip_last_first(value) == expected


def test_handles_and_prose() -> None:
    assert looks_like_handle("andrew.keaveney")
    assert looks_like_handle("jdoe_7")
    assert not looks_like_handle("Andrew Keaveney")
    assert not looks_like_handle("hayley")
    assert looks_like_prose("herbs around our gardens.")
    assert looks_like_prose("one two three four five six")
    assert not looks_like_prose("Jan de Vries")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Updated 3 March\nBy Jane Doe | 5 min read", None, "Jane Doe"),
        ("Von Lukas Brandt und Miriam Yilmaz · vor 3 Std.", "de", "Lukas Brandt und Miriam Yilmaz"),
        ("Posté par Camille Martin le 1er octobre 2018 dans Desserts", "fr", "Camille Martin"),
        ("Escrito por Lucía Hernández el 14/08/2017", "es", "Lucía Hernández"),
        ("Autor: Jan Kowalski\nW poniedziałek otwarto", "pl", "Jan Kowalski"),
        ("新华网联合国9月1日电（记者 刘洋 赵敏）联合国副秘书长", "zh", "刘洋 赵敏"),
        ("记者 钱晓峰 　近年来，越来越多在外务工人员", "zh", "钱晓峰"),
        ("作者：本站记者 周海涛　　发布日期：2004-10-18", "zh", "本站记者 周海涛"),
        ("文：佐藤 健一 5時間前", "ja", "佐藤 健一"),
        ("김철수 기자 cskim@hanbit.example", "ko", "김철수"),
        ("Maybe the standby mode is the problem", None, None),  # "by" inside words
        ("Nothing to see here", None, None),
    ],
)
def test_byline_names(text: str, language: str | None, expected: str | None) -> None:
    assert byline_names(text, language) == expected
