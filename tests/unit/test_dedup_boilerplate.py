"""The boilerplate_lines stage on a small news site whose pages all end with the same rail."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_dedup_support import (
    FailingRunner,
    Killed,
    SerialRunner,
    make_doc,
    run_stage,
    write_shards,
)

from thresher.dedup import boilerplate as bp
from thresher.document import Document
from thresher.registry import get_stage
from thresher.step import ConfigError, Drop, build_config

# (headline, standfirst, body paragraphs): the rail shows headline and standfirst of the
# first four, so each of those lines also opens its own article.
ARTICLES = [
    (
        "Harbour bridge reopens after two years of repairs",
        "Cyclists get a separate lane for the first time.",
        [
            "The bridge closed last spring when inspectors found rust in the cables.",
            "Engineers replaced forty cables and repainted the whole deck, the council said.",
            "Traffic is expected to return to normal by the end of the month.",
        ],
    ),
    (
        "Library extends opening hours during exam season",
        "Students can stay until midnight from Monday.",
        [
            "The main reading room will stay open until midnight on weekdays.",
            "Extra staff were hired for the evening shifts, according to the director.",
        ],
    ),
    (
        "Local bakery wins regional bread award",
        "A rye sourdough impressed the jury.",
        [
            "The bakery on Mill Street has been run by the same family for three generations.",
            "Its rye sourdough takes two days to make, the owner explained.",
            "The award ceremony took place in the old town hall on Saturday.",
        ],
    ),
    (
        "New bus line connects the university and the station",
        "Buses run every ten minutes at peak times.",
        [
            "Line 14 starts next week and replaces two older routes.",
            "The transport company bought six electric buses for the service.",
        ],
    ),
    (
        "Volunteers plant three hundred trees along the river",
        "The project continues in the autumn.",
        [
            "More than fifty volunteers joined the planting day despite the rain.",
            "Oak, lime and alder were chosen because they tolerate floods.",
        ],
    ),
    (
        "Museum shows maps from the sixteenth century",
        "The exhibition opens on Friday.",
        [
            "Twenty maps were lent by a private collector for the exhibition.",
            "Some of them show the town before the city walls were built.",
        ],
    ),
]

RAIL = ["News"]
for headline, standfirst, _ in ARTICLES[:4]:
    RAIL += [headline, standfirst]
RAIL += ["End of content", "No more pages to load"]


def _article(i: int) -> str:
    headline, standfirst, body = ARTICLES[i]
    return "\n".join([headline, standfirst, "", *"\n\n".join(body).split("\n")])


def _page(i: int) -> str:
    return _article(i) + "\n\n" + "\n".join(RAIL)


def _site() -> list[list[Document]]:
    pages = [
        make_doc(f"a{i}", _page(i), url=f"https://news.example.org/2024/story-{i}")
        for i in range(len(ARTICLES))
    ]
    pages.append(make_doc("index", "\n".join(RAIL), url="https://news.example.org/news"))
    # another site quoting the same lines on two pages: other host, not touched
    other = [make_doc(f"o{i}", _page(i), url=f"http://blog.example.net/p{i}") for i in range(2)]
    return [pages[:4], pages[4:] + other]


def _stage(**params: object):  # type: ignore[no-untyped-def]
    cls = get_stage("boilerplate_lines")
    assert cls is not None
    return cls(build_config(cls.Config, cls.name, params))


def _outcomes(tmp_path: Path, **params: object) -> dict[str, Document | Drop]:
    paths = write_shards(tmp_path / "in", _site())
    out = run_stage(_stage(**params), paths, tmp_path / "work", SerialRunner())
    ids = [d.id for shard in _site() for d in shard]
    return dict(zip(ids, [o for shard in out for o in shard], strict=True))


def test_rail_goes_and_every_article_stays_whole(tmp_path: Path) -> None:
    out = _outcomes(tmp_path)
    for i in range(len(ARTICLES)):
        doc = out[f"a{i}"]
        assert isinstance(doc, Document)
        assert doc.text == _article(i)


def test_removed_lines_are_recorded_as_edits(tmp_path: Path) -> None:
    doc = _outcomes(tmp_path)["a0"]
    assert isinstance(doc, Document)
    assert [e.line for e in doc.edits] == RAIL
    assert {(e.step, e.rule) for e in doc.edits} == {("boilerplate_lines", "repeated_on_host")}


def test_page_of_only_boilerplate_is_left_whole(tmp_path: Path) -> None:
    # Emptying a page is not this stage's call: it may be the copy of an article.
    doc = _outcomes(tmp_path)["index"]
    assert isinstance(doc, Document) and doc.text == "\n".join(RAIL) and not doc.edits


def test_other_host_below_threshold_is_untouched(tmp_path: Path) -> None:
    out = _outcomes(tmp_path)
    for i in range(2):
        doc = out[f"o{i}"]
        assert isinstance(doc, Document) and doc.text == _page(i) and not doc.edits


def test_single_line_windows_also_cut_headlines(tmp_path: Path) -> None:
    """Why the default looks at three lines: line by line, the article heads go too."""
    doc = _outcomes(tmp_path, window_lines=1)["a0"]
    assert isinstance(doc, Document)
    assert ARTICLES[0][0] not in doc.text


def test_min_pages_threshold_can_spare_the_rail(tmp_path: Path) -> None:
    doc = _outcomes(tmp_path, min_pages=8)["a0"]
    assert isinstance(doc, Document) and doc.text == _page(0)


def test_resume_after_kill(tmp_path: Path) -> None:
    paths = write_shards(tmp_path / "in", _site())
    reference = run_stage(_stage(), paths, tmp_path / "ref", SerialRunner())
    for budget in (1, 2, 5):
        work = tmp_path / f"work{budget}"
        with pytest.raises(Killed):
            _stage().analyze(paths, work, FailingRunner(budget))
        assert run_stage(_stage(), paths, work, SerialRunner()) == reference


def test_window_keys_cover_every_line_with_sentinels() -> None:
    keys = bp.window_keys("h", ["a", "b"], 3)
    assert len(keys) == 4
    assert bp.boilerplate_line_numbers(keys, 2, 3, {keys[0]}) == {0}
    assert bp.boilerplate_line_numbers(keys, 2, 3, {keys[2]}) == {0, 1}


def test_bad_parameters_are_config_errors() -> None:
    cls = get_stage("boilerplate_lines")
    assert cls is not None
    with pytest.raises(ConfigError):
        build_config(cls.Config, cls.name, {"min_pages": 1})
    with pytest.raises(ConfigError):
        build_config(cls.Config, cls.name, {"window_lines": 0})
