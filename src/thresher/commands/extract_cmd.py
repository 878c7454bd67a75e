"""``thresher extract``: one page's main content, like trafilatura's command line.

Markdown output starts with the page's ``<h1>`` title as ``# Title`` when the extracted
content left it out (a title above the article body is often outside it):
:func:`with_title`.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from pathlib import Path
from typing import Any

from thresher.extract import ExtractConfig, PageLimits, PageRejected, extract


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "extract",
        help="print one page's main content (text, markdown or json)",
        description=(
            "Extract the main content and metadata of one HTML page. Pages over the "
            "pipeline's limits (size, tags, nesting depth, time) or binary files are refused "
            "with one line and exit status 1."
        ),
    )
    p.add_argument("file", help="an HTML file, or - for standard input")
    p.add_argument("--url", help="the page's URL (resolves links and the canonical URL)")
    p.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="output format"
    )
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="PARAM=VALUE",
        help="an extraction option or limit, e.g. --set include_comments=true or "
        "--set max_bytes=20000000 (repeatable; limits: max_bytes, max_nodes, max_depth, "
        "timeout_s, as in the pipeline's extract step)",
    )
    p.set_defaults(handler=handle)


def _config(overrides: list[str]) -> tuple[ExtractConfig, PageLimits]:
    """The extraction options and the guards' limits (``max_bytes``, ``timeout_s``...)."""
    from thresher.config import build_config
    from thresher.pipeline import _parse_assignment

    values: dict[str, Any] = {}
    bounds: dict[str, Any] = {}
    limit_names = {f.name for f in dataclasses.fields(PageLimits)}
    for item in overrides:
        _, param, value = _parse_assignment("extract." + item)
        (bounds if param in limit_names else values)[param] = value
    config: ExtractConfig = build_config(ExtractConfig, "extract", values)
    limits: PageLimits = build_config(PageLimits, "extract", bounds)
    return config, limits


def _read(name: str, max_bytes: int) -> bytes:
    """The page's bytes, never more than ``max_bytes + 1`` of them (the excess is refused)."""
    if name == "-":
        return sys.stdin.buffer.read(max_bytes + 1)
    path = Path(name)
    size = path.stat().st_size
    if size > max_bytes:
        raise PageRejected("too_large", "payload over max_bytes", size, max_bytes, "max_bytes")
    with path.open("rb") as fh:
        return fh.read(max_bytes + 1)


def _heading_texts(data: bytes) -> list[str]:
    """The texts of the page's ``<h1>`` elements, whitespace collapsed, empty ones left out."""
    from selectolax.lexbor import LexborHTMLParser

    from thresher.extract.decode import decode_html

    tree = LexborHTMLParser(decode_html(data).text)
    return [t for t in (" ".join(n.text().split()) for n in tree.css("h1")) if t]


def with_title(markdown: str, headings: list[str], title: str | None,
               sitename: str | None = None) -> str:
    """``markdown`` with ``# H1`` first, unless a heading of that text is already in it.

    Of several ``<h1>`` (a site's logo is often one too), the one that matches the
    page's title, best its first part ("Article | Site"), and is not the site's name;
    a lone ``<h1>`` is taken as it is.

    >>> with_title("Body.", ["Harbour Times", "A sloop"], "A sloop | Harbour Times")
    '# A sloop\\n\\nBody.'
    >>> with_title("# A sloop\\n\\nBody.", ["A sloop"], None)
    '# A sloop\\n\\nBody.'
    """
    heading = _title_heading(headings, title, sitename)
    if heading is None or not markdown.strip():
        return markdown
    present = any(line.lstrip("#").strip() == heading
                  for line in markdown.splitlines() if line.startswith("#"))
    return markdown if present else f"# {heading}\n\n{markdown}"


_SEPARATOR = re.compile(r"\s+[|\-\u2013\u2014:\u00b7]\s+")


def _title_heading(headings: list[str], title: str | None, sitename: str | None) -> str | None:
    if len(headings) == 1:
        return headings[0]
    site = (sitename or "").casefold()
    candidates = [h for h in headings if h.casefold() != site]
    whole = (title or "").casefold()
    for target in (_SEPARATOR.split(whole)[0], whole):
        for heading in candidates:
            text = heading.casefold()
            if target and (text == target or (text in target and text != site)):
                return heading
    return None


def handle(args: argparse.Namespace) -> int:
    from thresher.config import ConfigError

    try:
        config, limits = _config(args.overrides)
    except ConfigError as exc:
        print(f"thresher: {exc}", file=sys.stderr)
        return 2
    try:
        data = _read(args.file, limits.max_bytes)
        result = extract(data, args.url, config, limits)
    except OSError as exc:
        print(f"thresher: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 1
    except PageRejected as exc:
        hint = f" (raise the limit with --set {exc.limit}=...)" if exc.limit else ""
        print(f"thresher: {args.file}: page refused, {exc}{hint}", file=sys.stderr)
        return 1
    if args.format == "json":
        record = dataclasses.asdict(result)
        print(json.dumps(record, ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        markdown = with_title(result.markdown, _heading_texts(data), result.title,
                              result.sitename)
        sys.stdout.write(markdown.rstrip("\n") + "\n" if markdown else "")
    else:
        sys.stdout.write(result.text.rstrip("\n") + "\n" if result.text else "")
    return 0
