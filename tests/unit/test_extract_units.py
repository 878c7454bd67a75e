"""Prose units and word counts in every script (`thresher.extract.units`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from thresher.extract.units import dense, prose_units, word_count


def test_spaced_scripts_count_their_characters() -> None:
    assert prose_units("A plain English line.") == 21
    assert prose_units("Кирпичная башня") == 15
    assert prose_units("مكتبة متنقلة") == 12
    assert prose_units("“Curly quotes” — and a dash…") == 28


def test_unspaced_scripts_weigh_more_per_character() -> None:
    assert prose_units("天文台") == 9  # Han: three each
    assert prose_units("ホーム") == 9  # kana: three each
    assert prose_units("한국어") == 6  # Hangul: two each
    assert prose_units("ตลาดน้ำ") == 7 + 7 // 2  # Thai: one and a half, rounded down
    assert prose_units("第1回 test") == 8 + 2 * 2


def test_word_count_counts_unspaced_characters_as_words() -> None:
    assert word_count("two words") == 2
    assert word_count("天文台开放了") == 6
    assert word_count("2024年3月21日") == 6  # 2024 年 3 月 21 日
    assert word_count("한국어 문장") == 5
    assert word_count("") == 0


def test_dense() -> None:
    assert not dense("plain")
    assert not dense("naïve café – “quoted”")
    assert dense("mixed 中文")
    assert dense("ภาษาไทย")


@given(st.text(max_size=40))
def test_units_are_never_below_the_length(text: str) -> None:
    units = prose_units(text)
    assert units >= len(text)
    if not dense(text):
        assert units == len(text)
