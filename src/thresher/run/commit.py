"""The one way a run's files reach their final names: atomic commits and completion markers.

Every file a run leaves (output and rejected shards, intermediate shards, a stage's
files, the stats of each task, the manifest) goes through a :class:`Store`::

    with store.create("data/part-00000-0000.jsonl") as out:    # a Pending file
        out.file.write(b"...")
    # committed on a clean exit, discarded on an exception: a reader sees the
    # whole file or nothing under its name
    store.mark(".work/done/phase-0-shard-00000", stats_json)   # after the task's outputs
    store.marked(".work/done/phase-0-shard-00000")             # its payload, or None

The contract a resumed run relies on: **a task commits its outputs, then its marker,
and a rerun trusts only markers.** A file without its marker may be the leftover of a
killed task; the task runs again and rewrites it with the same bytes.

:class:`LocalStore` (a folder on disk) writes under a temporary name unique to the
writer (``.tmp.<name>.<pid>-<random>``) and renames it into place, so two writers of
one file never trip over each other, and :meth:`Store.clean_temps` recognises and
removes what a killed writer left. Renames are atomic, not durable: a kill at any
point is safe, a power cut may lose the last commits (no ``fsync``).

An object store has no rename; its :class:`Store` would write the object under its
final name and then the marker, which is all a resumed run trusts. Callers need no
change: they only create, commit, mark, test, list and remove.

>>> import tempfile
>>> store = LocalStore(Path(tempfile.mkdtemp()))
>>> with store.create("data/a.txt") as out:
...     _ = out.file.write(b"hello")
>>> store.mark("done/a", "1 file")
>>> store.list("data"), store.get("data/a.txt"), store.marked("done/a"), store.marked("done/b")
(['data/a.txt'], b'hello', '1 file', None)
"""

from __future__ import annotations

import os
import secrets
import shutil
from abc import ABC, abstractmethod
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import BinaryIO, Final, Self

__all__ = ["TEMP_PREFIX", "LocalStore", "Pending", "Store", "as_store"]

TEMP_PREFIX: Final = ".tmp."
"""Names starting with this are uncommitted files (never listed, removed on resume)."""

Keys = list[str]
"""Keys, sorted (an alias: inside a store, ``list`` is a method)."""


class Pending(ABC):
    """A file being written: it appears under :attr:`key` only when :meth:`commit` returns.

    Write to :attr:`file`; close whatever you wrapped around it (a compressor, a text
    layer) before committing, so that its buffers reach the file.
    """

    key: str

    @property
    @abstractmethod
    def file(self) -> BinaryIO:
        """The binary stream to write to."""

    @abstractmethod
    def commit(self) -> None:
        """Close the stream and publish the whole file under its key."""

    @abstractmethod
    def abort(self) -> None:
        """Close the stream and discard what was written (no error if already done)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()


class Store(ABC):
    """Where a run keeps its files, by key (``"data/part-00000-0000.jsonl.zst"``).

    Keys are relative, ``/``-separated paths. Subclasses implement the primitives;
    :meth:`put`, :meth:`get`, :meth:`mark` and :meth:`marked` are built on them.
    """

    @abstractmethod
    def create(self, key: str) -> Pending:
        """Start writing ``key`` atomically (see :class:`Pending`)."""

    @abstractmethod
    def open(self, key: str) -> BinaryIO:
        """Read a committed file; ``FileNotFoundError`` when there is none."""

    @abstractmethod
    def exists(self, key: str) -> bool:
        """Whether ``key`` is a committed file."""

    @abstractmethod
    def list(self, folder: str = "") -> Keys:
        """The keys of the committed files under ``folder`` (recursively), sorted."""

    @abstractmethod
    def remove(self, key: str) -> None:
        """Delete the file ``key`` or everything under the folder ``key``; absent is fine."""

    @abstractmethod
    def clean_temps(self) -> Keys:
        """Delete what killed writers left uncommitted; returns what was removed.

        Only safe while no other writer works in this store (the run holds its lock).
        """

    @abstractmethod
    def sub(self, folder: str) -> Store:
        """The store of the keys under ``folder`` (a writer's output folder)."""

    def put(self, key: str, data: bytes) -> None:
        """Write the whole of ``key`` atomically."""
        with self.create(key) as out:
            out.file.write(data)

    def get(self, key: str) -> bytes:
        """The content of a committed file."""
        with self.open(key) as fh:
            return fh.read()

    def mark(self, key: str, payload: str = "") -> None:
        """Leave the completion marker ``key`` (after the task's outputs are committed)."""
        self.put(key, payload.encode("utf-8"))

    def marked(self, key: str) -> str | None:
        """The payload of the marker ``key``, or ``None`` when the task is not done."""
        try:
            return self.get(key).decode("utf-8")
        except FileNotFoundError:
            return None


def _check_key(key: str) -> str:
    parts = PurePosixPath(key).parts
    if not parts or key.startswith("/") or ".." in parts:
        raise ValueError(f"not a relative key: {key!r}")
    return key


class _LocalPending(Pending):
    def __init__(self, final: Path, key: str) -> None:
        self.key = key
        self._final = final
        final.parent.mkdir(parents=True, exist_ok=True)
        unique = f"{os.getpid()}-{secrets.token_hex(6)}"
        self._temp = final.with_name(f"{TEMP_PREFIX}{final.name}.{unique}")
        self._file: BinaryIO = open(self._temp, "xb")  # noqa: SIM115 - closed by commit/abort
        self._done = False

    @property
    def file(self) -> BinaryIO:
        return self._file

    def commit(self) -> None:
        if self._done:
            raise RuntimeError(f"{self.key} is already committed or aborted")
        self._file.close()
        os.replace(self._temp, self._final)
        self._done = True

    def abort(self) -> None:
        if self._done:
            return
        self._done = True
        try:
            self._file.close()
        finally:
            self._temp.unlink(missing_ok=True)


class LocalStore(Store):
    """A folder on a local (or shared, POSIX) file system."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def __repr__(self) -> str:
        return f"LocalStore({str(self.root)!r})"

    def path(self, key: str) -> Path:
        """The file system path of ``key`` (for code that needs a path: numpy, readers)."""
        return self.root / _check_key(key)

    def create(self, key: str) -> Pending:
        return _LocalPending(self.path(key), key)

    def open(self, key: str) -> BinaryIO:
        return open(self.path(key), "rb")

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def list(self, folder: str = "") -> Keys:
        base = self.path(folder) if folder else self.root
        if not base.is_dir():
            return []
        found = [
            p.relative_to(self.root).as_posix()
            for p in base.rglob("*")
            if p.is_file() and not p.name.startswith(TEMP_PREFIX)
        ]
        return sorted(found)

    def remove(self, key: str) -> None:
        target = self.path(key)
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target, ignore_errors=True)
        else:
            target.unlink(missing_ok=True)

    def clean_temps(self) -> Keys:
        removed = []
        if self.root.is_dir():
            for p in self.root.rglob(TEMP_PREFIX + "*"):
                if p.is_file():
                    p.unlink(missing_ok=True)
                    removed.append(p.relative_to(self.root).as_posix())
        return sorted(removed)

    def sub(self, folder: str) -> LocalStore:
        return LocalStore(self.path(folder))


def as_store(target: Store | Path | str) -> Store:
    """``target`` itself when it is a :class:`Store`, else a :class:`LocalStore` of that folder."""
    return target if isinstance(target, Store) else LocalStore(Path(target))
