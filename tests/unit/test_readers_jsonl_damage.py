"""JSONL under damage: cut and corrupt compressed streams, odd bytes, huge lines, repeated ids."""

from __future__ import annotations

import gzip
import json
import random
import tracemalloc
import zlib
from pathlib import Path

import pytest
import zstandard

from thresher import PipelineSpec, run_pipeline
from thresher.document import Document
from thresher.readers import ReadResult, Rejection, read_jsonl
from thresher.readers.decompress import zstd_end


def lines(n: int) -> bytes:
    rng = random.Random(n)
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    out = []
    for i in range(n):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(20, 200)))
        out.append(json.dumps({"id": f"d{i}", "text": text}) + "\n")
    return "".join(out).encode()


def zst(data: bytes, frames: int = 1) -> bytes:
    size = -(-len(data) // frames)
    comp = zstandard.ZstdCompressor(level=3, write_checksum=True)
    return b"".join(comp.compress(data[i : i + size]) for i in range(0, len(data), size))


def read(tmp_path: Path, name: str, data: bytes) -> list[ReadResult]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_jsonl(path))


def ids(results: list[ReadResult]) -> list[str]:
    return [r.id for r in results if isinstance(r, Document)]


def reasons(results: list[ReadResult]) -> list[str]:
    return [r.reason for r in results if isinstance(r, Rejection)]


def complete_lines(decoded: bytes) -> list[str]:
    return [json.loads(line)["id"] for line in decoded.split(b"\n")[:-1]]


def zst_prefix_output(data: bytes) -> bytes:
    """What any streaming zstd decoder can get out of ``data`` (a cut file)."""
    out = []
    reader = zstandard.ZstdDecompressor().stream_reader(data, read_across_frames=True)
    while chunk := reader.read(1 << 16):
        out.append(chunk)
    return b"".join(out)


@pytest.mark.parametrize("frames", [1, 4])
def test_cut_zst_keeps_what_decodes_and_says_truncated(tmp_path: Path, frames: int) -> None:
    raw = lines(400)
    whole = zst(raw, frames)
    for cut in (len(whole) // 3, len(whole) // 2, len(whole) - 5, len(whole) - 1):
        results = read(tmp_path, "x.jsonl.zst", whole[:cut])
        assert ids(results) == complete_lines(zst_prefix_output(whole[:cut])), cut
        assert reasons(results) == ["truncated"], cut


def test_cut_zst_at_a_frame_end_is_a_shorter_intact_file(tmp_path: Path) -> None:
    raw = lines(100)
    first = zst(raw[: raw.index(b"\n", len(raw) // 2) + 1])
    results = read(tmp_path, "x.jsonl.zst", first)
    assert reasons(results) == [] and len(ids(results)) > 10


def test_cut_gzip_keeps_what_decodes_and_says_truncated(tmp_path: Path) -> None:
    raw = lines(400)
    whole = gzip.compress(raw, mtime=0)
    for cut in (len(whole) // 3, len(whole) - 5):
        decoded = zlib.decompressobj(31).decompress(whole[:cut])
        results = read(tmp_path, "x.jsonl.gz", whole[:cut])
        assert ids(results) == complete_lines(decoded), cut
        assert reasons(results) == ["truncated"], cut


@pytest.mark.parametrize("name,pack", [("x.jsonl.zst", zst), ("x.jsonl.gz", gzip.compress)])
def test_corrupt_compressed_data_is_a_read_error_after_the_good_lines(
        tmp_path: Path, name: str, pack: object) -> None:
    raw = lines(400)
    data = bytearray(pack(raw))  # type: ignore[operator]
    for i in range(len(data) * 2 // 3, len(data) * 2 // 3 + 8):
        data[i] ^= 0xA5
    results = read(tmp_path, name, bytes(data))
    assert reasons(results)[-1] == "read_error"
    kept = ids(results)
    assert kept == [f"d{i}" for i in range(len(kept))]  # a prefix, in order


@pytest.mark.parametrize("name,pack", [("x.jsonl.zst", zst), ("x.jsonl.gz", gzip.compress)])
def test_trailing_junk_after_the_compressed_stream(tmp_path: Path, name: str,
                                                   pack: object) -> None:
    raw = lines(20)
    results = read(tmp_path, name, pack(raw) + b"this is not compressed")  # type: ignore[operator]
    assert ids(results) == [f"d{i}" for i in range(20)]
    assert reasons(results) == ["read_error"]
    padded = read(tmp_path, name, pack(raw) + b"\x00" * 64)  # type: ignore[operator]
    assert len(ids(padded)) == 20
    # gzip readers tolerate NUL padding after the last member; zstd has no such habit
    assert reasons(padded) == ([] if name.endswith(".gz") else ["read_error"])


def test_multi_member_gzip_and_skippable_zstd_frames_read_whole(tmp_path: Path) -> None:
    raw = lines(50)
    half = raw.index(b"\n", len(raw) // 2) + 1
    members = gzip.compress(raw[:half]) + gzip.compress(raw[half:])
    assert ids(read(tmp_path, "x.jsonl.gz", members)) == [f"d{i}" for i in range(50)]
    skippable = (0x184D2A50).to_bytes(4, "little") + (3).to_bytes(4, "little") + b"abc"
    frames = zst(raw[:half]) + skippable + zst(raw[half:])
    results = read(tmp_path, "x.jsonl.zst", frames)
    assert ids(results) == [f"d{i}" for i in range(50)] and reasons(results) == []


def test_zstd_frame_walk(tmp_path: Path) -> None:
    data = zst(lines(30), frames=3)
    path = tmp_path / "x.zst"
    for blob, reason in ((data, None), (data[:-1], "truncated"), (data + b"xxxx", "read_error")):
        path.write_bytes(blob)
        with path.open("rb") as fh:
            assert zstd_end(fh)[1].reason == reason


def test_plain_last_line_cut_or_merely_unterminated(tmp_path: Path) -> None:
    raw = lines(5)
    cut = read(tmp_path, "x.jsonl", raw[:-30])
    assert ids(cut) == [f"d{i}" for i in range(4)] and reasons(cut) == ["truncated"]
    whole = read(tmp_path, "x.jsonl", raw.rstrip(b"\n"))
    assert ids(whole) == [f"d{i}" for i in range(5)] and reasons(whole) == []


def test_invalid_utf8_is_replaced_and_counted(tmp_path: Path) -> None:
    results = read(tmp_path, "x.jsonl", b'{"id": "u", "text": "caf\xe9 \xff ok"}\n')
    (doc,) = results
    assert isinstance(doc, Document)
    assert doc.text == "caf\ufffd \ufffd ok" and doc.metadata["utf8_replacements"] == 2


def test_nul_bytes(tmp_path: Path) -> None:
    data = b'{"id": "raw", "text": "a\x00b"}\n{"id": "esc", "text": "a\\u0000b"}\n'
    raw_nul, escaped = read(tmp_path, "x.jsonl", data)
    assert isinstance(raw_nul, Rejection) and raw_nul.reason == "bad_json"
    assert isinstance(escaped, Document) and escaped.text == "a\x00b"


def test_lone_surrogate_escapes_become_replacement_characters(tmp_path: Path) -> None:
    data = (b'{"id": "s\\udc80", "text": "lone \\ud800 pair \\ud83d\\ude00", '
            b'"tags": ["\\udfff"]}\n')
    (doc,) = read(tmp_path, "x.jsonl", data)
    assert isinstance(doc, Document)
    assert doc.id == "s\ufffd" and doc.text == "lone \ufffd pair \U0001f600"
    assert doc.metadata["tags"] == ["\ufffd"] and doc.metadata["utf8_replacements"] == 3
    doc.text.encode("utf-8")  # writable


@pytest.mark.parametrize("name", ["x.jsonl", "x.jsonl.gz", "x.jsonl.zst"])
def test_huge_line_in_bounded_memory(tmp_path: Path, name: str) -> None:
    huge = b'{"id": "big", "text": "' + b"a" * 40_000_000 + b'"}\n'
    data = huge + b'{"id": "after", "text": "small"}\n'
    if name.endswith(".gz"):
        data = gzip.compress(data, compresslevel=1)
    elif name.endswith(".zst"):
        data = zst(data)
    path = tmp_path / name
    path.write_bytes(data)
    del huge
    tracemalloc.start()
    try:
        results = list(read_jsonl(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert reasons(results) == ["too_large"] and ids(results) == ["after"]
    assert peak < 30_000_000  # the line is 40 MB; max_record_bytes is 10 MB


def test_repeated_ids_keep_the_first(tmp_path: Path) -> None:
    data = (b'{"id": "a", "text": "one"}\n{"id": 7, "text": "two"}\n'
            b'{"id": "a", "text": "three"}\n{"id": "7", "text": "four"}\n'
            b'{"text": "no id"}\n{"text": "no id either"}\n')
    results = read(tmp_path, "x.jsonl", data)
    assert [r.text for r in results if isinstance(r, Document)] == [
        "one", "two", "no id", "no id either"]
    dups = [r for r in results if isinstance(r, Rejection)]
    assert [(r.reason, r.doc.id) for r in dups] == [("duplicate_id", "a"), ("duplicate_id", "7")]


def test_truncated_zst_through_the_pipeline_is_accounted(tmp_path: Path) -> None:
    raw = lines(300)
    whole = zst(raw)
    src = tmp_path / "in.jsonl.zst"
    src.write_bytes(whole[: len(whole) * 2 // 3])
    spec = PipelineSpec.from_dict({"steps": [{"use": "clean_lines"}]})
    result = run_pipeline([str(src)], str(tmp_path / "out"), spec, workers=1)
    stats = result.stats
    assert stats.drops["read:truncated"] == 1
    assert stats.documents_out == len(complete_lines(zst_prefix_output(src.read_bytes())))
    assert stats.records_in == stats.documents_out + stats.rejected


def test_surrogates_and_nuls_reach_the_output(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"id": "s", "text": "Lone \\ud800 here and there.", "url": "https://e.org/s"}\n'
                    b'{"id": "n", "text": "A NUL \\u0000 inside.", "url": "https://e.org/n"}\n')
    spec = PipelineSpec.from_dict({"steps": []})
    result = run_pipeline([str(src)], str(tmp_path / "out"), spec, workers=1)
    assert result.stats.documents_out == 2
