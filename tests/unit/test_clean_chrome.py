"""Chrome lines: each rule, whole-line only, weak entries only next to chrome."""

from __future__ import annotations

import pytest

from thresher.clean import clean_text
from thresher.clean.chrome import classify_line, find_chrome
from thresher.clean.shape import line_key

BODY = "The committee published its findings on Monday after a year of hearings."


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Read more", "read_more"),
        ("[ Continue reading → ]", "read_more"),
        ("Weiterlesen »", "read_more"),
        ("Load more", "load_more"),
        ("Show more comments", "load_more"),
        ("Cargar más", "load_more"),
        ("End of content", "end_of_feed"),
        ("No more pages to load", "end_of_feed"),
        ("Page 2 of 5", "pagination"),
        ("Seite 3 von 12", "pagination"),
        ("1 2 3 … 10 Next", "pagination"),
        ("« Previous", "pagination"),
        ("Next »", "pagination"),
        ("Share this:", "share"),
        ("Share on Facebook", "share"),
        ("Tweet", "share"),
        ("Partager sur Twitter", "share"),
        ("Subscribe to our newsletter", "newsletter"),
        ("Newsletter abonnieren", "newsletter"),
        ("We use cookies to give you the best experience. Accept", "cookie_notice"),
        (
            "Diese Website verwendet Cookies. Mit der Nutzung stimmen Sie zu (zustimmen).",
            "cookie_notice",
        ),
        ("Nous utilisons des cookies pour améliorer votre navigation.", "cookie_notice"),
        ("12 Comments", "comments"),
        ("Leave a Reply", "comments"),
        ("ADVERTISEMENT", "ad_label"),
        ("Skip to main content", "skip_link"),
        ("Read more: Why the bridge closed for a week", "inline_teaser"),
        ("Lire aussi : La ville prépare ses pistes cyclables", "inline_teaser"),
    ],
)
def test_strong_chrome_lines(line: str, rule: str) -> None:
    match = classify_line(line)
    assert match is not None and match.rule == rule and match.strong


@pytest.mark.parametrize(
    "line",
    [
        "You can read more about the method in the appendix.",
        "Share prices fell by three percent on Tuesday.",
        "We use cookies and milk in the second step of this recipe.",
        "The next page of the report lists every witness.",
        "Comments from readers were mostly positive, the editor said.",
        "Page 2 of the contract was missing.",
        BODY,
    ],
)
def test_prose_is_not_chrome(line: str) -> None:
    assert classify_line(line) is None


def test_weak_lines_need_a_chrome_neighbour() -> None:
    alone = ["Popular networks:", "Facebook", "Instagram", BODY]
    assert find_chrome(alone) == {}
    bar = [BODY, "Share this:", "Facebook", "Twitter", "Email"]
    assert find_chrome(bar) == {1: "share", 2: "share", 3: "share", 4: "share"}


def test_weak_run_before_a_strong_line_joins() -> None:
    lines = [BODY, "Accept", "Reject all", "Cookie settings"]
    assert set(find_chrome(lines)) == {1, 2, 3}


def test_long_lines_are_never_phrase_chrome() -> None:
    line = "Read more " + "words " * 20
    assert classify_line(line) is None


def test_line_key_normalises_decoration() -> None:
    assert line_key("  [ READ   MORE » ]") == "read more"
    assert line_key("__next__") == "__next__"
    assert line_key("x" * 500) == ""


def test_clean_text_removes_chrome_and_keeps_body() -> None:
    result = clean_text(f"{BODY}\n\nRead more\nShare this:\nFacebook\n")
    assert result.text == BODY + "\n"
    assert [r.rule for r in result.removed] == ["read_more", "share", "share"]


def test_chrome_can_be_turned_off() -> None:
    from thresher.clean import CleanConfig

    text = f"{BODY}\nRead more\n"
    assert clean_text(text, CleanConfig(chrome=False)).text == text
