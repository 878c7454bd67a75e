"""The run's profile: what the report shows, gathered per record and merged exactly."""

from __future__ import annotations

import random

from thresher.document import Document, Edit, Provenance
from thresher.drop import Drop
from thresher.run.profile import (
    HOSTS_PER_TASK,
    KEPT,
    SAMPLES_PER_KEY,
    Profile,
    dumps_profile,
    length_bin,
    loads_profile,
)


def _doc(i: int, host: str = "a.org", text: str = "some words here", lang: str | None = "en",
         edits: tuple[Edit, ...] = ()) -> Document:
    return Document(id=f"d{i}", provenance=Provenance("in.warc.gz"),
                    url=f"https://www.{host}/{i}", text=text, language=lang, edits=edits)


def _fill(profile: Profile, docs: range) -> None:
    for i in docs:
        if i % 3 == 0:
            profile.add_kept(_doc(i, host=f"h{i % 7}.org"))
        else:
            drop = Drop("too_short", "x", value=float(i), threshold=50.0, step="gopher_quality")
            profile.add_dropped(_doc(i, host=f"h{i % 7}.org"), drop)


def test_samples_hosts_and_counts_do_not_depend_on_how_records_are_split() -> None:
    whole = Profile()
    _fill(whole, range(300))
    parts = [Profile() for _ in range(5)]
    order = list(range(300))
    random.Random(1).shuffle(order)
    for n, i in enumerate(order):
        _fill(parts[n % 5], range(i, i + 1))
    merged = Profile()
    for part in reversed(parts):
        merged.merge(loads_profile(dumps_profile(part)))
    assert dumps_profile(merged) == dumps_profile(whole)
    assert len(whole.samples[KEPT]) == SAMPLES_PER_KEY
    assert whole.hosts["h1.org"].records == sum(1 for i in range(300) if i % 7 == 1)


def test_host_rows_always_add_up_to_the_records() -> None:
    profile = Profile()
    for i in range(HOSTS_PER_TASK + 50):
        profile.add_kept(_doc(i, host=f"host{i}.org"))
    profile.add_dropped(_doc(0, host="host0.org"), Drop("x", step="s"))
    data = loads_profile(dumps_profile(profile, hosts=HOSTS_PER_TASK))
    assert len(data.hosts) == HOSTS_PER_TASK
    assert data.hosts["host0.org"].records == 2  # the biggest host is kept by name
    total = sum(c.records for c in data.hosts.values()) + data.other_hosts.records
    kept = sum(c.kept for c in data.hosts.values()) + data.other_hosts.kept
    assert (total, kept) == (HOSTS_PER_TASK + 51, HOSTS_PER_TASK + 50)


def test_outcomes_languages_lengths_and_duplicate_clusters() -> None:
    profile = Profile()
    profile.add_kept(_doc(1, text="x" * 150, lang="de"))
    profile.add_dropped(_doc(2, text="", lang=None), Drop("not_html", step="read"))
    for n in range(4):  # a cluster of 3 (two copies) and one of 2
        size = 3 if n < 2 else 2
        data = {"duplicate_of": "k", "cluster_size": size}
        profile.add_dropped(_doc(10 + n), Drop("exact_duplicate", data=data, step="exact_dedup"))
    assert profile.languages == {KEPT: {"de": 1}, "read": {"": 1}, "exact_dedup": {"en": 4}}
    assert profile.lengths[KEPT][length_bin(150)] == 1 and length_bin(150) == 2
    assert profile.lengths["read"][0] == 1
    assert profile.duplicates == {"exact_dedup": {3: 2, 2: 2}}
    assert profile.hosts["a.org"].drops == {"read:not_html": 1, "exact_dedup:exact_duplicate": 4}


def test_a_sample_keeps_what_the_deciding_step_saw_and_the_lines_cut_before() -> None:
    profile = Profile()
    edits = (Edit("boilerplate_lines", "repeated", "Subscribe now"),)
    doc = _doc(5, text="short text", edits=edits)
    profile.add_dropped(doc, Drop("too_few_words", "2 words", value=2, threshold=50,
                                  step="gopher_quality"))
    (sample,) = profile.samples["gopher_quality:too_few_words"]
    assert (sample.value, sample.threshold, sample.detail) == (2, 50, "2 words")
    assert sample.text == "short text" and sample.edits == (
        ("boilerplate_lines", "repeated", "Subscribe now"),)


def test_flags_of_annotate_only_runs_are_sampled_under_their_reason() -> None:
    flag = {"step": "gopher_quality", "reason": "too_few_words", "detail": "", "value": 3,
            "threshold": 50, "data": {}}
    profile = Profile()
    profile.add_kept(_doc(1).with_metadata(flags=[flag]))
    assert [s.value for s in profile.samples["gopher_quality:too_few_words"]] == [3]
