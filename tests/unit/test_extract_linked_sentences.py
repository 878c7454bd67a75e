"""Paragraphs of prose whose words are mostly links stay; lists of link titles go."""

from __future__ import annotations

from thresher.extract import extract

PARA = (
    "The keeper climbed the tower every evening, trimmed the wick and wound the clock. "
    "He wrote the weather in his logbook, and the ships that passed, in a careful hand."
)


def _page(extra: str) -> str:
    story = "".join(f"<p>{PARA} ({n})</p>" for n in range(4))
    return f"<html><body><div class='story'>{story}{extra}</div></body></html>"


def test_a_sentence_made_mostly_of_links_is_kept() -> None:
    linked = (
        "<p>Last winter, as <a href='/a'>the harbour master told the local paper</a>, and "
        "as <a href='/b'>the coast guard confirmed in its yearly report</a>, the old light "
        "<a href='/c'>was never switched off once</a> in forty years.</p>"
    )
    text = extract(_page(linked)).text
    assert "the harbour master told the local paper" in text


def test_a_line_of_link_titles_is_still_dropped() -> None:
    titles = (
        "<p><a href='/1'>Ten lighthouses you can sleep in this summer</a> "
        "<a href='/2'>The last keeper of the northern isles remembers</a> "
        "<a href='/3'>How fog signals were made and heard</a></p>"
    )
    text = extract(_page(titles)).text
    assert "Ten lighthouses" not in text
    assert text.count("The keeper climbed") == 4
