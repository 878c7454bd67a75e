"""C4: the c4_lines cleaner (each line rule, recorded edits) and the c4_quality page filter."""

from __future__ import annotations

from pathlib import Path

import pytest

from thresher.document import Document, Edit, Provenance
from thresher.filters.c4 import (
    C4LinesConfig,
    C4LinesMapper,
    C4QualityConfig,
    C4QualityFilter,
    c4_clean,
    c4_quality,
    compile_bad_words,
)
from thresher.registry import get_step
from thresher.step import ConfigError, Drop

DATA = Path(__file__).resolve().parents[1] / "data"
ENGLISH = (DATA / "prose-english-clean.txt").read_text(encoding="utf-8")


def doc(text: str) -> Document:
    return Document(id="d", provenance=Provenance(source="t"), text=text)


def reason(text: str, config: C4QualityConfig | None = None) -> str | None:
    found = c4_quality(text, config)
    return None if found is None else found.reason


LINE_CASES = [
    ("A word " + "x" * 1001 + " that is far too long.", "too_long_word"),
    ("Home page navigation", "no_terminal_punct"),
    ("Read more...", "no_terminal_punct"),
    ("Thanks!", "too_few_words"),
    ("Please enable JavaScript to see the comments.", "javascript"),
    ("This site uses cookies to improve your visit.", "policy"),
]


@pytest.mark.parametrize(("line", "rule"), LINE_CASES)
def test_each_line_rule_removes_and_records(line: str, rule: str) -> None:
    step = C4LinesMapper(C4LinesConfig(record_edits=True))
    result = step.process(doc(f"{ENGLISH}{line}\n"))
    assert isinstance(result, Document)
    assert result.text == ENGLISH.strip()
    assert result.edits == (Edit("c4_lines", rule, line),)


def test_citations_are_cut_and_recorded() -> None:
    cleaned, changes = c4_clean(
        "The hall was built in 1911.[1] It has a new roof.[citation needed]"
    )
    assert cleaned == "The hall was built in 1911. It has a new roof."
    assert [change.rule for change in changes] == ["citation"]


def test_edits_not_recorded_by_default() -> None:
    result = C4LinesMapper().process(doc(ENGLISH + "Home\n"))
    assert isinstance(result, Document)
    assert result.edits == ()
    assert result.text == ENGLISH.strip()


def test_clean_text_is_returned_unchanged() -> None:
    original = doc(ENGLISH.strip())
    assert C4LinesMapper().process(original) is original


PAGE_CASES = [
    (ENGLISH + "Lorem ipsum dolor sit amet, consectetur.\n", None, "lorem_ipsum"),
    (ENGLISH + "Call it as f(x) { return 1; } in the shell.\n", None, "curly_bracket"),
    ("One short sentence here.\nAnother short sentence here.\n", None, "too_few_sentences"),
]


def test_every_declared_reason_has_a_case() -> None:
    assert {r for _, _, r in PAGE_CASES} | {"bad_words"} == C4QualityFilter.reasons


@pytest.mark.parametrize(("text", "config", "expected"), PAGE_CASES)
def test_each_page_reason_is_reached(
    text: str, config: C4QualityConfig | None, expected: str
) -> None:
    assert reason(text, config) == expected


def test_bad_words_from_a_user_file(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("mackerel\n\n", encoding="utf-8")
    step = C4QualityFilter(C4QualityConfig(bad_words_path=str(words)))
    step.setup()
    drop = step.process(doc(ENGLISH))
    assert isinstance(drop, Drop) and drop.reason == "bad_words"
    assert "mackerel" in drop.detail
    assert step.process(doc(ENGLISH.replace("mackerel", "herring"))) is not None


def test_bad_words_match_whole_words_in_spaced_scripts_only() -> None:
    pattern = compile_bad_words(["ass", "坏话"])
    assert pattern is not None
    assert pattern.search("a class act") is None
    assert pattern.search("what an ass.") is not None
    assert pattern.search("他说了坏话。") is not None
    assert compile_bad_words(["", "  "]) is None


def test_missing_bad_words_file_is_a_config_error(tmp_path: Path) -> None:
    step = C4QualityFilter(C4QualityConfig(bad_words_path=str(tmp_path / "missing.txt")))
    with pytest.raises(ConfigError):
        step.setup()


def test_page_rules_only_look_at_lines_c4_keeps() -> None:
    # '{' in a menu line (no terminal punctuation) does not drop the page, as in C4.
    assert reason(ENGLISH + "Menu { Home | About }\n") is None
    # A JavaScript line with '{' is removed before the bracket rule sees it.
    assert reason(ENGLISH + "Turn on javascript for the { widgets } here.\n") is None


def test_same_decision_before_and_after_c4_lines() -> None:
    texts = [
        ENGLISH + "Lorem ipsum is here, and javascript too.\n",
        ENGLISH + "Our cookie policy uses { braces } here.\n",
        ENGLISH + "Home\nMenu\nLogin\n",
        "Short one.\nShort two.\n",
    ]
    for text in texts:
        cleaned, _ = c4_clean(text)
        assert reason(text) == reason(cleaned)


@pytest.mark.parametrize("name", ["prose-chinese-clean.txt", "prose-thai-clean.txt"])
def test_unspaced_scripts_keep_their_lines_and_sentences(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    cleaned, changes = c4_clean(text)
    assert changes == ()
    assert cleaned == text.strip()
    assert c4_quality(text) is None


def test_registered_under_their_names() -> None:
    assert get_step("c4_lines") is C4LinesMapper
    assert get_step("c4_quality") is C4QualityFilter


def test_edits_are_appended_to_earlier_ones() -> None:
    earlier = Edit("clean_lines", "menu", "Home")
    original = doc(ENGLISH + "Login\n").evolve(edits=(earlier,))
    result = C4LinesMapper(C4LinesConfig(record_edits=True)).process(original)
    assert isinstance(result, Document)
    assert result.edits == (earlier, Edit("c4_lines", "no_terminal_punct", "Login"))


def test_drop_explains_the_page_rule() -> None:
    drop = C4QualityFilter().process(doc("One short sentence here.\n"))
    assert isinstance(drop, Drop)
    assert (drop.reason, drop.value, drop.threshold) == ("too_few_sentences", 1, 5)
    assert drop.detail == "too_few_sentences: 1 vs threshold 5"
