"""kill -9 at seeded random points of a multi-stage run, then a rerun: the bytes of an
uninterrupted run, no temporary file left, a balanced manifest, no orphaned worker.

A short campaign; ``benchmarks/faults.py`` runs a long one (see tests/integration/kills.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from kills import run_campaign

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def test_killed_runs_resume_to_the_bytes_of_an_uninterrupted_run(tmp_path: Path) -> None:
    campaign = run_campaign(tmp_path, seed=3, kills=4, files=4)
    assert campaign.rerun_code == 0, campaign.rerun_error
    assert {k.target for k in campaign.kills} <= {"main", "group"}
    assert not [k for k in campaign.kills if k.orphans], "workers outlived their main process"
    assert campaign.same_bytes
    assert campaign.stray_temps == []
    assert campaign.balanced and campaign.records_in == 60
    assert campaign.survived
