"""Imports every built-in step and stage module so that they register themselves."""

from __future__ import annotations

# Each line registers the steps of one module. Keep sorted.
