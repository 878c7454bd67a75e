"""Where a run keeps what: the keys of an output directory (relative, ``/``-separated).

::

    data/part-SSSSS-PPPP.<format>          kept documents of input shard SSSSS, part PPPP
    rejected/rej-K-SSSSS-PPPP.jsonl.zst    records dropped in phase K, with step and reason
    manifest.json                          config and its hash, versions, inputs, counts, times
    report.html                            the report page (thresher.report), from the two below
    samples.json                           a few documents per drop reason, for the report
    .work/lock                             the lock of the run writing here (pid, host)
    .work/run.json                         which run this directory holds (config hash, inputs)
    .work/done/phase-K-shard-SSSSS         marker of phase K over shard SSSSS: its counts
    .work/done/stage-K-NAME                marker of stage K's analysis: its seconds
    .work/attempts/attempt-NNNN.json       the elapsed seconds of each attempt of the run
    .work/ranges/INPUT.json                the byte ranges a big WARC input is read in
                                           (thresher.run.ranges; kept so a rerun needs no scan)
    .work/profile/phase-K-shard-SSSSS.json what phase K saw in shard SSSSS for the report
                                           (written before its marker; folded when K ends)
    .work/profile/phase-K.json             the same, for all shards of phase K
    .work/phase-K/shard-SSSSS.jsonl.zst    documents between phase K and stage K (transient)
    .work/stage-K-NAME/                    stage K's files and task markers (transient)

A phase is the per-document steps between two stages, run over every shard; the
pipeline ``extract, clean_lines, exact_dedup, pii`` has phase 0 (extract, clean_lines),
stage 0 (exact_dedup) and phase 1 (its applier, then pii). Transient files are
removed once the phase after them has committed every shard; markers stay, so a
rerun of a finished run does nothing and writes the same files.

>>> phase_marker(1, 3), intermediate(0, 3)
('.work/done/phase-1-shard-00003', '.work/phase-0/shard-00003.jsonl.zst')
"""

from __future__ import annotations

from typing import Final

import xxhash

__all__ = [
    "ATTEMPTS",
    "DATA",
    "LOCK",
    "MANIFEST",
    "OUTPUT_PREFIX",
    "PROFILES",
    "REJECTED",
    "REPORT",
    "SAMPLES",
    "STAMP",
    "WORK",
    "attempt",
    "intermediate",
    "phase_dir",
    "phase_marker",
    "phase_profile",
    "range_plan",
    "rejected_prefix",
    "shard_profile",
    "stage_dir",
    "stage_marker",
]

DATA: Final = "data"
REJECTED: Final = "rejected"
MANIFEST: Final = "manifest.json"
REPORT: Final = "report.html"
SAMPLES: Final = "samples.json"
ATTEMPTS: Final = ".work/attempts"
PROFILES: Final = ".work/profile"
WORK: Final = ".work"
LOCK: Final = ".work/lock"
STAMP: Final = ".work/run.json"
OUTPUT_PREFIX: Final = "part"
"""Output files are ``data/part-SSSSS-PPPP.<format>``."""


def rejected_prefix(phase: int) -> str:
    """Rejected files of phase ``phase`` are ``rejected/rej-K-SSSSS-PPPP.jsonl.zst``."""
    return f"rej-{phase}"


def phase_marker(phase: int, shard: int) -> str:
    """The marker of one phase over one shard; its payload is the task's counts (JSON)."""
    return f"{WORK}/done/phase-{phase}-shard-{shard:05d}"


def stage_marker(index: int, name: str) -> str:
    """The marker of a stage's analysis; its payload is the seconds it took."""
    return f"{WORK}/done/stage-{index}-{name}"


def attempt(number: int) -> str:
    """The file of attempt ``number`` (1-based) of the run: its elapsed seconds."""
    return f"{ATTEMPTS}/attempt-{number:04d}.json"


def shard_profile(phase: int, shard: int) -> str:
    """What phase ``phase`` saw of shard ``shard`` (:class:`~thresher.run.profile.Profile`)."""
    return f"{PROFILES}/phase-{phase}-shard-{shard:05d}.json"


def phase_profile(phase: int) -> str:
    """The profiles of every shard of phase ``phase``, folded in shard order."""
    return f"{PROFILES}/phase-{phase}.json"


def phase_dir(phase: int) -> str:
    """The folder of the documents phase ``phase`` hands to the stage after it."""
    return f"{WORK}/phase-{phase}"


def intermediate(phase: int, shard: int) -> str:
    """The documents of shard ``shard`` that survived phase ``phase``."""
    return f"{phase_dir(phase)}/shard-{shard:05d}.jsonl.zst"


def range_plan(input_name: str) -> str:
    """The byte ranges of one input (keyed by a hash of its name in the run)."""
    return f"{WORK}/ranges/{xxhash.xxh3_64_hexdigest(input_name.encode('utf-8'))}.json"


def stage_dir(index: int, name: str) -> str:
    """The work folder of stage ``index`` (its decision files and task markers)."""
    return f"{WORK}/stage-{index}-{name}"
