"""From cluster labels to group members: the documents of clusters of two or more.

After :mod:`thresher.dedup.unionfind` has labelled every document, one task per shard
writes the shard's clustered documents as group members (key = cluster label), so that
:mod:`thresher.dedup.groups` picks each cluster's survivor exactly as for exact dedup.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from thresher.dedup.groups import save_members
from thresher.dedup.lsh import keys_path
from thresher.dedup.tasks import mark_done
from thresher.dedup.unionfind import labels_path, sizes_path

__all__ = ["ClusterMembersTask", "write_cluster_members"]


@dataclass(frozen=True)
class ClusterMembersTask:
    """Write the group members of one shard from the cluster labels."""

    workdir: Path
    shard: int
    offset: int
    count: int

    @property
    def marker(self) -> Path:
        return self.workdir / "members" / f"{self.shard:05d}.done"


def write_cluster_members(task: ClusterMembersTask) -> None:
    """Members of ``shard``: its documents whose cluster has more than one document."""
    labels = np.load(labels_path(task.workdir), mmap_mode="r")[
        task.offset : task.offset + task.count
    ]
    sizes = np.load(sizes_path(task.workdir), mmap_mode="r")
    clustered = np.flatnonzero(sizes[labels] > 1)
    with np.load(keys_path(task.workdir, task.shard), allow_pickle=False) as z:
        dates, ids = z["date"], z["ids"]
    save_members(
        task.workdir,
        task.shard,
        np.zeros(clustered.size, dtype=np.uint64),
        np.asarray(labels[clustered], dtype=np.uint64),
        clustered,
        dates[clustered],
        ids[clustered].tolist(),
    )
    mark_done(task)
