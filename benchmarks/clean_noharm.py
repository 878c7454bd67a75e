"""No-harm and seed benchmark of the line cleaner (``thresher.clean.clean_text``).

Runs over the ground-truth texts of ``../shared/bench/*/truth.jsonl`` (clean
main-content bodies: every line there is content) and counts the tokens the
cleaner removes; the bar is < 0.5 %. Every removed line is listed so that a
person can check it really is chrome. The same run measures the seed case
(``seed.txt`` -> ``expected.txt``) and, as a peer, datatrove's C4 line rules
(``C4QualityFilter`` with its document-level drops turned off), which are the
line-level cleaning most web-corpus pipelines apply.

With ``--extracted`` it also cleans trafilatura's output for every bench page
(the kind of text the cleaner is for) and lists each removed line with the
share of its words that occur in the page's ground truth: a view of what the
cleaner takes out of real extracted text (slow: runs trafilatura on 282 pages).

Usage (from the repository root)::

    PYTHONPATH=src python benchmarks/clean_noharm.py [--extracted] [--shared ../shared] \\
        [--out benchmarks/results/clean.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from machine import version
from thresher.clean import clean_text

ROOT = Path(__file__).resolve().parents[1]
COMMAND = "PYTHONPATH=src python benchmarks/clean_noharm.py --extracted"

LineCleaner = Callable[[str], list[str]]
"""A cleaner under test: text -> the non-blank lines it removed."""


@dataclass
class Tally:
    """Tokens and lines removed by one cleaner over the truth texts."""

    tokens_total: int = 0
    tokens_removed: int = 0
    lines_removed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ratio(self) -> float:
        return self.tokens_removed / self.tokens_total if self.tokens_total else 0.0


def thresher_removed(text: str) -> list[tuple[str, str]]:
    """(rule, line) pairs that thresher's cleaner removes from ``text``."""
    return [(r.rule, r.line) for r in clean_text(text).removed]


def c4_removed(text: str) -> list[tuple[str, str]] | None:
    """Lines datatrove's C4 line rules remove (None when datatrove is absent)."""
    try:
        from datatrove.data import Document as DtDocument
        from datatrove.pipeline.filters import C4QualityFilter
    except ImportError:
        return None
    rules = C4QualityFilter(
        min_num_sentences=-1, filter_lorem_ipsum=False, filter_curly_bracket=False
    )
    doc = DtDocument(text=text, id="x")
    rules.filter(doc)
    kept = Counter(line.strip() for line in doc.text.splitlines())
    removed = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if kept[stripped] > 0:
            kept[stripped] -= 1
        else:
            removed.append(("c4", stripped))
    return removed


def truth_rows(shared: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """(dataset folder, row) of every ground-truth row."""
    for path in sorted(shared.glob("bench/*/truth.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                yield path.parent, json.loads(line)


def truth_texts(shared: Path) -> Iterator[tuple[str, str]]:
    """(dataset/id, text) of every ground-truth row."""
    for folder, row in truth_rows(shared):
        yield f"{folder.name}/{row['id']}", row["text"] or ""


_WORDS = re.compile(r"\w+")


def extracted_section(shared: Path) -> list[str]:
    """Lines removed from trafilatura's output of each page, with their overlap
    with the page's ground truth (share of the line's words found in it)."""
    import trafilatura

    rows = []
    words_removed = words_in_truth = 0
    for folder, row in truth_rows(shared):
        page = folder / "pages" / f"{row['id']}.html"
        html = page.read_text(encoding=row.get("encoding") or "utf-8", errors="replace")
        text = trafilatura.extract(html) or ""
        truth = {w.lower() for w in _WORDS.findall(row["text"] or "")}
        for removed in clean_text(text).removed:
            words = [w.lower() for w in _WORDS.findall(removed.line)]
            found = sum(w in truth for w in words)
            words_removed += len(words)
            words_in_truth += found
            rows.append(
                f"- `{folder.name}/{row['id']} [{removed.rule}]` ({found}/{len(words)} in truth) "
                f"{_escape(removed.line)}"
            )
    return [
        "### Lines removed from trafilatura 2.3.1 output of the bench pages",
        "",
        f"{len(rows)} lines, {words_removed} words, of which {words_in_truth} also occur"
        ' somewhere in the page\'s ground truth (common words like "the" count too).',
        "",
        *rows,
        "",
    ]


def measure(shared: Path, cleaner: Callable[[str], list[tuple[str, str]] | None]) -> Tally:
    tally = Tally()
    for doc_id, text in truth_texts(shared):
        tally.tokens_total += len(text.split())
        start = time.perf_counter()
        removed = cleaner(text)
        tally.seconds += time.perf_counter() - start
        for rule, line in removed or []:
            tally.tokens_removed += len(line.split())
            tally.lines_removed.append((f"{doc_id} [{rule}]", line))
    return tally


def seed_case(shared: Path) -> str:
    seed = (shared / "seed" / "seed.txt").read_text(encoding="utf-8")
    expected = (shared / "seed" / "expected.txt").read_text(encoding="utf-8")
    ours = clean_text(seed).text == expected
    c4 = c4_removed(seed)
    lines = [f"- thresher `clean_text(seed.txt) == expected.txt`: **{ours}**"]
    if c4 is not None:
        c4_kept = [x for x in seed.splitlines() if x.strip() and ("c4", x.strip()) not in c4]
        want = expected.splitlines()
        lines.append(
            f"- datatrove C4 line rules on seed.txt: {len(c4_kept)} lines kept "
            f"(expected {len(want)}), equal to expected: **{c4_kept == want}**"
        )
    return "\n".join(lines)


def machine() -> str:
    versions = [f"{name} {version(name, 'absent')}" for name in ("datatrove", "trafilatura")]
    return (
        f"{platform.platform()}, nproc {os.cpu_count()}, Python {sys.version.split()[0]}, "
        + ", ".join(versions)
    )


def _escape(line: str) -> str:
    line = line.replace("|", "\\|")
    return line


def report(shared: Path, extracted: bool) -> str:
    ours = measure(shared, thresher_removed)
    peer = measure(shared, c4_removed)
    rows = [
        "| cleaner | tokens removed | of tokens | share | lines removed | seconds |",
        "|---|---:|---:|---:|---:|---:|",
        f"| thresher clean_text | {ours.tokens_removed} | {ours.tokens_total} | "
        f"{ours.ratio:.4%} | {len(ours.lines_removed)} | {ours.seconds:.2f} |",
    ]
    if peer.lines_removed or peer.tokens_removed:
        rows.append(
            f"| datatrove C4 line rules | {peer.tokens_removed} | {peer.tokens_total} | "
            f"{peer.ratio:.4%} | {len(peer.lines_removed)} | {peer.seconds:.2f} |"
        )
    removed = [f"- `{where}` {_escape(line)}" for where, line in ours.lines_removed]
    return "\n".join(
        [
            "## Line cleaning: no harm on clean text, and the seed",
            "",
            "Ground-truth main texts of `../shared/bench/*/truth.jsonl` (282 pages) run through the"
            " cleaner; every token it removes there is harm (bar: < 0.5 %). Tokens = whitespace-"
            "separated words.",
            "",
            *rows,
            "",
            seed_case(shared),
            "",
            f"Machine: {machine()}.",
            "",
            f"Command: `{COMMAND}`",
            "",
            "### Every line thresher removed from the ground truth",
            "",
            *(removed or ["(none)"]),
            "",
            *(extracted_section(shared) if extracted else []),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--extracted", action="store_true", help="also clean trafilatura output")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "clean.md")
    args = parser.parse_args(argv)
    if not (args.shared / "bench").is_dir():
        print(f"no benchmark data at {args.shared / 'bench'}", file=sys.stderr)
        return 2
    text = report(args.shared, args.extracted)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
