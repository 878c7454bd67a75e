"""Encoding detection and decoding of crawled HTML (thresher.extract.decode)."""

from __future__ import annotations

import codecs
import zlib
from pathlib import Path

import pytest

from thresher.extract.decode import decode_html, looks_like_html, resolve_label

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


# ------------------------------------------------------------------------ fixtures


def test_cp1252_without_any_declaration_is_detected() -> None:
    decoded = decode_html(fixture("encoding-cp1252-undeclared.html"))
    assert decoded.encoding == "cp1252"
    assert decoded.source == "detect"
    assert "« Déjà midi ? » s’étonne l’épicière" in decoded.text
    assert "œufs et sa crème fraîche — à bientôt" in decoded.text


def test_euc_kr_declared_by_meta_http_equiv() -> None:
    decoded = decode_html(fixture("encoding-euc-kr-meta-http-equiv.html"))
    assert decoded.encoding == "cp949"  # WHATWG: euc-kr means windows-949
    assert decoded.source == "meta"
    assert "우리 동네 도서관이 다음 달부터" in decoded.text


def test_euc_kr_without_declaration_is_detected() -> None:
    data = fixture("encoding-euc-kr-meta-http-equiv.html").replace(b"charset=euc-kr", b"")
    decoded = decode_html(data)
    assert decoded.source == "detect"
    assert "새로 들어온 책은" in decoded.text


def test_windows_1251_without_declaration_is_detected() -> None:
    decoded = decode_html(fixture("encoding-windows-1251-undeclared.html"))
    assert decoded.encoding == "cp1251"
    assert decoded.source == "detect"
    assert "В субботу в городе ожидается солнечная погода" in decoded.text


def test_windows_1251_declared_by_http() -> None:
    decoded = decode_html(fixture("encoding-windows-1251-undeclared.html"), "windows-1251")
    assert (decoded.encoding, decoded.source) == ("cp1251", "http")
    assert "Погода на выходные" in decoded.text


def test_utf8_declared_as_iso_8859_1_is_read_as_utf8() -> None:
    data = fixture("encoding-utf8-declared-iso-8859-1.html")
    for declared in (None, "iso-8859-1", "latin1", "us-ascii", "windows-1252"):
        decoded = decode_html(data, declared)
        assert decoded.encoding == "utf-8", declared
        assert "Für die Crème brûlée" in decoded.text
        assert "Ã" not in decoded.text


def test_utf8_with_a_stray_cp1252_byte_declared_latin1_is_read_as_utf8() -> None:
    page = "<p>Crème brûlée, naïve café, déjà vu — encore.</p>".encode() + b"<p>ad \x96 x</p>"
    decoded = decode_html(page, "iso-8859-1")
    assert decoded.encoding == "utf-8"
    assert "Crème brûlée, naïve café, déjà vu — encore." in decoded.text


def test_cp1252_with_a_chance_utf8_pair_stays_cp1252() -> None:
    page = ("<p>Ã© is how é looks as mojibake; " + "élève, garçon, à côté. " * 5 + "</p>").encode(
        "cp1252"
    )
    decoded = decode_html(page, "windows-1252")
    assert (decoded.encoding, decoded.source) == ("cp1252", "http")


def test_utf8_bom_beats_meta_and_http() -> None:
    decoded = decode_html(fixture("encoding-utf8-bom-meta-windows-1252.html"), "koi8-r")
    assert (decoded.encoding, decoded.source) == ("utf-8", "bom")
    assert decoded.text.startswith("<!DOCTYPE html>")  # the BOM itself is not text
    assert "Grüße aus Zürich." in decoded.text


def test_utf16le_bom() -> None:
    data = fixture("encoding-utf16le-bom.html")
    decoded = decode_html(data)
    assert (decoded.encoding, decoded.source) == ("utf-16-le", "bom")
    assert "Grüße aus Zürich." in decoded.text
    assert looks_like_html(data)


# ---------------------------------------------------------------------- precedence

LATIN = "<p>Ça coûte très cher, disait-il, en éclatant de rire.</p>"


def test_http_charset_beats_meta() -> None:
    page = '<meta charset="iso-8859-2">' + LATIN
    decoded = decode_html(page.encode("cp1252"), "windows-1252")
    assert (decoded.encoding, decoded.source) == ("cp1252", "http")
    assert "Ça coûte très cher" in decoded.text


def test_meta_used_when_http_is_absent_or_unknown() -> None:
    page = ('<meta charset="windows-1250">' + "<p>Zażółć gęślą jaźń, Łódź i Kraków.</p>").encode(
        "cp1250"
    )
    for declared in (None, "x-klingon", ""):
        decoded = decode_html(page, declared)
        assert (decoded.encoding, decoded.source) == ("cp1250", "meta"), declared
        assert "Zażółć gęślą jaźń" in decoded.text


def test_http_utf8_that_does_not_decode_falls_back_to_meta() -> None:
    page = '<meta http-equiv="content-type" content="text/html;charset=ISO-8859-1">' + LATIN
    decoded = decode_html(page.encode("cp1252"), "utf-8")
    assert (decoded.encoding, decoded.source) == ("cp1252", "meta")


def test_http_utf8_with_one_stray_byte_is_kept() -> None:
    page = ("<p>" + "naïve café " * 200 + "</p>").encode("utf-8") + b"\x92"
    decoded = decode_html(page, "utf-8")
    assert (decoded.encoding, decoded.source) == ("utf-8", "http")
    assert decoded.text.count("\ufffd") == 1


def test_meta_after_prescan_window_is_ignored() -> None:
    page = "<!--" + "x" * 5000 + '--><meta charset="koi8-r">' + LATIN
    decoded = decode_html(page.encode("cp1252"))
    assert decoded.source == "detect"


def test_meta_inside_a_comment_is_ignored() -> None:
    page = '<!-- <meta charset="koi8-r"> --><meta charset="windows-1252">' + LATIN
    decoded = decode_html(page.encode("cp1252"))
    assert (decoded.encoding, decoded.source) == ("cp1252", "meta")


def test_meta_declaring_utf16_means_utf8() -> None:
    decoded = decode_html(b'<meta charset="utf-16"><p>plain ascii</p>')
    assert decoded.encoding == "utf-8"


def test_http_utf16_without_nul_bytes_is_ignored() -> None:
    decoded = decode_html(b"<p>plain ascii, not UTF-16</p>", "utf-16")
    assert decoded.text == "<p>plain ascii, not UTF-16</p>"
    assert decoded.source == "default"


def test_http_utf16_without_bom_is_honoured() -> None:
    decoded = decode_html("<p>hé</p>".encode("utf-16-le"), "utf-16le")
    assert (decoded.text, decoded.source) == ("<p>hé</p>", "http")


def test_content_type_header_value_is_accepted_as_declared() -> None:
    decoded = decode_html(LATIN.encode("cp1252"), "text/html; charset=ISO-8859-1")
    assert (decoded.encoding, decoded.source) == ("cp1252", "http")


def test_ascii_page_without_declaration_defaults_to_utf8() -> None:
    decoded = decode_html(b"<p>plain</p>")
    assert (decoded.text, decoded.encoding, decoded.source) == ("<p>plain</p>", "utf-8", "default")


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("ISO-8859-1", "cp1252"),
        ("latin1", "cp1252"),
        ("ascii", "cp1252"),
        ("US-ASCII", "cp1252"),
        ("euc-kr", "cp949"),
        ("gb2312", "gb18030"),
        ("Shift_JIS", "cp932"),
        ("big5", "big5hkscs"),
        ("iso-8859-9", "cp1254"),
        ("utf8", "utf-8"),
        (" 'UTF-8' ", "utf-8"),
        ("tis-620", "cp874"),
    ],
)
def test_whatwg_labels(label: str, codec: str) -> None:
    assert resolve_label(label) == codec
    assert codecs.lookup(codec).name == codec


@pytest.mark.parametrize("label", ["utf-7", "x-klingon", "replacement", "", None, "text/html"])
def test_unknown_labels_are_ignored(label: str | None) -> None:
    assert resolve_label(label) is None


def test_long_undeclared_page_is_detected_from_its_prefix() -> None:
    text = "<p>" + "Москва является столицей России. " * 5_000 + "</p>"  # no newline at all
    decoded = decode_html(text.encode("cp1251"))
    assert (decoded.encoding, decoded.source) == ("cp1251", "detect")
    assert decoded.text == text


@pytest.mark.parametrize("codec", ["shift_jis", "gbk"])
def test_long_cjk_text_without_ascii_is_detected(codec: str) -> None:
    text = "東京は日本の首都です。今日は晴れです。" * 3_000  # a prefix cut may split a char
    decoded = decode_html(text.encode(codec))
    assert decoded.source == "detect"
    assert decoded.text == text


def test_garbage_never_raises_and_falls_back() -> None:
    decoded = decode_html(bytes(range(256)) * 4, "no-such-charset")
    assert isinstance(decoded.text, str)
    assert decoded.source in ("detect", "default")


# ---------------------------------------------------------------------- html sniff


@pytest.mark.parametrize(
    "payload",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"GIF89a\x01\x00\x01\x00",
        b"PK\x03\x04\x14\x00\x06\x00",
        zlib.compress(b"<html>" * 100)[:2] + b"\x00" * 10,
        b"\x1f\x8b\x08\x00" + bytes(range(200)),
        bytes(range(256)) * 40,
        b"",
        b" \n\t ",
    ],
)
def test_binary_payloads_do_not_look_like_html(payload: bytes) -> None:
    assert not looks_like_html(payload)


def test_html_and_plain_text_look_like_html() -> None:
    assert looks_like_html(b"<!doctype html><html><body><p>x</p></body></html>")
    assert looks_like_html("Just some text, no markup at all: déjà vu.".encode())
    assert looks_like_html(b"<p>one stray NUL \x00 in a long page</p>" + b"<p>text</p>" * 100)
