"""Golden cases of the extractor: ``extract/<case>/page.html`` -> ``expected.txt``.

Each case is a page written for these tests (several languages and page types):
teaser rails in page-builder divs, a ul/li grid and a "Related posts" block, an
infinite-scroll footer, a forum thread, a product collection, a documentation page,
and news and blog pages in Chinese, Japanese, Thai, Arabic (right to left) and Russian,
each with navigation, a rail, comments, a footer, and credit, date, share and teaser
lines of its own language inside the article.
``expected-meta.json`` holds the metadata the page declares. Regenerate the expected
files only on purpose, and review the diff::

    THRESHER_UPDATE_GOLDEN=1 pytest tests/golden/test_extract_golden.py

The seed pages of ``../shared/seed`` (outside the repository) are checked too when
present: either page must give the seed's expected text, paragraph for paragraph.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from thresher.extract import extract

CASES_DIR = Path(__file__).parent / "extract"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "page.html").is_file())
UPDATE = os.environ.get("THRESHER_UPDATE_GOLDEN") == "1"
META_FIELDS = ("title", "author", "date", "sitename", "language", "url")
SEED_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed"


def test_cases_exist() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES)
def test_golden_extract(case: str) -> None:
    folder = CASES_DIR / case
    got = extract((folder / "page.html").read_bytes())
    expected_text = folder / "expected.txt"
    expected_meta = folder / "expected-meta.json"
    meta = {name: getattr(got, name) for name in META_FIELDS}
    if UPDATE:
        expected_text.write_text(got.text + "\n", encoding="utf-8", newline="\n")
        expected_meta.write_text(
            json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    assert got.text + "\n" == expected_text.read_text(encoding="utf-8")
    assert meta == json.loads(expected_meta.read_text(encoding="utf-8"))


def _seed_expected() -> list[str]:
    if not (SEED_DIR / "expected.txt").is_file():
        pytest.skip(f"seed fixtures not found at {SEED_DIR} (shared folder absent)")
    return (SEED_DIR / "expected.txt").read_text(encoding="utf-8").strip().split("\n")


@pytest.mark.parametrize("page", ["seed-page-builder.html", "seed-page-semantic.html"])
def test_seed_page_gives_expected_paragraphs(page: str) -> None:
    expected = _seed_expected()
    got = extract((SEED_DIR / page).read_bytes())
    assert got.text.split("\n") == expected


@pytest.mark.parametrize("page", ["seed-page-builder.html", "seed-page-semantic.html"])
def test_seed_page_metadata(page: str) -> None:
    _seed_expected()
    want = json.loads((SEED_DIR / "expected-meta.json").read_text(encoding="utf-8"))
    got = extract((SEED_DIR / page).read_bytes())
    assert {name: getattr(got, name) for name in want} == want
