"""Live progress: workers report increments; the main process draws one line on a terminal."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

__all__ = ["ProgressLine", "ProgressSink", "report", "set_sink"]


class ProgressSink(Protocol):
    def put(self, item: tuple[int, int, int]) -> Any: ...


# The sink of this process: a multiprocessing queue in pool workers, the progress line
# itself in the main process. It only carries progress counts and never affects results.
_sink: ProgressSink | None = None


def set_sink(sink: ProgressSink | None) -> None:
    """Install where :func:`report` sends increments (called by executors)."""
    global _sink
    _sink = sink


def report(records: int, kept: int, nbytes: int) -> None:
    """Add ``records`` read, ``kept`` written and ``nbytes`` of input consumed."""
    if _sink is not None:
        _sink.put((records, kept, nbytes))


@dataclass
class ProgressLine:
    """One self-rewriting status line on stderr; silent when stderr is not a terminal."""

    total_bytes: int
    stream: TextIO = sys.stderr
    min_interval_s: float = 0.25
    records: int = 0
    kept: int = 0
    nbytes: int = 0

    def __post_init__(self) -> None:
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.monotonic()
        self._last_draw = 0.0

    def put(self, item: tuple[int, int, int]) -> None:
        records, kept, nbytes = item
        self.records += records
        self.kept += kept
        self.nbytes += nbytes
        self.draw()

    def draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last_draw < self.min_interval_s:
            return
        self._last_draw = now
        self.stream.write("\r\x1b[K" + self.text(now))
        self.stream.flush()

    def text(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-6)
        rate = self.records / elapsed
        mbps = self.nbytes / elapsed / 1e6
        kept = 100.0 * self.kept / self.records if self.records else 0.0
        eta = "?"
        if self.total_bytes and self.nbytes and mbps > 0:
            left = max(self.total_bytes - self.nbytes, 0) / (mbps * 1e6)
            eta = f"{int(left) // 60}:{int(left) % 60:02d}"
        return (
            f"{self.records:,} pages  {rate:,.0f} pages/s  {mbps:.1f} MB/s  "
            f"{kept:.0f}% kept  ETA {eta}"
        )

    def close(self) -> None:
        if self.enabled:
            self.draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
