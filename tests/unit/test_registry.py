"""Steps by name: an explicit table, typed configs, what a step needs before it, bounds."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import thresher
from thresher.config import ConfigError, NoConfig
from thresher.document import Document
from thresher.langid.step import LanguageConfig, LanguageFilter
from thresher.pipeline import PipelineSpec, default_pipeline
from thresher.registry import BUILTIN, get_stage, get_step, lookup, plugin_modules, register
from thresher.stage import Stage
from thresher.step import Drop, Filter, Mapper, Step


def test_every_builtin_is_found_under_its_own_name() -> None:
    for name in BUILTIN:
        cls = lookup(name)
        assert cls.name == name
        assert issubclass(cls, (Step, Stage))
    assert get_stage("extract") is None
    with pytest.raises(ConfigError, match="is a stage"):
        get_step("exact_dedup")


def _thresher_imports(module: str) -> set[str]:
    path = Path(thresher.__file__).parent / (module.replace(".", "/") + ".py")
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m.startswith("thresher")}


def test_the_base_classes_know_nothing_of_the_registry_or_the_steps() -> None:
    base = {"thresher.config", "thresher.document", "thresher.drop", "thresher.step"}
    for module in ("step", "stage", "config", "drop", "document"):
        assert _thresher_imports(module) <= base, module


@dataclass(frozen=True)
class _ShoutConfig:
    times: int = 1


@register
class _Shout(Mapper[_ShoutConfig]):
    """Test mapper: the config class comes from the type argument."""

    name = "test_shout"

    def map(self, doc: Document) -> Document | Drop:
        return doc.evolve(text=doc.text.upper() * self.config.times)


def test_the_config_class_is_the_type_argument() -> None:
    assert _Shout.Config is _ShoutConfig
    assert _Shout().config == _ShoutConfig()
    (step,) = PipelineSpec.from_dict({"steps": [{"use": "test_shout", "times": 2}]}).build()
    assert step.config == _ShoutConfig(times=2)
    assert plugin_modules(["test_shout", "extract"]) == (__name__,)


def test_a_config_that_contradicts_the_type_argument_is_refused() -> None:
    with pytest.raises(TypeError, match="is not its type"):

        class _Wrong(Filter[_ShoutConfig]):
            Config = NoConfig

            def check(self, doc: Document) -> Drop | None:
                return None


def test_a_builtin_name_cannot_be_taken() -> None:
    with pytest.raises(TypeError, match="taken by the built-in"):

        @register
        class _Impostor(Mapper[NoConfig]):
            name = "extract"

            def map(self, doc: Document) -> Document | Drop:
                return doc


def test_language_without_langid_before_it_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="language needs langid before it"):
        PipelineSpec.from_dict({"steps": [{"use": "extract"}, {"use": "language"}]})
    with pytest.raises(ConfigError, match="language needs langid"):
        PipelineSpec.from_dict({"steps": [{"use": "language"}, {"use": "langid"}]})
    PipelineSpec.from_dict({"steps": [{"use": "langid"}, {"use": "language"}]})


@pytest.mark.parametrize(
    "override",
    ["language.min_score=5", "language.min_score=-0.1", "langid.max_chars=-1",
     "language.probe_confidence=1.5"],
)
def test_out_of_range_values_are_config_errors(override: str) -> None:
    with pytest.raises(ConfigError, match="out of range"):
        default_pipeline().with_overrides([override])


def test_out_of_range_values_are_refused_from_python_too() -> None:
    with pytest.raises(ConfigError, match=r"language.min_score: 5 is out of range \[0.0, 1.0\]"):
        LanguageFilter(LanguageConfig(min_score=5))
