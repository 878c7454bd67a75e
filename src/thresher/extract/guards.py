"""Cheap guards against hostile pages, used by the ``extract`` step before and around parsing.

* :func:`count_tags` and :func:`nesting_depth` look at the markup with regular
  expressions, without building a tree: lexbor's tree construction is quadratic
  in the nesting depth (200,000 nested ``<div>`` take minutes), so absurd pages
  must be recognized before they reach the parser.
* :func:`wall_clock_limit` bounds the time spent on one page with ``SIGALRM``.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["PageTimeout", "count_tags", "nesting_depth", "wall_clock_limit"]


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
# A tag: "/" if it is an end tag, its name, and the last character before ">" ("/"
# if self-closing). Capturing one character instead of all the attributes makes
# the scan cheaper.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:[^>]*([^>]))?>")
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


def count_tags(html: str) -> int:
    """An upper bound of the number of elements: ``<`` followed by a letter."""
    return len(_START_TAG.findall(html))


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
    soon as the depth passes ``limit``, so the cost is bounded by the page size.

    >>> nesting_depth("<div><div><br><p>x</div></div>", 100)
    2
    >>> nesting_depth("<svg><g><path d='M0'/><path/></g></svg><div/><div/>", 100)
    2
    """
    depth = peak = foreign = 0
    for closing, name, last in _TAG.findall(_without_opaque(html)):
        name = name.lower()
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
