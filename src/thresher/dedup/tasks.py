"""Resumable analysis tasks: atomic outputs, completion markers, a stage fingerprint.

Every task of a dedup stage writes its files under temporary names, renames them
into place (``os.replace``) and then writes ``<name>.done``. :func:`run_pending`
skips tasks whose marker exists, so a stage killed half-way finishes on rerun, and
since each task is a pure function of its inputs, with the same result.

:func:`prepare_workdir` guards against stale work: it records the stage's config and
its input shards (names and sizes) and empties the directory when they changed.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from thresher.stage import TaskRunner

__all__ = [
    "Task",
    "atomic_save_npy",
    "atomic_save_npz",
    "atomic_write_text",
    "prepare_workdir",
    "run_pending",
]


class Task(Protocol):
    """What :func:`run_pending` needs of a task: where its completion marker lives."""

    @property
    def marker(self) -> Path: ...


T = TypeVar("T", bound=Task)

_FINGERPRINT = "fingerprint.json"


def _tmp(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp(path)
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def atomic_save_npy(path: Path, array: npt.NDArray[Any]) -> None:
    """``np.save`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp(path)
    with tmp.open("wb") as out:
        np.save(out, array, allow_pickle=False)
    os.replace(tmp, path)


def atomic_save_npz(path: Path, arrays: Mapping[str, npt.NDArray[Any]]) -> None:
    """``np.savez`` (uncompressed, no pickles) through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp(path)
    with tmp.open("wb") as out:
        np.savez(out, allow_pickle=False, **arrays)
    os.replace(tmp, path)


def mark_done(task: Task) -> None:
    """Record that ``task`` finished (after all its outputs are in place)."""
    atomic_write_text(task.marker, "done\n")


def run_pending(runner: TaskRunner, fn: Callable[[T], None], tasks: Sequence[T]) -> None:
    """Run the tasks that have no completion marker yet; ``fn`` must call :func:`mark_done`."""
    pending = [t for t in tasks if not t.marker.exists()]
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
    path = workdir / _FINGERPRINT
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    if workdir.exists():
        shutil.rmtree(workdir)
    atomic_write_text(path, text)
