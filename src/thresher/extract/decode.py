"""Bytes -> text for crawled HTML: find the encoding, decode, never raise.

The order follows what browsers do (the WHATWG encoding sniffing algorithm), with
one deliberate deviation that matters for crawled corpora:

1. a byte order mark (UTF-8, UTF-16 LE/BE) wins outright;
2. bytes that decode strictly as UTF-8 *and* contain non-ASCII are UTF-8, whatever
   the page declares; so are bytes whose valid multi-byte UTF-8 sequences clearly
   outnumber the invalid ones (:data:`UTF8_VALID_PER_DAMAGED`). Legacy encodings
   practically never produce valid multi-byte UTF-8 sequences by chance, while
   servers and templates that still say ``iso-8859-1`` over UTF-8 content are
   common (browsers show those pages as mojibake; a corpus should not);
3. the charset the transport declared (HTTP ``Content-Type``), when known;
4. a ``<meta charset>`` / ``<meta http-equiv="Content-Type">`` (or an XML
   declaration) in the first :data:`PRESCAN_BYTES` bytes, found by a byte regex,
   not a parse;
5. statistical detection (charset-normalizer) on a bounded prefix;
6. UTF-8 with replacement characters.

Labels are resolved as the WHATWG Encoding Standard says (``iso-8859-1``,
``latin1`` and ``ascii`` all mean windows-1252, ``euc-kr`` means windows-949...);
labels it does not know are ignored. A declared UTF-8 that does not decode is
trusted only while the damage is small (:data:`MAX_BAD_UTF8_RATIO`); otherwise
detection decides.

:func:`looks_like_html` is the cheap guard in front of all this: it rejects
payloads that are binary (magic numbers of common binary formats, NUL bytes,
control characters).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "PRESCAN_BYTES",
    "DecodedHtml",
    "EncodingSource",
    "decode_html",
    "looks_like_html",
    "resolve_label",
]

EncodingSource = Literal["bom", "http", "meta", "detect", "default"]

PRESCAN_BYTES = 4096
"""How far into the page a ``<meta charset>`` is looked for."""

DETECT_BYTES = 65536
"""Upper bound of the prefix given to the statistical detector (keeps it fast)."""

DETECT_TIE_CHAOS = 0.01
"""Detector candidates this close to the best "chaos" score count as a tie."""

MAX_BAD_UTF8_RATIO = 0.001
"""A declared UTF-8 is kept if at most this share of the bytes is invalid."""

MIN_UTF8_SEQUENCES = 4
UTF8_VALID_PER_DAMAGED = 4
"""Invalid UTF-8 is tolerated when there are this many valid multi-byte sequences per
invalid byte (and at least :data:`MIN_UTF8_SEQUENCES` of them)."""

SNIFF_BYTES = 8192
"""How much of the payload :func:`looks_like_html` inspects."""

MAX_CONTROL_RATIO = 0.02
"""Share of control bytes above which a payload is considered binary."""


@dataclass(frozen=True, slots=True)
class DecodedHtml:
    """A decoded page: the text, the Python codec used, and what decided it."""

    text: str
    encoding: str
    """Normalized Python codec name (``codecs.lookup(...).name``), e.g. ``cp1252``."""
    source: EncodingSource


# WHATWG Encoding Standard: encoding -> its labels (space-separated). The key is the
# Python codec that decodes it (a superset where the standard's decoder is one: GBK
# is decoded by gb18030, Big5 by big5hkscs, Shift_JIS by cp932, EUC-KR by cp949).
_WHATWG_LABELS: dict[str, str] = {
    "utf-8": "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8",
    "cp866": "866 cp866 csibm866 ibm866",
    "iso8859-2": (
        "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2"
    ),
    "iso8859-3": (
        "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3"
    ),
    "iso8859-4": (
        "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4"
    ),
    "iso8859-5": (
        "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 "
        "iso_8859-5 iso_8859-5:1988"
    ),
    "iso8859-6": (
        "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 "
        "iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 "
        "iso_8859-6 iso_8859-6:1987"
    ),
    "iso8859-7": (
        "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 "
        "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek"
    ),
    "iso8859-8": (
        "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 "
        "iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual csiso88598i "
        "iso-8859-8-i logical"
    ),
    "iso8859-10": "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    "iso8859-13": "iso-8859-13 iso8859-13 iso885913",
    "iso8859-14": "iso-8859-14 iso8859-14 iso885914",
    "iso8859-15": "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    "iso8859-16": "iso-8859-16",
    "koi8-r": "cskoi8r koi koi8 koi8-r koi8_r",
    "koi8-u": "koi8-ru koi8-u",
    "mac-roman": "csmacintosh mac macintosh x-mac-roman",
    "cp874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "cp1250": "cp1250 windows-1250 x-cp1250",
    "cp1251": "cp1251 windows-1251 x-cp1251",
    "cp1252": (
        "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 "
        "iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 "
        "x-cp1252 x-user-defined"
    ),
    "cp1253": "cp1253 windows-1253 x-cp1253",
    "cp1254": (
        "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
        "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"
    ),
    "cp1255": "cp1255 windows-1255 x-cp1255",
    "cp1256": "cp1256 windows-1256 x-cp1256",
    "cp1257": "cp1257 windows-1257 x-cp1257",
    "cp1258": "cp1258 windows-1258 x-cp1258",
    "mac-cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "gb18030": (
        "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk gb18030"
    ),
    "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc_jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso2022_jp": "csiso2022jp iso-2022-jp",
    "cp932": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "cp949": (
        "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 "
        "ksc5601 ksc_5601 windows-949"
    ),
    "utf-16-be": "unicodefffe utf-16be",
    "utf-16-le": "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le",
}

_LABEL_TO_CODEC: dict[str, str] = {
    label: codecs.lookup(codec).name
    for codec, labels in _WHATWG_LABELS.items()
    for label in labels.split()
}

# Legacy encodings by how common they are on the web, to break detector ties.
_WEB_PREFERENCE: tuple[str, ...] = (
    "cp1252",
    "cp1251",
    "gb18030",
    "cp932",
    "cp949",
    "cp1250",
    "big5hkscs",
    "euc_jp",
    "iso8859-2",
    "cp1256",
    "cp1254",
    "cp874",
    "cp1253",
    "iso8859-15",
    "cp1255",
    "cp1257",
    "koi8-r",
    "iso8859-5",
)

_UTF16 = frozenset({"utf-16-be", "utf-16-le"})

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)

_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.DOTALL)
_META_TAG = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_CHARSET_ATTR = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:\-]+)""")

_BINARY_MAGIC: tuple[bytes, ...] = (
    b"%PDF-",  # PDF
    b"%!PS",  # PostScript
    b"\x89PNG\r\n\x1a\n",  # PNG
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"PK\x03\x04",  # ZIP, and so docx/xlsx/epub/jar
    b"\x1f\x8b",  # gzip
    b"BZh",  # bzip2
    b"\xfd7zXZ\x00",  # xz
    b"7z\xbc\xaf\x27\x1c",  # 7-Zip
    b"\x28\xb5\x2f\xfd",  # zstd
    b"Rar!\x1a\x07",  # RAR
    b"\x7fELF",  # ELF executable
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE2 (doc, xls, msi)
    b"wOFF",  # WOFF font
    b"wOF2",  # WOFF2 font
    b"OggS",
    b"fLaC",
    b"ID3",  # MP3 with ID3 tag
    b"\x1aE\xdf\xa3",  # Matroska / WebM
    b"\x00\x00\x01\x00",  # ICO
)

# Control bytes that never occur in text (TAB, LF, FF, CR and ESC, which
# ISO-2022-JP uses, are allowed).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_HIGH_BYTES = bytes(range(0x80, 0x100))


def resolve_label(label: str | None) -> str | None:
    """The Python codec for an encoding label per the WHATWG standard, or ``None``.

    Accepts a bare label (``"ISO-8859-1"``) or a whole ``Content-Type`` value
    (``"text/html; charset=utf-8"``). Unknown labels give ``None``.

    >>> resolve_label("ISO-8859-1"), resolve_label("text/html; charset=EUC-KR")
    ('cp1252', 'cp949')
    >>> resolve_label("klingon") is None
    True
    """
    if not label:
        return None
    if "=" in label:
        found = _CHARSET_ATTR.search(label.encode("ascii", "ignore"))
        if found is None:
            return None
        label = found.group(1).decode("ascii")
    return _LABEL_TO_CODEC.get(label.strip().strip("\"'").lower())


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The codec announced by a byte order mark and the mark's length."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


def _meta_encoding(data: bytes) -> str | None:
    """The codec declared in the first bytes of the page by ``<meta>`` or ``<?xml?>``.

    A byte-level scan, not a parse (comments are skipped, as the WHATWG prescan
    does): the first ``<meta>`` tag with a ``charset``
    attribute or a ``content="...; charset=..."`` whose label is known wins. As the
    WHATWG prescan does, a declared UTF-16 means UTF-8 (a page that could be
    scanned as ASCII is not UTF-16).
    """
    head = _COMMENT.sub(b"", data[:PRESCAN_BYTES])
    for tag in _META_TAG.finditer(head):
        found = _CHARSET_ATTR.search(tag.group(0))
        if found is not None:
            codec = resolve_label(found.group(1).decode("ascii"))
            if codec is not None:
                return "utf-8" if codec in _UTF16 else codec
    xml = _XML_DECL.match(head)
    if xml is not None:
        codec = resolve_label(xml.group(1).decode("ascii"))
        if codec is not None:
            return "utf-8" if codec in _UTF16 else codec
    return None


def _strict_utf8(data: bytes) -> str | None:
    """``data`` as UTF-8, or ``None`` if it is not valid UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _mostly_utf8(data: bytes) -> str | None:
    """``data`` decoded as UTF-8 if only a few bytes are invalid, else ``None``."""
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if damaged <= max(1, int(len(data) * MAX_BAD_UTF8_RATIO)):
        return text
    return None


def _mostly_valid_utf8(data: bytes) -> str | None:
    """``data`` as UTF-8 if its valid multi-byte sequences outnumber the invalid bytes.

    Catches UTF-8 pages with a few stray legacy bytes (an ad or a template part in
    cp1252), which a declared legacy charset would turn into mojibake throughout.
    Text in a legacy encoding has almost no valid multi-byte UTF-8 sequences.
    """
    ascii_bytes = len(data.translate(None, _HIGH_BYTES))
    if len(data) - ascii_bytes < 2 * MIN_UTF8_SEQUENCES:
        return None  # too few bytes >= 0x80 for that many multi-byte sequences
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    damaged = replaced - data.count(b"\xef\xbf\xbd")
    # ASCII bytes and ASCII characters correspond one to one (an ASCII byte is
    # never part of an invalid sequence), so counting bytes is enough.
    non_ascii = len(text) - ascii_bytes
    valid = non_ascii - replaced  # characters that came from a valid multi-byte sequence
    if valid < MIN_UTF8_SEQUENCES:
        return None
    return text if damaged * UTF8_VALID_PER_DAMAGED <= valid else None


def _detection_prefixes(data: bytes) -> list[bytes]:
    """Prefixes of at most :data:`DETECT_BYTES` to detect on, best first.

    A cut must not split a character, or the detector rules out the right
    encoding. Bytes below 0x40 (space, digits, punctuation, ``<``, ``>``, newline)
    are never inside a multi-byte character of the CJK encodings nor of UTF-8, so
    the prefix ends after the last of them in its final kilobytes. Text without
    any (Chinese or Japanese without markup) gets the prefix shortened by one to
    three bytes as fallbacks: one of them ends on a character boundary.
    """
    if len(data) <= DETECT_BYTES:
        return [data]
    prefix = data[:DETECT_BYTES]
    for index in range(len(prefix) - 1, len(prefix) - 4096, -1):
        if prefix[index] < 0x40:
            return [prefix[: index + 1]]
    return [prefix[: len(prefix) - trim] for trim in range(4)]


def _web_codec(name: str) -> str | None:
    """The codec the web means by a detector's encoding name (latin-1 -> cp1252)."""
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    return resolve_label(name) or resolve_label(name.replace("_", "-")) or name


def _detect(data: bytes) -> str | None:
    """The most likely codec according to charset-normalizer, or ``None``.

    Short texts often leave several code pages equally plausible (French in
    cp1250 or cp1252, Russian in cp1251 or cp1253); among the candidates whose
    chaos is within :data:`DETECT_TIE_CHAOS` of the best, the one most used on the
    web (:data:`_WEB_PREFERENCE`) wins.
    """
    from charset_normalizer import from_bytes

    matches = []
    for prefix in _detection_prefixes(data):
        try:
            matches = list(from_bytes(prefix))
        except Exception:  # a detector bug must cost the page its detection, not the shard
            return None
        if matches:
            break
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    tied = [
        codec
        for m in matches
        if m.chaos <= best + DETECT_TIE_CHAOS
        for name in [m.encoding, *m.could_be_from_charset]
        if (codec := _web_codec(name)) is not None
    ]
    if not tied:
        return None
    rank = {codec: i for i, codec in enumerate(_WEB_PREFERENCE)}
    return min(tied, key=lambda codec: rank.get(codec, len(rank)))


def _decode(data: bytes, codec: str, source: EncodingSource) -> DecodedHtml:
    """Decode with replacement characters; an unusable codec falls back to UTF-8."""
    try:
        text = data.decode(codec, errors="replace")
    except Exception:  # an unknown or broken codec; decoding must not fail the page
        codec, source = "utf-8", "default"
        text = data.decode(codec, errors="replace")
    return DecodedHtml(text, codec, source)


def _declared(data: bytes, codec: str, source: EncodingSource) -> DecodedHtml | None:
    """Decode with a declared codec; a declared UTF-8 must (mostly) hold."""
    if codec != "utf-8":
        return _decode(data, codec, source)
    text = _mostly_utf8(data)
    return None if text is None else DecodedHtml(text, "utf-8", source)


def decode_html(data: bytes, declared: str | None = None) -> DecodedHtml:
    """Decode a crawled HTML payload; see the module docstring for the order.

    ``declared`` is the charset the transport announced (a label or a whole
    ``Content-Type`` value), when the reader knows it. Never raises.

    >>> decode_html("café".encode("cp1252"), "iso-8859-1")
    DecodedHtml(text='café', encoding='cp1252', source='http')
    >>> decode_html("café".encode("utf-8"), "iso-8859-1")
    DecodedHtml(text='café', encoding='utf-8', source='detect')
    """
    bom = _bom_encoding(data)
    if bom is not None:
        codec, size = bom
        return _decode(data[size:], codec, "bom")
    http = resolve_label(declared)
    if http in _UTF16 and b"\x00" not in data[:PRESCAN_BYTES]:
        http = None  # UTF-16 text of a page always has NUL bytes (in its markup)
    utf8 = _strict_utf8(data)
    if utf8 is not None and not data.isascii() and http not in _UTF16:
        return DecodedHtml(utf8, "utf-8", _utf8_source(data, http))
    if utf8 is None and http not in _UTF16:
        mostly = _mostly_valid_utf8(data)
        if mostly is not None:
            return DecodedHtml(mostly, "utf-8", _utf8_source(data, http))
    if http is not None:
        found = _declared(data, http, "http")
        if found is not None:
            return found
    meta = _meta_encoding(data)
    if meta is not None:
        found = _declared(data, meta, "meta")
        if found is not None:
            return found
    if utf8 is not None:
        return DecodedHtml(utf8, "utf-8", "default")
    detected = _detect(data)
    if detected is not None:
        return _decode(data, detected, "detect")
    return _decode(data, "utf-8", "default")


def _utf8_source(data: bytes, http: str | None) -> EncodingSource:
    """What to credit for a payload that is valid, non-ASCII UTF-8.

    The declaration if it said UTF-8; ``detect`` when UTF-8 overrode what the page
    declared or nothing was declared.
    """
    if http is not None:
        return "http" if http == "utf-8" else "detect"
    return "meta" if _meta_encoding(data) == "utf-8" else "detect"


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` could be a text page rather than a binary file.

    Cheap: looks at the first :data:`SNIFF_BYTES` only. ``False`` for empty input,
    known binary magic numbers (PDF, PNG, JPEG, GIF, ZIP, gzip, ...), and for
    payloads where NUL and other control bytes pass :data:`MAX_CONTROL_RATIO` (a
    stray NUL in a real page is tolerated; binary data has ~10 % of them). Text
    without any markup still counts (the extractor can handle it). UTF-16 with a
    byte order mark is judged on its decoded characters.
    """
    sample = data[:SNIFF_BYTES]
    if not sample.strip():
        return False
    if sample.startswith(_BINARY_MAGIC):
        return False
    bom = _bom_encoding(sample)
    if bom is not None and bom[0] in _UTF16:
        text = sample[bom[1] :].decode(bom[0], errors="replace")
        sample = text.encode("utf-8", errors="replace")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls <= len(sample) * MAX_CONTROL_RATIO
