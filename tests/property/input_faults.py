"""The fault campaign's machinery: small inputs in every format, mutations that damage them,
and the check that every record the mutation left intact comes out exactly once.

Shared by ``test_faults_inputs.py`` (a short seeded run) and
``benchmarks/faults_inputs.py`` (thousands of cases). A case is built in three
steps:

1. a corpus: a few records (HTML responses with a request record between them,
   WET conversion records, or JSONL lines), each with a unique key;
2. record-level mutations: a lying Content-Length, a duplicated record, junk
   inserted between records;
3. the file's bytes (plain, a gzip member per record, or one compressed stream
   for JSONL), then byte-level mutations: bit flips, a cut, a splice (a range
   removed).

The oracle knows each record instance's byte range (its gzip member in a
``.warc.gz``; for a JSONL line, the newline before it too, since a line is only
a line between two newlines): an instance is *intact* when no mutation touched
that range. In one compressed stream (``.jsonl.gz``, ``.jsonl.zst``) a damaged
byte spoils everything after it, so only a cut has an oracle there: the lines a
streaming decoder gets out of the prefix.

:func:`check` runs the case through :func:`thresher.run_pipeline` with the
``extract`` step only and returns the broken invariants (empty: the case held):

* the run does not raise and its manifest balances
  (``records_in == documents_out + rejected``, read errors included);
* ids in the output are unique;
* every intact record is in the output with its expected text, or rejected as
  ``duplicate_id`` (an earlier record, maybe a damaged copy, took its id first);
  and no record has fewer entries (output plus rejected) than intact instances;
* no phantom records: ``records_in`` is at most the records written plus two
  per byte-level mutation and one per junk insertion.

:func:`check_ranges` checks a damaged WARC or WET file cut into byte-range shards: the
ranges, read one after the other, give exactly the whole file's results.
"""

from __future__ import annotations

import gzip
import io
import itertools
import json
import random
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import zstandard

from thresher import PipelineSpec, run_pipeline
from thresher.readers import Document, ReaderConfig, Rejection, Skipped, Span
from thresher.readers.warc import read_warc_stream
from thresher.readers.warc_index import cut_points
from thresher.serialize import open_text_read
from warc_build import gzip_member, http_request, http_response, sha1_digest, warc_record

FORMATS = ("warc", "warc.gz", "warc.wet", "warc.wet.gz", "jsonl", "jsonl.gz", "jsonl.zst")
WARC_FORMATS = FORMATS[:4]
"""The formats a run may cut into byte-range shards."""
MUTATIONS = ("lie", "dup", "junk", "flip", "cut", "splice", "graft")
DATE = "2026-03-01T12:00:00Z"
SPEC = PipelineSpec.from_dict({"steps": [{"use": "extract"}]})
_WORDS = ("river", "stone", "market", "lantern", "harvest", "copper", "meadow", "signal",
          "orchard", "thunder", "velvet", "harbor", "compass", "ember", "glacier", "summit")


@dataclass
class Unit:
    """One record instance in the file: its key (None for junk) and the bytes it needs."""

    key: str | None
    record_id: str | None
    raw: bytes
    touched: bool = False
    start: int = 0
    end: int = 0


@dataclass
class Case:
    """A damaged input and what the oracle knows about it."""

    fmt: str
    data: bytes
    units: list[Unit]
    mutations: list[str] = field(default_factory=list)
    byte_sites: int = 0
    limit: int | None = None  # the reader's max_record_bytes, when not the default
    copied: int = 0  # records (whole or not) a graft may have copied
    stream_good: Counter[str] | None = None  # compressed-stream JSONL: intact keys, if known

    @property
    def name(self) -> str:
        return "input." + self.fmt

    def intact(self) -> Counter[str]:
        if self.stream_good is not None:
            return self.stream_good
        return Counter(u.key for u in self.units if u.key is not None and not u.touched)

    def written(self) -> int:
        return sum(1 for u in self.units if u.key is not None or u.record_id is None)


# -- corpora ------------------------------------------------------------------------------------


def _text(rng: random.Random, key: str) -> str:
    sentences = []
    for _ in range(rng.randint(3, 6)):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 16))]
        sentences.append(" ".join(words).capitalize() + ".")
    return f"Record {key}. " + " ".join(sentences)


def _response(key: str, text: str) -> tuple[str, bytes]:
    page = (f"<!DOCTYPE html><html><head><title>{key}</title></head><body><article>"
            f"<h1>Story {key}</h1><p>{text}</p><p>{text[::-1]}</p></article></body></html>")
    block = http_response(200, page.encode(), [("Content-Type", "text/html; charset=utf-8")])
    rid = f"<urn:uuid:{key}>"
    rec = warc_record("response", block, date=DATE, target_uri=url_of(key),
                      content_type="application/http; msgtype=response", rec_id=rid,
                      extra=[("WARC-Block-Digest", sha1_digest(block))])
    return rid, rec


def corpus(fmt: str, seed: int, size: int) -> list[Unit]:
    """``size`` records in format ``fmt`` (WARC corpora add a request record before each)."""
    rng = random.Random(f"{fmt}:{seed}")
    units: list[Unit] = []
    for i in range(size):
        key = f"s{seed}r{i}"
        text = _text(rng, key)
        if fmt.startswith("jsonl"):
            line = json.dumps({"id": key, "text": text, "url": url_of(key)})
            units.append(Unit(key, None, line.encode() + b"\n"))
        elif ".wet" in fmt:
            rid = f"<urn:uuid:{key}>"
            block = text.encode()
            rec = warc_record("conversion", block, date=DATE, rec_id=rid,
                              target_uri=url_of(key),
                              content_type="text/plain",
                              extra=[("WARC-Block-Digest", sha1_digest(block))])
            units.append(Unit(key, rid, rec))
        else:
            url = url_of(key)
            request = warc_record("request", http_request(url), date=DATE, target_uri=url,
                                  rec_id=f"<urn:uuid:{key}-req>",
                                  content_type="application/http; msgtype=request")
            units.append(Unit(None, "request", request))
            rid, rec = _response(key, text)
            units.append(Unit(key, rid, rec))
    return units


# -- mutations ----------------------------------------------------------------------------------


def _records(units: list[Unit]) -> list[int]:
    return [i for i, u in enumerate(units) if u.key is not None]


def lie(units: list[Unit], rng: random.Random) -> str:
    """Replace one record's Content-Length with another number (its own is never kept)."""
    index = rng.choice(_records(units))
    unit = units[index]
    head, sep, rest = unit.raw.partition(b"Content-Length: ")
    if not sep:
        return "lie: none"
    value, crlf, tail = rest.partition(b"\r\n")
    old = int(value)
    new = rng.choice([0, 1, old - 1, old + 1, old + 4, old * 2, old + 300, 10**9,
                      rng.randint(0, 4 * old + 10)])
    if new == old:
        new = old + 7
    unit.raw = head + sep + str(new).encode() + crlf + tail
    unit.touched = True
    return f"lie: {unit.key} {old}->{new}"


def dup(units: list[Unit], rng: random.Random) -> str:
    """Insert an exact copy of one record somewhere after it."""
    index = rng.choice(_records(units))
    original = units[index]
    copy = Unit(original.key, original.record_id, original.raw, touched=original.touched)
    where = rng.randint(index + 1, len(units))
    units.insert(where, copy)
    return f"dup: {copy.key} at {where}"


def junk(units: list[Unit], rng: random.Random) -> str:
    """Insert bytes that are no record between two records."""
    where = rng.randint(0, len(units))
    size = rng.choice([1, 7, 40, 500])
    blob = bytes(rng.choice(b"abcdefgh{}:\"<>/ ") for _ in range(size)) + b"\r\n"
    units.insert(where, Unit(None, None, blob))
    return f"junk: {size} bytes at {where}"


def serialize(case_fmt: str, units: list[Unit]) -> bytes:
    """The file: plain bytes, one gzip member per record, or one compressed stream."""
    parts = [u.raw for u in units]
    if case_fmt.endswith("jsonl.gz"):
        return gzip.compress(b"".join(parts), mtime=0)
    if case_fmt.endswith("jsonl.zst"):
        return zstandard.ZstdCompressor(level=3).compress(b"".join(parts))
    if case_fmt.endswith(".gz"):
        parts = [gzip_member(p) for p in parts]
    pos = 0
    for unit, part in zip(units, parts, strict=True):
        unit.start, unit.end = pos, pos + len(part)
        pos += len(part)
    if case_fmt.startswith("jsonl"):
        for unit in units:  # a line also needs the newline before it
            unit.start = max(unit.start - 1, 0)
    return b"".join(parts)


def _touch(units: list[Unit], start: int, end: int) -> None:
    for unit in units:
        if unit.start < end and start < unit.end:
            unit.touched = True


def flip(case: Case, rng: random.Random) -> str:
    data = bytearray(case.data)
    pos = rng.randrange(len(data))
    data[pos] ^= 1 << rng.randrange(8)
    case.data = bytes(data)
    _touch(case.units, pos, pos + 1)
    case.stream_good = Counter() if _stream(case.fmt) else None
    return f"flip at {pos}"


def cut(case: Case, rng: random.Random) -> str:
    pos = rng.randrange(1, len(case.data))
    case.data = case.data[:pos]
    _touch(case.units, pos, 1 << 62)
    if _stream(case.fmt) and case.stream_good:  # (an already damaged stream stays so)
        case.stream_good = _decodable(case.fmt, case.data) & case.stream_good
    return f"cut at {pos}"


def splice(case: Case, rng: random.Random) -> str:
    start = rng.randrange(len(case.data))
    end = min(len(case.data), start + rng.choice([1, 3, 20, 200, 2000]))
    case.data = case.data[:start] + case.data[end:]
    _touch(case.units, start, end)
    removed = end - start
    for unit in case.units:  # later mutations see the new positions
        unit.start = unit.start - removed if unit.start >= end else min(unit.start, start)
        unit.end = unit.end - removed if unit.end >= end else min(unit.end, start)
    case.stream_good = Counter() if _stream(case.fmt) else None
    return f"splice {start}..{end}"


def graft(case: Case, rng: random.Random) -> str:
    """Insert a copy of a random slice of the file at another place (half a record, say)."""
    start = rng.randrange(len(case.data))
    piece = case.data[start : start + rng.choice([5, 60, 400, 3000])]
    where = rng.randrange(len(case.data) + 1)
    starts = (b"\n", b"WARC/", b"\x1f\x8b")
    case.copied += sum(piece.count(mark) for mark in starts) + 1
    case.data = case.data[:where] + piece + case.data[where:]
    _touch(case.units, where, where + 1)
    for unit in case.units:
        unit.start += len(piece) if unit.start >= where else 0
        unit.end += len(piece) if unit.end > where else 0
    case.stream_good = Counter() if _stream(case.fmt) else None
    return f"graft {len(piece)} bytes from {start} at {where}"


def _stream(fmt: str) -> bool:
    return fmt in ("jsonl.gz", "jsonl.zst")


def _decodable(fmt: str, data: bytes) -> Counter[str]:
    """Keys of the complete lines a streaming decoder gets out of ``data`` (a cut stream)."""
    if fmt == "jsonl.gz":
        out = zlib.decompressobj(31).decompress(data)
    else:
        reader = zstandard.ZstdDecompressor().stream_reader(data, read_across_frames=True)
        pieces = []
        while chunk := reader.read(1 << 16):
            pieces.append(chunk)
        out = b"".join(pieces)
    keys: Counter[str] = Counter()
    for line in out.split(b"\n")[:-1]:
        try:
            keys[json.loads(line)["id"]] += 1
        except (ValueError, KeyError):
            continue
    return keys


RECORD_MUTATIONS: dict[str, Callable[[list[Unit], random.Random], str]] = {
    "lie": lie, "dup": dup, "junk": junk}
BYTE_MUTATIONS: dict[str, Callable[[Case, random.Random], str]] = {
    "flip": flip, "cut": cut, "splice": splice, "graft": graft}


def make_case(fmt: str, seed: int, size: int, mutations: list[str], rng: random.Random,
              limit: int | None = None) -> Case:
    """A corpus in ``fmt`` damaged by ``mutations`` (record-level ones first); ``limit``
    sets the reader's ``max_record_bytes`` (records over it are read through, not kept)."""
    units = corpus(fmt, seed, size)
    notes = []
    for name in mutations:
        if name in RECORD_MUTATIONS and not (name == "lie" and fmt.startswith("jsonl")):
            notes.append(RECORD_MUTATIONS[name](units, rng))
    case = Case(fmt, serialize(fmt, units), units, limit=limit)
    if _stream(fmt):
        case.stream_good = case.intact()
    for name in mutations:
        if name in BYTE_MUTATIONS and len(case.data) > 1:
            notes.append(BYTE_MUTATIONS[name](case, rng))
            case.byte_sites += 1
    case.mutations = notes
    return case


# -- running and checking -----------------------------------------------------------------------


def _records_of(folder: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*")) if folder.exists() else []:
        with open_text_read(path) as fh:
            out.extend(json.loads(line) for line in fh if line.strip())
    return out


@dataclass
class Outcome:
    manifest: dict[str, Any]
    data: list[dict[str, Any]]
    rejected: list[dict[str, Any]]


def run_case(case: Case, workdir: Path, range_mb: float | None = None,
             out_name: str = "out") -> Outcome:
    """Write the case's file in ``workdir`` and run the extract-only pipeline over it
    (with ``range_mb``, a WARC file is cut into byte-range shards of about that size)."""
    path = workdir / case.name
    path.write_bytes(case.data)
    out = workdir / out_name
    reader: dict[str, Any] = {} if case.limit is None else {"max_record_bytes": case.limit}
    if range_mb is not None:
        reader["range_mb"] = range_mb
    spec = PipelineSpec.from_dict({**SPEC.to_dict(), "reader": reader}) if reader else SPEC
    run_pipeline([str(path)], str(out), spec, workers=1)
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    return Outcome(manifest, _records_of(out / "data"), _records_of(out / "rejected"))


def url_of(key: str) -> str:
    """Records are followed by their URL: ids may depend on how the input path is spelled."""
    return f"https://faults.example/{key}"


_EXPECTED: dict[tuple[str, int, int], dict[str, str]] = {}


def expected_texts(fmt: str, seed: int, size: int) -> dict[str, str]:
    """Key -> output text of the undamaged corpus (computed once per corpus)."""
    cache_key = (fmt, seed, size)
    if cache_key not in _EXPECTED:
        case = make_case(fmt, seed, size, [], random.Random(0))
        with tempfile.TemporaryDirectory() as tmp:
            outcome = run_case(case, Path(tmp))
            by_url = {rec["url"]: rec["text"] for rec in outcome.data}
            texts = {u.key: by_url.get(url_of(u.key), "") for u in case.units if u.key is not None}
        assert all(texts.values()), f"the clean {fmt} corpus lost records"
        _EXPECTED[cache_key] = texts
    return _EXPECTED[cache_key]


def check(case: Case, seed: int, size: int, workdir: Path,
          range_mb: float | None = None) -> list[str]:
    """The invariants ``case`` breaks (see the module docstring); empty when it held.

    ``range_mb`` runs the case cut into byte-range shards of about that size."""
    expected = expected_texts(case.fmt, seed, size)
    try:
        outcome = run_case(case, workdir, range_mb)
    except Exception as err:  # a crash is a finding, not a test error
        return [f"run raised {type(err).__name__}: {err}"]
    problems: list[str] = []
    acc = outcome.manifest["accounting"]
    if not acc["balanced"] or acc["records_in"] != acc["documents_out"] + acc["rejected"]:
        problems.append(f"unbalanced accounting {acc}")
    if acc["documents_out"] != len(outcome.data) or acc["rejected"] != len(outcome.rejected):
        problems.append(f"accounting {acc} does not match the files "
                        f"({len(outcome.data)} kept, {len(outcome.rejected)} rejected)")
    kept = Counter(rec["id"] for rec in outcome.data)
    if any(n > 1 for n in kept.values()):
        problems.append(f"ids repeated in the output: {[i for i, n in kept.items() if n > 1]}")
    problems += _intact_records(case, outcome, expected)
    limit = case.written() + 2 * case.byte_sites + case.copied
    if acc["records_in"] > limit:
        problems.append(f"records_in {acc['records_in']} > {limit} records that could exist")
    return problems


def _limited_size(raw: bytes) -> int:
    """What ``max_record_bytes`` is compared with: a WARC block's length, a JSONL line's."""
    _head, sep, rest = raw.partition(b"Content-Length: ")
    if sep:
        return int(rest.split(b"\r\n", 1)[0])
    return len(raw.rstrip(b"\n"))


def _intact_records(case: Case, outcome: Outcome, expected: dict[str, str]) -> list[str]:
    problems = []
    texts: dict[str | None, set[str]] = {}
    for rec in outcome.data:
        texts.setdefault(rec.get("url"), set()).add(rec["text"])
    entries = Counter(rec.get("url") for rec in outcome.data)
    entries.update(rec.get("url") for rec in outcome.rejected)
    duplicates = Counter(rec.get("url") for rec in outcome.rejected
                         if rec.get("reason") == "duplicate_id")
    large = {rec.get("url") for rec in outcome.rejected if rec.get("reason") == "too_large"}
    sizes = {u.key: _limited_size(u.raw) for u in case.units
             if u.key is not None and not u.touched}
    for unit in case.units:  # (a stream's intact lines may be marked touched)
        if unit.key is not None:
            sizes.setdefault(unit.key, _limited_size(unit.raw))
    over = 0  # intact records over the limit (a JSONL line is not read, so has no url)
    for key, count in sorted(case.intact().items()):
        url = url_of(key)
        if case.limit is not None and sizes[key] > case.limit:
            over += count
            if url not in large and not case.fmt.startswith("jsonl"):
                problems.append(f"record {key} over max_record_bytes is not rejected")
            continue
        if expected[key] in texts.get(url, ()) or duplicates[url]:
            pass  # kept with its text, or rejected because an earlier record took its id
        elif url not in texts:
            problems.append(f"intact record {key} is not in the output")
        else:
            problems.append(f"intact record {key} has the wrong text")
        if entries[url] < count:
            problems.append(f"intact record {key}: {count} instances, {entries[url]} entries")
    too_large = sum(1 for rec in outcome.rejected if rec.get("reason") == "too_large")
    if too_large < over:
        problems.append(f"{over} intact records over max_record_bytes, {too_large} too_large")
    return problems


# -- byte-range shards ---------------------------------------------------------------------------


def _key(item: Document | Rejection | Skipped) -> tuple[Any, ...]:
    if isinstance(item, Skipped):
        return ("skip", item.kind)
    doc = item.doc if isinstance(item, Rejection) else item
    why = (item.reason, item.detail) if isinstance(item, Rejection) else None
    return (type(item).__name__, doc.id, doc.url, doc.provenance, doc.text, doc.html, why)


def _read(data: bytes, name: str, config: ReaderConfig, span: Span | None) -> list[Any]:
    return [_key(r) for r in read_warc_stream(io.BytesIO(data), name, config, "in", span)]


def check_ranges(data: bytes, name: str, limit: int | None, rng: random.Random) -> int:
    """Assert that a WARC file cut at all its cut points, and at a random subset of them,
    reads range after range like the whole file; the number of cut points."""
    config = ReaderConfig() if limit is None else ReaderConfig(max_record_bytes=limit)
    whole = _read(data, name, config, None)
    cuts = cut_points(io.BytesIO(data), name, config.max_record_bytes)
    assert cuts == sorted(set(cuts)) and all(0 < c < len(data) for c in cuts)
    for chosen in (cuts, sorted(rng.sample(cuts, rng.randint(0, len(cuts))))):
        bounds = [0, *chosen, len(data)]
        pieces: list[Any] = []
        for start, end in itertools.pairwise(bounds):
            pieces += _read(data, name, config, Span(start, end))
        assert pieces == whole, f"ranges at {chosen} read differently"
    return len(cuts)
