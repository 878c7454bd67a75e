"""Pack the developer benchmark pages (../shared/bench/*/pages/) into one WARC.gz.

Each page becomes a request, a response (HTTP 200, ``text/html`` with the
page's encoding from truth.jsonl) and a metadata record, one gzip member each,
as Common Crawl lays them out. The end-to-end benchmark reads the result like
a real crawl segment. Output is deterministic.

    PYTHONPATH=src python benchmarks/pack_warc.py [-o benchmarks/out/bench.warc.gz] [--copies N]

Exits with a message (status 0) when ../shared is absent: it holds data that
is not part of the project.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from warc_build import http_request, http_response, warc_record, write_warc_gz  # noqa: E402

SHARED = ROOT / ".." / "shared"
DATE = "2026-01-15T00:00:00Z"


def bench_records(bench_dir: Path, date: str = DATE) -> Iterator[bytes]:
    """Request, response and metadata records for every page of every benchmark folder."""
    for folder in sorted(p for p in bench_dir.iterdir() if (p / "truth.jsonl").is_file()):
        with (folder / "truth.jsonl").open(encoding="utf-8") as rows:
            for line in rows:
                row = json.loads(line)
                page = folder / "pages" / f"{row['id']}.html"
                if page.is_file():
                    url = row.get("url") or f"https://bench.invalid/{folder.name}/{row['id']}"
                    yield from _capture(url, date, row.get("encoding") or "utf-8",
                                        page.read_bytes(), f"{folder.name}/{row['id']}")


def _capture(url: str, date: str, encoding: str, body: bytes,
             bench_id: str) -> Iterator[bytes]:
    yield warc_record("request", http_request(url), date=date, target_uri=url,
                      content_type="application/http; msgtype=request")
    response = http_response(200, body, [("Content-Type", f"text/html; charset={encoding}")])
    yield warc_record("response", response, date=date, target_uri=url,
                      content_type="application/http; msgtype=response",
                      extra=[("WARC-Identified-Payload-Type", "text/html")])
    yield warc_record("metadata", f"bench-id: {bench_id}\r\n".encode(), date=date,
                      target_uri=url, content_type="application/warc-fields")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "benchmarks/out/bench.warc.gz")
    parser.add_argument("--bench", type=Path, default=SHARED / "bench",
                        help="folder holding the benchmark sub-folders (default ../shared/bench)")
    parser.add_argument("--copies", type=int, default=1,
                        help="capture every page N times, a day apart (distinct record ids): "
                             "one large WARC")
    args = parser.parse_args(argv)
    if not 1 <= args.copies <= 17:
        parser.error("--copies is 1 to 17 (one day apart in January)")
    if not args.bench.is_dir():
        print(f"skipping: {args.bench} not found (../shared is not part of the project)")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    records = [rec for copy in range(args.copies)
               for rec in bench_records(args.bench, f"2026-01-{15 + copy:02d}T00:00:00Z")]
    size = write_warc_gz(args.output, records)
    print(f"wrote {len(records)} records ({size / 1e6:.1f} MB) to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
