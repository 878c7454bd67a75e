"""Extraction speed: thresher compiled and pure-Python, resiliparse and trafilatura, same run.

Every page of every dataset folder in ``../shared/bench`` goes to each extractor in turn,
page by page (``--chunk N``: N pages at a time), for ``--rounds`` rounds, the order of the
extractors rotating from turn to turn; each extractor runs in its own worker process,
which times only its extractor call in its own CPU time, so that other work on a shared
machine does not land on one extractor's window. The workers:

==================  ====================================================================
thresher            ``extract_adapter:html_to_text`` (benchmarks/), compiled hot path
thresher_pure       the same with ``THRESHER_PURE_PYTHON=1`` (the fallback without a compiler)
resiliparse         ``extract_plain_text(main_content=True)`` (the scorer's peer)
trafilatura         ``extract()`` defaults (the scorer's peer)
==================  ====================================================================

Peers are called as ``../shared/bench/score_extract.py`` calls them, on the same decoded
``str``. Reports pages/s per core (pages per CPU second) per dataset and over all pages,
the median over rounds and each round's ratios, core-hours per billion pages, whether the
two thresher paths gave the same text on every page, and where thresher's time goes
(CPU time by stage, both paths). ``--callgrind-pages N`` also counts instructions per page
(valgrind's callgrind, independent of the machine's load) on every k-th page, N pages.

Writes ``benchmarks/results/extract_speed.md``. Usage (from the repository root, with the
compiled path installed: ``pip install -e '.[bench]'``)::

    PYTHONPATH=src python benchmarks/extract_speed.py [--shared ../shared] [--rounds 5] \\
        [--limit N] [--callgrind-pages 200] [--out benchmarks/results/extract_speed.md]

Skips with a message (exit 0) when the shared benchmark folder is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from extract import datasets, machine

ROOT = Path(__file__).resolve().parents[1]
EXTRACTORS = ("thresher", "thresher_pure", "resiliparse", "trafilatura")
PURE_ENV = "THRESHER_PURE_PYTHON"
COMMAND = "PYTHONPATH=src python benchmarks/extract_speed.py"
STAGES = ("parse", "blocks", "select", "render")


# ---------------------------------------------------------------- worker side


def load_pages(bench: Path, limit: int | None) -> list[tuple[str, Any]]:
    """(dataset, page) for every page of every dataset folder, in a fixed order."""
    sys.path.insert(0, str(bench))
    import score_extract  # type: ignore[import-not-found]

    return [
        (folder.name, page)
        for folder in datasets(bench)
        for page in score_extract.load_dataset(str(folder), limit)
    ]


def extractor(name: str, bench: Path) -> Any:
    """The function `name` times: html, url -> text."""
    if name.startswith("thresher"):
        from extract_adapter import html_to_text

        return html_to_text
    sys.path.insert(0, str(bench))
    import score_extract

    run, _version = score_extract.EXTRACTORS[name][0]()
    return run


def stage_profile(pages: list[tuple[str, Any]]) -> dict[str, Any]:
    """CPU seconds of thresher's stages over all pages (the steps of `api._extract`).

    parse: lexbor builds the DOM; blocks: script/style/svg... dropped in C, then the
    walk into the Box/Line tree and its aggregates; select: scoring, choice and
    pruning; render: text and markdown. The staged text is checked against the
    adapter's output on every page, so the profile cannot drift from `extract`.
    """
    from selectolax.lexbor import LexborHTMLParser

    from extract_adapter import html_to_text
    from thresher.extract import api, content, render
    from thresher.extract.tree import release

    config = api.ExtractConfig(with_metadata=False)
    spent = dict.fromkeys(STAGES, 0.0)
    mismatches = 0
    clock = time.process_time
    for _dataset, page in pages:
        start = clock()
        tree = LexborHTMLParser(page.html)
        parsed = clock()
        top = api.build_blocks(tree, config)
        built = clock()
        text = ""
        if top is not None:
            chosen = content.select(top, config.favour, config.include_comments)
            selected = clock()
            text = render.render(chosen, config.include_links).text
            rendered = clock()
            release(top)
            spent["select"] += selected - built
            spent["render"] += rendered - selected
        spent["parse"] += parsed - start
        spent["blocks"] += built - parsed
        mismatches += text != html_to_text(page.html, page.url)
    return {"seconds": spent, "pages": len(pages), "mismatches": mismatches}


def worker(name: str, bench: Path, limit: int | None) -> int:
    """Serve the coordinator: `t I J` times pages I..J-1, `p` profiles stages, `q` quits.

    The answer to `t` is one line per page: its CPU seconds and a digest of its text.
    """
    pages = load_pages(bench, limit)
    run = extractor(name, bench)
    for _dataset, page in pages[:3]:  # warm-up, untimed
        run(page.html, page.url)
    hello: dict[str, Any] = {"pages": len(pages)}
    if name.startswith("thresher"):
        from thresher.extract import hotpath

        status = hotpath.status()
        hello.update(compiled=status.compiled, path=status.describe())
    print(json.dumps(hello), flush=True)
    clock = time.process_time
    for line in sys.stdin:
        command, *arguments = line.split()
        if command == "t":
            answers = []
            for _dataset, page in pages[int(arguments[0]) : int(arguments[1])]:
                start = clock()
                text = run(page.html, page.url)
                spent = clock() - start
                digest = hashlib.sha256((text or "").encode()).hexdigest()[:16]
                answers.append(f"{spent!r}:{digest}")
            print(" ".join(answers), flush=True)
        elif command == "p":
            print(json.dumps(stage_profile(pages)), flush=True)
        else:
            break
    return 0


def count_pages(name: str, bench: Path, limit: int | None, step: int, count: int) -> int:
    """Run `name` over `count` pages (every `step`-th), untimed: for callgrind."""
    pages = load_pages(bench, limit)[::step]
    run = extractor(name, bench)
    run(pages[0][1].html, pages[0][1].url)  # first-call work, in both counts
    for _dataset, page in pages[:count]:
        run(page.html, page.url)
    return 0


# ---------------------------------------------------------------- coordinator side


def worker_env(name: str) -> dict[str, str]:
    """The environment of `name`'s process: this checkout's sources, the path asked for."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    env.pop(PURE_ENV, None)
    if name == "thresher_pure":
        env[PURE_ENV] = "1"
    return env


class Worker:
    """One extractor in its own process, driven over a pipe."""

    def __init__(self, name: str, bench: Path, limit: int | None) -> None:
        command = [sys.executable, __file__, "--worker", name, "--shared", str(bench.parent)]
        if limit:
            command += ["--limit", str(limit)]
        self.name = name
        self.proc = subprocess.Popen(
            command, env=worker_env(name), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.hello: dict[str, Any] = json.loads(self._read())

    def _read(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"worker {self.name} stopped (exit code {self.proc.poll()})")
        return line

    def ask(self, command: str) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("q\n")
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def chunks(names: list[str], size: int) -> list[tuple[int, int]]:
    """Runs of at most `size` consecutive pages of one dataset: (start, end) indexes."""
    out = []
    start = 0
    for index in range(1, len(names) + 1):
        if index == len(names) or names[index] != names[start] or index - start == size:
            out.append((start, index))
            start = index
    return out


def measure(bench: Path, limit: int | None, rounds: int, chunk: int) -> dict[str, Any]:
    """Every page to every extractor, alternating by runs of `chunk` pages, `rounds` times.

    Returns CPU seconds per dataset and extractor for each round, the pages where the two
    thresher paths gave different text, the stage profiles and each thresher's path.
    """
    pages = load_pages(bench, limit)
    names = [dataset for dataset, _page in pages]
    workers = [Worker(name, bench, limit) for name in EXTRACTORS]
    try:
        for w in workers:
            assert w.hello["pages"] == len(pages), (w.name, w.hello)
        per_round: list[dict[str, dict[str, float]]] = []
        differ: set[int] = set()
        for number in range(rounds):
            spent = {d: dict.fromkeys(EXTRACTORS, 0.0) for d in dict.fromkeys(names)}
            for turn, (start, end) in enumerate(chunks(names, chunk), start=number):
                digests: dict[str, list[str]] = {}
                first = turn % len(workers)
                for w in workers[first:] + workers[:first]:
                    answers = [a.split(":") for a in w.ask(f"t {start} {end}").split()]
                    spent[names[start]][w.name] += sum(float(a[0]) for a in answers)
                    digests[w.name] = [a[1] for a in answers]
                for offset, (ours, pure) in enumerate(
                    zip(digests["thresher"], digests["thresher_pure"], strict=True)
                ):
                    if ours != pure:
                        differ.add(start + offset)
            per_round.append(spent)
            print(f"round {number + 1}/{rounds} done", file=sys.stderr)
        profiles = {w.name: json.loads(w.ask("p")) for w in workers if w.name.startswith("thr")}
        paths = {w.name: w.hello.get("path", "") for w in workers}
    finally:
        for w in workers:
            w.close()
    counts = {d: names.count(d) for d in dict.fromkeys(names)}
    return {
        "pages": counts,
        "chunk": chunk,
        "rounds": per_round,
        "differ": sorted(differ),
        "profiles": profiles,
        "paths": paths,
    }


#: Counted under callgrind (trafilatura, ~10x slower, would take most of an hour).
COUNTED = ("thresher", "thresher_pure", "resiliparse")


def callgrind(bench: Path, limit: int | None, count: int) -> dict[str, Any]:
    """Instructions per page of each extractor: callgrind over N pages minus over 0."""
    total = len(load_pages(bench, limit))
    step = max(1, total // count)
    out: dict[str, Any] = {"pages": min(count, len(range(0, total, step))), "step": step}
    for name in COUNTED:
        collected = []
        for pages in (0, count):
            command = [
                "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                sys.executable, __file__, "--count", name, "--count-pages", str(pages),
                "--count-step", str(step), "--shared", str(bench.parent),
            ]  # fmt: skip
            if limit:
                command += ["--limit", str(limit)]
            done = subprocess.run(
                command, env=worker_env(name), capture_output=True, text=True, check=True
            )
            found = re.search(r"Collected : (\d+)", done.stderr)
            assert found, done.stderr[-2000:]
            collected.append(int(found.group(1)))
        out[name] = (collected[1] - collected[0]) / out["pages"]
        print(f"callgrind {name}: {out[name] / 1e6:.1f} M instructions/page", file=sys.stderr)
    return out


# ---------------------------------------------------------------- report


def speeds(
    spent: dict[str, dict[str, float]], pages: dict[str, int]
) -> dict[str, dict[str, float]]:
    """Pages per CPU second, per dataset and over all pages, of one round."""
    out = {d: {e: pages[d] / s[e] for e in EXTRACTORS} for d, s in spent.items()}
    out["all pages"] = {
        e: sum(pages.values()) / sum(s[e] for s in spent.values()) for e in EXTRACTORS
    }
    return out


def speed_table(saved: dict[str, Any]) -> str:
    """Median pages/s per core over the rounds, and the median ratios."""
    rounds = [speeds(spent, saved["pages"]) for spent in saved["rounds"]]
    lines = [
        "| dataset | pages | " + " | ".join(EXTRACTORS) + " | thresher / resiliparse "
        "| thresher / thresher_pure | thresher / trafilatura |",
        "|---" * (len(EXTRACTORS) + 5) + "|",
    ]
    for dataset in rounds[0]:
        count = sum(saved["pages"].values()) if dataset == "all pages" else saved["pages"][dataset]
        cells = [f"{statistics.median(r[dataset][e] for r in rounds):.1f}" for e in EXTRACTORS]
        ratios = [
            statistics.median(r[dataset]["thresher"] / r[dataset][peer] for r in rounds)
            for peer in ("resiliparse", "thresher_pure", "trafilatura")
        ]
        name = f"**{dataset}**" if dataset == "all pages" else dataset
        lines.append(
            f"| {name} | {count} | " + " | ".join(cells) + " | "
            + " | ".join(f"**{x:.2f}x**" for x in ratios) + " |"
        )  # fmt: skip
    return "\n".join(lines)


def rounds_table(saved: dict[str, Any]) -> str:
    """Each round's all-pages speeds: the spread behind the medians."""
    lines = ["| round | " + " | ".join(EXTRACTORS) + " | thresher / resiliparse |"]
    lines.append("|---" * (len(EXTRACTORS) + 2) + "|")
    for number, spent in enumerate(saved["rounds"], start=1):
        total = speeds(spent, saved["pages"])["all pages"]
        cells = " | ".join(f"{total[e]:.1f}" for e in EXTRACTORS)
        lines.append(f"| {number} | {cells} | {total['thresher'] / total['resiliparse']:.2f}x |")
    return "\n".join(lines)


def core_hours(saved: dict[str, Any]) -> str:
    """Core-hours to extract a billion pages at each extractor's median all-pages speed."""
    rounds = [speeds(spent, saved["pages"])["all pages"] for spent in saved["rounds"]]
    cells = []
    for name in EXTRACTORS:
        rate = statistics.median(r[name] for r in rounds)
        cells.append(f"{1e9 / rate / 3600:,.0f}")
    return (
        "| | " + " | ".join(EXTRACTORS) + " |\n" + "|---" * (len(EXTRACTORS) + 1) + "|\n"
        "| core-hours per billion pages | " + " | ".join(cells) + " |"
    )


def profile_table(saved: dict[str, Any]) -> str:
    """Microseconds per page by stage, compiled and pure, and the compiled speed-up."""
    compiled = saved["profiles"]["thresher"]
    pure = saved["profiles"]["thresher_pure"]
    lines = [
        "| stage | thresher us/page | share | thresher_pure us/page | share | speed-up |",
        "|---|---|---|---|---|---|",
    ]
    totals = [sum(p["seconds"].values()) for p in (compiled, pure)]
    for stage in [*STAGES, "total"]:
        cells = []
        for profile, total in zip((compiled, pure), totals, strict=True):
            seconds = total if stage == "total" else profile["seconds"][stage]
            cells += [f"{seconds / profile['pages'] * 1e6:.0f}", f"{seconds / total:.0%}"]
        ours = compiled["seconds"].get(stage, totals[0])
        theirs = pure["seconds"].get(stage, totals[1])
        lines.append(f"| {stage} | " + " | ".join(cells) + f" | {theirs / ours:.2f}x |")
    return "\n".join(lines)


def callgrind_table(saved: dict[str, Any]) -> str:
    grind = saved.get("callgrind")
    if not grind:
        return ""
    cells = " | ".join(f"{grind[e] / 1e6:.1f}" for e in COUNTED)
    return (
        f"### Instructions per page (callgrind, {grind['pages']} pages: every "
        f"{grind['step']}th)\n\n"
        "Counted by `valgrind --tool=callgrind` over the pages minus a run over none, so "
        "start-up and page loading cancel out. Instruction counts do not depend on the "
        "machine's load; they are not time either (a C parser retires more instructions "
        "per cycle than Python's interpreter loop), so they compare versions of one "
        "extractor better than different extractors.\n\n"
        "| | " + " | ".join(COUNTED) + " |\n" + "|---" * (len(COUNTED) + 1) + "|\n"
        f"| M instructions / page | {cells} |\n\n"
    )


def report(saved: dict[str, Any], limit: int | None) -> str:
    chunk = saved.get("chunk", 1)
    command = COMMAND + f" --rounds {len(saved['rounds'])}"
    if chunk != 1:
        command += f" --chunk {chunk}"
    if limit:
        command += f" --limit {limit}"
    if saved.get("callgrind"):
        command += f" --callgrind-pages {saved['callgrind']['pages']}"
    differ = saved["differ"]
    same = (
        "the same text on every page"
        if not differ
        else f"**different text on {len(differ)} pages**"
    )
    mismatched = sum(p["mismatches"] for p in saved["profiles"].values())
    return (
        "## Extraction speed: compiled, pure Python and peers\n\n"
        f"Datasets: {', '.join(saved['pages'])} (`../shared/bench`). Each extractor runs "
        "in its own process; every page goes to each in turn"
        + (" (page by page" if chunk == 1 else f" ({chunk} pages at a time")
        + f", the order rotating from turn to turn), {len(saved['rounds'])} rounds; "
        "only the extractor call counts, in its own process's CPU time, so this is "
        "pages/s **per core**, and other work on the machine does not land on one "
        "extractor's window. Medians over the rounds.\n\n"
        f"- thresher: {saved['paths']['thresher']}; thresher_pure: "
        f"{saved['paths']['thresher_pure']}\n"
        f"- the two thresher paths gave {same} (in every round)\n\n"
        f"{speed_table(saved)}\n\n"
        f"### Each round, all pages (pages/s per core)\n\n{rounds_table(saved)}\n\n"
        f"### Core-hours per billion pages (median all-pages speed)\n\n{core_hours(saved)}\n\n"
        "### Where thresher's time goes (CPU time by stage, all pages once)\n\n"
        "parse: lexbor builds the DOM; blocks: script/style/svg dropped in C, the Python "
        "walk into the Box/Line tree, its aggregates; select: scoring, choice, pruning; "
        "render: text and markdown. The compiled path compiles blocks, select and render "
        "(parse is lexbor's C either way)"
        + (f"; **{mismatched} pages' staged text differed from `extract`**" if mismatched else "")
        + f".\n\n{profile_table(saved)}\n\n"
        f"{callgrind_table(saved)}"
        f"### Machine\n\n{saved.get('machine') or machine()}\n\n"
        f"### Command\n\n```\n{command}\n```\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--limit", type=int, default=None, help="first N pages per dataset")
    parser.add_argument("--rounds", type=int, default=5, help="rounds over all pages")
    parser.add_argument(
        "--chunk", type=int, default=1, help="pages an extractor takes in a row (1: page by page)"
    )
    parser.add_argument("--callgrind-pages", type=int, default=0, help="0: no callgrind")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks" / "results" / "extract_speed.md"
    )
    parser.add_argument("--json", type=Path, help="also keep the raw measurements here")
    parser.add_argument("--render", type=Path, help="only re-render a --json file, no run")
    parser.add_argument("--worker", choices=EXTRACTORS, help=argparse.SUPPRESS)
    parser.add_argument("--count", choices=EXTRACTORS, help=argparse.SUPPRESS)
    parser.add_argument("--count-pages", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--count-step", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    bench = args.shared / "bench"
    if args.worker:
        return worker(args.worker, bench, args.limit)
    if args.count:
        return count_pages(args.count, bench, args.limit, args.count_step, args.count_pages)
    if not (bench / "score_extract.py").is_file() or not datasets(bench):
        print(f"skipping: no extraction benchmark at {bench}")
        return 0
    if args.render:
        saved = json.loads(args.render.read_text(encoding="utf-8"))
    else:
        saved = measure(bench, args.limit, args.rounds, args.chunk)
        if not saved["paths"]["thresher"].startswith("extraction: compiled"):
            print(f"warning: thresher runs {saved['paths']['thresher']}", file=sys.stderr)
        if args.callgrind_pages:
            saved["callgrind"] = callgrind(bench, args.limit, args.callgrind_pages)
        saved["machine"] = machine()  # now: the load at the end of the run
        if args.json:
            args.json.write_text(json.dumps(saved, indent=1), encoding="utf-8")
    text = report(saved, args.limit)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
