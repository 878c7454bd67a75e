"""The ``pii`` step: :func:`thresher.pii.redact` on each document's text."""

from __future__ import annotations

from dataclasses import dataclass

from thresher.document import Document
from thresher.pii.redact import RedactConfig, redact
from thresher.step import Drop, Mapper

__all__ = ["RedactPii"]


class RedactPii(Mapper["RedactPii.Config"]):
    """Replace PII with ``<EMAIL>``, ``<IPV4>``, ``<IPV6>``, ``<PHONE>``.

    Writes the per-type counts (every configured type, zeros included) to
    ``doc.metadata["pii"]`` so the run manifest can sum them. Never drops.
    """

    name = "pii"

    @dataclass(frozen=True)
    class Config(RedactConfig):
        """:class:`~thresher.pii.RedactConfig` as a step config."""


    def map(self, doc: Document) -> Document | Drop:
        result = redact(doc.text, self.config)
        counts = dict(result.counts)
        if result.text == doc.text:
            return doc.with_metadata(pii=counts)
        return doc.evolve(text=result.text).with_metadata(pii=counts)
