"""Every input record ends in exactly one place: the output or the rejected sink.

One WARC.gz holds good pages and every kind of damage a crawl has: a record cut
off by the end of the file, a non-HTML payload, a corrupt gzip member in the
middle, a page whose HTTP Content-Encoding cannot be undone, and an HTTP 404.
"""

from __future__ import annotations

import json
from pathlib import Path

import zstandard

from thresher.cli import main
from warc_build import gzip_member, http_request, http_response, warc_record

DATE = "2026-02-02T10:00:00Z"
ARTICLE = (
    "<html><head><title>Page {n}</title></head><body><nav><a href='/'>Home</a></nav>"
    "<article><h1>Page {n}</h1>{paragraphs}</article></body></html>"
)
STORIES = [
    [
        "Shipwrights on the north quay still caulk seams by hand, with oakum and pitch.",
        "The apprentices spend their first winter doing little else but watching the older "
        "hands, who work without hurry and rarely explain what they are doing.",
        "By spring the young ones are trusted with a plank of their own.",
        "Most of the boats they mend are older than anyone in the yard.",
        "A few were built there, and their owners bring them back every summer like relatives "
        "returning for a wedding.",
        "The yard's oldest customer is a pilot cutter launched before the first world war.",
    ],
    [
        "The ferry to the islands leaves at seven, whatever the weather says.",
        "Its captain has made the crossing for twenty years and keeps a notebook of every storm.",
        "Passengers are mostly farmers, teachers and, in August, cyclists with too much luggage.",
        "The cafe on the lower deck sells soup that regulars swear by and visitors avoid.",
        "When the fog comes down, the crew sound the horn every two minutes until the pier "
        "lights appear out of the grey.",
    ],
    [
        "Salt has been raked from the marsh pans since the middle ages.",
        "A family cooperative now runs the works and sells flakes to restaurants in the capital.",
        "Harvest depends on dry wind more than on sunshine, which surprises most visitors.",
        "On a good day in July each raker brings in several hundred kilos.",
        "In a wet year the pans stay grey and the cooperative lives on what it stored before.",
    ],
]


def _page(n: int) -> bytes:
    """An article of its own: prose that differs from the other kept pages'."""
    story = STORIES[(n // 3) % len(STORIES)]  # pages 1, 4 and 7 differ
    paragraphs = "".join(f"<p>{sentence}</p>" for sentence in story)
    return ARTICLE.format(n=n, paragraphs=paragraphs).encode()


def _response(
    n: int,
    body: bytes,
    ctype: str = "text/html; charset=utf-8",
    extra: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> bytes:
    url = f"https://quay.example/page/{n}"
    block = http_response(status, body, [("Content-Type", ctype), *(extra or [])])
    return warc_record(
        "response",
        block,
        date=DATE,
        target_uri=url,
        content_type="application/http; msgtype=response",
    )


def _damaged_warc(path: Path) -> int:
    """Write the WARC; return how many response records it holds."""
    members: list[bytes] = []
    members.append(
        gzip_member(
            warc_record(
                "request",
                http_request("https://quay.example/page/1"),
                date=DATE,
                target_uri="https://quay.example/page/1",
                content_type="application/http; msgtype=request",
            )
        )
    )
    members.append(gzip_member(_response(1, _page(1))))
    members.append(
        gzip_member(_response(2, b"\x89PNG\r\n\x1a\n" + bytes(range(256)), ctype="image/png"))
    )
    corrupt = bytearray(gzip_member(_response(3, _page(3))))
    corrupt[len(corrupt) // 2 : len(corrupt) // 2 + 24] = b"\xff" * 24
    members.append(bytes(corrupt))
    members.append(gzip_member(_response(4, _page(4))))
    members.append(
        gzip_member(_response(5, b"this is not gzip at all", extra=[("Content-Encoding", "gzip")]))
    )
    members.append(gzip_member(_response(6, _page(6), status=404)))
    members.append(gzip_member(_response(7, _page(7))))
    truncated = gzip_member(_response(8, _page(8) * 20))
    members.append(truncated[: len(truncated) // 2])
    path.write_bytes(b"".join(members))
    return 8


def _lines(folder: Path) -> list[dict[str, object]]:
    rows = []
    for path in sorted(folder.glob("*.jsonl.zst")):
        with path.open("rb") as fh:
            text = zstandard.ZstdDecompressor().stream_reader(fh).read().decode()
        rows += [json.loads(line) for line in text.splitlines() if line]
    return rows


def test_every_record_is_output_or_rejected_with_a_reason(tmp_path: Path) -> None:
    warc = tmp_path / "damaged.warc.gz"
    responses = _damaged_warc(warc)
    out = tmp_path / "out"
    assert main(["run", str(warc), "-o", str(out), "-q", "--set", "extract.timeout_s=5"]) == 0

    kept = _lines(out / "data")
    rejected = _lines(out / "rejected")
    assert len(kept) + len(rejected) == responses
    assert all(r["reason"] and r["step"] for r in rejected)
    reasons = {(r["step"], r["reason"]) for r in rejected}
    assert ("read", "not_html") in reasons
    assert ("read", "read_error") in reasons
    assert ("read", "truncated") in reasons
    assert ("read", "decode_error") in reasons
    assert ("read", "http_status") in reasons
    ids = [r["id"] for r in kept + rejected]
    assert len(set(ids)) == len(ids), "a record was written twice"
    assert {r["url"] for r in kept} >= {f"https://quay.example/page/{n}" for n in (1, 4, 7)}

    manifest = json.loads((out / "manifest.json").read_text())
    acc = manifest["accounting"]
    assert acc == {
        "records_in": responses,
        "documents_out": len(kept),
        "rejected": len(rejected),
        "balanced": True,
    }
    assert manifest["counts"]["skipped"] == {"request": 1}
