"""Run tasks in this process (1 worker) or in a pool of worker processes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TypeVar

from thresher.executors.pool import WorkerPool
from thresher.run import progress

__all__ = ["LocalExecutor"]

T = TypeVar("T")
R = TypeVar("R")


class LocalExecutor:
    """N worker processes over a list of tasks; results come back in task order.

    With one worker (or one task) tasks run in this process. Otherwise they run in a
    :class:`~thresher.executors.pool.WorkerPool`: fresh interpreters that import only
    what the tasks need (no state of the parent leaks into them, and the calling
    script is not run again), started on the first parallel ``map`` and kept for the
    next ones until :meth:`close`. They die with this process, however it ends.
    """

    def __init__(self, workers: int = 1, progress_line: progress.ProgressSink | None = None):
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self._workers = workers
        self._progress = progress_line
        self._pool: WorkerPool | None = None

    @property
    def workers(self) -> int:
        return self._workers

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        if not items:
            return []
        if self._workers == 1 or len(items) == 1:
            return self._map_inline(fn, items)
        if self._pool is None:
            self._pool = WorkerPool(self._workers, self._progress)
        return self._pool.map(fn, items)

    def close(self) -> None:
        """Stop the worker processes (if any were started)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None and self._pool is not None:
            self._pool.terminate()
            self._pool = None
        self.close()

    def _map_inline(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        progress.set_sink(self._progress)
        try:
            return [fn(item) for item in items]
        finally:
            progress.set_sink(None)
