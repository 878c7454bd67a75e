"""Fault campaign for byte-range shards: damaged WARC and WET files read range by range.

Each case is a damaged input from the fault campaign's machinery
(``tests/property/input_faults.py``: one to four mutations among lying Content-Length,
duplicated record, junk, bit flip, cut, splice, graft; a third with a small
``max_record_bytes``) in one of the formats a run may cut (``.warc``, ``.warc.gz``,
``.warc.wet``, ``.warc.wet.gz``). The file is cut at every cut point the index finds, and
at a random subset of them; the ranges read one after the other must give exactly the
whole file's records, ids, reasons and details.

    PYTHONPATH=src python benchmarks/faults_ranges.py [--cases 4000] [--seed 1]

Writes benchmarks/results/faults_ranges.md (cases per format, cut points met, every
failure with the case that replays it).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "property")]

from input_faults import MUTATIONS, WARC_FORMATS, check_ranges, make_case  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--md", type=Path, default=ROOT / "benchmarks/results/faults_ranges.md")
    args = parser.parse_args()
    tried: Counter[str] = Counter()
    held: Counter[str] = Counter()
    cuts = 0
    failures: list[str] = []
    t0 = time.perf_counter()
    for index in range(args.cases):
        rng = random.Random(f"{args.seed}:{index}")
        fmt = rng.choice(WARC_FORMATS)
        mutations = [rng.choice(MUTATIONS) for _ in range(rng.randint(1, 4))]
        limit = rng.choice([None, None, 400])
        case = make_case(fmt, rng.randint(0, 2), rng.randint(2, 10), mutations, rng, limit)
        tried[fmt] += 1
        try:
            cuts += check_ranges(case.data, case.name, limit, rng)
        except AssertionError as err:
            failures.append(f"case {index} ({fmt}, {case.mutations}, limit {limit}): {err}")
            continue
        held[fmt] += 1
    seconds = time.perf_counter() - t0
    lines = [
        "## Fault campaign: byte-range shards of damaged WARC and WET files",
        "",
        f"{args.cases} damaged files, each cut at all its cut points and at a random subset "
        f"({cuts} cut points in all); a case holds when its ranges read one after the other "
        "give exactly the whole file's records, ids, reasons and details.",
        "",
        "| format | cases | held |",
        "|---|---|---|",
        *(f"| {fmt} | {tried[fmt]} | {held[fmt]} |" for fmt in WARC_FORMATS),
        "",
        *(f"- FAILED {f}" for f in failures[:50]),
        f"Took {seconds:.0f}s. Command: `PYTHONPATH=src python benchmarks/faults_ranges.py "
        f"--cases {args.cases} --seed {args.seed}`",
    ]
    args.md.parent.mkdir(parents=True, exist_ok=True)
    args.md.write_text("\n".join(lines) + "\n")
    print(f"{sum(held.values())}/{args.cases} held; wrote {args.md}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
