"""What the benchmark scripts say about the machine they ran on."""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path


def cpu_model() -> str:
    """The CPU's model name (Linux), else what ``platform`` knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def version(package: str, missing: str = "-") -> str:
    """The installed version of ``package``, or ``missing``."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return missing
