"""Run tasks in this process (1 worker) or in a pool of worker processes."""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType
from typing import Any, TypeVar

from thresher import progress

__all__ = ["LocalExecutor"]

T = TypeVar("T")
R = TypeVar("R")


def _init_worker(q: Any) -> None:
    progress.set_sink(q)


class LocalExecutor:
    """N worker processes over a list of tasks; results come back in task order.

    Workers are started with ``spawn`` so that no state of the parent (threads, open
    files, loaded models) leaks into them; each loads what it needs lazily. The pool
    starts on the first parallel ``map`` and is kept for the next ones (a run maps once
    per phase and per stage task batch), until :meth:`close`.
    """

    def __init__(self, workers: int = 1, progress_line: progress.ProgressSink | None = None):
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self._workers = workers
        self._progress = progress_line
        self._pool: ProcessPoolExecutor | None = None
        self._queue: Any = None

    @property
    def workers(self) -> int:
        return self._workers

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        if not items:
            return []
        if self._workers == 1 or len(items) == 1:
            return self._map_inline(fn, items)
        return self._map_pool(fn, items)

    def close(self) -> None:
        """Stop the worker processes (if any were started)."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
            self._queue.close()
            self._queue.join_thread()
            self._queue = None

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _map_inline(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        progress.set_sink(self._progress)
        try:
            return [fn(item) for item in items]
        finally:
            progress.set_sink(None)

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            ctx = mp.get_context("spawn")
            self._queue = ctx.Queue()
            self._pool = ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=ctx,
                initializer=_init_worker,
                initargs=(self._queue,),
            )
        return self._pool

    def _map_pool(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        pool = self._start()
        stop = threading.Event()
        pump = threading.Thread(target=self._pump, args=(self._queue, stop), daemon=True)
        pump.start()
        try:
            return list(pool.map(fn, items))
        except BaseException:
            # a failed task leaves the pool in an unknown state: start afresh next time
            self.close()
            raise
        finally:
            stop.set()
            pump.join()

    def _pump(self, q: Any, stop: threading.Event) -> None:
        while True:
            try:
                item = q.get(timeout=0.05)
            except queue.Empty:
                if stop.is_set():
                    return
                continue
            if self._progress is not None:
                self._progress.put(item)
