"""Opening an output directory for a run: create it, lock it, check it holds this run.

:func:`open_outdir` is the one place a run starts writing. In order it

1. refuses a directory that holds something other than a thresher run;
2. creates the directory (an unwritable place or a path under a file is a
   :class:`RunError` in one line, not a traceback);
3. takes the directory's lock (:mod:`thresher.run.lock`), so two runs never write it
   at once;
4. compares the run's stamp (config hash, input names and sizes) with the one the
   directory holds, so a rerun resumes its own run and never mixes two;
5. removes files a killed run left uncommitted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from thresher.run import layout
from thresher.run.commit import LocalStore
from thresher.run.errors import RunError
from thresher.run.inputs import InputFile
from thresher.run.lock import RunLock

__all__ = ["open_outdir", "stamp"]


def stamp(config_hash: str, inputs: Sequence[InputFile]) -> dict[str, Any]:
    """What identifies a run in its output directory (no paths: see :mod:`.inputs`)."""
    return {"config_hash": config_hash, "inputs": [[f.name, f.size] for f in inputs]}


def _refuse_foreign(outdir: Path) -> None:
    if not outdir.exists():
        return
    if not outdir.is_dir():
        raise RunError(f"cannot use {outdir} as the output directory: it is a file")
    if (outdir / layout.STAMP).exists():
        return
    if any(p.name != layout.WORK for p in outdir.iterdir()):
        raise RunError(f"{outdir} exists and is not a thresher output directory of this run")


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _create(outdir: Path) -> None:
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        (outdir / layout.WORK).mkdir(exist_ok=True)
    except OSError as exc:
        raise RunError(f"cannot create the output directory {outdir}: {_reason(exc)}") from None


def _check_stamp(store: LocalStore, current: dict[str, Any]) -> None:
    text = store.marked(layout.STAMP)
    if text is None:
        store.put(layout.STAMP, json.dumps(current, sort_keys=True).encode("utf-8"))
        return
    try:
        previous = json.loads(text)
    except ValueError:
        previous = None
    if previous != current:
        raise RunError(
            f"{store.root} holds a run with other inputs or another config; "
            "use a new output directory (or delete this one) to start over"
        )


@contextmanager
def open_outdir(outdir: Path, current: dict[str, Any]) -> Iterator[LocalStore]:
    """The store of ``outdir``, locked for this run (see the module docstring)."""
    _refuse_foreign(outdir)
    _create(outdir)
    store = LocalStore(outdir)
    lock = RunLock(store.path(layout.LOCK))
    try:
        lock.acquire()
    except OSError as exc:
        raise RunError(f"cannot write in the output directory {outdir}: {_reason(exc)}") from None
    try:
        _check_stamp(store, current)
        store.clean_temps()
        yield store
    except BaseException:
        store.clean_temps()  # what the interrupted tasks left (their workers are stopped)
        raise
    finally:
        lock.release()
