"""PII redaction: e-mail, IPv4/IPv6 addresses and phone numbers become typed placeholders.

Pure API: :func:`redact` (``text, RedactConfig -> RedactResult``); the
pipeline step ``pii`` lives in :mod:`thresher.pii.step`.
"""

from __future__ import annotations

from thresher.pii.redact import PII_TYPES, PLACEHOLDERS, RedactConfig, RedactResult, redact

__all__ = ["PII_TYPES", "PLACEHOLDERS", "RedactConfig", "RedactResult", "redact"]
