"""One way to read inputs wherever they are: local paths, http(s) URLs, object stores.

:class:`Storage` is built on each worker from a picklable
:class:`StorageConfig` and holds what must not travel between processes (the
HTTP connection pool, the fsspec file systems). Every read it opens counts its
requests, retries and resumes in a :class:`~thresher.storage.retry.TransferStats`
kept per URL, for the run's manifest.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.warc.gz").write_bytes(b"abc")
>>> storage = Storage()
>>> [pathlib.Path(p).name for p in storage.glob(str(folder / "*.warc.gz"))]
['a.warc.gz']
>>> with storage.open_read(str(folder / "a.warc.gz")) as fh:
...     fh.read()
b'abc'
"""

from __future__ import annotations

import glob as globbing
import io
import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from thresher.storage.http import HttpClient
from thresher.storage.objects import FsspecSource, object_filesystem
from thresher.storage.remote import RangeSource, RemoteFile, read_range
from thresher.storage.retry import Retrier, RetryPolicy, TransferError, TransferStats
from thresher.storage.urls import Location, parse

__all__ = ["Storage", "StorageConfig"]

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class StorageConfig:
    """How to reach remote files; the same on every worker (it is picklable)."""

    retry: RetryPolicy = field(default_factory=RetryPolicy)
    max_connections_per_host: int = 8
    """Open connections to one host (one S3 endpoint) from one process, at most."""
    block_size: int = 8 << 20
    """Bytes per ranged GET when reading from an object store."""
    read_buffer: int = 1 << 20
    """Buffer between a remote stream and its reader (fastwarc asks for 64 KiB at a time)."""
    slot_wait_s: float = 300.0
    """Longest wait for a free connection before a request fails (``no_connection_slot``)."""


class Storage:
    """Reads local and remote files, lists and globs them; see the module docstring.

    ``sleep`` and ``rng`` are injectable so tests neither wait nor depend on
    chance (they only decide *when* a retry is sent).
    """

    def __init__(self, config: StorageConfig | None = None, *,
                 sleep: Callable[[float], None] = time.sleep,
                 rng: random.Random | None = None) -> None:
        self.config = config or StorageConfig()
        self._sleep = sleep
        self._rng = rng
        self._lock = threading.Lock()
        self._http: HttpClient | None = None
        self._filesystems: dict[str, Any] = {}
        self._stats: dict[str, TransferStats] = {}

    # -- what the rest of the package builds on ------------------------------------------

    def http(self) -> HttpClient:
        """This process's HTTP connection pool (made on first use)."""
        with self._lock:
            if self._http is None:
                self._http = HttpClient(self.config.retry, self.config.max_connections_per_host,
                                        self.config.slot_wait_s)
            return self._http

    def filesystem(self, scheme: str) -> Any:
        """The fsspec file system for ``scheme`` (made on first use, one per process)."""
        key = f"{scheme}@{os.getpid()}"
        with self._lock:
            fs = self._filesystems.get(key)
            if fs is None:
                fs = object_filesystem(scheme, self.config.retry,
                                       self.config.max_connections_per_host)
                self._filesystems[key] = fs
            return fs

    def source(self, location: str | Location) -> RangeSource:
        """The :class:`~thresher.storage.remote.RangeSource` of a remote location."""
        loc = parse(location) if isinstance(location, str) else location
        if loc.is_local:
            raise ValueError(f"{loc.path} is a local path, not a remote object")
        if loc.is_http:
            return self.http().source(loc.url)
        return FsspecSource(self.filesystem(loc.scheme), loc.path, loc.url,
                            self.config.block_size)

    def retrier(self, url: str, stats: TransferStats | None = None) -> Retrier:
        """A :class:`Retrier` for one-off requests about ``url`` (counted in its stats)."""
        return Retrier(url, self.config.retry, stats or self.stats_for(url), self._sleep,
                       self._rng)

    def stats_for(self, url: str) -> TransferStats:
        """The transfer counters of ``url`` (made empty on first use)."""
        with self._lock:
            return self._stats.setdefault(url, TransferStats())

    def all_stats(self) -> dict[str, TransferStats]:
        """Counters of every URL touched so far, by URL (sorted)."""
        with self._lock:
            return dict(sorted(self._stats.items()))

    # -- reading ---------------------------------------------------------------------------

    def open_read(self, location: str | Path) -> BinaryIO:
        """A binary, seekable stream of the file: a local file, or a resumable remote one.

        A remote file is not requested until the first read; an error then is a
        :class:`~thresher.storage.retry.TransferError` (``not_found`` for a
        missing object). A missing local file raises :class:`FileNotFoundError` at once.
        """
        loc = parse(location)
        if loc.is_local:
            return open(loc.path, "rb")
        raw = RemoteFile(self.source(loc), self.config.retry, self.stats_for(loc.url),
                         sleep=self._sleep, rng=self._rng)
        return io.BufferedReader(raw, buffer_size=self.config.read_buffer)

    def read_range(self, location: str, start: int, length: int) -> bytes:
        """``length`` bytes from ``start``: one range request, resumed and retried as needed."""
        loc = parse(location)
        if loc.is_local:
            with open(loc.path, "rb") as fh:
                fh.seek(start)
                data = fh.read(length)
            if len(data) < length:
                raise TransferError(loc.path, "bad_range",
                                    f"file ends after {len(data)} of {length} bytes from {start}")
            return data
        return read_range(self.source(loc), start, length, self.config.retry,
                          self.stats_for(loc.url), self._sleep)

    def size(self, location: str | Path) -> int:
        """The file's size in bytes (one request for a remote file)."""
        loc = parse(location)
        if loc.is_local:
            return os.path.getsize(loc.path)
        source = self.source(loc)
        return self.retrier(loc.url).call(source.info).size

    def exists(self, location: str | Path) -> bool:
        """Whether the file exists (False for a folder or prefix)."""
        loc = parse(location)
        if loc.is_local:
            return os.path.isfile(loc.path)
        try:
            self.size(loc.url)
        except TransferError as err:
            if err.reason == "not_found":
                return False
            raise
        except IsADirectoryError:
            return False
        return True

    def glob(self, pattern: str | Path) -> list[str]:
        """The files matching a glob (``**`` spans folders), sorted; a plain name if it exists.

        An http(s) URL cannot be listed: it is returned as is when it has no
        glob characters, and a :class:`ValueError` says so when it has.
        """
        loc = parse(pattern)
        has_glob = bool(_GLOB_CHARS & set(loc.path))
        if loc.is_local:
            if not has_glob:
                return [loc.path] if os.path.isfile(loc.path) else []
            return sorted(p for p in globbing.glob(loc.path, recursive=True) if os.path.isfile(p))
        if loc.is_http:
            if has_glob:
                raise ValueError(f"{loc.url}: http(s) URLs cannot be globbed; "
                                 "give the URLs, or a paths file listing them")
            return [loc.url]
        fs = self.filesystem(loc.scheme)
        found = self.retrier(loc.url).call(lambda: fs.glob(loc.path, detail=True))
        return sorted(f"{loc.scheme}://{path}" for path, info in found.items()
                      if info.get("type") != "directory")

    def list(self, location: str | Path) -> list[str]:
        """Every file below a folder or prefix (recursively), sorted."""
        loc = parse(location)
        if loc.is_local:
            root = Path(loc.path)
            if not root.is_dir():
                return []
            return sorted(str(p) for p in root.rglob("*") if p.is_file())
        if loc.is_http:
            raise ValueError(f"{loc.url}: http(s) URLs cannot be listed")
        fs = self.filesystem(loc.scheme)
        prefix = loc.path.rstrip("/") + "/"
        found = self.retrier(loc.url).call(lambda: fs.find(prefix))
        return sorted(f"{loc.scheme}://{path}" for path in found)

    def close(self) -> None:
        """Close pooled connections (the object stays usable: they reopen on demand)."""
        with self._lock:
            if self._http is not None:
                self._http.close()

