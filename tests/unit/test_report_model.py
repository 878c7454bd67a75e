"""The report's figures come from the manifest: funnel, reasons, languages, hosts, clusters."""

from __future__ import annotations

from typing import Any

from thresher.report import model
from thresher.report.page import render_page
from thresher.report.svg import Segment, Series, columns, hbars


def _manifest() -> dict[str, Any]:
    return {
        "config": {"steps": [{"use": "extract"}, {"use": "exact_dedup"}, {"use": "language"}]},
        "accounting": {"records_in": 10, "documents_out": 4, "rejected": 6, "balanced": True},
        "counts": {
            "drops": {"read:not_html": 1, "extract:no_content": 2,
                      "exact_dedup:exact_duplicate": 2, "language:low_lang_score": 1},
            "flags": {},
            "step_in": {"extract": 9, "exact_dedup": 7, "language": 5},
        },
        "phases": [
            {"phase": 0, "steps": ["extract"], "stage_after": "exact_dedup", "records_in": 10,
             "passed": 7, "dropped": {"read": 1, "extract": 2}},
            {"phase": 1, "steps": ["exact_dedup", "language"], "stage_after": None,
             "records_in": 7, "passed": 4, "dropped": {"exact_dedup": 2, "language": 1}},
        ],
        "profile": {
            "languages": {"kept": {"en": 3, "de": 1}, "language": {"fr": 1},
                          "read": {"": 1}, "extract": {"": 2}, "exact_dedup": {"en": 2}},
            "length_edges": [0, 1, 100],
            "lengths": {"kept": [0, 1, 3], "read": [1, 0, 0], "extract": [2, 0, 0],
                        "exact_dedup": [0, 0, 2], "language": [0, 1, 0]},
            "hosts": {"a.org": {"records": 6, "kept": 3, "drops": {"extract:no_content": 2,
                                                                    "read:not_html": 1}},
                      "b.org": {"records": 3, "kept": 1,
                                "drops": {"exact_dedup:exact_duplicate": 2}}},
            "other_hosts": {"records": 1, "kept": 0, "drops": {"language:low_lang_score": 1}},
            "duplicates": {"exact_dedup": {"3": 2}},
        },
        "timing": {"wall_seconds": 1.5, "run_wall_seconds": 4.0, "attempts": 2,
                   "phase_seconds": [1.0, 0.5],
                   "step_seconds": {"language": 0.1, "exact_dedup(analyze)": 0.2,
                                    "extract": 0.7, "exact_dedup": 0.01}},
        "inputs": [{"name": "a.warc.gz", "path": "/x/a.warc.gz", "bytes": 1000}],
        "versions": {"thresher": "0.1.0"},
    }


def test_funnel_follows_the_pipeline_and_adds_up() -> None:
    rows = model.funnel(_manifest())
    assert [(r.name, r.entered, r.dropped, r.left, r.stage) for r in rows] == [
        ("read", 10, 1, 9, False), ("extract", 9, 2, 7, False),
        ("exact_dedup", 7, 2, 5, True), ("language", 5, 1, 4, False)]
    assert rows[-1].left == _manifest()["accounting"]["documents_out"]


def test_reasons_languages_lengths_hosts_clusters_times() -> None:
    m = _manifest()
    assert [(r.key, r.count) for r in model.drop_reasons(m)][:2] == [
        ("exact_dedup:exact_duplicate", 2), ("extract:no_content", 2)]
    assert [(r.language, r.kept, r.dropped) for r in model.languages(m, top=2)] == [
        ("en", 3, 2), ("none", 0, 3), ("other", 1, 1)]
    assert model.length_bins(m) == (["0", "1-99", ">=100"], [0, 1, 3], [3, 1, 2])
    rows, rest = model.hosts(m, top=1)
    assert [(r.host, r.records, r.kept) for r in rows] == [("a.org", 6, 3)]
    assert (rest.records, rest.kept) == (4, 1)  # b.org and the other hosts
    assert rest.top_drops[0] == ("exact_dedup:exact_duplicate", 2)
    ((step, size, copies, clusters),) = [(c.step, c.size, c.copies, c.clusters)
                                         for c in model.clusters(m)]
    assert (step, size, copies, clusters) == ("exact_dedup", 3, 2, 1)
    assert [k for k, _ in model.step_times(m)] == [
        "extract", "exact_dedup(analyze)", "exact_dedup", "language"]


def test_page_is_self_contained_and_labels_its_numbers() -> None:
    page = render_page(_manifest(), {}, "out")
    for needle in ("<link", "src=", "@import", "url(", "http://", "https://"):
        if needle == "http://":  # the SVG namespace is a name, not a fetch
            assert page.count(needle) == page.count('xmlns="http://www.w3.org/2000/svg"')
            continue
        assert needle not in page, needle
    assert 'data-key="drop:extract:no_content">2<' in page
    assert 'data-key="funnel-in:exact_dedup">7<' in page
    assert 'data-key="clusters:exact_dedup:3">1<' in page
    assert 'data-key="host-records:a.org">6<' in page
    assert "over 2 attempts" in page and page.count('<figure class="plot"') == 6


def test_svg_marks_carry_their_values() -> None:
    svg = hbars([("a", [Segment(2, "kept", "2"), Segment(1, "dropped", "1")])])
    assert svg.count("<rect") == 2 and 'data-value="2"' in svg and "<title>2</title>" in svg
    cols = columns(["x", "y"], [Series("kept", [3, 0], "kept"), Series("d", [1, 2], "dropped")])
    assert cols.count('class="mark kept"') == 2 and cols.count('class="mark dropped"') == 2
