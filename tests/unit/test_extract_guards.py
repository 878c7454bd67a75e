"""Hostile-page guards of the extract step (thresher.extract.guards)."""

from __future__ import annotations

import signal
import time

import pytest

from thresher.extract.guards import PageTimeout, count_tags, nesting_depth, wall_clock_limit


def test_nesting_depth_ignores_scripts_comments_void_and_self_closing_tags() -> None:
    page = "<div><script>if (a<b && c<d) {}</script><!-- <x><y> --><br><img><p>x<p>y<li>z</div>"
    assert nesting_depth(page, 100) == 1


def test_nesting_depth_stops_just_past_the_limit() -> None:
    assert nesting_depth("<div>" * 50, 10) == 11


def test_nesting_depth_self_closing_counts_only_in_svg() -> None:
    icons = "<svg viewBox='0 0 1 1'>" + "<path d='M0 0'/>" * 500 + "</svg>"
    assert nesting_depth("<div>" + icons * 10 + "</div>", 100) == 2
    assert nesting_depth("<div/>" * 500, 100) == 101  # HTML ignores the slash: they nest


def test_nesting_depth_of_200k_nested_elements() -> None:
    assert nesting_depth("<div>" * 200_000 + "</div>" * 200_000, 2_000) == 2_001


def test_count_tags_counts_start_tags_only() -> None:
    assert count_tags("<p>a</p><br/><DIV>b</DIV> 1 < 2") == 3


needs_alarm = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")


@needs_alarm
def test_wall_clock_limit_interrupts_a_busy_loop() -> None:
    give_up = time.monotonic() + 20  # a broken limit fails the test instead of hanging it
    with pytest.raises(PageTimeout), wall_clock_limit(0.05):
        while time.monotonic() < give_up:
            pass


@needs_alarm
def test_wall_clock_limit_interrupts_a_sleep() -> None:
    with pytest.raises(PageTimeout), wall_clock_limit(0.05):
        time.sleep(20)


def test_wall_clock_limit_zero_means_no_limit() -> None:
    with wall_clock_limit(0):
        total = sum(range(1000))
    assert total == 499_500


def test_page_timeout_is_not_an_exception() -> None:
    # so that ``except Exception`` in a library cannot swallow the timeout
    assert not issubclass(PageTimeout, Exception)


def test_nesting_depth_finds_script_ends_after_characters_that_lower_to_two() -> None:
    # "İ".lower() is two characters: offsets in a lowered copy would be off by one each.
    page = "İ" * 20 + "<script>x</script>" + "<div>" * 5 + "<script>" + "<div>" * 50 + "</script>"
    assert nesting_depth(page, 100) == 5


def test_nesting_depth_script_names_are_ascii_case_insensitive_only() -> None:
    # "ſ" (long s) case-folds to "s", but "<ſcript>" is text to the HTML parser.
    assert nesting_depth("<ſcript>" + "<div>" * 3, 100) == 3
