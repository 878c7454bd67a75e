"""Main-content extraction benchmark: thresher against its peers, same pages, same run.

Runs ``../shared/bench/score_extract.py`` once over every dataset folder in
``../shared/bench`` with these extractors:

=======================  ==================================================
thresher                 ``thresher.extract.bench_adapter:html_to_text``
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

Usage (from the repository root; takes a few minutes, trafilatura is slow)::

    PYTHONPATH=src python benchmarks/extract.py [--shared ../shared] [--limit N] \\
        [--out benchmarks/results/extract.md] [--json scores.json]

``--render scores.json`` re-renders the report from kept results without running.

Skips with a message (exit 0) when the shared benchmark folder is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from machine import cpu_model, version

ROOT = Path(__file__).resolve().parents[1]
THRESHER = "thresher.extract.bench_adapter:html_to_text"
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


def run_scorer(bench: Path, folders: list[Path], limit: int | None, out_json: Path) -> None:
    """Run score_extract.py once with thresher and the peers; results go to ``out_json``."""
    command = [
        sys.executable,
        str(bench / "score_extract.py"),
        *map(str, folders),
        "-e",
        *PEERS,
        "--callable",
        THRESHER,
        "--json",
        str(out_json),
    ]
    if limit:
        command += ["--limit", str(limit)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
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
        pages = sum(results[d][extractor]["pages"] for d in names)
        seconds = sum(results[d][extractor]["seconds"] for d in names)
        return pages / seconds if seconds else float("nan")

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
    return (
        "## Main-content extraction\n\n"
        f"Datasets: {', '.join(results)} (from `../shared/bench`, see its README). "
        "Scorer: `../shared/bench/score_extract.py` (bag-of-words P/R/F1 averaged over pages, "
        "`F1 page mean` = mean of per-page F1, `sh4` = ScrapingHub's 4-gram-shingle F1). "
        "One process, one page at a time, time inside the extractor only.\n\n"
        f"{summary(results)}\n\n"
        f"{tables}\n"
        f"### Speed (ratio to {REFERENCE} default, same run)\n\n{speed_table(results)}\n\n"
        f"### Machine\n\n{machine()}\n\n"
        f"### Command\n\n```\n{command}\n```\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--limit", type=int, default=None, help="first N pages per dataset")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "extract.md")
    parser.add_argument("--json", type=Path, help="also keep the scorer's raw results here")
    parser.add_argument("--render", type=Path, help="only re-render a --json file, no run")
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
