"""Steps: mappers rewrite documents, filters keep them or drop them with a reason.

A step is a thin adapter around a pure function. Each step class declares

* ``name``: the name it is registered under (used in TOML pipelines and reports);
* ``Config``: a frozen dataclass of typed parameters with defaults;
* ``reasons``: the closed set of drop reasons it may return.

Heavy resources (models, tables) are loaded in :meth:`Step.setup`, which the
executor calls once per worker before the first document.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from thresher.document import Document

__all__ = [
    "ConfigError",
    "Drop",
    "Filter",
    "Mapper",
    "NoConfig",
    "Step",
    "build_config",
    "get_step",
    "register",
    "registered_steps",
]


class ConfigError(ValueError):
    """A pipeline or step configuration is invalid."""


@dataclass(frozen=True, slots=True)
class Drop:
    """Why a document was dropped.

    ``reason`` is one of the step's declared ``reasons``; ``detail`` is free text
    for people; ``value`` and ``threshold`` say what was measured against what.
    ``data`` carries machine-readable extras (e.g. ``duplicate_of``).
    """

    reason: str
    detail: str = ""
    value: float | None = None
    threshold: float | None = None
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NoConfig:
    """Config of a step without parameters."""


class Step(ABC):
    """Base of mappers and filters; see the module docstring."""

    name: ClassVar[str] = ""
    Config: ClassVar[type[Any]] = NoConfig
    reasons: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, config: Any = None) -> None:
        self.config = config if config is not None else self.Config()

    def setup(self) -> None:  # noqa: B027 - optional hook
        """Load heavy resources; called once per worker before processing."""

    @abstractmethod
    def process(self, doc: Document) -> Document | Drop:
        """Return the (possibly new) document, or a :class:`Drop`."""

    def drop(self, reason: str, detail: str = "", **kwargs: Any) -> Drop:
        """A :class:`Drop` whose reason is checked against ``reasons``."""
        if reason not in self.reasons:
            raise AssertionError(f"{self.name}: undeclared drop reason {reason!r}")
        return Drop(reason, detail, **kwargs)


class Mapper(Step):
    """A step that rewrites or annotates documents; may still drop (e.g. extraction failure)."""

    @abstractmethod
    def map(self, doc: Document) -> Document | Drop:
        """Return the rewritten document (or a drop when it cannot be processed)."""

    def process(self, doc: Document) -> Document | Drop:
        return self.map(doc)


class Filter(Step):
    """A step that keeps or drops documents and never edits them."""

    @abstractmethod
    def check(self, doc: Document) -> Drop | None:
        """``None`` to keep the document, a :class:`Drop` to drop it."""

    def process(self, doc: Document) -> Document | Drop:
        verdict = self.check(doc)
        return doc if verdict is None else verdict


_REGISTRY: dict[str, type[Step]] = {}
S = TypeVar("S", bound=type[Step])


def register(cls: S) -> S:
    """Class decorator: make a step available by its ``name``."""
    if not cls.name:
        raise TypeError(f"{cls.__qualname__} has no name")
    other = _REGISTRY.get(cls.name)
    if other is not None and other is not cls:
        raise TypeError(f"step name {cls.name!r} is taken by {other.__qualname__}")
    _REGISTRY[cls.name] = cls
    return cls


def _load_builtin_steps() -> None:
    import thresher.steps  # noqa: F401  (registers every built-in step)


def get_step(name: str) -> type[Step]:
    """The step class registered as ``name``."""
    _load_builtin_steps()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise ConfigError(f"unknown step {name!r}; known steps: {known}") from None


def registered_steps() -> dict[str, type[Step]]:
    """All registered steps by name, sorted."""
    _load_builtin_steps()
    return dict(sorted(_REGISTRY.items()))


def _coerce(step: str, key: str, value: Any, hint: Any) -> Any:
    """Check (and gently convert) one config value against its type hint."""
    origin = typing.get_origin(hint)
    if hint is Any:
        return value
    if origin in (typing.Union, types.UnionType):
        return _coerce_union(step, key, value, typing.get_args(hint))
    if origin in (tuple, list, frozenset, set):
        if not isinstance(value, (list, tuple, set, frozenset)):
            raise ConfigError(f"{step}.{key}: expected a list, got {value!r}")
        args = typing.get_args(hint)
        inner = args[0] if args else Any
        return origin(_coerce(step, key, v, inner) for v in value)
    if origin is typing.Literal:
        if value not in typing.get_args(hint):
            choices = list(typing.get_args(hint))
            raise ConfigError(f"{step}.{key}: expected one of {choices}, got {value!r}")
        return value
    if origin in (dict, Mapping) or hint in (dict, Mapping):
        if not isinstance(value, Mapping):
            raise ConfigError(f"{step}.{key}: expected a table, got {value!r}")
        return dict(value)
    if isinstance(hint, type):
        return _coerce_scalar(step, key, value, hint)
    return value


def _coerce_union(step: str, key: str, value: Any, args: tuple[Any, ...]) -> Any:
    if value is None and type(None) in args:
        return None
    errors = []
    for arg in args:
        if arg is type(None):
            continue
        try:
            return _coerce(step, key, value, arg)
        except ConfigError as exc:
            errors.append(str(exc))
    raise ConfigError(errors[0] if errors else f"{step}.{key}: bad value {value!r}")


_TRUTHY = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def _coerce_scalar(step: str, key: str, value: Any, hint: type) -> Any:
    if hint is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in _TRUTHY:
            return _TRUTHY[value.lower()]
        raise ConfigError(f"{step}.{key}: expected true or false, got {value!r}")
    if isinstance(value, bool) and hint in (int, float):
        raise ConfigError(f"{step}.{key}: expected {hint.__name__}, got {value!r}")
    if hint is float and isinstance(value, int):
        return float(value)
    if isinstance(value, hint):
        return value
    if isinstance(value, str) and hint in (int, float):
        try:
            return hint(value)
        except ValueError:
            pass
    raise ConfigError(f"{step}.{key}: expected {hint.__name__}, got {value!r}")


def build_config(config_cls: type[Any], step: str, values: Mapping[str, Any]) -> Any:
    """Build a typed config dataclass from a mapping (TOML table, CLI overrides)."""
    if not dataclasses.is_dataclass(config_cls):
        raise TypeError(f"{config_cls!r} is not a dataclass")
    hints = typing.get_type_hints(config_cls)
    fields = {f.name for f in dataclasses.fields(config_cls) if f.init}
    unknown = sorted(set(values) - fields)
    if unknown:
        raise ConfigError(
            f"{step}: unknown parameter(s) {', '.join(unknown)}; "
            f"known: {', '.join(sorted(fields)) or '(none)'}"
        )
    kwargs = {k: _coerce(step, k, v, hints[k]) for k, v in values.items()}
    try:
        return config_cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{step}: {exc}") from exc


StepFactory = Callable[[Any], Step]
