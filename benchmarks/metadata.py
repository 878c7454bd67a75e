"""Metadata benchmark: publication date and author, thresher against trafilatura, same run.

Pages and labels:

* ``wcxb``: the rows of ``../shared/bench/wcxb-dev`` and ``wcxb-dev-more`` that carry a
  labelled ``date`` or ``author`` (modern English pages, labels made by the WCXB authors);
* ``own-zh``: Chinese pages we wrote and labelled (``benchmarks/data/metadata``), most of
  them GB2312 or GBK encoded, old portal and government layouts;
* ``own-intl``: the other pages we wrote: Japanese, Korean, German, French, Spanish,
  Russian, Italian, Portuguese, Dutch, Polish, Turkish, Arabic and English variants, each
  with competing dates (header "today" widgets, sidebars, comments, related articles,
  copyright lines, "updated" dates) and a byline in the local form.

Every set is split in two halves by site (the URL's host; our pages by file name), with
a stable hash: rules are tuned on the ``tune`` half only, and the ``check`` half is only
scored. ``--show tune`` lists the pages of the tune half that thresher gets wrong;
listing the check half's is possible (``--show check``) but defeats its purpose.

What counts as right:

* date: the page's answer, read as ``YYYY-MM-DD``, is the labelled calendar day;
* author: both the label and the answer are split into names at ``;``, ``|``, ``,``,
  ``&``, ``/``, ``、`` and the words "and"/"und"/"et"/"y"; two names are the same when,
  after Unicode compatibility folding, accent removal and case folding, they have the
  same letters and digits (``hayley.p`` = ``Hayley P``), or the same words of two or more
  letters in any order (``Berger, Emery D.`` = ``Emery Berger``). The answer is right when
  its first name is the label's first name or another of the label's names, every one of
  its names is one of the label's, and the label's first name is among them. Credentials
  and roles written after a comma in a label ("Holly Wilgus, E-RYT 200") are thereby
  optional, and a missing co-author beyond the first is forgiven; an extra name, a name
  with noise ("Jane Doe 1 gold badge") or a site name instead of a person is wrong.

trafilatura is called as ``trafilatura.extract_metadata(text, default_url=url)`` (its
dates come from htmldate with ``extensive_search`` and ``original_date``), with the page
decoded by the label's encoding; thresher gets the page's bytes, as the pipeline does,
and the label's fetch date (our pages; the WCXB rows have none).

CPU time per page (``time.process_time``), alternating thresher and trafilatura page by
page over all pages: thresher's metadata alone (parse + ``extract_metadata``),
trafilatura's ``extract_metadata``, and thresher's whole ``extract`` with and without
metadata, which gives metadata's share of extraction time.

Usage (from the repository root)::

    PYTHONPATH=src python benchmarks/metadata.py [--shared ../shared] [--cpu-rounds N] \\
        [--show tune|check] [--out benchmarks/results/metadata.md]

The ``wcxb`` set is skipped with a message when ``../shared`` is absent.
"""

from __future__ import annotations

import argparse
import atexit
import functools
import importlib
import io
import json
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from extract import thresher_version
from machine import cpu_model, version

ROOT = Path(__file__).resolve().parents[1]
OWN = ROOT / "benchmarks" / "data" / "metadata"
WCXB = ("wcxb-dev", "wcxb-dev-more")
COMMAND = "PYTHONPATH=src python benchmarks/metadata.py"
HALVES = ("tune", "check")


@dataclass(frozen=True)
class Page:
    """One labelled page."""

    group: str
    id: str
    url: str | None
    raw: bytes
    encoding: str
    fetch_date: str | None
    date: str | None
    author: str | None

    @property
    def site(self) -> str:
        """What the halves are split by: the host for crawled pages, the file name for ours."""
        if self.group.startswith("own"):
            return self.id
        host = urlsplit(self.url or "").hostname or self.id
        return host.removeprefix("www.")

    @property
    def half(self) -> str:
        return HALVES[zlib.crc32(self.site.encode("utf-8")) % 2]

    @property
    def text(self) -> str:
        return self.raw.decode(self.encoding, errors="replace")


def load_wcxb(bench: Path) -> list[Page]:
    """The WCXB rows with a labelled date or author."""
    pages = []
    for name in WCXB:
        folder = bench / name
        with (folder / "truth.jsonl").open(encoding="utf-8") as rows:
            lines = list(rows)  # not splitlines(): texts hold U+2028
        for line in lines:
            row = json.loads(line)
            if not (row.get("date") or row.get("author")):
                continue
            raw = (folder / "pages" / f"{row['id']}.html").read_bytes()
            pages.append(
                Page("wcxb", f"{name}/{row['id']}", row.get("url") or None, raw,
                     row.get("encoding") or "utf-8", None, row.get("date") or None,
                     row.get("author") or None)
            )  # fmt: skip
    return pages


def load_own(folder: Path = OWN) -> list[Page]:
    """Our own labelled pages (``labels.jsonl`` + ``pages/<id>.html``)."""
    pages = []
    with (folder / "labels.jsonl").open(encoding="utf-8") as rows:
        lines = list(rows)
    for line in lines:
        row = json.loads(line)
        group = "own-zh" if row["id"].startswith("zh-") else "own-intl"
        raw = (folder / "pages" / f"{row['id']}.html").read_bytes()
        pages.append(
            Page(group, row["id"], row["url"], raw, row["encoding"], row["fetch_date"],
                 row["date"], row["author"])
        )  # fmt: skip
    return pages


# ----------------------------------------------------------------------------- scoring

_NAME_SPLIT = re.compile(r"\s*(?:[;|,&/、，]|\b(?:and|und|et|y)\b)\s*", re.IGNORECASE)
_WORDS = re.compile(r"\w+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def names(value: str | None) -> list[str]:
    """The names in an author string (see the module docstring)."""
    if not value:
        return []
    return [part for part in _NAME_SPLIT.split(value) if _WORDS.search(part)]


def same_name(a: str, b: str) -> bool:
    """Same letters and digits, or the same words of two or more letters, in any order."""
    words_a, words_b = _WORDS.findall(_fold(a)), _WORDS.findall(_fold(b))
    if "".join(words_a) == "".join(words_b):
        return True
    long_a = {w for w in words_a if len(w) > 1}
    return bool(long_a) and long_a == {w for w in words_b if len(w) > 1}


def author_right(label: str, got: str | None) -> bool:
    """The rule of the module docstring."""
    wanted, found = names(label), names(got)
    if not wanted or not found:
        return False
    if not all(any(same_name(f, w) for w in wanted) for f in found):
        return False
    return any(same_name(wanted[0], f) for f in found)


def date_right(label: str, got: str | None) -> bool:
    return bool(got) and str(got)[:10] == label


# ------------------------------------------------------------------------ extractors

Answer = tuple[str | None, str | None]
Extractor = Callable[[Page], Answer]


def thresher_answer(page: Page) -> Answer:
    from thresher.extract import extract

    result = extract(page.raw, page.url, fetch_date=page.fetch_date)
    return result.date, result.author


def trafilatura_answer(page: Page) -> Answer:
    import trafilatura

    meta = trafilatura.extract_metadata(page.text, default_url=page.url)
    return meta.date, meta.author


def base_answer(base: Any) -> Extractor:
    """thresher at an earlier commit (its ``extract`` takes no fetch date)."""

    def answer(page: Page) -> Answer:
        result = base.extract(page.raw, page.url)
        return result.date, result.author

    return answer


def answers(pages: list[Page], extractors: dict[str, Extractor]) -> dict[str, list[Answer]]:
    """Every extractor's answer for every page (extractors alternate page by page)."""
    out: dict[str, list[Answer]] = {name: [] for name in extractors}
    for page in pages:
        for name, call in extractors.items():
            out[name].append(call(page))
    return out


@dataclass
class Tally:
    """Labelled dates and authors of a group of pages, and how many each extractor got."""

    dates: int = 0
    authors: int = 0
    dates_right: dict[str, int] = field(default_factory=dict)
    authors_right: dict[str, int] = field(default_factory=dict)


def tally(pages: Iterable[tuple[Page, dict[str, Answer]]], names: list[str]) -> Tally:
    t = Tally(dates_right=dict.fromkeys(names, 0), authors_right=dict.fromkeys(names, 0))
    for page, by_name in pages:
        if page.date:
            t.dates += 1
            for name, (got, _) in by_name.items():
                t.dates_right[name] += date_right(page.date, got)
        if page.author:
            t.authors += 1
            for name, (_, got) in by_name.items():
                t.authors_right[name] += author_right(page.author, got)
    return t


# ---------------------------------------------------------------------------- timing


TIMED_FOLDERS = ("scrapinghub", "wcxb-dev", "wcxb-dev-more")
PEER_PAIR = "thresher metadata (parse + extract_metadata), against trafilatura"


def timing_pages(bench: Path, own: list[Page]) -> list[Page]:
    """Every page of :data:`TIMED_FOLDERS` (labelled or not) and our own pages."""
    pages = list(own)
    for name in TIMED_FOLDERS:
        folder = bench / name
        if not (folder / "truth.jsonl").is_file():
            continue
        with (folder / "truth.jsonl").open(encoding="utf-8") as rows:
            lines = list(rows)
        for line in lines:
            row = json.loads(line)
            raw = (folder / "pages" / f"{row['id']}.html").read_bytes()
            pages.append(Page(name, row["id"], row.get("url") or None, raw,
                              row.get("encoding") or "utf-8", None, None, None))  # fmt: skip
    return pages


@functools.cache
def base_package(rev: str) -> Any:
    """The ``thresher.extract`` package of commit ``rev``, imported as ``thresher_base``.

    Its sources (``git archive``) go to a temporary folder with their imports renamed,
    so that both versions run in this process, page by page.
    """
    folder = Path(tempfile.mkdtemp(prefix="thresher-base-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    archive = subprocess.run(
        ["git", "archive", rev, "src/thresher"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    package = folder / "src" / "thresher_base"
    (folder / "src" / "thresher").rename(package)
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^(\s*)(from|import) thresher\b", r"\1\2 thresher_base", text, flags=re.M)
        path.write_text(text, encoding="utf-8")
    sys.path.insert(0, str(folder / "src"))
    return importlib.import_module("thresher_base.extract")


def cpu_times(pages: list[Page], rounds: int, against: str | None) -> dict[str, float]:
    """Mean CPU milliseconds per page of each measured call.

    Two passes over the pages: thresher's calls (and those of the ``against`` commit)
    alone, then thresher's metadata against trafilatura's. trafilatura's calls are
    kept out of the first pass: each of them builds an lxml tree twenty times the
    cost of thresher's calls, and the cold caches and garbage collections it leaves
    behind would land on whichever thresher call comes next.
    """
    import trafilatura
    from selectolax.lexbor import LexborHTMLParser

    from thresher.extract import ExtractConfig, extract
    from thresher.extract.metadata import extract_metadata

    without = ExtractConfig(with_metadata=False)

    def metadata(page: Page) -> Any:
        return extract_metadata(LexborHTMLParser(page.raw), page.url, fetch_date=page.fetch_date)

    calls: dict[str, Callable[[Page], Any]] = {
        "thresher metadata (parse + extract_metadata)": metadata,
        "thresher parse only": lambda p: LexborHTMLParser(p.raw),
        "thresher extract, with metadata": lambda p: extract(p.raw, p.url, fetch_date=p.fetch_date),
        "thresher extract, without metadata": lambda p: extract(p.raw, p.url, without),
    }
    if against:
        base = base_package(against)  # already imported when the answers were scored
        base_metadata = importlib.import_module("thresher_base.extract.metadata")
        base_without = base.ExtractConfig(with_metadata=False)
        calls[f"{against} metadata (parse + extract_metadata)"] = lambda p: (
            base_metadata.extract_metadata(LexborHTMLParser(p.raw), p.url)
        )
        calls[f"{against} extract, with metadata"] = lambda p: base.extract(p.raw, p.url)
        calls[f"{against} extract, without metadata"] = lambda p: base.extract(
            p.raw, p.url, base_without
        )
    spent = _alternate(pages, rounds, calls)
    peers: dict[str, Callable[[Page], Any]] = {
        PEER_PAIR: metadata,
        "trafilatura extract_metadata": lambda p: trafilatura.extract_metadata(
            p.text, default_url=p.url
        ),
    }
    spent |= _alternate(pages, rounds, peers)
    return spent


def _alternate(
    pages: list[Page], rounds: int, calls: dict[str, Callable[[Page], Any]]
) -> dict[str, float]:
    """Mean CPU milliseconds per page of ``calls``, run one after the other on each page
    in an order that turns from page to page."""
    spent = dict.fromkeys(calls, 0.0)
    order = list(calls.items())
    for _ in range(rounds):
        for number, page in enumerate(pages):
            shift = number % len(order)
            for name, call in order[shift:] + order[:shift]:
                start = time.process_time()
                call(page)
                spent[name] += time.process_time() - start
    count = rounds * len(pages)
    return {name: seconds / count * 1000 for name, seconds in spent.items()}


def instruction_run(bench: Path, which: str, against: str | None) -> None:
    """Parse every timed page and read its metadata with ``which`` (run under callgrind).

    ``which`` is ``parse`` (parse only: the baseline), ``current`` or ``base`` (the
    commit given by ``--against``). Both packages are imported in every run, so that
    the imports weigh the same in all three counts.
    """
    from selectolax.lexbor import LexborHTMLParser

    from thresher.extract.metadata import extract_metadata

    base = None
    if against:
        base_package(against)
        base = importlib.import_module("thresher_base.extract.metadata")
    calls = {
        "parse": None,
        "current": extract_metadata,
        "base": base.extract_metadata if base is not None else None,
    }
    call = calls[which]
    for page in timing_pages(bench, load_own()):
        tree = LexborHTMLParser(page.raw)
        if call is not None:
            call(tree, page.url)


def instructions(shared: Path, against: str) -> dict[str, float]:
    """Instructions (callgrind) per page of current and base metadata, parse excluded.

    Instruction counts do not move with the load other processes put on the machine.
    """
    totals: dict[str, int] = {}
    for which in ("parse", "current", "base"):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "callgrind.out"
            command = [
                "valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
                str(Path(__file__)), "--shared", str(shared), "--against", against,
                "--instruction-run", which,
            ]  # fmt: skip
            subprocess.run(command, check=True, capture_output=True)
            found = re.search(r"^totals:\s*(\d+)", out.read_text(), re.M)
            assert found is not None, "callgrind wrote no totals"
            totals[which] = int(found[1])
    pages = len(timing_pages(shared / "bench", load_own()))
    return {which: (totals[which] - totals["parse"]) / pages for which in ("current", "base")} | {
        "parse": totals["parse"] / pages
    }


# ---------------------------------------------------------------------------- report


def _cell(right: int, total: int) -> str:
    return f"{right} of {total} ({right / total:.0%})" if total else "-"


Row = tuple[str, str, Tally]


def table(rows: list[Row], names: list[str]) -> str:
    """One line per set and half: dates and authors right, per extractor."""
    header = " | ".join(names)
    lines = [
        f"| set | half | dates | {header} | authors | {header} |",
        "|---|---|---" + "|---" * len(names) + "|---" + "|---" * len(names) + "|",
    ]
    for group, half, t in rows:
        dates = " | ".join(_cell(t.dates_right[n], t.dates) for n in names)
        authors = " | ".join(_cell(t.authors_right[n], t.authors) for n in names)
        lines.append(f"| {group} | {half} | {t.dates} | {dates} | {t.authors} | {authors} |")
    return "\n".join(lines)


def scored_rows(pages: list[Page], got: dict[str, list[Answer]]) -> list[Row]:
    """A tally per set and half, per set, and over everything."""
    names = list(got)
    pairs = [(page, {name: got[name][i] for name in names}) for i, page in enumerate(pages)]
    rows = []
    groups = sorted({p.group for p in pages}, key=lambda g: (g != "wcxb", g))
    for group in groups:
        for half in HALVES:
            chosen = [x for x in pairs if (x[0].group, x[0].half) == (group, half)]
            rows.append((group, half, tally(chosen, names)))
        rows.append((group, "both", tally((x for x in pairs if x[0].group == group), names)))
    rows.append(("all", "both", tally(pairs, names)))
    return rows


def show(pages: list[Page], got: dict[str, list[Answer]], half: str) -> None:
    """Print the pages of ``half`` where thresher is wrong, with trafilatura's answer."""
    for i, page in enumerate(pages):
        if page.half != half:
            continue
        mine, theirs = got["thresher"][i], got["trafilatura"][i]
        if page.date and not date_right(page.date, mine[0]):
            print(
                f"DATE   {page.id:40} want {page.date}  thresher {mine[0]}  trafilatura {theirs[0]}"
            )
        if page.author and not author_right(page.author, mine[1]):
            print(f"AUTHOR {page.id:40} want {page.author!r}  thresher {mine[1]!r}  "
                  f"trafilatura {theirs[1]!r}")  # fmt: skip


def _speed_text(cpu: dict[str, float], against: str | None) -> str:
    """What the CPU table says, in a few sentences."""
    meta = cpu["thresher metadata (parse + extract_metadata)"]
    parse = cpu["thresher parse only"]
    with_meta = cpu["thresher extract, with metadata"]
    without = cpu["thresher extract, without metadata"]
    share = (with_meta - without) / with_meta
    lines = [
        f"Metadata takes {meta - parse:.3f} ms per page on top of the parse; a whole `extract` "
        f"takes {with_meta:.3f} ms with metadata and {without:.3f} ms without "
        f"({share:.0%} of it is metadata). trafilatura's `extract_metadata` takes "
        f"{cpu['trafilatura extract_metadata'] / cpu[PEER_PAIR]:.1f}x "
        "thresher's parse plus metadata (second pass)."
    ]
    if against:
        base_meta = cpu[f"{against} metadata (parse + extract_metadata)"]
        base_with = cpu[f"{against} extract, with metadata"]
        base_without = cpu[f"{against} extract, without metadata"]
        lines.append(
            f"At {against} (before this metadata work), in the same run: metadata "
            f"{base_meta - parse:.3f} ms per page on top of the parse, `extract` "
            f"{base_with:.3f} ms with metadata and {base_without:.3f} ms without "
            f"({(base_with - base_without) / base_with:.0%} metadata)."
        )
    return "\n".join(lines)


def report(
    rows: list[Row],
    names: list[str],
    cpu: dict[str, float],
    count: int,
    command: str,
    counted: dict[str, float] | None = None,
) -> str:
    against = next((n.removeprefix("thresher ") for n in names if n.startswith("thresher ")), None)
    base_note = (
        f" `thresher {against}` is the same extractor at commit {against}, before this work, "
        "without a fetch date (its `extract` took none)."
        if against
        else ""
    )
    cpu_part = ""
    if cpu:
        cpu_lines = "\n".join(f"| {name} | {ms:.3f} |" for name, ms in cpu.items())
        cpu_part = f"""
CPU time per page (`time.process_time`, each call timed alone, the calls alternating page
by page in an order that turns from page to page; {count} pages: every page of
{", ".join(TIMED_FOLDERS)} and ours), mean milliseconds, in two passes: thresher's calls
alone, then thresher's metadata against trafilatura's:

| call | ms per page |
|---|---|
{cpu_lines}

{_speed_text(cpu, against)}
"""
    if counted:
        cpu_part += f"""
Instructions (valgrind callgrind, the same pages, parse only / parse and metadata, imports
counted in all three runs): parsing {counted["parse"] / 1e6:.2f} M per page; metadata
{counted["current"] / 1e6:.2f} M per page now, {counted["base"] / 1e6:.2f} M at {against}
({counted["current"] / counted["base"] - 1:+.1%}).
"""
    return f"""## Metadata: publication date and author

Pages with a labelled date or author: WCXB's `wcxb-dev` and `wcxb-dev-more` rows (`wcxb`,
modern English pages), and pages we wrote and labelled ourselves in `benchmarks/data/metadata`
(`own-zh`: Chinese, mostly GB2312/GBK, old portal, government, blog and forum layouts;
`own-intl`: Japanese, Korean, German, French, Spanish, Russian, Italian, Portuguese, Dutch,
Polish, Turkish, Arabic and English pages), every page with competing dates (header date
widgets, sidebars, comments, related articles, copyright lines, "updated" dates) and a byline
in the local form. Each set is split by site into a half the rules were tuned on (`tune`) and
a half only checked (`check`); we wrote our pages ourselves, so their check half is less
blind than WCXB's. A date is right when it is the labelled calendar day; an author when its
names are the label's names after folding case, accents and punctuation (the exact rule is in
`benchmarks/metadata.py`). trafilatura {version("trafilatura")} (dates by htmldate
{version("htmldate")}, extensive search) is called as `extract_metadata(text, default_url=url)`
on the same pages in the same run.{base_note}

{table(rows, names)}
{cpu_part}
Machine: {cpu_model()}, Python {platform.python_version()}, thresher {thresher_version()}.
Command: `{command}`
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--cpu-rounds", type=int, default=2)
    parser.add_argument("--against", help="also score and time thresher at this git commit")
    parser.add_argument("--show", choices=HALVES)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "metadata.md")
    parser.add_argument("--no-write", action="store_true", help="print, do not write --out")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="with --against: also count instructions with callgrind (three runs, minutes)",
    )
    parser.add_argument("--instruction-run", choices=("parse", "current", "base"), help="internal")
    args = parser.parse_args(argv)
    if args.instruction_run:
        instruction_run(args.shared / "bench", args.instruction_run, args.against)
        return 0

    pages: list[Page] = []
    bench = args.shared / "bench"
    if all((bench / name / "truth.jsonl").is_file() for name in WCXB):
        pages += load_wcxb(bench)
    else:
        print(f"note: {bench} absent, the wcxb set is skipped", file=sys.stderr)
    own = load_own()
    pages += own
    extractors: dict[str, Extractor] = {"thresher": thresher_answer}
    if args.against:
        extractors[f"thresher {args.against}"] = base_answer(base_package(args.against))
    extractors["trafilatura"] = trafilatura_answer
    got = answers(pages, extractors)
    rows = scored_rows(pages, got)
    names = list(extractors)
    print(table(rows, names))
    if args.show:
        show(pages, got, args.show)
    timed = timing_pages(bench, own)
    cpu = cpu_times(timed, args.cpu_rounds, args.against) if args.cpu_rounds else {}
    counted = instructions(args.shared, args.against) if args.instructions and args.against else {}
    command = COMMAND + "".join(
        f" {flag} {value}"
        for flag, value in (("--cpu-rounds", args.cpu_rounds), ("--against", args.against))
        if value is not None and not (flag == "--cpu-rounds" and value == 2)
    )
    if counted:
        command += " --instructions"
    text = report(rows, names, cpu, len(timed), command, counted)
    if args.no_write:
        print(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
