"""Comment threads inside the article's own container: a thread's heading ends the article."""

from __future__ import annotations

from thresher.extract import ExtractConfig, extract, vocab

PARA = (
    "The ferry left the harbour at dawn, loaded with crates of apples and two bicycles. "
    "By noon the island was a grey line, and the gulls had given up following it."
)
REPLY = (
    "What a lovely piece, it reminds me of the crossings we made as children, every summer, "
    "when the sea was calm and the captain let us ring the bell."
)


def _post(heading: str, replies: int = 6) -> str:
    # an older blog template: the post's paragraphs, then the thread's heading and the
    # comments with their "Posted by" lines, all children of one unmarked box
    story = "".join(f"<p>{PARA} ({n})</p>" for n in range(4))
    thread = "".join(
        f"<p>{REPLY} ({n})</p><p class='posted'>Posted by: reader {n} | Apr 6, 2007</p>"
        for n in range(replies)
    )
    return f"<html><body><div class='content'>{story}<h2>{heading}</h2>{thread}</div></body></html>"


def test_a_comment_thread_after_its_heading_is_left_out() -> None:
    for heading in ("Comments", "12 Responses to “Crossing”", "5 comments:", "Kommentare (3)"):
        text = extract(_post(heading)).text
        assert text.count("The ferry left") == 4, heading
        assert "lovely piece" not in text, heading
        assert heading not in text


def test_the_thread_stays_when_comments_are_asked_for() -> None:
    text = extract(_post("Comments"), config=ExtractConfig(include_comments=True)).text
    assert text.count("The ferry left") == 4
    assert text.count("lovely piece") == 6


def test_a_heading_per_post_is_a_thread_of_posts_not_an_article_with_comments() -> None:
    # a Q&A page: the question and each answer carry their own "Comments" heading; the
    # answers after the first heading are the page's content
    posts = "".join(
        f"<div class='post'><div class='body'><p>{PARA} ({n})</p><p>{PARA}</p></div>"
        f"<h2>Comments</h2><ul><li>{REPLY}</li></ul></div>"
        for n in range(3)
    )
    text = extract(f"<html><body><div class='thread'>{posts}</div></body></html>").text
    assert text.count("The ferry left") == 6


def test_a_comments_heading_before_the_article_text_ends_nothing() -> None:
    # a "Comments" heading above the story (a count under the headline) is no thread
    story = "".join(f"<p>{PARA} ({n})</p>" for n in range(4))
    text = extract(f"<html><body><div><h3>Comments</h3>{story}</div></body></html>").text
    assert text.count("The ferry left") == 4


def test_comments_heading_vocabulary() -> None:
    for heading in ("Comments", "3 thoughts on “Crossing”", "Leave a Reply", "评论", "コメント"):
        assert vocab.is_comments_heading(heading.lower()), heading
    for other in ("Comment policy", "Thoughts", "No comments yet", "Replies to the editor"):
        assert not vocab.is_comments_heading(other.lower()), other


def test_a_document_section_named_comments_is_kept() -> None:
    # a language reference: "Comments" is one of its sections, no thread (no dates)
    intro = "".join(f"<p>{PARA} ({n})</p>" for n in range(3))
    section = "<p>A comment starts with a hash character and runs to the end of the line.</p>"
    section += "<pre># like this</pre><h2>Literals</h2><p>" + PARA + " (literal)</p>"
    body = f"<div class='doc'>{intro}<h2>Comments</h2>{section}</div>"
    text = extract(f"<html><body>{body}</body></html>").text
    assert "A comment starts with a hash" in text
    assert "(literal)" in text


def test_a_thread_heading_with_a_count_needs_no_dates() -> None:
    # "TrackBack" and "N Responses to ..." name a thread whatever follows them
    story = "".join(f"<p>{PARA} ({n})</p>" for n in range(4))
    links = "<p>Listed below are links to weblogs that reference this entry, kindly.</p>"
    body = f"<div class='post'>{story}<h3>TrackBack</h3>{links}</div>"
    text = extract(f"<html><body>{body}</body></html>").text
    assert text.count("The ferry left") == 4
    assert "weblogs" not in text


def _comment(n: int) -> str:
    return (
        f"<div class='comment' id='c{n}'><p class='author'>reader{n} on May {n + 1}, 2012</p>"
        f"<p>{REPLY} ({n})</p></div>"
    )


def test_comments_marked_one_by_one_are_left_out_of_the_article() -> None:
    # no heading: each comment carries its own class, inside the post's container, and
    # together they outweigh the post
    story = "".join(f"<p>{PARA} ({n})</p>" for n in range(2))
    comments = "".join(_comment(n) for n in range(6))
    page = f"<html><body><div class='content'><div class='entry'>{story}</div>{comments}</div>"
    text = extract(page + "</body></html>").text
    assert text.count("The ferry left") == 2
    assert "lovely piece" not in text
    kept = extract(page + "</body></html>", config=ExtractConfig(include_comments=True)).text
    assert kept.count("lovely piece") == 6


def test_a_thread_of_comments_with_nothing_else_is_the_content() -> None:
    # a forum thread whose posts are marked as comments: nothing besides them comes near
    # their size
    title = "<h1>Crossing to the island in winter?</h1>"
    comments = "".join(_comment(n) for n in range(8))
    text = extract(f"<html><body>{title}<div class='thread'>{comments}</div></body></html>").text
    assert text.count("lovely piece") == 8


def test_one_comments_markup_is_a_comment_section_not_boilerplate() -> None:
    from thresher.extract.blocks import classify_tokens

    assert classify_tokens("comment u-anchor", False) == (False, True)
    assert classify_tokens(" commentbody", False) == (False, True)
    # the section around a thread stays boilerplate unless comments are wanted
    assert classify_tokens("comments", False) == (True, True)
