"""Imports every built-in step and stage module so that they register themselves."""

from __future__ import annotations

# Each line registers the steps of one module. Keep sorted.
import thresher.clean.step
import thresher.dedup.stages
import thresher.extract.step
import thresher.filters.c4
import thresher.filters.fineweb
import thresher.filters.gopher
import thresher.filters.url
import thresher.langid.step
import thresher.pii.step  # noqa: F401
