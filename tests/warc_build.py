"""Building WARC records byte by byte, deterministically, the way Common Crawl lays them out.

Used to pack test fixtures (tests/data/make_fixtures.py), the bundled sample crawl and
benchmark inputs (benchmarks/make_sample.py, pack_warc.py): the
same arguments always give the same bytes (record ids are UUIDv5 of their
parts, dates are given, gzip members carry no timestamp). Not part of the
package: tests import it from this folder (pytest ``pythonpath``).

>>> rec = warc_record("resource", b"hi", target_uri="file:a", date="2026-01-01T00:00:00Z")
>>> rec.splitlines()[0]
b'WARC/1.0'
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import uuid
from collections.abc import Iterable, Sequence
from http import HTTPStatus
from pathlib import Path

__all__ = [
    "gzip_member",
    "http_request",
    "http_response",
    "record_id",
    "sha1_digest",
    "warc_record",
    "write_warc_gz",
]

Headers = Sequence[tuple[str, str]]
_NAMESPACE = uuid.UUID("6f1c1f3e-3b5a-4f55-9d1e-2c7a2b1e9a10")


def record_id(*parts: str) -> str:
    """A WARC-Record-ID (``<urn:uuid:...>``) that depends only on ``parts``."""
    return f"<urn:uuid:{uuid.uuid5(_NAMESPACE, chr(31).join(parts))}>"


def sha1_digest(data: bytes) -> str:
    """A WARC block or payload digest: ``sha1:`` and the base32 SHA-1, as crawlers write it."""
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def _header_block(first_line: str, headers: Headers) -> bytes:
    lines = [first_line, *(f"{k}: {v}" for k, v in headers)]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")


def warc_record(warc_type: str, block: bytes, *, date: str, target_uri: str | None = None,
                content_type: str | None = None, rec_id: str | None = None,
                extra: Headers = ()) -> bytes:
    """One uncompressed WARC/1.0 record: header, block, and the two closing CRLFs."""
    headers: list[tuple[str, str]] = [("WARC-Type", warc_type), ("WARC-Date", date)]
    headers.append(("WARC-Record-ID", rec_id or record_id(warc_type, target_uri or "", date)))
    if target_uri is not None:
        headers.append(("WARC-Target-URI", target_uri))
    headers.extend(extra)
    if content_type is not None:
        headers.append(("Content-Type", content_type))
    headers.append(("Content-Length", str(len(block))))
    return _header_block("WARC/1.0", headers) + block + b"\r\n\r\n"


def http_response(status: int, body: bytes, headers: Headers = ()) -> bytes:
    """An HTTP/1.1 response message (status line, headers, body) with a Content-Length."""
    reason = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Unknown"
    all_headers = [*headers, ("Content-Length", str(len(body)))]
    return _header_block(f"HTTP/1.1 {status} {reason}", all_headers) + body


def http_request(url: str, user_agent: str = "thresher-sample/0.1") -> bytes:
    """An HTTP GET request message for ``url``, as a crawler would have sent it."""
    rest = url.split("://", 1)[-1]
    host, _, path = rest.partition("/")
    headers = [("Host", host), ("User-Agent", user_agent), ("Accept", "text/html,*/*;q=0.8"),
               ("Accept-Encoding", "gzip")]
    return _header_block(f"GET /{path} HTTP/1.1", headers)


def gzip_member(data: bytes) -> bytes:
    """``data`` as one gzip member with a fixed header (no name, mtime 0)."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def write_warc_gz(path: Path, records: Iterable[bytes]) -> int:
    """Write records as a Common Crawl style ``.warc.gz`` (one gzip member each); returns bytes."""
    size = 0
    with path.open("wb") as out:
        for rec in records:
            size += out.write(gzip_member(rec))
    return size
