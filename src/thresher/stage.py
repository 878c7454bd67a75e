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
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from thresher.config import NoConfig, check_ranges
from thresher.step import ConfigT, Step, config_class

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


class Stage(ABC, Generic[ConfigT]):
    """A global step (dedup...). See the module docstring."""

    name: ClassVar[str] = ""
    Config: ClassVar[type[Any]] = NoConfig
    """The config class (set from the type argument: ``Stage[MyConfig]``)."""
    reasons: ClassVar[frozenset[str]] = frozenset()
    requires: ClassVar[tuple[str, ...]] = ()
    """Steps that must run earlier in the pipeline (checked when a pipeline is built)."""

    config: ConfigT

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        found = config_class(cls, Stage)
        if found is not None:
            cls.Config = found

    def __init__(self, config: ConfigT | None = None) -> None:
        self.config = config if config is not None else self.Config()
        check_ranges(self.config, self.name or type(self).__name__)

    @abstractmethod
    def analyze(self, shards: Sequence[Path], workdir: Path, runner: TaskRunner) -> None:
        """Read every shard (see :func:`thresher.serialize.read_documents`), write decisions."""

    @abstractmethod
    def applier(self, workdir: Path, shard: int) -> Step[Any]:
        """The step that applies the decisions to the documents of shard number ``shard``."""
