"""The figures of the report, derived from a run's manifest (and nothing else).

Every number the page shows is computed here from ``manifest.json`` (its counts, the
per-phase counts, the profile gathered during the run, its timings), so the page and
the manifest cannot disagree, and ``thresher report`` never reads the data again.

>>> m = {"config": {"steps": [{"use": "extract"}]}, "accounting": {"records_in": 3,
...      "documents_out": 1, "rejected": 2}, "counts": {"drops": {"read:not_html": 1,
...      "extract:no_content": 1}, "step_in": {"extract": 2}, "flags": {}}}
>>> [(r.name, r.entered, r.dropped, r.left) for r in funnel(m)]
[('read', 3, 1, 2), ('extract', 2, 1, 1)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from thresher.drop import READ_STEP

__all__ = [
    "ClusterRow",
    "FunnelRow",
    "HostRow",
    "LanguageRow",
    "ReasonRow",
    "clusters",
    "drop_reasons",
    "funnel",
    "hosts",
    "languages",
    "length_bins",
    "step_times",
]

KEPT: Final = "kept"
TOP_LANGUAGES: Final = 16
TOP_HOSTS: Final = 30


@dataclass(frozen=True)
class FunnelRow:
    """One step of the funnel: documents that entered it, that it dropped, that went on."""

    name: str
    entered: int
    dropped: int
    flagged: int = 0
    stage: bool = False

    @property
    def left(self) -> int:
        return self.entered - self.dropped


def _steps(manifest: Mapping[str, Any]) -> list[str]:
    return [str(s["use"]) for s in manifest.get("config", {}).get("steps", [])]


def _stages(manifest: Mapping[str, Any]) -> set[str]:
    return {str(p["stage_after"]) for p in manifest.get("phases", []) if p.get("stage_after")}


def _by_step(counts: Mapping[str, int]) -> Counter[str]:
    found: Counter[str] = Counter()
    for key, n in counts.items():
        found[key.partition(":")[0]] += n
    return found


def funnel(manifest: Mapping[str, Any]) -> list[FunnelRow]:
    """The reader, then each step and stage in pipeline order (a step appears once)."""
    counts = manifest["counts"]
    records = manifest["accounting"]["records_in"]
    drops = _by_step(counts.get("drops", {}))
    flags = _by_step(counts.get("flags", {}))
    step_in = counts.get("step_in", {})
    stages = _stages(manifest)
    rows = [FunnelRow(READ_STEP, records, drops.get(READ_STEP, 0))]
    seen = set()
    for name in _steps(manifest):
        if name in seen:
            continue
        seen.add(name)
        rows.append(FunnelRow(name, int(step_in.get(name, 0)), drops.get(name, 0),
                              flags.get(name, 0), name in stages))
    return rows


@dataclass(frozen=True)
class ReasonRow:
    key: str
    """``step:reason``."""
    count: int
    flagged: bool = False
    """A flag of an annotate-only run (the document was kept)."""


def drop_reasons(manifest: Mapping[str, Any]) -> list[ReasonRow]:
    """Every ``step:reason`` that dropped (or flagged) something, most frequent first."""
    counts = manifest["counts"]
    rows = [ReasonRow(k, int(n)) for k, n in counts.get("drops", {}).items()]
    rows += [ReasonRow(k, int(n), True) for k, n in counts.get("flags", {}).items()]
    return sorted(rows, key=lambda r: (-r.count, r.key, r.flagged))


@dataclass(frozen=True)
class LanguageRow:
    language: str
    kept: int
    dropped: int


def languages(manifest: Mapping[str, Any], top: int = TOP_LANGUAGES) -> list[LanguageRow]:
    """Records by language at the point their fate was decided, kept vs dropped.

    The ``top`` languages by records are named; the rest are summed as ``other``.
    Records that never had a language (dropped before language identification, or a
    pipeline without it) are ``none``.
    """
    kept: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    for outcome, langs in manifest.get("profile", {}).get("languages", {}).items():
        target = kept if outcome == KEPT else dropped
        for lang, n in langs.items():
            target[lang or "none"] += n
    total = kept + dropped
    ranked = sorted(total, key=lambda lang: (-total[lang], lang))
    rows = [LanguageRow(lang, kept[lang], dropped[lang]) for lang in ranked[:top]]
    rest = ranked[top:]
    if rest:
        rows.append(LanguageRow("other", sum(kept[x] for x in rest),
                                sum(dropped[x] for x in rest)))
    return rows


def length_bins(manifest: Mapping[str, Any]) -> tuple[list[str], list[int], list[int]]:
    """Labels of the length bins (characters) and the records kept and dropped in each."""
    profile = manifest.get("profile", {})
    edges: Sequence[int] = profile.get("length_edges", [])
    labels = []
    for i, low in enumerate(edges):
        if i + 1 < len(edges):
            high = edges[i + 1] - 1
            labels.append(_short(low) if high == low else f"{_short(low)}-{_short(high)}")
        else:
            labels.append(f">={_short(low)}")
    kept = [0] * len(edges)
    dropped = [0] * len(edges)
    for outcome, bins in profile.get("lengths", {}).items():
        target = kept if outcome == KEPT else dropped
        for i, n in enumerate(bins):
            target[i] += n
    return labels, kept, dropped


def _short(n: int) -> str:
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    if n >= 1000:
        return f"{n / 1000:.1f}k"
    return str(n)


@dataclass(frozen=True)
class HostRow:
    host: str
    records: int
    kept: int
    top_drops: tuple[tuple[str, int], ...]


def _host_row(host: str, data: Mapping[str, Any]) -> HostRow:
    drops = sorted(data.get("drops", {}).items(), key=lambda kv: (-kv[1], kv[0]))
    return HostRow(host, int(data["records"]), int(data["kept"]), tuple(drops[:3]))


def hosts(manifest: Mapping[str, Any], top: int = TOP_HOSTS) -> tuple[list[HostRow], HostRow]:
    """The ``top`` hosts by records, and one row summing all the others."""
    profile = manifest.get("profile", {})
    named = sorted(profile.get("hosts", {}).items(), key=lambda kv: (-kv[1]["records"], kv[0]))
    rows = [_host_row(h, d) for h, d in named[:top]]
    rest: Counter[str] = Counter(profile.get("other_hosts", {}).get("drops", {}))
    records = int(profile.get("other_hosts", {}).get("records", 0))
    kept = int(profile.get("other_hosts", {}).get("kept", 0))
    for _, data in named[top:]:
        records += int(data["records"])
        kept += int(data["kept"])
        rest.update(data.get("drops", {}))
    hidden = len(named) - len(rows)
    label = f"{hidden:,} other host(s)" if hidden else "other hosts"
    return rows, _host_row(label, {"records": records, "kept": kept, "drops": rest})


@dataclass(frozen=True)
class ClusterRow:
    step: str
    size: int
    copies: int
    """Documents dropped as copies in clusters of this size."""

    @property
    def clusters(self) -> int:
        return self.copies // (self.size - 1)


def clusters(manifest: Mapping[str, Any]) -> list[ClusterRow]:
    """Duplicate clusters by dedup step and size (a cluster of ``s`` drops ``s - 1`` copies)."""
    rows = []
    for step, sizes in manifest.get("profile", {}).get("duplicates", {}).items():
        for size, copies in sizes.items():
            rows.append(ClusterRow(step, int(size), int(copies)))
    order = {name: i for i, name in enumerate(_steps(manifest))}
    return sorted(rows, key=lambda r: (order.get(r.step, len(order)), r.step, r.size))


def step_times(manifest: Mapping[str, Any]) -> list[tuple[str, float]]:
    """Seconds per step (summed over workers) and per stage analysis, in pipeline order."""
    seconds = manifest.get("timing", {}).get("step_seconds", {})
    order = {name: i for i, name in enumerate(_steps(manifest))}

    def rank(key: str) -> tuple[int, int, str]:
        base = key.removesuffix("(analyze)")
        return (order.get(base, len(order)), 0 if key.endswith("(analyze)") else 1, key)

    return [(k, float(seconds[k])) for k in sorted(seconds, key=rank)]
