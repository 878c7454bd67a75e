"""Render a selected container as plain text and as markdown.

Plain text: one block per line (paragraph, heading, list item, table row, code block
line by line). Markdown: the same blocks with their structure: `#` headings, `-`/`1.`
list items (indented when nested), pipe tables with a header rule, fenced code, `>`
quotes, and `[text](href)` links when asked for. Consecutive list items and table rows
are kept together; other blocks are separated by a blank line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from thresher.extract.content import Selection
from thresher.extract.tree import Box, Line

_CELL_TAGS: Final = frozenset({"td", "th"})
_LIST_TAGS: Final = frozenset({"ul", "ol", "menu", "dir"})
_CELL_SEPARATOR: Final = " | "


@dataclass(frozen=True, slots=True)
class Rendered:
    """Text and markdown of one extraction."""

    text: str
    markdown: str


@dataclass(slots=True)
class _Block:
    """One rendered block; `group` joins consecutive blocks of a list or table."""

    text: str
    md: str
    group: str = ""


@dataclass(slots=True)
class _Renderer:
    dropped: frozenset[int]
    links: bool
    out: list[_Block] = field(default_factory=list)
    table_head: bool = False

    def box(self, box: Box, lists: tuple[str, ...]) -> None:
        if box.tag == "tr" and self.row(box):
            return
        if box.tag in _LIST_TAGS:
            lists = (*lists, box.tag)
        elif box.tag == "table":
            self.table_head = True
        for item in box.items:
            if id(item) in self.dropped:
                continue
            if isinstance(item, Line):
                self.line(item, lists)
            else:
                self.box(item, lists)

    def row(self, box: Box) -> bool:
        """A row of simple cells as one line; False for a layout row (render inside)."""
        cells: list[Line | None] = []
        for item in box.items:
            if not isinstance(item, Box) or item.tag not in _CELL_TAGS or item.kids:
                return False
            lines = [line for line in item.items if isinstance(line, Line)]
            if len(lines) > 1:
                return False
            kept = lines[0] if lines and id(lines[0]) not in self.dropped else None
            cells.append(None if id(item) in self.dropped else kept)
        if not any(cells):
            return True
        text = _CELL_SEPARATOR.join(cell.text for cell in cells if cell)
        mds = [self.inline(cell).replace("|", "\\|") if cell else "" for cell in cells]
        md = "| " + " | ".join(mds) + " |"
        if self.table_head:
            md += "\n|" + "---|" * len(cells)
            self.table_head = False
        self.out.append(_Block(text, md, "table"))
        return True

    def inline(self, line: Line) -> str:
        """The line's inline markdown (links are in it only when they were asked for)."""
        return line.md

    def line(self, line: Line, lists: tuple[str, ...]) -> None:
        kind = line.kind
        text = line.text
        if kind == "pre":
            code_lines = "\n".join(part for part in text.split("\n") if part.strip())
            self.out.append(_Block(code_lines, f"```\n{text}\n```"))
        elif kind in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.out.append(_Block(text, "#" * int(kind[1]) + " " + self.inline(line)))
        elif lists and kind in ("li", "p", "dd", "dt"):
            indent = "  " * (len(lists) - 1)
            marker = "1." if lists[-1] == "ol" else "-"
            self.out.append(_Block(text, f"{indent}{marker} {self.inline(line)}", "list"))
        elif kind == "quote":
            self.out.append(_Block(text, "> " + self.inline(line)))
        else:
            self.out.append(_Block(text, self.inline(line)))


def render(selection: Selection, links: bool) -> Rendered:
    """Render the kept lines of `selection` as text and markdown."""
    renderer = _Renderer(selection.dropped, links)
    renderer.box(selection.root, ())
    for box in selection.extra:
        renderer.box(box, ())
    md_parts: list[str] = []
    previous = ""
    for block in renderer.out:
        if md_parts:
            md_parts.append("\n" if block.group and block.group == previous else "\n\n")
        md_parts.append(block.md)
        previous = block.group
    text = "\n".join(block.text for block in renderer.out)
    return Rendered(text, "".join(md_parts))
