"""Teaser rails: the shapes recognised, and article text that must survive."""

from __future__ import annotations

from thresher.clean import CleanConfig, clean_text
from thresher.clean.rails import find_rails

ARTICLE = [
    "The harbour authority confirmed on Friday that the north pier will close for repairs.",
    "Engineers found cracks in two of the supporting columns during a routine inspection.",
    "The pier is expected to reopen before the summer season.",
]
PAIRS = [
    "Ferry timetable changes for the winter",
    "Two crossings a day will be cut from November, with the first boat leaving at...",
    "Fishermen's market moves indoors",
    "The weekly market will take place in the old customs hall until the end of…",
    "Lighthouse open day draws record crowds",
    "More than three thousand visitors climbed the tower on Sunday, twice as many as…”",
]


def test_heading_and_two_pairs_at_the_end() -> None:
    lines = [*ARTICLE, "News", *PAIRS[:4]]
    assert find_rails(lines) == set(range(3, 8))


def test_generic_heading_not_in_vocabulary() -> None:
    lines = [*ARTICLE, "From the Harbour Desk", *PAIRS[:4]]
    assert find_rails(lines) == set(range(3, 8))


def test_one_pair_is_not_a_rail() -> None:
    assert find_rails([*ARTICLE, "News", *PAIRS[:2]]) == set()


def test_headless_rail_needs_three_pairs() -> None:
    assert find_rails([*ARTICLE, *PAIRS[:4]]) == set()
    assert find_rails([*ARTICLE, *PAIRS]) == set(range(3, 9))


def test_leading_rail() -> None:
    lines = ["Trending", *PAIRS[:4], *ARTICLE]
    assert find_rails(lines) == set(range(5))


def test_middle_rail_needs_a_vocabulary_heading() -> None:
    vocab = [ARTICLE[0], "Lesen Sie auch", *PAIRS[:4], *ARTICLE[1:]]
    assert find_rails(vocab) == set(range(1, 6))
    generic = [ARTICLE[0], "Harbour Desk", *PAIRS[:4], *ARTICLE[1:]]
    assert find_rails(generic) == set()


def test_loose_rail_of_titles_under_a_vocabulary_heading() -> None:
    titles = ["New lights for the main street", "Bakery wins prize", "Depot to be restored"]
    assert find_rails([*ARTICLE, "You may also like", *titles]) == set(range(3, 7))


def test_loose_rail_needs_the_vocabulary() -> None:
    titles = ["Plain flour", "Wholemeal flour", "Buttermilk"]
    assert find_rails([*ARTICLE, "Ingredients", *titles]) == set()


def test_vocabulary_heading_before_the_last_paragraph_is_kept() -> None:
    lines = [*ARTICLE, "Related", "Ferry timetable changes for the winter", ARTICLE[0]]
    assert find_rails(lines) == set()


def test_rhetorical_ellipses_in_an_article_survive() -> None:
    lines = [
        "I had been putting off the trip for years...",
        "Then one morning I packed a bag and drove north.",
        "The second night I found a guesthouse whose owner asked no questions…",
        "By the end of the week I had learned one thing.",
        "Sometimes the best plans are the ones you never make…",
    ]
    assert find_rails(lines) == set()


def test_min_rail_pairs_is_configurable() -> None:
    text = "\n".join([*ARTICLE, "News", *PAIRS[:4]])
    assert len(clean_text(text, CleanConfig(min_rail_pairs=3)).removed) == 0
    assert len(clean_text(text).removed) == 5


def test_rails_can_be_turned_off() -> None:
    text = "\n".join([*ARTICLE, "News", *PAIRS])
    assert clean_text(text, CleanConfig(rails=False)).removed == ()


def test_removing_a_rail_exposes_the_next_one() -> None:
    text = "\n".join([*ARTICLE, "More news", *PAIRS[:4], "Related", *PAIRS[2:]])
    assert clean_text(text).text == "\n".join(ARTICLE) + "\n"


def test_loose_rail_stops_at_a_long_paragraph() -> None:
    paragraph = " ".join(["The remake will follow the original story closely."] * 5)
    lines = [*ARTICLE, "Leggi anche", "Il forno premiato per il pane", paragraph, "(Altre foto)"]
    assert find_rails(lines) == set()


def test_ellipsis_shapes() -> None:
    from thresher.clean.shape import ends_with_ellipsis

    assert ends_with_ellipsis("They never did that ever….")
    assert ends_with_ellipsis("“Hold on just a moment…”")
    assert ends_with_ellipsis("the cotton fields stretched far,…")
    assert ends_with_ellipsis("and then there was [...]")
    assert not ends_with_ellipsis("A complete sentence.")
    assert not ends_with_ellipsis("Wait...")
    assert not ends_with_ellipsis("...")


def test_dated_items_and_glued_read_more() -> None:
    lines = [
        *ARTICLE,
        "From the Harbour Desk",
        "Ferry timetable changes for the winter",
        "March 3, 2024",
        "Two crossings a day will be cut from November, with the first boat at… Read more »",
        "Fishermen's market moves indoors",
        "By Ana Ruiz",
        "The weekly market will take place in the old customs hall until the end of...",
    ]
    assert find_rails(lines) == set(range(3, 10))


def test_a_date_line_after_an_excerpt_is_a_headline() -> None:
    # (excerpt…, "March 2024", excerpt…): the date is the second item's headline.
    lines = [*ARTICLE, "News", PAIRS[0], PAIRS[1], "12 March 2024", PAIRS[3]]
    assert find_rails(lines) == set(range(3, 8))
