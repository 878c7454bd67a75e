"""PipelineSpec: TOML and dict building, typed configs, overrides, hashing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from thresher.document import Document, Provenance
from thresher.pipeline import PipelineSpec
from thresher.registry import register
from thresher.step import ConfigError, Drop, Filter, build_config


@dataclass(frozen=True)
class _MinLenConfig:
    min_chars: int = 10
    ratio: float = 0.5
    languages: tuple[str, ...] = ("en",)
    strict: bool = False


@register
class _MinLen(Filter):
    """Test filter: drops short texts."""

    name = "test_min_len"
    Config = _MinLenConfig
    reasons = frozenset({"too_short"})

    def check(self, doc: Document) -> Drop | None:
        if len(doc.text) < self.config.min_chars:
            return self.drop("too_short", value=len(doc.text), threshold=self.config.min_chars)
        return None


def _spec(**params: object) -> PipelineSpec:
    return PipelineSpec.from_dict({"steps": [{"use": "test_min_len", **params}]})


def test_params_become_a_typed_config() -> None:
    spec = _spec(min_chars=3, ratio=1, languages=["de", "fr"])
    (step,) = spec.build()
    assert step.config == _MinLenConfig(3, 1.0, ("de", "fr"), False)


def test_unknown_parameter_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="unknown parameter.*min_char"):
        _spec(min_char=3)


def test_wrong_type_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="test_min_len.min_chars: expected int"):
        _spec(min_chars="many")


def test_unknown_step_names_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="unknown step 'nope'.*test_min_len"):
        PipelineSpec.from_dict({"steps": [{"use": "nope"}]})


def test_overrides_parse_toml_values() -> None:
    spec = _spec().with_overrides(
        ["test_min_len.min_chars=42", 'test_min_len.languages=["ja"]', "output.format=jsonl.gz"]
    )
    (step,) = spec.build()
    assert step.config.min_chars == 42
    assert step.config.languages == ("ja",)
    assert spec.output.format == "jsonl.gz"


def test_override_of_a_missing_step_fails() -> None:
    with pytest.raises(ConfigError, match="no step 'other'"):
        _spec().with_overrides(["other.x=1"])


def test_override_needs_name_dot_param() -> None:
    with pytest.raises(ConfigError, match="expected NAME.PARAM=VALUE"):
        _spec().with_overrides(["min_chars=1"])


def test_hash_depends_on_effective_values_only() -> None:
    assert _spec().config_hash() == _spec(min_chars=10).config_hash()
    assert _spec().config_hash() != _spec(min_chars=11).config_hash()


def test_from_toml_reads_files(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('annotate_only = true\n[[steps]]\nuse = "test_min_len"\nmin_chars = 2\n')
    spec = PipelineSpec.from_toml(path)
    assert spec.annotate_only
    assert spec.build()[0].config.min_chars == 2


def test_bad_toml_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text("[[steps]\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        PipelineSpec.from_toml(path)


def test_filter_keeps_the_same_document() -> None:
    (step,) = _spec(min_chars=1).build()
    doc = Document(id="a", provenance=Provenance("x"), text="hello")
    assert step.process(doc) is doc
    dropped = step.process(doc.evolve(text=""))
    assert isinstance(dropped, Drop)
    assert (dropped.reason, dropped.value, dropped.threshold) == ("too_short", 0, 1)


def test_undeclared_reason_is_a_bug() -> None:
    (step,) = _spec().build()
    with pytest.raises(AssertionError, match="undeclared"):
        step.drop("something_else")


def test_build_config_coerces_bool_strings() -> None:
    assert build_config(_MinLenConfig, "t", {"strict": "true"}).strict is True
    with pytest.raises(ConfigError):
        build_config(_MinLenConfig, "t", {"strict": "perhaps"})
