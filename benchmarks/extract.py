"""Main-content extraction benchmark: thresher against its peers, same pages, same run.

Runs ``../shared/bench/score_extract.py`` once over every dataset folder in
``../shared/bench`` with these extractors:

=======================  ==================================================
thresher                 ``extract_adapter:html_to_text`` (benchmarks/extract_adapter.py)
trafilatura              ``extract()`` defaults
trafilatura_precision    ``favor_precision=True``
trafilatura_recall       ``favor_recall=True``
resiliparse              ``extract_plain_text(main_content=True)``
readability              readability-lxml ``Document.summary()`` -> text
=======================  ==================================================

(the readability peer needs the ``html-text`` package to turn its HTML into text)

and writes ``benchmarks/results/extract.md``: the scorer's tables (bag-of-words
P/R/F1, page-mean F1, ScrapingHub's 4-gram-shingle F1, F1 by page type), the
speed of each extractor as a ratio to trafilatura's default, the machine and the
command. The scorer times only the extractor call, one page at a time, in one
process; every extractor gets the same decoded ``str``.

Speeds on a shared machine move from run to run, so ``--speed-runs N`` (default 2)
runs the scorer N more times with thresher and trafilatura only, and the report
gives every run's ratio and their median; ``--cpu-rounds N`` (default 2) also times
both in CPU time, alternating page by page, which other work on the machine does not
skew.

Usage (from the repository root; takes several minutes, trafilatura is slow)::

    PYTHONPATH=src python benchmarks/extract.py [--shared ../shared] [--limit N] \\
        [--speed-runs N] [--cpu-rounds N] [--out benchmarks/results/extract.md] [--json scores.json]

``--render scores.json`` re-renders the report from kept results without running.

Skips with a message (exit 0) when the shared benchmark folder is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

from machine import cpu_model, version

ROOT = Path(__file__).resolve().parents[1]
THRESHER = "extract_adapter:html_to_text"
PEERS = ["trafilatura", "trafilatura_precision", "trafilatura_recall", "resiliparse", "readability"]
REFERENCE = "trafilatura"
PACKAGES = [
    "trafilatura",
    "resiliparse",
    "readability-lxml",
    "html-text",
    "lxml",
    "selectolax",
    "charset-normalizer",
]
COMMAND = "PYTHONPATH=src python benchmarks/extract.py"


def datasets(bench: Path) -> list[Path]:
    """Every dataset folder (``pages/`` + ``truth.jsonl``) under ``bench``, sorted."""
    return sorted(p for p in bench.iterdir() if (p / "truth.jsonl").is_file())


def run_scorer(
    bench: Path, folders: list[Path], limit: int | None, out_json: Path, peers: list[str] = PEERS
) -> None:
    """Run score_extract.py once with thresher and ``peers``; results go to ``out_json``."""
    command = [
        sys.executable,
        str(bench / "score_extract.py"),
        *map(str, folders),
        "-e",
        *peers,
        "--callable",
        THRESHER,
        "--json",
        str(out_json),
    ]
    if limit:
        command += ["--limit", str(limit)]
    env = dict(os.environ)
    paths = [str(ROOT / "src"), str(ROOT / "benchmarks"), env.get("PYTHONPATH")]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    print("running:", " ".join(command), file=sys.stderr)
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def thresher_version() -> str:
    """The project version from pyproject.toml, plus the git commit when there is one."""
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        commit = dirty = ""
    if commit and dirty:
        commit += ".dirty"  # the run measured uncommitted sources
    return f"{version}+{commit}" if commit else version


def rename_thresher(saved: dict[str, Any]) -> None:
    """Call the adapter ``thresher`` in the scorer's results (it is named after the function)."""
    name = THRESHER.rpartition(":")[2]
    if name not in saved["versions"]:
        return  # already renamed (a re-render of kept results)
    for by_extractor in saved["results"].values():
        if name in by_extractor:
            by_extractor["thresher"] = by_extractor.pop(name)
    saved["versions"].pop(name)
    saved["versions"]["thresher"] = thresher_version()


def overall_speed(results: dict[str, dict[str, Any]], extractor: str) -> float:
    """Pages/s of ``extractor`` over every dataset together (all pages / all seconds)."""
    pages = sum(by_ex[extractor]["pages"] for by_ex in results.values())
    seconds = sum(by_ex[extractor]["seconds"] for by_ex in results.values())
    return pages / seconds if seconds else float("nan")


def _pair(results: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], dict[str, float]]:
    """thresher's and trafilatura's pages/s per dataset, and over all datasets."""
    pair = ("thresher", REFERENCE)
    speeds = {d: {e: by_ex[e]["pages_per_s"] for e in pair} for d, by_ex in results.items()}
    return speeds, {e: overall_speed(results, e) for e in pair}


def speed_table(results: dict[str, dict[str, Any]]) -> str:
    """Pages/s per dataset and overall, and the ratio to trafilatura's default."""
    extractors = sorted({e for by_ex in results.values() for e in by_ex})
    names = list(results)
    lines = [
        "| extractor | " + " | ".join(f"{d} pages/s" for d in names) + " | all pages/s | "
        f"x {REFERENCE} |",
        "|---" * (len(names) + 3) + "|",
    ]

    def overall(extractor: str) -> float:
        return overall_speed(results, extractor)

    reference = overall(REFERENCE) if all(REFERENCE in results[d] for d in names) else None
    rows = []
    for extractor in extractors:
        if not all(extractor in results[d] for d in names):
            continue
        speed = overall(extractor)
        ratio = f"{speed / reference:.1f}" if reference else "-"
        per = " | ".join(f"{results[d][extractor]['pages_per_s']:.1f}" for d in names)
        rows.append((-speed, f"| {extractor} | {per} | {speed:.1f} | {ratio} |"))
    lines += [row for _, row in sorted(rows)]
    return "\n".join(lines)


def speed_runs(bench: Path, folders: list[Path], limit: int | None, runs: int) -> list[Any]:
    """``runs`` more scorer runs of thresher and trafilatura alone, for their speeds only.

    Speeds on a shared machine move by 20-40% from one run to the next (other
    processes, CPU frequency); one run's ratio is one sample. Each extra run times
    both extractors in the same process, like the main run.
    """
    out = []
    for number in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            out_json = Path(tmp) / "scores.json"
            run_scorer(bench, folders, limit, out_json, peers=[REFERENCE])
            saved = json.loads(out_json.read_text(encoding="utf-8"))
        rename_thresher(saved)
        speeds, totals = _pair({d: r for d, r in saved["results"].items() if r})
        out.append({"run": number + 2, "datasets": speeds, "all": totals})
    return out


def cpu_interleaved(bench: Path, folders: list[Path], limit: int | None, rounds: int) -> Any:
    """CPU seconds of thresher and trafilatura, page by page, alternating, per dataset.

    The scorer times wall clock, one extractor after the other: a burst of other work
    on a shared machine lands on whichever extractor is running, and thresher's short
    windows (about a second per dataset) take it whole. Here both extractors read the
    same pages (the scorer's loader and its trafilatura call) alternately, and only
    this process's CPU time counts, `rounds` times over.
    """
    sys.path.insert(0, str(bench))
    import score_extract  # type: ignore[import-not-found]

    from extract_adapter import html_to_text

    theirs, _ = score_extract.EXTRACTORS[REFERENCE][0]()
    out = {}
    for folder in folders:
        pages = score_extract.load_dataset(str(folder), limit)
        ours_s = theirs_s = 0.0
        for page in pages[:3]:  # warm-up, untimed
            html_to_text(page.html, page.url)
            theirs(page.html, page.url)
        for _ in range(rounds):
            for page in pages:
                start = time.process_time()
                html_to_text(page.html, page.url)
                middle = time.process_time()
                theirs(page.html, page.url)
                ours_s += middle - start
                theirs_s += time.process_time() - middle
        count = rounds * len(pages)
        out[folder.name] = {"thresher": count / ours_s, REFERENCE: count / theirs_s}
    return out


def cpu_table(cpu: Any, pages: dict[str, int]) -> str:
    """Per dataset, and over all pages (`pages`: each dataset's page count) when known."""
    lines = [
        f"| dataset | thresher pages/s (CPU) | {REFERENCE} pages/s (CPU) | x {REFERENCE} |",
        "|---|---|---|---|",
    ]
    rows = dict(cpu)
    if len(cpu) > 1 and all(dataset in pages for dataset in cpu):
        # all pages: total pages over total CPU seconds, for each extractor
        rows["all pages"] = {
            name: sum(pages[d] for d in cpu) / sum(pages[d] / cpu[d][name] for d in cpu)
            for name in ("thresher", REFERENCE)
        }
    for dataset, speeds in rows.items():
        ratio = speeds["thresher"] / speeds[REFERENCE]
        lines.append(
            f"| {dataset} | {speeds['thresher']:.1f} | {speeds[REFERENCE]:.1f} | **{ratio:.1f}x** |"
        )
    return "\n".join(lines)


def _ratio_row(label: str, speeds: dict[str, dict[str, float]], total: dict[str, float]) -> str:
    cells = [
        f"{s['thresher']:.1f} / {s[REFERENCE]:.1f} ({s['thresher'] / s[REFERENCE]:.1f}x)"
        for s in speeds.values()
    ]
    overall = f"{total['thresher'] / total[REFERENCE]:.1f}x"
    return f"| {label} | " + " | ".join(cells) + f" | {overall} |"


def repeated_table(results: dict[str, dict[str, Any]], runs: list[Any]) -> str:
    """thresher vs trafilatura in every run (the main one first), and the median ratio."""
    names = list(results)
    samples = [_pair(results)] + [(run["datasets"], run["all"]) for run in runs]
    heads = " | ".join(f"{d}: thresher / {REFERENCE} pages/s" for d in names)
    lines = [
        f"| run | {heads} | all pages |",
        "|---" * (len(names) + 2) + "|",
    ]
    for number, (speeds, total) in enumerate(samples, start=1):
        lines.append(_ratio_row(str(number), speeds, total))
    medians = []
    for dataset in names:
        ratios = sorted(s[dataset]["thresher"] / s[dataset][REFERENCE] for s, _ in samples)
        medians.append(f"**{statistics.median(ratios):.1f}x**")
    overall = sorted(t["thresher"] / t[REFERENCE] for _, t in samples)
    lines.append(f"| median | {' | '.join(medians)} | **{statistics.median(overall):.1f}x** |")
    return "\n".join(lines)


def summary(results: dict[str, dict[str, Any]]) -> str:
    """One line per dataset: thresher against trafilatura's default and the best peer."""
    lines = []
    for dataset, by_extractor in results.items():
        ours = by_extractor.get("thresher")
        if ours is None or "bow_f1" not in ours:
            continue
        peers = {e: r for e, r in by_extractor.items() if e != "thresher" and "bow_f1" in r}
        best = max(peers, key=lambda e: peers[e]["bow_f1"], default=None)
        line = f"- {dataset}: thresher F1 {ours['bow_f1']:.3f} (page mean {ours['f1_mean']:.3f})"
        if REFERENCE in peers:
            ref = peers[REFERENCE]
            line += f", {REFERENCE} {ref['bow_f1']:.3f} ({ref['f1_mean']:.3f})"
        if best is not None and best != REFERENCE:
            line += f", best peer {best} {peers[best]['bow_f1']:.3f} ({peers[best]['f1_mean']:.3f})"
        lines.append(line)
    return "\n".join(lines)


def machine() -> str:
    """nproc, CPU model, Python, OS, load, and the versions of the packages involved."""
    cpu = cpu_model()
    versions = [f"{package} {version(package, '(not installed)')}" for package in PACKAGES]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (
        f"- nproc: {os.cpu_count()}, CPU: {cpu}\n"
        f"- Python {platform.python_version()} on {platform.platform()}\n"
        f"- load average at the end of the run: {load} (a shared machine: speeds are noisy,"
        " ratios measured in the same run are the meaningful number)\n"
        f"- thresher {thresher_version()}; " + ", ".join(versions)
    )


def report(saved: dict[str, Any], bench: Path, limit: int | None) -> str:
    """The markdown section for BENCHMARKS.md."""
    sys.path.insert(0, str(bench))
    import score_extract  # type: ignore[import-not-found]  # renders tables as everywhere else

    results = {d: r for d, r in saved["results"].items() if r}
    tables = score_extract.markdown(results, saved["versions"])
    command = COMMAND + (f" --limit {limit}" if limit else "")
    if saved.get("speed_runs") is not None and len(saved["speed_runs"]) != 2:
        command += f" --speed-runs {len(saved['speed_runs'])}"
    rounds = saved.get("cpu_rounds", 2)
    if rounds != 2:
        command += f" --cpu-rounds {rounds}"
    return (
        "## Main-content extraction\n\n"
        f"Datasets: {', '.join(results)} (from `../shared/bench`, see its README). "
        "Scorer: `../shared/bench/score_extract.py` (bag-of-words P/R/F1 averaged over pages, "
        "`F1 page mean` = mean of per-page F1, `sh4` = ScrapingHub's 4-gram-shingle F1). "
        "One process, one page at a time, time inside the extractor only.\n\n"
        f"{summary(results)}\n\n"
        f"{tables}\n"
        f"### Speed (ratio to {REFERENCE} default, same run)\n\n{speed_table(results)}\n\n"
        f"{_repeated_section(results, saved.get('speed_runs', []))}"
        f"{_cpu_section(saved.get('cpu'), results)}"
        f"### Machine\n\n{machine()}\n\n"
        f"### Command\n\n```\n{command}\n```\n"
    )


def _repeated_section(results: dict[str, dict[str, Any]], runs: list[Any]) -> str:
    if not runs or not all("thresher" in r and REFERENCE in r for r in results.values()):
        return ""
    return (
        f"### Speed over {len(runs) + 1} runs (thresher and {REFERENCE} timed in each)\n\n"
        f"Run 1 is the run above; the others time only these two (`--speed-runs`). "
        f"Each run's ratio is one sample of a noisy shared machine; the median is the "
        f"figure to quote.\n\n{repeated_table(results, runs)}\n\n"
    )


def _cpu_section(cpu: Any, results: dict[str, dict[str, Any]]) -> str:
    if not cpu:
        return ""
    pages = {d: r["thresher"]["pages"] for d, r in results.items() if "thresher" in r}
    return (
        f"### Speed in CPU time, thresher and {REFERENCE} alternating page by page\n\n"
        "Each page goes to thresher, then to trafilatura, `--cpu-rounds` times over (see "
        "the command); only this process's "
        "CPU time counts, so other work on the machine does not land on one "
        f"extractor's window.\n\n{cpu_table(cpu, pages)}\n\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--limit", type=int, default=None, help="first N pages per dataset")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "extract.md")
    parser.add_argument("--json", type=Path, help="also keep the scorer's raw results here")
    parser.add_argument("--render", type=Path, help="only re-render a --json file, no run")
    parser.add_argument(
        "--speed-runs",
        type=int,
        default=2,
        help="extra runs of thresher and trafilatura alone, for the median speed ratio",
    )
    parser.add_argument(
        "--cpu-rounds",
        type=int,
        default=2,
        help="rounds of the CPU-time comparison, page by page (0: skip it)",
    )
    args = parser.parse_args(argv)

    bench = args.shared / "bench"
    if not (bench / "score_extract.py").is_file():
        print(f"skipping: no extraction benchmark at {bench} (score_extract.py missing)")
        return 0
    folders = datasets(bench)
    if not folders:
        print(f"skipping: no dataset folders in {bench}")
        return 0
    if args.render:
        saved = json.loads(args.render.read_text(encoding="utf-8"))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            out_json = Path(tmp) / "scores.json"
            run_scorer(bench, folders, args.limit, out_json)
            saved = json.loads(out_json.read_text(encoding="utf-8"))
        rename_thresher(saved)  # now, so that the version is the one measured
        saved["speed_runs"] = speed_runs(bench, folders, args.limit, args.speed_runs)
        if args.cpu_rounds:
            saved["cpu"] = cpu_interleaved(bench, folders, args.limit, args.cpu_rounds)
        saved["cpu_rounds"] = args.cpu_rounds
        if args.json:
            args.json.write_text(json.dumps(saved, indent=1), encoding="utf-8")
    missing = [p for p in PEERS if p not in saved["versions"]]
    if missing:
        print(f"warning: peers that could not run: {', '.join(missing)}", file=sys.stderr)
    text = report(saved, bench, args.limit)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
