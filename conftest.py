"""pytest setup of the repository (not shipped): which package sources the doctest run collects.

The test command collects the package's doctests (`--doctest-modules` over `src/thresher`).
The extraction's hot-path modules (`thresher.extract.hotpath.MODULES`) are left out of that
collection: on a compiled install Python imports them from their extension modules, which
pytest cannot match to the `.py` files ("import file mismatch"). They hold no doctests; their
behaviour is tested under tests/, on both paths.
"""

from __future__ import annotations

from thresher.extract import hotpath

collect_ignore = [f"src/thresher/extract/{name}.py" for name in hotpath.MODULES]
