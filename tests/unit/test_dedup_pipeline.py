"""The four dedup stages inside a real run: outputs, rejected reasons, resume after a kill."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from test_dedup_boilerplate import ARTICLES, _article, _page
from test_dedup_support import FailingRunner, Killed, SerialRunner, edit_words, random_text

from thresher.pipeline import PipelineSpec
from thresher.run import run_pipeline
from thresher.serialize import open_text_read

STAGES = ("url_dedup", "exact_dedup", "boilerplate_lines", "minhash_dedup")


def _inputs(folder: Path) -> list[Path]:
    rng = random.Random(5)
    base = random_text(rng, 300)
    first = [
        {"id": f"a{i}", "url": f"https://news.example.org/s{i}", "text": _page(i)}
        for i in range(len(ARTICLES))
    ]
    first.append({"id": "near-a", "url": "https://x.example/1", "text": base})
    second = [
        {"id": "near-b", "url": "https://y.example/2", "text": edit_words(rng, base, 0.01)},
        {"id": "exact", "url": "https://z.example/3", "text": base.upper()},
        {"id": "url-again", "url": "https://news.example.org/s0/#top", "text": "Other words."},
        {"id": "solo", "url": "https://z.example/4", "text": random_text(rng, 100)},
    ]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, rows in (("one.jsonl", first), ("two.jsonl", second)):
        path = folder / name
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        paths.append(path)
    return paths


def _spec() -> PipelineSpec:
    steps = [{"use": name, "partitions": 2} for name in STAGES]
    return PipelineSpec.from_dict({"steps": steps})


def _records(folder: Path) -> list[dict[str, object]]:
    rows = []
    for path in sorted(folder.glob("*.zst")):
        with open_text_read(path) as src:
            rows += [json.loads(line) for line in src]
    return rows


def _snapshot(outdir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for sub in ("data", "rejected")
        for p in sorted((outdir / sub).glob("*"))
    }


def test_run_with_all_dedup_stages(tmp_path: Path) -> None:
    paths = _inputs(tmp_path / "in")
    run_pipeline(paths, tmp_path / "out", _spec(), executor=SerialRunner())
    kept = {r["id"]: r for r in _records(tmp_path / "out" / "data")}
    rejected = {r["id"]: r for r in _records(tmp_path / "out" / "rejected")}
    # undated documents: the smallest id survives ("exact" < "near-a" < "near-b")
    assert sorted(kept) == ["a0", "a1", "a2", "a3", "a4", "a5", "exact", "solo"]
    assert kept["a2"]["text"] == _article(2)
    assert json.loads(kept["exact"]["metadata"])["minhash_cluster_size"] == 2
    reasons = {doc_id: (r["step"], r["reason"]) for doc_id, r in rejected.items()}
    assert reasons == {
        "url-again": ("url_dedup", "url_duplicate"),
        "near-a": ("exact_dedup", "exact_duplicate"),
        "near-b": ("minhash_dedup", "near_duplicate"),
    }


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], dict[str, bytes]]:
    """Inputs (ids and provenance depend on their paths) and the output of a clean run."""
    tmp = tmp_path_factory.mktemp("ref")
    paths = _inputs(tmp / "in")
    run_pipeline(paths, tmp / "out", _spec(), executor=SerialRunner())
    return paths, _snapshot(tmp / "out")


# Tasks in order: phase 0 (2), url_dedup (2 + 2), phase 1 (2), exact_dedup (2 + 2), phase 2
# (2), boilerplate_lines (2 + 2), phase 3 (2), minhash_dedup (2 + 28 + 1 + 2 + 2), phase 4 (2).
@pytest.mark.parametrize("budget", [3, 9, 15, 30, 52, 56])
def test_run_killed_in_a_stage_finishes_with_the_same_bytes(
    tmp_path: Path, budget: int, reference: tuple[list[Path], dict[str, bytes]]
) -> None:
    paths, expected = reference
    with pytest.raises(Killed):
        run_pipeline(paths, tmp_path / "out", _spec(), executor=FailingRunner(budget))
    run_pipeline(paths, tmp_path / "out", _spec(), executor=SerialRunner())
    assert _snapshot(tmp_path / "out") == expected
