"""The Ray executor gives the same bytes as the local one (skipped without ray)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from thresher.pipeline import default_pipeline
from thresher.run import run_pipeline
from thresher.sample import sample_path


def _tree(outdir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for sub in ("data", "rejected")
        for p in sorted((outdir / sub).glob("*"))
    }


def test_ray_and_local_write_the_same_bytes(tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="ray is an optional extra: pip install 'thresher[ray]'")
    from thresher.executors.ray import RayExecutor

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample_path(), folder / "a.warc.gz")
    shutil.copy(sample_path(), folder / "b.warc.gz")
    spec = default_pipeline()
    run_pipeline([folder], tmp_path / "local", spec, workers=1)
    executor = RayExecutor(num_cpus=2)
    try:
        run_pipeline([folder], tmp_path / "ray", spec, executor=executor)
    finally:
        executor.shutdown()
    assert _tree(tmp_path / "ray") == _tree(tmp_path / "local")
