"""Global stages: work over the whole corpus, joined to the rest by files on disk.

A per-document pipeline is split at each stage. The executor first runs the steps
before the stage over every input shard and writes the surviving documents to
intermediate shard files. The stage's :meth:`Stage.analyze` then reads those
files (in tasks spread over the executor's workers) and writes decision files
into its work directory. Finally the executor streams each shard again through
``stage.applier(workdir, shard)`` (a regular :class:`~thresher.step.Step` that
drops or rewrites documents according to the decisions) and the steps after it.

``analyze`` must be resumable: each of its tasks writes its output atomically
and leaves a completion marker, so a rerun after a kill skips finished work and
gives the same result.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar

from thresher.step import ConfigError, NoConfig, Step

__all__ = ["Stage", "TaskRunner", "get_stage", "register_stage", "registered_stages"]

T = TypeVar("T")
R = TypeVar("R")


class TaskRunner(Protocol):
    """Runs independent tasks, possibly in parallel; results keep the input order.

    ``fn`` must be a picklable module-level callable and each item picklable.
    """

    @property
    def workers(self) -> int: ...

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]: ...


class Stage(ABC):
    """A global step (dedup...). See the module docstring."""

    name: ClassVar[str] = ""
    Config: ClassVar[type[Any]] = NoConfig
    reasons: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, config: Any = None) -> None:
        self.config = config if config is not None else self.Config()

    @abstractmethod
    def analyze(self, shards: Sequence[Path], workdir: Path, runner: TaskRunner) -> None:
        """Read every shard (see :func:`thresher.serialize.read_documents`), write decisions."""

    @abstractmethod
    def applier(self, workdir: Path, shard: int) -> Step:
        """The step that applies the decisions to the documents of shard number ``shard``."""


_STAGES: dict[str, type[Stage]] = {}
G = TypeVar("G", bound=type[Stage])


def register_stage(cls: G) -> G:
    """Class decorator: make a stage available by its ``name``."""
    if not cls.name:
        raise TypeError(f"{cls.__qualname__} has no name")
    _STAGES[cls.name] = cls
    return cls


def get_stage(name: str) -> type[Stage] | None:
    """The stage registered as ``name``, or ``None`` if there is none."""
    import thresher.steps  # noqa: F401  (registers built-in steps and stages)

    return _STAGES.get(name)


def registered_stages() -> dict[str, type[Stage]]:
    """All registered stages by name, sorted."""
    import thresher.steps  # noqa: F401

    return dict(sorted(_STAGES.items()))


def require_stage(name: str) -> type[Stage]:
    """Like :func:`get_stage` but raises :class:`ConfigError` when unknown."""
    cls = get_stage(name)
    if cls is None:
        raise ConfigError(f"unknown stage {name!r}")
    return cls
