"""The minhash_dedup stage: clusters, keep rule, annotations, determinism, resume."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from test_dedup_support import (
    FailingRunner,
    Killed,
    SerialRunner,
    edit_words,
    kept_ids,
    make_doc,
    random_text,
    run_stage,
    write_shards,
)

from thresher.document import Document
from thresher.executors.local import LocalExecutor
from thresher.registry import get_stage
from thresher.step import ConfigError, Drop, build_config


def _corpus() -> list[list[Document]]:
    """Three shards: 6 originals each with near copies spread over shards, plus singletons."""
    rng = random.Random(7)
    shards: list[list[Document]] = [[], [], []]
    for k in range(6):
        base = random_text(rng, 300)
        shards[k % 3].append(make_doc(f"orig{k}", base, fetch_date=f"2024-01-0{k + 2}T00:00:00Z"))
        near = edit_words(rng, base, 0.02)
        shards[(k + 1) % 3].append(make_doc(f"near{k}", near, fetch_date="2024-01-01T00:00:00Z"))
        far = edit_words(rng, base, 0.5)
        shards[(k + 2) % 3].append(make_doc(f"far{k}", far, fetch_date="2023-01-01T00:00:00Z"))
    for k in range(9):
        shards[k % 3].append(make_doc(f"solo{k}", random_text(rng, 200)))
    shards[0].append(make_doc("empty", "  ...  "))
    shards[1].append(make_doc("empty2", ""))
    return shards


def _stage(**params: object):  # type: ignore[no-untyped-def]
    cls = get_stage("minhash_dedup")
    assert cls is not None
    return cls(build_config(cls.Config, cls.name, params))


def test_near_copies_cluster_and_earliest_survives(tmp_path: Path) -> None:
    paths = write_shards(tmp_path / "in", _corpus())
    out = run_stage(_stage(), paths, tmp_path / "work", SerialRunner())
    drops = {d.data["duplicate_of"] for shard in out for d in shard if isinstance(d, Drop)}
    assert all(
        isinstance(d, Drop) and d.reason == "near_duplicate"
        for s in out
        for d in s
        if not isinstance(d, Document)
    )
    kept = set(kept_ids(out))
    # the 2 % copy is dated earlier than its original: it survives, the original goes
    for k in range(6):
        assert f"near{k}" in kept and f"orig{k}" not in kept
        assert f"far{k}" in kept  # 50 % edited: Jaccard far below the threshold
    assert drops == {f"near{k}" for k in range(6)}
    assert {f"solo{k}" for k in range(9)} | {"empty", "empty2"} <= kept


def test_survivor_records_cluster_id_and_size(tmp_path: Path) -> None:
    paths = write_shards(tmp_path / "in", _corpus())
    out = run_stage(_stage(), paths, tmp_path / "work", SerialRunner())
    docs = {o.id: o for s in out for o in s if isinstance(o, Document)}
    assert docs["near0"].metadata["minhash_cluster_id"] == "near0"
    assert docs["near0"].metadata["minhash_cluster_size"] == 2
    assert "minhash_cluster_id" not in docs["solo0"].metadata
    dropped = [o for s in out for o in s if isinstance(o, Drop)]
    assert all(d.data["cluster_size"] == 2 for d in dropped)


def test_keep_first_keeps_input_order(tmp_path: Path) -> None:
    paths = write_shards(tmp_path / "in", _corpus())
    out = run_stage(_stage(keep="first"), paths, tmp_path / "work", SerialRunner())
    kept = set(kept_ids(out))
    # orig k sits in shard k % 3 and near k in shard (k + 1) % 3: the lower shard survives
    for k in range(6):
        first = f"orig{k}" if k % 3 < (k + 1) % 3 else f"near{k}"
        other = f"near{k}" if first.startswith("orig") else f"orig{k}"
        assert first in kept and other not in kept


def test_confirmation_threshold_decides_which_candidates_merge(tmp_path: Path) -> None:
    rng = random.Random(3)
    base = random_text(rng, 400)
    docs = [make_doc("a", base), make_doc("b", edit_words(rng, base, 0.01))]
    paths = write_shards(tmp_path / "in", [docs])
    strict = run_stage(_stage(min_similarity=0.99), paths, tmp_path / "w1", SerialRunner())
    loose = run_stage(_stage(min_similarity=0.0), paths, tmp_path / "w2", SerialRunner())
    assert kept_ids(strict) == ["a", "b"]
    assert kept_ids(loose) == ["a"]


def test_same_result_for_any_worker_count_and_partitions(tmp_path: Path) -> None:
    paths = write_shards(tmp_path / "in", _corpus())
    one = run_stage(_stage(), paths, tmp_path / "w1", SerialRunner())
    two = run_stage(_stage(partitions=3), paths, tmp_path / "w2", LocalExecutor(workers=2))
    assert one == two


@pytest.mark.parametrize("budget", [1, 3, 4, 40, 59, 61, 63, 65])
def test_resume_after_kill_gives_same_result(tmp_path: Path, budget: int) -> None:
    """3 sign, 14 x 4 bucket, 1 cluster, 3 member, 4 resolve tasks: a kill in each phase."""
    paths = write_shards(tmp_path / "in", _corpus())
    reference = run_stage(_stage(), paths, tmp_path / "ref", SerialRunner())
    with pytest.raises(Killed):
        _stage().analyze(paths, tmp_path / "work", FailingRunner(budget))
    assert run_stage(_stage(), paths, tmp_path / "work", SerialRunner()) == reference


def test_changed_input_discards_old_work(tmp_path: Path) -> None:
    shards = _corpus()
    paths = write_shards(tmp_path / "in", shards)
    run_stage(_stage(), paths, tmp_path / "work", SerialRunner())
    paths = write_shards(tmp_path / "in", [shards[0][:2], shards[1], shards[2]])
    assert run_stage(_stage(), paths, tmp_path / "work", SerialRunner()) == run_stage(
        _stage(), paths, tmp_path / "fresh", SerialRunner()
    )


def test_bad_parameters_are_config_errors() -> None:
    cls = get_stage("minhash_dedup")
    assert cls is not None
    with pytest.raises(ConfigError):
        build_config(cls.Config, cls.name, {"bands": 40, "rows": 8})
    with pytest.raises(ConfigError):
        build_config(cls.Config, cls.name, {"min_similarity": 1.5})


def test_empty_shard_between_others(tmp_path: Path) -> None:
    shards = _corpus()
    paths = write_shards(tmp_path / "in", [shards[0], [], shards[1] + shards[2]])
    out = run_stage(_stage(), paths, tmp_path / "work", SerialRunner())
    assert out[1] == []
    assert {d.data["duplicate_of"] for s in out for d in s if isinstance(d, Drop)} == {
        f"near{k}" for k in range(6)
    }
