"""HTML -> main content text and markdown, with metadata.

>>> from thresher.extract import extract
>>> extract("<p>Hello, world.</p>").text
'Hello, world.'
"""

from thresher.extract.api import ExtractConfig, Extraction, extract
from thresher.extract.guards import PageLimits, PageRejected

__all__ = ["ExtractConfig", "Extraction", "PageLimits", "PageRejected", "extract"]
