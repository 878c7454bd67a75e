"""Normalizers for page metadata values: text, dates, titles, languages, URLs.

Pure functions over strings; each returns ``None`` (or its input, for titles) when a
value is unusable, and none of them raises, whatever it is given.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from thresher.extract.dates import DayOrder, parse_date

__all__ = [
    "absolute_url",
    "clean_text",
    "clean_title",
    "host_of",
    "normalize_date",
    "normalize_language",
    "site_from_title",
]

# --------------------------------------------------------------------- text helpers

_SPACES = re.compile(r"\s+")


def clean_text(value: Any) -> str | None:
    """A single-line, entity-decoded string, or ``None`` if empty or not a string."""
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", html.unescape(value)).strip()
    return text or None


# --------------------------------------------------------------------------- dates


def normalize_date(value: Any, order: DayOrder = "dmy") -> str | None:
    """An ISO 8601 ``YYYY-MM-DD`` date from the common ways pages write dates.

    See :func:`thresher.extract.dates.parse_date` for the formats; ``order`` says
    how ``a/b/yyyy`` reads on the page (``"mdy"`` for US English).

    >>> normalize_date("2025-10-14T09:21:37+00:00"), normalize_date("October 14, 2025")
    ('2025-10-14', '2025-10-14')
    >>> normalize_date("Tue, 14 Oct 2025 09:21:37 GMT"), normalize_date("soon") is None
    ('2025-10-14', True)
    """
    found = parse_date(clean_text(value), order)
    return found.isoformat() if found is not None else None


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
        # an absolute http(s) URL needs no joining (urljoin is the costly part)
        absolute = text[:8].lower().startswith(("http://", "https://"))
        parts = urlsplit(text if absolute else urljoin(base or "", text))
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
