"""Line-level cleaning of extracted text: teaser rails and page chrome.

Pure API: :func:`clean_text` (``text, CleanConfig -> CleanResult``); the
pipeline step ``clean_lines`` lives in :mod:`thresher.clean.step`.
"""

from __future__ import annotations

from thresher.clean.cleaner import CleanConfig, CleanResult, RemovedLine, clean_text

__all__ = ["CleanConfig", "CleanResult", "RemovedLine", "clean_text"]
