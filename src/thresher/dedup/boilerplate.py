"""Cross-page boilerplate: line windows that repeat over many pages of the same host.

In the spirit of CCNet's paragraph deduplication, but per host and with context. A
page's non-empty lines are padded with ``window - 1`` start and end sentinels, and
every run of ``window`` consecutive lines is hashed with the host. A window seen on
at least ``max(min_pages, min_page_fraction * pages of the host)`` pages is
boilerplate, and so is every line it covers.

Why windows rather than single lines: a site's "latest news" rail repeats on every page
the headline and standfirst of each article, so a single-line count would also cut the
headline out of the article itself. With windows of three lines the rail (headlines
between other rail lines) and a footer (lines followed by the end sentinels) repeat,
while the article's own headline sits among lines that appear on its page only.
A boilerplate block shorter than ``window`` lines in the middle of a page is not found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import xxhash

from thresher.dedup.normalize import url_host
from thresher.dedup.tasks import atomic_save_npy, atomic_save_npz, mark_done
from thresher.serialize import read_documents

__all__ = [
    "CountTask",
    "WindowTask",
    "boilerplate_line_numbers",
    "content_lines",
    "count_windows",
    "host_key",
    "load_boilerplate",
    "strip_lines",
    "window_keys",
    "write_windows",
]

U64 = npt.NDArray[np.uint64]

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
    """Write ``windows/shard.npz``: per page its host, per distinct window its host and key."""
    page_host: list[int] = []
    rec_host: list[int] = []
    rec_key: list[int] = []
    for doc in read_documents(task.path):
        host = url_host(doc.url)
        if host is None:
            continue
        lines = [line for _, line in content_lines(doc.text)]
        if not lines:
            continue
        hk = host_key(host)
        keys = set(window_keys(host, lines, task.window))
        page_host.append(hk)
        rec_host.extend([hk] * len(keys))
        rec_key.extend(sorted(keys))
    atomic_save_npz(
        _windows_path(task.workdir, task.shard),
        {
            "page_host": np.array(page_host, dtype=np.uint64),
            "rec_host": np.array(rec_host, dtype=np.uint64),
            "rec_key": np.array(rec_key, dtype=np.uint64),
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
    pages: list[U64] = []
    hosts: list[U64] = []
    keys: list[U64] = []
    for shard in range(task.shards):
        with np.load(_windows_path(task.workdir, shard), allow_pickle=False) as z:
            ph, rh, rk = z["page_host"], z["rec_host"], z["rec_key"]
        pages.append(ph[ph % parts == part])
        sel = rh % parts == part
        hosts.append(rh[sel])
        keys.append(rk[sel])
    bad = _repeated(
        np.concatenate(pages) if pages else np.empty(0, np.uint64),
        np.concatenate(hosts) if hosts else np.empty(0, np.uint64),
        np.concatenate(keys) if keys else np.empty(0, np.uint64),
        task.min_pages,
        task.min_page_fraction,
    )
    atomic_save_npy(_boilerplate_path(task.workdir, task.part), bad)
    mark_done(task)


def _repeated(page_host: U64, rec_host: U64, rec_key: U64, min_pages: int, fraction: float) -> U64:
    """Window keys seen on at least the threshold number of their host's pages."""
    host_ids, host_pages = np.unique(page_host, return_counts=True)
    key_ids, first, counts = np.unique(rec_key, return_index=True, return_counts=True)
    if key_ids.size == 0:
        return key_ids
    pages_of_host = host_pages[np.searchsorted(host_ids, rec_host[first])]
    needed = np.maximum(min_pages, np.ceil(fraction * pages_of_host - 1e-9)).astype(np.int64)
    found: U64 = key_ids[counts >= needed]
    return found


def load_boilerplate(workdir: Path, parts: int) -> frozenset[int]:
    """All boilerplate window keys found by the count tasks."""
    found: set[int] = set()
    for part in range(parts):
        found.update(np.load(_boilerplate_path(workdir, part)).tolist())
    return frozenset(found)
