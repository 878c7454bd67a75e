"""A kill campaign: ``kill -9`` a multi-stage run at random points, rerun, compare.

Each round starts ``thresher run`` with worker processes in a session of its own,
waits until the run has reached a seeded random point of its progress (counted in
completion markers, those of the phases and those of each stage's tasks, so the kill
points spread over the whole run whatever the machine's speed), waits a seeded random
moment more (up to :data:`JITTER_S`, to land inside a task), and kills either the main
process alone or the whole process group. The last kill always lands in the last
phase, while output and rejected files are written. After a kill of the main process alone,
its workers must be gone within :data:`ORPHAN_GRACE_S`. A last rerun must then finish
and give the bytes of an uninterrupted run, with no file left under a temporary name
and a balanced manifest.

The test suite runs a few seeded kills (tests/integration/test_kill_campaign.py);
``benchmarks/faults.py`` runs a longer campaign and reports it in BENCHMARKS.md.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from corpus import alive, children, start_cli, temp_files, tree, write_config, write_inputs

JITTER_S = 0.05
ORPHAN_GRACE_S = 10.0
"""How long workers may outlive a killed main process (they take well under a second)."""
RUN_TIMEOUT_S = 300.0


@dataclass
class Kill:
    """One kill of a campaign and what followed it."""

    target: str
    """``"main"`` (the main process alone) or ``"group"`` (the whole process group)."""
    progress: int
    """Completion markers seen (over every round) when the run was killed."""
    last: str
    """The last marker seen before the kill: where in the run it landed."""
    killed: bool
    """False when the run finished before the kill point came."""
    orphans: list[int] = field(default_factory=list)
    """Workers still alive :data:`ORPHAN_GRACE_S` after their main process was killed."""
    workers_gone_s: float | None = None
    """Seconds from the kill until the last worker was gone (None: no worker was running)."""


@dataclass
class Campaign:
    """The outcome of :func:`run_campaign`."""

    seed: int
    kills: list[Kill]
    same_bytes: bool
    stray_temps: list[str]
    balanced: bool
    records_in: int
    rerun_code: int
    rerun_error: str = ""

    @property
    def survived(self) -> bool:
        """Every invariant held."""
        return (
            self.rerun_code == 0
            and self.same_bytes
            and not self.stray_temps
            and self.balanced
            and not any(k.orphans for k in self.kills)
        )


class Progress:
    """Every completion marker a run has left so far, phases' and stage tasks' alike.

    Stage files are removed once the next phase is done, so the markers seen are
    remembered: the count only grows, over all the rounds of a campaign.
    """

    def __init__(self, outdir: Path) -> None:
        self.work = outdir / ".work"
        self.seen: dict[str, None] = {}

    def poll(self) -> int:
        """Look again; the number of markers seen so far."""
        try:
            found = [p for p in (self.work / "done").iterdir()]
            for stage in self.work.glob("stage-*"):
                found += stage.rglob("*.done")
        except OSError:
            found = []
        for path in sorted(found, key=_mtime):
            self.seen.setdefault(str(path.relative_to(self.work)), None)
        return len(self.seen)

    @property
    def last(self) -> str:
        return next(reversed(self.seen), "(start)")


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _run(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    proc = start_cli(args)
    _, err = proc.communicate(timeout=RUN_TIMEOUT_S)
    return subprocess.CompletedProcess(args, proc.returncode, b"", err)


def _kill_once(
    args: list[str], progress: Progress, target: str, at: int, jitter_s: float
) -> Kill:
    proc = start_cli(args, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while proc.poll() is None and progress.poll() < at and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(jitter_s)
    if proc.poll() is not None:
        return Kill(target, progress.poll(), progress.last, killed=False)
    workers = children(proc.pid)
    if target == "main":
        os.kill(proc.pid, signal.SIGKILL)
    else:
        os.killpg(proc.pid, signal.SIGKILL)
    killed_at = time.monotonic()
    proc.wait()
    kill = Kill(target, progress.poll(), progress.last, killed=True)
    deadline = killed_at + ORPHAN_GRACE_S
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.005)
    kill.orphans = [w for w in workers if alive(w)]
    if workers and not kill.orphans:
        kill.workers_gone_s = time.monotonic() - killed_at
    return kill


def run_campaign(
    root: Path, seed: int, kills: int, workers: int = 2, delay_s: float = 0.01, files: int = 6
) -> Campaign:
    """Kill a run ``kills`` times at seeded random points, rerun it, check the invariants."""
    rng = random.Random(seed)
    inputs = write_inputs(root / "in", files=files)
    config = write_config(root, delay_s)
    common = [*inputs, "-c", str(config), "-q"]
    reference = root / "reference"
    proc = start_cli(["run", *common, "-o", str(reference)])
    counted = Progress(reference)
    while proc.poll() is None:
        counted.poll()
        time.sleep(0.002)
    if proc.wait() != 0:
        error = proc.stderr.read().decode() if proc.stderr else ""
        raise RuntimeError(f"the uninterrupted run failed: {error}")

    out = root / "out"
    args = ["run", *common, "-o", str(out), "-w", str(workers)]
    progress = Progress(out)
    total = len(counted.seen)
    points = sorted(rng.randrange(total) for _ in range(kills - 1))
    points.append(total - rng.randint(1, files))  # one kill while the output is written
    log = []
    for at in points:
        target = rng.choice(["main", "group"])
        log.append(_kill_once(args, progress, target, at, rng.uniform(0.0, JITTER_S)))

    final = _run(args)
    accounting = {}
    if final.returncode == 0:
        accounting = json.loads((out / "manifest.json").read_text())["accounting"]
    return Campaign(
        seed=seed,
        kills=log,
        same_bytes=final.returncode == 0 and tree(out) == tree(reference),
        stray_temps=temp_files(out),
        balanced=bool(accounting.get("balanced")),
        records_in=int(accounting.get("records_in", 0)),
        rerun_code=final.returncode,
        rerun_error=final.stderr.decode(errors="replace")[-2000:],
    )
