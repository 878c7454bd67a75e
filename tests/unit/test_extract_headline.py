"""The headline and the text around it (thresher.extract.headline)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from thresher.extract.headline import (
    AFTER_CHARS,
    BEFORE_CHARS,
    find_headline,
    read_around,
    read_top,
)


def _headline_text(page: str, title: str | None = None) -> str | None:
    tree = LexborHTMLParser(page)
    headings = tree.css("h1") + tree.css("h2")
    title = title if title is not None else (tree.css_first("title") or tree.root).text()
    found = find_headline(tree, headings, [title])
    return found.text(deep=True).strip() if found is not None else None


def test_the_h1_that_is_the_title_is_the_headline() -> None:
    page = (
        "<title>Sauerteig selbst ansetzen – Brotzeit Blog</title>"
        "<h1 class='site-title'>Brotzeit Blog</h1><article><h1>Sauerteig selbst ansetzen</h1>"
    )
    assert _headline_text(page) == "Sauerteig selbst ansetzen"


def test_a_blog_name_h1_loses_to_the_h2_that_is_the_title() -> None:
    page = (
        "<title>周末去香山看红叶_王小丫的博客_新浪博客</title><h1>王小丫的博客</h1>"
        "<div><h2 class='titName'>周末去香山看红叶</h2><span>(2007-10-28 21:35:12)</span></div>"
    )
    assert _headline_text(page) == "周末去香山看红叶"


def test_without_headings_the_element_holding_the_title_is_found() -> None:
    page = (
        "<title>【图】新款轿车正式上市 售价9.98万起_新车_华夏车网</title><table><tr>"
        "<td class='nav'>首页 | 新车</td></tr><tr><td><font class='f24'>新款轿车正式上市</font>"
        "</td></tr><tr><td>2011-04-12 09:30:15 来源：华夏车网</td></tr></table>"
    )
    assert _headline_text(page) == "新款轿车正式上市"


def test_without_a_match_the_first_h1_is_the_headline() -> None:
    page = "<title>Something else entirely</title><h2>Sub</h2><h1>First</h1><h1>Second</h1>"
    assert _headline_text(page) == "First"
    assert _headline_text("<title>x</title><p>no headings</p>") is None


def test_text_after_the_headline_with_times_and_bylines() -> None:
    page = (
        "<article><h1>Title</h1><div class='meta'>By <a rel='author' href='/a/ann'>Ann Lee</a>"
        " | <time datetime='2024-03-04T10:00'>March 4</time></div><p>"
        + "Body text. " * 100
        + "</p></article><aside>2020-01-01</aside>"
    )
    tree = LexborHTMLParser(page)
    around = read_around(tree.css_first("h1"))
    assert around.after.lstrip().startswith("By Ann Lee | March 4")
    assert len(around.after) <= AFTER_CHARS
    assert "2020-01-01" not in around.after  # bounded: the sidebar is not read
    assert [value for _, value in around.times] == ["2024-03-04T10:00"]
    assert [text for _, text, _ in around.bylines] == ["Ann Lee"]


def test_a_user_box_byline_gives_its_first_line() -> None:
    page = (
        "<h1>Thread</h1><td class='postauthor'><cite><a href='space.php?uid=3'>冰雪飞狐</a>"
        "</cite><dl><dt>帖子</dt><dd>56</dd></dl></td>"
    )
    around = read_around(LexborHTMLParser(page).css_first("h1"))
    lead = [lead for _, _, lead in around.bylines]
    assert "冰雪飞狐" in lead


def test_text_before_the_headline_stays_inside_its_container() -> None:
    page = (
        "<div class='today'>Monday, 7 April 2031</div>"
        "<div class='story'><p class='date'>5 March 2026</p><h1>Title</h1><p>text</p></div>"
    )
    around = read_around(LexborHTMLParser(page).css_first("h1"))
    assert "5 March 2026" in around.before
    assert "2031" not in around.before
    flat = "<div class='today'>Monday, 7 April 2031</div><h1>Title</h1><p>text</p>"
    assert read_around(LexborHTMLParser(flat).css_first("h1")).before == ""


def test_before_text_is_bounded() -> None:
    page = "<div><p>" + "menu item " * 500 + "</p><h1>Title</h1></div>"
    around = read_around(LexborHTMLParser(page).css_first("h1"))
    assert 0 < len(around.before) <= 2 * BEFORE_CHARS


def test_scripts_and_styles_are_not_read() -> None:
    page = "<h1>T</h1><script>var d='2001-01-01';</script><style>.a{}</style><p>2024-01-01</p>"
    around = read_around(LexborHTMLParser(page).css_first("h1"))
    assert "2001" not in around.after
    assert "2024-01-01" in around.after


def test_read_top_reads_the_page_from_its_start() -> None:
    page = "<body><div>nav</div><p>日期：2003-5-9 作者：李强</p></body>"
    top = read_top(LexborHTMLParser(page).body)  # type: ignore[arg-type]
    assert "日期：2003-5-9" in top.after


def test_titles_that_a_css_string_cannot_hold_are_searched_safely() -> None:
    for title in ("a\nb c d e f g h", 'say "hello" there', "back\\slash text", "form\x0cfeed text"):
        page = f"<title>{title}</title><div>{title}</div><p>2020-01-02</p>"
        tree = LexborHTMLParser(page)
        find_headline(tree, [], [title])  # must not raise
    page = "<title>Line\nbreak in the title</title><div>Line break in the title</div>"
    assert _headline_text(page, "Line\nbreak in the title") == "Line break in the title"
