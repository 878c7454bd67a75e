"""HTML -> main content text and markdown, with metadata.

>>> from thresher.extract import extract
>>> extract("<p>Hello, world.</p>").text
'Hello, world.'

The hot path (`hotpath.MODULES`) runs compiled when the install could compile it, as
Python otherwise; `hotpath.status()` says which (so does ``thresher --version``).
"""

from thresher.extract import hotpath

hotpath.install()  # before the hot-path modules load: it picks compiled or source

from thresher.extract.api import ExtractConfig, Extraction, extract  # noqa: E402
from thresher.extract.guards import PageLimits, PageRejected  # noqa: E402

__all__ = ["ExtractConfig", "Extraction", "PageLimits", "PageRejected", "extract"]
