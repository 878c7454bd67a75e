"""Line-level cleaning of already-extracted text (WET, JSONL of other pipelines).

:func:`clean_text` removes whole lines of page chrome and teaser rails and
normalises whitespace. It never edits inside a line.

Output form (chosen so that cleaning is idempotent and the seed's expected
text comes out byte for byte):

* lines are split on any Unicode line break and stripped of trailing
  whitespace (leading indentation is kept);
* blank lines are dropped, so each paragraph is one line; with
  ``keep_blank_lines`` runs of blank lines collapse to one instead, and blank
  lines at the start and end go;
* every kept line ends with ``"\\n"``; nothing left gives ``""``.

Detection runs to a fixed point: removing a rail can expose another rail
heading or put a weak chrome line next to a strong one, and cleaning a cleaned
text must change nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from thresher.clean.chrome import find_chrome
from thresher.clean.rails import RULE as RAIL_RULE
from thresher.clean.rails import RailConfig, find_rails

__all__ = ["CleanConfig", "CleanResult", "RemovedLine", "clean_text"]

MAX_PASSES = 64
"""Bound on detection passes; each pass but the last removes at least one line."""


@dataclass(frozen=True)
class CleanConfig:
    """What :func:`clean_text` removes and how it lays out what is left."""

    rails: bool = True
    """Remove teaser rails (heading + headline/excerpt pairs)."""
    chrome: bool = True
    """Remove chrome lines (read more, pagination, share, cookie, newsletter...)."""
    min_rail_pairs: int = 2
    """Headline/excerpt pairs a rail needs after its heading (one more without)."""
    max_chrome_words: int = 12
    """Longest phrase-like chrome line, in words."""
    keep_blank_lines: bool = False
    """Keep paragraph breaks (collapsed to one blank line) instead of dropping them."""

    def __post_init__(self) -> None:
        if self.min_rail_pairs < 1:
            raise ValueError("min_rail_pairs must be >= 1")
        if self.max_chrome_words < 1:
            raise ValueError("max_chrome_words must be >= 1")


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """One removed line and the rule that removed it."""

    rule: str
    line: str


@dataclass(frozen=True, slots=True)
class CleanResult:
    """The cleaned text and the lines removed from it, in input order."""

    text: str
    removed: tuple[RemovedLine, ...]


def _detect(lines: Sequence[str], config: CleanConfig) -> dict[int, str]:
    """One pass: indices of ``lines`` (non-blank) to remove -> rule."""
    found: dict[int, str] = {}
    if config.chrome:
        found.update(find_chrome(lines, config.max_chrome_words))
    if config.rails:
        rest = [i for i in range(len(lines)) if i not in found]
        rail_config = RailConfig(min_pairs=config.min_rail_pairs)
        for j in find_rails([lines[i] for i in rest], rail_config):
            found[rest[j]] = RAIL_RULE
    return found


def _layout(lines: Sequence[str], keep_blank_lines: bool) -> str:
    """Join kept lines (``""`` marks a paragraph break) into the output form."""
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
        elif keep_blank_lines and out and out[-1]:
            out.append("")
    while out and not out[-1]:
        out.pop()
    return "".join(line + "\n" for line in out)


def clean_text(text: str, config: CleanConfig | None = None) -> CleanResult:
    """Remove chrome and teaser-rail lines from ``text``; see the module docstring.

    >>> clean_text("Body of the article.\\n\\nRead more\\nShare this:\\n").text
    'Body of the article.\\n'
    """
    config = config or CleanConfig()
    lines = [line.rstrip() for line in text.splitlines()]
    alive = [i for i, line in enumerate(lines) if line]
    rules: dict[int, str] = {}
    for _ in range(MAX_PASSES):
        found = _detect([lines[i] for i in alive], config)
        if not found:
            break
        rules.update({alive[j]: rule for j, rule in found.items()})
        alive = [i for j, i in enumerate(alive) if j not in found]
    removed = tuple(RemovedLine(rules[i], lines[i]) for i in sorted(rules))
    kept = [line for i, line in enumerate(lines) if i not in rules]
    return CleanResult(_layout(kept, config.keep_blank_lines), removed)
