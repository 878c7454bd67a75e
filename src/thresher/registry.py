"""Steps and stages by name: an explicit table of the built-in ones, plus plugins.

The table names the module and class of each built-in step and stage; a module is
imported only when one of its names is looked up, so building a pipeline imports
the steps it uses and nothing else. The base classes (:mod:`thresher.step`,
:mod:`thresher.stage`) know nothing of this module.

Steps of your own are added with :func:`register` (a class decorator)::

    @register
    class MinChars(Filter[MinCharsConfig]):
        name = "min_chars"
        ...

Worker processes import the modules that registered plugins before they build a
pipeline (:func:`plugin_modules`, :func:`load_plugins`), so a plugin works with any
worker count.

>>> get_step("language").__name__
'LanguageFilter'
>>> get_stage("exact_dedup").__name__
'ExactDedupStage'
"""

from __future__ import annotations

import importlib
import runpy
import sys
from collections.abc import Iterable
from typing import Any, Final, TypeVar

from thresher.config import ConfigError
from thresher.stage import Stage
from thresher.step import Step

__all__ = [
    "BUILTIN",
    "Element",
    "get_stage",
    "get_step",
    "load_plugins",
    "loading_script",
    "lookup",
    "plugin_modules",
    "register",
    "registered",
]

Element = type[Step[Any]] | type[Stage[Any]]
"""A step or a stage class."""

BUILTIN: Final[dict[str, str]] = {
    "boilerplate_lines": "thresher.dedup.stages:BoilerplateLinesStage",
    "c4_lines": "thresher.filters.c4:C4LinesMapper",
    "c4_quality": "thresher.filters.c4:C4QualityFilter",
    "clean_lines": "thresher.clean.step:CleanLines",
    "exact_dedup": "thresher.dedup.stages:ExactDedupStage",
    "extract": "thresher.extract.step:ExtractStep",
    "fineweb_quality": "thresher.filters.fineweb:FineWebQualityFilter",
    "gopher_quality": "thresher.filters.gopher:GopherQualityFilter",
    "gopher_repetition": "thresher.filters.gopher:GopherRepetitionFilter",
    "langid": "thresher.langid.step:LangIdMapper",
    "language": "thresher.langid.step:LanguageFilter",
    "minhash_dedup": "thresher.dedup.stages:MinHashDedupStage",
    "pii": "thresher.pii.step:RedactPii",
    "url_dedup": "thresher.dedup.stages:UrlDedupStage",
    "url_filter": "thresher.filters.url:UrlFilter",
}
"""Every built-in step and stage: ``name -> "module:Class"``."""

_PLUGINS: dict[str, Element] = {}
MAIN_SCRIPT: Final = "script:"
"""Prefix of a plugin "module" that is the main script, given by its path."""

E = TypeVar("E", bound=Element)


def _import(target: str) -> Element:
    module, _, attr = target.partition(":")
    cls: Element = getattr(importlib.import_module(module), attr)
    return cls


def register(cls: E) -> E:
    """Class decorator: make a step or stage of your own available by its ``name``."""
    if not cls.name:
        raise TypeError(f"{cls.__qualname__} has no name")
    builtin = BUILTIN.get(cls.name)
    if builtin is not None and builtin != f"{cls.__module__}:{cls.__qualname__}":
        raise TypeError(f"step name {cls.name!r} is taken by the built-in {builtin}")
    other = _PLUGINS.get(cls.name)
    if other is not None and other.__qualname__ != cls.__qualname__:
        raise TypeError(f"step name {cls.name!r} is taken by {other.__qualname__}")
    if builtin is None:
        _PLUGINS[cls.name] = cls
    return cls


def lookup(name: str) -> Element:
    """The step or stage class called ``name``; :class:`ConfigError` names the known ones."""
    if name in BUILTIN:
        return _import(BUILTIN[name])
    if name in _PLUGINS:
        return _PLUGINS[name]
    known = ", ".join(sorted({*BUILTIN, *_PLUGINS}))
    raise ConfigError(f"unknown step {name!r}; known steps: {known}")


def get_step(name: str) -> type[Step[Any]]:
    """The step (not stage) class called ``name``."""
    cls = lookup(name)
    if not issubclass(cls, Step):
        raise ConfigError(f"{name!r} is a stage, not a per-document step")
    return cls


def get_stage(name: str) -> type[Stage[Any]] | None:
    """The stage class called ``name``, or ``None`` when ``name`` is a per-document step."""
    cls = lookup(name)
    return cls if issubclass(cls, Stage) else None


def registered() -> dict[str, Element]:
    """Every step and stage, built-in and registered, by name (imports them all)."""
    found = {name: _import(target) for name, target in BUILTIN.items()}
    found.update(_PLUGINS)
    return dict(sorted(found.items()))


def plugin_modules(names: Iterable[str]) -> tuple[str, ...]:
    """The modules that registered the plugins among ``names``, for workers to import.

    A plugin defined in the main script is given as ``"script:<path>"`` (or by its
    module name when Python ran it with ``-m``).
    """
    modules = {_importable(_PLUGINS[n].__module__) for n in names if n in _PLUGINS}
    return tuple(sorted(modules))


def _importable(module: str) -> str:
    if module != "__main__":
        return module
    main = sys.modules["__main__"]
    spec = getattr(main, "__spec__", None)
    if spec is not None and spec.name:
        return str(spec.name)
    path = getattr(main, "__file__", None)
    if path is None:
        raise ConfigError(
            "a step registered in an interactive session cannot run in worker processes; "
            "use workers=1 or define it in a module"
        )
    return MAIN_SCRIPT + str(path)


def _is_main(module: str) -> bool:
    """Whether ``module`` names this process's own main script (its plugins are here)."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None and spec.name == module:
        return True
    path = getattr(main, "__file__", None)
    return path is not None and module == MAIN_SCRIPT + str(path)


_loaded: set[str] = set()
_running_script = False


def load_plugins(modules: Iterable[str]) -> None:
    """Import the plugin modules a worker needs (once per process)."""
    global _running_script
    for module in modules:
        if module in _loaded or module in sys.modules or _is_main(module):
            continue
        _loaded.add(module)
        if module.startswith(MAIN_SCRIPT):
            _running_script = True  # its @register lines register the plugins again here
            try:
                runpy.run_path(module[len(MAIN_SCRIPT) :], run_name="__mp_main__")
            finally:
                _running_script = False
        else:
            importlib.import_module(module)


def loading_script() -> bool:
    """True while a worker runs the main script to find its plugins (see :func:`load_plugins`)."""
    return _running_script
