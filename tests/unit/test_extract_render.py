"""Rendering: plain text lines and markdown structure."""

from __future__ import annotations

from thresher.extract import ExtractConfig, extract

PARA = "A paragraph of documentation prose, explaining how the retry option behaves in detail."


def render(body: str, links: bool = False) -> tuple[str, str]:
    result = extract(
        f"<html><body><main>{body}</main></body></html>",
        config=ExtractConfig(include_links=links),
    )
    return result.text, result.markdown


def test_headings_lists_and_paragraphs() -> None:
    body = (
        f"<h2>Usage</h2><p>{PARA}</p><ul><li>one</li><li>two</li></ul>"
        f"<ol><li>first</li></ol><p>{PARA}</p>"
    )
    text, md = render(body)
    assert text.split("\n")[:4] == ["Usage", PARA, "one", "two"]
    assert "## Usage" in md
    assert "- one\n- two" in md
    assert "1. first" in md


def test_nested_list_is_indented() -> None:
    _, md = render(f"<p>{PARA}</p><ul><li>outer<ul><li>inner</li></ul></li></ul><p>{PARA}</p>")
    assert "- outer\n  - inner" in md


def test_table_rows_and_header_rule() -> None:
    body = (
        f"<p>{PARA}</p><table><tr><th>Option</th><th>Default</th></tr>"
        f"<tr><td>attempts</td><td>3</td></tr></table><p>{PARA}</p>"
    )
    text, md = render(body)
    assert "Option | Default" in text.split("\n")
    assert "attempts | 3" in text.split("\n")
    assert "| Option | Default |\n|---|---|\n| attempts | 3 |" in md


def test_code_block_is_fenced() -> None:
    text, md = render(f"<p>{PARA}</p><pre><code>x = 1\n\ny = 2</code></pre><p>{PARA}</p>")
    assert "x = 1\ny = 2" in text  # one code line per line, no blank lines in the text
    assert "```\nx = 1\n\ny = 2\n```" in md


def test_inline_code_and_quote() -> None:
    _, md = render(f"<p>{PARA} Use <code>retry=3</code>.</p><blockquote>{PARA}</blockquote>")
    assert "`retry=3`" in md
    assert "> " + PARA in md


def test_links_only_when_asked() -> None:
    body = f"<p>{PARA} See <a href='https://docs.example/retry'>the guide</a>.</p>"
    _, plain = render(body)
    _, linked = render(body, links=True)
    assert "the guide" in plain and "](" not in plain
    assert "[the guide](https://docs.example/retry)" in linked


def test_blocks_are_separated_by_blank_lines() -> None:
    _, md = render(f"<h2>Title two</h2><p>{PARA}</p><p>{PARA} Again.</p>")
    assert md.split("\n\n")[:2] == ["## Title two", PARA]
