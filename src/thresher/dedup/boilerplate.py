"""Cross-page boilerplate: line windows that repeat over many *different* pages of a host.

In the spirit of CCNet's paragraph deduplication, but per host and with context. A
page's non-empty lines are padded with ``window - 1`` start and end sentinels, and
every run of ``window`` consecutive lines is hashed with the host. A window is
boilerplate when it appears on pages of at least
``max(min_pages, min_page_fraction * contents of the host)`` distinct *contents*,
and so is every line it covers.

Why windows rather than single lines: a site's "latest news" rail repeats on every page
the headline and standfirst of each article, so a single-line count would also cut the
headline out of the article itself. With windows of three lines the rail (headlines
between other rail lines) and a footer (lines followed by the end sentinels) repeat,
while the article's own headline sits among lines that appear on its page only.
A boilerplate block shorter than ``window`` lines in the middle of a page is not found.

Why contents rather than pages: an article served at ``/2026/story``,
``/print/2026/story`` and ``/amp/2026/story`` repeats every one of its lines on three
pages of its host; counted by pages, the article would be boilerplate of itself and
vanish from all three. Copies are a duplicate (exact and MinHash dedup keep one), not
boilerplate. So pages are first grouped by content (:func:`content_groups`: a weighted
MinHash over each page's windows, each window weighing its characters times its
rarity on the host, so that the long lines a page shares with few others decide and
the chrome every page has does not), and a window's count is the number of groups it
appears in: copies (even with different chrome, or a line of their own such as a
print date) vote once, different articles around the same menu vote each.

Hashing makes the grouping approximate: two pages sharing 80 % of their weight land in
one group with probability above 0.999, two pages sharing 5 % (different articles with
the same rail) in about 0.02. Whatever the grouping, a page is never emptied by this
stage: when every line of a page would go, it is left whole, for the dedup stages and
the quality filters to judge.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import xxhash

from thresher.dedup.normalize import url_host
from thresher.dedup.tasks import atomic_save_npy, atomic_save_npz, mark_done
from thresher.dedup.unionfind import roots, union_edges
from thresher.serialize import read_documents

__all__ = [
    "CountTask",
    "WindowTask",
    "boilerplate_line_numbers",
    "content_groups",
    "content_lines",
    "count_windows",
    "host_key",
    "load_boilerplate",
    "repeated_windows",
    "strip_lines",
    "window_keys",
    "window_sizes",
    "write_windows",
]

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

_BANDS = 8
"""Content groups: pages whose samples agree on all rows of any one band are one content."""
_ROWS = 2

_START = "\x02"
_END = "\x03"
_BLANK_RUN = re.compile(r"\n{3,}")


def content_lines(text: str) -> list[tuple[int, str]]:
    """``(line number, whitespace-collapsed line)`` for each non-empty line of ``text``."""
    out: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n")):
        collapsed = " ".join(line.split())
        if collapsed:
            out.append((number, collapsed))
    return out


def host_key(host: str) -> int:
    """The 64-bit hash of a host."""
    return xxhash.xxh3_64_intdigest(host.encode("utf-8", "surrogatepass"))


def window_keys(host: str, lines: Sequence[str], window: int) -> list[int]:
    """Keys of the ``len(lines) + window - 1`` sentinel-padded windows of ``lines``.

    Window ``j`` covers lines ``j - window + 1`` to ``j`` (those in range).
    """
    padded = [_START] * (window - 1) + list(lines) + [_END] * (window - 1)
    prefix = host + "\x00"
    return [
        xxhash.xxh3_64_intdigest(
            (prefix + "\x1f".join(padded[j : j + window])).encode("utf-8", "surrogatepass")
        )
        for j in range(len(lines) + window - 1)
    ]


def window_sizes(lines: Sequence[str], window: int) -> list[int]:
    """Characters of each window of :func:`window_keys` (the lines it covers, in range)."""
    ends = [0]
    for line in lines:
        ends.append(ends[-1] + len(line))
    n = len(lines)
    return [ends[min(j, n - 1) + 1] - ends[max(0, j - window + 1)]
            for j in range(n + window - 1)]


def boilerplate_line_numbers(
    keys: Sequence[int], n_lines: int, window: int, bad: Set[int]
) -> set[int]:
    """Indices (into the content lines) covered by a window whose key is in ``bad``."""
    covered: set[int] = set()
    for j, key in enumerate(keys):
        if key in bad:
            covered.update(range(max(0, j - window + 1), min(n_lines, j + 1)))
    return covered


def strip_lines(text: str, drop: Set[int]) -> str:
    """``text`` without the lines numbered in ``drop``; blank runs left behind are shortened."""
    kept = [line for number, line in enumerate(text.split("\n")) if number not in drop]
    return _BLANK_RUN.sub("\n\n", "\n".join(kept)).strip("\n")


# -- analysis tasks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WindowTask:
    """Hash the line windows of the pages of one shard."""

    workdir: Path
    shard: int
    path: Path
    window: int

    @property
    def marker(self) -> Path:
        return self.workdir / "windows" / f"{self.shard:05d}.done"


def _windows_path(workdir: Path, shard: int) -> Path:
    return workdir / "windows" / f"{shard:05d}.npz"


def write_windows(task: WindowTask) -> None:
    """Write ``windows/shard.npz``: per page its host; per distinct window of a page, the
    page (its number in the shard), the key and the characters it covers."""
    page_host: list[int] = []
    rec_page: list[int] = []
    rec_key: list[int] = []
    rec_len: list[int] = []
    for doc in read_documents(task.path):
        host = url_host(doc.url)
        if host is None:
            continue
        lines = [line for _, line in content_lines(doc.text)]
        if not lines:
            continue
        sizes = dict(zip(window_keys(host, lines, task.window),
                         window_sizes(lines, task.window), strict=True))
        page = len(page_host)
        page_host.append(host_key(host))
        for key in sorted(sizes):
            rec_page.append(page)
            rec_key.append(key)
            rec_len.append(sizes[key])
    atomic_save_npz(
        _windows_path(task.workdir, task.shard),
        {
            "page_host": np.array(page_host, dtype=np.uint64),
            "rec_page": np.array(rec_page, dtype=np.int64),
            "rec_key": np.array(rec_key, dtype=np.uint64),
            "rec_len": np.array(rec_len, dtype=np.int64),
        },
    )
    mark_done(task)


@dataclass(frozen=True)
class CountTask:
    """Find the boilerplate windows of the hosts in partition ``part`` of ``parts``."""

    workdir: Path
    part: int
    parts: int
    shards: int
    min_pages: int
    min_page_fraction: float

    @property
    def marker(self) -> Path:
        return self.workdir / "boilerplate" / f"{self.part:03d}.done"


def _boilerplate_path(workdir: Path, part: int) -> Path:
    return workdir / "boilerplate" / f"{part:03d}.npy"


def count_windows(task: CountTask) -> None:
    """Write ``boilerplate/part.npy``: the sorted keys of windows repeated often enough."""
    parts, part = np.uint64(task.parts), np.uint64(task.part)
    pages: list[I64] = []
    hosts: list[U64] = []
    keys: list[U64] = []
    sizes: list[I64] = []
    base = 0
    for shard in range(task.shards):
        with np.load(_windows_path(task.workdir, shard), allow_pickle=False) as z:
            ph, rp, rk, rl = z["page_host"], z["rec_page"], z["rec_key"], z["rec_len"]
        rh = ph[rp]
        sel = rh % parts == part
        pages.append(rp[sel] + base)  # a page number over all shards
        hosts.append(rh[sel])
        keys.append(rk[sel])
        sizes.append(rl[sel])
        base += len(ph)
    bad = repeated_windows(
        _joined(pages, np.int64), _joined(hosts, np.uint64), _joined(keys, np.uint64),
        _joined(sizes, np.int64), task.min_pages, task.min_page_fraction,
    )
    atomic_save_npy(_boilerplate_path(task.workdir, task.part), bad)
    mark_done(task)


def _joined(arrays: list[Any], dtype: type) -> Any:
    return np.concatenate(arrays) if arrays else np.empty(0, dtype)


def repeated_windows(rec_page: I64, rec_host: U64, rec_key: U64, rec_len: I64,
                     min_pages: int, fraction: float) -> U64:
    """Window keys found in at least the threshold number of distinct contents of their host.

    One record per (page, distinct window of the page): its page number, host, key
    and characters. See the module docstring.
    """
    if rec_key.size == 0:
        return np.empty(0, np.uint64)
    page_ids, page = np.unique(rec_page, return_inverse=True)
    page_host = np.empty(page_ids.size, np.uint64)
    page_host[page] = rec_host
    host_ids, host_of_page = np.unique(page_host, return_inverse=True)
    pages_of_host = np.bincount(host_of_page)
    key_ids, key, key_pages = np.unique(rec_key, return_inverse=True, return_counts=True)
    # rarity on the host times length: 0 for a window on every page of its host
    rarity = np.log(pages_of_host[host_of_page[page]] / key_pages[key])
    group = content_groups(page, rec_key, rec_len.astype(np.float64) * rarity)
    votes = _distinct_pairs(key, group[page], key_ids.size)
    groups_of_host = _distinct_pairs(host_of_page, group, host_ids.size)
    key_host = np.empty(key_ids.size, np.int64)
    key_host[key] = host_of_page[page]
    needed = np.maximum(min_pages, np.ceil(fraction * groups_of_host[key_host] - 1e-9))
    found: U64 = key_ids[votes >= needed]
    return found


def _distinct_pairs(first: I64, second: I64, size: int) -> I64:
    """For each value of ``first`` (0..size-1), how many distinct ``second`` go with it."""
    order = np.lexsort((second, first))
    a, b = first[order], second[order]
    new = np.ones(a.size, bool)
    new[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    counts: I64 = np.bincount(a[new], minlength=size)
    return counts


def content_groups(page: I64, key: U64, weight: F64) -> I64:
    """A group number for each page (0..max(page)): pages with the same content share one.

    Weighted MinHash: for each of ``_BANDS * _ROWS`` hash functions a page samples
    one of its windows, with probability proportional to the window's weight
    (exponential races keyed by the window, so two pages pick the same window with
    probability equal to their weighted Jaccard similarity). Pages whose samples
    agree on every row of some band are joined (union-find). Windows of weight 0
    are never sampled; a page with no weight at all stays alone.
    """
    pages = int(page.max()) + 1
    order = np.argsort(page, kind="stable")
    p, k, w = page[order], key[order], weight[order]
    starts = np.flatnonzero(np.r_[True, p[1:] != p[:-1]])
    owners = p[starts]
    lengths = np.diff(np.r_[starts, p.size])
    positive = w > 0
    safe = np.where(positive, w, 1.0)
    samples = np.zeros((_BANDS * _ROWS, pages), np.uint64)
    valid = np.zeros((_BANDS * _ROWS, pages), bool)
    for s in range(_BANDS * _ROWS):
        score = np.where(positive, -np.log(_uniform(k, s)) / safe, np.inf)
        best = np.minimum.reduceat(score, starts)
        hits = np.flatnonzero(score == np.repeat(best, lengths))
        segment = np.searchsorted(starts, hits, side="right") - 1
        first = hits[np.unique(segment, return_index=True)[1]]
        samples[s, owners] = k[first]
        valid[s, owners] = np.isfinite(best)
    parent = np.arange(pages, dtype=np.int64)
    for band in range(_BANDS):
        rows = slice(band * _ROWS, (band + 1) * _ROWS)
        ok = np.flatnonzero(valid[rows].all(axis=0))
        if ok.size < 2:
            continue
        value = _mix(samples[rows][:, ok])
        by_value = np.argsort(value, kind="stable")
        same = value[by_value][1:] == value[by_value][:-1]
        pairs = np.stack([ok[by_value][:-1][same], ok[by_value][1:][same]], axis=1)
        if pairs.size:
            union_edges(parent, pairs)
    return roots(parent, np.arange(pages, dtype=np.int64))


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _splitmix(x: U64) -> U64:
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    out: U64 = x ^ (x >> np.uint64(31))
    return out


def _uniform(key: U64, seed: int) -> F64:
    """A number in (0, 1) per key for hash function ``seed``, the same on every machine."""
    salt = np.uint64(((seed + 1) * int(_GOLDEN)) & ((1 << 64) - 1))
    mixed = _splitmix(key ^ salt)
    out: F64 = ((mixed >> np.uint64(11)).astype(np.float64) + 0.5) / float(1 << 53)
    return out


def _mix(rows: U64) -> U64:
    """One 64-bit value per column from the rows' values (a band's signature)."""
    value = np.zeros(rows.shape[1], np.uint64)
    for row in rows:
        value = _splitmix(value * _GOLDEN ^ row)
    return value


def load_boilerplate(workdir: Path, parts: int) -> frozenset[int]:
    """All boilerplate window keys found by the count tasks."""
    found: set[int] = set()
    for part in range(parts):
        found.update(np.load(_boilerplate_path(workdir, part)).tolist())
    return frozenset(found)
