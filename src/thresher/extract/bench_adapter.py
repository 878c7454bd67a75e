"""Adapter for `score_extract.py --callable`: html -> main text."""

from __future__ import annotations

from thresher.extract.api import extract


def html_to_text(html: str, url: str | None = None) -> str:
    """The `text` of `extract(html, url)`."""
    return extract(html, url).text
