"""Connected components of the near-duplicate graph, edge file by edge file.

The only corpus-wide state is one ``int64`` parent per document (8 bytes a document:
8 MB for a million): no text and no signature is ever held for the whole corpus. Edge
files (``int64[k, 2]``) are merged one at a time with vectorized union-find: every
pair whose roots differ hooks the larger root under the smaller one, until no pair
is left; parents only ever point to smaller numbers, so each component's root, its
label, is its smallest document number, whatever the order of the edges.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from thresher.dedup.tasks import atomic_save_npy, mark_done

__all__ = ["ComponentsTask", "components", "find_components", "roots", "union_edges"]

I64 = npt.NDArray[np.int64]


def roots(parent: I64, nodes: I64) -> I64:
    """The root of each node (pointer jumping, without modifying ``parent``)."""
    current = parent[nodes]
    while True:
        nxt = parent[current]
        if np.array_equal(nxt, current):
            return current
        current = nxt


def union_edges(parent: I64, edges: I64) -> None:
    """Merge the components joined by ``edges`` (``[k, 2]``) into ``parent`` in place."""
    left, right = edges[:, 0], edges[:, 1]
    while left.size:
        a, b = roots(parent, left), roots(parent, right)
        differ = a != b
        a, b = a[differ], b[differ]
        left, right = left[differ], right[differ]
        np.minimum.at(parent, np.maximum(a, b), np.minimum(a, b))
    _compress(parent)


def _compress(parent: I64) -> None:
    """Point every node straight at its root."""
    while True:
        grand = parent[parent]
        if np.array_equal(grand, parent):
            return
        parent[:] = grand


def components(n: int, edge_batches: Iterable[I64]) -> I64:
    """Component labels (smallest member) of ``n`` nodes joined by the edge batches."""
    parent = np.arange(n, dtype=np.int64)
    for edges in edge_batches:
        if edges.size:
            union_edges(parent, edges)
    return parent


@dataclass(frozen=True)
class ComponentsTask:
    """Label every document with its near-duplicate cluster."""

    workdir: Path
    total: int
    edge_files: tuple[Path, ...]

    @property
    def marker(self) -> Path:
        return self.workdir / "components.done"


def labels_path(workdir: Path) -> Path:
    return workdir / "labels.npy"


def sizes_path(workdir: Path) -> Path:
    return workdir / "sizes.npy"


def find_components(task: ComponentsTask) -> None:
    """Write ``labels.npy`` (cluster label of each document) and ``sizes.npy`` (by label)."""
    labels = components(task.total, (np.load(path) for path in task.edge_files))
    atomic_save_npy(labels_path(task.workdir), labels)
    atomic_save_npy(
        sizes_path(task.workdir), np.bincount(labels, minlength=task.total).astype(np.int64)
    )
    mark_done(task)
