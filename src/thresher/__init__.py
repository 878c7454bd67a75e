"""thresher: crawled web pages in, clean text corpora out.

The public API::

    from thresher import extract, Document, PipelineSpec, run_pipeline

    result = extract(html_bytes, url="https://example.org/a")   # one page
    print(result.title, result.text)

    spec = PipelineSpec.from_toml(Path("pipeline.toml"))        # or default_pipeline()
    run_pipeline(["crawl.warc.gz"], "out/", spec, workers=2)
"""

from __future__ import annotations

from thresher.document import Document, Edit, Provenance
from thresher.drop import Drop
from thresher.extract import ExtractConfig, Extraction, PageLimits, PageRejected
from thresher.extract import extract as extract
from thresher.pipeline import PipelineSpec, default_pipeline
from thresher.registry import register
from thresher.run import RunResult, run_pipeline
from thresher.step import Filter, Mapper, Step

__all__ = [
    "Document",
    "Drop",
    "Edit",
    "ExtractConfig",
    "Extraction",
    "Filter",
    "Mapper",
    "PageLimits",
    "PageRejected",
    "PipelineSpec",
    "Provenance",
    "RunResult",
    "Step",
    "default_pipeline",
    "extract",
    "register",
    "run_pipeline",
]
