"""The bundled sample crawl: a small Common Crawl style WARC.gz to try thresher on.

It holds 19 captures written for the project (articles in English, German,
French, Spanish, Japanese and Chinese with realistic site chrome, a forum
thread, a product page, a docs page, a listing, near and exact duplicates, a
404, a redirect, a PNG and a PDF), each as request, response and metadata
records. ``benchmarks/make_sample.py`` regenerates it.

>>> sample_path().name
'sample-crawl.warc.gz'
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

__all__ = ["SAMPLE_NAME", "sample_path"]

SAMPLE_NAME = "sample-crawl.warc.gz"


def sample_path() -> Path:
    """Path of the bundled sample crawl file.

    The package ships as plain files (no zip import), so the path stays valid
    after the resource context closes.
    """
    with as_file(files(__name__) / SAMPLE_NAME) as path:
        return Path(path)
