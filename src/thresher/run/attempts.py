"""The wall time of a run over all its attempts (a resumed run's too).

Each attempt (one ``run_pipeline`` call on an output directory) keeps its elapsed
seconds in ``.work/attempts/attempt-NNNN.json`` and rewrites it every few seconds
while it runs (:meth:`AttemptClock.tick`), so an attempt killed with ``kill -9`` has
counted its time up to its last tick. The run's wall time is the sum over the files.

>>> import tempfile
>>> from pathlib import Path
>>> from thresher.run.commit import LocalStore
>>> store = LocalStore(Path(tempfile.mkdtemp()))
>>> first = AttemptClock(store, clock=iter([0.0, 12.0]).__next__)
>>> first.finish()
12.0
>>> second = AttemptClock(store, clock=iter([100.0, 103.5]).__next__)
>>> second.number, second.finish(), total_seconds(store)
(2, 3.5, 15.5)
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Final

from thresher.run import layout
from thresher.run.commit import Store

__all__ = ["AttemptClock", "attempt_seconds", "total_seconds"]

TICK_EVERY_S: Final = 5.0


def attempt_seconds(store: Store) -> list[float]:
    """The recorded seconds of every attempt so far, in order."""
    found = []
    for key in store.list(layout.ATTEMPTS):
        try:
            found.append(float(json.loads(store.get(key))["seconds"]))
        except (ValueError, KeyError, TypeError):
            continue  # a file this version cannot read counts as nothing
    return found


def total_seconds(store: Store) -> float:
    """The run's wall time: the sum of its attempts' seconds."""
    return round(sum(attempt_seconds(store)), 3)


class AttemptClock:
    """This attempt's elapsed time, kept in its file in the output directory."""

    def __init__(self, store: Store, clock: Callable[[], float] = time.monotonic) -> None:
        self._store = store
        self._clock = clock
        self._started = clock()
        self._written = self._started
        self.number = len(store.list(layout.ATTEMPTS)) + 1
        self._key = layout.attempt(self.number)

    def seconds(self, now: float | None = None) -> float:
        return (self._clock() if now is None else now) - self._started

    def tick(self) -> None:
        """Record the elapsed time if the last record is older than a few seconds."""
        now = self._clock()
        if now - self._written >= TICK_EVERY_S:
            self._write(now)

    def finish(self) -> float:
        """Record the final elapsed time and return it."""
        now = self._clock()
        self._write(now)
        return self.seconds(now)

    def _write(self, now: float) -> None:
        self._written = now
        payload = {"attempt": self.number, "seconds": round(self.seconds(now), 3)}
        self._store.put(self._key, json.dumps(payload).encode("utf-8"))


