"""``thresher explain``: one document's path through a finished run."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from thresher.serialize import open_text_read
from thresher.writers.records import decode_json_fields


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "explain",
        help="show why one document was kept or dropped in a run",
        description=(
            "Look a document up (by id or URL) in a run's output and rejected sink and show "
            "its path: kept or dropped, by which step, with which values, which lines were cut."
        ),
    )
    p.add_argument("outdir", type=Path, help="the output directory of a run")
    p.add_argument("key", help="a document id or URL")
    p.set_defaults(handler=handle)


def _records(folder: Path) -> Iterator[dict[str, Any]]:
    if not folder.exists():
        return
    for path in sorted(folder.iterdir()):
        if path.name.endswith((".jsonl", ".jsonl.gz", ".jsonl.zst")):
            with open_text_read(path) as fh:
                for line in fh:
                    if line.strip():
                        yield decode_json_fields(json.loads(line))
        elif path.name.endswith(".parquet"):
            yield from _parquet_records(path)


def _parquet_records(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of an output Parquet file, with its JSON columns decoded."""
    from thresher.writers.parquet import require_pyarrow

    for batch in require_pyarrow().ParquetFile(path).iter_batches():
        for row in batch.to_pylist():
            yield decode_json_fields(row)


def find(outdir: Path, key: str) -> tuple[str, dict[str, Any]] | None:
    """``("kept"|"dropped", record)`` for the document whose id or url is ``key``."""
    for kind, folder in (("kept", outdir / "data"), ("dropped", outdir / "rejected")):
        for rec in _records(folder):
            if key in (rec.get("id"), rec.get("url")):
                return kind, rec
    return None


def _pipeline(outdir: Path) -> list[str]:
    manifest = outdir / "manifest.json"
    if not manifest.exists():
        return []
    steps = json.loads(manifest.read_text("utf-8"))["config"]["steps"]
    return [str(s["use"]) for s in steps]


def _measure(rec: dict[str, Any]) -> str:
    """``measured V against threshold T`` from a rejected record (either part may be absent)."""
    value = rec["value"] if rec.get("has_value") else None
    threshold = rec["threshold"] if rec.get("has_threshold") else None
    if value is None and threshold is None:
        return ""
    if threshold is None:
        return f"measured {value:g}"
    if value is None:
        return f"threshold {threshold:g}"
    return f"measured {value:g} against threshold {threshold:g}"


def render(kind: str, rec: dict[str, Any], steps: list[str]) -> str:
    lines = [f"document {rec.get('id')}  {rec.get('url') or ''}".rstrip()]
    source = rec.get("source") or rec.get("provenance", {}).get("source")
    if source:
        lines.append(f"  read from {source}")
    if kind == "dropped":
        step = rec.get("step", "?")
        lines.append(f"  DROPPED by {step}: {rec.get('reason')}")
        if rec.get("detail"):
            lines.append(f"    detail: {rec['detail']}")
        measured = _measure(rec)
        if measured:
            lines.append(f"    {measured}")
        if rec.get("data"):
            lines.append(f"    data: {json.dumps(rec['data'], ensure_ascii=False)}")
        if step in steps:
            passed = steps[: steps.index(step)]
            lines.append(f"  passed before: {', '.join(passed) or '(none)'}")
    else:
        lines.append(f"  KEPT after: {', '.join(steps) or '(no steps)'}")
        if rec.get("language"):
            lines.append(f"  language: {rec['language']} ({rec.get('language_score')})")
    flags = (rec.get("metadata") or {}).get("flags") or rec.get("flags") or ()
    for flag in flags:
        value = f" value={flag.get('value')} threshold={flag.get('threshold')}"
        lines.append(f"  flagged by {flag.get('step')}: {flag.get('reason')}{value}")
    edits = rec.get("edits") or ()
    if edits:
        lines.append(f"  lines cut ({len(edits)}):")
        for edit in edits:
            lines.append(f"    [{edit.get('step')}/{edit.get('rule')}] {edit.get('line')}")
    return "\n".join(lines)


def handle(args: argparse.Namespace) -> int:
    try:
        found = find(args.outdir, args.key)
    except ImportError as exc:  # Parquet output without pyarrow
        print(f"thresher: {exc}", file=sys.stderr)
        return 2
    if found is None:
        print(f"thresher: no document {args.key!r} in {args.outdir}")
        return 1
    kind, rec = found
    print(render(kind, rec, _pipeline(args.outdir)))
    return 0
