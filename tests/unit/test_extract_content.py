"""Main-content selection: container choice, rails, chrome, datelines, listings."""

from __future__ import annotations

from thresher.extract import ExtractConfig, extract
from thresher.extract.content import _punctuation

PARA = (
    "The keeper climbed the tower every evening, trimmed the wick and wound the clock. "
    "He wrote the weather in his logbook, and the ships that passed, in a careful hand."
)


def article(paragraphs: int = 5) -> str:
    return "".join(f"<p>{PARA} ({n})</p>" for n in range(paragraphs))


def text_of(body: str) -> str:
    return extract(f"<html><body>{body}</body></html>").text


def test_article_container_beats_menus_and_sidebars() -> None:
    menu = "<div class='links'>" + "".join(f"<a href='/{i}'>Item {i}</a><br>" for i in range(20))
    body = f"{menu}</div><div class='story'>{article()}</div><div>© 2024 Site</div>"
    lines = text_of(body).split("\n")
    assert len(lines) == 5
    assert all(line.startswith("The keeper") for line in lines)


def test_teaser_rail_inside_article_container_is_removed() -> None:
    cards = "".join(
        f"<div class='card'><h3><a href='/s{i}'>Another story number {i} here</a></h3>"
        f"<p>It began on a Tuesday when nobody expected…</p></div>"
        for i in range(5)
    )
    body = f"<div class='content'>{article()}<h3>News</h3><div class='posts'>{cards}</div></div>"
    text = text_of(body)
    assert "Another story" not in text
    assert "nobody expected" not in text
    assert "News" not in text.split("\n")
    assert text.count("The keeper") == 5


def test_ul_teaser_grid_is_removed() -> None:
    items = "".join(
        f"<li><a href='/p{i}'>Related piece {i} about the coast</a><p>Short excerpt…</p></li>"
        for i in range(4)
    )
    text = text_of(f"<div>{article()}<ul class='grid'>{items}</ul></div>")
    assert "Related piece" not in text


def test_chrome_lines_are_removed() -> None:
    chrome = "<p>Load more</p><p>End of content</p><p>No more pages to load</p><p>Advertisement</p>"
    text = text_of(f"<div>{article(3)}{chrome}</div>")
    for phrase in ("Load more", "End of content", "No more pages", "Advertisement"):
        assert phrase not in text


def test_headline_and_dateline_of_an_article_are_removed() -> None:
    body = (
        "<article><h1>The keeper's last night</h1><p>By Ada Lind</p><p>March 3, 2024</p>"
        f"{article()}</article>"
    )
    text = text_of(body)
    assert "The keeper's last night" not in text
    assert "March 3, 2024" not in text
    assert "By Ada Lind" not in text


def test_subheadings_lists_and_tables_stay() -> None:
    body = (
        f"<article>{article(2)}<h2>Supplies</h2><ul><li>Lamp oil</li><li>Wicks</li></ul>"
        f"<table><tr><td>Year</td><td>Ships</td></tr><tr><td>1901</td><td>312</td></tr></table>"
        f"{article(2)}</article>"
    )
    lines = text_of(body).split("\n")
    assert "Supplies" in lines
    assert "Lamp oil" in lines
    assert "1901 | 312" in lines


def test_listing_page_keeps_the_whole_grid() -> None:
    cards = "".join(
        f"<div class='product'><a href='/p{i}'>Walking boot model {i}</a>"
        f"<span>${100 + i}.00</span><span>Leather, size 36 to 47</span></div>"
        for i in range(8)
    )
    body = f"<div class='collection'><h1>Walking boots</h1><div class='grid'>{cards}</div></div>"
    text = text_of(body)
    assert "Walking boots" in text
    for i in range(8):
        assert f"Walking boot model {i}" in text


def test_forum_thread_keeps_every_post_with_names_and_dates() -> None:
    posts = "".join(
        f"<div class='post'><div class='user'><a href='/u{i}'>user{i}</a></div>"
        f"<div class='date'>Apr {i + 1}, 2024</div><p>{PARA} Reply {i}.</p></div>"
        for i in range(6)
    )
    text = text_of(f"<div class='thread'>{posts}</div>")
    for i in range(6):
        assert f"Reply {i}." in text
        assert f"user{i}" in text
        assert f"Apr {i + 1}, 2024" in text


def test_link_dense_block_inside_prose_is_removed() -> None:
    links = "<div>" + " ".join(f"<a href='/t{i}'>tag number {i}</a>" for i in range(8)) + "</div>"
    text = text_of(f"<div>{article(3)}{links}{article(2)}</div>")
    assert "tag number" not in text
    assert text.count("The keeper") == 5


def test_favour_moves_the_link_density_cut() -> None:
    mixed = (
        "<div><a href='/a'>Harbour timetable</a> and <a href='/b'>ferry fares</a> "
        "are posted daily for <a href='/c'>the islands</a></div>"
    )  # about 0.6 of its text is link text
    html = f"<html><body><div>{article(3)}{mixed}{article(2)}</div></body></html>"
    text = {
        favour: extract(html, config=ExtractConfig(favour=favour)).text
        for favour in ("precision", "balanced", "recall")
    }
    assert "Harbour timetable" not in text["precision"]
    assert "Harbour timetable" not in text["balanced"]
    assert "Harbour timetable" in text["recall"]


def test_recall_keeps_datelines() -> None:
    body = f"<article><p>Posted March 3, 2024</p>{article()}</article>"
    html = f"<html><body>{body}</body></html>"
    assert "March 3, 2024" not in extract(html).text
    assert "March 3, 2024" in extract(html, config=ExtractConfig(favour="recall")).text


def test_layout_table_cell_can_be_the_article() -> None:
    menu = "".join(f"<a href='/{i}'>Section {i}</a><br>" for i in range(15))
    story = "<h2>Story</h2>" + "".join(f"<p>{PARA} {i}</p>" for i in range(6))
    text = text_of(f"<table><tr><td>{menu}</td><td>{story}</td></tr></table>")
    assert "Section 3" not in text
    assert text.count("The keeper") == 6


def test_article_split_by_an_ad_is_taken_whole() -> None:
    first = "".join(f"<p>{PARA} first {i}</p>" for i in range(6))
    second = "".join(f"<p>{PARA} second {i}</p>" for i in range(2))
    body = (
        f"<div class='story'><div class='part'>{first}</div>"
        "<div class='ad-slot'>Advertisement</div>"
        f"<div class='part'>{second}</div><div class='share'>Share</div></div>"
    )
    text = text_of(body)
    assert text.count("first") == 6
    assert text.count("second") == 2
    assert "Advertisement" not in text


def test_rail_deep_in_wrappers_is_still_found() -> None:
    """Rail search skips boxes with too few titles/ellipses; deep rails must not be skipped."""
    cards = "".join(
        f"<div class='card'><h3><a href='/s{i}'>Another story number {i} here</a></h3>"
        f"<p>It began on a Tuesday when nobody expected…</p></div>"
        for i in range(4)
    )
    rail = "<div><div><section><div class='posts'>" + cards + "</div></section></div></div>"
    body = f"<div class='content'>{article()}<h3>News</h3>{rail}</div>"
    text = text_of(body)
    assert "Another story" not in text
    assert "nobody expected" not in text
    assert text.count("The keeper") == 5


def test_sentence_marks_are_counted_one_by_one() -> None:
    assert _punctuation("No marks here") == 0
    assert _punctuation("One, two; three: four! Five? Six.") == 6
    assert _punctuation("句子。另一个，还有、好！吗？") == 5
    assert _punctuation("...") == 3
    assert _punctuation("全角；标点：也算！") == 3
    assert _punctuation("مرحبا، كيف حالك؟") == 2


def test_descent_follows_the_best_box_past_a_menu_beside_the_article() -> None:
    # the article's column weighs less than zero with its long menu, a pop-up form beside
    # it weighs more than zero: the descent still goes to the article
    menu = "<ul>" + "".join(f"<li><a href='/t{i}'>Topic {i}</a></li>" for i in range(60))
    column = f"<div class='col'>{menu}</ul><div class='post'>{article(4)}</div></div>"
    popup = "<div class='box'><p>" + "Send this story to a friend, with a note. " * 8 + "</p></div>"
    text = text_of(column + popup)
    assert text.count("The keeper") == 4
    assert "Send this story" not in text


def test_paragraphs_ending_with_an_ellipsis_are_not_a_rail() -> None:
    # a writer's trailing "…" on plain paragraphs: prose, not teaser cards
    thoughts = "".join(f"<p>{PARA} And the night came on ({n})…</p>" for n in range(3))
    link = "<p><a href='/x'>http://example.org/a-post</a></p>"
    text = text_of(f"<div class='entry'>{article(2)}{thoughts}{link}</div>")
    assert text.count("The keeper") == 5
    # excerpts with a link (or a title line) are still cards
    cards = "".join(
        f"<div class='c'><p>It began on a Tuesday when nobody expected ({n})…</p>"
        f"<a href='/s{n}'>more</a></div>"
        for n in range(4)
    )
    text = text_of(f"<div>{article()}{cards}</div>")
    assert "nobody expected" not in text


def test_a_short_article_beside_a_long_link_list_is_not_a_listing() -> None:
    places = "".join(
        f"<li><a href='/p{i}'>Restaurant number {i} on the harbour</a></li>" for i in range(40)
    )
    story = f"<div class='post'><p>{PARA}</p><p>{PARA}</p></div>"
    text = text_of(f"<div class='main'>{story}</div><div class='right'><ul>{places}</ul></div>")
    assert text.count("The keeper") == 2
    assert "Restaurant number" not in text


def test_summary_kept_apart_from_a_long_body_joins_it() -> None:
    # a "read more" split: a short summary block, then a body ten times its size
    summary = f"<div class='entry-body'><p>{PARA} (summary)</p></div>"
    more = f"<div class='entry-more'>{article(12)}</div>"
    share = "<div class='tools'><a href='/s'>Email this</a> <a href='/p'>Print this</a></div>"
    text = text_of(f"<div class='entry-content'>{summary}{more}{share}</div>")
    assert "(summary)" in text
    assert text.count("The keeper") == 13


ZH = "在海拔一千多米的青石村小学，操场东边新盖了一间圆顶小屋。孩子们每天晚上都来这里看星星。"


def test_an_unspaced_article_is_weighed_by_its_text_not_its_character_count() -> None:
    # four short Chinese paragraphs (42 characters each) outweigh a longer English menu
    story = "".join(f"<p>{ZH}（{n}）</p>" for n in range(4))
    menu = "<div class='m'>" + "".join(f"<p><a href='/{i}'>Section {i}</a></p>" for i in range(12))
    text = text_of(f"<div class='story'><h1>山区小学的第一座天文台</h1>{story}</div>{menu}</div>")
    assert text.count("青石村") == 4
    assert "山区小学的第一座天文台" not in text  # the headline before enough prose
    assert "Section" not in text


def test_short_unspaced_link_titles_make_a_rail() -> None:
    cards = "".join(
        f"<div class='c'><a href='/r{i}'>乡村学校的图书角{i}</a></div>" for i in range(4)
    )
    story = "".join(f"<p>{ZH}</p>" for _ in range(4))
    text = text_of(f"<div class='story'>{story}{cards}</div>")
    assert "图书角" not in text


def test_credit_date_and_chrome_lines_of_other_languages_are_dropped() -> None:
    story = "".join(f"<p>{ZH}（{n}）</p>" for n in range(4))
    lines = "<p>2023年11月8日 09:15</p><p>记者：周明远</p><p><a href='#'>展开全文</a></p>"
    text = text_of(f"<div class='story'>{lines}{story}<p>责任编辑：王小雨</p></div>")
    assert text.split("\n") == [f"{ZH}（{n}）" for n in range(4)]


def test_a_line_break_between_han_characters_is_no_space() -> None:
    text = text_of(f"<div><p>{ZH[:20]}\n    {ZH[20:]}</p><p>{ZH}</p><p>{ZH}</p></div>")
    assert text.split("\n")[0] == ZH
    assert text_of("<div><p>" + "one\ntwo. " * 30 + "</p></div>").startswith("one two.")


def test_a_short_marked_post_beside_an_archive_list_is_the_article() -> None:
    post = (
        "<div class='post hentry'><div class='post-body entry-content'>"
        "Dear all, the book event is on Saturday at the old library, with drawings.<br>"
        "Come and say hello, bring friends.</div></div>"
    )
    months = "".join(
        f"<li><a href='/m{i}'>Month {i}</a> ({i + 3})<ul><li><a href='/p{i}'>A post title {i}"
        "</a></li></ul></li>"
        for i in range(24)
    )
    archive = f"<div class='widget BlogArchive'><ul class='hierarchy'>{months}</ul></div>"
    text = text_of(f"<div class='main'>{post}</div><div class='side'>{archive}</div>")
    assert text.startswith("Dear all, the book event")
    assert "Month" not in text


def test_a_sidebar_kept_for_its_prose_is_not_the_article() -> None:
    # an <aside> walked because it holds long paragraphs (an about-me box) beside a short
    # post, with a long blogroll under it
    about = "".join(f"<p>{'I write about politics and the town I live in, every day. ' * 4}</p>"
                    for _ in range(4))  # fmt: skip
    roll = "<ul>" + "".join(f"<li><a href='/b{i}'>Another blog {i}</a></li>" for i in range(60))
    side = f"<aside><div class='profile'>{about}</div><div class='list'>{roll}</ul></div></aside>"
    post = f"<div class='post'><p>{PARA}</p><p>{PARA}</p></div>"
    text = text_of(f"<div class='cols'><div class='center'>{post}</div><div>{side}</div></div>")
    assert text.count("The keeper") == 2
    assert "politics" not in text
    assert "Another blog" not in text


def test_a_strong_box_that_is_a_grid_of_titled_posts_is_a_listing() -> None:
    # a blog index: the heaviest box is the list of posts itself, each opening with its
    # linked title; the posts are the content, not a rail beside an article
    posts = "".join(
        f"<div class='post-item'><h2><a href='/p{i}'>A long post title number {i}</a></h2>"
        f"<p>{PARA}</p><p>{PARA}</p><p>{PARA[:90]}…</p></div>"
        for i in range(8)
    )
    text = text_of(f"<div class='blog-list'>{posts}</div><div class='side'>Links</div>")
    assert text.count("A long post title number") == 8
    assert text.count("The keeper") == 24
    # sections of an article (headings are not links) stay an article
    sections = "".join(
        f"<div class='section'><h2>Part {i}</h2><p>{PARA}</p></div>" for i in range(8)
    )
    text = text_of(f"<div class='story'><h1>The lighthouse</h1>{sections}</div>")
    assert "The lighthouse" not in text  # its headline is dropped, as in an article
