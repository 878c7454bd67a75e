"""The report a user reads: ``report.html`` in a run's output directory.

A run writes it at its end; ``thresher report OUT`` (:func:`write_report`) writes it
again from the run's ``manifest.json`` and ``samples.json`` alone, without reading the
data: every figure comes from the counts and the profile the run gathered
(:mod:`thresher.run.profile`).

The modules: :mod:`~thresher.report.model` (the figures, from the manifest),
:mod:`~thresher.report.svg` (charts as inline SVG) and :mod:`~thresher.report.page`
(the self-contained HTML page).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from thresher.report.page import render_page
from thresher.run import layout
from thresher.run.commit import LocalStore

__all__ = ["ReportError", "build_report", "write_report"]


class ReportError(RuntimeError):
    """The output directory holds no finished run to report on."""


def _load(store: LocalStore, key: str) -> Any:
    return json.loads(store.get(key))


def build_report(outdir: Path) -> str:
    """The report page of the finished run in ``outdir``, as HTML text."""
    store = LocalStore(Path(outdir))
    if not store.exists(layout.MANIFEST):
        raise ReportError(f"{outdir} holds no manifest.json: is it the output of a finished run?")
    try:
        manifest = _load(store, layout.MANIFEST)
        samples = _load(store, layout.SAMPLES) if store.exists(layout.SAMPLES) else {}
    except ValueError as exc:
        raise ReportError(f"{outdir}: cannot read the run's files: {exc}") from None
    if "accounting" not in manifest or "counts" not in manifest:
        raise ReportError(f"{outdir}/manifest.json is not a thresher run manifest")
    return render_page(manifest, samples, Path(outdir).resolve().name)


def write_report(outdir: Path) -> Path:
    """Write ``report.html`` into ``outdir`` (atomically) and return its path."""
    page = build_report(outdir)
    store = LocalStore(Path(outdir))
    store.put(layout.REPORT, page.encode("utf-8"))
    return store.path(layout.REPORT)
