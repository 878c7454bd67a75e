"""One run at a time per output directory: an exclusive lock held for the whole run.

On POSIX the lock is ``flock`` on ``.work/lock``: the kernel drops it when its holder
dies, even by ``kill -9``, so a stale lock needs no clean-up and cannot be stolen from
a live run. The file also says who holds it (pid, host, start time), for the error a
second run prints. Elsewhere the file itself is the lock (created exclusively); a
lock whose holder is a dead process of this host is taken over.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "lock"
>>> with RunLock(path):
...     try:
...         RunLock(path).acquire()
...     except RunLocked as exc:
...         print("refused:", "pid" in str(exc))
refused: True
"""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from thresher.run.errors import RunLocked

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

__all__ = ["RunLock"]


def _holder() -> dict[str, Any]:
    started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime())
    return {"pid": os.getpid(), "host": socket.gethostname(), "started": started}


def _describe(path: Path) -> str:
    try:
        info = json.loads(path.read_text("utf-8"))
        return f"pid {info['pid']} on {info['host']}, started {info['started']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "a process that has not said who it is yet"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


class RunLock:
    """The lock of one output directory (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise :class:`RunLocked` naming its holder."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if fcntl is not None:
            self._flock()
        else:  # pragma: no cover - not POSIX
            self._exclusive_file()
        assert self._fd is not None
        os.ftruncate(self._fd, 0)
        os.write(self._fd, json.dumps(_holder()).encode("utf-8"))

    def _refuse(self) -> RunLocked:
        return RunLocked(
            f"{self.path.parent.parent} is being written by another thresher run "
            f"({_describe(self.path)}); wait for it to finish or use another output directory"
        )

    def _flock(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise self._refuse() from None
        self._fd = fd

    def _exclusive_file(self) -> None:  # pragma: no cover - not POSIX
        for _ in range(2):
            try:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
                return
            except FileExistsError:
                try:
                    info = json.loads(self.path.read_text("utf-8"))
                    stale = info["host"] == socket.gethostname() and not _alive(int(info["pid"]))
                except (OSError, ValueError, KeyError, TypeError):
                    stale = False
                if not stale:
                    raise self._refuse() from None
                self.path.unlink(missing_ok=True)
        raise self._refuse()

    def release(self) -> None:
        """Let the next run in (the file stays; its content is the last holder)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        if fcntl is None:  # pragma: no cover - not POSIX
            os.close(fd)
            self.path.unlink(missing_ok=True)
            return
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    def __enter__(self) -> Self:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()
