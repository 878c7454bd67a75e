"""Extraction speed of the working tree against an earlier revision, in CPU time.

A change to the extractor should not make it much slower. This runs the extractor of
the working tree (``src/``) and of a git revision (its ``src/`` exported to a temporary
folder) on the same pages of ``../shared/bench``, each in its own process, alternating
``--rounds`` times, and reports pages per CPU-second (``time.process_time``: other work on
a shared machine does not count) for each, and their ratio. Each process reads the pages
first (untimed), warms up on a few, then times ``html_to_text`` page by page.

Usage (from the repository root)::

    PYTHONPATH=src python benchmarks/extract_speed_vs.py --rev 02c05b9 [--rounds 3]
    PYTHONPATH=src python benchmarks/extract_speed_vs.py --rev 02c05b9 --instructions 4

``--instructions STEP`` counts machine instructions instead (``valgrind --tool=callgrind``,
every STEP-th page; exact and unaffected by other work, but about 50 times slower): a run
that extracts the pages less a run that only reads them, per page.

Skips with a message (exit 0) when the shared benchmark folder is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parents[1]
FOLDERS: Final = ("scrapinghub", "wcxb-dev", "wcxb-dev-more", "dragnet-train")

#: The timed child: reads every page (every STEP-th one), warms up, times the extractor
#: in CPU seconds (none of it when STEP is negative: the cost of the rest, for callgrind).
_CHILD: Final = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
import score_extract
try:
    from thresher.extract.bench_adapter import html_to_text
except ImportError:  # revisions after the adapter moved out of the package
    from thresher.extract import ExtractConfig, extract
    _TEXT_ONLY = ExtractConfig(with_metadata=False)
    def html_to_text(html, url=None):
        return extract(html, url, _TEXT_ONLY).text
step = int(sys.argv[2])
pages = [p for folder in sys.argv[3:] for p in score_extract.load_dataset(folder)]
pages = pages[::abs(step)]
for page in pages[:5]:
    html_to_text(page.html, page.url)
start = time.process_time()
for page in pages if step > 0 else []:
    html_to_text(page.html, page.url)
print(json.dumps({"pages": len(pages), "cpu_s": time.process_time() - start}))
"""


def export(rev: str, into: Path) -> Path:
    """The ``src/`` of git revision ``rev``, unpacked under ``into``."""
    archive = subprocess.run(
        ["git", "archive", rev, "src"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "src"


def timed(src: Path, bench: Path, folders: list[Path]) -> float:
    """Pages per CPU-second of the extractor under ``src``, in a fresh process."""
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(bench), "1", *map(str, folders)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = json.loads(out)
    return float(found["pages"]) / float(found["cpu_s"])


def instructions(src: Path, bench: Path, folders: list[Path], step: int) -> float:
    """Instructions per page of the extractor under ``src`` (callgrind), every
    ``step``-th page: a run that extracts them less a run that only reads them."""
    totals = []
    pages = 0
    for sign in (1, -1):
        with tempfile.TemporaryDirectory() as tmp:
            out_file = Path(tmp) / "callgrind.out"
            done = subprocess.run(
                ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}",
                 sys.executable, "-c", _CHILD, str(bench), str(sign * step),
                 *map(str, folders)],
                env=dict(os.environ, PYTHONPATH=str(src)),
                capture_output=True,
                text=True,
                check=True,
            )  # fmt: skip
            pages = pages or int(json.loads(done.stdout)["pages"])
            text = out_file.read_text(encoding="utf-8", errors="replace")
        found = re.search(r"^(?:summary|totals):\s*(\d+)", text, re.MULTILINE)
        if found is None:
            raise RuntimeError("no instruction total in the callgrind output")
        totals.append(int(found.group(1)))
    return (totals[0] - totals[1]) / pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--rev", required=True, help="the git revision to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--instructions",
        type=int,
        metavar="STEP",
        help="count instructions with callgrind on every STEP-th page instead (slow, exact)",
    )
    args = parser.parse_args(argv)

    bench = args.shared / "bench"
    folders = [bench / name for name in FOLDERS if (bench / name / "truth.jsonl").is_file()]
    if not (bench / "score_extract.py").is_file() or not folders:
        print(f"skipping: no extraction benchmark at {bench}")
        return 0
    if args.instructions:
        with tempfile.TemporaryDirectory() as tmp:
            old_src = export(args.rev, Path(tmp))
            theirs = instructions(old_src, bench, folders, args.instructions)
            ours = instructions(ROOT / "src", bench, folders, args.instructions)
        print(f"instructions per page (callgrind, every {args.instructions}th page):")
        print(f"  working tree: {ours / 1e6:.2f} M\n  {args.rev}: {theirs / 1e6:.2f} M")
        print(f"working tree / {args.rev}: {ours / theirs:.3f}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        old_src = export(args.rev, Path(tmp))
        speeds: dict[str, list[float]] = {"working tree": [], args.rev: []}
        for _ in range(args.rounds):
            speeds[args.rev].append(timed(old_src, bench, folders))
            speeds["working tree"].append(timed(ROOT / "src", bench, folders))
    print(f"pages per CPU-second over {', '.join(f.name for f in folders)}:")
    for name, runs in speeds.items():
        shown = ", ".join(f"{s:.1f}" for s in runs)
        print(f"  {name}: median {statistics.median(runs):.1f} ({shown})")
    ratio = statistics.median(speeds["working tree"]) / statistics.median(speeds[args.rev])
    print(f"working tree / {args.rev}: {ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
