"""The ``clean_lines`` step: edits, the drop reason, layout options, config."""

from __future__ import annotations

import pytest

from thresher.clean import CleanConfig, clean_text
from thresher.clean.step import CleanLines
from thresher.document import Document, Edit, Provenance
from thresher.registry import get_step
from thresher.step import ConfigError, Drop, build_config

BODY = "The committee published its findings on Monday after a year of hearings."


def _doc(text: str) -> Document:
    return Document(id="d1", provenance=Provenance(source="t.jsonl", line=1), text=text)


def test_registered() -> None:
    assert get_step("clean_lines") is CleanLines


def test_edits_are_recorded_on_request() -> None:
    step = CleanLines(CleanLines.Config(record_edits=True))
    out = step.process(_doc(f"{BODY}\nRead more\n"))
    assert isinstance(out, Document)
    assert out.text == BODY + "\n"
    assert out.edits == (Edit("clean_lines", "read_more", "Read more"),)


def test_edits_are_not_recorded_by_default() -> None:
    out = CleanLines().process(_doc(f"{BODY}\nRead more\n"))
    assert isinstance(out, Document) and out.edits == ()


def test_empty_after_cleaning() -> None:
    out = CleanLines().process(_doc("Read more\nLoad more\n"))
    assert isinstance(out, Drop) and out.reason == "empty_after_cleaning"


def test_unchanged_document_is_returned_as_is() -> None:
    doc = _doc(BODY + "\n")
    assert CleanLines().process(doc) is doc


def test_config_from_a_table() -> None:
    config = build_config(CleanLines.Config, "clean_lines", {"record_edits": "true"})
    assert config.record_edits is True
    with pytest.raises(ConfigError):
        build_config(CleanLines.Config, "clean_lines", {"min_rail_pairs": 0})


def test_layout_drops_blank_lines_and_trailing_space() -> None:
    assert clean_text("  a  \n\n\n b\t\n\n").text == "  a\n b\n"


def test_layout_can_keep_paragraph_breaks() -> None:
    text = "\n\na\n\n\n\nb\nRead more\n\n"
    assert clean_text(text, CleanConfig(keep_blank_lines=True)).text == "a\n\nb\n"


def test_empty_text() -> None:
    result = clean_text("")
    assert result.text == "" and result.removed == ()


def test_hostile_inputs_complete() -> None:
    from thresher.pii import redact

    hostile = [
        "..." + " " * 50_000 + "x",
        "a" * 300_000,
        "Read more\n" * 20_000,
        "1 " * 50_000,
        ":" * 50_000,
        "\x00\ud800\u2028\x85\x1c",
    ]
    for text in hostile:
        assert isinstance(clean_text(text).text, str)
        assert isinstance(redact(text).text, str)


def test_text_without_a_final_newline_keeps_that_form() -> None:
    doc = _doc(f"{BODY}\nSecond paragraph of the same article, kept as it is.")
    assert CleanLines().process(doc) is doc
    out = CleanLines().process(_doc(f"{BODY}\nRead more"))
    assert isinstance(out, Document)
    assert out.text == BODY
