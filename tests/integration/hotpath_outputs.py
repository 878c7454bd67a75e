"""Every extraction output of a list of pages, as JSON lines (run by test_hotpath_parity).

    python hotpath_outputs.py PAGES_FILE

`PAGES_FILE` holds one HTML file path per line. The first output line is the path this
process runs (`hotpath.status()`); then one line per extraction: the page, the config,
and every field of the `Extraction` (text, markdown, metadata), or the error it raised.
Every page is extracted with the default config, and every third page also with one of
`VARIANTS` in turn, so that the options' code runs too. The test runs this once with
the compiled modules and once with ``THRESHER_PURE_PYTHON=1``, and compares.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

from thresher.extract import ExtractConfig, extract, hotpath

VARIANTS = (
    ExtractConfig(favour="precision", include_links=True),
    ExtractConfig(favour="recall", include_comments=True),
    ExtractConfig(include_tables=False, with_metadata=False),
)


def outputs(page: Path, config: ExtractConfig) -> dict[str, object]:
    """The extraction's fields, or the error it raised (a path must not raise alone)."""
    url = "https://example.org/" + page.name
    try:
        return dataclasses.asdict(extract(page.read_bytes(), url, config))
    except Exception as error:  # compared as output: both paths must fail alike
        return {"error": f"{type(error).__name__}: {error}"}


def main(pages_file: str) -> int:
    pages = [Path(line) for line in Path(pages_file).read_text().splitlines() if line]
    path = hotpath.status()
    print(json.dumps({"compiled": path.compiled, "reason": path.reason}))
    for number, page in enumerate(pages):
        configs = [ExtractConfig()]
        if number % 3 == 0:
            configs.append(VARIANTS[number // 3 % len(VARIANTS)])
        for config in configs:
            row = {"page": str(page), "config": repr(config), "out": outputs(page, config)}
            print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
