"""The tune/check split of the extraction benchmark folders, by site.

Every page of every dev folder in ``../shared/bench`` belongs to one site, and every site
to one half: ``tune`` (rules may be looked at and tuned there) or ``check`` (only
measured). The half is a hash of the site's name, so the split is deterministic, needs no
list, and one site never lands on both sides: a rule that learned a site's template on
the tune half cannot score that template again on the check half.

A page's site is the registrable part of its host: the row's ``url`` when the dataset has
one; else (Dragnet's rows carry none) the page's own canonical or ``og:url`` address,
else the host most of its absolute links point to. Registrable part: the last two labels
of the host, three under a two-letter country code's generic second level (``co.uk``) and
under blog hosts whose sub-domains are separate sites (``*.blogspot.com``).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from typing import Final
from urllib.parse import urlsplit

HALVES: Final = ("tune", "check")

#: Second-level labels under a two-letter country code that are not a site (co.uk, com.au).
_GENERIC_SECOND: Final = frozenset({"co", "com", "net", "org", "gov", "edu", "ac", "or", "ne"})
#: Hosts whose sub-domains are separate sites (blogs of different people).
_SHARED_HOSTS: Final = frozenset(
    {"blogspot.com", "wordpress.com", "typepad.com", "tumblr.com", "livejournal.com", "github.io"}
)

_CANONICAL: Final = re.compile(
    r"<(?:link[^>]+rel=[\"']?canonical|meta[^>]+property=[\"']og:url)[^>]*>", re.I
)
_ADDRESS: Final = re.compile(r"(?:href|content)=[\"']?(https?://[^\"'\s>]+)", re.I)
_HREF: Final = re.compile(r"href=[\"']?(https?://[^\"'\s>]+)", re.I)


def site_of_host(host: str) -> str:
    """The registrable part of ``host`` (see the module docstring)."""
    labels = host.lower().strip(".").split(".")
    if len(labels) <= 2:
        return ".".join(labels)
    keep = 2
    if len(labels[-1]) == 2 and labels[-2] in _GENERIC_SECOND:
        keep = 3
    if ".".join(labels[-2:]) in _SHARED_HOSTS:
        keep = 3
    return ".".join(labels[-keep:])


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def page_host(html: str) -> str | None:
    """The page's own address (canonical link, og:url), else its links' commonest host."""
    found = _CANONICAL.search(html)
    if found is not None:
        address = _ADDRESS.search(found.group(0))
        host = _host(address.group(1)) if address else None
        if host:
            return host
    hosts = Counter(h for h in (_host(u) for u in _HREF.findall(html)) if h)
    return hosts.most_common(1)[0][0] if hosts else None


def site_of(page_id: str, url: str | None, html: str) -> str:
    """A page's site: from the row's url, else from the page; else the page itself."""
    host = _host(url) or page_host(html)
    return site_of_host(host) if host else f"page:{page_id}"


def half_of(site: str) -> str:
    """``tune`` or ``check``: the parity of the first byte of the site's SHA-256."""
    return HALVES[hashlib.sha256(site.encode("utf-8")).digest()[0] & 1]
