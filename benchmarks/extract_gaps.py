"""The pages where thresher trails the best peer, grouped by cause.

Reads the per-page scores ``extract_halves.py`` wrote (``benchmarks/out/halves/pages.jsonl``)
and the cached peer outputs, takes the pages of one half (``tune`` by default: causes are
looked for there only) where the best peer's F1 beats thresher's by more than ``--gap``
(0.1), runs thresher's selection on each page again, and follows every line of the page
to its fate:

- ``kept``: in the output;
- ``outside``: in the page's tree but outside the chosen container (the region is wrong
  or too small);
- ``rail``, ``link-dense``, ``sibling``: inside the container, in a block the pruning left
  out (a teaser card or rail, a block of mostly link text, a sibling of the article the
  container widened past);
- ``chrome``, ``headline``, ``metaline``, ``dateline``: a line the pruning dropped;
- ``skipped``: truth words the walk never put in the tree (a boilerplate class or role, a
  hidden element).

A line counts as article text when most of its 3-word sequences are in the truth. The page's cause
is where most of its lost article words went (recall), or what the extra output is
(precision: comments when the words are in the row's ``comments``, else chrome around the
article); ``empty`` and ``wrong region`` (most of the output is not article) come first.
Cause names are the report's headings; each page lists its scores and the container.

Usage (after ``extract_halves.py``)::

    PYTHONPATH=src python benchmarks/extract_gaps.py [--half tune] [--gap 0.1] [--folders ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from selectolax.lexbor import LexborHTMLParser

from extract_halves import OUT, PEERS, ROOT, THRESHER, BenchPage, load_pages, scorer
from thresher.extract import content
from thresher.extract.api import ExtractConfig, build_blocks
from thresher.extract.tree import Box, Line

#: A line is article text when this share of its words are truth words.
ARTICLE_SHARE: Final = 0.6
#: Word sequences of this length match a line to the truth.
SHINGLE: Final = 3
#: Output with fewer words than this share of the truth is "empty".
EMPTY_SHARE: Final = 0.1


@dataclass(slots=True)
class Fates:
    """Article words lost per fate, and extra (non-article) words kept."""

    lost: Counter[str]
    extra: int
    extra_comments: int
    kinds_lost: Counter[str]
    root: str
    kept: int


def _words(text: str, tokens: Any) -> list[str]:
    return [w.lower() for w in tokens(text)]


def _is_article(words: list[str], truth: Counter[str], shingles: set[tuple[str, ...]]) -> bool:
    """Most of the line's word sequences (its words, for a short line) are in the truth."""
    if len(words) < SHINGLE:
        return all(word in truth for word in words)
    grams = [tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
    return sum(1 for gram in grams if gram in shingles) >= ARTICLE_SHARE * len(grams)


def line_fate(line: Line, path: list[Box], selection: content.Selection) -> str:
    """Why a line inside the container is or is not in the output."""
    dropped = selection.dropped
    for box in path:
        if id(box) in dropped:
            if box.card or content.all_cards(box):
                return "rail"
            if box.parent is selection.root and content.link_density(box) < 0.5:
                return "sibling"
            return "link-dense"
    if id(line) not in dropped:
        return "kept"
    if line.chrome:
        return "chrome"
    if line.kind == "h1":
        return "headline"
    lowered = line.text.lower()
    if content._is_metaline(line, lowered):
        return "metaline"
    return "dateline"


def fates(page: BenchPage, tokens: Any) -> Fates:
    """Follow the page's lines to their fate; count article words lost and extra kept."""
    config = ExtractConfig(with_metadata=False)
    tree = LexborHTMLParser(page.html)
    top = build_blocks(tree, config)
    truth_list = _words(page.truth, tokens)
    truth = Counter(truth_list)
    shingles = {tuple(truth_list[i : i + SHINGLE]) for i in range(len(truth_list))}
    kept = 0
    comments = set(_words(page.comments, tokens))
    lost: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    extra = extra_comments = 0
    if top is None:
        return Fates(Counter({"skipped": sum(truth.values())}), 0, 0, kinds, "-", 0)
    selection = content.select(top, "balanced", False)
    in_tree: Counter[str] = Counter()
    stack: list[tuple[Box | Line, list[Box], bool]] = [(top, [], False)]
    while stack:
        item, path, inside = stack.pop()
        if isinstance(item, Box):
            inside = inside or item is selection.root
            below = [*path, item] if inside and item is not selection.root else path
            stack.extend((child, below, inside) for child in reversed(item.items))
            continue
        words = _words(item.text, tokens)
        in_tree.update(words)
        if not words:
            continue
        article = _is_article(words, truth, shingles)
        fate = line_fate(item, path, selection) if inside else "outside"
        if fate == "kept":
            kept += len(words)
        if article and fate != "kept":
            lost[fate] += len(words)
            kinds[item.kind] += len(words)
        elif not article and fate == "kept":
            extra += len(words)
            if sum(1 for w in words if w in comments) >= ARTICLE_SHARE * len(words):
                extra_comments += len(words)
    skipped = sum((truth - in_tree).values())
    if skipped:
        lost["skipped"] = skipped
    root = selection.root
    where = f"<{root.tag} {root.tokens[:40]!r}>"
    return Fates(lost, extra, extra_comments, kinds, where, kept)


def cause(row: dict[str, Any], found: Fates, truth_words: int, output_words: int) -> str:
    """The page's main cause (see the module docstring)."""
    precision, recall, _ = row[THRESHER]
    if output_words < EMPTY_SHARE * truth_words:
        return "empty"
    if precision < 0.5:
        return "wrong region"
    best = max(PEERS, key=lambda name: row[name][2] if name in row else -1.0)
    recall_gap = row[best][1] - recall
    precision_gap = row[best][0] - precision
    if precision_gap > recall_gap and found.extra:
        if found.extra_comments >= 0.5 * found.extra:
            return "comments kept"
        return "extra text kept"
    if not found.lost:
        return "other"
    fate, _ = found.lost.most_common(1)[0]
    label = {
        "outside": "region too small",
        "skipped": "skipped by the walk",
        "rail": "cut as a rail",
        "link-dense": "cut as link-dense",
        "sibling": "sibling left out",
        "chrome": "cut as chrome lines",
        "headline": "cut as headline",
        "metaline": "cut as metalines",
        "dateline": "cut as datelines",
    }[fate]
    listy = found.kinds_lost["li"] + found.kinds_lost["cell"]
    if listy >= 0.5 * sum(found.kinds_lost.values()) and fate != "skipped":
        label += " (lists/tables)"
    return label


def losses(bench: Path, rows: list[dict[str, Any]], half: str, tokens: Any) -> str:
    """Per folder, the mean share of truth words each fate loses and of output kept extra.

    Lost words are in units of mean recall: a fate's figure is what mean recall would
    gain if none of its article lines were lost (lines matched by their words, so the
    sum is an estimate, not the measured gap).
    """
    out = ["| folder | pages | mean R | " + " | ".join(_FATES) + " | extra share |"]
    out.append("|---" * (len(_FATES) + 4) + "|")
    for folder in sorted({row["folder"] for row in rows}):
        pages = load_pages(bench, [folder], half)
        sums: Counter[str] = Counter()
        extra = 0.0
        recall = 0.0
        for page in pages:
            found = fates(page, tokens)
            truth_words = max(1, len(tokens(page.truth)))
            for fate, count in found.lost.items():
                sums[fate] += count / truth_words
            extra += found.extra / max(1, found.kept)
            recall += next(
                r[THRESHER][1] for r in rows if r["id"] == page.id and r["folder"] == folder
            )
        n = max(1, len(pages))
        out.append(
            f"| {folder} | {len(pages)} | {recall / n:.3f} | "
            + " | ".join(f"{sums[fate] / n:.3f}" for fate in _FATES)
            + f" | {extra / n:.3f} |"
        )
    return "\n".join(out)


_FATES: Final = (
    "outside", "skipped", "rail", "link-dense", "sibling", "chrome", "headline", "metaline",
    "dateline",
)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--half", default="tune", choices=("tune", "check"))
    parser.add_argument("--gap", type=float, default=0.1)
    parser.add_argument("--folders", nargs="+")
    parser.add_argument(
        "--losses",
        action="store_true",
        help="also sum, over every page of the half, the share of recall each fate costs",
    )
    args = parser.parse_args(argv)

    bench = args.shared / "bench"
    per_page = OUT / "halves" / "pages.jsonl"
    if not (bench / "score_extract.py").is_file() or not per_page.is_file():
        print("skipping: run extract_halves.py first (and ../shared/bench must be present)")
        return 0
    rows = [json.loads(line) for line in per_page.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["half"] == args.half]
    if args.folders:
        rows = [r for r in rows if r["folder"] in args.folders]
    trailing = {}
    for row in rows:
        peers = [name for name in PEERS if name in row]
        best = max((row[name][2] for name in peers), default=0.0)
        if best - row[THRESHER][2] > args.gap:
            trailing[(row["folder"], row["id"])] = row
    folders = sorted({folder for folder, _ in trailing})
    pages = {(p.folder, p.id): p for p in load_pages(bench, folders, args.half)}
    tokens = scorer(bench).tokens
    from extract_adapter import html_to_text

    groups: dict[str, list[str]] = {}
    for key, row in sorted(trailing.items()):
        page = pages[key]
        found = fates(page, tokens)
        out_words = len(tokens(html_to_text(page.html, page.url)))
        label = cause(row, found, len(tokens(page.truth)), out_words)
        best = max((n for n in PEERS if n in row), key=lambda n: row[n][2])
        lost = ", ".join(f"{fate} {count}" for fate, count in found.lost.most_common(4))
        groups.setdefault(label, []).append(
            f"- {key[0]}/{key[1]} [{row['type'] or '-'}] thresher F1 {row[THRESHER][2]:.2f} "
            f"(P {row[THRESHER][0]:.2f} R {row[THRESHER][1]:.2f}) vs {best} {row[best][2]:.2f}; "
            f"container {found.root}; lost: {lost or '-'}; extra {found.extra}"
        )
    if args.losses:
        print(losses(bench, rows, args.half, tokens) + "\n")
    total = sum(len(v) for v in groups.values())
    print(f"{total} pages of the {args.half} half trail the best peer by > {args.gap} F1\n")
    for label, lines in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"## {label} ({len(lines)})\n")
        print("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
