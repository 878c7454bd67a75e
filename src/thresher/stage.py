"""Global stages: work over the whole corpus, joined to the rest by files on disk.

A per-document pipeline is split at each stage. The executor first runs the steps
before the stage over every input shard and writes the surviving documents to
intermediate shard files. The stage's :meth:`Stage.analyze` then reads those
files (in tasks spread over the executor's workers) and writes decision files
into its work directory. Finally the executor streams each shard again through
``stage.applier(workdir, shard)`` (a regular :class:`~thresher.step.Step` that
drops or rewrites documents according to the decisions) and the steps after it.

``analyze`` must be resumable: each of its tasks writes its output atomically
and leaves a completion marker (:mod:`thresher.run.commit`), so a rerun after a
kill skips finished work and gives the same result.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from thresher.step import ConfigT, Configured, Step

__all__ = ["Stage", "TaskRunner"]

T = TypeVar("T")
R = TypeVar("R")


class TaskRunner(Protocol):
    """Runs independent tasks, possibly in parallel; results keep the input order.

    ``fn`` must be a picklable module-level callable and each item picklable.
    """

    @property
    def workers(self) -> int: ...

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]: ...


class Stage(Configured[ConfigT], ABC):
    """A global step (dedup...). See the module docstring."""

    @abstractmethod
    def analyze(self, shards: Sequence[Path], workdir: Path, runner: TaskRunner) -> None:
        """Read every shard (see :func:`thresher.serialize.read_documents`), write decisions."""

    @abstractmethod
    def applier(self, workdir: Path, shard: int) -> Step[Any]:
        """The step that applies the decisions to the documents of shard number ``shard``."""
