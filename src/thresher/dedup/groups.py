"""Duplicate groups to per-document decisions: who is kept, who duplicates whom.

The three dedup stages reduce to one question: documents carry a group key (a hash
of their normalized text, of their normalized URL, or their MinHash cluster); in
each group of two or more, which one survives?

Each shard contributes a *members* file (:func:`save_members`) with, for each of its
documents that belongs to a group: the 128-bit group key, the position in the shard,
the fetch-date key and the id. Groups are split into ``parts`` partitions by key, and
one task per partition (:func:`resolve_partition`) reads only its groups' members from
every shard, orders each group by the keep rule and writes, per shard, the decisions
for the members of that shard. The applier of a shard reads its decisions back with
:func:`load_decisions`. No task holds more than one partition of the group members.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from thresher.dedup.keep import KeepRule, keep_order
from thresher.dedup.tasks import atomic_save_npz, mark_done

__all__ = [
    "Decision",
    "Members",
    "ResolveTask",
    "load_decisions",
    "load_members",
    "resolve_partition",
    "save_members",
]

I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]


@dataclass(frozen=True)
class Members:
    """Group members of one shard (parallel arrays)."""

    key_hi: U64
    key_lo: U64
    pos: I64
    date: I64
    ids: npt.NDArray[np.str_]

    def take(self, mask: npt.NDArray[np.bool_] | npt.NDArray[np.intp]) -> Members:
        """The members selected by a boolean mask or an index array."""
        return Members(
            self.key_hi[mask], self.key_lo[mask], self.pos[mask], self.date[mask], self.ids[mask]
        )


@dataclass(frozen=True)
class Decision:
    """What happens to one document of a group of ``size`` documents."""

    keep: bool
    size: int
    keeper_id: str


def _str_array(values: Sequence[str]) -> npt.NDArray[np.str_]:
    return np.array(values, dtype=str) if len(values) else np.empty(0, dtype="U1")


def members_path(workdir: Path, shard: int) -> Path:
    return workdir / "members" / f"{shard:05d}.npz"


def save_members(
    workdir: Path,
    shard: int,
    key_hi: Sequence[int] | U64,
    key_lo: Sequence[int] | U64,
    pos: Sequence[int] | I64,
    date: Sequence[int] | I64,
    ids: Sequence[str],
) -> None:
    """Write the members file of ``shard`` (atomically)."""
    atomic_save_npz(
        members_path(workdir, shard),
        {
            "key_hi": np.asarray(key_hi, dtype=np.uint64),
            "key_lo": np.asarray(key_lo, dtype=np.uint64),
            "pos": np.asarray(pos, dtype=np.int64),
            "date": np.asarray(date, dtype=np.int64),
            "ids": _str_array(ids),
        },
    )


def load_members(workdir: Path, shard: int) -> Members:
    """Read the members file of ``shard``."""
    with np.load(members_path(workdir, shard), allow_pickle=False) as z:
        return Members(z["key_hi"], z["key_lo"], z["pos"], z["date"], z["ids"])


@dataclass(frozen=True)
class ResolveTask:
    """Decide the groups whose key falls in partition ``part`` of ``parts``."""

    workdir: Path
    part: int
    parts: int
    shards: int
    rule: KeepRule

    @property
    def marker(self) -> Path:
        return self.workdir / "decisions" / f"part-{self.part:03d}.done"


def _decisions_path(workdir: Path, shard: int, part: int) -> Path:
    return workdir / "decisions" / f"{shard:05d}" / f"{part:03d}.npz"


def _collect(task: ResolveTask) -> tuple[Members, I64]:
    """The members of this partition from every shard, and the shard of each."""
    chunks: list[Members] = []
    shard_of: list[I64] = []
    for shard in range(task.shards):
        m = load_members(task.workdir, shard)
        sel = m.take((m.key_lo % np.uint64(task.parts)) == np.uint64(task.part))
        chunks.append(sel)
        shard_of.append(np.full(sel.pos.size, shard, dtype=np.int64))
    if not chunks:
        empty = Members(
            *(np.empty(0, np.uint64),) * 2, *(np.empty(0, np.int64),) * 2, _str_array([])
        )
        return empty, np.empty(0, np.int64)
    joined = Members(
        np.concatenate([c.key_hi for c in chunks]),
        np.concatenate([c.key_lo for c in chunks]),
        np.concatenate([c.pos for c in chunks]),
        np.concatenate([c.date for c in chunks]),
        np.concatenate([c.ids for c in chunks]) if chunks else _str_array([]),
    )
    return joined, np.concatenate(shard_of)


def resolve_partition(task: ResolveTask) -> None:
    """Order each group of the partition by the keep rule; write per-shard decisions."""
    m, shard = _collect(task)
    rank = np.empty(m.pos.size, dtype=np.int64)
    rank[keep_order(task.rule, m.date, m.ids, shard, m.pos)] = np.arange(m.pos.size)
    order = np.lexsort((rank, m.key_lo, m.key_hi))
    hi, lo = m.key_hi[order], m.key_lo[order]
    new_group = np.ones(order.size, dtype=bool)
    new_group[1:] = (hi[1:] != hi[:-1]) | (lo[1:] != lo[:-1])
    starts = np.flatnonzero(new_group)
    sizes = np.diff(np.append(starts, order.size))
    group_of = np.cumsum(new_group) - 1
    size = sizes[group_of]
    keeper = order[starts][group_of]
    in_group = size > 1
    sorted_shard = shard[order]
    for s in range(task.shards):
        sel = in_group & (sorted_shard == s)
        members = order[sel]
        atomic_save_npz(
            _decisions_path(task.workdir, s, task.part),
            {
                "pos": m.pos[members],
                "ids": m.ids[members] if members.size else _str_array([]),
                "keep": new_group[sel],
                "size": size[sel].astype(np.int64),
                "keeper_id": m.ids[keeper[sel]] if members.size else _str_array([]),
            },
        )
    mark_done(task)


def load_decisions(workdir: Path, shard: int, parts: int) -> dict[str, deque[Decision]]:
    """Decisions for the grouped documents of ``shard``, by document id.

    Several documents of a shard may share an id; their decisions are queued in
    position order, so the applier, which sees the shard in order, pops them in turn.
    """
    rows: list[tuple[int, str, Decision]] = []
    for part in range(parts):
        path = _decisions_path(workdir, shard, part)
        if not path.exists():
            continue
        with np.load(path, allow_pickle=False) as z:
            for pos, doc_id, keep, size, keeper_id in zip(
                z["pos"].tolist(),
                z["ids"].tolist(),
                z["keep"].tolist(),
                z["size"].tolist(),
                z["keeper_id"].tolist(),
                strict=True,
            ):
                rows.append((pos, doc_id, Decision(keep, size, keeper_id)))
    rows.sort(key=lambda row: row[0])
    out: dict[str, deque[Decision]] = {}
    for _, doc_id, decision in rows:
        out.setdefault(doc_id, deque()).append(decision)
    return out
