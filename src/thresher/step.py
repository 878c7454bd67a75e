"""Steps: mappers rewrite documents, filters keep them or drop them with a reason.

A step is a thin adapter around a pure function. Each step class declares

* ``name``: the name it is registered under (used in TOML pipelines and reports);
* its config type, as the class's type argument: ``class LanguageFilter(Filter[LanguageConfig])``
  (a frozen dataclass of typed parameters with defaults; ``self.config`` is typed by it);
* ``reasons``: the closed set of drop reasons it may return;
* ``requires``: names of steps that must come before it in a pipeline.

Heavy resources (models, tables) are loaded in :meth:`Step.setup`, which the
executor calls once per worker before the first document. Steps are found by name
in :mod:`thresher.registry`, which this module knows nothing of.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class MinCharsConfig:
...     min_chars: int = 10
>>> class MinChars(Filter[MinCharsConfig]):
...     name = "min_chars"
...     reasons = frozenset({"too_short"})
...     def check(self, doc: Document) -> Drop | None:
...         n = len(doc.text)
...         if n < self.config.min_chars:
...             return self.drop("too_short", value=n, threshold=self.config.min_chars)
...         return None
>>> MinChars.Config is MinCharsConfig
True
>>> from thresher.document import Provenance
>>> MinChars().process(Document(id="a", provenance=Provenance("x"), text="hi")).reason
'too_short'
"""

from __future__ import annotations

import typing
from abc import ABC, abstractmethod
from typing import Any, ClassVar, Generic, TypeVar

from thresher.config import ConfigError, NoConfig, build_config, check_ranges
from thresher.document import Document
from thresher.drop import Drop

__all__ = [
    "ConfigError",
    "ConfigT",
    "Configured",
    "Drop",
    "Filter",
    "Mapper",
    "NoConfig",
    "Step",
    "build_config",
    "config_class",
]

ConfigT = TypeVar("ConfigT")


def config_class(cls: type, base: type) -> type[Any] | None:
    """The config type ``cls`` names as its type argument of ``base`` (``Filter[X]``: ``X``).

    A forward reference (``Mapper["CleanLines.Config"]``, a config class nested in the
    step) or a type variable gives the ``Config`` the class body defines, if any.
    """
    body = cls.__dict__.get("Config")
    for orig in cls.__dict__.get("__orig_bases__", ()):
        origin = typing.get_origin(orig)
        if not (isinstance(origin, type) and issubclass(origin, base)):
            continue
        (arg,) = typing.get_args(orig) or (None,)
        if isinstance(arg, type):
            if body is not None and body is not arg:
                raise TypeError(f"{cls.__qualname__}: Config {body!r} is not its type {arg!r}")
            return arg
    return body if isinstance(body, type) else None


class Configured(Generic[ConfigT]):
    """What steps and stages share: a name, a typed config, declared reasons and needs."""

    name: ClassVar[str] = ""
    Config: ClassVar[type[Any]] = NoConfig
    """The config class, set from the type argument (``Filter[MyConfig]``, ``Stage[MyConfig]``)."""
    reasons: ClassVar[frozenset[str]] = frozenset()
    requires: ClassVar[tuple[str, ...]] = ()
    """Steps that must run earlier in the pipeline (checked when a pipeline is built)."""

    config: ConfigT

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        found = config_class(cls, Configured)
        if found is not None:
            cls.Config = found

    def __init__(self, config: ConfigT | None = None) -> None:
        self.config = config if config is not None else self.Config()
        check_ranges(self.config, self.name or type(self).__name__)


class Step(Configured[ConfigT], ABC):
    """Base of mappers and filters; see the module docstring."""

    def setup(self) -> None:
        """Load heavy resources; called once per worker before processing."""

    @abstractmethod
    def process(self, doc: Document) -> Document | Drop:
        """Return the (possibly new) document, or a :class:`Drop`."""

    def drop(self, reason: str, detail: str = "", **kwargs: Any) -> Drop:
        """A :class:`Drop` of this step whose reason is checked against ``reasons``."""
        if reason not in self.reasons:
            raise AssertionError(f"{self.name}: undeclared drop reason {reason!r}")
        return Drop(reason, detail, step=self.name, **kwargs)


class Mapper(Step[ConfigT]):
    """A step that rewrites or annotates documents; may still drop (e.g. extraction failure)."""

    @abstractmethod
    def map(self, doc: Document) -> Document | Drop:
        """Return the rewritten document (or a drop when it cannot be processed)."""

    def process(self, doc: Document) -> Document | Drop:
        return self.map(doc)


class Filter(Step[ConfigT]):
    """A step that keeps or drops documents and never edits them."""

    @abstractmethod
    def check(self, doc: Document) -> Drop | None:
        """``None`` to keep the document, a :class:`Drop` to drop it."""

    def process(self, doc: Document) -> Document | Drop:
        verdict = self.check(doc)
        return doc if verdict is None else verdict
