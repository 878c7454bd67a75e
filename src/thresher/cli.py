"""The ``thresher`` command: a thin shell over the library.

Each subcommand parses its arguments, calls the library and maps errors to exit
codes: 0 success, 1 a run or input error, 2 a usage or configuration error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import metadata
from typing import Any

from thresher.commands import explain_cmd, extract_cmd, report_cmd, run_cmd, steps_cmd

__all__ = ["main"]

EPILOG = """examples:
  thresher run                                  # the bundled sample crawl -> ./thresher-out/
  thresher run CC-MAIN-*.warc.gz -o out/ --workers 2
  thresher run pages/ -o out/ --set language.languages='["en","de"]'
  thresher extract page.html --format markdown
  thresher steps
  thresher explain out/ DOC_ID
  thresher report out/                          # rebuild out/report.html
"""


def version_text() -> str:
    """The installed version and the extraction path this process runs (compiled or not)."""
    from thresher.extract import hotpath

    try:
        number = metadata.version("thresher")
    except metadata.PackageNotFoundError:
        number = "(not installed)"
    return f"thresher {number}; {hotpath.status().describe()}"


class _VersionAction(argparse.Action):
    """``--version``: the text is made only when asked for (it checks the install)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        print(version_text())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thresher",
        description="Crawled web pages in, clean text corpora out.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help="show the version and whether extraction runs compiled, then exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    run_cmd.add_parser(sub)
    extract_cmd.add_parser(sub)
    steps_cmd.add_parser(sub)
    explain_cmd.add_parser(sub)
    report_cmd.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; tests call it in-process."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        code: int = args.handler(args)
        sys.stdout.flush()
    except BrokenPipeError:  # `thresher ... | head`: the reader has what it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
