"""Golden cases of the line cleaner: ``clean/<case>/input.txt`` -> ``expected.txt``.

Each case is a text in the shape that extractors leave behind (rails, chrome,
in several languages) or a text that must survive untouched. Regenerate the
expected files only on purpose, and review the diff::

    THRESHER_UPDATE_GOLDEN=1 pytest tests/golden/test_clean_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from thresher.clean import clean_text

CASES_DIR = Path(__file__).parent / "clean"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "input.txt").is_file())
UPDATE = os.environ.get("THRESHER_UPDATE_GOLDEN") == "1"


def test_cases_exist() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES)
def test_golden_clean(case: str) -> None:
    folder = CASES_DIR / case
    text = (folder / "input.txt").read_text(encoding="utf-8")
    got = clean_text(text).text
    expected_path = folder / "expected.txt"
    if UPDATE:
        expected_path.write_text(got, encoding="utf-8", newline="\n")
    assert got == expected_path.read_text(encoding="utf-8")
