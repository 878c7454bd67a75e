"""Byte-range shards of damaged WARC and WET files read exactly like the whole file.

The fault campaign's damaged inputs (``input_faults.py``: lying lengths, duplicated
records, junk, bit flips, cuts, splices, grafts) are cut at their cut points
(:func:`~thresher.readers.warc_index.cut_points`) into as many ranges as there are
cuts, or a random subset of them. Reading the ranges one after the other must give
the whole file's results: the same records with the same ids, reasons and details
(a corrupt member or a lying length in one range neither loses nor doubles a record
of the next; a duplicate id is still caught). Through ``run_pipeline`` with a tiny
``range_mb`` the campaign's invariants still hold and the documents and rejections
equal the run without ranges.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from input_faults import MUTATIONS, WARC_FORMATS, check, check_ranges, make_case, run_case

TINY_MB = 1e-6  # one byte: every cut point starts a range


@pytest.mark.parametrize("mutation", MUTATIONS)
@pytest.mark.parametrize("fmt", WARC_FORMATS)
def test_each_mutation_reads_the_same_in_ranges(fmt: str, mutation: str) -> None:
    rng = random.Random(len(fmt) * 131 + len(mutation))
    case = make_case(fmt, 0, 6, [mutation], rng)
    cuts = check_ranges(case.data, case.name, None, rng)
    # the case was really cut (a copy at the end bars every cut; a cut may leave one record)
    assert cuts >= 1 or mutation in ("dup", "cut")


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(fmt=st.sampled_from(WARC_FORMATS), seed=st.integers(0, 2), size=st.integers(2, 8),
       mutations=st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=4),
       rng_seed=st.integers(0, 2**32 - 1), limit=st.sampled_from([None, None, None, 400]))
def test_damaged_files_read_the_same_in_ranges(fmt: str, seed: int, size: int,
                                               mutations: list[str], rng_seed: int,
                                               limit: int | None) -> None:
    rng = random.Random(rng_seed)
    case = make_case(fmt, seed, size, mutations, rng, limit)
    check_ranges(case.data, case.name, limit, rng)


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(fmt=st.sampled_from(WARC_FORMATS), seed=st.integers(0, 2), size=st.integers(3, 6),
       mutations=st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3),
       rng_seed=st.integers(0, 2**32 - 1))
def test_a_run_in_ranges_keeps_every_record_once_and_equals_the_whole(
        fmt: str, seed: int, size: int, mutations: list[str], rng_seed: int) -> None:
    case = make_case(fmt, seed, size, mutations, random.Random(rng_seed))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        problems = check(case, seed, size, work, range_mb=TINY_MB)
        assert not problems, f"{fmt} {case.mutations}: {problems}"
        split = run_case(case, work, TINY_MB, out_name="split")
        whole = run_case(case, work, out_name="whole")
    assert split.data == whole.data
    assert split.rejected == whole.rejected
    assert split.manifest["counts"] == whole.manifest["counts"]
    ranges = split.manifest["ranges"]["inputs"].get(case.name, [])
    assert len(ranges) != 1
