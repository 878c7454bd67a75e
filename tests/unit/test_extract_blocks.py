"""The DOM walk: lines, link text, whitespace, skipped subtrees, token vocabulary."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from thresher.extract.blocks import build, classify_tokens
from thresher.extract.tree import Box, Line


def tree(body: str, page_chars: int = 10_000) -> Box:
    parsed = LexborHTMLParser(f"<html><body>{body}</body></html>")
    assert parsed.body is not None
    return build(parsed.body, keep_comments=False, links=True, page_chars=page_chars)


def lines(box: Box) -> list[Line]:
    out: list[Line] = []
    for item in box.items:
        out.extend([item] if isinstance(item, Line) else lines(item))
    return out


def texts(body: str) -> list[str]:
    return [line.text for line in lines(tree(body))]


def test_whitespace_is_collapsed_outside_pre() -> None:
    assert texts("<div>  one\n\n   two\tthree </div>") == ["one two three"]


def test_pre_keeps_its_layout() -> None:
    [line] = lines(tree("<pre>a = 1\n    b = 2</pre>"))
    assert line.kind == "pre"
    assert line.text == "a = 1\n    b = 2"


def test_empty_inline_code_does_not_leak_into_the_next_line() -> None:
    body = "<div><p>first<br><code></code></p><p>second</p></div>"
    found = lines(tree(body))
    assert [(line.text, line.md) for line in found] == [("first", "first"), ("second", "second")]


def test_br_splits_lines_in_a_div() -> None:
    assert texts("<div>first<br>second</div>") == ["first", "second"]


def test_inline_markup_joins_words_without_spaces() -> None:
    assert texts("<p><span>T</span>he drop cap</p>") == ["The drop cap"]


def test_link_chars_are_counted() -> None:
    [line] = lines(tree('<div>read <a href="/x">this page</a> now</div>'))
    assert line.link_chars == len("this page")
    [para] = lines(tree('<p>read <a href="/x">this page</a> now</p>'))
    assert para.link_chars == len("this page")


def test_markdown_link_is_written() -> None:
    [line] = lines(tree('<div>see <a href="/x">the map</a></div>'))
    assert line.md == "see [the map](/x)"


def test_skipped_tags_and_hidden_elements() -> None:
    body = (
        "<p>kept text</p><script>var x = 1;</script><style>p{}</style>"
        "<div hidden>hidden attr</div><div style='display: none'>display none</div>"
        "<div aria-hidden='true'>aria hidden</div><button>Click me</button>"
    )
    assert texts(body) == ["kept text"]


def test_a_hidden_element_holding_most_of_the_page_is_walked() -> None:
    # a whole page hidden until a script shows it (against a flash of unstyled content)
    page = "<p>" + "Words of the page itself. " * 40 + "</p>"
    body = f"<div style='visibility:hidden'>{page}</div><div hidden>closed menu</div>"
    assert len(texts_sized(body)) == 1
    # a hidden element holding a small part of the page is skipped
    found = texts_sized(f"{page}<div style='display:none'>{page}</div>" + page * 2)
    assert len(found) == 3


def texts_sized(body: str) -> list[str]:
    """Lines of `body` walked with the page size it really has."""
    parsed = LexborHTMLParser(f"<html><body>{body}</body></html>")
    assert parsed.body is not None
    size = len(parsed.body.text(deep=True, strip=False))
    top = build(parsed.body, keep_comments=False, links=True, page_chars=size)
    return [line.text for line in lines(top)]


def test_collapsed_panel_is_content() -> None:
    body = "<div class='accordion-panel' aria-hidden='true'><p>Shipping takes two days.</p></div>"
    assert texts(body) == ["Shipping takes two days."]


def test_boilerplate_by_tag_role_and_class() -> None:
    body = (
        "<nav>Menu</nav><aside>Side</aside><footer>Foot</footer>"
        "<div role='navigation'>Roles</div><div class='share-buttons'>Share</div>"
        "<div id='cookie-notice'>Cookies</div><p>Body text</p>"
    )
    assert texts(body) == ["Body text"]


def test_large_flagged_wrapper_is_protected() -> None:
    paragraphs = "".join(f"<p>{'Long sentence of the article body. ' * 6}</p>" for _ in range(4))
    body = f"<div class='content-sidebar-wrap main-nav-open'>{paragraphs}</div>"
    assert len(lines(tree(body, page_chars=1000))) == 4
    assert lines(tree(body, page_chars=1_000_000)) == []


def test_a_consent_dialog_is_skipped_however_large() -> None:
    legal = "".join(
        f"<p>{'We and our partners store cookies to measure ads. ' * 8}</p>" for _ in range(6)
    )
    body = f"<div id='onetrust-consent-sdk'>{legal}</div><p>The short page itself.</p>"
    assert texts_sized(body) == ["The short page itself."]
    # a layout wrapper with a boilerplate name that holds most of the page is walked
    body = f"<div class='content-sidebar-wrap main-nav-open'>{legal}</div><p>x</p>"
    assert len(texts_sized(body)) == 7


def test_flagged_wrapper_with_article_paragraphs_is_protected() -> None:
    paragraphs = "".join(f"<p>{'Long sentence of the article body. ' * 8}</p>" for _ in range(4))
    body = f"<div class='l-sidebar-fixed'>{paragraphs}</div>" + "<p>x</p>" * 5
    # the page is much larger than the wrapper, but the wrapper holds prose
    assert len(lines(tree(body, page_chars=1_000_000))) == 9


def test_flagged_wrapper_with_an_article_element_is_protected() -> None:
    article = f"<article><div>{'Words of the story itself. ' * 25}</div></article>"
    body = f"<div class='l-sidebar-fixed'>{article}</div>" + "<p>x</p>" * 5
    assert len(lines(tree(body, page_chars=1_000_000))) == 6
    # only the first article-like element counts: a small one first is not enough
    small = "<main><div>Short teaser.</div></main>"
    body = f"<div class='l-sidebar-fixed'>{small}{article}</div>" + "<p>x</p>" * 5
    assert len(lines(tree(body, page_chars=1_000_000))) == 5
    # a paragraph marked as the main content is article-like too
    marked = f"<p itemprop='articleBody'>{'Words of the story itself. ' * 25}</p>"
    body = f"<div class='l-sidebar-fixed'>{marked}</div>" + "<p>x</p>" * 5
    assert len(lines(tree(body, page_chars=1_000_000))) == 6


def test_classify_tokens_parts_and_safe_tokens() -> None:
    assert classify_tokens("site-footer", False) == (True, False)
    assert classify_tokens("shareButtons", False) == (True, False)
    assert classify_tokens("entry-content", False) == (False, False)
    assert classify_tokens("commentary", False) == (False, False)
    assert classify_tokens("comments-area", False) == (True, True)
    assert classify_tokens("comments-area", True) == (False, True)
    # the comment list and block of older themes (ol.commentlist, div#commentblock)
    assert classify_tokens("commentlist", False) == (True, True)
    assert classify_tokens(" commentblock", False) == (True, True)
    assert classify_tokens("hidden md:block", False) == (False, False)
    assert classify_tokens("has-sidebar site-footer", False) == (False, False)


def test_taxonomy_labels_of_a_post_are_not_roles() -> None:
    # a post's category and tag slugs may hold any word ("social", "sharing")
    post = "post-12 post type-post hentry category-social-media tag-file-sharing"
    assert classify_tokens(post, False) == (False, False)
    typepad = "entry-category-social_media entry-author-kim entry-type-post entry"
    assert classify_tokens(typepad, False) == (False, False)
    # one such token alone keeps its meaning; whole boilerplate tokens still count
    assert classify_tokens("category-nav", False) == (True, False)
    assert classify_tokens("tag-links category-x tag-y", False) == (True, False)


def test_state_tokens_say_what_an_element_holds_not_what_it_is() -> None:
    assert classify_tokens("BlogItem hentry has-comments", False) == (False, False)
    assert classify_tokens("page no-ads with-share-bar", False) == (False, False)
    assert classify_tokens("comments", False) == (True, True)


def test_blog_widget_holding_the_post_is_protected() -> None:
    # Blogger wraps the posts in `div.widget.Blog`: a boilerplate word, yet the article
    text = "One line of the post.<br>" * 30
    post = f"<div class='post hentry'><div class='post-body entry-content'>{text}</div></div>"
    body = f"<div class='widget Blog'>{post}</div><div class='widget Label'>{'x ' * 400}</div>"
    assert len(lines(tree(body, page_chars=1_000_000))) == 30
    marked = f"<div itemprop='description articleBody'>{text}</div>"
    assert len(lines(tree(f"<div class='widget Blog'>{marked}</div>", 1_000_000))) == 30
    # a short post is still a post; a short <article> or <main> is not enough
    short = "A short post of one line, with words.<br>" * 5
    body = f"<div class='widget Blog'><div class='post-body'>{short}</div></div>"
    assert len(lines(tree(body, page_chars=1_000_000))) == 5
    body = f"<div class='widget Blog'><article>{short}</article></div>"
    assert lines(tree(body, page_chars=1_000_000)) == []
    # a widget without a post body inside stays out
    assert lines(tree(f"<div class='widget Blog'><div>{text}</div></div>", 1_000_000)) == []


def test_aggregates_are_filled() -> None:
    top = tree('<div><p>abc</p><p><a href="/">link</a></p></div>')
    assert top.chars == 7
    assert top.link_chars == 4
    assert top.n_lines == 2
