"""Normalizers for page metadata values: dates, author names, titles, languages, URLs.

Pure functions over strings; each returns ``None`` (or its input, for titles) when a
value is unusable, and none of them raises, whatever it is given.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

__all__ = [
    "absolute_url",
    "clean_author",
    "clean_text",
    "clean_title",
    "host_of",
    "normalize_date",
    "normalize_language",
    "site_from_title",
]

MAX_AUTHOR_CHARS = 120
"""A longer "author" is a sentence, not a name."""

MIN_YEAR, MAX_YEAR = 1900, 2099
"""Dates outside these years are rejected as misparses."""


# --------------------------------------------------------------------- text helpers

_SPACES = re.compile(r"\s+")


def clean_text(value: Any) -> str | None:
    """A single-line, entity-decoded string, or ``None`` if empty or not a string."""
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", html.unescape(value)).strip()
    return text or None


# --------------------------------------------------------------------------- dates

# Month names and abbreviations (English, German, French, Spanish, Italian,
# Portuguese, Dutch), one line per month.
_MONTH_NAMES = (
    "january jan januar janvier janv enero ene gennaio gen janeiro januari",
    "february feb februar février fevrier févr fevr febrero febbraio fevereiro fev februari",
    "march mar märz maerz mär mrz mars marzo março marco maart mrt",
    "april apr avril avr abril abr aprile",
    "may mai mayo maggio mag maio mei",
    "june jun juni juin junio giugno giu junho",
    "july jul juli juillet juil julio luglio lug julho",
    "august aug août aout agosto ago augustus",
    "september sep sept septembre septiembre setiembre settembre set setembro",
    "october oct oktober okt octobre octubre ottobre ott outubro out",
    "november nov novembre noviembre novembro",
    "december dec dezember dez décembre decembre déc diciembre dic dicembre dezembro",
)
_MONTHS = {
    name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names.split()
}
_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_ORDINAL = r"(?:st|nd|rd|th|er|e|º|°)?\.?"
_ISO_DATE = re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)")
_CJK_DATE = re.compile(r"(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})")
_COMPACT_DATE = re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?:T|$)")
_DMY_DATE = re.compile(r"(?<!\d)(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>\d{4})(?!\d)")
_TEXT_DMY = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?(?P<year>\d{{4}})"
)
_TEXT_MDY = re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>\d{{4}})")


def _make_date(year: str, month: str | int, day: str) -> str | None:
    """``YYYY-MM-DD`` if the parts form a real date in the accepted years."""
    try:
        month_number = month if isinstance(month, int) else int(month)
        value = date(int(year), month_number, int(day))
    except ValueError:
        return None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return None
    return value.isoformat()


def _numeric_dmy(match: re.Match[str]) -> str | None:
    """Day-first numeric dates; ``a/b/yyyy`` with both parts <= 12 is ambiguous."""
    day, month = int(match["day"]), int(match["month"])
    if "/" in match.group(0) and day <= 12 and month <= 12 and day != month:
        return None
    if day <= 12 < month:  # only month-first reads as a date (US style)
        day, month = month, day
    return _make_date(match["year"], month, str(day))


def normalize_date(value: Any) -> str | None:
    """An ISO 8601 ``YYYY-MM-DD`` date from the common ways pages write dates.

    Accepts ISO dates and datetimes (the date as written, no time zone shift),
    ``YYYYMMDD``, day-first numeric dates, month names in seven
    European languages ("14. Oktober 2025", "14 de octubre de 2025"), Chinese,
    Japanese and Korean ``2025年10月14日`` / ``2025년 10월 14일``, and RFC 2822.

    >>> normalize_date("2025-10-14T09:21:37+00:00"), normalize_date("October 14, 2025")
    ('2025-10-14', '2025-10-14')
    >>> normalize_date("Tue, 14 Oct 2025 09:21:37 GMT"), normalize_date("soon") is None
    ('2025-10-14', True)
    """
    text = clean_text(value)
    if text is None or len(text) > 100:
        return None
    iso = _ISO_DATE.search(text)
    if iso is not None:
        return _make_date(iso["year"], iso["month"], iso["day"])
    cjk = _CJK_DATE.search(text)
    if cjk is not None:
        return _make_date(cjk["year"], cjk["month"], cjk["day"])
    compact = _COMPACT_DATE.match(text)
    if compact is not None:
        return _make_date(compact["year"], compact["month"], compact["day"])
    dmy = _DMY_DATE.search(text)
    if dmy is not None:
        return _numeric_dmy(dmy)
    for pattern in (_TEXT_DMY, _TEXT_MDY):
        found = pattern.search(text)
        if found is not None:
            month = _MONTHS.get(found["month"].lower())
            if month is not None:
                return _make_date(found["year"], month, found["day"])
    return None


# ------------------------------------------------------------------------- authors

_AUTHOR_PREFIX = re.compile(
    r"^(?:(?:posted|written|published|reported|words|text|story|photos?|analysis|opinion|"
    r"commentary|review|interview)\s+)?"
    r"(?:by|from|author|authors|von|par|por|di|door)\s*[:\-]?\s+",
    re.IGNORECASE,
)
_AUTHOR_LABEL = re.compile(r"^(?:authors?|byline|written by|posted by)\s*:\s*", re.IGNORECASE)
_TRAILING_DATE = re.compile(
    r"\s*(?:[,|\-–—•·]|\bon\b|\bupdated\b|\bpublished\b)\s*"
    r"(?:[A-Za-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+[A-Za-z]+\.?\s+\d{4}|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})"
    r".*$",
    re.IGNORECASE,
)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\||\s&\s|\band\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+\.\S+")


# A trailing job title ("CNN Editor-at-large", "AP Auto Writer") is a role, not a name.
_ROLE = re.compile(
    r"\b(?:editor|editors|writer|reporter|correspondent|columnist|contributor|staff|"
    r"editor-at-large|producer|intern)$",
    re.IGNORECASE,
)


def _split_names(text: str) -> list[str]:
    """Split "A and B", "A; B", and "A B, C D" (but not "Smith, John") into names."""
    parts = [p for p in _AUTHOR_SPLIT.split(text) if p]
    names: list[str] = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) > 1 and all(" " in p for p in pieces):
            names.extend(pieces)
        else:
            names.append(part.strip(" ,"))
    return names


def _clean_one_author(text: str) -> str | None:
    """A single name without "By", labels, e-mail addresses and trailing dates."""
    text = _EMAIL.sub("", text)
    text = _AUTHOR_LABEL.sub("", text)
    text = _AUTHOR_PREFIX.sub("", text)
    text = _TRAILING_DATE.sub("", text).strip(" ,;:|-–—•·")
    if not text or text.startswith(("http://", "https://", "www.")) or text.isdigit():
        return None
    if normalize_date(text) is not None:  # "Jane Doe | 3 March 2021" split at the bar
        return None
    return text


def clean_author(values: Iterable[Any]) -> str | None:
    """One author string from one or more raw values, names joined with ``"; "``.

    >>> clean_author(["By Jane Doe and John Roe"])
    'Jane Doe; John Roe'
    >>> clean_author(["Posted by Ann Lee, March 3, 2021", "Ann Lee"])
    'Ann Lee'
    >>> clean_author(["Analysis by Kim Roe, Senior Political Writer"])
    'Kim Roe'
    """
    names: list[str] = []
    roles: list[str] = []
    seen: set[str] = set()
    for value in values:
        text = clean_text(value)
        if text is None or len(text) > MAX_AUTHOR_CHARS:
            continue
        text = _TRAILING_DATE.sub("", _AUTHOR_PREFIX.sub("", _AUTHOR_LABEL.sub("", text)))
        for part in _split_names(text):
            name = _clean_one_author(part)
            if name is not None and name.casefold() not in seen:
                seen.add(name.casefold())
                (roles if _ROLE.search(name) else names).append(name)
    names = names or roles  # "Staff Writer" alone is still the best there is
    return "; ".join(names) if names else None


# -------------------------------------------------------------------------- titles

_TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—·•»«:]|::|//)\s+")
_NON_WORD = re.compile(r"\W+")


def _same_name(a: str, b: str) -> bool:
    """Whether two names are the same once case, spacing and punctuation are ignored."""
    return _NON_WORD.sub("", a.casefold()) == _NON_WORD.sub("", b.casefold())


def clean_title(title: str, sitename: str | None, host: str | None = None) -> str:
    """``title`` without a leading or trailing part that names the site.

    The part must equal the site name (or the URL host without ``www.``) once
    case and punctuation are ignored; otherwise the title is kept whole.

    >>> clean_title("A Day Out – Daily Stories Hub", "Daily Stories Hub")
    'A Day Out'
    >>> clean_title("Daily Stories Hub | A Day Out", None, "dailystorieshub.example")
    'A Day Out'
    """
    names = ([sitename] if sitename else []) + _host_names(host)
    if not names:
        return title
    separators = list(_TITLE_SEPARATOR.finditer(title))
    if not separators:
        return title
    last, first = separators[-1], separators[0]
    if any(_same_name(title[last.end() :], n) for n in names):
        return title[: last.start()].strip()
    if any(_same_name(title[: first.start()], n) for n in names):
        return title[first.end() :].strip()
    return title


def site_from_title(title: str, heading: str | None, host: str | None) -> str | None:
    """The site name a ``<title>`` carries at its end (or start), if it can be told.

    The part after the last separator is the site name when the rest equals the
    page's heading (``<h1>`` or OpenGraph title) or when it names the URL host; the
    part before the first separator only when it names the host (a heading match
    is weaker evidence there: sites put their own name in an ``<h1>``).

    >>> site_from_title("A Day Out – Daily Stories Hub", "A Day Out", None)
    'Daily Stories Hub'
    >>> site_from_title("Cats - The Musical", None, "theatre.example") is None
    True
    """
    separators = list(_TITLE_SEPARATOR.finditer(title))
    if not separators:
        return None
    last, first = separators[-1], separators[0]
    names = _host_names(host)
    suffix, rest = title[last.end() :], title[: last.start()]
    if (heading and _same_name(rest, heading)) or any(_same_name(suffix, n) for n in names):
        return suffix.strip() or None
    prefix = title[: first.start()]
    if any(_same_name(prefix, n) for n in names):
        return prefix.strip() or None
    return None


def _host_names(host: str | None) -> list[str]:
    """Ways a title may name a host: ``en.wikipedia.org`` -> itself and ``wikipedia``."""
    if not host:
        return []
    labels = [label for label in host.split(".")[:-1] if len(label) >= 4 and label != "www"]
    return [host, *labels]


# ------------------------------------------------------------------------ language

_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


def normalize_language(value: Any) -> str | None:
    """The lowercase primary language subtag of a BCP 47-ish code, or ``None``.

    >>> normalize_language("en-US"), normalize_language("pt_BR"), normalize_language("x")
    ('en', 'pt', None)
    """
    text = clean_text(value)
    if text is None:
        return None
    found = _LANGUAGE.match(text.split(",")[0].strip())
    return found.group(1).lower() if found else None


# ---------------------------------------------------------------------------- URLs


def absolute_url(href: Any, base: str | None) -> str | None:
    """``href`` resolved against ``base``, if the result is an http(s) URL."""
    text = clean_text(href)
    if text is None:
        return None
    try:
        resolved = urljoin(base or "", text)
        parts = urlsplit(resolved)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return parts._replace(fragment="").geturl()


def host_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None
