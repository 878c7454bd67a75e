"""Guards against hostile pages, for the ``extract`` step and the public ``extract()``.

* :class:`PageLimits` bounds one page: bytes, tags, nesting depth, wall-clock
  time. :func:`check_payload` (before decoding) and :func:`check_structure`
  (on the decoded text) raise :class:`PageRejected`, whose ``reason`` is the
  ``extract`` step's drop reason. The step turns it into a drop; ``extract()``
  and ``thresher extract`` let it reach the caller.
* :func:`count_tags` and :func:`nesting_depth` look at the markup without building
  a tree: lexbor's tree construction is quadratic in the nesting depth (100,000
  nested ``<div>`` take 23 s, 200,000 minutes), so absurd pages must be recognized
  before they reach the parser. Both are linear in the page size, whatever the markup
  (unclosed tags and ``<`` runs included), and hold no more than a slice of the page.
* :func:`wall_clock_limit` bounds the time spent on one page with ``SIGALRM``
  (main thread only; elsewhere the size guards alone apply).
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from thresher.extract.decode import looks_like_html

__all__ = [
    "PageLimits",
    "PageRejected",
    "PageTimeout",
    "check_payload",
    "check_structure",
    "count_tags",
    "nesting_depth",
    "time_limit",
    "wall_clock_limit",
]


@dataclass(frozen=True, slots=True)
class PageLimits:
    """Bounds on one page; the defaults are the ``extract`` step's."""

    max_bytes: int = 5_000_000
    """Larger payloads are refused (``too_large``); characters for ``str`` input."""
    max_nodes: int = 300_000
    """Pages with more tags are refused (``too_large``)."""
    max_depth: int = 2_000
    """Pages nested deeper (estimated from the markup) are refused (``parse_error``)."""
    timeout_s: float = 5.0
    """Wall-clock bound (0: none); over it, ``extract_timeout``. Main thread only."""

    def __post_init__(self) -> None:
        if min(self.max_bytes, self.max_nodes, self.max_depth) <= 0:
            raise ValueError("max_bytes, max_nodes and max_depth must be > 0")
        if self.timeout_s < 0:
            raise ValueError("timeout_s must be >= 0")


class PageRejected(ValueError):
    """A page the guards refuse to extract.

    ``reason`` is one of ``too_large``, ``not_html``, ``parse_error`` and
    ``extract_timeout`` (the ``extract`` step's drop reasons); ``value`` and
    ``threshold`` are the measure and the limit it broke, when there is one.
    """

    def __init__(self, reason: str, detail: str, value: float | None = None,
                 threshold: float | None = None, limit: str | None = None) -> None:
        measured = "" if value is None else f" ({value:,} > {threshold:,})"
        super().__init__(f"{reason}: {detail}{measured}")
        self.reason = reason
        self.detail = detail
        self.value = value
        self.threshold = threshold
        self.limit = limit
        """The :class:`PageLimits` field the page broke (None for a binary payload)."""


def check_payload(data: bytes | str, limits: PageLimits) -> None:
    """Refuse a payload over ``max_bytes``, or bytes that are binary (a PDF, an image).

    Empty or blank input passes (it extracts to nothing); so does any ``str``
    (already text) under the size limit.
    """
    if len(data) > limits.max_bytes:
        raise PageRejected("too_large", "payload over max_bytes", len(data), limits.max_bytes,
                           "max_bytes")
    if isinstance(data, bytes) and data[:4096].strip() and not looks_like_html(data):
        raise PageRejected("not_html", "binary payload")


def check_structure(html: str, limits: PageLimits) -> None:
    """Refuse decoded markup with more than ``max_nodes`` tags or nested over ``max_depth``."""
    # Every tag starts with "<": a page with few of them passes both checks without
    # the (three times slower) tag scans.
    if html.count("<") <= min(limits.max_nodes, limits.max_depth):
        return
    tags = count_tags(html)
    if tags > limits.max_nodes:
        raise PageRejected("too_large", "more tags than max_nodes", tags, limits.max_nodes,
                           "max_nodes")
    depth = nesting_depth(html, limits.max_depth) if tags > limits.max_depth else 0
    if depth > limits.max_depth:
        raise PageRejected("parse_error", "nesting over max_depth", depth, limits.max_depth,
                           "max_depth")


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """:func:`wall_clock_limit` raising :class:`PageRejected` (``extract_timeout``)."""
    try:
        with wall_clock_limit(seconds):
            yield
    except PageTimeout:
        raise PageRejected("extract_timeout", f"page took longer than {seconds:g} s",
                           None, seconds, "timeout_s") from None


class PageTimeout(BaseException):
    """Raised by the alarm handler; a ``BaseException`` so that no ``except
    Exception`` inside a library can swallow it."""


@contextmanager
def wall_clock_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`PageTimeout` in this block after ``seconds`` (main thread only).

    Any timer and handler set by an outer caller are restored afterwards, the
    timer with what remained of it.
    """
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise PageTimeout

    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay > 0:
            remaining = max(previous_delay - (time.monotonic() - started), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, remaining, previous_interval)


# Text that never holds elements; skipped by the depth scan so that ``a<b`` in a
# script does not count as a tag. Tag names match ASCII-case-insensitively, as in
# the HTML parser (a Unicode-insensitive ``<ſcript`` would be a script).
_OPAQUE_NAMES = ("script", "style", "textarea", "title", "xmp")
_OPAQUE_START = re.compile(rf"<!--|<({'|'.join(_OPAQUE_NAMES)})\b", re.IGNORECASE | re.ASCII)
_OPAQUE_END = {name: re.compile(f"</{name}", re.IGNORECASE | re.ASCII) for name in _OPAQUE_NAMES}
# The start of a tag: "/" if it is an end tag, and its name. The tag ends at the next
# ">" (a single find: a regular expression running to ">" would go back over the rest
# of the page for each "<" left unclosed, quadratic in their number).
_TAG_START = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)")
_FOREIGN_ROOTS = frozenset({"svg", "math"})
# Void elements, and elements the parser closes by itself at the next sibling.
_FLAT_TAGS = frozenset(
    {
        "area", "base", "basefont", "bgsound", "br", "col", "colgroup", "embed", "frame",
        "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
        "tfoot", "rt", "rp",
    }
)  # fmt: skip


_START_TAG = re.compile(r"<[A-Za-z]")
_SLICE = 1 << 20


def count_tags(html: str) -> int:
    """An upper bound of the number of elements: ``<`` followed by a letter.

    Counted a slice at a time (a tag start is two characters, so slices overlap
    by one), so that a page of millions of tags never becomes a list of them.
    """
    total = 0
    for start in range(0, len(html), _SLICE):
        total += len(_START_TAG.findall(html, start, start + _SLICE + 1))
    return total


def _without_opaque(html: str) -> str:
    """``html`` without comments and the content of script, style and text elements.

    A find loop rather than one regular expression: a lazy ``.*?`` with a
    backreference over a large page is ten times slower. End tags are searched
    case-insensitively in ``html`` itself (no lowered copy of the page: it costs
    more than the whole search, and Unicode lowering can shift offsets).
    """
    kept: list[str] = []
    position = 0
    while (found := _OPAQUE_START.search(html, position)) is not None:
        kept.append(html[position : found.start()])
        name = found.group(1)
        if name is None:
            end = html.find("-->", found.end())
            marker_chars = 3
        else:
            closing = _OPAQUE_END[name.lower()].search(html, found.end())
            end = -1 if closing is None else closing.start()
            marker_chars = len(name) + 2
        if end < 0:
            return "".join(kept)
        position = end + marker_chars
    kept.append(html[position:])
    return "".join(kept)


def nesting_depth(html: str, limit: int) -> int:
    """Estimated element nesting depth of ``html``, scanning no further than ``limit``.

    A tag-level scan (no parse): comments, scripts and styles are skipped; void
    elements, elements with optional end tags and, inside ``<svg>`` / ``<math>``,
    self-closing tags (``<path/>``) do not nest, as in the HTML parser. Returns as
    soon as the depth passes ``limit``. Linear in the page size: a tag runs to the
    next ``>`` (the scan then goes on from there), and when no ``>`` is left no tag
    can close, so the scan stops.

    >>> nesting_depth("<div><div><br><p>x</div></div>", 100)
    2
    >>> nesting_depth("<svg><g><path d='M0'/><path/></g></svg><div/><div/>", 100)
    2
    """
    depth = peak = foreign = 0
    for closing, name, last in _tags(_without_opaque(html)):
        self_closing = last == "/"
        if name in _FOREIGN_ROOTS and not self_closing:
            foreign = max(foreign - 1, 0) if closing else foreign + 1
        if name in _FLAT_TAGS or (self_closing and (foreign or name in _FOREIGN_ROOTS)):
            continue
        if closing:
            depth = max(depth - 1, 0)
            continue
        depth += 1
        if depth > peak:
            peak = depth
            if peak > limit:
                break
    return peak


def _tags(html: str) -> Iterator[tuple[bool, str, str]]:
    """``(is an end tag, lowercased name, last character before ">")`` of each tag."""
    position = 0
    while (found := _TAG_START.search(html, position)) is not None:
        end = html.find(">", found.end())
        if end < 0:
            return
        yield found.group(1) == "/", found.group(2).lower(), html[end - 1]
        position = end + 1
