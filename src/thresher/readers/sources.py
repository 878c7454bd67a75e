"""The bytes of a WARC file for the record framer: a plain file, or the members of a gzip file.

The framer (:mod:`thresher.readers.framing`) cuts records out of one logical
byte stream and must know why that stream stops. A :class:`Source` gives it
``read(n)`` and says, in :attr:`Source.stop`, why a read returned fewer bytes:

``END``
    nothing more to read here: the end of a plain file, or a gzip member that
    ended cleanly and is followed by the end of the file (or by blank padding,
    or by damage that the *next* read reports);
``BOUNDARY``
    the next gzip member starts a WARC record. A record never runs past such a
    member (Common Crawl writes one member per record), so a read that began
    before it stops there; a read that begins exactly there goes on;
``CUT``
    the file ends inside a gzip member;
``DAMAGE``
    the member being read is corrupt, or what follows a member is not a gzip
    member. :attr:`Source.damage` says where and where reading can resume
    (:meth:`Source.recover`): the next member that inflates to a WARC record.

Members that do not start a record (a record split over members, or one gzip
stream for the whole file) are read through as one stream.

Bytes read can be given back (:meth:`Source.unread`), so the framer can look
ahead; :meth:`Source.seek` goes back further, cheaply in a plain file and by
inflating again from the start of the member in a gzip file. Memory is bounded
by what the caller reads: members are inflated with a bounded output size.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from bisect import bisect_right
from dataclasses import dataclass
from typing import BinaryIO, Final

from zlib_ng import zlib_ng as zlib  # zlib's API, inflating twice as fast

from thresher.readers.gzip_members import GZIP_MAGIC, ZLIB_ERROR, next_record_member

__all__ = ["Damage", "GzipSource", "PlainSource", "Source", "Stop", "open_source"]

_CHUNK: Final = 1 << 16
BLANK: Final = b"\r\n \t\x00"
"""Bytes that may pad records and files (CRLFs, spaces, NUL padding)."""


class Stop(enum.Enum):
    """Why the last read returned fewer bytes than asked (``NONE``: it did not)."""

    NONE = "none"
    END = "end"
    BOUNDARY = "boundary"
    CUT = "cut"
    DAMAGE = "damage"


@dataclass(frozen=True, slots=True)
class Damage:
    """Unreadable bytes in a gzip file."""

    offset: int
    """File offset where the unreadable bytes start (a member's start, or junk)."""
    resume: int | None
    """File offset of the next member that inflates to a WARC record; None if none is left."""
    detail: str
    """What went wrong, for people."""


class Source(ABC):
    """A logical byte stream with look-ahead; see the module docstring."""

    def __init__(self) -> None:
        self._back = b""  # bytes given back; the next read starts at ``_back[_skip]``
        self._skip = 0
        self._raw = 0  # logical position of the next byte from the underlying stream
        self.stop = Stop.NONE
        self.damage: Damage | None = None
        self.cut_offset: int | None = None
        """File offset of the gzip member the file ends inside (with ``CUT``)."""

    @property
    def pos(self) -> int:
        """Logical position of the next byte :meth:`read` returns."""
        return self._raw - len(self._back) + self._skip

    def read(self, n: int) -> bytes:
        """Up to ``n`` bytes; fewer only when :attr:`stop` says why."""
        if self._back:
            left = len(self._back) - self._skip
            if left > n:  # serve from the bytes given back without copying the rest
                out = self._back[self._skip : self._skip + n]
                self._skip += n
                self.stop = Stop.NONE
                return out
            head = self._back[self._skip :] if self._skip else self._back
            self._back, self._skip = b"", 0
            if left == n:
                self.stop = Stop.NONE
                return head
            more, self.stop = self._read_raw(n - left, fresh=False)
            return head + more if more else head
        more, self.stop = self._read_raw(n, fresh=True)
        return more

    def peek(self, n: int) -> bytes:
        """What :meth:`read` would return, without consuming it (:attr:`stop` is set)."""
        data = self.read(n)
        self.unread(data)
        return data

    def unread(self, data: bytes) -> None:
        """Give back ``data``, the bytes just before :attr:`pos`."""
        if not data:
            return
        if self._skip >= len(data) and self._back[self._skip - len(data) : self._skip] == data:
            self._skip -= len(data)  # the bytes just read from what was given back
        elif self._back:
            self._back = data + self._back[self._skip :]
            self._skip = 0
        else:
            self._back = data

    @abstractmethod
    def _read_raw(self, n: int, fresh: bool) -> tuple[bytes, Stop]:
        """Up to ``n`` bytes from the underlying stream; ``fresh``: nothing was read before
        in this call (a read that starts on a record boundary crosses it)."""

    @abstractmethod
    def seek(self, pos: int) -> None:
        """Go to logical position ``pos`` (not before the last :meth:`release`)."""

    @abstractmethod
    def origin(self, pos: int) -> tuple[int, int]:
        """``(file offset, inner offset)``: the gzip member holding ``pos`` and how far in."""

    def release(self, pos: int) -> None:  # noqa: B027 - optional hook
        """Positions before ``pos`` will not be sought again."""

    def recover(self) -> None:  # noqa: B027 - only gzip sources are damaged or cut
        """After ``DAMAGE``: continue at the next readable member (or end); after ``CUT``: end."""

    def skip(self, n: int) -> int:
        """Move forward up to ``n`` bytes without keeping them; how many were skipped."""
        done = 0
        while done < n:
            got = len(self.read(min(_CHUNK, n - done)))
            done += got
            if self.stop is not Stop.NONE:
                break
        return done


class PlainSource(Source):
    """An uncompressed WARC file: the logical position is the file offset."""

    def __init__(self, fh: BinaryIO) -> None:
        super().__init__()
        self._fh = fh
        self._size = fh.seek(0, 2)
        fh.seek(0)

    def _read_raw(self, n: int, fresh: bool) -> tuple[bytes, Stop]:
        data = self._fh.read(n)
        self._raw += len(data)
        return data, Stop.NONE if len(data) == n else Stop.END

    def seek(self, pos: int) -> None:
        self._back, self._skip = b"", 0
        self._raw = min(pos, self._size)
        self._fh.seek(self._raw)

    def origin(self, pos: int) -> tuple[int, int]:
        return pos, 0

    def skip(self, n: int) -> int:
        start = self.pos
        self.seek(start + n)
        self.stop = Stop.NONE if self._raw == start + n else Stop.END
        return self._raw - start


class GzipSource(Source):
    """The inflated bytes of a gzip file, member by member, with recovery after damage."""

    def __init__(self, fh: BinaryIO) -> None:
        super().__init__()
        self._fh = fh
        self._size = fh.seek(0, 2)
        self._starts: list[int] = []  # logical start of each member still needed
        self._offsets: list[int] = []  # and its file offset
        self._decomp: zlib._Decompress | None = None
        self._tail = b""  # compressed input given to zlib and not yet consumed
        self._out = b""  # inflated bytes of the current member not yet returned
        self._next = 0  # file offset after the current member, once it ended
        self._boundary = -1  # logical start of the current member if it begins a record
        self._pending = Stop.NONE  # why the current member cannot go on (NONE: it can)
        self._at_start = False  # ``_pending`` was met where a member should start
        self._open(0)

    # -- members ----------------------------------------------------------------------------

    def _open(self, offset: int) -> None:
        """Start at file ``offset``: a member, junk, padding or the end of the file."""
        self._decomp, self._tail, self._out = None, b"", b""
        self._pending, self._at_start = Stop.NONE, True
        self._fh.seek(offset)
        magic = self._fh.read(len(GZIP_MAGIC))
        if not magic:
            self._pending = Stop.END
            return
        if magic != GZIP_MAGIC:
            self._pending = self._junk(offset, magic)
            return
        self._fh.seek(offset)
        self._decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._starts.append(self._raw)
        self._offsets.append(offset)
        self._out = self._inflate(5)
        if self._out.startswith(b"WARC/"):
            self._boundary = self._raw
        if self._out:
            self._at_start = False

    def _junk(self, offset: int, head: bytes) -> Stop:
        """END if only padding is left from ``offset``, else DAMAGE up to the next member."""
        data = head
        while not data.strip(BLANK):
            data = self._fh.read(_CHUNK)
            if not data:
                return Stop.END
        resume, _ = next_record_member(self._fh, offset)
        self.damage = Damage(offset, resume,
                             f"{_span(offset, resume, self._size)} are not a gzip member")
        return Stop.DAMAGE

    def _inflate(self, n: int) -> bytes:
        """Up to ``n`` bytes of the current member; sets ``_pending`` when it cannot go on."""
        decomp = self._decomp
        assert decomp is not None
        parts: list[bytes] = []
        got = 0
        while got < n and not decomp.eof:
            data = self._tail or self._fh.read(_CHUNK)
            if not data:
                self._ran_out(self._offsets[-1])
                break
            try:
                out = decomp.decompress(data, n - got)
            except ZLIB_ERROR as err:
                offset = self._offsets[-1]
                resume, _ = next_record_member(self._fh, offset + 1)
                self.damage = Damage(offset, resume,
                                     f"gzip data error in the member at {offset} ({err}); "
                                     f"{_span(offset, resume, self._size)} lost")
                self._pending = Stop.DAMAGE
                break
            self._tail = decomp.unconsumed_tail
            parts.append(out)
            got += len(out)
        if decomp.eof:
            self._next = self._fh.tell() - len(decomp.unused_data)
        return b"".join(parts)

    def _ran_out(self, offset: int) -> None:
        """The file ended inside the member at ``offset``: a cut, or a member whose corrupt
        data decoded as garbage and swallowed the members after it (then it is damage)."""
        resume, _ = next_record_member(self._fh, offset + 1)
        if resume is None:
            self._pending = Stop.CUT
            self.cut_offset = offset
            return
        self.damage = Damage(offset, resume, f"the gzip member at {offset} runs past the "
                                             f"member at {resume}; bytes {offset}..{resume} lost")
        self._pending = Stop.DAMAGE

    # -- reading ----------------------------------------------------------------------------

    def _produce(self, n: int) -> bytes:
        """Up to ``n`` bytes of the current member (b"" when it has no more)."""
        if self._out:
            out, self._out = self._out[:n], self._out[n:]
            return out
        decomp = self._decomp
        if decomp is None or decomp.eof or self._pending is not Stop.NONE:
            return b""
        return self._inflate(n)

    def _read_raw(self, n: int, fresh: bool) -> tuple[bytes, Stop]:
        parts: list[bytes] = []
        got = 0
        while got < n:
            if self._raw == self._boundary and (got or not fresh):
                return b"".join(parts), Stop.BOUNDARY
            out = self._produce(n - got)
            if out:
                parts.append(out)
                got += len(out)
                self._raw += len(out)
                self._at_start = False
                continue
            if self._pending is Stop.NONE:  # the member ended cleanly: on to the next
                self._open(self._next)
                continue
            if self._at_start and (got or not fresh):
                return b"".join(parts), Stop.END  # report the clean end first
            return b"".join(parts), self._pending
        return b"".join(parts), Stop.NONE

    def recover(self) -> None:
        damage, self.damage = self.damage, None
        self._back, self._skip = b"", 0
        if damage is None or damage.resume is None:
            self._decomp, self._out = None, b""
            self._pending, self._at_start = Stop.END, True
            return
        self._open(damage.resume)

    def seek(self, pos: int) -> None:
        index = bisect_right(self._starts, pos) - 1
        if index < 0:
            raise ValueError(f"cannot seek to {pos}: before the members kept")
        start, offset = self._starts[index], self._offsets[index]
        del self._starts[index:], self._offsets[index:]
        self._back, self._skip = b"", 0
        self._raw = start
        self.damage = None
        self._open(offset)
        while self._raw < pos:
            data, stop = self._read_raw(min(_CHUNK, pos - self._raw), fresh=True)
            if stop is not Stop.NONE or not data:
                break

    def origin(self, pos: int) -> tuple[int, int]:
        if not self._starts:
            return 0, pos
        index = max(bisect_right(self._starts, pos) - 1, 0)
        return self._offsets[index], pos - self._starts[index]

    def release(self, pos: int) -> None:
        index = bisect_right(self._starts, pos) - 1
        if index > 0:
            del self._starts[:index], self._offsets[:index]


def _span(start: int, resume: int | None, size: int) -> str:
    end = size if resume is None else resume
    return f"bytes {start}..{end}"


def open_source(fh: BinaryIO, name: str) -> Source:
    """A :class:`GzipSource` for gzip data, else a :class:`PlainSource`.

    Gzip data starts with a gzip header; a file named ``.gz`` that starts with
    neither a gzip header nor ``WARC/`` is gzip data whose start is damaged.
    """
    head = fh.read(5)
    fh.seek(0)
    damaged_gzip = name.endswith(".gz") and not head.startswith(b"WARC/")
    return GzipSource(fh) if head[:2] == GZIP_MAGIC[:2] or damaged_gzip else PlainSource(fh)
