"""``run_pipeline``: a pipeline over input files into an output directory, resumably.

The output directory's layout is in :mod:`thresher.run.layout`. Every task (one
phase over one shard, or one task of a stage) commits its files atomically and only
then leaves its completion marker (:mod:`thresher.run.commit`); a rerun of the same
command skips marked tasks, so a killed run resumes where it stopped and gives the
same bytes as an uninterrupted one, with 1 worker, N workers or Ray.

At the end it writes ``manifest.json``, ``samples.json`` (the documents sampled per
drop reason) and ``report.html`` (:mod:`thresher.report`), and records this attempt's
wall time beside the earlier attempts' (:mod:`thresher.run.attempts`).
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thresher import registry
from thresher.config import ConfigError
from thresher.executors.local import LocalExecutor
from thresher.pipeline import PipelineSpec
from thresher.readers import expand_inputs
from thresher.run import layout
from thresher.run.attempts import AttemptClock, attempt_seconds
from thresher.run.commit import LocalStore
from thresher.run.errors import RunError
from thresher.run.inputs import InputFile, name_inputs
from thresher.run.manifest import build_manifest, dumps_manifest
from thresher.run.outdir import open_outdir, stamp
from thresher.run.phases import PhasesResult, run_phases
from thresher.run.progress import Progress
from thresher.run.stats import ShardStats
from thresher.stage import TaskRunner

__all__ = ["RunResult", "run_pipeline"]

_SCRIPT_RAN_AGAIN = (
    "a worker process ran your script to find the steps it registers, and the script "
    "started a run again: put the run under `if __name__ == \"__main__\":`"
)


@dataclass
class RunResult:
    """What :func:`run_pipeline` returns: the merged counts and where things are."""

    outdir: Path
    stats: ShardStats
    outputs: list[Path]
    rejected: list[Path]
    seconds: float
    """This attempt's wall time."""
    manifest: dict[str, Any] = field(default_factory=dict)
    run_seconds: float = 0.0
    """The wall time of the whole run: every attempt's, resumes included."""
    attempts: int = 1
    report: Path | None = None
    """``report.html``, or None when it could not be written (the run's data is complete)."""


def _preflight(spec: PipelineSpec) -> None:
    """What must hold before hours of work start (the spec itself is checked when built)."""
    if spec.output.format == "parquet":
        from thresher.writers.parquet import require_pyarrow

        try:
            require_pyarrow()
        except ImportError as exc:
            raise ConfigError(str(exc)) from None


def _inputs(inputs: Sequence[str | Path]) -> list[InputFile]:
    files = expand_inputs([str(i) for i in inputs])
    if not files:
        raise RunError("no input files found in: " + ", ".join(map(str, inputs)))
    try:
        return name_inputs(files)
    except OSError as exc:
        raise RunError(f"cannot read input {exc.filename}: {exc.strerror}") from None


def run_pipeline(
    inputs: Sequence[str | Path],
    outdir: str | Path,
    spec: PipelineSpec,
    workers: int = 1,
    executor: TaskRunner | None = None,
    show_progress: bool = False,
    log_every_s: float = 10.0,
) -> RunResult:
    """Run ``spec`` over ``inputs`` into ``outdir``; resumes a run killed in the same place.

    With ``workers`` > 1 the shards run in worker processes that do not import the
    calling script again, so a script needs no ``if __name__ == "__main__":`` guard
    (unless it registers steps of its own: workers then run it to find them).
    ``executor`` runs the tasks elsewhere (e.g. :class:`~thresher.executors.ray.RayExecutor`).
    ``show_progress`` prints progress on stderr: a live line on a terminal, else a line
    every ``log_every_s`` seconds (see :mod:`thresher.run.progress`).
    """
    if registry.loading_script():
        raise RunError(_SCRIPT_RAN_AGAIN)
    started = time.monotonic()
    outdir = Path(outdir)
    files = _inputs(inputs)
    _preflight(spec)
    with open_outdir(outdir, stamp(spec.config_hash(), files)) as store:
        clock = AttemptClock(store)
        shown = Progress(sys.stderr if show_progress else None, log_every_s=log_every_s,
                         on_tick=clock.tick)
        try:
            if executor is not None:
                done = run_phases(executor, spec, store, files, shown)
            else:
                with LocalExecutor(workers, shown) as local:
                    done = run_phases(local, spec, store, files, shown)
        finally:
            shown.close()
        outputs = store.list(layout.DATA)
        rejected = store.list(layout.REJECTED)
        wall = time.monotonic() - started
        clock.finish()
        attempts = attempt_seconds(store)
        manifest = build_manifest(
            spec, files, done.total, outputs, rejected, wall, profile=done.profile,
            phases=done.phases, phase_seconds=done.phase_seconds, attempts=attempts,
        )
        store.put(layout.MANIFEST, dumps_manifest(manifest))
        store.put(layout.SAMPLES, _samples(done))
        report = _write_report(store)
    return RunResult(
        outdir,
        done.total,
        [outdir / key for key in outputs],
        [outdir / key for key in rejected],
        wall,
        manifest,
        manifest["timing"]["run_wall_seconds"],
        len(attempts),
        report,
    )


def _samples(done: PhasesResult) -> bytes:
    text = json.dumps(done.profile.samples_json(), ensure_ascii=False, indent=1, sort_keys=True)
    return (text + "\n").encode("utf-8")


def _write_report(store: LocalStore) -> Path | None:
    """Write ``report.html``; a failure is said, not raised (the run's data is complete)."""
    from thresher.report import write_report

    try:
        write_report(store.root)
    except Exception as exc:  # the report must never cost a finished run
        warnings.warn(f"report.html not written: {type(exc).__name__}: {exc}",
                      RuntimeWarning, stacklevel=2)
        return None
    return store.path(layout.REPORT)
