"""``thresher report``: write a run's ``report.html`` again, from its manifest and samples."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="write the report page (report.html) of a finished run again",
        description=(
            "Build OUTDIR/report.html from the run's manifest.json and samples.json: the "
            "funnel, drop reasons, languages, lengths, hosts, duplicate clusters, time per "
            "step and sampled documents per reason. Reads no data; opens offline."
        ),
    )
    p.add_argument("outdir", type=Path, help="the output directory of a finished run")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from thresher.report import ReportError, write_report

    try:
        path = write_report(args.outdir)
    except ReportError as exc:
        print(f"thresher: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"thresher: cannot write the report in {args.outdir}: {exc.strerror}",
              file=sys.stderr)
        return 1
    print(f"Report: {path}  (open it in a browser: file://{path.resolve()})")
    return 0
