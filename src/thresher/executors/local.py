"""Run tasks in this process (1 worker) or in a pool of worker processes."""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
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
    files, loaded models) leaks into them; each loads what it needs lazily.
    """

    def __init__(self, workers: int = 1, progress_line: progress.ProgressSink | None = None):
        if workers < 1:
            raise ValueError("workers must be >= 1")
        self._workers = workers
        self._progress = progress_line

    @property
    def workers(self) -> int:
        return self._workers

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        if not items:
            return []
        if self._workers == 1 or len(items) == 1:
            return self._map_inline(fn, items)
        return self._map_pool(fn, items)

    def _map_inline(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        progress.set_sink(self._progress)
        try:
            return [fn(item) for item in items]
        finally:
            progress.set_sink(None)

    def _map_pool(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        ctx = mp.get_context("spawn")
        q: Any = ctx.Queue()
        stop = threading.Event()
        pump = threading.Thread(target=self._pump, args=(q, stop), daemon=True)
        pump.start()
        try:
            with ProcessPoolExecutor(
                max_workers=min(self._workers, len(items)),
                mp_context=ctx,
                initializer=_init_worker,
                initargs=(q,),
            ) as pool:
                return list(pool.map(fn, items))
        finally:
            stop.set()
            pump.join()
            q.close()
            q.join_thread()

    def _pump(self, q: Any, stop: threading.Event) -> None:
        while True:
            try:
                item = q.get(timeout=0.1)
            except queue.Empty:
                if stop.is_set():
                    return
                continue
            if self._progress is not None:
                self._progress.put(item)
