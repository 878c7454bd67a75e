"""Sharded union-find against an in-memory reference; LSH bucket pairs."""

from __future__ import annotations

import random

import numpy as np
import pytest

from thresher.dedup.lsh import bucket_pairs
from thresher.dedup.unionfind import components


def _reference(n: int, edges: list[tuple[int, int]]) -> list[int]:
    """Plain union-find, label = smallest member."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for u, v in edges:
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[max(ru, rv)] = min(ru, rv)
    return [find(x) for x in range(n)]


@pytest.mark.parametrize("seed", range(8))
def test_batches_in_any_order_match_reference(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randrange(2, 400)
    edges = [(rng.randrange(n), rng.randrange(n)) for _ in range(rng.randrange(0, 2 * n))]
    # long chains too, the worst case for label propagation
    start = rng.randrange(n)
    edges += [(x, x + 1) for x in range(start, min(n - 1, start + 50))]
    expected = _reference(n, edges)
    rng.shuffle(edges)
    cuts = sorted(rng.sample(range(len(edges) + 1), k=min(3, len(edges) + 1)))
    batches = [
        np.array(edges[a:b], dtype=np.int64).reshape(-1, 2)
        for a, b in zip([0, *cuts], [*cuts, len(edges)], strict=True)
    ]
    assert components(n, batches).tolist() == expected
    assert components(n, list(reversed(batches))).tolist() == expected


def test_bucket_pairs_link_each_bucket() -> None:
    keys = np.array([5, 9, 5, 5, 7, 9], dtype=np.uint64)
    docs = np.array([10, 3, 2, 7, 1, 4], dtype=np.int64)
    pairs = bucket_pairs(keys, docs).tolist()
    assert pairs == [[2, 7], [2, 10], [3, 4], [7, 10]]
    labels = components(11, [np.array(pairs, dtype=np.int64)])
    assert labels[10] == labels[7] == 2 and labels[4] == 3 and labels[1] == 1


def test_bucket_pairs_of_distinct_keys_is_empty() -> None:
    keys = np.arange(5, dtype=np.uint64)
    assert bucket_pairs(keys, np.arange(5, dtype=np.int64)).shape == (0, 2)
