"""Extraction scores on the tune and check halves of every dev folder, thresher and peers.

The tuning discipline: every page of ``../shared/bench``'s folders is on the ``tune`` or the
``check`` half of its folder, by site (``extract_split.py``). Rules are looked for and tuned
on the tune half only; a rule lands when the check half gains too and no folder, half or
page type loses. This script scores thresher and the peers on each half of each folder,
with the scorer's bag-of-words metric (``../shared/bench/score_extract.py``, imported):

=======================  ==================================================
thresher                 ``extract_adapter:html_to_text`` (benchmarks/extract_adapter.py)
trafilatura              ``extract()`` defaults
trafilatura_recall       ``favor_recall=True``
readability              readability-lxml ``Document.summary()`` -> text
resiliparse              ``extract_plain_text(main_content=True)``
=======================  ==================================================

and, with ``--revision REV``, thresher at git commit REV (``thresher@REV``, its ``src``
exported and run in a child process). Peers are slow and do not change: their output for
each page is kept under ``benchmarks/out/peers/<extractor>-<version>/<folder>/<id>.txt``
(git-ignored) and reused, an old revision's under ``benchmarks/out/thresher-REV/``;
thresher runs every time. Per-page scores go to ``benchmarks/out/halves/pages.jsonl``
(read by ``extract_gaps.py``).

Usage (from the repository root)::

    PYTHONPATH=src python benchmarks/extract_halves.py                  # both halves -> results
    PYTHONPATH=src python benchmarks/extract_halves.py --revision 02c05b9   # and an old thresher
    PYTHONPATH=src python benchmarks/extract_halves.py --half tune --no-write   # tuning loop
    PYTHONPATH=src python benchmarks/extract_halves.py --save-as before --no-write
    PYTHONPATH=src python benchmarks/extract_halves.py --against before --no-write

``--save-as NAME`` keeps thresher's per-page scores under ``benchmarks/out/halves/NAME.json``;
``--against NAME`` prints what changed since: per folder, half and page type, and the pages
that moved by more than 0.05 F1. Without ``--no-write`` the report goes to
``benchmarks/results/extract_halves.md`` (a section of BENCHMARKS.md). Skips with a message
(exit 0) when the shared benchmark folder is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any, Final

from extract_split import HALVES, half_of, site_of

ROOT: Final = Path(__file__).resolve().parents[1]
OUT: Final = ROOT / "benchmarks" / "out"
FOLDERS: Final = ("scrapinghub", "wcxb-dev", "wcxb-dev-more", "dragnet-train")
PEERS: Final = ("trafilatura", "trafilatura_recall", "readability", "resiliparse")
THRESHER: Final = "thresher"
#: Seconds a peer may spend on one page (the scorer's default); over it, the page is empty.
TIMEOUT_S: Final = 60.0
COMMAND: Final = "PYTHONPATH=src python benchmarks/extract_halves.py"

Triple = tuple[float, float, float]


@dataclass(slots=True)
class BenchPage:
    """One page of a folder, with its site and half."""

    folder: str
    id: str
    url: str | None
    html: str
    truth: str
    page_type: str
    site: str
    half: str
    comments: str = ""


@dataclass(slots=True)
class Scores:
    """Per-page (P, R, F1) of every extractor, and the versions that produced them."""

    pages: list[BenchPage]
    by_extractor: dict[str, dict[tuple[str, str], Triple]] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)


def scorer(bench: Path) -> ModuleType:
    """``score_extract`` of the shared bench folder (metrics, loader, peers)."""
    sys.path.insert(0, str(bench))
    import score_extract  # type: ignore[import-not-found]

    return score_extract  # type: ignore[no-any-return]


def load_pages(bench: Path, folders: Iterable[str], half: str | None) -> list[BenchPage]:
    """The pages of ``folders`` (only ``half``'s when given), each with its site and half."""
    score_extract = scorer(bench)
    out = []
    for folder in folders:
        path = bench / folder
        if not (path / "truth.jsonl").is_file():
            print(f"skipping {folder}: not in {bench}", file=sys.stderr)
            continue
        for page in score_extract.load_dataset(str(path)):
            if "text" not in page.row:
                continue
            site = site_of(page.id, page.url, page.html)
            side = half_of(site)
            if half is not None and side != half:
                continue
            row = page.row
            out.append(
                BenchPage(
                    folder, page.id, page.url, page.html, row["text"],
                    row.get("page_type") or "", site, side, _comments(row),
                )
            )  # fmt: skip
    return out


def _comments(row: dict[str, Any]) -> str:
    value = row.get("comments") or ""
    return "\n".join(value) if isinstance(value, list) else str(value)


class _Timeout(Exception):
    pass


def _alarm(_signal: int, _frame: FrameType | None) -> None:
    raise _Timeout


def run_guarded(run: Callable[[str, str | None], str], page: BenchPage) -> str:
    """``run`` on one page; a crash or a timeout gives "" (scored as empty, as the scorer)."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT_S)
    try:
        out = run(page.html, page.url)
    except Exception:
        out = ""
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return out if isinstance(out, str) else ""


def peer_outputs(bench: Path, name: str, pages: list[BenchPage]) -> tuple[dict[str, str], str]:
    """Every page's output of peer ``name`` (keyed folder/id), from the cache or computed."""
    score_extract = scorer(bench)
    run, version = score_extract.EXTRACTORS[name][0]()
    cache = OUT / "peers" / f"{name}-{version}"
    outputs = {}
    computed = 0
    started = time.monotonic()
    for page in pages:
        path = cache / page.folder / f"{page.id}.txt"
        if path.is_file():
            outputs[f"{page.folder}/{page.id}"] = path.read_text(encoding="utf-8")
            continue
        text = run_guarded(run, page)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        outputs[f"{page.folder}/{page.id}"] = text
        computed += 1
    if computed:
        spent = time.monotonic() - started
        print(f"{name}: computed {computed} outputs in {spent:.0f} s", file=sys.stderr)
    return outputs, version


#: Writes an earlier revision's outputs (its `src` on PYTHONPATH): argv = bench folder,
#: output folder, dataset folders.
_REVISION_CHILD: Final = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import score_extract
try:
    from thresher.extract.bench_adapter import html_to_text
except ImportError:  # revisions after the adapter moved out of the package
    from thresher.extract import ExtractConfig, extract
    _TEXT_ONLY = ExtractConfig(with_metadata=False)
    def html_to_text(html, url=None):
        return extract(html, url, _TEXT_ONLY).text
out = Path(sys.argv[2])
for folder in sys.argv[3:]:
    name = Path(folder).name
    (out / name).mkdir(parents=True, exist_ok=True)
    for page in score_extract.load_dataset(folder):
        try:
            text = html_to_text(page.html, page.url)
        except Exception:
            text = ""
        (out / name / (page.id + ".txt")).write_text(text, encoding="utf-8")
"""


def revision_outputs(bench: Path, rev: str, pages: list[BenchPage]) -> dict[str, str]:
    """thresher's text of every page at git revision `rev` (its `src`, exported, run in a
    child process), kept under benchmarks/out/thresher-REV/ like a peer's."""
    import subprocess
    import tempfile

    from extract_speed_vs import export

    cache = OUT / f"thresher-{rev}"
    folders = sorted({p.folder for p in pages})
    if not all((cache / p.folder / f"{p.id}.txt").is_file() for p in pages):
        with tempfile.TemporaryDirectory() as tmp:
            src = export(rev, Path(tmp))
            subprocess.run(
                [sys.executable, "-c", _REVISION_CHILD, str(bench), str(cache),
                 *(str(bench / f) for f in folders)],
                env={**os.environ, "PYTHONPATH": str(src)},
                check=True,
            )  # fmt: skip
    return {
        f"{p.folder}/{p.id}": (cache / p.folder / f"{p.id}.txt").read_text(encoding="utf-8")
        for p in pages
    }


def thresher_outputs(pages: list[BenchPage]) -> dict[str, str]:
    """thresher's text of every page (the adapter the scorer calls), keyed folder/id."""
    from extract_adapter import html_to_text

    return {f"{p.folder}/{p.id}": run_guarded(html_to_text, p) for p in pages}


def score_all(
    bench: Path, pages: list[BenchPage], peers: Iterable[str], revision: str | None = None
) -> Scores:
    """Per-page bag-of-words (P, R, F1) of thresher, thresher at `revision`, every peer."""
    score_extract = scorer(bench)
    scores = Scores(pages)
    runs: dict[str, dict[str, str]] = {THRESHER: thresher_outputs(pages)}
    scores.versions[THRESHER] = thresher_version()
    if revision:
        runs[f"{THRESHER}@{revision}"] = revision_outputs(bench, revision, pages)
        scores.versions[f"{THRESHER}@{revision}"] = revision
    for name in peers:
        runs[name], scores.versions[name] = peer_outputs(bench, name, pages)
    for name, outputs in runs.items():
        scores.by_extractor[name] = {
            (p.folder, p.id): score_extract.bow_page(p.truth, outputs[f"{p.folder}/{p.id}"])
            for p in pages
        }
    return scores


def thresher_version() -> str:
    """thresher's version and commit (``extract.py``'s rule)."""
    from extract import thresher_version as version

    return version()


@dataclass(frozen=True, slots=True)
class Summary:
    """Scores of one extractor on a set of pages (the scorer's conventions)."""

    n: int
    precision: float
    recall: float
    f1: float
    f1_mean: float


def summarize(triples: list[Triple]) -> Summary:
    """Mean P and R, their harmonic mean (the scorer's ``F1``), and the page-mean F1."""
    if not triples:
        return Summary(0, float("nan"), float("nan"), float("nan"), float("nan"))
    precision = statistics.mean(t[0] for t in triples)
    recall = statistics.mean(t[1] for t in triples)
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return Summary(len(triples), precision, recall, f1, statistics.mean(t[2] for t in triples))


def group(scores: Scores, name: str, keep: Callable[[BenchPage], bool]) -> Summary:
    """``name``'s summary over the pages ``keep`` selects."""
    table = scores.by_extractor[name]
    return summarize([table[(p.folder, p.id)] for p in scores.pages if keep(p)])


def _in(folder: str, half: str) -> Callable[[BenchPage], bool]:
    return lambda page: page.folder == folder and page.half == half


def cells(scores: Scores) -> list[tuple[str, str]]:
    """The (folder, half) cells that hold pages, in folder order."""
    present = {(p.folder, p.half) for p in scores.pages}
    return [(f, h) for f in FOLDERS for h in HALVES if (f, h) in present]


def halves_table(scores: Scores) -> str:
    """F1 of thresher and each peer per folder and half, the best peer and the margin."""
    names = list(scores.by_extractor)
    peers = [n for n in names if not n.startswith(THRESHER)]
    lines = [
        "| folder | half | pages | sites | " + " | ".join(names) + " | best peer | margin |",
        "|---" * (len(names) + 6) + "|",
    ]
    for folder, half in cells(scores):
        keep = _in(folder, half)
        got = {n: group(scores, n, keep) for n in names}
        sites = len({p.site for p in scores.pages if keep(p)})
        best = max(peers, key=lambda n: got[n].f1) if peers else None
        row = f"| {folder} | {half} | {got[THRESHER].n} | {sites} | "
        row += " | ".join(_cell(got[n]) for n in names)
        if best is not None:
            row += f" | {best} | {got[THRESHER].f1 - got[best].f1:+.3f} |"
        else:
            row += " | - | - |"
        lines.append(row)
    return "\n".join(lines)


def _cell(summary: Summary) -> str:
    return f"{summary.f1:.3f} (R {summary.recall:.3f})"


def macro_table(scores: Scores) -> str:
    """Macro F1 over the folders, per half: each extractor, and thresher's margin."""
    names = list(scores.by_extractor)
    lines = [
        "| half | folders | " + " | ".join(names) + " | thresher - best peer |",
        "|---" * (len(names) + 3) + "|",
    ]
    for half in HALVES:
        folders = [f for f, h in cells(scores) if h == half]
        if not folders:
            continue
        macro = {
            n: statistics.mean(group(scores, n, _in(f, half)).f1 for f in folders) for n in names
        }
        peers = [n for n in names if not n.startswith(THRESHER)]
        best = max((macro[n] for n in peers), default=float("nan"))
        lines.append(
            f"| {half} | {len(folders)} | "
            + " | ".join(f"{macro[n]:.3f}" for n in names)
            + f" | {macro[THRESHER] - best:+.3f} |"
        )
    return "\n".join(lines)


def article_recall_table(scores: Scores) -> str:
    """Mean recall on the wcxb folders' article pages, per half."""
    names = list(scores.by_extractor)
    lines = [
        "| half | article pages | " + " | ".join(names) + " |",
        "|---" * (len(names) + 2) + "|",
    ]
    for half in HALVES:

        def keep(page: BenchPage, half: str = half) -> bool:
            return page.page_type == "article" and page.half == half

        got = {n: group(scores, n, keep) for n in names}
        if got[THRESHER].n:
            lines.append(
                f"| {half} | {got[THRESHER].n} | "
                + " | ".join(f"{got[n].recall:.3f}" for n in names)
                + " |"
            )
    return "\n".join(lines)


def type_table(scores: Scores, half: str) -> str:
    """Page-mean F1 by wcxb page type on one half (both wcxb folders together)."""
    names = list(scores.by_extractor)
    types = sorted({p.page_type for p in scores.pages if p.page_type and p.half == half})
    if not types:
        return ""
    counts = {t: sum(1 for p in scores.pages if p.page_type == t and p.half == half) for t in types}
    lines = [
        "| extractor | " + " | ".join(f"{t} ({counts[t]})" for t in types) + " |",
        "|---" * (len(types) + 1) + "|",
    ]
    for name in names:
        row = []
        for page_type in types:

            def keep(page: BenchPage, page_type: str = page_type) -> bool:
                return page.page_type == page_type and page.half == half

            row.append(f"{group(scores, name, keep).f1_mean:.3f}")
        lines.append(f"| {name} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def balance_table(scores: Scores) -> str:
    """How the split fell: pages and sites per half of each folder."""
    lines = ["| folder | tune pages (sites) | check pages (sites) |", "|---|---|---|"]
    for folder in FOLDERS:
        parts = []
        for half in HALVES:
            chosen = [p for p in scores.pages if p.folder == folder and p.half == half]
            parts.append(f"{len(chosen)} ({len({p.site for p in chosen})})")
        if any(not part.startswith("0 ") for part in parts):
            lines.append(f"| {folder} | " + " | ".join(parts) + " |")
    return "\n".join(lines)


def report(scores: Scores, command: str) -> str:
    """The BENCHMARKS.md section."""
    from machine import cpu_model

    versions = ", ".join(f"{n} {v}" for n, v in scores.versions.items())
    types = "\n\n".join(
        f"Page-mean F1 by page type, wcxb-dev + wcxb-dev-more, {half} half:\n\n{table}"
        for half in HALVES
        if (table := type_table(scores, half))
    )
    return (
        "## Extraction on the tune and check halves\n\n"
        "Every page of the four dev folders is on the tune or the check half of its folder, "
        "by site (the SHA-256 of the site's registrable domain; Dragnet's rows have no url, "
        "their site comes from the page's canonical address or its links), so one site is "
        "never on both sides (`benchmarks/extract_split.py`). Rules are looked for and tuned "
        "on the tune half only (`benchmarks/extract_gaps.py` lists the pages that trail the "
        "best peer there, by cause); a rule lands when the tune half gains, the check half "
        "does not lose (no folder, half or wcxb page type down by more than 0.002) and, where "
        "the check half has pages of its kind, gains there too. Bag-of-words F1 of the "
        "scorer (harmonic mean of mean P and mean R; R in brackets), every extractor on the "
        "same pages in the same run (peer outputs cached page by page); `thresher@REV` is "
        "the extractor at an earlier commit, for the change.\n\n"
        f"{halves_table(scores)}\n\n"
        f"Macro F1 over the folders:\n\n{macro_table(scores)}\n\n"
        f"Article pages of wcxb-dev and wcxb-dev-more, mean recall:\n\n"
        f"{article_recall_table(scores)}\n\n"
        f"{types}\n\n"
        f"How the split fell:\n\n{balance_table(scores)}\n\n"
        f"Versions: {versions}. Machine: {cpu_model()}.\n\n"
        f"Command:\n\n```\n{command}\n```\n"
    )


def snapshot(scores: Scores) -> dict[str, Any]:
    """thresher's per-page scores, for a later ``--against``."""
    table = scores.by_extractor[THRESHER]
    return {
        f"{p.folder}/{p.id}": {"half": p.half, "type": p.page_type, "prf": table[(p.folder, p.id)]}
        for p in scores.pages
    }


def compare(scores: Scores, before: dict[str, Any]) -> str:
    """What changed since a snapshot: per folder/half, per page type/half, and pages."""
    now = snapshot(scores)
    keys = [k for k in now if k in before]
    lines = ["| folder / type | half | pages | F1 before | F1 now | delta | up | down |"]
    lines.append("|---|---|---|---|---|---|---|---|")
    groups: dict[tuple[str, str], list[str]] = {}
    for key in keys:
        folder = key.split("/", 1)[0]
        groups.setdefault((folder, now[key]["half"]), []).append(key)
        if now[key]["type"]:
            groups.setdefault(("type:" + now[key]["type"], now[key]["half"]), []).append(key)
    for (name, half), members in sorted(groups.items()):
        old = summarize([tuple(before[k]["prf"]) for k in members])  # type: ignore[misc]
        new = summarize([tuple(now[k]["prf"]) for k in members])  # type: ignore[misc]
        up = sum(1 for k in members if now[k]["prf"][2] > before[k]["prf"][2] + 0.05)
        down = sum(1 for k in members if now[k]["prf"][2] < before[k]["prf"][2] - 0.05)
        lines.append(
            f"| {name} | {half} | {len(members)} | {old.f1:.4f} | {new.f1:.4f} | "
            f"{new.f1 - old.f1:+.4f} | {up} | {down} |"
        )
    moved = sorted(
        (now[k]["prf"][2] - before[k]["prf"][2], k, now[k]["half"])
        for k in keys
        if abs(now[k]["prf"][2] - before[k]["prf"][2]) > 0.05
    )
    lines.append("\nPages that moved by more than 0.05 F1:\n")
    lines += [f"- {delta:+.3f} {key} ({half})" for delta, key, half in moved]
    return "\n".join(lines)


def write_per_page(scores: Scores, path: Path) -> None:
    """One JSON row per page: its folder, id, site, half, type and every extractor's P/R/F1."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for page in scores.pages:
            row: dict[str, Any] = {
                "folder": page.folder, "id": page.id, "site": page.site, "half": page.half,
                "type": page.page_type,
            }  # fmt: skip
            for name, table in scores.by_extractor.items():
                row[name] = [round(x, 4) for x in table[(page.folder, page.id)]]
            out.write(json.dumps(row) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--folders", nargs="+", default=list(FOLDERS))
    parser.add_argument("--half", choices=HALVES, help="score one half only")
    parser.add_argument("--peers", nargs="*", default=list(PEERS))
    parser.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks" / "results" / "extract_halves.md"
    )
    parser.add_argument("--no-write", action="store_true", help="print, write no report")
    parser.add_argument("--save-as", help="keep thresher's per-page scores under this name")
    parser.add_argument("--against", help="compare with scores kept under this name")
    parser.add_argument(
        "--revision", help="also score thresher at this git revision (a column of its own)"
    )
    args = parser.parse_args(argv)

    bench = args.shared / "bench"
    if not (bench / "score_extract.py").is_file():
        print(f"skipping: no extraction benchmark at {bench} (score_extract.py missing)")
        return 0
    pages = load_pages(bench, args.folders, args.half)
    scores = score_all(bench, pages, args.peers, args.revision)
    write_per_page(scores, OUT / "halves" / "pages.jsonl")
    command = COMMAND + (f" --half {args.half}" if args.half else "")
    command += f" --revision {args.revision}" if args.revision else ""
    text = report(scores, command)
    print(text)
    if args.save_as:
        (OUT / "halves" / f"{args.save_as}.json").write_text(json.dumps(snapshot(scores)))
    if args.against:
        before = json.loads((OUT / "halves" / f"{args.against}.json").read_text())
        print(compare(scores, before))
    if not args.no_write:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
