"""A run's input files and the names documents carry, whatever the paths' spelling.

Ids and provenance must not change when the same crawl is given by a relative or an
absolute path, through a symlink, from another working directory, or after the folder
holding it moved (the bundled sample moves with each reinstall). So a document's
``source`` is not the path as typed but the input's **name in the run**: the shortest
tail of its real path (symlinks resolved) that no other input of the run shares, which
is its file name unless two inputs have the same one::

    /data/cc/CC-MAIN-1.warc.gz, /data/cc/CC-MAIN-2.warc.gz  ->  CC-MAIN-1.warc.gz, CC-MAIN-2.warc.gz
    site-a/index.html, site-b/index.html                    ->  site-a/index.html, site-b/index.html

Inputs are ordered by that name (shard numbers follow it), and the output directory
remembers names and sizes, not paths, so a moved crawl resumes its own run.

>>> [f for f in _unique_tails([("x", "a", "f.html"), ("x", "b", "f.html"), ("x", "g.html")])]
['a/f.html', 'b/f.html', 'g.html']
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["InputFile", "name_inputs"]


@dataclass(frozen=True)
class InputFile:
    """One input of a run."""

    path: Path
    """Where to read it (as found)."""
    name: str
    """Its name in the run: the ``source`` of its documents (see the module docstring)."""
    size: int
    """Its size in bytes."""


def _unique_tails(parts: Sequence[tuple[str, ...]]) -> list[str]:
    """For each path (as its parts), the shortest tail no other path of ``parts`` ends with."""
    depth = [1] * len(parts)
    while True:
        tails = ["/".join(p[-d:]) for p, d in zip(parts, depth, strict=True)]
        counts = Counter(tails)
        clash = [i for i, t in enumerate(tails) if counts[t] > 1 and depth[i] < len(parts[i])]
        if not clash:
            return tails
        for i in clash:
            depth[i] += 1


def name_inputs(paths: Sequence[Path]) -> list[InputFile]:
    """The inputs with their run names, sorted by name (raises ``OSError`` if one vanished)."""
    real = [Path(os.path.realpath(p)) for p in paths]
    names = _unique_tails([r.parts[1:] if r.is_absolute() else r.parts for r in real])
    found = [
        InputFile(path, name, path.stat().st_size)
        for path, name in zip(paths, names, strict=True)
    ]
    return sorted(found, key=lambda f: f.name)
