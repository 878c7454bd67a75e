"""End to end: thresher's default pipeline and datatrove's FineWeb-style pipeline on one WARC.

Packs the pages of ../shared/bench/*/pages/ into a WARC.gz with HTTP headers
(benchmarks/pack_warc.py), optionally repeated N times under new file names, then
runs, in the same process tree and one worker each:

* ``thresher run`` with the default pipeline (extraction, language ID, quality
  filters, line cleaning, PII, dedup);
* datatrove: WarcReader -> Trafilatura(favour_precision) -> LanguageFilter (given
  the lid.176.ftz model thresher uses, as datatrove would download its own) ->
  GopherRepetition -> GopherQuality -> C4Quality -> FineWebQuality -> JsonlWriter,
  the pipeline FineWeb describes (without its dedup, which is a separate job there).

Writes benchmarks/results/pipeline.md (pages/s, MB/s, kept, the ratio, machine, command).

    PYTHONPATH=src python benchmarks/pipeline.py [--copies 1] [--workers 1]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
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


def run_thresher(files: list[Path], workers: int) -> tuple[float, int, int]:
    from thresher.pipeline import default_pipeline
    from thresher.run import run_pipeline

    out = OUT / "thresher"
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    result = run_pipeline(files, out, default_pipeline(), workers=workers)
    seconds = time.perf_counter() - t0
    return seconds, result.stats.records_in, result.stats.documents_out


class _LazyModel:
    """Loads the model on first use, so datatrove's executor can deep-copy the pipeline."""

    def __init__(self) -> None:
        self._model: object | None = None

    def predict(self, text: str, k: int = 1) -> object:
        from filters import _FtzForDatatrove

        if self._model is None:
            self._model = _FtzForDatatrove()
        return self._model.predict(text, k=k)  # type: ignore[attr-defined]


def run_datatrove(files: list[Path], workers: int) -> tuple[float, int, int]:
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
    t0 = time.perf_counter()
    with mock.patch("datatrove.pipeline.base.check_required_dependencies"):
        stats = executor.run()
    seconds = time.perf_counter() - t0
    # pages read: the response records of the WARC files; kept: what the writer wrote
    read = sum(1 for f in files for _ in _responses(f))
    kept = 0
    for stat in stats.stats:
        if "Jsonl" in stat.name:
            kept = int(stat.stats["total"].total)
    return seconds, read, kept


def _responses(path: Path) -> list[int]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    with path.open("rb") as fh:
        return [1 for _ in ArchiveIterator(fh, record_types=WarcRecordType.response)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1, help="repeat the WARC N times")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--md", type=Path, default=ROOT / "benchmarks/results/pipeline.md")
    args = parser.parse_args(argv)
    if not (SHARED / "bench").is_dir():
        print("skipping: ../shared/bench not found (it is not part of the project)")
        return 0
    files = _pack(args.copies)
    mb = sum(f.stat().st_size for f in files) / 1e6
    rows = []
    for name, fn in (("thresher", run_thresher), ("datatrove", run_datatrove)):
        seconds, read, kept = fn(files, args.workers)
        rows.append((name, seconds, read, kept))
        print(f"{name}: {read} pages in {seconds:.1f}s ({read / seconds:.1f} pages/s), kept {kept}")
    t_sec = rows[0][1]
    lines = [
        "## End-to-end pipeline: thresher vs datatrove (same WARC, same run)",
        "",
        f"Input: the {rows[0][2]} HTML pages of ../shared/bench packed as WARC.gz "
        f"(x{args.copies}, {mb:.1f} MB compressed); {args.workers} worker(s).",
        "",
        "| pipeline | pages | kept | seconds | pages/s | MB/s | speed vs datatrove |",
        "|---|---|---|---|---|---|---|",
    ]
    d_sec = rows[1][1]
    for name, seconds, read, kept in rows:
        ratio = d_sec / seconds
        lines.append(
            f"| {name} | {read} | {kept} | {seconds:.1f} | {read / seconds:.1f} | "
            f"{mb / seconds:.2f} | {ratio:.1f}x |"
        )
    lines += [
        "",
        "thresher: default pipeline (`thresher run`), including exact, near-duplicate and "
        "cross-page boilerplate stages. datatrove: WarcReader, Trafilatura(favour_precision), "
        "LanguageFilter, Gopher repetition and quality, C4 quality, FineWeb quality, JsonlWriter.",
        "",
        f"Machine: {os.cpu_count()} cores ({cpu_model()}), Python {platform.python_version()}; "
        f"thresher {version('thresher')}, datatrove {version('datatrove')}, "
        f"trafilatura {version('trafilatura')}.",
        f"Command: `PYTHONPATH=src python benchmarks/pipeline.py --copies {args.copies} "
        f"--workers {args.workers}`",
        f"(thresher took {t_sec:.1f}s.)",
    ]
    args.md.parent.mkdir(parents=True, exist_ok=True)
    args.md.write_text("\n".join(lines) + "\n")
    print(f"wrote {args.md}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
