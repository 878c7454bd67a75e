"""The dedup stages: exact text, URL, MinHash near-duplicates, cross-page boilerplate.

Each stage's ``analyze`` runs its tasks through the executor's runner (every task
resumable, see :mod:`thresher.dedup.tasks`), and its ``applier`` is a small step that
reads the decisions of one shard:

* ``exact_dedup`` drops ``exact_duplicate`` (same normalized text);
* ``url_dedup`` drops ``url_duplicate`` (same normalized URL);
* ``minhash_dedup`` drops ``near_duplicate`` and records on the survivor its cluster id
  (the survivor's id) and size in ``metadata["minhash_cluster_id"]`` and
  ``metadata["minhash_cluster_size"]``;
* ``boilerplate_lines`` removes line windows repeated over different pages of a host,
  recording each removed line in ``edits``; it never drops a page (one whose every line
  repeats is left whole, for dedup and the filters).

Duplicates are dropped with ``data={"duplicate_of": <kept id>, "cluster_size": n}``.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, ClassVar

from thresher.config import NoConfig, Range
from thresher.dedup import boilerplate as bp
from thresher.dedup.clusters import ClusterMembersTask, write_cluster_members
from thresher.dedup.exact import KeyFn, KeyTask, hash_shard, text_key
from thresher.dedup.groups import Decision, ResolveTask, load_decisions, resolve_partition
from thresher.dedup.keep import KeepRule
from thresher.dedup.lsh import BucketTask, SignTask, edges_path, find_edges, shard_sizes, sign_shard
from thresher.dedup.minhash import MinHashConfig
from thresher.dedup.normalize import url_host
from thresher.dedup.tasks import prepare_workdir, run_pending
from thresher.dedup.unionfind import ComponentsTask, find_components
from thresher.dedup.urls import url_key
from thresher.document import Document, Edit
from thresher.stage import Stage, TaskRunner
from thresher.step import Drop, Filter, Mapper, Step

__all__ = [
    "BoilerplateLinesStage",
    "ExactDedupStage",
    "MinHashDedupStage",
    "UrlDedupStage",
]


Partitions = Annotated[int, Range(1)]
"""Hash partitions of a stage's tasks (more: less memory per task; same result)."""
Fraction = Annotated[float, Range(0.0, 1.0)]


# -- group appliers -------------------------------------------------------------------------------


class _GroupApplier(Filter[NoConfig]):
    """Drops the non-survivors of the groups recorded for one shard.

    A filter, so that ``annotate_only`` runs flag duplicates instead of dropping them;
    it never touches the text (the MinHash applier only adds cluster metadata).
    """

    reason: ClassVar[str] = ""

    def __init__(self, workdir: Path, shard: int, parts: int) -> None:
        super().__init__()
        self._where = (workdir, shard, parts)
        self._decisions: dict[str, deque[Decision]] | None = None

    def setup(self) -> None:
        if self._decisions is None:
            self._decisions = load_decisions(*self._where)

    def _next(self, doc: Document) -> Decision | None:
        """The decision for ``doc`` (consumed: each call moves to the next same-id document)."""
        self.setup()
        assert self._decisions is not None
        queue = self._decisions.get(doc.id)
        return queue.popleft() if queue else None

    def _verdict(self, decision: Decision) -> Drop:
        return self.drop(
            self.reason,
            f"duplicate of {decision.keeper_id}",
            data={"duplicate_of": decision.keeper_id, "cluster_size": decision.size},
        )

    def _annotate(self, doc: Document, decision: Decision) -> Document:
        """What the survivor of a group records (nothing by default)."""
        return doc

    def check(self, doc: Document) -> Drop | None:
        decision = self._next(doc)
        return None if decision is None or decision.keep else self._verdict(decision)

    def process(self, doc: Document) -> Document | Drop:
        decision = self._next(doc)
        if decision is None:
            return doc
        return self._annotate(doc, decision) if decision.keep else self._verdict(decision)


class ExactDedupApplier(_GroupApplier):
    name = "exact_dedup"
    reasons = frozenset({"exact_duplicate"})
    reason = "exact_duplicate"


class UrlDedupApplier(_GroupApplier):
    name = "url_dedup"
    reasons = frozenset({"url_duplicate"})
    reason = "url_duplicate"


class MinHashDedupApplier(_GroupApplier):
    name = "minhash_dedup"
    reasons = frozenset({"near_duplicate"})
    reason = "near_duplicate"

    def _annotate(self, doc: Document, decision: Decision) -> Document:
        return doc.with_metadata(
            minhash_cluster_id=decision.keeper_id, minhash_cluster_size=decision.size
        )


def _resolve(runner: TaskRunner, workdir: Path, shards: int, parts: int, rule: KeepRule) -> None:
    tasks = [ResolveTask(workdir, part, parts, shards, rule) for part in range(parts)]
    run_pending(runner, resolve_partition, tasks)


def _key_analyze(
    stage: Stage[ExactDedupConfig] | Stage[UrlDedupConfig],
    key_fn: KeyFn,
    shards: Sequence[Path],
    workdir: Path,
    runner: TaskRunner,
) -> None:
    cfg = stage.config
    prepare_workdir(workdir, stage.name, dataclasses.asdict(cfg), shards)
    tasks = [KeyTask(workdir, i, Path(p), key_fn) for i, p in enumerate(shards)]
    run_pending(runner, hash_shard, tasks)
    _resolve(runner, workdir, len(shards), cfg.partitions, cfg.keep)


# -- exact and URL dedup --------------------------------------------------------------------------


@dataclass(frozen=True)
class ExactDedupConfig:
    """Parameters of exact-text deduplication."""

    keep: KeepRule = "earliest"
    """Which copy survives: ``earliest`` fetch date (then id), ``latest``, or ``first`` in input."""
    partitions: Partitions = 8
    """Hash partitions of the grouping tasks (more: less memory per task; same result)."""


class ExactDedupStage(Stage[ExactDedupConfig]):
    """Drop documents whose normalized text equals an earlier-kept one's."""

    name = "exact_dedup"
    Config = ExactDedupConfig
    reasons = ExactDedupApplier.reasons

    def analyze(self, shards: Sequence[Path], workdir: Path, runner: TaskRunner) -> None:
        _key_analyze(self, text_key, shards, workdir, runner)

    def applier(self, workdir: Path, shard: int) -> Step[Any]:
        return ExactDedupApplier(workdir, shard, self.config.partitions)


@dataclass(frozen=True)
class UrlDedupConfig:
    """Parameters of URL deduplication."""

    keep: KeepRule = "latest"
    """Which fetch of a URL survives; by default the most recent one (the page as it is now)."""
    partitions: Partitions = 8
    """Hash partitions of the grouping tasks (more: less memory per task; same result)."""


class UrlDedupStage(Stage[UrlDedupConfig]):
    """Drop repeated fetches of the same normalized URL."""

    name = "url_dedup"
    Config = UrlDedupConfig
    reasons = UrlDedupApplier.reasons

    def analyze(self, shards: Sequence[Path], workdir: Path, runner: TaskRunner) -> None:
        _key_analyze(self, url_key, shards, workdir, runner)

    def applier(self, workdir: Path, shard: int) -> Step[Any]:
        return UrlDedupApplier(workdir, shard, self.config.partitions)


# -- MinHash near-dedup ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MinHashDedupConfig:
    """Parameters of MinHash LSH near-deduplication (see :class:`MinHashConfig`)."""

    shingle_words: int = 5
    """Words per shingle."""
    num_perm: int = 256
    """Signature length: the first ``bands * rows`` positions feed the LSH buckets, all of
    them the confirmation (256 positions: standard error <= 0.031 on the similarity)."""
    bands: int = 14
    """LSH bands."""
    rows: int = 8
    """Signature positions per band."""
    seed: int = 1
    """Seed of the hash functions."""
    min_similarity: Fraction = 0.7
    """Estimated Jaccard a candidate pair needs to count as a duplicate (0: trust LSH)."""
    keep: KeepRule = "earliest"
    """Which member of a cluster survives."""
    partitions: Partitions = 4
    """Hash partitions per band and of the grouping tasks (more: less memory per task)."""

    def __post_init__(self) -> None:
        self.minhash  # noqa: B018 - validates the MinHash parameters

    @property
    def minhash(self) -> MinHashConfig:
        """The parameters of the signatures."""
        return MinHashConfig(self.shingle_words, self.num_perm, self.bands, self.rows, self.seed)


class MinHashDedupStage(Stage[MinHashDedupConfig]):
    """Signatures, band buckets, confirmed pairs, clusters, then one survivor per cluster."""

    name = "minhash_dedup"
    Config = MinHashDedupConfig
    reasons = MinHashDedupApplier.reasons

    def analyze(self, shards: Sequence[Path], workdir: Path, runner: TaskRunner) -> None:
        cfg = self.config
        prepare_workdir(workdir, self.name, dataclasses.asdict(cfg), shards)
        if not shards:
            return
        n = len(shards)
        run_pending(
            runner,
            sign_shard,
            [SignTask(workdir, i, Path(p), cfg.minhash) for i, p in enumerate(shards)],
        )
        sizes = shard_sizes(workdir, n).tolist()
        offsets = (0, *itertools.accumulate(sizes))
        buckets = [
            BucketTask(workdir, band, part, cfg.partitions, offsets, cfg.min_similarity)
            for band in range(cfg.bands)
            for part in range(cfg.partitions)
        ]
        run_pending(runner, find_edges, buckets)
        edge_files = tuple(edges_path(workdir, t.band, t.part) for t in buckets)
        run_pending(runner, find_components, [ComponentsTask(workdir, offsets[-1], edge_files)])
        members = [ClusterMembersTask(workdir, i, offsets[i], sizes[i]) for i in range(n)]
        run_pending(runner, write_cluster_members, members)
        _resolve(runner, workdir, n, cfg.partitions, cfg.keep)

    def applier(self, workdir: Path, shard: int) -> Step[Any]:
        return MinHashDedupApplier(workdir, shard, self.config.partitions)


# -- cross-page boilerplate -----------------------------------------------------------------------


@dataclass(frozen=True)
class BoilerplateLinesConfig:
    """Parameters of cross-page boilerplate removal (see :mod:`thresher.dedup.boilerplate`)."""

    window_lines: Annotated[int, Range(1)] = 3
    """Consecutive lines hashed together; 1 removes every repeated line (CCNet-like)."""
    min_pages: Annotated[int, Range(2)] = 3
    """A window is boilerplate on a host when at least this many of its pages have it (pages
    with the same content, such as the print and AMP copies of an article, count once)..."""
    min_page_fraction: Fraction = 0.0
    """...and at least this fraction of the host's pages (counted the same way)."""
    partitions: Partitions = 8
    """Host partitions of the counting tasks (more: less memory per task; same result)."""


class BoilerplateLinesApplier(Mapper[NoConfig]):
    """Removes the lines covered by boilerplate windows of the page's host.

    It never drops a document (so ``annotate_only`` runs keep every one, as for the
    other stages): a page that would lose every line is left whole.
    """

    name = "boilerplate_lines"
    reasons: ClassVar[frozenset[str]] = frozenset()
    RULE: ClassVar[str] = "repeated_on_host"

    def __init__(self, workdir: Path, config: BoilerplateLinesConfig) -> None:
        super().__init__()
        self._workdir = workdir
        self._cfg = config
        self._bad: frozenset[int] | None = None

    def setup(self) -> None:
        if self._bad is None:
            self._bad = bp.load_boilerplate(self._workdir, self._cfg.partitions)

    def map(self, doc: Document) -> Document | Drop:
        self.setup()
        assert self._bad is not None
        host = url_host(doc.url)
        if host is None or not self._bad:
            return doc
        numbered = bp.content_lines(doc.text)
        lines = [line for _, line in numbered]
        keys = bp.window_keys(host, lines, self._cfg.window_lines)
        hit = bp.boilerplate_line_numbers(keys, len(lines), self._cfg.window_lines, self._bad)
        if not hit:
            return doc
        if len(hit) == len(lines):
            # Every line repeats on the host: a copy of other pages (dedup keeps one) or a
            # page of chrome (the filters judge it), not this stage's to delete.
            return doc
        raw = doc.text.split("\n")
        drop = {numbered[i][0] for i in hit}
        edits = tuple(Edit(self.name, self.RULE, raw[n]) for n in sorted(drop))
        return doc.evolve(text=bp.strip_lines(doc.text, drop), edits=doc.edits + edits)


class BoilerplateLinesStage(Stage[BoilerplateLinesConfig]):
    """Remove lines that repeat, in context, over many pages of the same host."""

    name = "boilerplate_lines"
    Config = BoilerplateLinesConfig
    reasons = BoilerplateLinesApplier.reasons

    def analyze(self, shards: Sequence[Path], workdir: Path, runner: TaskRunner) -> None:
        cfg = self.config
        prepare_workdir(workdir, self.name, dataclasses.asdict(cfg), shards)
        windows = [
            bp.WindowTask(workdir, i, Path(p), cfg.window_lines) for i, p in enumerate(shards)
        ]
        run_pending(runner, bp.write_windows, windows)
        counts = [
            bp.CountTask(
                workdir, part, cfg.partitions, len(shards), cfg.min_pages, cfg.min_page_fraction
            )
            for part in range(cfg.partitions)
        ]
        run_pending(runner, bp.count_windows, counts)

    def applier(self, workdir: Path, shard: int) -> Step[Any]:
        return BoilerplateLinesApplier(workdir, self.config)
