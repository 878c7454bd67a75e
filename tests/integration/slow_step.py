"""A test-only step that sleeps, so a run can be killed while it is half done."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

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
