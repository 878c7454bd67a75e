"""HTTP payload helpers: content type parsing, sniffing, dechunking, bounded decoding."""

from __future__ import annotations

import gzip
import zlib

import pytest

from thresher.readers.payload import (
    ContentType,
    DecodeError,
    PayloadTooLarge,
    dechunk,
    decode_body,
    looks_like_html,
    parse_content_type,
)

PAGE = b"<html><body>" + b"hello " * 50 + b"</body></html>"


@pytest.mark.parametrize(("value", "expected"), [
    ("text/html; charset=UTF-8", ContentType("text/html", "utf-8")),
    ('Text/HTML;charset="iso-8859-1"', ContentType("text/html", "iso-8859-1")),
    ("application/xhtml+xml", ContentType("application/xhtml+xml", None)),
    ("", ContentType(None, None)), (None, ContentType(None, None)),
    ("; charset=utf-8", ContentType(None, "utf-8"))])
def test_parse_content_type(value: str | None, expected: ContentType) -> None:
    assert parse_content_type(value) == expected


@pytest.mark.parametrize(("prefix", "html"), [
    (b"\xef\xbb\xbf  <!DOCTYPE HTML>", True), (b"<html lang=en>", True),
    (b"<?xml version='1.0'?><html>", True), (b"\x89PNG\r\n", False), (b"%PDF-1.4", False),
    (b"{\"a\": 1}", False)])
def test_looks_like_html(prefix: bytes, html: bool) -> None:
    assert looks_like_html(prefix) is html


def test_dechunk() -> None:
    assert dechunk(b"5\r\nhello\r\n1;ext=1\r\n!\r\n0\r\n\r\n") == b"hello!"
    with pytest.raises(DecodeError):
        dechunk(b"zz\r\nhello\r\n0\r\n\r\n")
    with pytest.raises(DecodeError):
        dechunk(b"ff\r\nshort\r\n")


def test_chunked_header_on_a_dechunked_body_keeps_the_body() -> None:
    assert decode_body(PAGE, None, "chunked", 10_000) == PAGE


@pytest.mark.parametrize("encoding", ["gzip", "x-gzip", "deflate"])
def test_zlib_encodings(encoding: str) -> None:
    body = gzip.compress(PAGE) if "gzip" in encoding else zlib.compress(PAGE)
    assert decode_body(body, encoding, None, 10_000) == PAGE


def test_raw_deflate() -> None:
    comp = zlib.compressobj(wbits=-15)
    assert decode_body(comp.compress(PAGE) + comp.flush(), "deflate", None, 10_000) == PAGE


def test_identity_and_stacked_encodings() -> None:
    assert decode_body(PAGE, "identity", None, 10_000) == PAGE
    twice = gzip.compress(zlib.compress(PAGE))
    assert decode_body(twice, "deflate, gzip", None, 10_000) == PAGE


def test_decoding_is_bounded() -> None:
    with pytest.raises(PayloadTooLarge):
        decode_body(gzip.compress(b"<html>" + b" " * 100_000), "gzip", None, 1000)


def test_garbage_is_a_decode_error() -> None:
    with pytest.raises(DecodeError):
        decode_body(b"\x00\x01\x02 not compressed", "gzip", None, 10_000)
    with pytest.raises(DecodeError):
        decode_body(b"\x00\x01\x02", "br", None, 10_000)
    with pytest.raises(DecodeError, match="unsupported"):
        decode_body(b"\x00", "compress", None, 10_000)
