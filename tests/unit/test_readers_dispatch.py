"""open_reader dispatch by file name and expand_inputs over folders and globs."""

from __future__ import annotations

from pathlib import Path

import pytest

from thresher.document import Document
from thresher.readers import ReaderError, expand_inputs, input_kind, open_reader

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(("name", "kind"), [
    ("a.warc", "warc"), ("a.warc.gz", "warc"), ("CC-1.warc.wet.gz", "wet"), ("a.warc.wet", "wet"),
    ("a.html", "html"), ("A.HTM", "html"), ("a.jsonl", "jsonl"), ("a.jsonl.gz", "jsonl"),
    ("a.jsonl.zst", "jsonl"), ("a.json.gz", "jsonl"), ("a.txt", None), ("a.json", None)])
def test_input_kind(name: str, kind: str | None) -> None:
    assert input_kind(Path(name)) == kind


def test_open_reader_picks_the_reader() -> None:
    (doc,) = open_reader(DATA / "html" / "utf8-page.htm")
    assert isinstance(doc, Document) and doc.html is not None
    jsonl = [r for r in open_reader(DATA / "jsonl" / "good.jsonl.zst") if isinstance(r, Document)]
    assert len(jsonl) == 3


def test_open_reader_rejects_unknown_types() -> None:
    with pytest.raises(ReaderError, match="unknown input type"):
        open_reader(DATA / "html" / "notes.txt")


def test_folder_expands_recursively_sorted_skipping_hidden_and_unknown() -> None:
    found = expand_inputs([str(DATA / "html")])
    rel = [p.relative_to(DATA / "html").as_posix() for p in found]
    assert rel == ["latin1-page.html", "nested/sub-page.html", "utf8-page.htm"]


def test_globs_and_duplicates() -> None:
    pattern = str(DATA / "jsonl" / "good.*")
    explicit = str(DATA / "jsonl" / "good.jsonl")
    found = expand_inputs([pattern, explicit, explicit])
    assert [p.name for p in found] == ["good.jsonl", "good.jsonl.gz", "good.jsonl.zst"]


def test_explicit_file_is_kept_whatever_its_name() -> None:
    assert expand_inputs([str(DATA / "html" / "notes.txt")]) == [DATA / "html" / "notes.txt"]


def test_missing_inputs_raise(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no such file"):
        expand_inputs([str(tmp_path / "absent.warc.gz")])
    with pytest.raises(ReaderError, match="glob matches no input"):
        expand_inputs([str(tmp_path / "*.warc.gz")])
