"""Replace e-mail addresses, IP addresses and phone numbers with typed placeholders.

===========  ==============  ====================================================
type         placeholder     what is replaced
===========  ==============  ====================================================
``email``    ``<EMAIL>``     ``local@domain.tld``; not ``logo@2x.png``-like asset names
``ipv4``     ``<IPV4>``      dotted quads with valid octets (no leading zeros);
                             by default only globally routable addresses
``ipv6``     ``<IPV6>``      full and compressed forms (``2a00:1450::200e``), checked
                             with :mod:`ipaddress`; by default only global ones
``phone``    ``<PHONE>``     international (``+49 30 1234567``) and national numbers
                             with separators, 8-15 digits (7 after "tel", "phone"...)
===========  ==============  ====================================================

Precision over recall: what is not clearly one of these stays. Not replaced:
version numbers after "version", "v", "release" or "build" (``version
1.2.3.4``); private, loopback and documentation addresses (``192.168.0.1``,
``::1``, ``2001:db8::1``: no person behind them, and common in tutorials), unless
``keep_private_ips`` is off; dates (``2024-01-15``, ``15.01.2024``), ISBNs,
year ranges, prices and numbers grouped in thousands (``1 234 567``).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["PII_TYPES", "PLACEHOLDERS", "RedactConfig", "RedactResult", "redact"]

PLACEHOLDERS: Mapping[str, str] = MappingProxyType(
    {"email": "<EMAIL>", "ipv4": "<IPV4>", "ipv6": "<IPV6>", "phone": "<PHONE>"}
)
"""PII type -> the placeholder that replaces it."""

PII_TYPES: tuple[str, ...] = tuple(PLACEHOLDERS)


@dataclass(frozen=True)
class RedactConfig:
    """Which PII types :func:`redact` replaces."""

    types: tuple[str, ...] = PII_TYPES
    """Subset of ``email``, ``ipv4``, ``ipv6``, ``phone``."""
    keep_private_ips: bool = True
    """Leave private, loopback, link-local and documentation addresses as they are."""

    def __post_init__(self) -> None:
        unknown = sorted(set(self.types) - set(PII_TYPES))
        if unknown:
            raise ValueError(f"unknown PII type(s) {unknown}; known: {list(PII_TYPES)}")


@dataclass(frozen=True, slots=True)
class RedactResult:
    """The redacted text and how many of each type were replaced."""

    text: str
    counts: Mapping[str, int]


_EMAIL = re.compile(
    r"(?<![\w.+%-])[\w.+%-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}"
    r"(?:[a-z]{2,24}|[A-Z]{2,24})(?![\w@-])"
)
_ASSET_SUFFIX = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|avif|ico|bmp|css|js)$", re.IGNORECASE)

_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)")
_IPV6 = re.compile(
    r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?"
    r"(?![\w:])"
)
_VERSION_BEFORE = re.compile(r"\b(?:version|ver\.?|release|build|v)\s*$", re.IGNORECASE)

_PHONE = re.compile(
    r"(?<![\w+/.,-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,8}(?:[ ./-]\d{1,8}){0,6}"
    r"(?![\w]|[.,/-]\d)"
)
_PHONE_CONTEXT = re.compile(
    r"(?:tel|tél|phone|telephone|call|fax|mobile|mob|cell|telefon|téléphone|teléfono|telefono"
    r"|tlf|ph|☎|📞)\.?\s*(?:\([^)]{0,10}\))?\s*[:.]?\s*$",
    re.IGNORECASE,
)
_DATE = re.compile(r"(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./](?:\d{4}|\d{2}))")
_YEAR_RANGE = re.compile(r"(?:1[5-9]|20)\d\d ?[-/] ?(?:1[5-9]|20)\d\d")
_ISBN_BEFORE = re.compile(r"isbn(?:-1[03])?:?\s*$", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"[$€£¥₹]\s*$|(?:usd|eur|gbp|chf)\s*$", re.IGNORECASE)
_GROUPS = re.compile(r"\d+")


def _is_email(match: re.Match[str], text: str) -> bool:
    return _ASSET_SUFFIX.search(match.group()) is None


def _public_enough(address: ipaddress.IPv4Address | ipaddress.IPv6Address, keep: bool) -> bool:
    return address.is_global or not keep


def _is_ipv4(match: re.Match[str], text: str, keep_private: bool) -> bool:
    candidate = match.group()
    if any(len(part) > 1 and part[0] == "0" for part in candidate.split(".")):
        return False
    if _VERSION_BEFORE.search(text, max(0, match.start() - 12), match.start()):
        return False
    try:
        address = ipaddress.IPv4Address(candidate)
    except ValueError:
        return False
    return _public_enough(address, keep_private)


def _is_ipv6(match: re.Match[str], text: str, keep_private: bool) -> bool:
    candidate = match.group()
    if not any(c.isdigit() for c in candidate) or candidate.count(":") < 2:
        return False
    try:
        address = ipaddress.IPv6Address(candidate)
    except ValueError:
        return False
    return _public_enough(address, keep_private)


def _looks_like_number(candidate: str, groups: list[str]) -> bool:
    """Dates, year ranges and thousands groupings ("1 234 567") are not phones."""
    if _DATE.fullmatch(candidate) or _YEAR_RANGE.fullmatch(candidate):
        return True
    return len(groups) > 1 and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _is_phone(match: re.Match[str], text: str) -> bool:
    candidate = match.group()
    digits = sum(c.isdigit() for c in candidate)
    before = text[max(0, match.start() - 16) : match.start()]
    context = _PHONE_CONTEXT.search(before) is not None
    if not (7 if context else 8) <= digits <= 15:
        return False
    if _ISBN_BEFORE.search(before) or _CURRENCY_BEFORE.search(before):
        return False
    groups = _GROUPS.findall(candidate)
    if candidate.startswith("+"):
        return len(groups) >= 2 or context
    if context:
        return _DATE.fullmatch(candidate) is None
    if _looks_like_number(candidate, groups):
        return False
    separated = len(groups) >= 2
    national = candidate.startswith(("0", "(")) and separated
    north_american = [len(g) for g in groups] == [3, 3, 4]
    return national or north_american


Validator = Callable[[re.Match[str], str], bool]

_MAY_HOLD: Mapping[str, re.Pattern[str]] = MappingProxyType(
    {
        "email": re.compile("@"),
        "ipv6": re.compile(r":[0-9A-Fa-f]{0,4}:"),
        "ipv4": re.compile(r"\.\d{1,3}\.\d"),
        "phone": re.compile(r"\d(?:\D{0,2}\d){6}"),
    }
)
"""Per type, what every match of its pattern contains (an e-mail its ``@``, an IPv6 address
two colons with at most 4 hex digits between, an IPv4 address ``.D.D``, a phone number 7
digits with at most 2 other characters between two of them). These start with a literal
or a digit, which the regex engine finds fast; a text without one is not scanned with the
full pattern, whose leading look-behind makes it try every position."""


def _validators(config: RedactConfig) -> list[tuple[str, re.Pattern[str], Validator]]:
    keep = config.keep_private_ips
    table: list[tuple[str, re.Pattern[str], Validator]] = [
        ("email", _EMAIL, _is_email),
        ("ipv6", _IPV6, lambda m, t: _is_ipv6(m, t, keep)),
        ("ipv4", _IPV4, lambda m, t: _is_ipv4(m, t, keep)),
        ("phone", _PHONE, _is_phone),
    ]
    return [row for row in table if row[0] in config.types]


def _replace(text: str, kind: str, pattern: re.Pattern[str], valid: Validator) -> tuple[str, int]:
    count = 0
    placeholder = PLACEHOLDERS[kind]

    def substitute(match: re.Match[str]) -> str:
        nonlocal count
        if valid(match, text):
            count += 1
            return placeholder
        return match.group()

    return pattern.sub(substitute, text), count


def redact(text: str, config: RedactConfig | None = None) -> RedactResult:
    """Replace PII in ``text`` with placeholders; see the module docstring.

    Types are handled in a fixed order (e-mail, IPv6, IPv4, phone) so that an
    address is never half-replaced as a phone number.

    >>> redact("Write to ana@example.org or call +44 20 7946 0958.").text
    'Write to <EMAIL> or call <PHONE>.'
    """
    config = config or RedactConfig()
    counts = dict.fromkeys(config.types, 0)
    for kind, pattern, valid in _validators(config):
        if _MAY_HOLD[kind].search(text) is not None:
            text, counts[kind] = _replace(text, kind, pattern, valid)
    return RedactResult(text, MappingProxyType(counts))
