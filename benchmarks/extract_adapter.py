"""Adapter for `score_extract.py --callable`: html -> main text.

Text only (`with_metadata=False`), as the peers are called: trafilatura's `extract()`
reads no metadata unless asked. The text is the same either way.
"""

from __future__ import annotations

from thresher.extract import ExtractConfig, extract

_TEXT_ONLY = ExtractConfig(with_metadata=False)


def html_to_text(html: str, url: str | None = None) -> str:
    """The `text` of `extract(html, url)`."""
    return extract(html, url, _TEXT_ONLY).text
