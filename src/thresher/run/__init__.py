"""The run's machinery: output layout, atomic commits, the lock, phases, manifest, progress.

:func:`run_pipeline` runs a pipeline over input files into an output directory::

    from thresher import default_pipeline, run_pipeline
    result = run_pipeline(["crawl.warc.gz"], "out/", default_pipeline(), workers=2)

The modules, each owning one thing:

* :mod:`~thresher.run.layout`: what lives where in an output directory (keys);
* :mod:`~thresher.run.commit`: the one atomic-commit-and-marker helper
  (:class:`~thresher.run.commit.Store`), used by the run, the stages and the writers;
* :mod:`~thresher.run.lock`: one run at a time per output directory;
* :mod:`~thresher.run.outdir`: opening an output directory (create, lock, check, clean);
* :mod:`~thresher.run.inputs`: input files and their spelling-independent names;
* :mod:`~thresher.run.phases`: one phase over one shard as a resumable task, and the
  sequence of phases and stages;
* :mod:`~thresher.run.documents`: the per-document loop (steps, drops, flags, counts);
* :mod:`~thresher.run.stats`: :class:`~thresher.run.stats.ShardStats`, counts per task;
* :mod:`~thresher.run.profile`: what the report needs beyond the counts (languages,
  lengths, hosts, duplicate clusters, sampled documents), gathered per task;
* :mod:`~thresher.run.manifest`: ``manifest.json``;
* :mod:`~thresher.run.progress`: progress on stderr (a live line, or log lines);
* :mod:`~thresher.run.attempts`: the wall time of each attempt of a run;
* :mod:`~thresher.run.runner`: :func:`run_pipeline` itself.

Attributes are imported on first use (the writers import :mod:`.commit`, and the
runner imports the writers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from thresher.run.errors import RunError, RunLocked
    from thresher.run.runner import RunResult, run_pipeline

__all__ = ["RunError", "RunLocked", "RunResult", "run_pipeline"]


def __getattr__(name: str) -> Any:
    if name in ("RunResult", "run_pipeline"):
        from thresher.run import runner

        return getattr(runner, name)
    if name in ("RunError", "RunLocked"):
        from thresher.run import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'thresher.run' has no attribute {name!r}")
