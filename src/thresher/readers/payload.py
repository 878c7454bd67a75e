"""HTTP payload helpers: content types, HTML sniffing, undoing transfer and content encodings.

Pure functions over bytes, bounded by an explicit ``max_bytes`` so a
decompression bomb cannot take more memory than the reader allows.
"""

from __future__ import annotations

import contextlib
import io
import zlib
from typing import Final, NamedTuple

__all__ = [
    "HTML_MEDIA_TYPES",
    "ContentType",
    "DecodeError",
    "PayloadTooLarge",
    "dechunk",
    "decode_body",
    "looks_like_html",
    "parse_content_type",
]

HTML_MEDIA_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})
"""Media types that are read as HTML documents."""

_HTML_MARKERS: Final = (b"<!doctype html", b"<html", b"<head", b"<body", b"<title", b"<meta")
_IDENTITY: Final = frozenset({"", "identity", "none"})


class DecodeError(ValueError):
    """A transfer or content encoding could not be undone."""


class PayloadTooLarge(ValueError):
    """Decoding would produce more than the allowed number of bytes."""


class ContentType(NamedTuple):
    """A parsed ``Content-Type`` header value."""

    media_type: str | None
    charset: str | None


def parse_content_type(value: str | None) -> ContentType:
    """Split ``text/html; charset=UTF-8`` into ``("text/html", "utf-8")``.

    Both parts are lowercased; missing or empty parts are None.
    """
    if not value:
        return ContentType(None, None)
    parts = value.split(";")
    media = parts[0].strip().lower() or None
    charset = None
    for param in parts[1:]:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'").lower() or None
    return ContentType(media, charset)


def looks_like_html(prefix: bytes) -> bool:
    """Whether the first bytes of a payload look like an HTML document.

    Used only when the transport declares no content type.
    """
    head = prefix.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return any(marker in head for marker in _HTML_MARKERS)


def dechunk(body: bytes) -> bytes:
    """Undo HTTP/1.1 chunked transfer coding; raises :class:`DecodeError` if malformed."""
    out = bytearray()
    pos = 0
    while True:
        eol = body.find(b"\r\n", pos)
        if eol < 0:
            raise DecodeError("chunked body: missing chunk size line")
        size_field = body[pos:eol].split(b";", 1)[0].strip()
        try:
            size = int(size_field, 16)
        except ValueError:
            raise DecodeError(f"chunked body: bad chunk size {size_field[:20]!r}") from None
        if size == 0:
            return bytes(out)
        start = eol + 2
        if start + size > len(body):
            raise DecodeError("chunked body ends inside a chunk")
        out += body[start : start + size]
        pos = start + size + 2


def _inflate(body: bytes, wbits: int, max_bytes: int) -> bytes:
    decomp = zlib.decompressobj(wbits)
    try:
        out = decomp.decompress(body, max_bytes + 1)
    except zlib.error as err:
        raise DecodeError(f"zlib: {err}") from None
    if len(out) > max_bytes:
        raise PayloadTooLarge(f"decoded payload exceeds {max_bytes} bytes")
    if not decomp.eof:
        raise DecodeError("compressed stream ends early")
    return out


def _unbrotli(body: bytes, max_bytes: int) -> bytes:
    from fastwarc.stream_io import BrotliReader  # fastwarc >= 2: brotli without another dep

    reader = BrotliReader(io.BytesIO(body))
    out = bytearray()
    try:
        while len(out) <= max_bytes:
            chunk = reader.read(65536)
            if not chunk:
                break
            out += chunk
    except OSError as err:
        raise DecodeError(f"brotli: {err}") from None
    if len(out) > max_bytes:
        raise PayloadTooLarge(f"decoded payload exceeds {max_bytes} bytes")
    if body and not out:
        raise DecodeError("brotli: no output")
    return bytes(out)


def _undo_content_encoding(body: bytes, encoding: str, max_bytes: int) -> bytes:
    if encoding in ("gzip", "x-gzip"):
        return _inflate(body, 16 + zlib.MAX_WBITS, max_bytes)
    if encoding == "deflate":
        # Servers send both zlib-wrapped and raw deflate under this name.
        try:
            return _inflate(body, zlib.MAX_WBITS, max_bytes)
        except DecodeError:
            return _inflate(body, -zlib.MAX_WBITS, max_bytes)
    if encoding == "br":
        return _unbrotli(body, max_bytes)
    raise DecodeError(f"unsupported content-encoding {encoding!r}")


def decode_body(body: bytes, content_encoding: str | None, transfer_encoding: str | None,
                max_bytes: int) -> bytes:
    """The entity body with transfer and content codings undone.

    Crawlers (Common Crawl among them) often store payloads already decoded but
    keep the original headers, so a body that fails to decode yet already looks
    like HTML is returned unchanged. Raises :class:`DecodeError` or
    :class:`PayloadTooLarge`.
    """
    if transfer_encoding and "chunked" in transfer_encoding.lower():
        with contextlib.suppress(DecodeError):  # else stored de-chunked, header kept
            body = dechunk(body)
    codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
    for coding in reversed([c for c in codings if c not in _IDENTITY]):
        try:
            body = _undo_content_encoding(body, coding, max_bytes)
        except DecodeError:
            if looks_like_html(body[:1024]):
                return body
            raise
    return body
