"""The ``url_filter`` step: drop documents by their URL.

Two rules, checked in this order:

1. **Block lists** in the UT1 format (the Université Toulouse Capitole
   blacklists, also used by squidGuard): a folder with one sub-folder per
   category (``adult/``, ``gambling/``...), each holding a ``domains`` file
   (one domain per line; a domain blocks itself and all its subdomains) and a
   ``urls`` file (one ``host/path`` per line, no scheme; blocks that path and
   everything below it). A path may also name one category folder, or a single
   file (``urls``/``urls.gz`` is read as a URL list, anything else as a domain
   list). ``.gz`` files are read transparently; blank lines and ``#``
   comments are skipped. ``categories`` restricts which sub-folders are read.
2. **URL words**: the URL (host, path, query) is split into words at every
   non-alphanumeric character; one word of ``banned_words`` drops the
   document, and so do ``soft_word_threshold`` distinct words of
   ``soft_banned_words``. The built-in lists are deliberately tiny
   (:data:`DEFAULT_BANNED_WORDS`, :data:`DEFAULT_SOFT_BANNED_WORDS`): give your
   own in the config; an empty tuple turns a list off.

A document without a URL is kept; a URL without a host, or one that cannot be
parsed, is dropped as ``bad_url``.
"""

from __future__ import annotations

import contextlib
import gzip
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from thresher.document import Document
from thresher.step import ConfigError, Drop, Filter

__all__ = [
    "DEFAULT_BANNED_WORDS",
    "DEFAULT_SOFT_BANNED_WORDS",
    "BlockList",
    "ParsedUrl",
    "UrlFilter",
    "load_blocklists",
    "parse_url",
    "url_words",
]

DEFAULT_BANNED_WORDS: tuple[str, ...] = ("porn", "porno", "xxx")
"""Words that drop a URL on their own."""
DEFAULT_SOFT_BANNED_WORDS: tuple[str, ...] = ("adult", "erotic", "escort", "nude", "sex")
"""Words that drop a URL when ``soft_word_threshold`` of them occur together."""

MAX_URL_CHARS = 8192
_WORD_SPLIT = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class BlockList:
    """Blocked domains and blocked ``host -> path prefixes`` (hosts without ``www.``)."""

    domains: frozenset[str]
    urls: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class ParsedUrl:
    """The parts of a URL the rules look at, lower-cased."""

    host: str
    path: str


def _open_list(path: Path) -> IO[str]:
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return path.open("r", encoding="utf-8", errors="replace")


def _entries(path: Path) -> Iterator[str]:
    """Non-blank, non-comment lines of a list file, lower-cased."""
    with _open_list(path) as handle:
        for line in handle:
            entry = line.strip().lower()
            if entry and not entry.startswith("#"):
                yield entry


def _strip_www(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


def _split_url_entry(entry: str) -> tuple[str, str]:
    entry = entry.split("://", 1)[-1]
    host, _, path = entry.partition("/")
    return _strip_www(host.rstrip(".")), "/" + path


def _list_files(path: Path, categories: frozenset[str]) -> Iterator[Path]:
    """The ``domains``/``urls`` files under ``path`` (UT1 root, category folder or file)."""
    if path.is_file():
        yield path
        return
    if not path.is_dir():
        raise ConfigError(f"url_filter: block list {str(path)!r} does not exist")
    own = [p for p in sorted(path.iterdir()) if p.is_file() and _kind(p) is not None]
    folders = [path] if own else sorted(p for p in path.iterdir() if p.is_dir())
    for folder in folders:
        if categories and folder is not path and folder.name not in categories:
            continue
        yield from (p for p in sorted(folder.iterdir()) if p.is_file() and _kind(p) is not None)


def _kind(path: Path) -> str | None:
    name = path.name.removesuffix(".gz")
    return name if name in ("domains", "urls") else None


def load_blocklists(paths: tuple[str, ...], categories: tuple[str, ...] = ()) -> BlockList:
    """Read UT1-format block lists; see the module docstring for the layouts."""
    wanted = frozenset(categories)
    domains: set[str] = set()
    urls: dict[str, list[str]] = {}
    for given in paths:
        for file in _list_files(Path(given), wanted):
            if _kind(file) == "urls":
                for entry in _entries(file):
                    host, path = _split_url_entry(entry)
                    urls.setdefault(host, []).append(path)
            else:
                domains.update(_strip_www(e.rstrip(".")) for e in _entries(file))
    return BlockList(
        frozenset(domains), {host: tuple(sorted(set(p))) for host, p in sorted(urls.items())}
    )


def parse_url(url: str) -> ParsedUrl | None:
    """Host (IDNA, no ``www.``) and path+query of ``url``; ``None`` when unusable."""
    if len(url) > MAX_URL_CHARS or any(ord(c) < 32 for c in url):
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return None
    if not host:
        return None
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return ParsedUrl(_strip_www(host.rstrip(".")), path.lower())


def _host_suffixes(host: str) -> Iterator[str]:
    labels = host.split(".")
    for i in range(len(labels)):
        yield ".".join(labels[i:])


def _blocked_domain(host: str, blocklist: BlockList) -> str | None:
    return next((s for s in _host_suffixes(host) if s in blocklist.domains), None)


def _under(path: str, prefix: str) -> bool:
    if not path.startswith(prefix):
        return False
    return len(path) == len(prefix) or prefix.endswith("/") or path[len(prefix)] in "/?#"


def _blocked_url(parsed: ParsedUrl, blocklist: BlockList) -> str | None:
    for prefix in blocklist.urls.get(parsed.host, ()):
        if _under(parsed.path, prefix):
            return parsed.host + prefix
    return None


def url_words(url: str) -> list[str]:
    """Lower-case words of ``url`` (split at every non-alphanumeric character)."""
    return [w for w in _WORD_SPLIT.split(url.lower()) if w]


class UrlFilter(Filter["UrlFilter.Config"]):
    """Drop documents whose URL is on a UT1 block list or carries banned words."""

    name = "url_filter"
    reasons = frozenset({"blocked_domain", "blocked_url", "url_banned_word", "bad_url"})

    @dataclass(frozen=True)
    class Config:
        """Block lists by path, and the URL word rule."""

        blocklist_paths: tuple[str, ...] = ()
        """UT1 roots, category folders or single list files."""
        categories: tuple[str, ...] = ()
        """UT1 categories (sub-folder names) to read; empty reads all."""
        banned_words: tuple[str, ...] = DEFAULT_BANNED_WORDS
        """One of these words in the URL drops it."""
        soft_banned_words: tuple[str, ...] = DEFAULT_SOFT_BANNED_WORDS
        """``soft_word_threshold`` distinct ones of these drop it."""
        soft_word_threshold: int = 2

        def __post_init__(self) -> None:
            if self.soft_word_threshold < 1:
                raise ValueError("soft_word_threshold must be >= 1")

    def __init__(self, config: Config | None = None) -> None:
        super().__init__(config)
        self._blocklist: BlockList | None = None
        self._banned = frozenset(w.lower() for w in self.config.banned_words)
        self._soft = frozenset(w.lower() for w in self.config.soft_banned_words)

    def setup(self) -> None:
        """Read the block lists (once per worker)."""
        if self._blocklist is None:
            self._blocklist = load_blocklists(self.config.blocklist_paths, self.config.categories)

    def check(self, doc: Document) -> Drop | None:
        if doc.url is None:
            return None
        parsed = parse_url(doc.url)
        if parsed is None:
            return self.drop("bad_url", f"cannot parse URL {doc.url[:200]!r}")
        self.setup()
        assert self._blocklist is not None
        domain = _blocked_domain(parsed.host, self._blocklist)
        if domain is not None:
            return self.drop("blocked_domain", f"{parsed.host} is under blocked {domain}")
        url = _blocked_url(parsed, self._blocklist)
        if url is not None:
            return self.drop("blocked_url", f"under blocked {url}")
        return self._check_words(parsed)

    def _check_words(self, parsed: ParsedUrl) -> Drop | None:
        words = set(url_words(parsed.host + parsed.path))
        hard = sorted(words & self._banned)
        if hard:
            return self.drop("url_banned_word", f"banned word {hard[0]!r}")
        soft = sorted(words & self._soft)
        if len(soft) >= self.config.soft_word_threshold:
            return self.drop(
                "url_banned_word",
                f"soft banned words {soft}",
                value=float(len(soft)),
                threshold=float(self.config.soft_word_threshold),
            )
        return None
