"""The seed pages' metadata must match ``expected-meta.json`` on both HTML versions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from thresher.document import Document, Provenance
from thresher.extract import extract
from thresher.extract.metadata import extract_metadata
from thresher.extract.step import ExtractStep

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed"
PAGES = ["seed-page-builder.html", "seed-page-semantic.html"]
FIELDS = ["title", "author", "date", "sitename", "language", "url"]


def expected() -> dict[str, str]:
    path = SEED / "expected-meta.json"
    if not path.is_file():
        pytest.skip(f"seed fixtures not found at {SEED} (the shared folder next to the repo)")
    values: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return values


@pytest.mark.parametrize("page", PAGES)
def test_seed_metadata(page: str) -> None:
    want = expected()
    html = (SEED / page).read_text(encoding="utf-8")
    meta = extract_metadata(LexborHTMLParser(html), None)
    assert {f: getattr(meta, f) for f in FIELDS} == {f: want[f] for f in FIELDS}


@pytest.mark.parametrize("page", PAGES)
def test_seed_metadata_through_extract(page: str) -> None:
    want = expected()
    result = extract((SEED / page).read_bytes(), None)
    assert {f: getattr(result, f) for f in FIELDS} == {f: want[f] for f in FIELDS}


@pytest.mark.parametrize("page", PAGES)
def test_seed_metadata_through_the_step(page: str) -> None:
    want = expected()
    html = (SEED / page).read_bytes()
    doc = Document(id="seed", provenance=Provenance(source=page), html=html)
    result = ExtractStep().process(doc)
    assert isinstance(result, Document)
    meta = result.metadata
    got = {
        "title": meta.get("title"),
        "author": meta.get("author"),
        "date": meta.get("date"),
        "sitename": meta.get("sitename"),
        "language": meta.get("declared_language"),
        "url": meta.get("canonical_url"),
    }
    assert got == {f: want[f] for f in FIELDS}
