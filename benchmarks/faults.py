"""Kill campaign: ``kill -9`` multi-stage runs at random points, rerun them, check the invariants.

Each campaign (one seed) runs the staged test pipeline of ``tests/integration/corpus.py``
(a slow step, ``exact_dedup``, a slow step, ``minhash_dedup``; JSONL inputs with
duplicates across files) with 2 worker processes, kills it ``--kills`` times at seeded
random points of its progress (the main process alone or the whole process group, at
random), then reruns it to the end. A campaign survives when

* the rerun exits 0 and writes the same bytes (data and rejected files) as an
  uninterrupted run with one worker;
* no file is left under a temporary name;
* the manifest balances (``records_in == documents_out + rejected``);
* no worker outlived a killed main process by more than 10 s.

The procedure is ``tests/integration/kills.py``; the test suite runs a short campaign of
it. Writes ``benchmarks/results/faults.md``. There is no peer to run in the same
campaign: none of the peers resumes a killed multi-stage run to the same bytes.

    PYTHONPATH=src python benchmarks/faults.py [--campaigns 10] [--kills 8] [--seed 100]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from kills import Campaign, Kill, run_campaign  # noqa: E402

from machine import cpu_model  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "faults.md"
COMMAND = "PYTHONPATH=src python benchmarks/faults.py"


def where(kill: Kill) -> str:
    """Where the run was when it was killed: the kind of the last marker it had left."""
    if not kill.killed:
        return "(the run finished first)"
    last = kill.last
    if last == "(start)":
        return "none yet"
    if last.startswith("done/phase-"):
        return "a phase task's"
    if last.startswith("done/stage-"):
        return "a stage's (all its tasks done)"
    return "a stage task's"


def commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "?"


def _seconds(values: list[float]) -> str:
    if not values:
        return "(no such kill found workers running)"
    median, most = statistics.median(values) * 1000, values[-1] * 1000
    return f"{median:.0f} ms (median) and {most:.0f} ms (max) over {len(values)} kills"


def render(campaigns: list[Campaign], args: argparse.Namespace, seconds: float) -> str:
    kills = [k for c in campaigns for k in c.kills]
    landed = [k for k in kills if k.killed]
    targets = Counter(k.target for k in landed)
    places = Counter(where(k) for k in kills)
    survived = sum(c.survived for c in campaigns)
    gone = sorted(
        k.workers_gone_s for k in landed if k.target == "main" and k.workers_gone_s is not None
    )
    lines = [
        "## Kill campaign: resume after kill -9",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores ({cpu_model()}), "
        f"Python {platform.python_version()}, commit {commit()}.",
        f"Command: `{COMMAND} --campaigns {args.campaigns} --kills {args.kills} "
        f"--seed {args.seed}` ({seconds:.0f} s).",
        "Pipeline: slow step, `exact_dedup`, slow step, `minhash_dedup` over "
        f"{args.files} JSONL files of 15 records (duplicates across files), 2 workers; "
        "reference: one uninterrupted run with 1 worker.",
        "",
        f"**{survived} of {len(campaigns)} campaigns survived**: {len(kills)} kills tried, "
        f"{len(landed)} landed before the run finished ({targets['main']} of the main "
        f"process alone, {targets['group']} of the whole process group).",
        "",
        f"After a kill of the main process alone, its workers were gone within "
        f"{_seconds(gone)}.",
        "",
        "| last marker before the kill | kills |",
        "|---|---:|",
        *(f"| {place} | {n} |" for place, n in sorted(places.items())),
        "",
        "| seed | kills landed | same bytes | temp files left | balanced | orphaned workers "
        "| survived |",
        "|---:|---:|---|---:|---|---:|---|",
    ]
    for c in campaigns:
        orphans = sum(len(k.orphans) for k in c.kills)
        lines.append(
            f"| {c.seed} | {sum(k.killed for k in c.kills)} | {'yes' if c.same_bytes else 'NO'} "
            f"| {len(c.stray_temps)} | {'yes' if c.balanced else 'NO'} | {orphans} "
            f"| {'yes' if c.survived else 'NO'} |"
        )
    lines += [
        "",
        "Markers: a phase task's (per-document steps over one shard) or a stage task's (one "
        "dedup analysis task) marks a finished task; the kill landed in the next task or "
        "between tasks. Kill points are drawn over the run's markers, plus up to 50 ms.",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--campaigns", type=int, default=10)
    parser.add_argument("--kills", type=int, default=8, help="kills per campaign")
    parser.add_argument("--seed", type=int, default=100, help="seed of the first campaign")
    parser.add_argument("--files", type=int, default=6, help="input files (shards)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        print("the kill campaign reads /proc: Linux only", file=sys.stderr)
        return 0
    started = time.monotonic()
    campaigns = []
    for i in range(args.campaigns):
        with tempfile.TemporaryDirectory(prefix="thresher-faults-") as tmp:
            campaign = run_campaign(Path(tmp), args.seed + i, args.kills, files=args.files)
        campaigns.append(campaign)
        status = "survived" if campaign.survived else "FAILED: " + campaign.rerun_error[-300:]
        print(f"seed {campaign.seed}: {status}", file=sys.stderr)
    args.out.write_text(render(campaigns, args, time.monotonic() - started), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0 if all(c.survived for c in campaigns) else 1


if __name__ == "__main__":
    sys.exit(main())
