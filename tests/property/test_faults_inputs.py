"""Fault campaign (short): damaged WARC, WET and JSONL inputs through ``run_pipeline``.

Every record a mutation left intact must come out exactly once, and the manifest
must balance with read errors counted (see ``input_faults.py`` for the oracle). The
longer campaign is ``benchmarks/faults_inputs.py``.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from input_faults import FORMATS, MUTATIONS, check, make_case


def _run(fmt: str, seed: int, size: int, mutations: list[str], rng_seed: int,
         limit: int | None = None) -> None:
    case = make_case(fmt, seed, size, mutations, random.Random(rng_seed), limit)
    with tempfile.TemporaryDirectory() as tmp:
        problems = check(case, seed, size, Path(tmp))
    assert not problems, f"{fmt} {case.mutations}: {problems}"


@pytest.mark.parametrize("mutation", MUTATIONS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_each_mutation_in_each_format(fmt: str, mutation: str) -> None:
    _run(fmt, 0, 5, [mutation], rng_seed=len(fmt) * 31 + len(mutation))


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(fmt=st.sampled_from(FORMATS), seed=st.integers(0, 2), size=st.integers(2, 6),
       mutations=st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3),
       rng_seed=st.integers(0, 2**32 - 1), limit=st.sampled_from([None, None, None, 400]))
def test_every_intact_record_comes_out_once(fmt: str, seed: int, size: int,
                                            mutations: list[str], rng_seed: int,
                                            limit: int | None) -> None:
    _run(fmt, seed, size, mutations, rng_seed, limit)
