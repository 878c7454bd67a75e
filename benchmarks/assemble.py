"""Assemble BENCHMARKS.md from the sections the benchmark scripts write to benchmarks/results/.

    python benchmarks/assemble.py

Each script (extract.py, extract_speed.py, metadata.py, filters.py, clean_noharm.py, dedup.py,
pipeline.py, readers.py) runs thresher and its peers in the same run and writes its own section
with the machine and the command (faults.py, the kill campaign, and faults_inputs.py, the
input-mutation campaign, have no peer: they report the cases that held); this only puts them in
order under one title.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
ORDER = [
    "summary", "extract", "extract_halves", "extract_speed", "metadata", "pipeline", "filters",
    "clean", "dedup", "readers", "ranges", "faults", "faults_inputs", "faults_ranges",
]

HEADER = """# Benchmarks

Measured by the scripts in `benchmarks/`, each running thresher and its peers in the same run,
on the same inputs, on the machine it names (the project's CI machine: 2 cores, 24 GiB).
Rerun a section with the command under it, then `python benchmarks/assemble.py`.
Inputs come from `../shared/bench` (public extraction benchmarks), which is not part of the
project.
"""


def main() -> int:
    names = [n for n in ORDER if (RESULTS / f"{n}.md").exists()]
    names += sorted(p.stem for p in RESULTS.glob("*.md") if p.stem not in ORDER)
    parts = [HEADER]
    for name in names:
        text = (RESULTS / f"{name}.md").read_text(encoding="utf-8").strip()
        parts.append(text)
    (ROOT / "BENCHMARKS.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    print(f"wrote BENCHMARKS.md from {', '.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
