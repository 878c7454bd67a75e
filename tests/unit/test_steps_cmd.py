"""thresher steps: pipeline order, plain text, every parameter with its doc, every reason."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from thresher.cli import main
from thresher.commands.steps_cmd import field_docs, pipeline_order, type_name
from thresher.pipeline import default_pipeline
from thresher.readers import READ_REASONS, ReaderConfig
from thresher.registry import registered


@pytest.fixture(scope="module")
def listing() -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["steps"]) == 0
    return out.getvalue()


def test_steps_come_in_the_default_pipelines_order_then_the_optional_ones(listing: str) -> None:
    numbered = re.findall(r"^\d+\. (\w+)  \((?:step|stage)\)$", listing, re.M)
    assert numbered == list(dict.fromkeys(s.use for s in default_pipeline().steps))
    default, optional = pipeline_order()
    assert optional == sorted(set(registered()) - set(default)) and optional
    tail = listing.split("Optional steps")[1]
    assert re.findall(r"^(\w+)  \((?:step|stage)\)$", tail, re.M) == optional
    assert listing.startswith("reader  (")


def test_the_listing_is_plain_text(listing: str) -> None:
    assert not re.search(r":(class|func|mod|meth|attr):`|``", listing)


def test_every_parameter_with_type_default_and_doc(listing: str) -> None:
    for name, cls in registered().items():
        section = listing.split(f"{name}  (")[1].split("drop reasons:")[0]
        for f in dataclasses.fields(cls.Config):
            assert re.search(rf"^ {{8}}{f.name}: .+ = .+$", section, re.M), (name, f.name)
    for f in dataclasses.fields(ReaderConfig):
        assert f"        {f.name}: " in listing.split("The default pipeline")[0]
    assert "            Largest payload" in listing  # a field's docstring, under it
    assert "min_score: float in [0.0, 1.0] = 0.65" in listing


def test_every_drop_reason_including_the_readers_and_step_error(listing: str) -> None:
    flat = " ".join(listing.split())
    for name, cls in registered().items():
        for reason in cls.reasons:
            assert f"{name}:{reason}" in flat
    for reason in READ_REASONS:
        assert f"read:{reason}" in flat
    assert "STEP:step_error" in listing


def test_one_step_reader_output_and_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["steps", "language"]) == 0
    assert capsys.readouterr().out.startswith("language  (step)")
    assert main(["steps", "reader"]) == 0
    assert "max_record_bytes" in capsys.readouterr().out
    assert main(["steps", "output"]) == 0
    assert "max_docs_per_shard" in capsys.readouterr().out
    assert main(["steps", "nope"]) == 2


def test_type_names_and_field_docs() -> None:
    from typing import Annotated, Literal

    from thresher.config import Range

    assert type_name(Annotated[int, Range(1)]) == "int >= 1"
    assert type_name(Literal["a", "b"]) == "one of 'a', 'b'"
    assert type_name(tuple[str, ...]) == "list of str"
    assert type_name(int | None) == "int or none"
    assert field_docs(ReaderConfig)["sniff_bytes"].startswith("How many leading payload bytes")


def test_the_sample_run_under_a_config_does_not_claim_the_default_pipeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "mine.toml"
    config.write_text('[[steps]]\nuse = "extract"\n')
    assert main(["run", "-c", str(config), "-q"]) == 0
    assert main(["run", "-c", str(config), "-o", "other"]) == 0
    out = capsys.readouterr().out
    assert "default pipeline" not in out
    assert f"Ran the pipeline {config} over the sample crawl" in out
