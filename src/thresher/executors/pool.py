"""A pool of worker processes that never outlive their parent (see :mod:`.worker`).

The parent hands one task at a time to each idle worker and keeps results in task
order. A task that raises makes :meth:`WorkerPool.map` stop the other workers and
raise the same exception (with the worker's traceback as a note); a worker that
dies makes it raise :class:`WorkerDied`. Any exit from ``map`` other than a normal
return (an error, Ctrl-C) kills the workers, so nothing keeps writing behind the
caller's back; what they left uncommitted is cleaned up by the next run.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from typing import IO, Any, TypeVar

from thresher.executors.worker import BOOT, receive, send
from thresher.run.progress import ProgressSink

__all__ = ["WorkerDied", "WorkerPool"]

T = TypeVar("T")
R = TypeVar("R")

_EXIT_TIMEOUT_S = 10.0


class WorkerDied(RuntimeError):
    """A worker process ended while it ran a task (killed, out of memory...)."""


class _Worker:
    def __init__(self, number: int, events: queue.Queue[tuple[int, Any]]) -> None:
        self.number = number
        self.proc = subprocess.Popen(
            [sys.executable, "-c", BOOT, json.dumps(sys.path), str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self.task: int | None = None
        self._reader = threading.Thread(
            target=self._read, args=(events,), name=f"worker-{number}-reader", daemon=True
        )
        self._reader.start()

    def _read(self, events: queue.Queue[tuple[int, Any]]) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            try:
                message = receive(stream)
            except Exception as exc:  # a reply that cannot be read is a dead channel
                events.put((self.number, ("lost", repr(exc))))
                return
            events.put((self.number, message))
            if message is None:
                return

    def give(self, index: int, blob: bytes) -> None:
        assert self.proc.stdin is not None
        self.task = index
        send(self.proc.stdin, (index, blob))

    def stop(self) -> None:
        """Close the task pipe (the worker exits at once) and wait for it."""
        _close_quietly(self.proc.stdin)
        try:
            self.proc.wait(timeout=_EXIT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            _close_quietly(stream)


def _close_quietly(stream: IO[bytes] | None) -> None:
    if stream is not None:
        with contextlib.suppress(OSError):
            stream.close()


class WorkerPool:
    """``size`` worker processes, started on the first :meth:`map`, kept until :meth:`close`."""

    def __init__(self, size: int, progress: ProgressSink | None = None) -> None:
        if size < 1:
            raise ValueError("size must be >= 1")
        self.size = size
        self._progress = progress
        self._events: queue.Queue[tuple[int, Any]] = queue.Queue()
        self._workers: list[_Worker] = []

    def _start(self) -> list[_Worker]:
        if not self._workers:
            self._events = queue.Queue()
            self._workers = [_Worker(n, self._events) for n in range(self.size)]
        return self._workers

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """``[fn(item) for item in items]``, computed by the workers; results in order."""
        workers = self._start()
        blobs = [pickle.dumps((fn, item), protocol=pickle.HIGHEST_PROTOCOL) for item in items]
        results: list[Any] = [None] * len(items)
        try:
            following = iter(range(len(items)))
            for worker in workers:
                index = next(following, None)
                if index is not None:
                    worker.give(index, blobs[index])
            remaining = len(items)
            while remaining:
                number, message = self._events.get()
                worker = workers[number]
                if self._handle(worker, message, results):
                    remaining -= 1
                    worker.task = None
                    index = next(following, None)
                    if index is not None:
                        worker.give(index, blobs[index])
        except BaseException:
            self.terminate()
            raise
        return results

    def _handle(self, worker: _Worker, message: Any, results: list[Any]) -> bool:
        """Act on one message; True when it finished a task."""
        if message is None or message[0] == "lost":
            code = worker.proc.wait()
            raise WorkerDied(
                f"worker process {worker.proc.pid} ended (exit code {code}) "
                f"while running task {worker.task}"
            )
        kind = message[0]
        if kind == "progress":
            if self._progress is not None:
                self._progress.put(message[1])
            return False
        if kind == "error":
            _, _, exc, trace = message
            exc.add_note(f"in worker process {worker.proc.pid}:\n{trace}")
            raise exc
        _, index, value = message
        results[index] = value
        return True

    def close(self) -> None:
        """Let the workers finish and exit (they hold no task between maps)."""
        workers, self._workers = self._workers, []
        for worker in workers:
            worker.stop()

    def terminate(self) -> None:
        """Kill the workers now (their uncommitted files are cleaned up by the next run)."""
        workers, self._workers = self._workers, []
        for worker in workers:
            worker.kill()
