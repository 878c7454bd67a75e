"""Fault campaign: thousands of damaged WARC, WET and JSONL inputs through ``run_pipeline``.

The same machinery as the test suite's short campaign (``tests/property/input_faults.py``):
each case is a small corpus in one format, damaged by one to three mutations
(lying Content-Length, duplicated record, junk between records, bit flip, cut,
splice, graft: a slice of the file copied elsewhere), two fifths of them with a
``max_record_bytes`` below the records' sizes (read through, not kept), run
through the extract-only pipeline, and checked: the run does not raise, the
manifest balances with read errors counted, ids are unique, every record the
mutation left intact comes out exactly once with its text, and no phantom
records are counted.

    PYTHONPATH=src python benchmarks/faults_inputs.py [--cases 3000] [--seed 1]
    PYTHONPATH=src python benchmarks/faults_inputs.py --only 1234   # replay one case

Writes benchmarks/results/faults_inputs.md (cases tried and survived per format and per
mutation, every failure with the command that replays it).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "property"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from input_faults import FORMATS, MUTATIONS, Case, check, make_case  # noqa: E402

from machine import cpu_model  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "faults_inputs.md"


def case_of(seed: int, index: int) -> tuple[Case, int, int]:
    """Case ``index`` of the campaign seeded ``seed`` (the same on every machine)."""
    rng = random.Random(f"{seed}:{index}")
    fmt = FORMATS[index % len(FORMATS)]
    corpus_seed, size = rng.randint(0, 4), rng.randint(2, 8)
    mutations = [rng.choice(MUTATIONS) for _ in range(rng.randint(1, 3))]
    limit = rng.choice([None, None, None, 400, 900])  # small: records read through, not kept
    return make_case(fmt, corpus_seed, size, mutations, rng, limit), corpus_seed, size


def run(seed: int, indices: range | list[int]) -> tuple[Counter[str], Counter[str],
                                                        list[tuple[int, Case, list[str]]]]:
    tried: Counter[str] = Counter()
    held: Counter[str] = Counter()
    failures: list[tuple[int, Case, list[str]]] = []
    for index in indices:
        case, corpus_seed, size = case_of(seed, index)
        with tempfile.TemporaryDirectory() as tmp:
            problems = check(case, corpus_seed, size, Path(tmp))
        kinds = {note.split(":")[0].split(" ")[0] for note in case.mutations}
        limit = [] if case.limit is None else ["max_record_bytes below record sizes"]
        for key in [f"format {case.fmt}", *(f"mutation {k}" for k in kinds), *limit, "all"]:
            tried[key] += 1
            held[key] += not problems
        if problems:
            failures.append((index, case, problems))
            print(f"case {index} ({case.fmt}, {case.mutations}): {problems}", flush=True)
    return tried, held, failures


def report(seed: int, cases: int, seconds: float, tried: Counter[str], held: Counter[str],
           failures: list[tuple[int, Case, list[str]]]) -> str:
    lines = [
        "## Fault campaign: damaged inputs",
        "",
        f"Machine: {cpu_model()}, Python {sys.version.split()[0]}. "
        f"{cases:,} cases in {seconds:.0f} s (wall clock).",
        f"Command: `PYTHONPATH=src python benchmarks/faults_inputs.py --cases {cases} "
        f"--seed {seed}`",
        "",
        "Each case: a corpus of 2-8 records in one format, one to three mutations, the",
        "extract-only pipeline through `run_pipeline`, then the checks: no exception, the",
        "manifest balances (`records_in == documents_out + rejected`, read errors counted),",
        "unique ids, every record the mutation left intact exactly once with its text, no",
        "phantom records. In one compressed stream (`.jsonl.gz`, `.jsonl.zst`) a flip or a",
        "splice spoils what follows it, so there only the accounting is checked (a cut has",
        "its oracle: the lines a streaming decoder gets out of the prefix).",
        "",
        "| cases | tried | held |",
        "|---|---:|---:|",
    ]
    for key in sorted(tried, key=lambda k: (k == "all", k)):
        lines.append(f"| {key} | {tried[key]:,} | {held[key]:,} |")
    lines.append("")
    if failures:
        lines.append(f"Failures ({len(failures)}), replay with `--only INDEX`:")
        lines.append("")
        for index, case, problems in failures[:50]:
            limit = "" if case.limit is None else f", max_record_bytes {case.limit}"
            lines.append(f"- {index} ({case.fmt}{limit}, {'; '.join(case.mutations)}): "
                         f"{'; '.join(problems)[:300]}")
    else:
        lines.append("Every case held.")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", type=int, help="replay one case and print what it did")
    args = parser.parse_args()
    if args.only is not None:
        case, _, _ = case_of(args.seed, args.only)
        print(f"{case.fmt}: {case.mutations}")
        _, held, _ = run(args.seed, [args.only])
        print("held" if held["all"] else "FAILED")
        return 0 if held["all"] else 1
    started = time.monotonic()
    tried, held, failures = run(args.seed, range(args.cases))
    seconds = time.monotonic() - started
    RESULTS.write_text(report(args.seed, args.cases, seconds, tried, held, failures), "utf-8")
    print(f"{held['all']:,} of {tried['all']:,} cases held; wrote {RESULTS}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
