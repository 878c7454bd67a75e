"""Where a file lives: a local path or a URL, told apart once, in one place.

A location is a string (or :class:`~pathlib.Path`) as a user types it:
``crawl/a.warc.gz``, ``/data/a.warc.gz``, ``file:///data/a.warc.gz``,
``s3://bucket/crawl/a.warc.gz``, ``https://data.commoncrawl.org/crawl-data/...``,
``memory://tmp/a`` (any protocol fsspec knows). A scheme needs two letters or
more, so a Windows drive letter is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["Location", "is_remote", "join", "parse"]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+)://")
_HTTP = frozenset({"http", "https"})


@dataclass(frozen=True, slots=True)
class Location:
    """A parsed location: ``scheme`` is ``file`` for local paths."""

    scheme: str
    path: str
    """Local path for ``file``; the whole URL for http(s); ``bucket/key`` (no scheme) else."""

    @property
    def is_local(self) -> bool:
        return self.scheme == "file"

    @property
    def is_http(self) -> bool:
        return self.scheme in _HTTP

    @property
    def url(self) -> str:
        """The location as a string a user would recognise (a plain path when local)."""
        if self.is_local or self.is_http:
            return self.path
        return f"{self.scheme}://{self.path}"

    @property
    def name(self) -> str:
        """The last path component (the file name), without a query string."""
        path = urlsplit(self.path).path if self.is_http else self.path
        return path.rstrip("/").rsplit("/", 1)[-1]


def parse(location: str | Path) -> Location:
    """The :class:`Location` of a path or URL.

    >>> parse("s3://bucket/crawl/a.warc.gz")
    Location(scheme='s3', path='bucket/crawl/a.warc.gz')
    >>> parse("crawl/a.warc.gz").is_local
    True
    >>> parse("file:///data/a.warc.gz").path
    '/data/a.warc.gz'
    """
    if isinstance(location, Path):
        return Location("file", str(location))
    match = _SCHEME.match(location)
    if match is None:
        return Location("file", location)
    scheme = match.group(1).lower()
    if scheme == "file":
        return Location("file", unquote(urlsplit(location).path))
    if scheme in _HTTP:
        return Location(scheme, location)
    return Location(scheme, location[match.end():])


def is_remote(location: str | Path) -> bool:
    """Whether ``location`` is a URL of something not on the local disk.

    >>> is_remote("https://data.commoncrawl.org/x"), is_remote("/tmp/x")
    (True, False)
    """
    return not parse(location).is_local


def join(base: str | Path, name: str) -> str:
    """``name`` under the folder or prefix ``base`` (one ``/`` between them).

    >>> join("s3://bucket/out", "data/part-0.jsonl.zst")
    's3://bucket/out/data/part-0.jsonl.zst'
    >>> join("https://data.commoncrawl.org/", "crawl-data/x.warc.gz")
    'https://data.commoncrawl.org/crawl-data/x.warc.gz'
    """
    loc = parse(base)
    if loc.is_local:
        return str(Path(loc.path) / name)
    return str(base).rstrip("/") + "/" + name.lstrip("/")
