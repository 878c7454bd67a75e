"""Build hook: compile the extraction's hot path with mypyc when a C compiler is there.

Everything else about the package is in pyproject.toml. The modules to compile, and
the name of the file that records what was compiled, are listed once, in
`src/thresher/extract/hotpath.py`, which this script runs without importing thresher.
They are compiled from the same `.py` files that are installed next to them, so an
edit to those files is compiled by the next install.

When compiling is not possible (no C compiler or Python headers, mypyc missing, mypyc
rejecting a construct), the install still succeeds with the pure-Python modules only,
and thresher says so once per process when it runs. ``THRESHER_NO_COMPILE=1`` builds
the pure-Python package on purpose.
"""

from __future__ import annotations

import json
import os
import runpy
import sys
import tempfile
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
HOTPATH = runpy.run_path(str(ROOT / "src" / "thresher" / "extract" / "hotpath.py"))
SOURCES = Path("src") / "thresher" / "extract"
#: setup.py commands that build extensions (metadata-only runs skip the ~20 s of mypyc).
BUILD_COMMANDS = {"build", "build_ext", "bdist_wheel", "editable_wheel", "install", "develop"}


def say(message: str) -> None:
    print(f"thresher build: {message}", file=sys.stderr, flush=True)


def compiler_works() -> bool:
    """A C compiler that builds against this Python's headers (tried on a tiny file)."""
    from distutils.ccompiler import new_compiler
    from distutils.sysconfig import customize_compiler, get_python_inc

    compiler: Any = new_compiler()
    customize_compiler(compiler)
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe.c"
        probe.write_text("#include <Python.h>\nint thresher_probe(void) { return 0; }\n")
        try:
            compiler.compile([str(probe)], output_dir=tmp, include_dirs=[get_python_inc()])
        except Exception as error:  # CompileError, a missing executable...
            say(f"no working C compiler ({error})")
            return False
    return True


def hot_path_extensions() -> list[Any]:
    """mypyc's extension modules for `hotpath.MODULES`, or [] (pure-Python install)."""
    if os.environ.get("THRESHER_NO_COMPILE", "") not in ("", "0"):
        say("THRESHER_NO_COMPILE is set: pure-Python install")
        return []
    if not BUILD_COMMANDS.intersection(sys.argv[1:]):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        say("mypyc not available: pure-Python install")
        return []
    if not compiler_works():
        say("pure-Python install (extraction runs uncompiled)")
        return []
    paths = [str(SOURCES / f"{name}.py") for name in HOTPATH["MODULES"]]
    try:
        # The project's [tool.mypy] settings apply; imports that the isolated build
        # environment lacks are typed Any there, as they are for mypy in CI.
        return list(
            mypycify(
                ["--ignore-missing-imports", "--follow-imports=silent", *paths],
                group_name=HOTPATH["GROUP"],
                opt_level="3",
            )
        )
    except (Exception, SystemExit) as error:  # mypyc exits on a type error
        say(f"mypyc could not compile the hot path ({error!r}): pure-Python install")
        return []


def compiled_files(directory: Path) -> list[Path]:
    """The compiled hot path and its build record in `directory` (left by a past build)."""
    names = [*HOTPATH["MODULES"], HOTPATH["GROUP"].rpartition(".")[2] + "__mypyc"]
    found = [path for name in names for path in directory.glob(f"{name}.*") if path.suffix != ".py"]
    return [*found, *directory.glob(HOTPATH["BUILD_FILE"])]


class PurePy(build_py):
    """Copies the sources; on a pure-Python build, drops binaries of an earlier build.

    pip builds in the source tree, whose `build/` (and, editable, `src/`) may hold a
    past build's binaries: a pure-Python build must not ship or keep them.
    """

    def run(self) -> None:
        super().run()
        if EXTENSIONS:
            return
        targets = [Path(self.build_lib) / "thresher" / "extract"]
        if getattr(self, "editable_mode", False):
            targets.append(ROOT / SOURCES)
        for target in targets:
            for stale in compiled_files(target):
                stale.unlink()


class OptionalBuildExt(build_ext):
    """Builds the compiled modules when it can; falls back to pure Python when not.

    After a successful build, records each compiled module's source digest next to
    the binaries (`hotpath.BUILD_FILE`): at run time a source that no longer matches
    (an edit after an editable install) makes thresher run the pure-Python path.
    """

    def run(self) -> None:
        if not self.extensions:
            return
        try:
            super().run()
        except Exception as error:  # a compile or link error: keep the install going
            say(f"compiling the hot path failed ({error}): pure-Python install")
            self._remove_outputs()
            return
        self._write_manifest()

    def _package_dirs(self) -> set[Path]:
        """Where the compiled modules went (the build tree, and the sources if in place)."""
        first = f"thresher.extract.{HOTPATH['MODULES'][0]}"
        dirs = {Path(self.get_ext_fullpath(first)).parent}
        if self.inplace or getattr(self, "editable_mode", False):
            dirs.add(ROOT / SOURCES)
        return dirs

    def _write_manifest(self) -> None:
        import mypy.version

        record = {
            "compiler": f"mypyc {mypy.version.__version__}",
            "sources": HOTPATH["source_digests"](ROOT / SOURCES),
        }
        text = json.dumps(record, indent=1, sort_keys=True) + "\n"
        for directory in self._package_dirs():
            (directory / HOTPATH["BUILD_FILE"]).write_text(text, encoding="utf-8")

    def _remove_outputs(self) -> None:
        for output in self.get_outputs():
            Path(output).unlink(missing_ok=True)


EXTENSIONS = hot_path_extensions()
setup(ext_modules=EXTENSIONS, cmdclass={"build_ext": OptionalBuildExt, "build_py": PurePy})
