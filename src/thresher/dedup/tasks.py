"""Resumable analysis tasks of the dedup stages: atomic outputs, completion markers.

Every task writes its files through :class:`thresher.run.commit.LocalStore` (the one
atomic-commit helper of the project) and then its marker ``<name>.done``.
:func:`run_pending` skips tasks whose marker exists, so a stage killed half-way
finishes on rerun, and since each task is a pure function of its inputs, with the
same result.

:func:`prepare_workdir` guards against stale work: it records the stage's config and
its input shards (names and sizes) and empties the directory when they changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from thresher.run.commit import LocalStore
from thresher.stage import TaskRunner

__all__ = [
    "Task",
    "atomic_save_npy",
    "atomic_save_npz",
    "atomic_write_text",
    "mark_done",
    "prepare_workdir",
    "run_pending",
]


class Task(Protocol):
    """What :func:`run_pending` needs of a task: where its completion marker lives."""

    @property
    def marker(self) -> Path: ...


T = TypeVar("T", bound=Task)

_FINGERPRINT = "fingerprint.json"


def _at(path: Path) -> tuple[LocalStore, str]:
    return LocalStore(path.parent), path.name


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one."""
    store, key = _at(path)
    store.put(key, text.encode("utf-8"))


def atomic_save_npy(path: Path, array: npt.NDArray[Any]) -> None:
    """``np.save`` committed atomically."""
    store, key = _at(path)
    with store.create(key) as out:
        np.save(out.file, array, allow_pickle=False)


def atomic_save_npz(path: Path, arrays: Mapping[str, npt.NDArray[Any]]) -> None:
    """``np.savez`` (uncompressed, no pickles) committed atomically."""
    store, key = _at(path)
    with store.create(key) as out:
        np.savez(out.file, allow_pickle=False, **arrays)


def mark_done(task: Task) -> None:
    """Record that ``task`` finished (after all its outputs are in place)."""
    store, key = _at(task.marker)
    store.mark(key, "done\n")


def run_pending(runner: TaskRunner, fn: Callable[[T], None], tasks: Sequence[T]) -> None:
    """Run the tasks that have no completion marker yet; ``fn`` must call :func:`mark_done`."""
    pending = [t for t in tasks if _at(t.marker)[0].marked(t.marker.name) is None]
    if pending:
        runner.map(fn, pending)


def _shard_facts(shards: Sequence[Path]) -> list[list[Any]]:
    facts: list[list[Any]] = []
    for shard in shards:
        try:
            size = shard.stat().st_size
        except OSError:
            size = -1
        facts.append([str(shard), size])
    return facts


def prepare_workdir(
    workdir: Path, stage: str, config: Mapping[str, Any], shards: Sequence[Path]
) -> None:
    """Make ``workdir`` hold only work done for this stage, config and inputs.

    Work recorded for another config or other input shards is deleted, so that a
    rerun never mixes decisions from two different corpora.
    """
    want = {"stage": stage, "config": dict(config), "shards": _shard_facts(shards)}
    text = json.dumps(want, sort_keys=True, default=str)
    store = LocalStore(workdir)
    if store.marked(_FINGERPRINT) == text:
        return
    LocalStore(workdir.parent).remove(workdir.name)
    store.put(_FINGERPRINT, text.encode("utf-8"))
