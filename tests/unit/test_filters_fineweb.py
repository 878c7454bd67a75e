"""FineWeb quality rules: each drop reason reached, unspaced scripts not penalized."""

from __future__ import annotations

from pathlib import Path

import pytest

from thresher.filters.fineweb import FineWebQualityConfig, FineWebQualityFilter, fineweb_quality
from thresher.registry import get_step

DATA = Path(__file__).resolve().parents[1] / "data"
ENGLISH = (DATA / "prose-english-clean.txt").read_text(encoding="utf-8")
LINES = ENGLISH.splitlines()

CASES: list[tuple[str, FineWebQualityConfig | None, str]] = [
    ("  \n\n \t\n", None, "empty"),
    ("\n".join(line.rstrip(".") for line in LINES), None, "line_punct_ratio"),
    (ENGLISH + "Home.\nNews.\nSports.\nWeather.\nContact.\n" * 4, None, "short_line_ratio"),
    (ENGLISH + LINES[0] + "\n", None, "char_dup_ratio"),
    (
        "\n".join(f"{w} {w} {w}." for w in ("alpha", "beta", "gamma", "delta", "epsilon"))
        + "\n" * 3,
        FineWebQualityConfig(max_short_line_ratio=None),
        "list_ratio",
    ),
]


def test_every_declared_reason_has_a_case() -> None:
    assert {expected for _, _, expected in CASES} == FineWebQualityFilter.reasons


@pytest.mark.parametrize(("text", "config", "expected"), CASES)
def test_each_reason_is_reached(
    text: str, config: FineWebQualityConfig | None, expected: str
) -> None:
    found = fineweb_quality(text, config)
    assert found is not None and found.reason == expected


def test_values_and_thresholds_are_reported() -> None:
    found = fineweb_quality("\n".join(line.rstrip(".") for line in LINES))
    assert found is not None
    assert (found.value, found.threshold) == (0.0, 0.12)


def test_exclude_zero_keeps_unpunctuated_documents() -> None:
    text = "\n".join(line.rstrip(".") for line in LINES)
    assert fineweb_quality(text, FineWebQualityConfig(line_punct_exclude_zero=True)) is None


@pytest.mark.parametrize(
    "name", ["prose-english-clean.txt", "prose-chinese-clean.txt", "prose-thai-clean.txt"]
)
def test_clean_prose_passes_in_any_script(name: str) -> None:
    assert fineweb_quality((DATA / name).read_text(encoding="utf-8")) is None


def test_registered_under_its_name() -> None:
    assert get_step("fineweb_quality") is FineWebQualityFilter
