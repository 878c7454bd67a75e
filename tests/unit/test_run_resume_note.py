"""A resumed run says what an earlier attempt finished, from the markers alone."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from thresher.run import layout
from thresher.run.commit import LocalStore
from thresher.run.phases import resume_note


def test_resume_note_counts_done_shards_and_stages(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    stages: Any = [SimpleNamespace(name="url_dedup"), SimpleNamespace(name="minhash_dedup")]
    assert resume_note(store, 3, stages, 40) == ""
    for shard in range(12):
        store.mark(layout.phase_marker(0, shard), "{}")
    assert resume_note(store, 3, stages, 40) == "resuming: phase 0 12/40 shards done"
    for shard in range(28, 40):
        store.mark(layout.phase_marker(0, shard), "{}")
    for shard in range(16):
        store.mark(layout.phase_marker(0, shard + 12), "{}")
    store.mark(layout.stage_marker(0, "url_dedup"), "1.5")
    store.mark(layout.phase_marker(1, 3), "{}")
    assert resume_note(store, 3, stages, 40) == (
        "resuming: phase 0 40/40 shards done, stage url_dedup done, phase 1 1/40 shards done")
