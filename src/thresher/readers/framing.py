"""Cutting WARC records out of a byte stream, and finding the next record after damage.

A record is a header (``WARC/1.0`` line, fields, blank line), then a block of
``Content-Length`` bytes, then usually ``CRLF CRLF``. The declared length is
checked, never simply believed:

* it is trusted when the block is followed by blank bytes and then the next
  record's ``WARC/`` line, the end of the data, or the end of the record's gzip
  member;
* when a record header line (``WARC/1.0`` or ``WARC/1.1`` and its line end; not
  only at a line start, so that a damaged separator does not hide the next
  record) lies inside the block that the length claims, and the length is not otherwise
  trusted, the length lies: the record is rejected and reading resumes at that
  header. The same happens when the length runs past the record's gzip member
  while the next member starts a record (Common Crawl's one member per record),
  whatever the length (10^9 included: nothing is read or allocated beyond the
  member);
* when no header lies inside and the block is followed neither by a record nor
  by ``CRLF CRLF``, the length is short: the record is rejected up to the next
  record header;
* when the block is followed by ``CRLF CRLF`` and then bytes that are not a
  record, the record stands and those bytes are a separate unreadable region;
* a header inside a block whose length is otherwise consistent (a WARC file
  archived inside a record) is kept as payload, unless the record carries a
  ``WARC-Block-Digest`` (SHA-1) that its block does not match: then the length
  lies and the record is cut at the inner header.

Each call of :func:`frames` yields one :class:`Frame` per record *or* per
unreadable region (bytes that are no record: a record whose header was
destroyed, a corrupt gzip member, trailing junk). A region the framer cannot
split counts once: this is how the readers keep "one entry per record" when
records are damaged. Blocks are held in memory only up to ``max_block_bytes``;
larger ones are read through (or, in a plain file, skipped with a seek).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, NamedTuple

from thresher.readers.headers import WarcHeader, parse_warc_header
from thresher.readers.sources import BLANK, Source, Stop

__all__ = ["Frame", "Problem", "frames"]

_HEADER_CAP: Final = 1 << 16
_LINE_BYTES: Final = len(b"WARC/1.0\r\n")
_CHUNK: Final = 1 << 16
_LOOK: Final = 64
_CLOSING: Final = b"\r\n\r\n"


class Problem(NamedTuple):
    """Why a frame cannot be used as it is: a reader reason and a detail."""

    reason: str
    detail: str


@dataclass(frozen=True, slots=True)
class Frame:
    """One record, or one unreadable region, of a WARC stream."""

    offset: int
    """File offset: the record's own in a plain file, its gzip member's in a ``.warc.gz``."""
    inner: int
    """How far into that gzip member the record starts (0 in Common Crawl's layout)."""
    header: WarcHeader | None
    """The parsed header; None for a region whose header could not be read."""
    block: bytes | None
    """The block; None when it was not kept (over the limit) or is unusable."""
    problem: Problem | None = None
    """Why the frame cannot become a document as it is; None for a sound record."""


def frames(src: Source, max_block_bytes: int) -> Iterator[Frame]:
    """The records and unreadable regions of ``src``, in order."""
    while True:
        if not _skip_blank(src):
            if src.stop is Stop.DAMAGE:
                yield _damage_frame(src)
                continue
            if src.stop is Stop.CUT:
                offset = src.cut_offset if src.cut_offset is not None else src.pos
                src.recover()
                yield Frame(offset, 0, None, None,
                            Problem("truncated", "file ends inside a gzip member"))
            return
        start = src.pos
        if src.peek(5) == b"WARC/":
            yield _record(src, start, max_block_bytes)
        else:
            yield _unreadable(src, start)
        src.release(src.pos)


def _skip_blank(src: Source) -> bool:
    """Consume blank bytes; True when a non-blank byte is next."""
    while True:
        data = src.read(256)
        rest = data.lstrip(BLANK)
        if rest:
            src.unread(rest)
            return True
        if src.stop is Stop.END and data:
            continue  # ask again from here: the end of a member may be followed by damage
        if src.stop not in (Stop.NONE, Stop.BOUNDARY):
            return False


def _damage_frame(src: Source) -> Frame:
    damage = src.damage
    assert damage is not None
    src.recover()
    return Frame(damage.offset, 0, None, None, Problem("read_error", damage.detail))


def _unreadable(src: Source, start: int) -> Frame:
    offset, inner = src.origin(start)
    skipped, note = _skip_to_next(src)
    detail = f"{skipped} bytes that are not a WARC record{note}"
    return Frame(offset, inner, None, None, Problem("read_error", detail))


# -- one record ---------------------------------------------------------------------------------


def _record(src: Source, start: int, limit: int) -> Frame:
    offset, inner = src.origin(start)
    raw, problem = _read_header(src)
    if raw is None:
        assert problem is not None
        return Frame(offset, inner, None, None, problem)
    header = parse_warc_header(raw)
    if header.length is None:
        skipped, note = _skip_to_next(src)
        detail = f"{header.length_problem}; {skipped} bytes up to the next record{note}"
        return Frame(offset, inner, header, None, Problem("read_error", detail))
    read = _small_block if header.length <= limit else _large_block
    block, problem = read(src, header)
    return Frame(offset, inner, header, block, problem)


def _read_header(src: Source) -> tuple[bytes | None, Problem | None]:
    """The header bytes (without the blank line); else what went wrong (the bytes are used)."""
    buf = b""
    while True:
        data = src.read(4096)
        search_from = max(0, len(buf) - 3)
        buf += data
        end = buf.find(_CLOSING, search_from)
        if end >= 0:
            src.unread(buf[end + 4 :])
            return buf[:end], None
        if len(buf) > _HEADER_CAP:
            src.unread(buf[1:])
            skipped, note = _skip_to_next(src)
            return None, Problem("read_error", f"no end of the WARC header in {_HEADER_CAP} "
                                               f"bytes ({skipped + 1} bytes skipped{note})")
        stop = src.stop
        if stop is Stop.NONE:
            continue
        if stop is Stop.DAMAGE:
            return None, _take_damage(src)
        if stop is Stop.BOUNDARY:
            return None, Problem("read_error", "WARC header cut short by the next gzip member")
        if stop is Stop.CUT:
            src.recover()  # after a cut, nothing is left to read
        return None, Problem("truncated", "file ends inside the WARC header")


def _take_damage(src: Source) -> Problem:
    damage = src.damage
    detail = damage.detail if damage is not None else "unreadable data"
    src.recover()
    return Problem("read_error", detail)


def _short(src: Source, header: WarcHeader, got: int) -> Problem:
    """Why a block stopped after ``got`` of its declared bytes."""
    length = header.length
    stop = src.stop
    if stop is Stop.DAMAGE:
        return _take_damage(src)
    if stop is Stop.BOUNDARY:
        return Problem("read_error", f"Content-Length {length} runs past the record's gzip "
                                     f"member ({got} bytes)")
    if stop is Stop.CUT:
        src.recover()
    return Problem("truncated", f"file ends after {got} of {length} block bytes")


def _small_block(src: Source, header: WarcHeader) -> tuple[bytes | None, Problem | None]:
    """Read a block that fits the limit and check the length against what follows."""
    length = header.length
    assert length is not None
    block = src.read(length)
    end_member = _end_member(src)
    if len(block) < length:
        inside = _header_inside(block, b"")
        if inside is not None:
            src.unread(block[inside:])
            return None, _runs_into(length, inside)
        return None, _short(src, header, len(block))
    verdict, look = _after_block(src, end_member)
    if verdict == "ok":
        # The end of its gzip member confirms a length; elsewhere a header inside the
        # block is payload unless the block digest says otherwise.
        inside = None if src.stop is Stop.BOUNDARY else _header_inside(block, b"")
        if inside is not None and _digest_mismatch(header, block):
            src.unread(block[inside:])
            return None, Problem("read_error", "block does not match its WARC-Block-Digest "
                                               f"and holds a record header at byte {inside}")
        return block, None
    if verdict != "junk":
        return None, _failed_end(src, verdict)
    inside = _header_inside(block, look)
    if inside is not None:
        src.unread(block[inside:])
        return None, _runs_into(length, inside)
    if look.startswith(_CLOSING):
        return block, None
    skipped, note = _skip_to_next(src)
    return None, Problem("read_error", f"Content-Length {length} does not end the record "
                                       f"({skipped} more bytes before the next record{note})")


def _large_block(src: Source, header: WarcHeader) -> tuple[None, Problem | None]:
    """Go through a block over the limit without keeping it; check the length the same way."""
    length = header.length
    assert length is not None
    block_start = src.pos
    scan = _Scanner()
    inside: int | None = None
    done = 0
    while done < length:
        if inside is not None:  # the length is suspect now; only its end is still needed
            done += src.skip(length - done)
            break
        data = src.read(min(_CHUNK, length - done))
        done += len(data)
        inside = scan.feed(data)
        if src.stop is not Stop.NONE:
            break
    end_member = _end_member(src)
    if done < length:
        if inside is not None:
            src.seek(block_start + inside)
            return None, _runs_into(length, inside)
        return None, _short(src, header, done)
    verdict, look = _after_block(src, end_member)
    if verdict == "ok":
        return None, None
    if verdict != "junk":
        return None, _failed_end(src, verdict)
    if inside is None:
        found = scan.feed(look)
        inside = found if found is not None and found < length else None
    if inside is not None:
        src.seek(block_start + inside)
        return None, _runs_into(length, inside)
    if look.startswith(_CLOSING):
        return None, None
    skipped, note = _skip_to_next(src)
    return None, Problem("read_error", f"Content-Length {length} does not end the record "
                                       f"({skipped} more bytes before the next record{note})")


def _runs_into(length: int, inside: int) -> Problem:
    return Problem("read_error", f"Content-Length {length} runs into the next record "
                                 f"(a WARC header at block byte {inside})")


def _failed_end(src: Source, verdict: str) -> Problem:
    if verdict == "cut":
        src.recover()
        return Problem("truncated", "file ends inside the record's gzip member")
    return _take_damage(src)


def _end_member(src: Source) -> int:
    """File offset of the gzip member holding the byte before the current position."""
    return src.origin(max(src.pos - 1, 0))[0]


def _after_block(src: Source, end_member: int) -> tuple[str, bytes]:
    """``("ok" | "junk" | "cut" | "damage", bytes peeked)``: what follows a block."""
    want = _LOOK
    while True:
        look = src.peek(want)
        stop = src.stop
        rest = look.lstrip(BLANK)
        if len(rest) >= 5 or (rest and stop is not Stop.NONE):
            return ("ok" if rest.startswith(b"WARC/") else "junk"), look
        if rest and stop is Stop.NONE:
            want += _LOOK  # a long blank run cut the next line short: look further
            continue
        if stop is Stop.CUT and src.cut_offset == end_member:
            return "cut", look
        if stop is Stop.DAMAGE and src.damage is not None and src.damage.offset == end_member:
            return "damage", look
        return "ok", look  # blank up to the end, or up to something the next frame reports


def _find_header(data: bytes, start: int = 0) -> int:
    """Offset of the first record header line (``WARC/1.0`` or ``WARC/1.1`` and its line
    end) at or after ``start`` in ``data``; -1 if none. A ``find`` loop: several times
    faster than a regular expression over a whole block."""
    while (hit := data.find(b"WARC/1.", start)) >= 0:
        if data[hit + 7 : hit + 10] in (b"0\r\n", b"1\r\n"):
            return hit
        start = hit + 1
    return -1


def _header_inside(block: bytes, after: bytes) -> int | None:
    """Offset in ``block`` of the first record header line that starts inside it."""
    found = _find_header(block)
    if found >= 0:
        return found
    edge = block[-(_LINE_BYTES - 1) :]
    found = _find_header(edge + after[:_LINE_BYTES])
    if 0 <= found < len(edge):
        return len(block) - len(edge) + found
    return None


def _digest_mismatch(header: WarcHeader, block: bytes) -> bool:
    """Whether the header has a SHA-1 WARC-Block-Digest that ``block`` does not match."""
    digest = header.get("WARC-Block-Digest") or ""
    algorithm, _, value = digest.partition(":")
    if algorithm.strip().lower() != "sha1" or not value:
        return False
    actual = hashlib.sha1(block).digest()
    expected = value.strip().upper()
    return expected not in (base64.b32encode(actual).decode("ascii"), actual.hex().upper())


# -- scanning for the next record ---------------------------------------------------------------


class _Scanner:
    """Finds the first record header line in bytes fed piece by piece."""

    def __init__(self) -> None:
        self._tail = b""
        self._base = 0  # scan offset of ``_tail[0]``

    def feed(self, data: bytes) -> int | None:
        """Offset (from the start of the scan) of the header line, when it is complete."""
        buf = self._tail + data
        found = _find_header(buf)
        if found >= 0:
            return self._base + found
        keep = min(len(buf), _LINE_BYTES - 1)
        self._base += len(buf) - keep
        self._tail = buf[len(buf) - keep :]
        return None


def _skip_to_next(src: Source) -> tuple[int, str]:
    """Consume bytes up to the next record header (left unread) or the end of what is
    readable; ``(bytes skipped, a note on damage met on the way)``."""
    scan = _Scanner()
    skipped = 0
    previous = b""
    while True:
        data = src.read(_CHUNK)
        found = scan.feed(data)
        if found is not None:
            if found >= skipped:
                src.unread(data[found - skipped :])
            else:
                src.unread(previous[len(previous) - (skipped - found) :] + data)
            return found, ""
        skipped += len(data)
        previous = data[-_LINE_BYTES:]
        if src.stop is Stop.NONE:
            continue
        if src.stop is Stop.DAMAGE:
            damage = src.damage
            src.recover()
            return skipped, f"; then {damage.detail}" if damage is not None else ""
        if src.stop is Stop.CUT:
            src.recover()
            return skipped, "; then the file ends inside a gzip member"
        return skipped, ""
