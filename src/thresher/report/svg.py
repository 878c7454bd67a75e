"""Charts as inline SVG, written by hand: horizontal bars and grouped columns.

Why SVG built in Python rather than a JavaScript plotting library: the page must open
offline from a ``file://`` URL, load fast and stay small, and a report is a fixed
picture of a finished run. Inline SVG needs no script, no network and no embedded
library (the smallest usable ones weigh hundreds of kB), it is drawn by the browser
as the page loads, stays sharp when zoomed or printed, and its text can be selected.
Each bar carries a ``<title>``, which every browser shows as a tooltip.

Every mark is a ``<rect class="mark ...">`` with its number in ``data-value``, so a
test (or a curious reader of the source) can check what is drawn.

>>> svg = hbars([("extract", [Segment(3, "kept", "3 kept")])], unit="docs")
>>> svg.count('class="mark kept"'), 'data-value="3"' in svg
(1, True)
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

__all__ = ["Segment", "Series", "columns", "hbars"]

LABEL_W: Final = 270
BAR_W: Final = 480
ROW_H: Final = 22
VALUE_W: Final = 150


@dataclass(frozen=True)
class Segment:
    """One part of a horizontal bar: its value, CSS class and tooltip."""

    value: float
    kind: str
    title: str


@dataclass(frozen=True)
class Series:
    """One series of a column chart."""

    name: str
    values: Sequence[int]
    kind: str


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _rect(x: float, y: float, w: float, h: float, seg: Segment) -> str:
    return (
        f'<rect class="mark {_e(seg.kind)}" x="{x:.1f}" y="{y:.1f}" width="{max(w, 0.0):.1f}" '
        f'height="{h:.1f}" data-value="{_e(_number(seg.value).replace(",", ""))}">'
        f"<title>{_e(seg.title)}</title></rect>"
    )


def hbars(
    rows: Sequence[tuple[str, Sequence[Segment]]],
    unit: str = "",
    scale_to: float | None = None,
    label: str = "",
) -> str:
    """One horizontal bar per row (its segments stacked), scaled to ``scale_to`` or the max."""
    top = scale_to or max((sum(s.value for s in segs) for _, segs in rows), default=0) or 1
    height = ROW_H * len(rows) + 6
    width = LABEL_W + BAR_W + VALUE_W
    out = [
        f'<svg class="chart" role="img" aria-label="{_e(label)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (name, segs) in enumerate(rows):
        y = 3 + i * ROW_H
        out.append(
            f'<text class="label" x="{LABEL_W - 8}" y="{y + ROW_H * 0.68:.1f}" '
            f'text-anchor="end">{_e(name[:44])}</text>'
        )
        x = float(LABEL_W)
        for seg in segs:
            w = BAR_W * seg.value / top
            out.append(_rect(x, y + 2, w, ROW_H - 5, seg))
            x += w
        total = sum(s.value for s in segs)
        out.append(
            f'<text class="value" x="{x + 6:.1f}" y="{y + ROW_H * 0.68:.1f}">'
            f"{_e(_number(total))} {_e(unit)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def columns(labels: Sequence[str], series: Sequence[Series], label: str = "",
            height: int = 220) -> str:
    """Grouped columns: one group per label, one column per series, a shared y scale."""
    top = max((v for s in series for v in s.values), default=0) or 1
    group_w = max(26, 14 * len(series) + 12)
    left, bottom = 56, 46
    width = left + group_w * len(labels) + 16
    plot_h = height - bottom - 10
    out = [
        f'<svg class="chart" role="img" aria-label="{_e(label)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<line class="axis" x1="{left}" y1="{10 + plot_h}" x2="{width - 8}" y2="{10 + plot_h}"/>',
        f'<text class="tick" x="{left - 6}" y="16" text-anchor="end">{_e(_number(top))}</text>',
        f'<text class="tick" x="{left - 6}" y="{10 + plot_h}" text-anchor="end">0</text>',
    ]
    col_w = (group_w - 10) / max(len(series), 1)
    for g, name in enumerate(labels):
        gx = left + 6 + g * group_w
        for k, s in enumerate(series):
            value = s.values[g]
            h = plot_h * value / top
            seg = Segment(value, s.kind, f"{name}: {_number(value)} {s.name}")
            out.append(_rect(gx + k * col_w, 10 + plot_h - h, col_w - 1, h, seg))
        cx = gx + (group_w - 10) / 2
        out.append(
            f'<text class="tick" x="{cx:.1f}" y="{plot_h + 24}" text-anchor="end" '
            f'transform="rotate(-35 {cx:.1f} {plot_h + 24})">{_e(name)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
