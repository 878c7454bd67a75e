"""Progress: workers report increments; the main process shows them on stderr.

On a terminal it is one live line, rewritten in place. Otherwise (stderr is a file
or a pipe: ``nohup``, CI, a cluster's job log) it is a plain line every
``log_every_s`` seconds, so a log shows the run moving. In both, a permanent line
says when a phase or a stage starts and ends (with its counts, which add up to the
final summary's), and a resumed run first says what it found done.

A phase's line counts what entered the phase and what it passed on: phase 0 reads
the input records (its ETA comes from the input bytes), a later phase the documents
the previous one passed on (its ETA from their number). Rates and ETAs are measured
from the first record this process saw in the phase, not from its start, so loading
models or reading the markers of a resumed run does not make the first ETA absurd,
and no ETA is shown before :data:`ETA_AFTER_S` seconds of steady work.

Only counts travel (``report(phase, records, passed, nbytes)``); they never affect results.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Protocol, TextIO

__all__ = [
    "ETA_AFTER_S",
    "PhaseStart",
    "Progress",
    "ProgressSink",
    "format_duration",
    "report",
    "set_sink",
]

ETA_AFTER_S: Final = 5.0
"""No ETA before this many seconds of measured work in a phase."""
ETA_AFTER_SHARE: Final = 0.01
"""...nor before this share of the phase's remaining work is done."""

Item = tuple[int, int, int, int]
"""``(phase, records, passed, nbytes)`` increments."""


class ProgressSink(Protocol):
    def put(self, item: Item) -> Any: ...


# The sink of this process: the pipe to the parent in pool workers, the Progress itself
# in the main process. It only carries progress counts and never affects results.
_sink: ProgressSink | None = None


def set_sink(sink: ProgressSink | None) -> None:
    """Install where :func:`report` sends increments (called by executors)."""
    global _sink
    _sink = sink


def report(phase: int, records: int, passed: int, nbytes: int) -> None:
    """Add ``records`` entered phase ``phase``, ``passed`` on, ``nbytes`` of input read."""
    if _sink is not None:
        _sink.put((phase, records, passed, nbytes))


def format_duration(seconds: float) -> str:
    """``42.0s``, ``3:05``, ``2:03:05``."""
    if seconds < 60:
        return f"{seconds:.1f}s"
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass(frozen=True)
class PhaseStart:
    """What the run knows when a phase starts."""

    phase: int
    phases: int
    steps: Sequence[str]
    shards: int
    done_shards: int = 0
    done_records: int = 0
    """Records the shards done by an earlier attempt took in (and passed on, below)."""
    done_passed: int = 0
    done_bytes: int = 0
    total_bytes: int = 0
    """Phase 0: input bytes of all shards."""
    expected_records: int | None = None
    """Later phases: the documents the previous phase passed on."""
    next_stage: str | None = None
    """The stage the phase hands over to (None: the phase writes the output)."""


@dataclass
class _Phase:
    start: PhaseStart
    began: float
    records: int = 0
    passed: int = 0
    nbytes: int = 0
    first: float | None = None
    """When this process saw the phase's first increment: rates count from there, and
    without what that increment brought (its work includes the start-up)."""
    first_records: int = 0
    first_bytes: int = 0


@dataclass
class Progress:
    """Shows the run's progress on ``stream`` (None: silent, but still counts and ticks)."""

    stream: TextIO | None = field(default_factory=lambda: sys.stderr)
    log_every_s: float = 10.0
    """Seconds between two plain lines when ``stream`` is not a terminal."""
    live_every_s: float = 0.25
    clock: Callable[[], float] = time.monotonic
    on_tick: Callable[[], None] | None = None
    """Called on each increment and each phase or stage boundary (the attempt clock)."""

    def __post_init__(self) -> None:
        self.live = bool(self.stream is not None and getattr(self.stream, "isatty", bool)())
        self._phase: _Phase | None = None
        self._last_draw = self.clock()
        self._drawn = False

    # -- permanent lines ---------------------------------------------------------------------------

    def note(self, text: str) -> None:
        """Print one permanent line (a resumed run's findings, a phase or stage boundary)."""
        if self.stream is None:
            return
        if self.live and self._drawn:
            self.stream.write("\r\x1b[K")
            self._drawn = False
        self.stream.write(text + "\n")
        self.stream.flush()

    def start_phase(self, start: PhaseStart) -> None:
        self._phase = _Phase(start, self.clock())
        self._last_draw = self.clock()
        steps = ", ".join(start.steps) or "(no steps)"
        done = f" ({start.done_shards} done before)" if start.done_shards else ""
        self.note(f"phase {start.phase} ({start.phase + 1} of {start.phases}): {steps} over "
                  f"{start.shards} shard(s){done}")
        self._tick()

    def end_phase(self, records: int, passed: int, drops: dict[str, int], seconds: float) -> None:
        """The phase's line: what came in, what went on, what was dropped by which step."""
        phase = self._phase
        self._phase = None
        if phase is None:
            return
        start = phase.start
        entered = "records read" if start.phase == 0 else "documents in"
        went = f"passed to {start.next_stage}" if start.next_stage else "kept"
        by_step = ", ".join(f"{step} {n:,}" for step, n in drops.items() if n)
        dropped = records - passed
        self.note(
            f"phase {start.phase} done in {format_duration(seconds)}: {records:,} {entered}, "
            f"{passed:,} {went}, {dropped:,} dropped" + (f" ({by_step})" if by_step else "")
        )
        self._tick()

    def start_stage(self, name: str, documents: int, shards: int) -> None:
        self.note(f"stage {name}: analysing {documents:,} documents of {shards} shard(s)")
        self._tick()

    def end_stage(self, name: str, seconds: float, resumed: bool) -> None:
        when = "done by an earlier attempt" if resumed else f"done in {format_duration(seconds)}"
        self.note(f"stage {name} {when}")
        self._tick()

    # -- increments ----------------------------------------------------------------------------

    def put(self, item: Item) -> None:
        phase_no, records, passed, nbytes = item
        phase = self._phase
        if phase is None or phase_no != phase.start.phase:
            return
        if phase.first is None:
            phase.first = self.clock()
            phase.first_records, phase.first_bytes = records, nbytes
        phase.records += records
        phase.passed += passed
        phase.nbytes += nbytes
        self._tick()
        self._maybe_draw()

    def _tick(self) -> None:
        if self.on_tick is not None:
            self.on_tick()

    def _maybe_draw(self) -> None:
        if self.stream is None or self._phase is None or not self._phase.records:
            return
        now = self.clock()
        if now - self._last_draw < (self.live_every_s if self.live else self.log_every_s):
            return
        self._last_draw = now
        text = self.text(now)
        if self.live:
            self.stream.write("\r\x1b[K" + text)
            self._drawn = True
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def text(self, now: float) -> str:
        """The running line of the current phase."""
        phase = self._phase
        if phase is None:
            return ""
        start = phase.start
        records = start.done_records + phase.records
        passed = start.done_passed + phase.passed
        unit = "pages" if start.phase == 0 else "docs"
        elapsed = now - phase.first if phase.first is not None else 0.0
        measured = phase.records - phase.first_records
        rate = f"{measured / elapsed:,.0f}" if elapsed > 0 and measured > 0 else "?"
        parts = [f"phase {start.phase}: {records:,}"
                 + (f"/{start.expected_records:,}" if start.expected_records is not None else "")
                 + f" {unit}", f"{rate} {unit}/s"]
        if start.phase == 0:
            read = phase.nbytes - phase.first_bytes
            parts.append(f"{read / elapsed / 1e6:.1f} MB/s" if elapsed > 0 and read > 0
                         else "? MB/s")
        went = f"passed to {start.next_stage}" if start.next_stage else "kept"
        parts.append(f"{passed:,} {went}")
        parts.append(f"ETA {self._eta(phase, elapsed)}")
        return "  ".join(parts)

    def _eta(self, phase: _Phase, elapsed: float) -> str:
        start = phase.start
        if start.phase == 0:
            remaining = start.total_bytes - start.done_bytes
            done, measured = phase.nbytes, phase.nbytes - phase.first_bytes
        elif start.expected_records is not None:
            remaining = start.expected_records - start.done_records
            done, measured = phase.records, phase.records - phase.first_records
        else:
            return "?"
        if elapsed < ETA_AFTER_S or measured <= 0 or done < ETA_AFTER_SHARE * remaining:
            return "?"
        left = max(remaining - done, 0) / (measured / elapsed)
        return format_duration(left)

    def close(self) -> None:
        """End the live line (if one is drawn)."""
        if self.stream is not None and self.live and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
