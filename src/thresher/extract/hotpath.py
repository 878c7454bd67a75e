"""Which extraction code runs: the hot path compiled at install, or its Python source.

`pip install` compiles the extraction's hot path (`MODULES`: the DOM walk, the Box/Line
tree, the selection and the rendering) with mypyc when a C compiler is there; the
compiled modules are built from the same `.py` files, give the same output bytes, and
sit next to them as extension modules, which Python's import prefers. This module is
the one place that lists them: `setup.py` runs this file on its own for `MODULES`,
`GROUP`, `BUILD_FILE` and `source_digests` (so it imports the standard library only).
It decides, once per process and for all of them together, which path runs:

- pure Python when ``THRESHER_PURE_PYTHON=1`` is set (tests, debugging);
- pure Python when nothing was compiled (no C compiler at install, or the build failed);
- pure Python when a module's source changed since it was compiled: an editable install
  keeps running its binaries after the `.py` files are edited, and they must not run
  yesterday's code (reinstall to recompile);
- compiled otherwise.

Mixing is not possible: compiled modules call each other natively and share their
classes (`Box`, `Line`), so a pure module next to compiled ones would not recognise
their objects. `status()` says which path runs and why; `report_once()` logs it once per
process, at the first extraction, when the path is pure without having been asked for.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.abc import MetaPathFinder
from pathlib import Path
from types import ModuleType
from typing import Final

#: The compiled modules of `thresher.extract`, by name (read by `setup.py`).
MODULES: Final = ("units", "tree", "vocab", "blocks", "content", "render")
#: mypyc's group: its shared library is `thresher/extract/_native__mypyc.*.so`.
GROUP: Final = "thresher.extract._native"
#: Written next to the compiled modules by the build: the SHA-256 of each source.
BUILD_FILE: Final = "_compiled.json"
#: Set to 1 to run the pure-Python path even when the compiled one is installed.
PURE_ENV: Final = "THRESHER_PURE_PYTHON"

PACKAGE: Final = "thresher.extract"
_HERE: Final = Path(__file__).resolve().parent
_log = logging.getLogger(PACKAGE)


@dataclass(frozen=True, slots=True)
class HotPath:
    """The extraction path a process runs: `compiled` or not, and why.

    `asked` is True when the pure path was asked for (``THRESHER_PURE_PYTHON=1``).
    """

    compiled: bool
    reason: str
    asked: bool = False

    def describe(self) -> str:
        """One line for logs and ``thresher --version``."""
        if self.compiled:
            return f"extraction: compiled ({self.reason})"
        return f"extraction: pure Python ({self.reason})"


def choose(directory: Path, environ: Mapping[str, str]) -> HotPath:
    """Decide the path for the modules in `directory` (pure function of files and env)."""
    if environ.get(PURE_ENV, "") not in ("", "0"):
        return HotPath(False, f"{PURE_ENV}={environ[PURE_ENV]}", asked=True)
    manifest = directory / BUILD_FILE
    try:
        built = json.loads(manifest.read_text(encoding="utf-8"))
        sources: dict[str, str] = built["sources"]
        compiler = str(built["compiler"])
    except (OSError, ValueError, KeyError, TypeError):
        return HotPath(
            False,
            "not compiled at install (no C compiler, THRESHER_NO_COMPILE=1, or a failed "
            "build); reinstall with a C compiler for the faster compiled path",
        )
    for name in MODULES:
        if not _has_extension(directory, name):
            return HotPath(False, f"compiled module {name} missing for this Python")
        try:
            digest = _digest(directory / f"{name}.py")
        except OSError:
            return HotPath(False, f"source {name}.py missing")
        if sources.get(name) != digest:
            return HotPath(
                False, f"{name}.py changed since it was compiled: reinstall to recompile"
            )
    return HotPath(True, compiler)


def _has_extension(directory: Path, name: str) -> bool:
    return any(
        (directory / f"{name}{suffix}").is_file()
        for suffix in importlib.machinery.EXTENSION_SUFFIXES
    )


def source_digests(directory: Path) -> dict[str, str]:
    """SHA-256 of each module's source in `directory` (what the build records)."""
    return {name: _digest(directory / f"{name}.py") for name in MODULES}


def _digest(source: Path) -> str:
    return hashlib.sha256(source.read_bytes()).hexdigest()


class _SourceFinder(MetaPathFinder):
    """Loads the listed modules from their `.py` files, passing over compiled ones."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.names:
            return None
        leaf = fullname.rpartition(".")[2]
        for entry in path or ():
            source = Path(entry) / f"{leaf}.py"
            if source.is_file():
                return importlib.util.spec_from_file_location(fullname, source)
        return None


_chosen: HotPath | None = None
_reported = False


def install() -> HotPath:
    """Choose the path (once per process) before any of `MODULES` is imported.

    Called first thing by `thresher.extract`'s `__init__`. On the pure path, a finder
    placed before Python's own makes the imports of `MODULES` load their sources.
    """
    global _chosen
    if _chosen is not None:
        return _chosen
    chosen = choose(_HERE, os.environ)
    if not chosen.compiled and any(_has_extension(_HERE, name) for name in MODULES):
        sys.meta_path.insert(0, _SourceFinder(frozenset(f"{PACKAGE}.{n}" for n in MODULES)))
    _chosen = chosen
    return chosen


def status() -> HotPath:
    """The path this process runs, checked against the modules actually loaded."""
    chosen = install()
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    for name in MODULES:
        module = sys.modules.get(f"{PACKAGE}.{name}")
        origin = getattr(module, "__file__", None) or ""
        if module is not None and origin.endswith(suffixes) != chosen.compiled:
            return HotPath(False, f"inconsistent: {name} loaded from {origin}")
    return chosen


def report_once() -> None:
    """Log the path once per process, at the first extraction.

    A warning when the pure path runs without having been asked for (it is slower:
    see BENCHMARKS.md), an info line when ``THRESHER_PURE_PYTHON`` asked for it,
    nothing more on later pages. A log record, not a `warnings` warning: it does not
    turn into an error under ``-W error`` or pytest's ``filterwarnings = error``.
    """
    global _reported
    if _reported:
        return
    _reported = True
    path = status()
    if path.compiled:
        _log.debug("thresher %s", path.describe())
    elif path.asked:
        _log.info("thresher %s", path.describe())
    else:
        _log.warning("thresher %s", path.describe())
