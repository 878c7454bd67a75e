"""The ``clean_lines`` step: :func:`thresher.clean.clean_text` on each document."""

from __future__ import annotations

from dataclasses import dataclass

from thresher.clean.cleaner import CleanConfig, clean_text
from thresher.document import Document, Edit
from thresher.step import Drop, Mapper

__all__ = ["CleanLines"]


class CleanLines(Mapper["CleanLines.Config"]):
    """Remove teaser rails and chrome lines from ``doc.text``.

    Drops with ``empty_after_cleaning`` when no line is left. With
    ``record_edits`` every removed line is appended to ``doc.edits`` as
    ``Edit("clean_lines", rule, line)`` so a reader can see why text went.
    """

    name = "clean_lines"
    reasons = frozenset({"empty_after_cleaning"})

    @dataclass(frozen=True)
    class Config(CleanConfig):
        """:class:`~thresher.clean.CleanConfig` plus what the step records."""

        record_edits: bool = False
        """Append one :class:`~thresher.document.Edit` per removed line to ``doc.edits``."""


    def map(self, doc: Document) -> Document | Drop:
        result = clean_text(doc.text, self.config)
        if not result.text:
            return self.drop(
                "empty_after_cleaning",
                f"{len(result.removed)} line(s) removed, none left",
                value=float(len(result.removed)),
            )
        # the cleaner ends every line with a newline; keep the input's convention for the last
        text = result.text if doc.text.endswith("\n") else result.text.removesuffix("\n")
        if not result.removed and text == doc.text:
            return doc
        edits = doc.edits
        if self.config.record_edits:
            edits += tuple(Edit(self.name, r.rule, r.line) for r in result.removed)
        return doc.evolve(text=text, edits=edits)
