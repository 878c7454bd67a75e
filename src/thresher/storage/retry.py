"""Retrying transfers: which failures deserve another attempt, how long to wait, what it cost.

Object stores and CDNs fail in ordinary ways under load: S3 answers ``503
SlowDown`` when a prefix is read too fast (the Common Crawl bucket does it
routinely), a connection is reset half-way through a 1 GB body, a read times
out. Those are *transient*: the same request a little later succeeds. A 404 or
a 403 is *permanent*: retrying only delays the error. :func:`is_transient`
tells them apart from the exception alone (our HTTP client's, botocore's,
aiohttp's, fsspec's), without importing any of those packages.

The wait before retry ``n`` is "full jitter" (a uniform draw in
``[0, min(max_delay_s, base_delay_s * 2**n)]``), so that many workers throttled
at once do not come back at once. After ``max_retries`` consecutive failures
without a byte of progress, the transfer fails with a :class:`TransferError`,
which the run turns into a rejected ``read`` entry naming the URL.
"""

from __future__ import annotations

import errno
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final, TypeVar

__all__ = [
    "TRANSIENT_STATUS",
    "Retrier",
    "RetryPolicy",
    "StatusError",
    "TransferError",
    "TransferStats",
    "is_transient",
]

T = TypeVar("T")

TRANSIENT_STATUS: Final = frozenset({408, 425, 429, 500, 502, 503, 504})
"""HTTP statuses worth retrying (any other 5xx is retried too)."""

_TRANSIENT_CODES: Final = frozenset({
    "SlowDown", "Throttling", "ThrottlingException", "RequestTimeout", "RequestTimeoutException",
    "InternalError", "ServiceUnavailable", "RequestLimitExceeded", "TooManyRequestsException",
    "ProvisionedThroughputExceededException", "BandwidthLimitExceeded",
})
"""S3-style error codes that mean "try again later"."""

_TRANSIENT_TYPES: Final = frozenset({
    # urllib3
    "ProtocolError", "ReadTimeoutError", "ConnectTimeoutError", "NewConnectionError",
    "IncompleteRead", "SSLError",
    # botocore / aiobotocore
    "EndpointConnectionError", "ConnectionClosedError", "HTTPClientError", "ResponseParserError",
    "ResponseStreamingError", "AioReadTimeoutError",
    # aiohttp
    "ClientPayloadError", "ContentLengthError", "ServerDisconnectedError", "ClientOSError",
    "ServerTimeoutError", "ClientConnectorError",
    # fsspec
    "FSTimeoutError",
})
"""Exception class names (anywhere in the class's MRO) of transport failures."""

_TRANSIENT_ERRNOS: Final = frozenset({
    errno.EBUSY, errno.EREMOTEIO, errno.ECONNRESET, errno.ECONNABORTED, errno.ECONNREFUSED,
    errno.ETIMEDOUT, errno.EPIPE, errno.EAGAIN, errno.ENETUNREACH, errno.EHOSTUNREACH,
})
"""errnos s3fs gives SlowDown/InternalError (EBUSY, EREMOTEIO) and sockets give resets."""

_PERMANENT_TYPES: Final = (FileNotFoundError, PermissionError, IsADirectoryError)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How hard to try before a transfer is given up. Picklable: it travels to workers."""

    max_retries: int = 8
    """Consecutive failed attempts (without a byte of progress between them) tolerated."""
    max_total_retries: int = 100
    """Failed attempts tolerated over one file's whole transfer, progress or not."""
    base_delay_s: float = 0.5
    """Upper bound of the first wait; doubles with each consecutive failure."""
    max_delay_s: float = 30.0
    """Cap on the upper bound of one wait."""
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 60.0
    """Longest silence on an open connection before the attempt counts as failed."""

    def delay_s(self, failures: int, rng: random.Random) -> float:
        """Full-jitter wait before the next attempt, after ``failures`` consecutive failures.

        >>> RetryPolicy(base_delay_s=1.0, max_delay_s=4.0).delay_s(10, random.Random(0)) <= 4.0
        True
        """
        ceiling = min(self.max_delay_s, self.base_delay_s * 2.0 ** max(0, failures - 1))
        return rng.uniform(0.0, ceiling)


@dataclass(slots=True)
class TransferStats:
    """What reading (or writing) one file cost; summed into the run's manifest."""

    requests: int = 0
    """Requests sent (GET, HEAD, PUT, LIST), failed ones included."""
    retries: int = 0
    """Failed attempts that were tried again."""
    resumes: int = 0
    """Bodies cut mid-way and continued with a range request from the last byte received."""
    bytes: int = 0
    """Payload bytes received (or sent)."""
    range_ignored: int = 0
    """Range requests the server answered with the whole body (bytes before it discarded)."""
    errors: list[str] = field(default_factory=list)
    """The failures retried, oldest first (at most 20 kept), for the manifest."""

    def note_failure(self, err: BaseException) -> None:
        self.retries += 1
        if len(self.errors) < 20:
            self.errors.append(describe(err))

    def as_dict(self) -> dict[str, object]:
        return {"requests": self.requests, "retries": self.retries, "resumes": self.resumes,
                "bytes": self.bytes, "range_ignored": self.range_ignored,
                "errors": list(self.errors)}


class StatusError(OSError):
    """An HTTP answer other than the one asked for (raised by our client, classified here)."""

    def __init__(self, url: str, status: int, code: str | None = None) -> None:
        super().__init__(f"HTTP {status}{' ' + code if code else ''} for {url}")
        self.url = url
        self.status = status
        self.code = code


class TransferError(OSError):
    """A file could not be transferred: permanently, or still failing after its retries.

    ``reason`` is one of ``not_found``, ``forbidden``, ``http_status``,
    ``retries_exhausted``, ``changed`` (the object changed between two
    requests), ``bad_range`` (the server answered a different range than
    asked), ``no_connection_slot``, ``error``. The run turns it into a rejected
    ``read`` entry whose detail is ``str(error)`` and whose source is ``url``.
    """

    def __init__(self, url: str, reason: str, detail: str, attempts: int = 1) -> None:
        super().__init__(f"{url}: {reason} after {attempts} attempt(s): {detail}")
        self.url = url
        self.reason = reason
        self.detail = detail
        self.attempts = attempts

    def __reduce__(self) -> tuple[type[TransferError], tuple[str, str, str, int]]:
        return (TransferError, (self.url, self.reason, self.detail, self.attempts))


def describe(err: BaseException) -> str:
    """``Type: message``, short, for counters and rejection details."""
    text = str(err)
    return f"{type(err).__name__}: {text[:300]}" if text else type(err).__name__


def _chain(err: BaseException) -> list[BaseException]:
    """The exception and its causes/contexts (libraries wrap transport errors)."""
    seen: list[BaseException] = []
    current: BaseException | None = err
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _status_of(err: BaseException) -> tuple[int | None, str | None]:
    """HTTP status and S3 error code of our StatusError or a botocore ClientError."""
    if isinstance(err, StatusError):
        return err.status, err.code
    response = getattr(err, "response", None)
    if isinstance(response, dict):
        error = response.get("Error") or {}
        meta = response.get("ResponseMetadata") or {}
        status = meta.get("HTTPStatusCode")
        code = error.get("Code")
        return (status if isinstance(status, int) else None), (str(code) if code else None)
    return None, None


def _one_transient(err: BaseException) -> bool | None:
    """True/False when ``err`` alone decides; None when it says nothing."""
    if isinstance(err, TransferError):
        return False
    status, code = _status_of(err)
    if code in _TRANSIENT_CODES:
        return True
    if status is not None:
        return status in TRANSIENT_STATUS or status >= 500
    if isinstance(err, _PERMANENT_TYPES):
        return False
    if isinstance(err, ConnectionError | TimeoutError):
        return True
    names = {cls.__name__ for cls in type(err).__mro__}
    if names & _TRANSIENT_TYPES:
        return True
    if isinstance(err, OSError) and err.errno in _TRANSIENT_ERRNOS:
        return True
    return None


def is_transient(err: BaseException) -> bool:
    """Whether retrying the request that raised ``err`` may succeed.

    >>> is_transient(StatusError("http://x/a", 503))
    True
    >>> is_transient(StatusError("http://x/a", 404))
    False
    >>> is_transient(ConnectionResetError())
    True
    """
    for link in _chain(err):
        verdict = _one_transient(link)
        if verdict is not None:
            return verdict
    return False


def permanent_reason(err: BaseException) -> str:
    """The :class:`TransferError` reason for a failure that is not retried."""
    for link in _chain(err):
        status, code = _status_of(link)
        if status == 404 or isinstance(link, FileNotFoundError) or code in ("NoSuchKey",
                                                                           "NoSuchBucket"):
            return "not_found"
        if status in (401, 403) or isinstance(link, PermissionError) or code == "AccessDenied":
            return "forbidden"
        if status is not None:
            return "http_status"
    return "error"


class Retrier:
    """Runs one request at a time under a :class:`RetryPolicy`, counting into ``stats``.

    ``sleep`` and ``rng`` are injectable so that tests neither wait nor depend
    on chance; the jitter only changes when a request is sent, never what it
    returns.
    """

    def __init__(self, url: str, policy: RetryPolicy, stats: TransferStats,
                 sleep: Callable[[float], None], rng: random.Random | None = None) -> None:
        self.url = url
        self.policy = policy
        self.stats = stats
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._consecutive = 0
        self._total = 0

    def progressed(self) -> None:
        """A byte arrived: the next failure starts a new run of consecutive failures."""
        self._consecutive = 0

    def failed(self, err: BaseException) -> None:
        """Account for a failed attempt and wait, or raise :class:`TransferError` if done."""
        attempts = self._consecutive + 1
        if not is_transient(err):
            if isinstance(err, TransferError):
                raise err
            raise TransferError(self.url, permanent_reason(err), describe(err),
                                attempts) from err
        self._consecutive += 1
        self._total += 1
        if (self._consecutive > self.policy.max_retries
                or self._total > self.policy.max_total_retries):
            raise TransferError(self.url, "retries_exhausted", describe(err),
                                self._consecutive) from err
        self.stats.note_failure(err)
        self._sleep(self.policy.delay_s(self._consecutive, self._rng))

    def call(self, request: Callable[[], T]) -> T:
        """``request()`` until it succeeds, fails permanently, or the retries run out."""
        while True:
            self.stats.requests += 1
            try:
                result = request()
            except Exception as err:  # classified by failed(): retried or raised as typed
                self.failed(err)
                continue
            self.progressed()
            return result
