"""The bytes of a plain, gzip or zstd file in bounded chunks, and how the stream ended.

Python's ``gzip`` module reports a cut file but zstandard's stream reader does
not: it stops quietly at the end of the input, so a truncated ``.jsonl.zst``
used to read as a shorter, apparently intact file. :func:`chunks` yields the
decompressed bytes and *returns* a :class:`StreamEnd` saying whether the
stream ended cleanly, was cut (``truncated``) or was corrupt (``read_error``):

* gzip: members are inflated one after the other with zlib, output bounded per
  call (a decompression bomb never lands in memory at once); bytes after the
  last member that are not another member (and not blank padding) are an error;
* zstd: the stream reader gives bounded output across frames, and the frame
  structure (:func:`zstd_end`) is walked afterwards to see whether the file
  ends exactly at the end of a frame.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import IO, BinaryIO, Final, NamedTuple, cast

import zstandard
from zlib_ng import zlib_ng as zlib  # zlib's API, inflating twice as fast

from thresher.readers.gzip_members import ZLIB_ERROR

__all__ = ["StreamEnd", "chunks", "zstd_end"]

_CHUNK: Final = 1 << 16
_GZIP_MAGIC: Final = b"\x1f\x8b"
_ZSTD_MAGIC: Final = 0xFD2FB528
_BLANK: Final = b"\r\n \t\x00"


class StreamEnd(NamedTuple):
    """How a decompressed stream ended."""

    reason: str | None
    """None for a clean end; else ``truncated`` or ``read_error``."""
    detail: str = ""


Chunks = Generator[bytes, None, StreamEnd]


def chunks(fh: BinaryIO, name: str) -> Chunks:
    """Decompressed chunks of ``fh`` (``.gz`` / ``.zst`` by ``name``, else plain bytes)."""
    if name.endswith(".gz"):
        return _gzip_chunks(fh)
    if name.endswith(".zst"):
        return _zstd_chunks(fh)
    return _plain_chunks(fh)


def _plain_chunks(fh: BinaryIO) -> Chunks:
    while data := fh.read(_CHUNK):
        yield data
    return StreamEnd(None)


def _gzip_chunks(fh: BinaryIO) -> Chunks:
    decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    pending = fh.read(_CHUNK)
    if not pending:
        return StreamEnd(None)  # an empty file holds no records
    while True:
        if not pending:
            pending = fh.read(_CHUNK)
            if not pending:
                return StreamEnd("truncated", "the file ends inside a gzip member")
        try:
            out = decomp.decompress(pending, _CHUNK)
        except ZLIB_ERROR as err:
            return StreamEnd("read_error", f"gzip data error: {err}")
        pending = decomp.unconsumed_tail
        if out:
            yield out
        if decomp.eof:
            rest = decomp.unused_data + fh.read(2)
            if rest[:2] == _GZIP_MAGIC:
                decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
                pending = rest
            elif _blank_to_end(rest, fh):
                return StreamEnd(None)
            else:
                return StreamEnd("read_error", "bytes after the gzip data are not gzip data")


def _blank_to_end(head: bytes, fh: BinaryIO) -> bool:
    data = head
    while not data.strip(_BLANK):
        data = fh.read(_CHUNK)
        if not data:
            return True
    return False


def _zstd_chunks(fh: BinaryIO) -> Chunks:
    # The frames are walked first: the stream reader raises on bytes after the last
    # frame before handing out the output it decoded in the same call.
    valid, end = zstd_end(fh)
    fh.seek(0)
    limited = cast("IO[bytes]", _Limited(fh, valid))  # only read() is used
    reader = zstandard.ZstdDecompressor().stream_reader(limited, read_across_frames=True)
    try:
        while data := reader.read(_CHUNK):
            yield data
    except zstandard.ZstdError as err:
        return StreamEnd("read_error", f"zstd data error: {err}")
    return end


class _Limited:
    """The first ``limit`` bytes of a file, for a reader that must not see the rest."""

    def __init__(self, fh: BinaryIO, limit: int) -> None:
        self._fh = fh
        self._left = limit

    def read(self, size: int = -1) -> bytes:
        want = self._left if size < 0 else min(size, self._left)
        data = self._fh.read(want)
        self._left -= len(data)
        return data


def zstd_end(fh: BinaryIO) -> tuple[int, StreamEnd]:
    """Walk the zstd frames of ``fh`` from its start: where its frames end, and how.

    ``(end, how)``: the offset up to which the bytes are frames (the file size
    when the last frame is cut) and a :class:`StreamEnd`: clean when the file
    ends exactly where a frame ends. Reads only frame and block headers,
    seeking past block contents: one small read a block (128 KiB of output).
    """
    size = fh.seek(0, 2)
    pos = 0
    while pos < size:
        fh.seek(pos)
        end = _frame_end(fh, pos)
        if end is None:
            return pos, StreamEnd("read_error", f"bytes at {pos} are not a zstd frame")
        if end > size:
            return size, StreamEnd("truncated", f"the file ends inside the zstd frame at {pos}")
        pos = end
    return size, StreamEnd(None)


def _frame_end(fh: BinaryIO, start: int) -> int | None:
    """File offset just after the frame at ``start`` (maybe past the end); None if no frame."""
    head = fh.read(4)
    if len(head) < 4:
        return start + 4 if head else None
    magic = int.from_bytes(head, "little")
    if magic & 0xFFFFFFF0 == 0x184D2A50:  # skippable frame: a 4-byte size, then data
        field = fh.read(4)
        return start + 8 + int.from_bytes(field, "little") if len(field) == 4 else start + 8
    if magic != _ZSTD_MAGIC:
        return None
    descriptor = fh.read(1)
    if not descriptor:
        return start + 5
    fhd = descriptor[0]
    fcs_flag, single, checksum, dict_flag = fhd >> 6, (fhd >> 5) & 1, (fhd >> 2) & 1, fhd & 3
    header = 5 + (0 if single else 1) + (0, 1, 2, 4)[dict_flag] + (single, 2, 4, 8)[fcs_flag]
    pos = start + header
    while True:
        fh.seek(pos)
        block = fh.read(3)
        if len(block) < 3:
            return pos + 3
        value = int.from_bytes(block, "little")
        last, kind, size = value & 1, (value >> 1) & 3, value >> 3
        if kind == 3:
            return None
        pos += 3 + (1 if kind == 1 else size)
        if last:
            return pos + 4 * checksum
