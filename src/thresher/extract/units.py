"""How much text a string holds, in every script: prose units and word counts.

The extractor's thresholds (a long line, a teaser's title, an article's size) were set on
spaced alphabetic text, where a word is about six characters. Unspaced scripts pack more
into a character: a Chinese or Japanese sentence is about a third as many characters as
its English translation, a Korean one about half. So a string's size is measured in
*prose units*: one per character, plus extra units for each character of those scripts
(`prose_units`), and a word count counts each of their characters as a word
(`word_count`), as the benchmark scorer does.

Both take a fast path for ASCII text (one C call), and one regular-expression search
tells other text of spaced scripts from text that holds a dense script.
"""

from __future__ import annotations

import re
from typing import Final

#: Han (with compatibility ideographs) and kana: about three Latin characters each.
HAN_KANA: Final = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Han, kana and the wide punctuation written with them (CJK symbols, full-width forms):
#: a line break between two of these is no space (CSS Text's segment break rule).
WIDE: Final = HAN_KANA + "\u3000-\u303f\uff00-\uffef"
#: Hangul syllables: about two (Korean spaces its words, but a block is a syllable).
HANGUL: Final = "\uac00-\ud7af"
#: Thai: about one and a half (no spaces between words; vowel and tone marks are
#: characters of their own).
THAI: Final = "\u0e00-\u0e7f"

_HAN_KANA: Final = re.compile(f"[{HAN_KANA}]")
_HANGUL: Final = re.compile(f"[{HANGUL}]")
_THAI: Final = re.compile(f"[{THAI}]")
_DENSE: Final = re.compile(f"[{THAI}{HAN_KANA}{HANGUL}]")
#: Sentence marks of scripts other than Latin: CJK and full-width forms (。，、！？；：．),
#: half-width ideographic stop and comma, Arabic comma, semicolon and question mark, Urdu
#: full stop, Devanagari danda, Armenian and Ethiopic full stops.
WIDE_MARKS: Final = (
    "\u3002\uff0c\u3001\uff01\uff1f\uff1b\uff1a\uff0e\uff61\uff64"
    "\u060c\u061b\u061f\u06d4\u0964\u0589\u1362"
)
#: A character that `prose_units` weighs or a sentence mark of another script.
_SPECIAL: Final = re.compile(f"[{THAI}{HAN_KANA}{HANGUL}{WIDE_MARKS}]")
#: Words of spaced scripts, or one character of an unspaced one (the scorer's tokens).
_WORD: Final = re.compile(f"[{THAI}{HAN_KANA}{HANGUL}]|[^\\W{THAI}{HAN_KANA}{HANGUL}]+")


def dense(text: str) -> bool:
    """`text` holds a Han, kana, Hangul or Thai character."""
    return not text.isascii() and _DENSE.search(text) is not None


def special(text: str) -> bool:
    """`text` holds a character of a dense script or a sentence mark of another script:
    what `prose_units` and a count of sentence marks must look at beyond ASCII."""
    return not text.isascii() and _SPECIAL.search(text) is not None


def prose_units(text: str) -> int:
    """The size of `text` in Latin-equivalent characters.

    Each character counts one; a Han or kana character three, a Hangul syllable two, a
    Thai character one and a half (rounded down over the string).
    """
    size = len(text)
    if not dense(text):
        return size
    han_kana = len(_HAN_KANA.findall(text))
    hangul = len(_HANGUL.findall(text))
    thai = len(_THAI.findall(text))
    return size + 2 * han_kana + hangul + thai // 2


def word_count(text: str) -> int:
    """Words of spaced scripts plus characters of unspaced ones."""
    return len(_WORD.findall(text))
