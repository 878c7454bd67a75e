"""Shared harness of the dedup tests: runners, shard writing, running a stage end to end.

The other ``test_dedup_*`` modules import it (pytest puts this folder on ``sys.path``).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pytest

from thresher.document import Document, Provenance
from thresher.serialize import read_documents, write_documents
from thresher.stage import Stage
from thresher.step import Drop

T = TypeVar("T")
R = TypeVar("R")

Outcome = Document | Drop


class SerialRunner:
    """Runs every task in this process, in order."""

    workers = 1

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        return [fn(x) for x in items]


class Killed(RuntimeError):
    """Raised by :class:`FailingRunner` to simulate a kill."""


class FailingRunner:
    """Runs tasks in order and raises after ``budget`` tasks (counted over all ``map`` calls)."""

    workers = 1

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.done = 0

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        out = []
        for x in items:
            if self.done >= self.budget:
                raise Killed(f"killed after {self.done} tasks")
            out.append(fn(x))
            self.done += 1
        return out


def make_doc(
    doc_id: str, text: str, url: str | None = None, fetch_date: str | None = None
) -> Document:
    return Document(
        id=doc_id,
        provenance=Provenance(source="test", fetch_date=fetch_date),
        url=url,
        text=text,
    )


def write_shards(folder: Path, shards: Sequence[Sequence[Document]]) -> list[Path]:
    """Write each list of documents as one ``.jsonl.zst`` shard."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, docs in enumerate(shards):
        path = folder / f"shard-{i:03d}.jsonl.zst"
        write_documents(path, list(docs))
        paths.append(path)
    return paths


def run_stage(
    stage: Stage, paths: Sequence[Path], workdir: Path, runner: Any
) -> list[list[Outcome]]:
    """``analyze`` then the applier over each shard: the outcome of every document."""
    stage.analyze(paths, workdir, runner)
    out: list[list[Outcome]] = []
    for i, path in enumerate(paths):
        step = stage.applier(workdir, i)
        step.setup()
        out.append([step.process(doc) for doc in read_documents(path)])
    return out


def kept_ids(outcomes: Sequence[Sequence[Outcome]]) -> list[str]:
    return [o.id for shard in outcomes for o in shard if isinstance(o, Document)]


def random_text(rng: random.Random, n_words: int, vocab_size: int = 20_000) -> str:
    """Text of made-up words (a large vocabulary makes unrelated texts share no shingle)."""
    return " ".join(f"w{rng.randrange(vocab_size)}" for _ in range(n_words))


def edit_words(rng: random.Random, text: str, fraction: float) -> str:
    """Replace about ``fraction`` of the words of ``text`` by new ones."""
    words = text.split()
    for i in rng.sample(range(len(words)), int(len(words) * fraction)):
        words[i] = f"x{rng.randrange(10**9)}"
    return " ".join(words)


def test_failing_runner_stops_after_budget() -> None:
    runner = FailingRunner(2)
    with pytest.raises(Killed):
        runner.map(str, [1, 2, 3])
    assert runner.done == 2
