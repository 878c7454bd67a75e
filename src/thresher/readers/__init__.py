"""Readers: stream input files into documents, rejections and skip markers.

>>> from thresher.readers import ReaderConfig, open_reader
>>> from thresher.sample import sample_path
>>> results = list(open_reader(sample_path(), ReaderConfig()))
>>> sum(isinstance(r, Document) for r in results) > 0
True

:func:`open_reader` picks the reader from the file name; :func:`expand_inputs`
turns the command line's folders and globs into the sorted list of files.
See :mod:`thresher.readers.base` for what the iterators yield.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from thresher.document import Document
from thresher.readers.base import (
    READ_REASONS,
    ReaderConfig,
    ReaderError,
    ReadResult,
    Rejection,
    Skipped,
)
from thresher.readers.html import read_html
from thresher.readers.jsonl import read_jsonl
from thresher.readers.warc import read_warc
from thresher.readers.wet import read_wet

__all__ = [
    "READ_REASONS",
    "Document",
    "ReadResult",
    "ReaderConfig",
    "ReaderError",
    "Rejection",
    "Skipped",
    "expand_inputs",
    "input_kind",
    "open_reader",
    "read_html",
    "read_jsonl",
    "read_warc",
    "read_wet",
]

Reader = Callable[[Path, ReaderConfig, str | None], Iterator[ReadResult]]

_SUFFIXES: tuple[tuple[str, str], ...] = (
    (".warc.wet.gz", "wet"),
    (".warc.wet", "wet"),
    (".wet.gz", "wet"),
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".html", "html"),
    (".htm", "html"),
    (".jsonl.gz", "jsonl"),
    (".jsonl.zst", "jsonl"),
    (".jsonl", "jsonl"),
    (".json.gz", "jsonl"),
)

_READERS: dict[str, Reader] = {
    "wet": read_wet,
    "warc": read_warc,
    "html": read_html,
    "jsonl": read_jsonl,
}


def input_kind(path: Path) -> str | None:
    """``"warc"``, ``"wet"``, ``"html"`` or ``"jsonl"`` from the file name; None if unknown.

    >>> input_kind(Path("CC-MAIN-1.warc.wet.gz"))
    'wet'
    """
    name = path.name.lower()
    for suffix, kind in _SUFFIXES:
        if name.endswith(suffix):
            return kind
    return None


def open_reader(path: Path, config: ReaderConfig | None = None,
                source: str | None = None) -> Iterator[ReadResult]:
    """Stream ``path`` with the reader its name calls for.

    WET is recognised by name here, and WARC files holding ``conversion``
    records are read as WET by the WARC reader anyway. Raises
    :class:`ReaderError` for an unknown file type or a file that cannot be
    opened (when iteration starts). ``source`` is the name documents record as
    their provenance and hash into their ids (default: the path as given).
    """
    kind = input_kind(path)
    if kind is None:
        raise ReaderError(path, "unknown input type (expected .warc[.gz], .warc.wet[.gz], "
                          ".html/.htm, .jsonl[.gz|.zst] or .json.gz)")
    return _READERS[kind](path, config or ReaderConfig(), source)


def expand_inputs(inputs: Sequence[str]) -> list[Path]:
    """The input files named by files, folders and glob patterns, sorted and de-duplicated.

    A folder contributes every file below it (recursively) whose name a reader
    recognises, hidden files and folders excepted; so a folder of ``.html``
    files gives one input per page. A glob contributes what it matches. An
    explicit file is kept whatever its name (:func:`open_reader` will say if
    it cannot be read). Raises :class:`ReaderError` for a name that is neither
    an existing path nor a glob matching something.
    """
    found: dict[Path, Path] = {}
    for item in inputs:
        for path in _expand_one(item):
            found.setdefault(path.resolve(), path)
    return sorted(found.values(), key=str)


def _expand_one(item: str) -> list[Path]:
    path = Path(item)
    if path.is_dir():
        return [p for p in path.rglob("*") if p.is_file() and _wanted(p, path)]
    if path.exists():
        return [path]
    if glob.has_magic(item):
        matches = [Path(m) for m in glob.glob(item, recursive=True)]
        files = [m for m in matches if m.is_file()]
        if files:
            return files
        raise ReaderError(path, "glob matches no input file")
    raise ReaderError(path, "no such file or directory")


def _wanted(path: Path, root: Path) -> bool:
    hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
    return not hidden and input_kind(path) is not None
