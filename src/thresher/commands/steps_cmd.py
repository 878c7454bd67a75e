"""``thresher steps``: every step and stage, its parameters with defaults, its drop reasons."""

from __future__ import annotations

import argparse
import dataclasses
import typing
from typing import Any

from thresher.config import Range
from thresher.registry import registered
from thresher.stage import Stage


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "steps",
        help="list the steps, their parameters and drop reasons",
        description="List every registered step and stage with parameters, defaults and reasons.",
    )
    p.add_argument("name", nargs="?", help="show only this step")
    p.set_defaults(handler=handle)


def _bounds(bounds: Range) -> str:
    if bounds.high is None:
        return f" >= {bounds.low}"
    if bounds.low is None:
        return f" <= {bounds.high}"
    return f" in [{bounds.low}, {bounds.high}]"


def _hint_name(hint: Any) -> str:
    if typing.get_origin(hint) is typing.Annotated:
        base = _hint_name(typing.get_args(hint)[0])
        for bounds in hint.__metadata__:
            if isinstance(bounds, Range):
                base += _bounds(bounds)
        return base
    if typing.get_origin(hint) is None and isinstance(hint, type):
        return hint.__name__
    return str(hint).replace("typing.", "")


def describe(name: str, cls: Any, kind: str) -> str:
    doc = (cls.__doc__ or "").strip().splitlines()
    lines = [f"{name}  ({kind})" + (f"  {doc[0]}" if doc else "")]
    config = cls.Config
    hints = typing.get_type_hints(config, include_extras=True)
    fields = [f for f in dataclasses.fields(config) if f.init]
    for f in fields:
        default: Any
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = "(required)"
        hint = _hint_name(hints[f.name])
        lines.append(f"    {f.name}: {hint} = {default!r}")
    if not fields:
        lines.append("    (no parameters)")
    if cls.requires:
        lines.append(f"    runs after: {', '.join(cls.requires)}")
    reasons = ", ".join(sorted(cls.reasons)) or "(never drops)"
    lines.append(f"    drop reasons: {reasons}")
    return "\n".join(lines)


def handle(args: argparse.Namespace) -> int:
    entries: list[tuple[str, Any, str]] = [
        (n, c, "stage" if issubclass(c, Stage) else "step") for n, c in registered().items()
    ]
    if args.name:
        entries = [e for e in entries if e[0] == args.name]
        if not entries:
            print(f"thresher: no step named {args.name!r}")
            return 2
    print("\n\n".join(describe(*e) for e in entries))
    return 0
