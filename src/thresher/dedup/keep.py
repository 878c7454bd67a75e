"""Which copy of a duplicate group survives: a total, deterministic order of documents.

* ``earliest``: the smallest fetch date, then the smallest id (documents without a
  readable date come after all dated ones);
* ``latest``: the largest fetch date, then the smallest id (undated ones last);
* ``first``: the first in input order (smallest shard number, then position).

Ties left by a rule are broken by input order, so the choice never depends on how
many workers ran or in which order tasks finished.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

import numpy as np
import numpy.typing as npt

__all__ = ["NO_DATE", "KeepRule", "date_key", "keep_order"]

KeepRule = Literal["earliest", "latest", "first"]

NO_DATE = np.iinfo(np.int64).max
"""The date key of a document without a readable fetch date."""


def date_key(fetch_date: str | None) -> int:
    """Microseconds since the epoch (UTC) of an ISO 8601 date; :data:`NO_DATE` if unreadable.

    A date without a time zone is taken as UTC.

    >>> date_key("1970-01-01T00:00:01Z")
    1000000
    >>> date_key("yesterday") == NO_DATE
    True
    """
    if not fetch_date:
        return int(NO_DATE)
    try:
        when = datetime.fromisoformat(fetch_date.strip())
    except ValueError:
        return int(NO_DATE)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    delta = when - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def keep_order(
    rule: KeepRule,
    dates: npt.NDArray[np.int64],
    ids: npt.NDArray[np.str_],
    shards: npt.NDArray[np.int64],
    positions: npt.NDArray[np.int64],
) -> npt.NDArray[np.intp]:
    """Indices that sort the given documents from the one to keep to the last."""
    if rule == "first":
        return np.lexsort((positions, shards))
    if rule == "latest":
        missing = dates == NO_DATE
        flipped = np.where(missing, NO_DATE, -dates)
        return np.lexsort((positions, shards, ids, flipped))
    return np.lexsort((positions, shards, ids, dates))
