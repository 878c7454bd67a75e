"""What the report shows beyond the manifest's counts, gathered while the run goes.

Each task records, for every record whose fate it decides (kept in the last phase,
or dropped by a step or the reader), a few numbers in a :class:`Profile`:

* the language mix and a histogram of text lengths, per outcome (``kept`` or the
  step that dropped it);
* per host: records, kept, drops by ``step:reason`` (the hosts with the most records;
  the rest are summed in one row, so that the rows add up to the run's records);
* dedup cluster sizes: how many copies each dedup step dropped, by the size of the
  cluster they belonged to (``n`` copies of size ``s`` are ``n / (s - 1)`` clusters);
* a deterministic sample of documents per ``step:reason`` (and of kept ones): the
  ``SAMPLES_PER_KEY`` with the smallest hash of their id, which is the same whatever
  the worker count or the order the tasks finish in, and merges exactly.

A task writes its profile next to its marker (before it), and the run folds them as
phases end (:mod:`thresher.run.phases`), so ``thresher report`` never re-reads the data.

>>> p = Profile()
>>> from thresher.document import Document, Provenance
>>> p.add_kept(Document(id="a", provenance=Provenance("x"), url="https://a.org/1", text="hi"))
>>> p.hosts["a.org"].records, p.lengths["kept"][length_bin(2)], p.samples["kept"][0].id
(1, 1, 'a')
"""

from __future__ import annotations

import bisect
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import xxhash

from thresher.dedup.normalize import url_host
from thresher.document import Document
from thresher.drop import Drop

__all__ = [
    "HOSTS_PER_TASK",
    "KEPT",
    "LENGTH_EDGES",
    "NO_HOST",
    "OTHER_HOSTS",
    "SAMPLES_PER_KEY",
    "HostCounts",
    "Profile",
    "Sample",
    "dumps_profile",
    "length_bin",
    "loads_profile",
]

KEPT: Final = "kept"
"""The outcome (and sample key) of documents that reach the output."""
NO_HOST: Final = "(no url)"
OTHER_HOSTS: Final = "(other hosts)"
LENGTH_EDGES: Final = (0, 1, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000)
"""Lower edges of the text-length bins, in characters (the last bin is open)."""
SAMPLES_PER_KEY: Final = 3
HOSTS_PER_TASK: Final = 200
"""Hosts a task keeps by name (the others go to one row); the run keeps ``HOSTS_KEPT``."""
HOSTS_KEPT: Final = 2_000
EXCERPT_CHARS: Final = 1_500
EDIT_LINES: Final = 12
EDIT_CHARS: Final = 300


def length_bin(chars: int) -> int:
    """The index of the length bin of a text of ``chars`` characters."""
    return bisect.bisect_right(LENGTH_EDGES, chars) - 1


def _rank(doc_id: str) -> int:
    return xxhash.xxh3_64_intdigest(doc_id.encode("utf-8", "surrogatepass"), seed=13)


@dataclass(frozen=True)
class Sample:
    """One sampled document: enough to see why it was dropped (or what was kept)."""

    rank: int
    id: str
    url: str
    source: str
    detail: str
    value: float | None
    threshold: float | None
    text: str
    """The first :data:`EXCERPT_CHARS` characters of the text the deciding step saw."""
    chars: int
    language: str
    edits: tuple[tuple[str, str, str], ...] = ()
    """Lines cleaners removed before the decision: ``(step, rule, line)``."""

    @classmethod
    def of(cls, doc: Document, drop: Drop | None, rank: int | None = None) -> Sample:
        edits = tuple((e.step, e.rule, e.line[:EDIT_CHARS]) for e in doc.edits[:EDIT_LINES])
        return cls(
            _rank(doc.id) if rank is None else rank, doc.id, doc.url or "", doc.provenance.source,
            drop.detail if drop else "", drop.value if drop else None,
            drop.threshold if drop else None, doc.text[:EXCERPT_CHARS], len(doc.text),
            doc.language or "", edits,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "rank": self.rank, "id": self.id, "url": self.url, "source": self.source,
            "detail": self.detail, "value": self.value, "threshold": self.threshold,
            "text": self.text, "chars": self.chars, "language": self.language,
            "edits": [list(e) for e in self.edits],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Sample:
        fields = dict(data)
        fields["edits"] = tuple(tuple(e) for e in data.get("edits", ()))
        return cls(**fields)


@dataclass
class HostCounts:
    """What became of one host's records."""

    records: int = 0
    kept: int = 0
    drops: Counter[str] = field(default_factory=Counter)

    def add(self, other: HostCounts) -> None:
        self.records += other.records
        self.kept += other.kept
        self.drops.update(other.drops)

    def to_json(self) -> dict[str, Any]:
        drops = dict(sorted(self.drops.items()))
        return {"records": self.records, "kept": self.kept, "drops": drops}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> HostCounts:
        return cls(data["records"], data["kept"], Counter(data.get("drops", {})))


@dataclass
class Profile:
    """Languages, lengths, hosts, duplicate clusters and samples of the records decided."""

    languages: dict[str, Counter[str]] = field(default_factory=dict)
    """Outcome (``kept`` or the dropping step) -> language ("" when none) -> records."""
    lengths: dict[str, list[int]] = field(default_factory=dict)
    """Outcome -> records per length bin (:data:`LENGTH_EDGES`)."""
    hosts: dict[str, HostCounts] = field(default_factory=dict)
    other_hosts: HostCounts = field(default_factory=HostCounts)
    """The records of hosts not kept by name (see :data:`HOSTS_PER_TASK`)."""
    duplicates: dict[str, Counter[int]] = field(default_factory=dict)
    """Dedup step -> cluster size -> copies dropped (or flagged)."""
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    """``kept`` or ``step:reason`` -> the sampled documents, by rank."""

    # -- recording -------------------------------------------------------------------------------

    def add_kept(self, doc: Document) -> None:
        """A document written to the output (flags of annotate-only runs are sampled too)."""
        self._outcome(KEPT, doc)
        self._host(doc).kept += 1
        rank = _rank(doc.id)
        self._consider(KEPT, rank, doc, None)
        for flag in doc.metadata.get("flags", ()):
            if isinstance(flag, Mapping):
                drop = Drop(str(flag.get("reason")), str(flag.get("detail") or ""),
                            flag.get("value"), flag.get("threshold"), {}, str(flag.get("step")))
                self._duplicate(drop, flag.get("data"))
                self._consider(f"{drop.step}:{drop.reason}", rank, doc, drop)

    def add_dropped(self, doc: Document, drop: Drop) -> None:
        """A record dropped by ``drop.step``; ``doc`` is what that step saw."""
        self._outcome(drop.step, doc)
        self._host(doc).drops[f"{drop.step}:{drop.reason}"] += 1
        self._duplicate(drop, drop.data)
        self._consider(f"{drop.step}:{drop.reason}", _rank(doc.id), doc, drop)

    def _outcome(self, outcome: str, doc: Document) -> None:
        self.languages.setdefault(outcome, Counter())[doc.language or ""] += 1
        bins = self.lengths.setdefault(outcome, [0] * len(LENGTH_EDGES))
        bins[length_bin(len(doc.text))] += 1

    def _host(self, doc: Document) -> HostCounts:
        host = url_host(doc.url) or NO_HOST
        counts = self.hosts.get(host)
        if counts is None:
            counts = self.hosts[host] = HostCounts()
        counts.records += 1
        return counts

    def _duplicate(self, drop: Drop, data: object) -> None:
        size = data.get("cluster_size") if isinstance(data, Mapping) else None
        if isinstance(size, int) and size > 1:
            self.duplicates.setdefault(drop.step, Counter())[size] += 1

    def _consider(self, key: str, rank: int, doc: Document, drop: Drop | None) -> None:
        """Sample ``doc`` under ``key`` if its rank is among the smallest (built only then)."""
        chosen = self.samples.get(key)
        if chosen and len(chosen) >= SAMPLES_PER_KEY and (rank, doc.id) >= (
            chosen[-1].rank, chosen[-1].id
        ):
            return
        self._offer(key, Sample.of(doc, drop, rank))

    def _offer(self, key: str, sample: Sample) -> None:
        chosen = self.samples.setdefault(key, [])
        if len(chosen) >= SAMPLES_PER_KEY and (sample.rank, sample.id) >= (
            chosen[-1].rank, chosen[-1].id
        ):
            return
        chosen.append(sample)
        chosen.sort(key=lambda s: (s.rank, s.id))
        del chosen[SAMPLES_PER_KEY:]

    # -- merging ---------------------------------------------------------------------------------

    def merge(self, other: Profile) -> None:
        """Add ``other`` into this one (the host rows are capped at :data:`HOSTS_KEPT`)."""
        for outcome, langs in other.languages.items():
            self.languages.setdefault(outcome, Counter()).update(langs)
        for outcome, bins in other.lengths.items():
            mine = self.lengths.setdefault(outcome, [0] * len(LENGTH_EDGES))
            for i, n in enumerate(bins):
                mine[i] += n
        for host, counts in other.hosts.items():
            self.hosts.setdefault(host, HostCounts()).add(counts)
        self.other_hosts.add(other.other_hosts)
        for step, sizes in other.duplicates.items():
            self.duplicates.setdefault(step, Counter()).update(sizes)
        for key, samples in other.samples.items():
            for sample in samples:
                self._offer(key, sample)
        if len(self.hosts) > 2 * HOSTS_KEPT:
            self.cap_hosts(HOSTS_KEPT)

    def cap_hosts(self, keep: int) -> None:
        """Keep the ``keep`` hosts with the most records by name; sum the others in one row."""
        if len(self.hosts) <= keep:
            return
        ranked = sorted(self.hosts.items(), key=lambda kv: (-kv[1].records, kv[0]))
        for _, counts in ranked[keep:]:
            self.other_hosts.add(counts)
        self.hosts = dict(ranked[:keep])

    # -- JSON ------------------------------------------------------------------------------------

    def to_json(self, hosts: int = HOSTS_KEPT) -> dict[str, Any]:
        """A JSON-able dict with sorted keys; at most ``hosts`` host rows."""
        self.cap_hosts(hosts)
        return {
            "languages": {o: dict(sorted(c.items())) for o, c in sorted(self.languages.items())},
            "length_edges": list(LENGTH_EDGES),
            "lengths": dict(sorted(self.lengths.items())),
            "hosts": {h: c.to_json() for h, c in sorted(self.hosts.items())},
            "other_hosts": self.other_hosts.to_json(),
            "duplicates": {
                step: {str(size): n for size, n in sorted(sizes.items())}
                for step, sizes in sorted(self.duplicates.items())
            },
        }

    def samples_json(self) -> dict[str, list[dict[str, Any]]]:
        """The samples, by key (kept apart from the counts: the manifest holds no text)."""
        return {k: [s.to_json() for s in v] for k, v in sorted(self.samples.items())}

    @classmethod
    def from_json(
        cls, counts: Mapping[str, Any], samples: Mapping[str, Iterable[Mapping[str, Any]]] = {}
    ) -> Profile:
        """Inverse of :meth:`to_json` and :meth:`samples_json`."""
        if list(counts.get("length_edges", LENGTH_EDGES)) != list(LENGTH_EDGES):
            raise ValueError("profile written with other length bins")
        return cls(
            languages={o: Counter(c) for o, c in counts.get("languages", {}).items()},
            lengths={o: list(b) for o, b in counts.get("lengths", {}).items()},
            hosts={h: HostCounts.from_json(c) for h, c in counts.get("hosts", {}).items()},
            other_hosts=HostCounts.from_json(
                counts.get("other_hosts", {"records": 0, "kept": 0})
            ),
            duplicates={
                s: Counter({int(k): n for k, n in c.items()})
                for s, c in counts.get("duplicates", {}).items()
            },
            samples={k: [Sample.from_json(s) for s in v] for k, v in samples.items()},
        )


def dumps_profile(profile: Profile, hosts: int = HOSTS_KEPT) -> bytes:
    """A profile and its samples as one JSON file (a task's, a phase's)."""
    data = {"counts": profile.to_json(hosts), "samples": profile.samples_json()}
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def loads_profile(blob: bytes) -> Profile:
    """Inverse of :func:`dumps_profile`."""
    data = json.loads(blob)
    return Profile.from_json(data["counts"], data.get("samples", {}))
