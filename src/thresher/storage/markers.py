"""Completion markers: the only thing a resumed run trusts.

A unit of work (a shard of a phase, a stage) commits by writing its objects,
each whole (:class:`~thresher.storage.store.Store`), and *then* one marker
naming them with their sizes. Where a crash falls decides what a rerun sees:

* before the marker: the unit is not done; whatever objects it left (whole or
  not, on an object store there is no rename to hide them) are redone and
  overwritten, and :func:`unclaimed` lists leftovers to delete;
* after the marker: the unit is done, and :func:`check_marker` can confirm
  that every object it names is there with its size.

:func:`write_marker` refuses to name an object that is not there, so a marker
never points at nothing. A marker is small JSON, written with the same
whole-or-nothing ``put`` as any object.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from thresher.storage.store import Store

__all__ = [
    "Marker",
    "MarkerError",
    "check_marker",
    "has_marker",
    "read_marker",
    "unclaimed",
    "write_marker",
]

_FORMAT: Final = "thresher-marker/1"


class MarkerError(ValueError):
    """A marker that cannot be read (not our JSON): the unit counts as not done."""


@dataclass(frozen=True, slots=True)
class Marker:
    """A committed unit of work: the objects it wrote (key -> size) and free-form info."""

    key: str
    objects: dict[str, int] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        body = {"format": _FORMAT, "objects": self.objects, "info": self.info}
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, key: str, data: bytes) -> Marker:
        try:
            body = json.loads(data)
        except (ValueError, UnicodeDecodeError) as err:
            raise MarkerError(f"{key}: not a marker ({err})") from None
        if not isinstance(body, dict) or body.get("format") != _FORMAT:
            raise MarkerError(f"{key}: not a {_FORMAT} marker")
        objects = body.get("objects")
        if not isinstance(objects, dict) or not all(
                isinstance(k, str) and isinstance(v, int) for k, v in objects.items()):
            raise MarkerError(f"{key}: bad object list")
        info = body.get("info")
        return cls(key, dict(objects), dict(info) if isinstance(info, dict) else {})


def write_marker(store: Store, key: str, objects: Sequence[str] = (),
                 info: Mapping[str, Any] | None = None) -> Marker:
    """Mark a unit done, naming ``objects`` (already written) with their sizes.

    Raises FileNotFoundError when one of ``objects`` is missing: a marker must
    never name what is not there.
    """
    sizes = {name: store.size(name) for name in objects}
    marker = Marker(key, sizes, dict(info or {}))
    store.put(key, marker.to_bytes())
    return marker


def has_marker(store: Store, key: str) -> bool:
    """Whether the unit behind ``key`` committed."""
    return store.exists(key)


def read_marker(store: Store, key: str) -> Marker | None:
    """The marker at ``key``, or None when the unit never committed."""
    try:
        data = store.get(key)
    except FileNotFoundError:
        return None
    return Marker.from_bytes(key, data)


def check_marker(store: Store, marker: Marker) -> list[str]:
    """What is wrong with a committed unit's objects (missing, other size); empty if nothing."""
    problems = []
    for name, size in sorted(marker.objects.items()):
        try:
            found = store.size(name)
        except FileNotFoundError:
            problems.append(f"{name}: missing")
            continue
        if found != size:
            problems.append(f"{name}: {found} bytes, marker says {size}")
    return problems


def unclaimed(store: Store, prefix: str, markers: Iterable[Marker]) -> list[str]:
    """Keys under ``prefix`` that no marker names (and that are not markers themselves).

    These are leftovers of units that never committed: safe to delete before
    the unit is redone.
    """
    claimed: set[str] = set()
    for marker in markers:
        claimed.add(marker.key)
        claimed.update(marker.objects)
    return [key for key in store.list(prefix) if key not in claimed]
