"""Remote read throughput: thresher's Storage vs local files and vs plain fsspec, same run.

On one generated ``.warc.gz`` (incompressible payloads, about ``--mib`` MiB):

* local file: ``Storage.open_read`` on a path (a plain ``open``): the ceiling;
* S3 from moto's server on 127.0.0.1 (subprocess): thresher (``Storage.open_read``,
  ranged GETs of ``block_size``, counted retries) against s3fs's own file
  object (``fs.open(path).read``), the way fsspec-based pipelines read;
* http from a Range-honouring server on 127.0.0.1 (subprocess, no faults):
  thresher's urllib3 client against fsspec's aiohttp ``HTTPFileSystem``;

each read whole in 1 MiB reads, then once more through fastwarc's
``ArchiveIterator`` (records/s), plus the gzip member index scan
(``scan_members``) on the local file. Rounds alternate the readers; the table
gives the median MB/s and the CPU seconds this process spent per GB read (the
servers' CPU is theirs, not counted). Loopback numbers: they measure our
client's overhead, not a network.

    PYTHONPATH=src python benchmarks/storage.py [--mib 128] [--rounds 3]

Writes benchmarks/results/storage.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from fastwarc.warc import ArchiveIterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from machine import cpu_model, version  # noqa: E402
from testservers.s3 import ENV_TO_CLEAR, aws_env, moto_server  # noqa: E402
from testservers.warcs import build  # noqa: E402
from thresher.storage import Storage, StorageConfig, scan_members  # noqa: E402

Opener = Callable[[], BinaryIO]


def _drain(fh: BinaryIO) -> int:
    total = 0
    while chunk := fh.read(1 << 20):
        total += len(chunk)
    return total


def _records(fh: BinaryIO) -> int:
    return sum(1 for _ in ArchiveIterator(fh, parse_http=False))


def _timed(work: Callable[[], int]) -> tuple[float, float, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    count = work()
    return time.perf_counter() - wall, time.process_time() - cpu, count


def _http_server(folder: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests/testservers/faults.py"),
                             str(folder)], stdout=subprocess.PIPE, text=True,
                            stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "tests")})
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def _readers(local: Path, s3_url: str, http_url: str, s3fs_fs: Any) -> dict[str, Opener]:
    import fsspec
    storage = Storage(StorageConfig())
    big_blocks = Storage(StorageConfig(block_size=32 << 20))
    http_fs = fsspec.filesystem("http", skip_instance_cache=True)
    key = s3_url.removeprefix("s3://")
    return {
        "local file (thresher Storage)": lambda: storage.open_read(str(local)),
        "S3 moto, thresher Storage": lambda: storage.open_read(s3_url),
        "S3 moto, thresher Storage, 32 MiB blocks": lambda: big_blocks.open_read(s3_url),
        "S3 moto, s3fs fs.open": lambda: s3fs_fs.open(key, "rb"),
        "http, thresher Storage (urllib3)": lambda: storage.open_read(http_url),
        "http, fsspec HTTPFileSystem (aiohttp)": lambda: http_fs.open(http_url, "rb"),
    }


def run(mib: int, rounds: int) -> str:
    sizes = [(7919 * i) % 400_000 + 2000 for i in range(max(1, mib * 1024 * 1024 // 200_000))]
    data = build(sizes, seed=1, compressible=False).data
    mb = len(data) / 1e6
    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp, moto_server() as endpoint:
        folder = Path(tmp)
        local = folder / "big.warc.gz"
        local.write_bytes(data)
        for name in ENV_TO_CLEAR:
            os.environ.pop(name, None)
        os.environ.update(aws_env(endpoint, tmp))
        s3fs_fs = Storage().filesystem("s3")
        s3fs_fs.mkdir("bench")
        s3fs_fs.put_file(str(local), "bench/big.warc.gz")
        server, http_base = _http_server(folder)
        try:
            readers = _readers(local, "s3://bench/big.warc.gz", http_base + "/big.warc.gz",
                               s3fs_fs)
            for opener in readers.values():  # warm up: sessions, pools, credentials
                with opener() as fh:
                    fh.read(1 << 16)
            for _round in range(rounds):
                for name, opener in readers.items():
                    row = results.setdefault(name, {"mbps": [], "cpu": [], "rec": []})
                    with opener() as fh:
                        wall, cpu, got = _timed(lambda fh=fh: _drain(fh))
                    assert got == len(data), (name, got, len(data))
                    row["mbps"].append(mb / wall)
                    row["cpu"].append(cpu / (mb / 1000))
                    with opener() as fh:
                        wall, _cpu, count = _timed(lambda fh=fh: _records(fh))
                    row["rec"].append(count / wall)
                row = results.setdefault("member index scan (local)",
                                         {"mbps": [], "cpu": [], "rec": []})
                with local.open("rb") as fh:
                    wall, cpu, members = _timed(lambda fh=fh: sum(1 for _ in scan_members(fh)))
                assert members == len(sizes)
                row["mbps"].append(mb / wall)
                row["cpu"].append(cpu / (mb / 1000))
        finally:
            server.terminate()
            server.wait(10)
    return _report(results, mb, len(sizes), rounds, mib)


def _report(results: dict[str, dict[str, list[float]]], mb: float, records: int,
            rounds: int, mib: int) -> str:
    lines = [
        "## Remote reads: thresher Storage vs local files and plain fsspec",
        "",
        f"One generated `.warc.gz` of {mb:.0f} MB ({records} records, half of them with "
        "incompressible payloads),"
        f" read whole in 1 MiB reads, then through fastwarc; {rounds} rounds alternating the "
        "readers, medians. Servers on 127.0.0.1 in their own processes (moto's S3 server; a "
        "Range-honouring HTTP server), so this is client overhead on loopback, not a network. "
        "CPU is this process's CPU time per GB read (wall-clock MB/s is noisy on this shared "
        "machine; CPU time less so).",
        "",
        "| reader | MB/s (median) | CPU s per GB | WARC records/s via fastwarc |",
        "|---|---:|---:|---:|",
    ]
    for name, row in results.items():
        rec = f"{statistics.median(row['rec']):,.0f}" if row["rec"] else "-"
        lines.append(f"| {name} | {statistics.median(row['mbps']):,.0f} | "
                     f"{statistics.median(row['cpu']):.2f} | {rec} |")
    lines += [
        "",
        f"Machine: {cpu_model()}, {os.cpu_count()} cores; Python {sys.version.split()[0]}, "
        f"s3fs {version('s3fs')}, fsspec {version('fsspec')}, urllib3 {version('urllib3')}, "
        f"moto {version('moto')}, fastwarc {version('fastwarc')}.",
        "",
        "Command: `PYTHONPATH=src .venv/bin/python benchmarks/storage.py "
        f"--mib {mib} --rounds {rounds}`",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mib", type=int, default=128)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    report = run(args.mib, args.rounds)
    out = ROOT / "benchmarks" / "results" / "storage.md"
    out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())

