"""Typed configs: build a step's frozen dataclass from TOML values and check its ranges.

The same config object comes from Python, from a TOML pipeline file and from
``--set STEP.PARAM=VALUE``. Values are checked against the field's type hint (and
gently converted: ``"3"`` to ``3``, ``1`` to ``1.0``), and numeric fields may declare
their bounds with :class:`Range`::

    min_score: Annotated[float, Range(0.0, 1.0)] = 0.65

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Example:
...     share: Annotated[float, Range(0.0, 1.0)] = 0.5
>>> build_config(Example, "example", {"share": 1})
Example(share=1.0)
>>> build_config(Example, "example", {"share": 5})
Traceback (most recent call last):
...
thresher.config.ConfigError: example.share: 5.0 is out of range [0.0, 1.0]
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

__all__ = ["ConfigError", "NoConfig", "Range", "build_config", "check_ranges"]

C = TypeVar("C")


class ConfigError(ValueError):
    """A pipeline or step configuration is invalid."""


@dataclass(frozen=True)
class NoConfig:
    """Config of a step without parameters."""


@dataclass(frozen=True)
class Range:
    """Inclusive bounds of a numeric config field (``None``: unbounded on that side)."""

    low: float | None = None
    high: float | None = None

    def check(self, where: str, value: Any) -> None:
        """Raise :class:`ConfigError` when ``value`` is outside the bounds."""
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return
        if (self.low is not None and value < self.low) or (
            self.high is not None and value > self.high
        ):
            low = "-inf" if self.low is None else self.low
            high = "inf" if self.high is None else self.high
            raise ConfigError(f"{where}: {value} is out of range [{low}, {high}]")


@functools.cache
def _hints(config_cls: type) -> dict[str, Any]:
    return typing.get_type_hints(config_cls, include_extras=True)


def _ranges(hint: Any) -> list[Range]:
    if typing.get_origin(hint) is not Annotated:
        return []
    return [m for m in hint.__metadata__ if isinstance(m, Range)]


def check_ranges(config: object, step: str) -> None:
    """Check every :class:`Range` a config's fields declare (configs built in Python)."""
    if not dataclasses.is_dataclass(config) or isinstance(config, type):
        return
    hints = _hints(type(config))
    for f in dataclasses.fields(config):
        for bounds in _ranges(hints.get(f.name)):
            bounds.check(f"{step}.{f.name}", getattr(config, f.name))


def build_config(config_cls: type[C], step: str, values: Mapping[str, Any]) -> C:
    """Build a typed config dataclass from a mapping (TOML table, CLI overrides)."""
    if not dataclasses.is_dataclass(config_cls):
        raise TypeError(f"{config_cls!r} is not a dataclass")
    hints = _hints(config_cls)
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
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError(f"{step}: {exc}") from exc


def _coerce(step: str, key: str, value: Any, hint: Any) -> Any:
    """Check (and gently convert) one config value against its type hint."""
    origin = typing.get_origin(hint)
    if hint is Any:
        return value
    if origin is Annotated:
        coerced = _coerce(step, key, value, typing.get_args(hint)[0])
        for bounds in _ranges(hint):
            bounds.check(f"{step}.{key}", coerced)
        return coerced
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
