"""Issue 13's "done when", checked end to end on a 2,400-page generated crawl.

1. Builds a crawl of 2,400 pages in 4 WARC files from our own generated pages
   (tests/generated_crawl.py), runs ``thresher run`` with stderr sent to a file, and
   watches that file while the run goes: progress lines must appear before it ends.
2. Checks ``report.html``: under 5 MB, fetches nothing, and in headless Chromium every
   figure is drawn and the numbers shown equal the manifest's.
3. Loads ``data/`` and ``rejected/`` with ``datasets.load_dataset("json")`` (and pandas,
   DuckDB, pyarrow when installed): row counts equal the manifest's.

    python benchmarks/report_check.py [--pages 2400] [--workers 2] [--keep DIR]

Writes benchmarks/results/report_check.md; exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from generated_crawl import write_crawl  # noqa: E402

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
]


def run(inputs: Path, out: Path, log: Path, workers: int) -> tuple[list[tuple[float, int]], float]:
    """Run the CLI with stderr to ``log``; (seconds, lines in the log) seen while it ran."""
    code = "import sys; from thresher.cli import main; sys.exit(main(sys.argv[1:]))"
    args = ["run", str(inputs), "-o", str(out), "-w", str(workers), "--log-every", "2"]
    seen = []
    t0 = time.monotonic()
    with log.open("w") as err:
        proc = subprocess.Popen([sys.executable, "-c", code, *args], stderr=err,
                                stdout=subprocess.DEVNULL)
        while proc.poll() is None:
            time.sleep(0.5)
            seen.append((time.monotonic() - t0, len(log.read_text().splitlines())))
    if proc.returncode != 0:
        raise SystemExit(f"thresher run failed ({proc.returncode}):\n{log.read_text()}")
    return seen, time.monotonic() - t0


def check_page(out: Path, m: dict[str, Any]) -> list[str]:
    page = (out / "report.html").read_text("utf-8")
    problems = []
    if len(page.encode()) >= 5_000_000:
        problems.append(f"report.html is {len(page.encode()):,} bytes")
    problems += [f"report.html fetches with {f!r}" for f in ("<link", " src=", "@import", "url(")
                 if f in page]
    chromium = shutil.which("chromium")
    if chromium is None:
        return [*problems, "chromium is not installed: page not rendered"]
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                              "--dump-dom", (out / "report.html").resolve().as_uri()],
                             capture_output=True, text=True, timeout=120, check=True).stdout
    figures = re.findall(r'data-figure="([^"]+)" data-drawn="(\d+)"', dom)
    problems += [f"figure {name} not drawn" for name, n in figures if int(n) == 0]
    if not figures:
        problems.append("no figure was drawn")
    shown = dict(re.findall(r'data-key="([^"]+)"[^>]*>([^<]*)<', dom))
    expected = {k: m["accounting"][k] for k in ("records_in", "documents_out", "rejected")}
    expected |= {f"drop:{k}": n for k, n in m["counts"]["drops"].items()}
    expected |= {f"funnel-in:{k}": n for k, n in m["counts"]["step_in"].items()}
    for key, n in expected.items():
        if int(shown.get(key, "-1").replace(",", "")) != n:
            problems.append(f"{key}: page shows {shown.get(key)}, manifest says {n}")
    return problems


def load_counts(out: Path) -> dict[str, dict[str, int]]:
    """Rows of each sink per loader that is installed."""
    found: dict[str, dict[str, int]] = {}
    for sink in ("data", "rejected"):
        files = sorted(str(p) for p in (out / sink).glob("*.jsonl.zst"))
        rows = found.setdefault(sink, {})
        try:
            import datasets

            datasets.disable_progress_bars()
            with tempfile.TemporaryDirectory() as cache:
                rows["datasets"] = datasets.load_dataset(
                    "json", data_files=files, split="train", cache_dir=cache).num_rows
        except ImportError:
            pass
        try:
            import pandas as pd

            rows["pandas"] = sum(len(pd.read_json(f, lines=True, compression="zstd"))
                                 for f in files)
        except ImportError:
            pass
        try:
            import duckdb

            pattern = str(out / sink / "*.jsonl.zst")
            ((rows["duckdb"],),) = duckdb.sql(
                f"select count(*) from read_json_auto('{pattern}')").fetchall()
        except ImportError:
            pass
    return found


def profile_cost(records: int = 20_000) -> float:
    """CPU microseconds per record that the run's profile (report statistics) adds.

    Measured with ``time.process_time`` over ``records`` documents of 3,000 characters
    from 300 hosts, a third kept and the rest dropped: the work done where each
    record's fate is decided (:mod:`thresher.run.profile`).
    """
    from thresher.document import Document, Provenance
    from thresher.drop import Drop
    from thresher.run.profile import Profile

    docs = [Document(id=f"id{i}", provenance=Provenance("x"), text="word " * 600,
                     url=f"https://site{i % 300}.example/a/{i}", language="en")
            for i in range(records)]
    drop = Drop("too_few_words", value=1.0, threshold=50.0, step="gopher_quality")
    profile = Profile()
    t0 = time.process_time()
    for i, doc in enumerate(docs):
        if i % 3:
            profile.add_dropped(doc, drop)
        else:
            profile.add_kept(doc)
    return (time.process_time() - t0) / records * 1e6


def cpu_per_record(m: dict[str, Any]) -> float:
    """Microseconds per record the run's steps took (their seconds summed over workers)."""
    seconds = sum(m["timing"]["step_seconds"].values())
    return seconds / max(m["accounting"]["records_in"], 1) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2_400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build and run in this folder (kept)")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="report-check-"))
    shutil.rmtree(base / "out", ignore_errors=True)
    write_crawl(base / "in", args.pages, files=4)
    seen, seconds = run(base / "in", base / "out", base / "stderr.log", args.workers)
    m = json.loads((base / "out" / "manifest.json").read_text())
    problems = []
    during = [n for _, n in seen if n > 0]
    if not during:
        problems.append("no progress line appeared in the log while the run went")
    problems += check_page(base / "out", m)
    loaded = load_counts(base / "out")
    for sink, counts in loaded.items():
        want = m["accounting"]["documents_out" if sink == "data" else "rejected"]
        problems += [f"{sink}/ with {lib}: {n} rows, manifest says {want}"
                     for lib, n in counts.items() if n != want]
    log = (base / "stderr.log").read_text().splitlines()
    lines = [
        "# Report check (issue 13)", "",
        f"Command: `python benchmarks/report_check.py --pages {args.pages} --workers "
        f"{args.workers}`", "",
        f"- {m['accounting']['records_in']:,} records in {seconds:.1f} s wall, "
        f"{m['accounting']['documents_out']:,} kept, {m['accounting']['rejected']:,} rejected",
        f"- progress: {len(log)} lines in the log at the end; while it ran (polled every "
        f"0.5 s): " + ", ".join(f"{n} after {t:.0f} s" for t, n in seen[::10]),
        f"- report.html: {(base / 'out' / 'report.html').stat().st_size:,} bytes",
        f"- the profile costs {profile_cost():.1f} us of CPU per record (time.process_time, "
        f"20,000 records; the whole pipeline spent {cpu_per_record(m):,.0f} us per record "
        "in its steps, by their timers)",
        f"- rows loaded: {json.dumps(loaded)}",
        f"- problems: {problems or 'none'}", "", "First lines of the log:", "", "```",
        *log[:12], "```", "",
    ]
    result = HERE / "results" / "report_check.md"
    result.write_text("\n".join(lines))
    print("\n".join(lines))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
