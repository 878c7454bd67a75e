"""Parsing WARC and HTTP header blocks: pure functions over bytes.

Field names are matched case-insensitively (the WARC and HTTP specifications
say so; some tools write ``content-length``). A continuation line (starting
with a space or tab) extends the previous field. Lines without a colon are
ignored. Values are decoded as UTF-8, invalid bytes replaced.

>>> h = parse_warc_header(b"WARC/1.0\\r\\nWARC-Type: response\\r\\nContent-Length: 12")
>>> h.version, h.get("warc-type"), h.length
('WARC/1.0', 'response', 12)
>>> parse_http_head(b"HTTP/1.1 404 Not Found\\r\\nContent-Type: text/html\\r\\n\\r\\nbody")
HttpHead(status=404, fields={'content-type': 'text/html'}, body_start=51)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, NamedTuple

__all__ = ["HttpHead", "WarcHeader", "parse_http_head", "parse_warc_header"]

_MAX_LENGTH: Final = 1 << 62


@dataclass(frozen=True, slots=True)
class WarcHeader:
    """A parsed WARC record header."""

    version: str
    """The first line, e.g. ``WARC/1.0``."""
    fields: dict[str, str]
    """Field values by lowercased name (the first of repeated fields)."""
    length: int | None
    """The declared Content-Length; None when it is missing or unusable."""
    length_problem: str | None
    """Why ``length`` is None (missing, not a number, given twice with different values)."""

    def get(self, name: str) -> str | None:
        """The value of field ``name`` (any case), or None."""
        return self.fields.get(name.lower())

    @property
    def record_id(self) -> str | None:
        return self.fields.get("warc-record-id") or None

    @property
    def record_type(self) -> str:
        """The lowercased WARC-Type; ``""`` when missing."""
        return self.fields.get("warc-type", "").strip().lower()


def _fields(lines: list[bytes]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Field values by lowercased name: the first value, and all values."""
    first: dict[str, str] = {}
    every: dict[str, list[str]] = {}
    last: str | None = None
    for raw in lines:
        if raw[:1] in (b" ", b"\t") and last is not None:
            continued = (every[last][-1] + " " + raw.strip().decode("utf-8", "replace")).strip()
            every[last][-1] = continued
            if len(every[last]) == 1:
                first[last] = continued
            continue
        name, colon, value = raw.partition(b":")
        if not colon:
            continue
        key = name.strip().decode("utf-8", "replace").lower()
        text = value.strip().decode("utf-8", "replace")
        every.setdefault(key, []).append(text)
        first.setdefault(key, text)
        last = key
    return first, every


def _length(values: list[str] | None) -> tuple[int | None, str | None]:
    if not values:
        return None, "no Content-Length"
    if len(set(values)) > 1:
        return None, f"conflicting Content-Length values {values[:3]}"
    text = values[0]
    if not (text.isascii() and text.isdigit()) or int(text) > _MAX_LENGTH:
        return None, f"bad Content-Length {text[:40]!r}"
    return int(text), None


def parse_warc_header(raw: bytes) -> WarcHeader:
    """Parse a WARC header block (version line and fields, without the blank line after)."""
    lines = raw.split(b"\r\n")
    first, every = _fields(lines[1:])
    length, problem = _length(every.get("content-length"))
    version = lines[0].strip().decode("utf-8", "replace")
    return WarcHeader(version, first, length, problem)


class HttpHead(NamedTuple):
    """The status and header fields of an HTTP response, and where its body starts."""

    status: int | None
    """The status code; None when the status line is missing or malformed."""
    fields: dict[str, str]
    """Field values by lowercased name (the first of repeated fields)."""
    body_start: int
    """Offset of the body in the message; -1 when the header never ends."""


def parse_http_head(message: bytes) -> HttpHead:
    """Parse the head of an HTTP response message (LF-only line ends accepted)."""
    crlf = message.find(b"\r\n\r\n")
    lf = message.find(b"\n\n", 0, crlf if crlf >= 0 else len(message))
    ends = [(pos, size) for pos, size in ((crlf, 4), (lf, 2)) if pos >= 0]
    if not ends:
        return HttpHead(None, {}, -1)
    end, size = min(ends)
    lines = message[:end].replace(b"\r\n", b"\n").split(b"\n")
    parts = lines[0].split(None, 2)
    status = None
    if len(parts) >= 2 and parts[0].startswith(b"HTTP/") and parts[1].isdigit():
        status = int(parts[1])
    first, _ = _fields(lines[1:])
    return HttpHead(status, first, end + size)
