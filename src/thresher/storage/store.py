"""Where a run writes: a folder on disk or a prefix in an object store, behind one interface.

A :class:`Store` holds *objects* named by keys (``data/part-00000-0000.jsonl.zst``,
``.work/markers/phase-0-00003``). Every write is whole or nothing: a reader
never sees half an object.

* :class:`LocalStore` writes to a hidden temporary file beside the target,
  flushes it to disk (``fsync``) and renames it into place (``os.replace`` is
  atomic on POSIX), then syncs the folder so the rename survives a crash.
* :class:`ObjectStore` (S3 and other fsspec protocols) has no rename. An
  object there appears whole when its upload completes (a single PUT, or the
  completion of a multipart upload), so ``open_write`` spools to a local
  temporary file and uploads it when the block ends without error; on an error
  nothing is uploaded. A crash may still leave a *complete* object whose
  commit never finished: that is why a run trusts only markers
  (:mod:`thresher.storage.markers`), written after the objects they name.

Keys use ``/`` whatever the platform; ``..`` and absolute keys are refused.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from thresher.storage.retry import TransferError
from thresher.storage.urls import join, parse

if TYPE_CHECKING:
    from thresher.storage.files import Storage

__all__ = ["LocalStore", "ObjectStore", "Store", "open_store"]

_TMP_PREFIX = ".tmp-"


class Store(Protocol):
    """Objects under one root, each written atomically; see the module docstring."""

    url: str
    """The root, as the user gave it (a path or a URL)."""

    def put(self, key: str, data: bytes) -> None:
        """Write ``data`` as the object ``key`` (replacing it), whole or not at all."""
        ...

    def open_write(self, key: str) -> contextlib.AbstractContextManager[BinaryIO]:
        """A binary file to write ``key`` into; committed when the block ends without error."""
        ...

    def put_file(self, key: str, path: Path) -> None:
        """Copy a local file to the object ``key``, whole or not at all."""
        ...

    def get(self, key: str) -> bytes:
        """The object's bytes (FileNotFoundError when absent). For small objects: markers."""
        ...

    def open_read(self, key: str) -> BinaryIO:
        """A binary, seekable stream of the object."""
        ...

    def exists(self, key: str) -> bool: ...

    def size(self, key: str) -> int:
        """The object's size in bytes (FileNotFoundError when absent)."""
        ...

    def list(self, prefix: str = "") -> list[str]:
        """Keys starting with ``prefix``, sorted; temporaries of unfinished writes excluded."""
        ...

    def remove(self, key: str) -> None:
        """Delete the object; nothing happens if it is absent."""
        ...

    def url_of(self, key: str) -> str:
        """The object's full path or URL (for messages and for readers)."""
        ...


def check_key(key: str) -> str:
    """``key`` if it is a safe relative key, else ValueError.

    >>> check_key("data/part-0.jsonl.zst")
    'data/part-0.jsonl.zst'
    """
    parts = key.split("/")
    if not key or key.startswith("/") or "\\" in key or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"invalid object key {key!r}")
    if parts[-1].startswith(_TMP_PREFIX):
        raise ValueError(f"object key {key!r} uses the reserved prefix {_TMP_PREFIX!r}")
    return key


class LocalStore:
    """A :class:`Store` in a local folder: temporary file, fsync, atomic rename, folder fsync."""

    def __init__(self, root: str | Path) -> None:
        self.url = str(root)
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root.joinpath(*check_key(key).split("/"))

    def url_of(self, key: str) -> str:
        return str(self._path(key))

    def put(self, key: str, data: bytes) -> None:
        with self.open_write(key) as fh:
            fh.write(data)

    @contextlib.contextmanager
    def open_write(self, key: str) -> Iterator[BinaryIO]:
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{_TMP_PREFIX}{target.name}.{uuid.uuid4().hex[:12]}")
        fh = open(tmp, "wb")  # noqa: SIM115 - closed below on both paths
        try:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
            os.replace(tmp, target)
        except BaseException:
            fh.close()
            tmp.unlink(missing_ok=True)
            raise
        _sync_folder(target.parent)

    def put_file(self, key: str, path: Path) -> None:
        with self.open_write(key) as out, open(path, "rb") as src:
            while chunk := src.read(1 << 20):
                out.write(chunk)

    def get(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def open_read(self, key: str) -> BinaryIO:
        return open(self._path(key), "rb")

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def size(self, key: str) -> int:
        return self._path(key).stat().st_size

    def list(self, prefix: str = "") -> list[str]:
        if not self.root.is_dir():
            return []
        keys = []
        for folder, dirs, files in os.walk(self.root):
            dirs.sort()
            rel = Path(folder).relative_to(self.root).as_posix()
            for name in files:
                if name.startswith(_TMP_PREFIX):
                    continue
                key = name if rel == "." else f"{rel}/{name}"
                if key.startswith(prefix):
                    keys.append(key)
        return sorted(keys)

    def remove(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """fsync a folder so a rename in it is durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class ObjectStore:
    """A :class:`Store` under a prefix of an object store (S3, or any fsspec protocol).

    Requests are retried and counted by ``storage`` (under the root's URL).
    ``spool_dir`` holds ``open_write``'s temporary files (the system's default
    temporary folder when None).
    """

    def __init__(self, url: str, storage: Storage, spool_dir: str | Path | None = None) -> None:
        loc = parse(url)
        if loc.is_local or loc.is_http:
            raise ValueError(f"{url} is not an object store URL")
        self.url = url
        self._storage = storage
        self._scheme = loc.scheme
        self._fs: Any = storage.filesystem(loc.scheme)
        self._base = str(self._fs._strip_protocol(loc.path)).rstrip("/")
        self._spool_dir = spool_dir

    def _path(self, key: str) -> str:
        return f"{self._base}/{check_key(key)}"

    def url_of(self, key: str) -> str:
        return join(self.url, check_key(key))

    def _call(self, key: str, request: Any) -> Any:
        """``request()`` retried; a missing object is FileNotFoundError, as on disk."""
        try:
            return self._storage.retrier(self.url).call(request)
        except TransferError as err:
            if err.reason == "not_found":
                raise FileNotFoundError(self.url_of(key)) from err
            raise

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        self._call(key, lambda: self._fs.pipe_file(path, data))
        self._storage.stats_for(self.url).bytes += len(data)

    @contextlib.contextmanager
    def open_write(self, key: str) -> Iterator[BinaryIO]:
        self._path(key)  # refuse a bad key before any work
        fd, spool = tempfile.mkstemp(prefix=_TMP_PREFIX, dir=self._spool_dir)
        try:
            with os.fdopen(fd, "wb") as fh:
                yield fh
            self.put_file(key, Path(spool))
        finally:
            Path(spool).unlink(missing_ok=True)

    def put_file(self, key: str, path: Path) -> None:
        target = self._path(key)
        self._call(key, lambda: self._fs.put_file(str(path), target))
        self._storage.stats_for(self.url).bytes += path.stat().st_size

    def get(self, key: str) -> bytes:
        path = self._path(key)
        data: bytes = self._call(key, lambda: self._fs.cat_file(path))
        return data

    def open_read(self, key: str) -> BinaryIO:
        return self._storage.open_read(self.url_of(key))

    def exists(self, key: str) -> bool:
        path = self._path(key)
        return bool(self._call(key, lambda: self._fs.isfile(path)))

    def size(self, key: str) -> int:
        path = self._path(key)
        info = self._call(key, lambda: self._fs.info(path))
        return int(info["size"])

    def list(self, prefix: str = "") -> list[str]:
        folder = prefix.rsplit("/", 1)[0] if "/" in prefix else ""
        under = f"{self._base}/{folder}".rstrip("/")
        found = self._call(prefix, lambda: self._fs.find(under))
        keys = []
        for path in found:
            key = str(path).lstrip("/")[len(self._base.lstrip("/")) + 1:]
            if key.startswith(prefix) and not key.rsplit("/", 1)[-1].startswith(_TMP_PREFIX):
                keys.append(key)
        return sorted(keys)

    def remove(self, key: str) -> None:
        path = self._path(key)

        def delete() -> None:
            with contextlib.suppress(FileNotFoundError):
                self._fs.rm_file(path)

        self._call(key, delete)


def open_store(location: str | Path, storage: Storage | None = None) -> Store:
    """The :class:`Store` for an output folder or URL (``out/``, ``s3://bucket/out``).

    An http(s) URL cannot be written to: ValueError.
    """
    loc = parse(location)
    if loc.is_local:
        return LocalStore(loc.path)
    if loc.is_http:
        raise ValueError(f"{loc.url}: http(s) URLs are read-only; write to a folder or s3://")
    if storage is None:
        from thresher.storage.files import Storage
        storage = Storage()
    return ObjectStore(loc.url, storage)
