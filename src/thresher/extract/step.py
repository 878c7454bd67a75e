"""The ``extract`` pipeline step: raw HTML bytes -> main text plus metadata.

A thin adapter around :func:`thresher.extract.extract` that adds what a pure
function cannot: the guards against hostile pages (:mod:`thresher.extract.guards`, the
same as :func:`thresher.extract.extract` applies) become drops.
Each check that fails is a drop with its reason:

``too_large``
    the payload is over ``max_bytes``, or it has more than ``max_nodes`` tags. Such
    pages are dropped, not truncated: a cut page parses into a different tree and
    a cut article, and pages this big are almost never prose (Common Crawl
    itself truncates payloads at 1 MiB).
``not_html``
    binary payloads (PDF, images, archives, NUL and control bytes), see
    :func:`~thresher.extract.decode.looks_like_html`.
``parse_error``
    nesting deeper than ``max_depth`` (lexbor's tree building is quadratic in the
    depth, 200,000 nested ``<div>`` take minutes), a recursion error, or any other
    exception raised by the parser or the extractor.
``extract_timeout``
    the whole page (decoding included) took longer than ``timeout_s`` of wall
    clock. Enforced with ``SIGALRM`` when the step runs in a process's main thread
    (where executors run it); elsewhere only the size guards apply.
``no_content``
    the payload is empty, or the extractor found no main text in it.

A document without ``html`` (text input) passes through unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from thresher.document import Document
from thresher.extract.api import ExtractConfig, Extraction, Favour, extract_decoded
from thresher.extract.decode import decode_html
from thresher.extract.guards import (
    PageLimits,
    PageRejected,
    check_payload,
    check_structure,
    time_limit,
)
from thresher.step import Drop, Mapper

__all__ = ["ExtractStep", "ExtractStepConfig"]


@dataclass(frozen=True)
class ExtractStepConfig:
    """Options of the ``extract`` step: the extractor's, then the guards."""

    include_comments: bool = False
    """Keep user comment sections (see :class:`~thresher.extract.ExtractConfig`)."""
    include_tables: bool = True
    """Keep tables of the main content."""
    favour: Favour = "balanced"
    """``precision`` drops borderline blocks, ``recall`` keeps them."""
    include_links: bool = False
    """Write links as ``[text](href)`` in the markdown."""
    with_metadata: bool = True
    """Read title, author, date... into the document's metadata."""
    max_bytes: int = 5_000_000
    """Larger payloads are dropped as ``too_large``."""
    max_nodes: int = 300_000
    """Pages with more tags than this are dropped as ``too_large``."""
    max_depth: int = 2_000
    """Pages nested deeper than this (estimated) are dropped as ``parse_error``."""
    timeout_s: float = 5.0
    """Wall-clock bound per page (0 disables it); over it: ``extract_timeout``."""
    keep_markdown: bool = False
    """Also store the markdown rendering in ``metadata["markdown"]``."""

    def __post_init__(self) -> None:
        if min(self.max_bytes, self.max_nodes, self.max_depth) <= 0:
            raise ValueError("max_bytes, max_nodes and max_depth must be > 0")
        if self.timeout_s < 0:
            raise ValueError("timeout_s must be >= 0")

    def limits(self) -> PageLimits:
        """The guards' bounds (:class:`~thresher.extract.guards.PageLimits`)."""
        return PageLimits(self.max_bytes, self.max_nodes, self.max_depth, self.timeout_s)

    def extract_config(self) -> ExtractConfig:
        """The options given to :func:`~thresher.extract.extract`."""
        return ExtractConfig(
            include_comments=self.include_comments,
            include_tables=self.include_tables,
            favour=self.favour,
            include_links=self.include_links,
            with_metadata=self.with_metadata,
        )


_METADATA_FIELDS = ("title", "author", "date", "sitename", "description")


class ExtractStep(Mapper[ExtractStepConfig]):
    """Turn ``doc.html`` into ``doc.text`` (main content) and page metadata.

    The metadata gets ``title``, ``author``, ``date``, ``sitename``,
    ``description``, ``canonical_url``, ``tags``, ``encoding`` (the Python codec
    used) and ``declared_language`` (the page's own language claim, a hint for
    language identification), each only when found.
    """

    name: ClassVar[str] = "extract"
    Config: ClassVar[type[Any]] = ExtractStepConfig
    reasons: ClassVar[frozenset[str]] = frozenset(
        {"not_html", "too_large", "extract_timeout", "parse_error", "no_content"}
    )

    def __init__(self, config: ExtractStepConfig | None = None) -> None:
        super().__init__(config)
        self._options = self.config.extract_config()
        self._limits = self.config.limits()

    def map(self, doc: Document) -> Document | Drop:
        data = doc.html
        if data is None:
            return doc
        config: ExtractStepConfig = self.config
        if not data.strip() and len(data) <= config.max_bytes:
            return self.drop("no_content", "empty payload")
        try:
            check_payload(data, self._limits)
            with time_limit(config.timeout_s):
                return self._extract(doc, data)
        except PageRejected as refused:
            return self.drop(refused.reason, refused.detail, value=refused.value,
                             threshold=refused.threshold)
        except RecursionError:
            return self.drop("parse_error", "nesting too deep for the extractor")
        except Exception as exc:  # hostile input must drop the page, not the shard
            return self.drop("parse_error", f"{type(exc).__name__}: {exc}"[:200])

    def _extract(self, doc: Document, data: bytes) -> Document | Drop:
        """Decode, check the tag structure, extract; runs under the time limit."""
        config: ExtractStepConfig = self.config
        decoded = decode_html(data, doc.provenance.charset)
        check_structure(decoded.text, self._limits)
        result = extract_decoded(
            decoded, data, doc.url, self._options, fetch_date=doc.provenance.fetch_date
        )
        if not result.text.strip():
            return self.drop("no_content", "no main text found")
        metadata = _metadata(result, decoded.encoding, keep_markdown=config.keep_markdown)
        return doc.evolve(text=result.text, html=None).with_metadata(**metadata)


def _metadata(result: Extraction, encoding: str, *, keep_markdown: bool) -> dict[str, Any]:
    """The metadata entries the step adds, leaving out what was not found."""
    values: dict[str, Any] = {
        name: getattr(result, name)
        for name in _METADATA_FIELDS
        if getattr(result, name) is not None
    }
    if result.url is not None:
        values["canonical_url"] = result.url
    if result.tags:
        values["tags"] = list(result.tags)
    if result.language is not None:
        values["declared_language"] = result.language
    values["encoding"] = encoding
    if keep_markdown:
        values["markdown"] = result.markdown
    return values
