"""Text statistics shared by the quality filters: word tokens, word counts, lines.

Pure functions of the text. The quality rules of Gopher, C4 and FineWeb count
*words*; what a word is depends on the script:

* **Scripts that separate words with spaces** (Latin, Cyrillic, Greek, Arabic,
  Devanagari, Hangul...): a token is a run of letters, digits and combining
  marks (``well-known`` is ``well`` ``-`` ``known``; ``U.S.`` and ``3.5`` stay
  whole; ``it's`` is ``it`` ``'s``), a URL, or one punctuation/symbol character
  (``...`` and ``--`` are one token). This follows the word tokenizers the
  reference implementations use (datatrove runs spaCy's), so that ratios such
  as "words with a letter" mean the same.
* **Scripts written without spaces between words**: Han and Kana (Chinese,
  Japanese) and Thai, Lao, Khmer, Myanmar, Tibetan. There a token is one
  character together with its combining marks (a grapheme, roughly), and
  ``chars_per_word`` of them make one *word equivalent*:
  :data:`HAN_KANA_CHARS_PER_WORD` (1.5: the mean length of a word in segmented
  Chinese and Japanese corpora is 1.5 to 1.7 characters; jieba gives 1.74 on the
  Chinese texts of the tests and the benchmark) and
  :data:`SOUTHEAST_ASIAN_CHARS_PER_WORD` (3.0 graphemes; PyThaiNLP's ``newmm``
  gives 3.8 on the Thai texts). Both are rounded down, so that word-count rules
  err on the side of keeping. 300 Han characters count as 200 words and are not
  "too few words".

Counting rules use word equivalents. Repetition rules use the tokens; in a text
written mostly in an unspaced script, an n-word rule looks at ``ceil(n *
characters per word)`` characters (8 Han characters for 5 words). Sentence
rules accept the full stops of every script (``。``, ``।``, ``؟``...), and in Thai
and Lao, which end sentences with a space, a line break or a space ends one.

Tokenizing a long text costs more than any one rule, and several filters in a
pipeline need the same tokens, so :func:`profile` memoizes its last few results
by text. The memo is a cache of a pure function: it never changes a result.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import filterfalse

__all__ = [
    "HAN_KANA_CHARS_PER_WORD",
    "SENTENCE_TERMINALS",
    "SOUTHEAST_ASIAN_CHARS_PER_WORD",
    "TextProfile",
    "count_sentences",
    "ends_unpunctuated",
    "has_unspaced_script",
    "line_word_count",
    "profile",
    "repeats",
    "spaced_chunks",
    "tokenize",
]

HAN_KANA_CHARS_PER_WORD = 1.5
SOUTHEAST_ASIAN_CHARS_PER_WORD = 3.0

_HAN_KANA = (
    "\u3005\u3007"  # ideographic iteration mark, ideographic zero
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f"  # half-width Katakana
    "\U00020000-\U0003134f"  # CJK extensions B..G
)
_SOUTHEAST_ASIAN = (
    "\u0e00-\u0e7f"  # Thai
    "\u0e80-\u0eff"  # Lao
    "\u0f00-\u0fff"  # Tibetan
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u19e0-\u19ff"  # Khmer symbols
    "\uaa60-\uaa7f"  # Myanmar extended-A
)
_UNSPACED = _HAN_KANA + _SOUTHEAST_ASIAN
_UNPUNCTUATED = "\u0e00-\u0eff"
"""Thai and Lao: sentences end with a space or a line break, not with punctuation."""
_UNPUNCTUATED_BREAK = re.compile(f"[{_UNPUNCTUATED}][ \t]+(?=[{_UNPUNCTUATED}])")

SENTENCE_TERMINALS = frozenset(
    "!.?"
    "\u0589"  # Armenian full stop
    "\u061f\u06d4"  # Arabic question mark, Arabic full stop
    "\u0700\u0701\u0702"  # Syriac end of paragraph, supralinear and sublinear full stops
    "\u07f9"  # NKo exclamation mark
    "\u0964\u0965"  # Devanagari danda, double danda
    "\u104a\u104b"  # Myanmar little section, section
    "\u1362\u1367\u1368"  # Ethiopic full stop, question mark, paragraph separator
    "\u166e"  # Canadian syllabics full stop
    "\u1803\u1809"  # Mongolian full stop, Manchu full stop
    "\u17d4\u17d5"  # Khmer khan, bariyoosan
    "\u0f0d"  # Tibetan shad
    "\u203c\u203d\u2047\u2048\u2049"  # double exclamation, interrobang, ?? ?! !?
    "\u2e2e\u2e3c"  # reversed question mark, stenographic full stop
    "\u3002"  # ideographic full stop
    "\ufe52\ufe56\ufe57"  # small full stop, question mark, exclamation mark
    "\uff01\uff0e\uff1f\uff61"  # full-width ! . ? and half-width ideographic full stop
)
"""Characters that end a sentence: ``. ! ?`` and their counterparts in other scripts."""


def _mark_class() -> str:
    """A regex class body with every combining mark (Unicode category M*) up to U+1FFFF
    and the invisible characters that may sit inside a word."""
    parts: list[str] = []
    start: int | None = None
    for code in range(0x20000):
        is_mark = unicodedata.category(chr(code)).startswith("M")
        if is_mark and start is None:
            start = code
        elif not is_mark and start is not None:
            parts.append(_range(start, code - 1))
            start = None
    parts.append(_range(0xE0100, 0xE01EF))  # variation selectors supplement
    # Invisible format characters inside words: soft hyphen, zero-width space and joiners,
    # word joiner, byte order mark ('assis\xadtance' is one word).
    parts.append("\u00ad\u200b-\u200d\u2060\ufeff")
    return "".join(parts)


def _range(first: int, last: int) -> str:
    low = re.escape(chr(first))
    return low if first == last else f"{low}-{re.escape(chr(last))}"


@dataclass(frozen=True, slots=True)
class _Patterns:
    token: re.Pattern[str]
    """The token alternatives (the reference form; see :func:`token_alternatives`)."""
    fast_token: re.Pattern[str]
    """The same tokens, found faster: see :func:`_fast_token`."""
    unspaced: re.Pattern[str]
    han_kana_unit: re.Pattern[str]
    southeast_unit: re.Pattern[str]


_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|St|Sr|Jr|Co|Corp|Inc|Ltd|Bros|vs|Gov|Rep|Sen|Gen|Col|Lt|Sgt|Capt|Prof|Rev|Mt|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    "Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|"
    "Neb|Nev|Okla|Ore|Pa|Tenn|Va|Vt|Wash|Wis|[A-Za-z]"
)
"""Words that keep their final dot (titles, months, US states, single letters), as
English word tokenizers do; a dot after any other word is a token of its own."""

_UNITS = "km|cm|mm|m|kg|mg|g|lbs|lb|oz|mph|ml|GB|MB|KB|TB|gb|mb|kb|tb|K|M|G|T|am|pm"
"""Units split from a number before them ('40mm' is '40', 'mm'), as English tokenizers do."""

_CONTRACTION = r"(?:[sSmMdDtT]|ll|LL|re|RE|ve|VE)(?!\w)"


_PLAIN_WORD = r"(?![Cc]annot\b|[Ii][dm]\b)[A-Za-z]+(?=[^\S\x85]|[!?\")\]}]|,(?!\d)|\Z)"
"""An ASCII word followed by a blank (not U+0085, which a word may hold), a closing mark or
a comma not before a digit: what the alternatives give there is exactly this run (no
joiner, unit, abbreviation or URL can continue it), except for ``cannot`` and
``id``/``im``, which are left to them."""

_PLAIN_PUNCT = r"[,!?\"]|\.(?!\.)"
"""Commas, marks and single dots: only the last alternative (one punctuation character)
matches at them."""

_ABBREVIATION_GUARD = r"(?=[^\W\d_]{1,5}\.)"
"""What every abbreviation token starts with (at most 5 letters, then a dot), so that the
long list of abbreviations is tried only where one may be."""

_BLANK = r"[^\S\x85]*+"
"""Whitespace before a token, skipped atomically; U+0085 (a C1 control that is whitespace)
is not skipped, as the alternatives may start a word with it."""


def _fast_token(alternatives: str) -> re.Pattern[str]:
    """The token pattern as used: blanks skipped inside the match, plain words tried first.

    ``findall`` with the bare alternatives tries every alternative at every blank before
    failing there; here one scan skips the blanks, the first alternatives take the
    commonest tokens, and the abbreviations are guarded. Both give the same tokens (a
    property test compares them): no alternative matches at a blank, and
    :data:`_PLAIN_WORD` and :data:`_PLAIN_PUNCT` match only where the alternatives would
    take the same run.
    """
    return re.compile(f"{_BLANK}({_PLAIN_WORD}|{_PLAIN_PUNCT}|{alternatives})")


@functools.cache
def _patterns() -> _Patterns:
    """Compiled once per process on first use (building the mark class takes ~60 ms)."""
    marks = _mark_class()
    control = "\x7f-\x9f"  # C1 controls: mojibake such as 'â\x80\x99' stays inside words
    start = rf"[^\W_{_UNSPACED}]|[{control}]"
    part = rf"(?:[^\W_{_UNSPACED}]+|[{control}{marks}]+)"  # runs: faster than per character
    # Inner characters that do not split a word: '10:30', '3.5', '100,000', 'a+b', 'TL;DR',
    # 'foo_bar', '2–3', 'COVID-19'; a hyphen before a letter does ('well', '-', 'known').
    joiner = (
        rf"(?:\.(?![A-Z])|,(?=\d)|[:<>=/](?![^\W\d_])|[@+&~;\u2010\u2011]|_+"
        rf"|['’](?!{_CONTRACTION})|(?<=\d)[–−](?=\d)|(?<=[^\W\d_])-(?=\d))"
    )
    word = rf"(?:(?<!\S)-(?=\d)|@(?=\w))?(?:{start}){part}*(?:{joiner}{part}+)*\+*"
    abbreviation = rf"(?:(?:{_ABBREVIATIONS})\.|(?:[^\W\d_{_UNSPACED}]\.){{2,}})(?!\w)"
    tokens = [
        r"(?:https?://|www\.)[^\s<>\"'()\[\]{}]*[^\s<>\"'()\[\]{}.,;:!?]",  # URL
        r"[Cc]an(?=not(?!\w))",  # can|not
        r"(?<!\w)[Ii](?=[dm](?!\w))",  # i|d i|m, as without the apostrophe
        rf"\d+(?:[.,]\d+)*(?=(?:{_UNITS})(?!\w))",  # 40|mm 512|GB
        abbreviation,  # Mr. U.S.
        word,
        rf"['’]{_CONTRACTION}",  # it|'s we|'ll don|'t (spaCy: do|n't, same count and length)
        r"\):|\(:|:\)|:\(|;\)",  # emoticons
        rf"[{_UNSPACED}][{marks}]*",  # one character of an unspaced script
        r"\.{2,}|-{2,}|/{2,}|'{2,}|’{2,}|[^\w\s]|_",
    ]
    alternatives = "|".join(tokens)
    return _Patterns(
        token=re.compile(alternatives),
        fast_token=_fast_token(
            "|".join(_ABBREVIATION_GUARD + t if t is abbreviation else t for t in tokens)
        ),
        unspaced=re.compile(f"[{_UNSPACED}]"),
        han_kana_unit=re.compile(rf"[{_HAN_KANA}][{marks}]*"),
        southeast_unit=re.compile(rf"[{_SOUTHEAST_ASIAN}][{marks}]*"),
    )


def tokenize(text: str) -> tuple[str, ...]:
    """The word and punctuation tokens of ``text`` (see the module docstring)."""
    end = len(text)
    while end and text[end - 1].isspace() and text[end - 1] != "\x85":
        end -= 1  # trailing blanks: a failed match after each would rescan all of them
    return tuple(_patterns().fast_token.findall(text, 0, end))


def reference_tokenize(text: str) -> tuple[str, ...]:
    """:func:`tokenize` with the bare alternatives, for tests (same tokens, slower)."""
    return tuple(_patterns().token.findall(text))


def has_unspaced_script(text: str) -> bool:
    """Whether ``text`` has any character of a script written without spaces (none is
    ASCII, and whether a string is ASCII is known without reading it)."""
    return not text.isascii() and _patterns().unspaced.search(text) is not None


@dataclass(frozen=True, slots=True)
class TextProfile:
    """Word statistics of one text, computed in one pass over its tokens."""

    tokens: tuple[str, ...]
    """All tokens, punctuation included; one per character in unspaced scripts."""
    spaced_words: int
    """Tokens of spaced scripts that are not only punctuation or symbols."""
    spaced_word_chars: int
    """Total length of those words (for the mean word length)."""
    spaced_tokens: int
    """Tokens of spaced scripts, punctuation included."""
    spaced_alpha: int
    """Tokens of spaced scripts with at least one letter."""
    unspaced_tokens: int
    """Tokens (characters with their marks) of the unspaced scripts."""
    unspaced_words: float
    """Word equivalents of the unspaced scripts (characters / characters per word)."""

    @property
    def unspaced_chars_per_word(self) -> float:
        """Characters per word equivalent of the unspaced tokens (1 when there are none)."""
        return self.unspaced_tokens / self.unspaced_words if self.unspaced_words else 1.0

    @property
    def words(self) -> float:
        """Words, not counting punctuation: spaced words plus unspaced word equivalents."""
        return self.spaced_words + self.unspaced_words

    @property
    def token_count(self) -> float:
        """Tokens with punctuation, unspaced characters counted as word equivalents."""
        return self.spaced_tokens + self.unspaced_words

    @property
    def alpha_tokens(self) -> float:
        """Tokens with a letter (unspaced word equivalents are letters)."""
        return self.spaced_alpha + self.unspaced_words

    @property
    def mostly_spaced(self) -> bool:
        """Whether most words are from scripts that separate words with spaces."""
        return self.spaced_words >= self.unspaced_words

    @property
    def mean_word_length(self) -> float | None:
        """Mean length of the spaced words; ``None`` when there are none."""
        if not self.spaced_words:
            return None
        return self.spaced_word_chars / self.spaced_words


def _is_word(token: str) -> bool:
    """Whether a token has a character that is neither punctuation nor a symbol."""
    if token.isalnum():
        return True
    return any(not unicodedata.category(char).startswith(("P", "S")) for char in token)


def _has_letter(token: str) -> bool:
    return any(char.isalpha() for char in token)


@dataclass(frozen=True, slots=True)
class _SpacedCounts:
    words: int
    word_chars: int
    tokens: int
    alpha: int


def _count_spaced(tokens: Sequence[str]) -> _SpacedCounts:
    """Counts over the tokens of spaced scripts. Most are plain words (``isalpha``), counted
    in bulk; the rest (punctuation, numbers) recur, so each distinct one is judged once."""
    plain = list(filter(str.isalpha, tokens))
    words = alpha = len(plain)
    word_chars = sum(map(len, plain))
    for token, count in Counter(filterfalse(str.isalpha, tokens)).items():
        if _is_word(token):
            words += count
            word_chars += len(token) * count
        if _has_letter(token):
            alpha += count
    return _SpacedCounts(words, word_chars, len(tokens), alpha)


@functools.lru_cache(maxsize=4)
def profile(text: str) -> TextProfile:
    """The :class:`TextProfile` of ``text`` (memoized: filters in a row share it)."""
    tokens = tokenize(text)
    patterns = _patterns()
    han = southeast = 0
    spaced: Sequence[str] = tokens
    if has_unspaced_script(text):
        han = len(patterns.han_kana_unit.findall(text))
        southeast = len(patterns.southeast_unit.findall(text))
        spaced = [token for token in tokens if patterns.unspaced.match(token) is None]
    counts = _count_spaced(spaced)
    return TextProfile(
        tokens=tokens,
        spaced_words=counts.words,
        spaced_word_chars=counts.word_chars,
        spaced_tokens=counts.tokens,
        spaced_alpha=counts.alpha,
        unspaced_tokens=han + southeast,
        unspaced_words=han / HAN_KANA_CHARS_PER_WORD + southeast / SOUTHEAST_ASIAN_CHARS_PER_WORD,
    )


def repeats(elements: Sequence[str]) -> tuple[int, int]:
    """How many elements (lines, paragraphs) repeat an earlier one, and their total length."""
    seen: set[str] = set()
    count = chars = 0
    for element in elements:
        if element in seen:
            count += 1
            chars += len(element)
        else:
            seen.add(element)
    return count, chars


def spaced_chunks(line: str) -> list[str]:
    """Whitespace-separated chunks of ``line``, unspaced-script characters removed."""
    if has_unspaced_script(line):
        line = _patterns().unspaced.sub(" ", line)
    return line.split()


def line_word_count(line: str) -> float:
    """Words of one line as C4 counts them (split at spaces), unspaced scripts in equivalents."""
    if not has_unspaced_script(line):
        return len(line.split())
    patterns = _patterns()
    han = len(patterns.han_kana_unit.findall(line))
    southeast = len(patterns.southeast_unit.findall(line))
    return (
        len(spaced_chunks(line))
        + han / HAN_KANA_CHARS_PER_WORD
        + southeast / SOUTHEAST_ASIAN_CHARS_PER_WORD
    )


def ends_unpunctuated(line: str) -> bool:
    """Whether ``line`` ends in Thai or Lao, where a line break ends a sentence without
    punctuation (so rules asking for terminal punctuation accept it)."""
    last = line.rstrip()[-1:]
    return "\u0e00" <= last <= "\u0eff"


def count_sentences(text: str) -> int:
    """Sentences in ``text``: a new one starts at a word after sentence-ending punctuation.

    A text with any token is at least one sentence. Abbreviations written with
    inner dots (``U.S.``, ``e.g.``) and numbers (``3.5``) are single tokens and
    do not end sentences. In Thai and Lao a space between two words of the script
    ends a sentence.
    """
    sentences = len(_UNPUNCTUATED_BREAK.findall(text)) if has_unspaced_script(text) else 0
    after_terminal = True
    for token in tokenize(text):
        if token in SENTENCE_TERMINALS:
            after_terminal = True
        elif after_terminal and _is_word(token):
            sentences += 1
            after_terminal = False
    return sentences
