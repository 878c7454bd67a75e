"""The output directory's lock: one holder at a time, named in the refusal, never stale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from thresher.run.errors import RunLocked
from thresher.run.lock import RunLock

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="flock")


def test_a_second_holder_is_refused_with_the_first_ones_pid(tmp_path: Path) -> None:
    path = tmp_path / "out" / ".work" / "lock"
    with RunLock(path):
        assert json.loads(path.read_text())["pid"] == os.getpid()
        with pytest.raises(RunLocked, match=rf"pid {os.getpid()} on .*another output directory"):
            RunLock(path).acquire()
    with RunLock(path):  # released: the next one gets it
        pass


def test_the_lock_of_a_killed_holder_is_free(tmp_path: Path) -> None:
    path = tmp_path / "lock"
    code = (
        "import os, sys; from pathlib import Path; from thresher.run.lock import RunLock; "
        "RunLock(Path(sys.argv[1])).acquire(); os._exit(0)"  # exits without releasing
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    assert json.loads(path.read_text())["pid"] != os.getpid()
    with RunLock(path):
        assert json.loads(path.read_text())["pid"] == os.getpid()
