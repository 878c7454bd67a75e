"""Region choice on pages where a short article sits beside long link lists."""

from __future__ import annotations

from thresher.extract import extract

POST = (
    "We took the night train north and woke up to snow on the fields, a white so bright "
    "that the whole carriage went quiet for a while. The coffee was bad, the company good, "
    "and by the time we reached the border we had already planned the next trip together."
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")


def _archive(years: int = 10) -> str:
    # a blog's archive widget: a year per item, its months linked with their post counts
    def year(y: int) -> str:
        months = "".join(
            f"<li><a href='/{y}/{n}'>{month}</a> ({n + 1})</li>" for n, month in enumerate(MONTHS)
        )
        return f"<li class='archive-year'><a href='/{y}'>{y}</a> (36)<ul>{months}</ul></li>"

    return "<ul class='archive'>" + "".join(year(2012 - n) for n in range(years)) + "</ul>"


def _page(side: str) -> str:
    post = f"<div class='post'><h3>Snow</h3><p>{POST}</p></div>"
    top = "".join(f"<a href='/t{n}'>Destination number {n}</a> " for n in range(30))
    return (
        f"<html><body><div class='wrapper'><div class='top-links'>{top}</div>"
        f"<div class='main-column'>{post}</div><div class='right-column'>{side}</div>"
        "</div></body></html>"
    )


def test_a_short_post_beside_a_long_archive_list_is_the_content() -> None:
    text = extract(_page(_archive())).text
    assert text.startswith("We took the night train")
    assert "January" not in text


def test_a_page_that_is_a_grid_of_links_stays_a_listing() -> None:
    # the same list as the page's whole body, under a short intro: the list is the page
    intro = f"<div class='intro'><p>{POST}</p></div>"
    page = f"<html><body>{intro}{_archive()}</body></html>"
    text = extract(page).text
    assert "January" in text
