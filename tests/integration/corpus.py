"""A small multi-file JSONL corpus and helpers to run thresher on it in a child process.

The integration tests that kill runs, hold locks or start worker processes import it
(pytest puts this folder on ``sys.path``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

STAGED = """
[output]
format = "jsonl.gz"
max_docs_per_shard = 7

[[steps]]
use = "test_slow"
seconds_per_doc = {delay}

[[steps]]
use = "exact_dedup"
partitions = 2

[[steps]]
use = "test_slow"
seconds_per_doc = {delay}

[[steps]]
use = "minhash_dedup"
partitions = 2
bands = 4
"""
"""Two stages, three phases: a run has several places to be killed in."""


def write_inputs(folder: Path, files: int = 6, docs: int = 15) -> list[str]:
    """``files`` JSONL inputs; every third document repeats one of another file."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for f in range(files):
        path = folder / f"part-{f}.jsonl"
        with path.open("w") as out:
            for d in range(docs):
                n = d if d % 3 else (d + f) % docs
                text = f"document number {n} of a test corpus about rivers, boats and weirs."
                out.write(json.dumps({"text": text, "k": d}) + "\n")
        paths.append(str(path))
    return paths


def write_config(folder: Path, delay: float) -> Path:
    """The staged pipeline with ``delay`` seconds per document in its slow steps."""
    path = folder / f"pipeline-{delay}.toml"
    path.write_text(STAGED.format(delay=delay))
    return path


def start_cli(args: list[str], **popen: object) -> subprocess.Popen[bytes]:
    """``thresher ARGS`` in a child process that also registers the test steps."""
    code = (
        f"import sys; sys.path.insert(0, {str(HERE)!r}); import slow_step; "
        "from thresher.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    options: dict[str, object] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    options.update(popen)
    return subprocess.Popen([sys.executable, "-c", code, *args], **options)  # type: ignore[call-overload]


def tree(outdir: Path) -> dict[str, bytes]:
    """The bytes of every output and rejected file, by name."""
    return {
        f"{sub}/{p.name}": p.read_bytes()
        for sub in ("data", "rejected")
        for p in sorted((outdir / sub).glob("*"))
    }


def temp_files(outdir: Path) -> list[str]:
    """Files a writer left under a temporary name (none may stay after a run)."""
    return sorted(
        str(p.relative_to(outdir))
        for p in outdir.rglob("*")
        if p.is_file() and (".tmp" in p.name)
    )


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (Linux ``/proc``)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` is a running (not zombie) process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"
