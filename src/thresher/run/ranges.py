"""Byte-range shards: a big WARC or WET file read by several tasks.

A run's shards are normally its input files. A WARC or WET file larger than the
reader's ``range_mb`` is cut into ranges of about that size, each a shard of its
own, so that ``--workers N`` reads one big file N ways and a killed run loses
at most the ranges in progress (each has its own completion marker, like any
shard).

Where to cut is decided by one reading of the file
(:func:`~thresher.readers.warc_index.cut_points`: the offsets where the reader
starts afresh, never between two records with one id), then
:func:`~thresher.storage.ranges.split_by_size`. These indexing tasks run on the
workers, one per big input, before phase 0; each writes the ranges it chose to
``.work/ranges/`` (:func:`thresher.run.layout.range_plan`), so a resumed run
reads them back instead of scanning again.

The ranges depend on the file, ``range_mb`` and ``max_record_bytes`` only, never on
the number of workers. Shards are numbered in input order, the ranges of a file
in file order; since a range yields exactly the records of the whole file between
its cuts (:func:`~thresher.readers.warc.read_warc_stream`), reading the output's
part files in name order gives the documents of a run without ranges, in the same
order, with the same ids, the same dedup decisions and the same counts. Only the
part files holding them differ (one set per range), which is why ``range_mb`` is
part of the config and the manifest lists the ranges.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thresher.readers import RANGED_KINDS, ReaderConfig, Span, input_kind
from thresher.readers.warc_index import cut_points
from thresher.run import layout
from thresher.run.commit import LocalStore
from thresher.run.inputs import InputFile
from thresher.run.progress import Progress
from thresher.stage import TaskRunner
from thresher.storage.ranges import split_by_size

__all__ = ["IndexTask", "Shard", "index_input", "plan_shards", "range_bytes", "ranges_json"]

_MB = 1_000_000


@dataclass(frozen=True)
class Shard:
    """What one phase-0 task reads: an input file, or one byte range of it."""

    input: InputFile
    span: Span | None = None
    """None: the whole file."""

    @property
    def size(self) -> int:
        """Bytes of input this shard covers."""
        return self.input.size if self.span is None else self.span.end - self.span.start


@dataclass(frozen=True)
class IndexTask:
    """Find the byte ranges of one big input; plain data so it pickles to workers."""

    path: str
    name: str
    size: int
    outdir: str
    target_bytes: int
    max_record_bytes: int

    def settings(self) -> dict[str, int]:
        return {"size": self.size, "target_bytes": self.target_bytes,
                "max_record_bytes": self.max_record_bytes}


def range_bytes(config: ReaderConfig) -> int:
    """The target size of a range in bytes (0: files are never cut)."""
    return round(config.range_mb * _MB)


def _splittable(f: InputFile, target: int) -> bool:
    return target > 0 and f.size > target and input_kind(f.path) in RANGED_KINDS


def _cached(store: LocalStore, task: IndexTask) -> list[Span] | None:
    """The ranges an earlier attempt chose for this input with these settings, if any."""
    payload = store.marked(layout.range_plan(task.name))
    if payload is None:
        return None
    plan = json.loads(payload)
    if plan.get("settings") != task.settings() or plan.get("name") != task.name:
        return None
    return [Span(start, end) for start, end in plan["ranges"]]


def index_input(task: IndexTask) -> list[Span]:
    """Read the input once for its cut points, choose its ranges, keep them; the ranges."""
    store = LocalStore(Path(task.outdir))
    found = _cached(store, task)
    if found is not None:
        return found
    with open(task.path, "rb") as fh:
        starts = cut_points(fh, Path(task.path).name, task.max_record_bytes)
    spans = [Span(r.start, r.end)
             for r in split_by_size(starts, task.size, task.target_bytes)]
    plan = {"name": task.name, "settings": task.settings(),
            "ranges": [[s.start, s.end] for s in spans]}
    store.mark(layout.range_plan(task.name), json.dumps(plan, sort_keys=True))
    return spans


def plan_shards(runner: TaskRunner, store: LocalStore, inputs: Sequence[InputFile],
                config: ReaderConfig, shown: Progress | None = None) -> list[Shard]:
    """The shards of phase 0: each input, or each range of an input cut by size, in order."""
    target = range_bytes(config)
    tasks = [IndexTask(str(f.path), f.name, f.size, str(store.root), target,
                       config.max_record_bytes)
             for f in inputs if _splittable(f, target)]
    spans: dict[str, list[Span]] = {}
    todo = []
    for task in tasks:
        found = _cached(store, task)
        if found is None:
            todo.append(task)
        else:
            spans[task.name] = found
    if todo and shown is not None:
        shown.note(f"indexing {len(todo)} input(s) over {target // _MB} MB "
                   "to read them in byte ranges")
    for task, found in zip(todo, runner.map(index_input, todo), strict=True):
        spans[task.name] = found
    shards: list[Shard] = []
    for f in inputs:
        parts = spans.get(f.name, [])
        if len(parts) > 1:
            shards.extend(Shard(f, span) for span in parts)
        else:
            shards.append(Shard(f))
    return shards


def ranges_json(config: ReaderConfig, shards: Sequence[Shard]) -> dict[str, Any]:
    """For the manifest: the range size and the ranges of each input that was cut."""
    cut: dict[str, list[list[int]]] = {}
    for shard in shards:
        if shard.span is not None:
            cut.setdefault(shard.input.name, []).append([shard.span.start, shard.span.end])
    return {"range_mb": config.range_mb, "inputs": cut}
