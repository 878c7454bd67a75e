"""A filter step that wraps a pure rule function returning a :class:`Verdict`."""

from __future__ import annotations

from abc import abstractmethod

from thresher.document import Document
from thresher.filters.verdict import Verdict
from thresher.step import ConfigT, Drop, Filter

__all__ = ["RuleFilter"]


class RuleFilter(Filter[ConfigT]):
    """A filter whose decision is one pure function of the document: see :meth:`verdict`."""

    @abstractmethod
    def verdict(self, doc: Document) -> Verdict | None:
        """The first failed rule, or ``None`` when the document passes."""

    def check(self, doc: Document) -> Drop | None:
        found = self.verdict(doc)
        if found is None:
            return None
        return self.drop(
            found.reason, found.describe(), value=found.value, threshold=found.threshold
        )
