"""Gopher quality rules: each drop reason reached, unspaced scripts counted fairly."""

from __future__ import annotations

from pathlib import Path

import pytest

from thresher.document import Document, Provenance
from thresher.filters.gopher import GopherQualityConfig, GopherQualityFilter, gopher_quality
from thresher.registry import get_step
from thresher.step import Drop

DATA = Path(__file__).resolve().parents[1] / "data"
ENGLISH = (DATA / "prose-english-clean.txt").read_text(encoding="utf-8")
LINES = ENGLISH.splitlines()
NO_STOP_WORDS = " ".join(
    ["Westmere harbour market builders timber windows mackerel bread cheese farms"] * 6
)


def reason(
    text: str, config: GopherQualityConfig | None = None, language: str | None = None
) -> str | None:
    found = gopher_quality(text, config, language)
    return None if found is None else found.reason


def test_clean_prose_passes() -> None:
    assert gopher_quality(ENGLISH) is None


CASES: list[tuple[str, GopherQualityConfig | None, str]] = [
    ("Hello there, world.", None, "too_few_words"),
    (ENGLISH, GopherQualityConfig(max_words=100), "too_many_words"),
    ("the a an to of is it on at by in up " * 10, None, "short_mean_word"),
    ("internationalisation counterrevolutionary " * 30 + "the and", None, "long_mean_word"),
    (ENGLISH + "\n" + " ".join(f"#tag{i}" for i in range(40)), None, "hash_ratio"),
    (ENGLISH.replace(" ", "... ", 40), None, "ellipsis_ratio"),
    ("\n".join(f"- {line}" for line in LINES), None, "bullet_lines"),
    (ENGLISH + "\n" + " ".join(str(i) for i in range(120)), None, "low_alpha_words"),
    (NO_STOP_WORDS, None, "few_stop_words"),
]
ELLIPSIS_LINES = "\n".join(f"{t[:-1]}…" if i % 2 else t for i, t in enumerate(LINES))
CASES.append((ELLIPSIS_LINES, None, "ellipsis_lines"))


def test_every_declared_reason_has_a_case() -> None:
    assert {expected for _, _, expected in CASES} == GopherQualityFilter.reasons


@pytest.mark.parametrize(("text", "config", "expected"), CASES)
def test_each_reason_is_reached(
    text: str, config: GopherQualityConfig | None, expected: str
) -> None:
    assert reason(text, config) == expected


def test_drop_carries_value_and_threshold() -> None:
    drop = GopherQualityFilter().process(
        Document(id="d", provenance=Provenance(source="t"), text="Too short.")
    )
    assert isinstance(drop, Drop)
    assert (drop.reason, drop.value, drop.threshold) == ("too_few_words", 2, 50)
    assert drop.reason in GopherQualityFilter.reasons


def test_disabled_rule_does_not_fire() -> None:
    config = GopherQualityConfig(min_words=None, min_stop_words=None)
    assert reason("Hello there world", config) is None


@pytest.mark.parametrize("name", ["prose-chinese-clean.txt", "prose-thai-clean.txt"])
def test_unspaced_scripts_are_not_too_few_words(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert len(text.split()) < 50  # what a whitespace word count would see
    assert gopher_quality(text) is None
    assert gopher_quality(text, language=name.split("-")[1][:2]) is None


def test_japanese_is_counted_in_word_equivalents() -> None:
    sentence = "先週の土曜日、駅前の商店街で秋祭りが開かれました。"
    assert reason(sentence) == "too_few_words"
    assert reason(sentence * 6) is None


def test_stop_words_rule_follows_the_language() -> None:
    assert reason(NO_STOP_WORDS, language="en") == "few_stop_words"
    assert reason(NO_STOP_WORDS, language="de") is None
    config = GopherQualityConfig(stop_words=("Westmere", "harbour"), stop_words_languages=("xx",))
    assert reason(NO_STOP_WORDS, config, language="xx") is None


def test_registered_under_its_name() -> None:
    assert get_step("gopher_quality") is GopherQualityFilter
