"""Byte-range shards: one large WARC read by 1 and by 2 workers.

Packs the pages of ../shared/bench/*/pages/ N times (a day apart, so every
record has its own id) into ONE WARC.gz (benchmarks/pack_warc.py --copies N),
then runs thresher's default pipeline over it, in this order:

* the file as one shard (``reader.range_mb = 0``) with 1 worker and with 2 workers
  (the second worker has nothing to do: one file is one task);
* the file cut into byte ranges of ``--range-mb`` with 1 worker and with 2 workers.

Each config runs ``--rounds`` times, taking turns, and keeps its fastest time. It
times the indexing pass alone too (the one reading of the file that finds where
it can be cut), and checks that the four runs wrote the same documents and
rejections (read in part-file order). Writes benchmarks/results/ranges.md.

There is no peer row: datatrove and NeMo Curator read a WARC file in one task
whatever the number of workers (datatrove issue #206), which is the first row.

    PYTHONPATH=src python benchmarks/ranges.py [--copies 4] [--range-mb 16] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import zstandard

from machine import cpu_model, version

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
OUT = ROOT / "benchmarks" / "out" / "ranges"


def _pack(copies: int) -> Path:
    path = OUT / f"bench-x{copies}.warc.gz"
    if not path.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "pack_warc.py"), "-o", str(path),
             "--copies", str(copies)],
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
    return path


def _rows(outdir: Path) -> list[Any]:
    rows: list[Any] = []
    for folder in ("data", "rejected"):
        for part in sorted((outdir / folder).glob("*.jsonl.zst")):
            with zstandard.open(part, "rt", encoding="utf-8") as fh:
                rows += [json.loads(line) for line in fh]
    return rows


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the worker processes)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _run(path: Path, range_mb: float, workers: int) -> tuple[float, float, int, int, list[Any]]:
    """Seconds, CPU seconds, documents kept, shards of phase 0, and what was written."""
    from thresher.pipeline import PipelineSpec, default_pipeline
    from thresher.run import run_pipeline

    spec = default_pipeline()
    spec = PipelineSpec.from_dict({**spec.to_dict(), "reader": {"range_mb": range_mb}})
    out = OUT / f"out-{range_mb}-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    cpu0, t0 = _cpu(), time.perf_counter()
    result = run_pipeline([path], out, spec, workers=workers)  # its workers end with it
    seconds, cpu = time.perf_counter() - t0, _cpu() - cpu0
    shards = len(result.manifest["ranges"]["inputs"].get(path.name, [])) or 1
    rows = _rows(out)
    shutil.rmtree(out, ignore_errors=True)
    return seconds, cpu, result.stats.documents_out, shards, rows


def _index_seconds(path: Path) -> tuple[float, int]:
    from thresher.readers import ReaderConfig
    from thresher.readers.warc_index import cut_points

    t0 = time.perf_counter()
    with path.open("rb") as fh:
        cuts = cut_points(fh, path.name, ReaderConfig().max_record_bytes)
    return time.perf_counter() - t0, len(cuts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4, help="pack the pages N times")
    parser.add_argument("--range-mb", type=float, default=16.0)
    parser.add_argument("--rounds", type=int, default=2, help="runs of each config (fastest kept)")
    parser.add_argument("--md", type=Path, default=ROOT / "benchmarks/results/ranges.md")
    args = parser.parse_args(argv)
    if not (SHARED / "bench").is_dir():
        print("skipping: ../shared/bench not found (it is not part of the project)")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    path = _pack(args.copies)
    mb = path.stat().st_size / 1e6
    index_s, cuts = _index_seconds(path)
    print(f"index pass: {index_s:.1f}s, {cuts} cut points")
    configs = ((0.0, 1), (0.0, 2), (args.range_mb, 1), (args.range_mb, 2))
    best: dict[tuple[float, int], tuple[float, float, int, int, list[Any]]] = {}
    load = [os.getloadavg()[0]]
    for _ in range(args.rounds):  # rounds alternate the configs; each keeps its fastest
        for range_mb, workers in configs:
            seconds, cpu, kept, shards, rows = _run(path, range_mb, workers)
            print(f"range_mb={range_mb} workers={workers}: {seconds:.1f}s ({cpu:.1f} CPU s), "
                  f"{shards} shard(s), kept {kept}")
            if (range_mb, workers) not in best or seconds < best[range_mb, workers][0]:
                best[range_mb, workers] = (seconds, cpu, kept, shards, rows)
            load.append(os.getloadavg()[0])
    runs = [(c[0], c[1], *best[c]) for c in configs]
    same = all(r[6] == runs[0][6] for r in runs)
    base = runs[0][2]
    lines = [
        "## Byte-range shards: one large WARC, 1 vs 2 workers",
        "",
        f"Input: ONE WARC.gz of {mb:.1f} MB (the pages of ../shared/bench packed "
        f"{args.copies} times, a day apart); thresher's default pipeline.",
        "",
        "| reader.range_mb | workers | phase-0 shards | seconds | CPU seconds | CPU / wall "
        "| kept | speed vs one shard |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for range_mb, workers, seconds, cpu, kept, shards, _ in runs:
        label = "0 (whole file)" if range_mb == 0 else f"{range_mb:g}"
        lines.append(f"| {label} | {workers} | {shards} | {seconds:.1f} | {cpu:.1f} | "
                     f"{cpu / seconds:.2f} | {kept} | {base / seconds:.2f}x |")
    lines += [
        "",
        f"Indexing pass (one reading of the file for its {cuts} cut points, part of the "
        f"split runs' time): {index_s:.1f}s ({mb / index_s:.0f} MB/s).",
        "CPU seconds count the run's process and its worker processes; CPU / wall near 2 "
        "means both workers were busy, and the wall time then halves on an idle 2-core "
        "machine.",
        f"Same documents and rejections in all runs: {'yes' if same else 'NO'}. Each time "
        f"is the fastest of {args.rounds} runs, the configs taking turns.",
        "",
        f"Machine: {os.cpu_count()} cores ({cpu_model()}), Python "
        f"{platform.python_version()}; thresher {version('thresher')}. The machine was shared "
        f"with other jobs (1-minute load average {min(load):.1f} to {max(load):.1f} during the "
        "runs), so the ratios are indicative.",
        *([f"The machine was saturated by other jobs throughout (load above its "
           f"{os.cpu_count()} cores): the run got about the same CPU share with 1 or 2 "
           "worker processes, so this table cannot show the gain of the second worker; "
           "rerun it on an idle machine."] if min(load) > (os.cpu_count() or 1) else []),
        f"Command: `PYTHONPATH=src python benchmarks/ranges.py --copies {args.copies} "
        f"--range-mb {args.range_mb:g} --rounds {args.rounds}`",
    ]
    args.md.parent.mkdir(parents=True, exist_ok=True)
    args.md.write_text("\n".join(lines) + "\n")
    print(f"wrote {args.md}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
