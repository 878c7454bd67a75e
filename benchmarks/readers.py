"""Reader and writer throughput against the bare libraries underneath, in the same run.

* WARC: thresher's ``read_warc`` (documents, rejections, skips, recovery
  checks) against a bare fastwarc loop that only reads response payloads: the
  ratio is the cost of our accounting and checks.
* JSONL: ``read_jsonl`` against ``json.loads`` over the lines of the same file.
* Output: ``ShardWriter`` (.jsonl.zst) against writing the same records with
  ``open_text_write`` and ``json.dumps``.

Input: the developer benchmark pages packed as a WARC.gz (benchmarks/pack_warc.py)
when ../shared is present, else the bundled sample crawl.

    PYTHONPATH=src python benchmarks/readers.py [--repeat 3]

Writes benchmarks/results/readers.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

from thresher.document import Document
from thresher.readers import ReaderConfig, read_jsonl, read_warc
from thresher.sample import sample_path
from thresher.serialize import open_text_read, open_text_write
from thresher.writers import ShardWriter, WriterConfig, document_record
from thresher.writers.records import dumps

ROOT = Path(__file__).resolve().parents[1]
SHARED_BENCH = ROOT / ".." / "shared" / "bench"
RESULTS = ROOT / "benchmarks" / "results" / "readers.md"


def best_of(repeat: int, fn: Callable[[], int]) -> tuple[float, int]:
    """Fastest wall time of ``repeat`` runs, and what the function counted."""
    best, count = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = fn()
        best = min(best, time.perf_counter() - start)
    return best, count


def bare_fastwarc(path: Path) -> int:
    n = 0
    with path.open("rb") as fh:
        for rec in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True):
            n += len(rec.reader.read()) > 0
    return n


def thresher_warc(path: Path) -> int:
    return sum(isinstance(r, Document) for r in read_warc(path, ReaderConfig()))


def bare_jsonl(path: Path) -> int:
    with open_text_read(path) as src:
        return sum(isinstance(json.loads(line).get("text"), str) for line in src)


def thresher_jsonl(path: Path) -> int:
    return sum(isinstance(r, Document) for r in read_jsonl(path))


def input_warc(tmp: Path) -> tuple[Path, str]:
    if SHARED_BENCH.is_dir():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from pack_warc import main as pack

        out = tmp / "bench.warc.gz"
        pack(["-o", str(out), "--bench", str(SHARED_BENCH)])
        return out, "../shared/bench pages packed by pack_warc.py"
    return sample_path(), "bundled sample crawl (../shared absent)"


def text_docs(path: Path) -> list[Document]:
    """Documents with the payload decoded as text, standing in for extracted text."""
    out = []
    for r in read_warc(path):
        if isinstance(r, Document) and r.html is not None:
            out.append(r.evolve(text=r.html.decode("utf-8", "replace"), html=None))
    return out


def write_shards(docs: list[Document], out: Path) -> int:
    with ShardWriter(out, "bench", 0, WriterConfig(suffix=".jsonl.zst")) as w:
        for d in docs:
            w.write(d)
    return w.count


def write_plain(docs: list[Document], out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with open_text_write(out / "plain.jsonl.zst") as f:
        for d in docs:
            f.write(json.dumps(document_record(d), ensure_ascii=False) + "\n")
    return len(docs)


def machine() -> str:
    git = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True, check=False).stdout.strip()
    return (f"{platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores, "
            f"Python {platform.python_version()}, fastwarc {version('fastwarc')}, "
            f"zstandard {version('zstandard')}, commit {git or 'n/a'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        warc, origin = input_warc(tmp)
        mb = warc.stat().st_size / 1e6
        t_bare, n_bare = best_of(args.repeat, lambda: bare_fastwarc(warc))
        t_ours, n_ours = best_of(args.repeat, lambda: thresher_warc(warc))
        rows.append(("WARC.gz read", "fastwarc loop", n_bare, t_bare, mb))
        rows.append(("WARC.gz read", "thresher read_warc", n_ours, t_ours, mb))

        docs = text_docs(warc)
        jsonl = tmp / "docs.jsonl.zst"
        with open_text_write(jsonl) as f:
            for i, d in enumerate(docs):
                f.write(dumps({"id": f"d{i}", "text": d.text, "url": d.url}) + "\n")
        jmb = jsonl.stat().st_size / 1e6
        t_bj, n_bj = best_of(args.repeat, lambda: bare_jsonl(jsonl))
        t_tj, n_tj = best_of(args.repeat, lambda: thresher_jsonl(jsonl))
        rows.append(("JSONL.zst read", "json.loads loop", n_bj, t_bj, jmb))
        rows.append(("JSONL.zst read", "thresher read_jsonl", n_tj, t_tj, jmb))

        t_pw, n_pw = best_of(args.repeat, lambda: write_plain(docs, tmp / "plain"))
        out_mb = (tmp / "plain" / "plain.jsonl.zst").stat().st_size / 1e6
        t_sw, n_sw = best_of(args.repeat, lambda: write_shards(docs, tmp / f"s{time.time_ns()}"))
        rows.append(("JSONL.zst write", "json.dumps + zstd", n_pw, t_pw, out_mb))
        rows.append(("JSONL.zst write", "thresher ShardWriter", n_sw, t_sw, out_mb))

    lines = [
        "## Readers and writers",
        "",
        f"Machine: {machine()}.",
        f"Input: {origin} ({mb:.1f} MB compressed).",
        f"Command: `PYTHONPATH=src python benchmarks/readers.py --repeat {args.repeat}` "
        f"(best of {args.repeat}, one process).",
        "",
        "| task | implementation | documents | seconds | docs/s | compressed MB/s | ratio |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for i, (task, impl, n, t, size) in enumerate(rows):
        base = rows[i - i % 2][3]
        lines.append(f"| {task} | {impl} | {n} | {t:.3f} | {n / t:,.0f} | {size / t:.1f} "
                     f"| {t / base:.2f}x |")
    lines += ["", "`ratio` is the time relative to the bare loop above it (lower is better).", ""]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
