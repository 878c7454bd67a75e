"""``thresher extract``: one page's main content, like trafilatura's command line."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from thresher.extract import ExtractConfig, extract


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "extract",
        help="print one page's main content (text, markdown or json)",
        description="Extract the main content and metadata of one HTML page.",
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
        help="an extraction option, e.g. --set include_comments=true (repeatable)",
    )
    p.set_defaults(handler=handle)


def _config(overrides: list[str]) -> ExtractConfig:
    from thresher.config import build_config
    from thresher.pipeline import _parse_assignment

    values = {}
    for item in overrides:
        _, param, value = _parse_assignment("extract." + item)
        values[param] = value
    config: ExtractConfig = build_config(ExtractConfig, "extract", values)
    return config


def handle(args: argparse.Namespace) -> int:
    from thresher.config import ConfigError

    try:
        config = _config(args.overrides)
    except ConfigError as exc:
        print(f"thresher: {exc}", file=sys.stderr)
        return 2
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        print(f"thresher: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 1
    result = extract(data, args.url, config)
    if args.format == "json":
        record = dataclasses.asdict(result)
        print(json.dumps(record, ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        sys.stdout.write(result.markdown.rstrip("\n") + "\n" if result.markdown else "")
    else:
        sys.stdout.write(result.text.rstrip("\n") + "\n" if result.text else "")
    return 0
