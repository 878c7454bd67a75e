"""End to end: thresher's default pipeline and datatrove's FineWeb-style pipeline on one WARC.

Packs the pages of ../shared/bench/*/pages/ into a WARC.gz with HTTP headers
(benchmarks/pack_warc.py), optionally repeated N times under new file names, then
runs, in the same process tree and one worker each, alternating, ``--runs`` times:

* ``thresher run`` with the default pipeline (extraction, line cleaning, URL dedup,
  cross-page boilerplate, language ID, quality filters, PII, exact and near dedup);
* datatrove: WarcReader -> Trafilatura(favour_precision) -> LanguageFilter (given
  the lid.176.ftz model thresher uses, as datatrove would download its own) ->
  GopherRepetition -> GopherQuality -> C4Quality -> FineWebQuality -> JsonlWriter,
  the pipeline FineWeb describes (without its dedup, which is a separate job there).

Reports the median over the runs of wall seconds and CPU seconds (this process and its
children: datatrove's Trafilatura step extracts in a child process, with a timeout),
pages/s per core (pages / CPU seconds: one worker keeps one core busy), core-hours
per billion pages, the ratio, and thresher's time per step (from its manifest). Writes
benchmarks/results/pipeline.md.

datatrove is a peer, never a dependency; install it into the venv for this script::

    .venv/bin/pip install datatrove trafilatura spacy faust-cchardet python-magic warcio \
        orjson lxml_html_clean

    PYTHONPATH=src python benchmarks/pipeline.py [--runs 3] [--copies 1] [--workers 1]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

from machine import cpu_model, version

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
OUT = ROOT / "benchmarks" / "out" / "pipeline"


def _pack(copies: int) -> list[Path]:
    src = OUT / "in" / "bench-0.warc.gz"
    if not src.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "pack_warc.py"), "-o", str(src)],
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
    files = [src]
    for i in range(1, copies):
        dst = OUT / "in" / f"bench-{i}.warc.gz"
        if not dst.exists():
            shutil.copy(src, dst)
        files.append(dst)
    return files


@dataclass
class Run:
    """One timed run of one pipeline."""

    wall: float
    cpu: float
    pages: int
    kept: int
    steps: dict[str, float] = field(default_factory=dict)


def _cpu() -> float:
    """CPU seconds of this process and of its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(fn: Callable[[], tuple[int, int]]) -> tuple[float, float, int, int]:
    c0, t0 = _cpu(), time.perf_counter()
    pages, kept = fn()
    return time.perf_counter() - t0, _cpu() - c0, pages, kept


def run_thresher(files: list[Path], workers: int) -> Run:
    from thresher.pipeline import default_pipeline
    from thresher.run import run_pipeline

    out = OUT / "thresher"
    shutil.rmtree(out, ignore_errors=True)

    def go() -> tuple[int, int]:
        result = run_pipeline(files, out, default_pipeline(), workers=workers)
        return result.stats.records_in, result.stats.documents_out

    wall, cpu, pages, kept = _timed(go)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return Run(wall, cpu, pages, kept, manifest["timing"]["step_seconds"])


class _LazyModel:
    """Loads the model on first use, so datatrove's executor can deep-copy the pipeline."""

    def __init__(self) -> None:
        self._model: object | None = None

    def predict(self, text: str, k: int = 1) -> object:
        from filters import _FtzForDatatrove

        if self._model is None:
            self._model = _FtzForDatatrove()
        return self._model.predict(text, k=k)  # type: ignore[attr-defined]


def run_datatrove(files: list[Path], workers: int) -> Run:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.extractors import Trafilatura
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
        LanguageFilter,
    )
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter

    out = OUT / "datatrove"
    shutil.rmtree(out, ignore_errors=True)
    # datatrove asks for the fasttext-numpy2-wheel distribution; fasttext-predict provides
    # the same `fasttext` module, so the check is bypassed for construction only.
    with mock.patch("datatrove.pipeline.base.check_required_dependencies"):
        language = LanguageFilter()
    language.model._model = _LazyModel()
    executor = LocalPipelineExecutor(
        pipeline=[
            WarcReader(str(files[0].parent), glob_pattern="*.warc.gz"),
            Trafilatura(favour_precision=True, timeout=5.0),
            language,
            GopherRepetitionFilter(),
            GopherQualityFilter(),
            C4QualityFilter(filter_no_terminal_punct=False),
            FineWebQualityFilter(),
            JsonlWriter(str(out / "data")),
        ],
        tasks=len(files),
        workers=workers,
        logging_dir=str(out / "logs"),
    )
    found: list[object] = []

    def go() -> tuple[int, int]:
        with mock.patch("datatrove.pipeline.base.check_required_dependencies"):
            found.append(executor.run())
        return 0, 0

    wall, cpu, _, _ = _timed(go)
    # pages read: the response records of the WARC files; kept: what the writer wrote
    read = sum(1 for f in files for _ in _responses(f))
    kept = 0
    for stat in found[0].stats:  # type: ignore[attr-defined]
        if "Jsonl" in stat.name:
            kept = int(stat.stats["total"].total)
    return Run(wall, cpu, read, kept)


def _responses(path: Path) -> list[int]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    with path.open("rb") as fh:
        return [1 for _ in ArchiveIterator(fh, record_types=WarcRecordType.response)]


def _median(runs: list[Run], attr: str) -> float:
    return statistics.median(getattr(r, attr) for r in runs)


def _row(name: str, runs: list[Run], mb: float, ratio: float) -> str:
    wall, cpu = _median(runs, "wall"), _median(runs, "cpu")
    pages = runs[0].pages
    per_core = pages / cpu
    core_hours = 1e9 / per_core / 3600
    walls = ", ".join(f"{r.wall:.1f}" for r in runs)
    return (
        f"| {name} | {pages} | {runs[0].kept} | {wall:.1f} ({walls}) | {cpu:.1f} | "
        f"{pages / wall:.1f} | {per_core:.1f} | {core_hours:,.0f} | {mb / wall:.2f} | "
        f"{ratio:.1f}x |"
    )


def _steps_table(runs: list[Run]) -> list[str]:
    names = sorted(runs[0].steps, key=lambda n: -statistics.median(r.steps.get(n, 0) for r in runs))
    extract = statistics.median(r.steps.get("extract", 0.0) for r in runs)
    lines = [
        "| thresher step | seconds (median) | share of extraction |",
        "|---|---|---|",
    ]
    for name in names:
        seconds = statistics.median(r.steps.get(name, 0.0) for r in runs)
        share = f"{seconds / extract:.0%}" if extract else "-"
        lines.append(f"| {name} | {seconds:.2f} | {share} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1, help="repeat the WARC N times")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="runs of each (median reported)")
    parser.add_argument("--md", type=Path, default=ROOT / "benchmarks/results/pipeline.md")
    args = parser.parse_args(argv)
    if not (SHARED / "bench").is_dir():
        print("skipping: ../shared/bench not found (it is not part of the project)")
        return 0
    files = _pack(args.copies)
    mb = sum(f.stat().st_size for f in files) / 1e6
    runs: dict[str, list[Run]] = {"thresher": [], "datatrove": []}
    for i in range(args.runs):  # alternating, so that both meet the same machine load
        for name, fn in (("thresher", run_thresher), ("datatrove", run_datatrove)):
            run = fn(files, args.workers)
            runs[name].append(run)
            print(f"run {i + 1} {name}: {run.pages} pages in {run.wall:.1f}s wall, "
                  f"{run.cpu:.1f}s CPU, kept {run.kept}", flush=True)
    t_cpu = _median(runs["thresher"], "cpu")
    d_cpu = _median(runs["datatrove"], "cpu")
    t_wall = _median(runs["thresher"], "wall")
    d_wall = _median(runs["datatrove"], "wall")
    lines = [
        "## End-to-end pipeline: thresher vs datatrove (same WARC, same run)",
        "",
        f"Input: the {runs['thresher'][0].pages} HTML pages of ../shared/bench packed as WARC.gz "
        f"(x{args.copies}, {mb:.1f} MB compressed); {args.workers} worker(s) each; "
        f"{args.runs} runs each, alternating; medians.",
        "",
        f"**thresher is {d_cpu / t_cpu:.1f}x datatrove in CPU time per page "
        f"({d_wall / t_wall:.1f}x in wall time).**",
        "",
        "| pipeline | pages | kept | wall s (runs) | CPU s | pages/s | pages/s per core | "
        "core-hours per 10^9 pages | MB/s | speed vs datatrove (CPU) |",
        "|---|---|---|---|---|---|---|---|---|---|",
        _row("thresher", runs["thresher"], mb, d_cpu / t_cpu),
        _row("datatrove", runs["datatrove"], mb, 1.0),
        "",
        "pages/s per core = pages / CPU seconds of the process tree (one worker: one core busy; "
        "datatrove's Trafilatura step extracts in a child process, counted);",
        "core-hours per 10^9 pages = 10^9 / (pages/s per core) / 3600.",
        "",
        "thresher: default pipeline (`thresher run`), including exact, near-duplicate and "
        "cross-page boilerplate stages. datatrove: WarcReader, Trafilatura(favour_precision), "
        "LanguageFilter, Gopher repetition and quality, C4 quality, FineWeb quality, JsonlWriter.",
        "",
        "Where thresher's time goes (wall seconds per step from the run manifest; "
        "`(analyze)` is a global stage's pass over the corpus):",
        "",
        *_steps_table(runs["thresher"]),
        "",
        f"Machine: {os.cpu_count()} cores ({cpu_model()}), Python {platform.python_version()}; "
        f"thresher {version('thresher')}, datatrove {version('datatrove')}, "
        f"trafilatura {version('trafilatura')}. The machine was shared with other jobs: wall "
        "times vary between runs; CPU times less.",
        f"Command: `PYTHONPATH=src python benchmarks/pipeline.py --runs {args.runs} "
        f"--copies {args.copies} --workers {args.workers}`",
    ]
    args.md.parent.mkdir(parents=True, exist_ok=True)
    args.md.write_text("\n".join(lines) + "\n")
    print(f"wrote {args.md}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
