"""A pipeline: reader settings, ordered steps and stages, output settings.

It is plain data (:class:`PipelineSpec`), built from a TOML file, from Python, or
from the packaged default, and overridden from the command line with
``--set STEP.PARAM=VALUE``. The same spec is sent to every worker, and its hash
is written into the run manifest.

TOML layout::

    annotate_only = false        # keep every document, record what filters would drop

    [reader]
    max_record_bytes = 10_000_000

    [output]
    format = "jsonl.zst"         # jsonl, jsonl.gz, jsonl.zst, parquet
    max_docs_per_shard = 100_000

    [[steps]]
    use = "extract"              # a registered step or stage name
    timeout_s = 5.0              # its parameters
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from thresher.config import ConfigError, build_config
from thresher.registry import lookup
from thresher.stage import Stage
from thresher.step import Step

__all__ = ["OutputConfig", "PipelineSpec", "StepSpec", "default_pipeline"]

OutputFormat = Literal["jsonl", "jsonl.gz", "jsonl.zst", "parquet"]


@dataclass(frozen=True)
class OutputConfig:
    """How kept documents are written."""

    format: OutputFormat = "jsonl.zst"
    max_docs_per_shard: int = 100_000
    """Start a new part file after this many documents (0: no limit)."""
    max_bytes_per_shard: int = 0
    """Start a new part file after about this many uncompressed bytes (0: no limit)."""

    def __post_init__(self) -> None:
        if self.max_docs_per_shard < 0 or self.max_bytes_per_shard < 0:
            raise ValueError("shard limits must be >= 0")


@dataclass(frozen=True)
class StepSpec:
    """One element of a pipeline: the registered name and its parameters."""

    use: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PipelineSpec:
    """Everything that defines a run's result (but not where it reads or writes)."""

    steps: tuple[StepSpec, ...]
    reader: Mapping[str, Any] = field(default_factory=dict)
    output: OutputConfig = field(default_factory=OutputConfig)
    annotate_only: bool = False

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PipelineSpec:
        """Build from the TOML layout described in the module docstring."""
        known = {"steps", "reader", "output", "annotate_only"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"pipeline: unknown key(s) {', '.join(unknown)}")
        steps = []
        for i, table in enumerate(data.get("steps", [])):
            if not isinstance(table, Mapping) or "use" not in table:
                raise ConfigError(f"pipeline: steps[{i}] needs a 'use' key naming a step")
            params = {k: v for k, v in table.items() if k != "use"}
            steps.append(StepSpec(str(table["use"]), params))
        output = build_config(OutputConfig, "output", data.get("output", {}))
        annotate = data.get("annotate_only", False)
        if not isinstance(annotate, bool):
            raise ConfigError("pipeline: annotate_only must be true or false")
        spec = cls(tuple(steps), dict(data.get("reader", {})), output, annotate)
        spec.validate()
        return spec

    @classmethod
    def from_toml(cls, path: Path) -> PipelineSpec:
        """Read a pipeline TOML file."""
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except OSError as exc:
            raise ConfigError(f"cannot read pipeline file {path}: {exc.strerror}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        """The TOML-shaped dict, every step parameter resolved to its effective value."""
        steps = []
        for spec in self.steps:
            config = _config_for(spec)
            values = (
                dataclasses.asdict(config)
                if dataclasses.is_dataclass(config) and not isinstance(config, type)
                else {}
            )
            steps.append({"use": spec.use, **_jsonable(values)})
        return {
            "annotate_only": self.annotate_only,
            "reader": _jsonable(dict(self.reader)),
            "output": _jsonable(dataclasses.asdict(self.output)),
            "steps": steps,
        }

    def config_hash(self) -> str:
        """SHA-256 of the resolved configuration (the run manifest records it)."""
        blob = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()

    def with_overrides(self, assignments: Sequence[str]) -> PipelineSpec:
        """Apply ``NAME.PARAM=VALUE`` overrides (``NAME`` is a step, ``reader`` or ``output``).

        Values are read as TOML values (``3``, ``0.5``, ``true``, ``["en", "de"]``); anything
        else is taken as a string. A step name matches every step of that name.
        """
        data = self.to_dict()
        for assignment in assignments:
            target, param, value = _parse_assignment(assignment)
            if target in ("reader", "output"):
                data[target][param] = value
                continue
            if target == "pipeline" and param == "annotate_only":
                data["annotate_only"] = value
                continue
            matched = [s for s in data["steps"] if s["use"] == target]
            if not matched:
                names = ", ".join(s["use"] for s in data["steps"])
                raise ConfigError(
                    f"--set {assignment}: no step {target!r} in the pipeline ({names})"
                )
            for step in matched:
                step[param] = value
        return PipelineSpec.from_dict(data)

    # -- checks and building ------------------------------------------------------------------

    def validate(self) -> None:
        """Build every step's config and check what each step requires before it.

        Errors surface here, before any work starts.
        """
        seen: list[str] = []
        for spec in self.steps:
            cls = lookup(spec.use)
            build_config(cls.Config, spec.use, spec.params)
            missing = [name for name in cls.requires if name not in seen]
            if missing:
                raise ConfigError(
                    f"pipeline: {spec.use} needs {', '.join(missing)} before it "
                    f"(steps in order: {', '.join([*seen, spec.use])})"
                )
            seen.append(spec.use)

    def build(self) -> list[Step[Any] | Stage[Any]]:
        """Instantiate the steps and stages (heavy resources load later, in ``setup``)."""
        return [lookup(spec.use)(_config_for(spec)) for spec in self.steps]


def _config_for(spec: StepSpec) -> Any:
    return build_config(lookup(spec.use).Config, spec.use, spec.params)


def _parse_assignment(text: str) -> tuple[str, str, Any]:
    name, sep, raw = text.partition("=")
    target, dot, param = name.strip().partition(".")
    if not sep or not dot or not target or not param:
        raise ConfigError(f"--set {text!r}: expected NAME.PARAM=VALUE, e.g. extract.timeout_s=2")
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    return target, param.strip(), value


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_jsonable(v) for v in value]
        return sorted(items) if isinstance(value, (set, frozenset)) else items
    return value


def default_pipeline() -> PipelineSpec:
    """The pipeline ``thresher run`` uses without ``--config`` (``pipelines/default.toml``)."""
    text = resources.files("thresher").joinpath("pipelines/default.toml").read_text("utf-8")
    return PipelineSpec.from_dict(tomllib.loads(text))
