"""A test-only step that sleeps, so a run can be killed while it is half done."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from thresher.config import NoConfig
from thresher.document import Document
from thresher.registry import register
from thresher.step import Drop, Mapper


@dataclass(frozen=True)
class SlowConfig:
    seconds_per_doc: float = 0.02


@register
class Slow(Mapper[SlowConfig]):
    """Sleeps, then upper-cases nothing: a pass-through with a cost."""

    name = "test_slow"

    def map(self, doc: Document) -> Document | Drop:
        time.sleep(self.config.seconds_per_doc)
        return doc


@register
class Explode(Mapper[NoConfig]):
    """Raises on documents whose text contains "boom", like a step with a bug would."""

    name = "test_explode"

    def map(self, doc: Document) -> Document | Drop:
        if "boom" in doc.text:
            raise ValueError("cannot handle this one")
        return doc


@register
class Die(Mapper[NoConfig]):
    """Ends its process on documents whose text contains "die", like a crash in C code would."""

    name = "test_die"

    def map(self, doc: Document) -> Document | Drop:
        if "die" in doc.text:
            os._exit(3)
        return doc


@dataclass(frozen=True)
class MeetConfig:
    folder: str = ""
    processes: int = 2
    timeout_s: float = 120.0


@register
class Meet(Mapper[MeetConfig]):
    """A pass-through whose setup waits until ``processes`` distinct processes set it up.

    Each task (a shard) leaves its process id in ``folder``; a run whose tasks all go to
    one process never meets the others and fails after ``timeout_s``.
    """

    name = "test_meet"

    def setup(self) -> None:
        folder = Path(self.config.folder)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / str(os.getpid())).touch()
        deadline = time.monotonic() + self.config.timeout_s
        while len(list(folder.iterdir())) < self.config.processes:
            if time.monotonic() > deadline:
                raise RuntimeError(f"no {self.config.processes} processes met in {folder}")
            time.sleep(0.01)

    def map(self, doc: Document) -> Document | Drop:
        return doc
