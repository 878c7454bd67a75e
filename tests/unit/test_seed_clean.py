"""The seed case: cleaning ``seed.txt`` as extracted text gives ``expected.txt`` exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thresher.clean import clean_text
from thresher.clean.step import CleanLines
from thresher.document import Document, Provenance

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed"


@pytest.fixture(scope="module")
def seed() -> tuple[str, str]:
    if not (SEED / "seed.txt").is_file():
        pytest.skip(f"seed fixtures not found at {SEED} (../shared is only on dev machines/CI)")
    return (
        (SEED / "seed.txt").read_text(encoding="utf-8"),
        (SEED / "expected.txt").read_text(encoding="utf-8"),
    )


def test_clean_text_gives_expected(seed: tuple[str, str]) -> None:
    text, expected = seed
    assert clean_text(text).text == expected


def test_step_on_a_jsonl_record_gives_expected(seed: tuple[str, str]) -> None:
    text, expected = seed
    record = json.loads(json.dumps({"text": text}))
    source = Provenance(source="seed.jsonl", line=1)
    doc = Document(id="seed", provenance=source, text=record["text"])
    out = CleanLines(CleanLines.Config(record_edits=True)).process(doc)
    assert isinstance(out, Document)
    assert out.text == expected
    rules = {e.rule for e in out.edits}
    assert rules == {"teaser_rail", "end_of_feed"}
    assert len(out.edits) == 15
