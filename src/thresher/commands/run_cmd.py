"""``thresher run``: a pipeline over WARC, WET, HTML or JSONL input."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from thresher.config import ConfigError
from thresher.executors.pool import WorkerDied
from thresher.pipeline import PipelineSpec, default_pipeline
from thresher.readers import ReaderError
from thresher.run.errors import RunError
from thresher.run.progress import format_duration
from thresher.run.runner import RunResult, run_pipeline
from thresher.sample import sample_path
from thresher.stage import TaskRunner

DEFAULT_OUT = "thresher-out"


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "run",
        help="run a pipeline over input files (no input: the bundled sample crawl)",
        description=(
            "Read WARC/WET/HTML/JSONL input, extract, filter, deduplicate and write sharded "
            "JSONL. Without INPUT, runs over the sample crawl bundled with thresher. "
            "Rerunning the same command resumes an interrupted run."
        ),
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files, folders or globs")
    p.add_argument(
        "-o", "--output", default=None, help=f"output directory (default ./{DEFAULT_OUT})"
    )
    p.add_argument("-c", "--config", type=Path, help="pipeline TOML file (default: built-in)")
    p.add_argument("-w", "--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="STEP.PARAM=VALUE",
        help="override a parameter, e.g. --set extract.timeout_s=2 (repeatable)",
    )
    p.add_argument(
        "--annotate-only",
        action="store_true",
        help="keep every document; record what the filters would have dropped",
    )
    p.add_argument(
        "--executor",
        choices=("local", "ray"),
        default="local",
        help="where tasks run: local processes (default) or a Ray cluster",
    )
    p.add_argument(
        "--ray-address",
        default=None,
        help="Ray cluster address ('auto' to join this machine's cluster; default: start one)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line or summary")
    p.add_argument(
        "--log-every",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="when stderr is not a terminal (a log file, CI, nohup), print a progress line "
        "every SECONDS (default 10)",
    )
    p.set_defaults(handler=handle)


def _spec(args: argparse.Namespace) -> PipelineSpec:
    spec = PipelineSpec.from_toml(args.config) if args.config else default_pipeline()
    overrides = list(args.overrides)
    if args.annotate_only:
        overrides.append("pipeline.annotate_only=true")
    return spec.with_overrides(overrides) if overrides else spec


def _fail(message: object, code: int) -> int:
    print(f"thresher: {message}", file=sys.stderr)
    return code


def handle(args: argparse.Namespace) -> int:
    inputs = list(args.inputs)
    sample = not inputs
    if sample:
        inputs = [str(sample_path())]
    outdir = Path(args.output or DEFAULT_OUT)
    if args.workers < 1:
        return _fail("--workers must be at least 1", 2)
    try:
        spec = _spec(args)
    except ConfigError as exc:
        return _fail(exc, 2)
    executor: TaskRunner | None = None
    try:
        if args.executor == "ray":
            from thresher.executors.ray import RayExecutor

            executor = RayExecutor(args.ray_address, num_cpus=args.workers)
        result = run_pipeline(
            inputs, outdir, spec, args.workers, executor, show_progress=not args.quiet,
            log_every_s=args.log_every,
        )
    except ImportError as exc:  # an optional extra is missing (ray)
        return _fail(exc, 2)
    except ConfigError as exc:
        return _fail(exc, 2)
    except (RunError, ReaderError, ConnectionError) as exc:
        return _fail(exc, 1)
    except WorkerDied as exc:
        return _fail(f"{exc}; run the same command again to resume", 1)
    except KeyboardInterrupt:
        return _fail(f"interrupted; run the same command again to resume into {outdir}", 130)
    except OSError as exc:  # the disk filled up, a file vanished...
        where = f" ({exc.filename})" if exc.filename else ""
        reason = exc.strerror or exc
        return _fail(f"{reason}{where}; run the same command again to resume", 1)
    finally:
        shutdown = getattr(executor, "shutdown", None)
        if shutdown is not None:
            shutdown()
    if not args.quiet:
        print(summary(result, sample, args.config))
    return 0


def _wall(result: RunResult) -> str:
    if result.attempts <= 1:
        return f"in {format_duration(result.seconds)}"
    return (f"in {format_duration(result.run_seconds)} over {result.attempts} attempts "
            f"(this one {format_duration(result.seconds)})")


def summary(result: RunResult, sample: bool, config: Path | None = None) -> str:
    """A short report a newcomer understands."""
    s = result.stats
    kept_pct = 100.0 * s.documents_out / s.records_in if s.records_in else 0.0
    lines = []
    if sample:
        pipeline = f"the pipeline {config}" if config else "the default pipeline"
        lines.append(f"Ran {pipeline} over the sample crawl bundled with thresher.")
    lines.append(
        f"Read {s.records_in:,} records {_wall(result)}: kept {s.documents_out:,} "
        f"({kept_pct:.0f}%), rejected {s.rejected:,}."
    )
    if s.skipped:
        skipped = ", ".join(f"{n} {k}" for k, n in sorted(s.skipped.items()))
        lines.append(f"Skipped non-page WARC records: {skipped}.")
    if s.drops:
        lines.append("Why documents were dropped (step: reason):")
        for key, n in sorted(s.drops.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {n:6,}  {key}")
    if s.flags:
        lines.append("Flagged, not dropped (annotate-only):")
        for key, n in sorted(s.flags.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {n:6,}  {key}")
    out = result.outdir
    lines.append(f"Kept documents:    {out / 'data'}/ ({len(result.outputs)} file(s))")
    lines.append(f"Rejected, with why: {out / 'rejected'}/ ({len(result.rejected)} file(s))")
    lines.append(f"Run manifest:      {out / 'manifest.json'}")
    if result.report is not None:
        lines.append(f"Report page:       {result.report}  (open it in a browser)")
    lines.append(f"Trace one document: thresher explain {out} DOC_ID")
    return "\n".join(lines)
