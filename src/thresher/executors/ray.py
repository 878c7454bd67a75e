"""Run tasks on a Ray cluster (``pip install 'thresher[ray]'``); the only module that imports ray.

Tasks and stages are the same as with :class:`~thresher.executors.local.LocalExecutor`; only
where they run changes, so a run gives the same bytes on Ray as locally. Every worker must see
the input files and the output directory at the same paths (a shared or network file system).
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

__all__ = ["NoCluster", "RayExecutor", "require_ray"]

T = TypeVar("T")
R = TypeVar("R")


def require_ray() -> Any:
    """Import ray, or explain how to install it."""
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("the Ray executor needs ray: pip install 'thresher[ray]'") from exc
    return ray


class NoCluster(ConnectionError):
    """No Ray cluster answers at the address given."""


_PROBE_TIMEOUT_S = 5.0


def _probe(address: str) -> None:
    """Fail fast on a ``host:port`` nothing listens on (Ray itself retries for minutes)."""
    host, sep, port = address.removeprefix("ray://").rpartition(":")
    if not sep or not port.isdigit() or not host:
        return  # "auto", "local" and the like: Ray answers quickly itself
    try:
        socket.create_connection((host, int(port)), timeout=_PROBE_TIMEOUT_S).close()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise NoCluster(f"no Ray cluster answers at {address} ({reason})") from None


class RayExecutor:
    """Submit each task as a Ray task; results come back in task order.

    ``address`` is a cluster address (``"auto"`` to join the cluster this machine belongs
    to); ``None`` starts a local Ray instance with ``num_cpus`` CPUs. An address where no
    cluster answers raises :class:`NoCluster`.
    """

    def __init__(self, address: str | None = None, num_cpus: int | None = None) -> None:
        self._ray = require_ray()
        if not self._ray.is_initialized():
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            if address is not None:
                _probe(address)
                options["address"] = address
            elif num_cpus is not None:
                options["num_cpus"] = num_cpus
            try:
                self._ray.init(**options)
            except ConnectionError as exc:
                where = address or "this machine"
                raise NoCluster(f"no Ray cluster at {where}: {exc}".split("\n")[0]) from None

    @property
    def workers(self) -> int:
        return max(1, int(self._ray.cluster_resources().get("CPU", 1)))

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        if not items:
            return []
        remote = self._ray.remote(fn)
        refs = [remote.remote(item) for item in items]
        results: list[R] = self._ray.get(refs)
        return results

    def shutdown(self) -> None:
        """Disconnect from (or stop the local) Ray instance."""
        self._ray.shutdown()
