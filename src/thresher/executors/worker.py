"""A worker process of :class:`~thresher.executors.pool.WorkerPool`, and the pipe protocol.

The parent starts ``python -c BOOT`` with its own ``sys.path``; nothing else of the
parent is imported (not its ``__main__`` script: a script needs no
``if __name__ == "__main__":`` guard). Messages are length-prefixed pickles on the
worker's stdin (tasks) and on a copy of its stdout (results, progress); the real
stdout is pointed at stderr, so a print in a step cannot corrupt the channel.

A worker dies with its parent, promptly, whatever it is doing:

* on Linux the kernel kills it when the parent dies (``PR_SET_PDEATHSIG``);
* everywhere, a watchdog thread exits when the parent's pid is no longer its
  parent (a re-parented orphan), and an idle worker exits on end of input.

Ctrl-C reaches the whole process group; workers ignore it and let the parent decide.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import struct
import sys
import threading
import time
import traceback
from typing import IO, Any, Final

from thresher.run import progress

__all__ = ["BOOT", "main", "receive", "send"]

BOOT: Final = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
    "from thresher.executors.worker import main; main(int(sys.argv[2]))"
)
"""The ``-c`` program of a worker: ``BOOT <json sys.path> <parent pid>``."""

_HEADER = struct.Struct("<Q")
_PR_SET_PDEATHSIG: Final = 1
WATCH_INTERVAL_S: Final = 0.2


def send(stream: IO[bytes], message: object) -> None:
    """Write one message (a length-prefixed pickle) and flush it."""
    blob = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(blob)) + blob)
    stream.flush()


def receive_bytes(stream: IO[bytes]) -> bytes | None:
    """The next message's pickle, or ``None`` at the end of the stream."""
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(head)
    blob = stream.read(size)
    return blob if len(blob) == size else None


def receive(stream: IO[bytes]) -> Any:
    """The next message, or ``None`` at the end of the stream."""
    blob = receive_bytes(stream)
    return None if blob is None else pickle.loads(blob)


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the watchdog remains
            pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(WATCH_INTERVAL_S)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


class _Channel:
    """The progress sink of a worker: increments go to the parent as messages."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out

    def put(self, item: progress.Item) -> None:
        send(self.out, ("progress", item))


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling, else a RuntimeError that says what it was."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


def main(parent: int) -> None:
    """Run tasks until the parent closes the pipe (or dies)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    tasks = sys.stdin.buffer
    results = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    progress.set_sink(_Channel(results))
    while True:
        message = receive(tasks)
        if message is None:
            return
        index, blob = message
        reply: tuple[Any, ...]
        try:
            fn, item = pickle.loads(blob)
            reply = ("done", index, fn(item))
        except BaseException as exc:  # the parent decides what a failed task means
            reply = ("error", index, _portable(exc), traceback.format_exc())
        try:
            send(results, reply)
        except Exception as exc:  # an unpicklable result
            send(results, ("error", index, _portable(exc), traceback.format_exc()))
