"""Regenerate the binary reader fixtures in tests/data/{warc,html,jsonl}/.

Run from the repository root: ``python tests/data/make_fixtures.py``.
The output is deterministic and committed; tests never run this script.
Each file is named after the quirk it exercises.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import zlib
from pathlib import Path

import zstandard
from fastwarc.stream_io import BrotliWriter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from warc_build import (
    gzip_member,
    http_request,
    http_response,
    warc_record,
    write_warc_gz,
)

HERE = Path(__file__).resolve().parent
DATE = "2026-03-01T12:00:00Z"
HTML = "text/html; charset=utf-8"
HTTP_RESPONSE = "application/http; msgtype=response"
HTTP_REQUEST = "application/http; msgtype=request"


def page(title: str, body: str) -> bytes:
    """A small but complete HTML page."""
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><h1>{title}</h1><p>{body}</p></body></html>\n").encode()


def response(url: str, body: bytes, status: int = 200, ctype: str | None = HTML,
             extra_http: list[tuple[str, str]] | None = None,
             extra_warc: list[tuple[str, str]] | None = None) -> bytes:
    headers = [("Content-Type", ctype)] if ctype else []
    headers += extra_http or []
    block = http_response(status, body, headers)
    return warc_record("response", block, date=DATE, target_uri=url,
                       content_type=HTTP_RESPONSE, extra=extra_warc or [])


def request(url: str) -> bytes:
    return warc_record("request", http_request(url), date=DATE, target_uri=url,
                       content_type=HTTP_REQUEST)


def warcinfo() -> bytes:
    info = b"software: thresher fixtures\r\nformat: WARC File Format 1.0\r\n"
    return warc_record("warcinfo", info, date=DATE, content_type="application/warc-fields")


def metadata(url: str) -> bytes:
    return warc_record("metadata", b"fetchTimeMs: 42\r\n", date=DATE, target_uri=url,
                       content_type="application/warc-fields")


def two_pages() -> list[bytes]:
    a, b = "https://example.org/a", "https://example.org/b"
    return [warcinfo(), request(a), response(a, page("Alpha", "First page.")), metadata(a),
            request(b), response(b, page("Beta", "Second page."))]


def warc_fixtures(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_warc_gz(out / "two-pages-with-request-metadata.warc.gz", two_pages())
    (out / "two-pages-uncompressed.warc").write_bytes(b"".join(two_pages()))
    # Not Common Crawl style: all records in one gzip stream.
    (out / "single-gzip-stream.warc.gz").write_bytes(gzip.compress(b"".join(two_pages()), mtime=0))
    # The last record lacks the CRLF CRLF that should close it.
    (out / "no-closing-crlf.warc").write_bytes(b"".join(two_pages())[:-4])

    # The last gzip member cut in the middle of the payload.
    recs = [gzip_member(r) for r in two_pages()]
    whole = b"".join(recs)
    (out / "truncated-record.warc.gz").write_bytes(whole[: len(whole) - len(recs[-1]) // 3])
    # Cut a few bytes into the last member: fastwarc sees no record at all.
    (out / "cut-in-warc-header.warc.gz").write_bytes(whole[: len(whole) - len(recs[-1]) + 12])
    raw = b"".join(two_pages())
    (out / "truncated-record-uncompressed.warc").write_bytes(raw[:-60])
    (out / "trailing-garbage.warc.gz").write_bytes(whole + b"this is not gzip data\n")

    # Middle member (of five responses) with corrupt deflate data.
    pages = [response(f"https://example.org/p{i}", page(f"Page {i}", "Words. " * 200))
             for i in range(5)]
    members = [bytearray(gzip_member(r)) for r in pages]
    for i in range(30, 60):
        members[2][i] ^= 0x5A
    (out / "bad-gzip-member.warc.gz").write_bytes(b"".join(bytes(m) for m in members))
    revisit = warc_record("revisit", http_response(304, b""), date=DATE,
                          target_uri="https://example.org/a", content_type=HTTP_RESPONSE,
                          extra=[("WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/"
                                  "identical-payload-digest")])
    write_warc_gz(out / "revisit-record.warc.gz", [revisit, response(
        "https://example.org/c", page("Gamma", "Third page."))])

    write_warc_gz(out / "warc-truncated-header.warc.gz", [
        response("https://example.org/cut", page("Cut", "Cut by the crawler."),
                 extra_warc=[("WARC-Truncated", "length")])])
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
    write_warc_gz(out / "non-html-record.warc.gz", [
        response("https://example.org/logo.png", png, ctype="image/png"),
        response("https://example.org/doc.pdf", b"%PDF-1.4\n%fake\n", ctype="application/pdf"),
        response("https://example.org/page", page("Page", "An HTML page."))])
    write_warc_gz(out / "http-status.warc.gz", [
        response("https://example.org/missing", page("Not found", "Gone."), status=404),
        response("https://example.org/moved", b"", status=301,
                 extra_http=[("Location", "https://example.org/new")])])
    latin = ("<html><head><title>Caf\u00e9</title></head><body><p>Cr\u00e8me br\u00fbl\u00e9e "
             "\u00e0 la fran\u00e7aise.</p></body></html>").encode("latin-1")
    write_warc_gz(out / "charset-in-header.warc.gz", [
        response("https://example.fr/cafe", latin, ctype="text/html; charset=ISO-8859-1")])
    write_warc_gz(out / "no-content-type.warc.gz", [
        response("https://example.org/sniffed", page("Sniffed", "No header."), ctype=None),
        response("https://example.org/blob", bytes(range(256)), ctype=None)])
    write_warc_gz(out / "content-encoding.warc.gz", _encoded_responses())
    resource = warc_record("resource", page("Local", "Saved with wget."), date=DATE,
                           target_uri="file:///saved/local.html", content_type="text/html")
    (out / "resource-record.warc").write_bytes(resource)
    write_warc_gz(out / "huge-record.warc.gz", [
        response("https://example.org/huge", b"<html><body>" + b"a" * 50_000_000),
        response("https://example.org/after", page("After", "The record after the huge one."))])
    write_warc_gz(out / "wet-sample.warc.wet.gz", _wet_records())


def brotli_compress(data: bytes) -> bytes:
    """Brotli via fastwarc, so regenerating fixtures needs no extra package."""
    sink = io.BytesIO()
    writer = BrotliWriter(sink)
    writer.write(data)
    writer.close()
    return sink.getvalue()


def _encoded_responses() -> list[bytes]:
    body = page("Encoded", "Compressed on the wire. " * 20)
    raw_deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = raw_deflate.compress(body) + raw_deflate.flush()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 100]), body[i:i + 100])
                       for i in range(0, len(body), 100)) + b"0\r\n\r\n"
    base = "https://example.org/enc/"
    return [
        response(base + "gzip", gzip.compress(body, mtime=0),
                 extra_http=[("Content-Encoding", "gzip")]),
        response(base + "br", brotli_compress(body), extra_http=[("Content-Encoding", "br")]),
        response(base + "deflate", deflated, extra_http=[("Content-Encoding", "deflate")]),
        response(base + "chunked", chunked, extra_http=[("Transfer-Encoding", "chunked")]),
        response(base + "already-decoded", body, extra_http=[("Content-Encoding", "gzip")]),
        response(base + "corrupt-gzip", gzip.compress(body, mtime=0)[:40] + b"\x00" * 40,
                 extra_http=[("Content-Encoding", "gzip")]),
        response(base + "unknown", b"\x28\xb5\x2f\xfd" + bytes(32),
                 extra_http=[("Content-Encoding", "zstd")]),
        response(base + "bomb", gzip.compress(b"<html>" + b" " * 20_000_000, mtime=0),
                 extra_http=[("Content-Encoding", "gzip")]),
    ]


def _wet_records() -> list[bytes]:
    info = warc_record("warcinfo", b"software: thresher fixtures\r\n", date=DATE,
                       content_type="application/warc-fields")
    texts = [
        ("https://example.de/wetter", "Das Wetter in Hamburg bleibt wechselhaft.\nRegen am Abend.",
         "deu,eng"),
        ("https://example.org/news", "Rain is expected tonight across the north.", "eng"),
        ("https://example.org/bytes", None, None),
    ]
    out = [info]
    for url, text, langs in texts:
        block = text.encode() if text is not None else b"Caf\xe9 au lait \xff\xfe ok"
        extra = [("WARC-Identified-Content-Language", langs)] if langs else []
        out.append(warc_record("conversion", block, date=DATE, target_uri=url,
                               content_type="text/plain", extra=extra))
    return out


def html_fixtures(out: Path) -> None:
    (out / "nested").mkdir(parents=True, exist_ok=True)
    (out / ".hidden").mkdir(parents=True, exist_ok=True)
    (out / "latin1-page.html").write_bytes(
        ("<html><head><meta charset=\"iso-8859-1\"><title>\u00c9t\u00e9</title></head>"
         "<body><p>L'\u00e9t\u00e9 fut tr\u00e8s chaud \u00e0 Lyon.</p></body></html>\n")
        .encode("latin-1"))
    (out / "utf8-page.htm").write_bytes(page("Unicode", "Grüße aus Köln, 東京からこんにちは."))
    (out / "nested" / "sub-page.html").write_bytes(page("Nested", "In a sub folder."))
    (out / "notes.txt").write_text("Not an input: a folder scan skips it.\n")
    (out / ".hidden" / "ignored.html").write_bytes(page("Hidden", "Skipped by folder scans."))


def jsonl_fixtures(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    good = [
        {"id": "doc-1", "text": "First text.", "url": "https://example.org/1", "lang": "en"},
        {"id": 7, "text": "Integer id.", "tags": ["a", "b"]},
        {"text": "No id: one is derived from file and line."},
    ]
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in good)
    (out / "good.jsonl").write_text(lines)
    (out / "good.jsonl.gz").write_bytes(gzip.compress(lines.encode(), mtime=0))
    (out / "good.jsonl.zst").write_bytes(zstandard.ZstdCompressor(level=3).compress(lines.encode()))
    (out / "missing-text.jsonl").write_text(
        '{"id": "a", "text": "fine"}\n{"id": "b", "body": "no text key"}\n'
        '{"id": "c", "text": 42}\n\n{"id": "d", "text": null}\n')
    bad = '{"text": "ok one"}\n{"text": "unterminated\n[1, 2, 3]\n{"text": "ok two"}\n'
    (out / "bad-json-line.jsonl.zst").write_bytes(
        zstandard.ZstdCompressor(level=3).compress(bad.encode()))
    huge = b'{"text": "' + b"x" * 50_000_000 + b'"}\n{"text": "after the huge line"}\n'
    (out / "huge-line.jsonl.gz").write_bytes(gzip.compress(huge, compresslevel=9, mtime=0))
    whole = gzip.compress(lines.encode() * 50, mtime=0)
    (out / "truncated-gzip.jsonl.gz").write_bytes(whole[: len(whole) // 2])


def main() -> None:
    warc_fixtures(HERE / "warc")
    html_fixtures(HERE / "html")
    jsonl_fixtures(HERE / "jsonl")


if __name__ == "__main__":
    main()
