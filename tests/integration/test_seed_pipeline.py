"""The seed case end to end: its page and its dirty text both come out as the article alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import zstandard

from thresher.cli import main

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seed"

pytestmark = pytest.mark.skipif(
    not SEED.is_dir(), reason="../shared/seed is absent (it is not part of the project)"
)


def _kept(outdir: Path) -> list[dict[str, object]]:
    rows = []
    for path in sorted((outdir / "data").glob("*.jsonl.zst")):
        with path.open("rb") as fh:
            text = zstandard.ZstdDecompressor().stream_reader(fh).read().decode()
        rows += [json.loads(line) for line in text.splitlines() if line]
    return rows


def _expected() -> str:
    return (SEED / "expected.txt").read_text(encoding="utf-8")


def test_dirty_seed_text_as_jsonl_comes_out_clean(tmp_path: Path) -> None:
    source = tmp_path / "seed.jsonl"
    text = (SEED / "seed.txt").read_text(encoding="utf-8")
    source.write_text(json.dumps({"text": text, "url": "https://x.example/a"}) + "\n")
    assert main(["run", str(source), "-o", str(tmp_path / "out"), "-q"]) == 0
    (doc,) = _kept(tmp_path / "out")
    assert doc["text"] == _expected()


@pytest.mark.parametrize("page", ["seed-page-builder.html", "seed-page-semantic.html"])
def test_seed_page_comes_out_as_the_article(tmp_path: Path, page: str) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(SEED / page, folder / page)
    assert main(["run", str(folder), "-o", str(tmp_path / "out"), "-q"]) == 0
    (doc,) = _kept(tmp_path / "out")
    assert str(doc["text"]).split("\n") == _expected().rstrip("\n").split("\n")
    meta = json.loads((SEED / "expected-meta.json").read_text(encoding="utf-8"))
    assert doc["title"] == meta["title"]
    assert doc["date"] == meta["date"]
    assert doc["language"] == meta["language"]
