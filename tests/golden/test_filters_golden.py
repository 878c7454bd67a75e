"""Golden decisions of every per-document step, so that speed work provably changes no output.

On the corpus of :mod:`filters_corpus` (generated crawl pages, the cleaner's golden inputs,
the prose files, and perturbations that make every rule fire), this records for each
document:

* each step of the default pipeline run on its own (``clean_lines``, ``langid``,
  ``language``, ``gopher_repetition``, ``gopher_quality``, ``c4_quality``,
  ``fineweb_quality``, ``pii``) plus ``c4_lines`` and ``url_filter``: kept or the drop
  reason and value (6 significant digits), a hash of the text a mapper wrote, the
  language and score (4 digits), the PII counts;
* the exact-dedup key hash and a hash of the MinHash signature (default parameters);
* the chain of the default pipeline's per-document steps: where it dropped, or a hash of
  the text that came out;

and the outcome of the whole default pipeline (``thresher run`` over the corpus as JSONL:
url, boilerplate, exact and near-duplicate stages included) for every document.

Regenerate only on purpose and review the diff::

    THRESHER_UPDATE_GOLDEN=1 pytest tests/golden/test_filters_golden.py
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
import xxhash
import zstandard

from filters_corpus import corpus
from thresher.dedup.exact import text_key
from thresher.dedup.minhash import MinHashConfig, signature
from thresher.document import Document, Provenance
from thresher.drop import Drop
from thresher.pipeline import default_pipeline
from thresher.registry import get_step
from thresher.run import run_pipeline
from thresher.step import Step

GOLDEN = Path(__file__).parent / "filters"
SHARED_BENCH = Path(__file__).resolve().parents[2] / ".." / "shared" / "bench"
UPDATE = os.environ.get("THRESHER_UPDATE_GOLDEN") == "1"

ALONE = (
    "clean_lines",
    "c4_lines",
    "langid",
    "language",
    "gopher_repetition",
    "gopher_quality",
    "c4_quality",
    "fineweb_quality",
    "pii",
    "url_filter",
)
CHAIN = (
    "clean_lines",
    "langid",
    "language",
    "gopher_repetition",
    "gopher_quality",
    "c4_quality",
    "fineweb_quality",
    "pii",
)


def _hash(text: str) -> str:
    return xxhash.xxh3_64_hexdigest(text.encode("utf-8", "surrogatepass"))


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.6g}"


def _outcome(before: Document, after: Document | Drop) -> str:
    if isinstance(after, Drop):
        return f"drop {after.reason} {_num(after.value)}"
    parts = ["keep"]
    if after.text != before.text:
        parts.append(f"text={_hash(after.text)}")
    if after.language != before.language:
        parts.append(f"lang={after.language} {_num(round(after.language_score or 0.0, 4))}")
    if "pii" in after.metadata:
        counts = after.metadata["pii"]
        parts.append("pii=" + ",".join(f"{k}:{counts[k]}" for k in sorted(counts)))
    return " ".join(parts)


def _steps(names: tuple[str, ...]) -> dict[str, Step[Any]]:
    steps = {name: get_step(name)() for name in names}
    for step in steps.values():
        step.setup()
    return steps


def _doc(doc_id: str, url: str, text: str) -> Document:
    return Document(id=doc_id, provenance=Provenance("golden"), url=url, text=text)


def decisions(docs: list[tuple[str, str, str]] | None = None) -> list[str]:
    """One JSON line per document of ``docs`` (default: the corpus; see the module docstring)."""
    alone = _steps(ALONE)
    chain = _steps(CHAIN)
    cfg = MinHashConfig()
    rows = []
    for doc_id, url, text in corpus() if docs is None else docs:
        doc = _doc(doc_id, url, text)
        row: dict[str, Any] = {"id": doc_id}
        row["steps"] = {name: _outcome(doc, step.process(doc)) for name, step in alone.items()}
        key = text_key(doc)
        row["exact_key"] = None if key is None else _hash(key)
        row["minhash"] = xxhash.xxh3_64_hexdigest(signature(text, cfg).tobytes())
        current: Document | Drop = doc
        for name, step in chain.items():
            assert isinstance(current, Document)
            current = step.process(current)
            if isinstance(current, Drop):
                row["chain"] = f"{name}: drop {current.reason} {_num(current.value)}"
                break
        else:
            assert isinstance(current, Document)
            row["chain"] = f"keep text={_hash(current.text)}"
        rows.append(json.dumps(row, ensure_ascii=False, sort_keys=True))
    return rows


def _read_zst(path: Path) -> list[dict[str, Any]]:
    with path.open("rb") as raw, zstandard.ZstdDecompressor().stream_reader(raw) as stream:
        return [json.loads(line) for line in io.TextIOWrapper(stream, encoding="utf-8")]


def pipeline_outcomes(tmp: Path) -> list[str]:
    """``id: kept text=<hash>`` or ``id: step reason value`` for every corpus document."""
    source = tmp / "corpus.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for doc_id, url, text in corpus():
            out.write(json.dumps({"id": doc_id, "url": url, "text": text}) + "\n")
    run_pipeline([source], tmp / "out", default_pipeline(), workers=1)
    found: dict[str, str] = {}
    for path in sorted((tmp / "out" / "data").glob("*.jsonl.zst")):
        for row in _read_zst(path):
            found[row["id"]] = f"kept text={_hash(row['text'])}"
    for path in sorted((tmp / "out" / "rejected").glob("*.jsonl.zst")):
        for row in _read_zst(path):
            value = row["value"] if row.get("has_value") else None
            found[row["id"]] = f"{row['step']} {row['reason']} {_num(value)}"
    ids = [doc_id for doc_id, _, _ in corpus()]
    assert sorted(found) == sorted(ids), "every document ends up in exactly one place"
    return [f"{doc_id}: {found[doc_id]}" for doc_id in ids]


def _compare(name: str, got: list[str]) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(got) + "\n", encoding="utf-8", newline="\n")
    expected = path.read_text(encoding="utf-8").split("\n")[:-1]
    assert len(got) == len(expected)
    changed = [(e, g) for e, g in zip(expected, got, strict=True) if e != g]
    assert not changed, f"{len(changed)} changed; first: {changed[0]}"


def test_corpus_covers_every_rule() -> None:
    """The corpus makes each filter drop for several reasons and keep some documents."""
    rows = [json.loads(line) for line in decisions()]
    for name in ("gopher_repetition", "gopher_quality", "c4_quality", "fineweb_quality"):
        outcomes = {row["steps"][name].split()[1] for row in rows if row["steps"][name] != "keep"}
        assert len(outcomes) >= 3, (name, outcomes)
        assert any(row["steps"][name] == "keep" for row in rows), name
    assert any("pii=email:" in row["steps"]["pii"] and "text=" in row["steps"]["pii"]
               for row in rows)
    assert any("text=" in row["steps"]["clean_lines"] for row in rows)
    assert any(row["chain"].startswith("keep") for row in rows)


def test_step_decisions_golden() -> None:
    _compare("decisions.jsonl", decisions())


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_default_pipeline_golden(tmp_path: Path) -> None:
    _compare("pipeline.txt", pipeline_outcomes(tmp_path))


def _shared_truth() -> list[tuple[str, str, str]]:
    docs = []
    for truth in sorted(SHARED_BENCH.glob("*/truth.jsonl")):
        for line in truth.read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            row = json.loads(line)
            docs.append((f"{truth.parent.name}/{row['id']}", row.get("url") or "", row["text"]))
    return docs


def test_shared_bench_decisions_golden() -> None:
    """The same record over the reference texts of ../shared/bench (ids and hashes only: no
    text of it is stored here). Skipped where ../shared is absent, as for users."""
    if not SHARED_BENCH.is_dir():
        pytest.skip("../shared/bench not found (developer data, not part of the project)")
    docs = _shared_truth()
    if not UPDATE and not (GOLDEN / "shared_bench.jsonl").is_file():
        pytest.skip("no recorded decisions for ../shared/bench")
    got = decisions(docs)
    path = GOLDEN / "shared_bench.jsonl"
    if not UPDATE:
        lines = path.read_text(encoding="utf-8").split("\n")
        expected = {json.loads(line)["id"]: line for line in lines if line}
        missing = [json.loads(line)["id"] for line in got if json.loads(line)["id"] not in expected]
        if missing:
            pytest.skip(f"../shared/bench changed since recorded ({len(missing)} new texts)")
        got_by_id = {json.loads(line)["id"]: line for line in got}
        changed = [i for i in got_by_id if got_by_id[i] != expected[i]]
        assert not changed, f"{len(changed)} changed; first: {changed[:1]}"
        return
    _compare("shared_bench.jsonl", got)
