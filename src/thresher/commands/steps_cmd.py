"""``thresher steps``: the reader, every step and stage in pipeline order, their parameters
(type, default, what it does) and every drop reason, as plain text.

The order is the default pipeline's (``pipelines/default.toml``), then the optional
steps; the reader's limits and reasons (``read:*``) come first and the reason any
step can give (``step_error``) last. A parameter's doc is the docstring written under
its field in the config class, read from the source; Sphinx markup is removed.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import inspect
import re
import textwrap
import types
import typing
from typing import Any

from thresher.config import Range
from thresher.drop import READ_STEP, STEP_ERROR
from thresher.registry import registered
from thresher.stage import Stage

WIDTH = 88
INDENT = "    "


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "steps",
        help="list the reader, the steps and stages, their parameters and drop reasons",
        description=(
            "List the reader's parameters and reasons, then every step and stage in the "
            "order the default pipeline runs them (then the optional ones), each with its "
            "parameters (type, default, what it does) and drop reasons."
        ),
    )
    p.add_argument("name", nargs="?", help="show only this step (or 'reader', 'output')")
    p.set_defaults(handler=handle)


# -- plain text ------------------------------------------------------------------------------------

_ROLE = re.compile(r":[a-z]+:`(~?)([^`<]*?)(?:\s*<[^`]*>)?`")
_LITERAL = re.compile(r"``([^`]+)``")


def plain(text: str) -> str:
    """Docstring text without Sphinx markup.

    >>> plain("see :func:`~thresher.filters.c4_clean` and ``doc.text``")
    'see c4_clean and doc.text'
    """

    def role(match: re.Match[str]) -> str:
        target = match.group(2).strip()
        return target.rsplit(".", 1)[-1] if match.group(1) else target

    return _LITERAL.sub(r"\1", _ROLE.sub(role, text))


def _wrap(text: str, indent: str) -> list[str]:
    paragraphs = [" ".join(p.split()) for p in plain(text).split("\n\n") if p.strip()]
    lines: list[str] = []
    for para in paragraphs:
        lines += textwrap.wrap(para, WIDTH, initial_indent=indent, subsequent_indent=indent)
    return lines


# -- parameters ------------------------------------------------------------------------------------


def field_docs(config: type) -> dict[str, str]:
    """The docstring under each field of a dataclass (and of its bases), by field name."""
    docs: dict[str, str] = {}
    for cls in reversed(config.__mro__):
        if not dataclasses.is_dataclass(cls):
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
        except (OSError, TypeError, SyntaxError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for node, following in zip(body, [*body[1:], None], strict=True):
            if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                    and isinstance(following, ast.Expr)
                    and isinstance(following.value, ast.Constant)
                    and isinstance(following.value.value, str)):
                docs[node.target.id] = inspect.cleandoc(following.value.value)
    return docs


def _bounds(bounds: Range) -> str:
    if bounds.high is None:
        return f" >= {bounds.low}"
    if bounds.low is None:
        return f" <= {bounds.high}"
    return f" in [{bounds.low}, {bounds.high}]"


def type_name(hint: Any) -> str:
    """A type hint as people read it: ``int >= 1``, ``one of 'a', 'b'``, ``list of str``."""
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        base = type_name(typing.get_args(hint)[0])
        return base + "".join(_bounds(b) for b in hint.__metadata__ if isinstance(b, Range))
    if origin is typing.Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(hint))
    if origin in (tuple, list, frozenset, set):
        args = [a for a in typing.get_args(hint) if a is not Ellipsis]
        return "list of " + (type_name(args[0]) if args else "values")
    if origin in (typing.Union, types.UnionType):
        names = [type_name(a) for a in typing.get_args(hint) if a is not type(None)]
        optional = type(None) in typing.get_args(hint)
        return " or ".join(names) + (" or none" if optional else "")
    if isinstance(hint, type):
        return hint.__name__
    return str(hint).replace("typing.", "")


def _default(f: dataclasses.Field[Any]) -> str:
    if f.default is not dataclasses.MISSING:
        value = f.default
    elif f.default_factory is not dataclasses.MISSING:
        value = f.default_factory()
    else:
        return "(required)"
    if isinstance(value, (tuple, frozenset, set)):
        value = sorted(value) if isinstance(value, (frozenset, set)) else list(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "none"
    return repr(value) if isinstance(value, (str, list)) else str(value)


def parameters(config: type) -> list[str]:
    """One line per parameter (``name: type = default``) and its doc, indented below."""
    hints = typing.get_type_hints(config, include_extras=True)
    docs = field_docs(config)
    lines = []
    for f in (f for f in dataclasses.fields(config) if f.init):
        lines.append(f"{INDENT}{f.name}: {type_name(hints[f.name])} = {_default(f)}")
        lines += _wrap(docs.get(f.name, ""), INDENT * 2)
    return lines or [f"{INDENT}(no parameters)"]


# -- entries ---------------------------------------------------------------------------------------


def describe(name: str, cls: Any, kind: str, number: int | None = None) -> str:
    """One step or stage: its summary, parameters, what it needs before it, its reasons."""
    doc = plain(inspect.cleandoc(cls.__doc__ or "")).split("\n\n")[0]
    head = f"{number}. " if number is not None else ""
    lines = [f"{head}{name}  ({kind})"]
    lines += _wrap(doc, INDENT)
    lines.append(f"{INDENT}parameters:")
    lines += [INDENT + line for line in parameters(cls.Config)]
    if cls.requires:
        lines.append(f"{INDENT}runs after: {', '.join(cls.requires)}")
    reasons = ", ".join(f"{name}:{r}" for r in sorted(cls.reasons)) or "(never drops)"
    lines += _reasons(reasons)
    return "\n".join(lines)


def _reasons(reasons: str) -> list[str]:
    return textwrap.wrap(f"drop reasons: {reasons}", WIDTH, initial_indent=INDENT,
                         subsequent_indent=INDENT * 2, break_on_hyphens=False)


def describe_reader() -> str:
    from thresher.readers import READ_REASONS, ReaderConfig

    lines = ["reader  (reads every input file; the [reader] table of a pipeline file)",
             f"{INDENT}WARC, WET, HTML files and JSONL; request, metadata and warcinfo records",
             f"{INDENT}are counted, not processed.", f"{INDENT}parameters:"]
    lines += [INDENT + line for line in parameters(ReaderConfig)]
    lines += _reasons(", ".join(f"{READ_STEP}:{r}" for r in sorted(READ_REASONS)))
    return "\n".join(lines)


def describe_output() -> str:
    from thresher.pipeline import OutputConfig

    lines = ["output  (how kept documents are written; the [output] table of a pipeline file)",
             f"{INDENT}parameters:"]
    lines += [INDENT + line for line in parameters(OutputConfig)]
    return "\n".join(lines)


STEP_ERROR_TEXT = "\n".join([
    f"any step  drop reason STEP:{STEP_ERROR}",
    *_wrap("The step raised on a document: the document is dropped with the exception in "
           "its detail, and the run goes on.", INDENT),
])


def pipeline_order() -> tuple[list[str], list[str]]:
    """The default pipeline's steps in order, then the other registered ones (alphabetical)."""
    from thresher.pipeline import default_pipeline

    default = list(dict.fromkeys(s.use for s in default_pipeline().steps))
    others = sorted(n for n in registered() if n not in default)
    return default, others


def handle(args: argparse.Namespace) -> int:
    found = registered()
    default, optional = pipeline_order()

    def entry(name: str, number: int | None = None) -> str:
        cls = found[name]
        return describe(name, cls, "stage" if issubclass(cls, Stage) else "step", number)

    if args.name:
        if args.name == "reader":
            print(describe_reader())
        elif args.name == "output":
            print(describe_output())
        elif args.name in found:
            print(entry(args.name))
        else:
            print(f"thresher: no step named {args.name!r}; see thresher steps")
            return 2
        return 0
    parts = [describe_reader(), "The default pipeline, in the order it runs:"]
    parts += [entry(name, i) for i, name in enumerate(default, 1)]
    parts.append("Optional steps (add them to a pipeline file):")
    parts += [entry(name) for name in optional]
    parts += [describe_output(), STEP_ERROR_TEXT]
    print("\n\n".join(parts))
    return 0
