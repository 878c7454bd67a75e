"""Phases and stages: the tasks of a run, each resumable.

A pipeline is split at its stages (:func:`segments`): phase 0 reads the inputs and
runs the steps before the first stage, stage 0 analyses what phase 0 kept, phase 1
applies stage 0's decisions and runs the steps up to the next stage, and so on; the
last phase writes the output. One phase over one shard is a :class:`PhaseTask`
(plain data, so it pickles to worker processes and Ray); :func:`run_phase_task`
commits its files, then its marker, whose payload is the task's counts. A task whose
marker exists returns those counts without running, so a rerun resumes a killed run
and a finished run reruns as a no-op.

Once every shard of phase K+1 is committed, the documents phase K handed over and
stage K's files are removed (:func:`run_phases`): a finished run keeps only its
output, its rejected records, its manifest and its markers.

Each task also leaves what it saw for the report (:mod:`thresher.run.profile`),
before its marker; when a phase ends, its shards' profiles are folded into one file.
The main process reads the markers first: a resumed run says what it found done,
sends only the remaining tasks to the workers, and its progress counts include the
shards done before, so they add up to the final summary's.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thresher import registry
from thresher.config import build_config
from thresher.document import Document
from thresher.pipeline import PipelineSpec
from thresher.readers import ReaderConfig, Rejection, Skipped, open_reader
from thresher.run import layout, progress
from thresher.run.commit import LocalStore
from thresher.run.documents import DocumentWriter, process_documents
from thresher.run.inputs import InputFile
from thresher.run.profile import HOSTS_PER_TASK, Profile, dumps_profile, loads_profile
from thresher.run.progress import PhaseStart, Progress
from thresher.run.stats import ShardStats
from thresher.serialize import parse_documents, text_reader
from thresher.stage import Stage, TaskRunner
from thresher.step import Step
from thresher.writers import IntermediateWriter, RejectedWriter, WriterConfig, open_shard_writer

__all__ = ["PhaseTask", "PhasesResult", "run_phase_task", "run_phases", "segments"]


@dataclass(frozen=True)
class PhaseTask:
    """One phase of the pipeline over one shard; plain data so it pickles to workers."""

    phase: int
    shard: int
    source: str
    """Phase 0: the input file's path. Later phases: the key of the previous phase's shard."""
    name: str
    """The input's name in the run (the ``source`` of its documents)."""
    outdir: str
    spec: dict[str, Any]
    last: bool
    plugins: tuple[str, ...] = ()
    """Modules that register plugin steps (see :func:`thresher.registry.load_plugins`)."""


def segments(
    elements: Sequence[Step[Any] | Stage[Any]],
) -> tuple[list[list[Step[Any]]], list[Stage[Any]]]:
    """Split the pipeline at its stages: ``len(segments) == len(stages) + 1``."""
    parts: list[list[Step[Any]]] = [[]]
    stages: list[Stage[Any]] = []
    for element in elements:
        if isinstance(element, Stage):
            stages.append(element)
            parts.append([])
        else:
            parts[-1].append(element)
    return parts, stages


# -- one task -----------------------------------------------------------------------------------


def _read_input(path: Path, name: str, config: ReaderConfig, stats: ShardStats) -> Iterator[
    Document | Rejection
]:
    """The records of an input file; skips counted, bytes reported to the progress line."""
    last_offset = 0
    for item in open_reader(path, config, name):
        if isinstance(item, Skipped):
            stats.skipped[item.kind] += 1
            continue
        offset = (item.doc if isinstance(item, Rejection) else item).provenance.offset
        if offset is not None and offset > last_offset:
            progress.report(0, 0, 0, offset - last_offset)
            last_offset = offset
        yield item
    size = os.path.getsize(path)
    stats.bytes_in += size
    if size > last_offset:
        progress.report(0, 0, 0, size - last_offset)


def _read_intermediate(store: LocalStore, key: str) -> Iterator[Document]:
    with text_reader(store.open(key), key) as lines:
        yield from parse_documents(lines)


def _writer_config(spec: PipelineSpec) -> WriterConfig:
    o = spec.output
    return WriterConfig(
        suffix="." + o.format,
        max_docs_per_shard=o.max_docs_per_shard or None,
        max_bytes_per_shard=o.max_bytes_per_shard or None,
    )


class _Ticker:
    """Reports the records of a phase to the progress line in batches."""

    def __init__(self, phase: int) -> None:
        self.phase = phase
        self.records = self.kept = 0

    def __call__(self, kept: bool) -> None:
        self.records += 1
        self.kept += int(kept)
        if self.records >= 64:
            self.flush()

    def flush(self) -> None:
        if self.records:
            progress.report(self.phase, self.records, self.kept, 0)
        self.records = self.kept = 0


def run_phase_task(task: PhaseTask) -> ShardStats:
    """Run one phase over one shard, commit its files, then its marker; its counts."""
    store = LocalStore(Path(task.outdir))
    marker = layout.phase_marker(task.phase, task.shard)
    done = store.marked(marker)
    if done is not None:
        return ShardStats.from_json(json.loads(done))

    registry.load_plugins(task.plugins)
    spec = PipelineSpec.from_dict(task.spec)
    parts, stages = segments(spec.build())
    steps: list[Step[Any]] = []
    if task.phase > 0:
        prev = stages[task.phase - 1]
        workdir = store.path(layout.stage_dir(task.phase - 1, prev.name))
        steps.append(prev.applier(workdir, task.shard))
    steps.extend(parts[task.phase])
    for step in steps:
        step.setup()

    stats = ShardStats()
    if task.phase == 0:
        reader = build_config(ReaderConfig, "reader", spec.reader)
        items: Iterator[Document | Rejection] = _read_input(
            Path(task.source), task.name, reader, stats
        )
    else:
        items = _read_intermediate(store, task.source)
    out: DocumentWriter
    if task.last:
        out = open_shard_writer(
            store.sub(layout.DATA), layout.OUTPUT_PREFIX, task.shard, _writer_config(spec)
        )
    else:
        out = IntermediateWriter(store, layout.intermediate(task.phase, task.shard))
    rejected = RejectedWriter(
        store.sub(layout.REJECTED), layout.rejected_prefix(task.phase), task.shard
    )
    ticker = _Ticker(task.phase)
    profile = Profile()
    try:
        process_documents(
            items, steps, spec.annotate_only, stats, out, rejected, ticker, profile, task.last
        )
    except BaseException:
        out.abort()
        rejected.abort()
        raise
    ticker.flush()
    out.commit()
    rejected.commit()
    store.put(layout.shard_profile(task.phase, task.shard), dumps_profile(profile, HOSTS_PER_TASK))
    store.mark(marker, json.dumps(stats.to_json(), sort_keys=True))
    if task.phase > 0:
        store.remove(task.source)  # handed over by the previous phase; no longer needed
    return stats


# -- the sequence of phases and stages ----------------------------------------------------------


@dataclass
class PhasesResult:
    """What :func:`run_phases` returns: the run's counts, its profile, each phase's counts."""

    total: ShardStats
    profile: Profile
    phases: list[dict[str, Any]] = field(default_factory=list)
    """Per phase: its steps, the stage after it, records in, passed on, dropped by step."""
    phase_seconds: list[float] = field(default_factory=list)


def _done_shards(store: LocalStore, phase: int, shards: int) -> dict[int, ShardStats]:
    """The counts of the shards of ``phase`` an earlier attempt finished, by shard."""
    found = {}
    for shard in range(shards):
        payload = store.marked(layout.phase_marker(phase, shard))
        if payload is not None:
            found[shard] = ShardStats.from_json(json.loads(payload))
    return found


def resume_note(store: LocalStore, phases: int, stages: Sequence[Stage[Any]], shards: int) -> str:
    """What an earlier attempt finished (``""`` for a new run)."""
    parts = []
    for phase in range(phases):
        done = sum(store.exists(layout.phase_marker(phase, i)) for i in range(shards))
        if done:
            parts.append(f"phase {phase} {done}/{shards} shards done")
        if phase < len(stages) and store.exists(layout.stage_marker(phase, stages[phase].name)):
            parts.append(f"stage {stages[phase].name} done")
    return "resuming: " + ", ".join(parts) if parts else ""


def _run_stage(runner: TaskRunner, store: LocalStore, index: int, stage: Stage[Any],
               shards: int) -> float:
    """Run a stage's analysis and leave its marker; its time in seconds."""
    marker = layout.stage_marker(index, stage.name)
    t0 = time.perf_counter()
    workdir = store.path(layout.stage_dir(index, stage.name))
    workdir.mkdir(parents=True, exist_ok=True)
    sources = [store.path(layout.intermediate(index, i)) for i in range(shards)]
    stage.analyze(sources, workdir, runner)
    seconds = time.perf_counter() - t0
    store.mark(marker, repr(seconds))
    return seconds


def _fold_profiles(store: LocalStore, phase: int, shards: int) -> None:
    """Fold the shard profiles of a finished phase into one file (in shard order)."""
    key = layout.phase_profile(phase)
    if not store.exists(key):
        folded = Profile()
        for shard in range(shards):
            part = layout.shard_profile(phase, shard)
            if store.exists(part):
                folded.merge(loads_profile(store.get(part)))
        store.put(key, dumps_profile(folded))
    for shard in range(shards):
        store.remove(layout.shard_profile(phase, shard))


def run_profile(store: LocalStore, phases: int) -> Profile:
    """The profile of the whole run: every phase's, folded in phase order."""
    profile = Profile()
    for phase in range(phases):
        key = layout.phase_profile(phase)
        if store.exists(key):
            profile.merge(loads_profile(store.get(key)))
    return profile


def _drops_by_step(stats: ShardStats, order: Sequence[str]) -> dict[str, int]:
    by_step: dict[str, int] = {}
    for key, n in stats.drops.items():
        step = key.partition(":")[0]
        by_step[step] = by_step.get(step, 0) + n
    rank = {name: i for i, name in enumerate(order)}
    return dict(sorted(by_step.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])))


def run_phases(
    runner: TaskRunner,
    spec: PipelineSpec,
    store: LocalStore,
    inputs: Sequence[InputFile],
    shown: Progress | None = None,
) -> PhasesResult:
    """Each phase over every shard, each stage in between; the merged counts."""
    shown = shown if shown is not None else Progress(stream=None)
    spec_dict = spec.to_dict()
    plugins = registry.plugin_modules(s.use for s in spec.steps)
    parts, stages = segments(spec.build())
    result = PhasesResult(ShardStats(), Profile())
    total = result.total
    outdir = str(store.root)
    shards = len(inputs)
    note = resume_note(store, len(parts), stages, shards)
    if note:
        shown.note(note)
    expected: int | None = None
    for phase in range(len(parts)):
        last = phase == len(parts) - 1
        names = ([stages[phase - 1].name] if phase else []) + [s.name for s in parts[phase]]
        done = _done_shards(store, phase, shards)
        shown.start_phase(PhaseStart(
            phase, len(parts), names, shards, len(done),
            sum(s.records_in for s in done.values()),
            sum(s.documents_out for s in done.values()),
            sum(f.size for i, f in enumerate(inputs) if i in done),
            sum(f.size for f in inputs) if phase == 0 else 0,
            expected, None if last else stages[phase].name,
        ))
        t0 = time.perf_counter()
        pending = [
            PhaseTask(
                phase,
                i,
                str(f.path) if phase == 0 else layout.intermediate(phase - 1, i),
                f.name,
                outdir,
                spec_dict,
                last,
                plugins,
            )
            for i, f in enumerate(inputs)
            if i not in done
        ]
        for task, stats in zip(pending, runner.map(run_phase_task, pending), strict=True):
            done[task.shard] = stats
        phase_stats = ShardStats()
        for shard in range(shards):
            shard_stats = done[shard]
            phase_stats.merge(shard_stats)
            if phase == 0:
                total.records_in += shard_stats.records_in
                total.bytes_in += shard_stats.bytes_in
            if last:
                total.documents_out += shard_stats.documents_out
                total.metadata_counts.update(shard_stats.metadata_counts)
            total.rejected += shard_stats.rejected
            total.add_step_counters(shard_stats)
        seconds = time.perf_counter() - t0
        drops = _drops_by_step(phase_stats, ["read", *names])
        shown.end_phase(phase_stats.records_in, phase_stats.documents_out, drops, seconds)
        result.phases.append({
            "phase": phase,
            "steps": names,
            "stage_after": None if last else stages[phase].name,
            "records_in": phase_stats.records_in,
            "passed": phase_stats.documents_out,
            "dropped": drops,
        })
        result.phase_seconds.append(round(seconds, 3))
        expected = phase_stats.documents_out
        _fold_profiles(store, phase, shards)
        if phase > 0:  # every shard of this phase is committed: what it read can go
            store.remove(layout.phase_dir(phase - 1))
            store.remove(layout.stage_dir(phase - 1, stages[phase - 1].name))
        if not last:
            stage = stages[phase]
            before = store.marked(layout.stage_marker(phase, stage.name))
            if before is None:
                shown.start_stage(stage.name, phase_stats.documents_out, shards)
                stage_seconds = _run_stage(runner, store, phase, stage, shards)
            else:
                stage_seconds = float(before or 0.0)
            shown.end_stage(stage.name, stage_seconds, resumed=before is not None)
            total.step_seconds[f"{stage.name}(analyze)"] += stage_seconds
    result.profile = run_profile(store, len(parts))
    return result
