"""Author names: cleaned from what pages write, and found in byline text.

Pure functions over strings. :func:`clean_author` turns raw values (a meta tag, a
JSON-LD name, a byline element's text) into names joined with ``"; "``, the way
trafilatura writes several authors; :func:`byline_names` finds a byline in a
stretch of text ("By Jane Doe", "Von Anna Schmidt", "Par Marie Dupont", "Por Juan
Pérez", "di Marco Rossi", "Door Jan de Vries", "Автор: Иван Петров", "作者：王磊",
"文/张伟", "（记者 刘洋 赵敏）", "記者李明／台北報導", "김철수 기자", "بقلم: أحمد").

What is dropped from a name: "By"-like prefixes and labels in several languages,
e-mail addresses, URLs, dates and times after the name, roles ("Staff Writer",
"CNN Editor-at-large", "기자"), "and 2 others", a parenthesised repeat of the name,
reputation counts and badges of Q&A sites, a Japanese department before the name;
what is rejected whole: interface text ("View more posts", "Read more", "wrote:").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final

from thresher.extract.dates import parse_date
from thresher.extract.normalize import clean_text

__all__ = [
    "MAX_AUTHOR_CHARS",
    "byline_names",
    "clean_author",
    "flip_last_first",
    "is_generic",
    "is_role",
    "looks_like_handle",
    "looks_like_prose",
]

MAX_AUTHOR_CHARS: Final = 120
"""A longer "author" is a sentence, not a name."""
MAX_NAMES: Final = 12
"""At most this many names are kept."""

# ------------------------------------------------------------------------- prefixes

_PREFIX_WORDS: Final = (
    r"(?:(?:posted|written|published|reported|words|text|story|photos?|analysis|opinion|"
    r"commentary|review|interview|reviewed|edited|compiled|escrito|escrita|publicado|"
    r"publicada|publié|posté|rédigé|écrit|veröffentlicht|geschrieben|scritto|pubblicato|"
    r"geschreven)\s+)?"
    r"(?:by|from|von|par|por|(?-i:di)|door|av|af|przez)\b\s*[:\-]?\s*"
)
_PREFIX: Final = re.compile(rf"^(?:{_PREFIX_WORDS})", re.IGNORECASE)
_LABEL: Final = re.compile(
    r"^(?:(?:written|posted)\s+by\s*:?|(?:authors?|author\s+name|byline|autor|autorin|"
    r"autoren|auteur|auteurs|autore|autori|autores|text|texto|testo|tekst|texte|words|"
    r"reporter|redaktion|rédaction|redacción|yazar|muhabir|haber|автор|авторы|текст|"
    r"作者|文|撰文|执笔|執筆|著者|筆者|记者|記者|文・写真|写真・文|بقلم|كتب)\s*[:：/／])\s*",
    re.IGNORECASE,
)
# Before a CJK name: "本报记者", "本站记者", "特约记者", "实习生"
_CJK_LABEL: Final = re.compile(
    r"^[\s(（【\[]*(?:本报|本站|本台|本刊|特约|见习|实习)?(?:记者|記者|通讯员)\s*"
)

# ---------------------------------------------------------------------- after a name

_TRAILING_DATE: Final = re.compile(
    r"\s*(?:[,|\-–—•·]|\bon\b|\bupdated\b|\bpublished\b|\ble\b|\bam\b|\bel\b|\bem\b|\bil\b)"
    r"\s*(?:[A-Za-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+[^\W\d_]+\.?\s+\d{4}|"
    r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}(?:er)?\s+[^\W\d_]+\s+\d{4}).*$",
    re.IGNORECASE,
)
# A trailing job title ("CNN Editor-at-large", "AP Auto Writer", "Staff Writers")
_ROLE: Final = re.compile(
    r"\b(?:editor|editors|writer|writers|reporter|reporters|correspondent|columnist|"
    r"contributor|contributors|staff|editor-at-large|producer|intern|redakteur|redakteurin|"
    r"rédacteur|rédactrice|redactor|redactora|giornalista|journalist|journaliste|periodista)$",
    re.IGNORECASE,
)
_OTHERS: Final = re.compile(
    r"\s*(?:,|\band\b|\+|&)?\s*(?:\d+|one|two|three)\s+(?:others?|more)\b.*$", re.IGNORECASE
)
# Other credits after the author's: "Reviewed by ...", "Photo: ..."
_OTHER_CREDIT: Final = re.compile(
    r"[\s.,;|·•]*(?:\b(?:medically\s+|fact[- ]?)?(?:reviewed|checked|edited|photos?|"
    r"photographs?|photography|illustrations?|images?|video)\s+by\b|"
    r"\b(?:photos?|fotos?|фото|иллюстрации|摄影|攝影|写真|사진|foto's|bild|bilder)\s*[:：]).*$",
    re.IGNORECASE,
)
# A parenthesised tail after a name ("amondale (Amondale)"), not a name in parentheses
_PARENTHESIS: Final = re.compile(r"(?<=[^\s(（\[])\s*[(（\[][^)）\]]*[)）\]]\s*$")
_NUMBER_NOISE: Final = re.compile(r"\s+[\d][\d,.]*k?\b.*$", re.IGNORECASE)
_CJK_TAIL: Final = re.compile(
    r"\s*(?:[／/|｜].*|报道|報導|报导|摄影|攝影|拍摄|기자|記者|特派員|編集委員)\s*$"
)
_JA_DEPARTMENT: Final = re.compile(r"^\S+(?:部|局|課|班|支社|総局)[\s　]+")
_EMAIL: Final = re.compile(r"\S+@\S+\.\S+")
_SPACES: Final = re.compile(r"[\s\u3000]+")

# Whole values that are interface text, not names.
_NOISE: Final = re.compile(
    r"\b(?:view|read|see|more|all)\s+(?:more\s+)?(?:posts?|articles?|stories|by)\b|"
    r"\bwrote\b|\boffline\b|\bonline\b|\bjoined\b|\bbadges?\b|\breputation\b|"
    r"\blast\s+edited\b|\bposts\s+by\b|\bmore\s+from\b|\bfollow\b|\bsubscribe\b|"
    r"\bshare\b|\bcomments?\b|\bminutes?\s+read\b|\bmin\s+read\b|https?:|www\.|"
    r"\b(?:jump|skip|scroll|go|back)\s+to\b|\bsign\s+in\b|\blog\s*in\b",
    re.IGNORECASE,
)
_GENERIC: Final = frozenset(
    ("admin", "administrator", "editor", "editors", "staff", "redaktion", "rédaction",
     "redacción", "redazione", "redactie", "team", "unknown", "anonymous", "guest", "user",
     "author", "webmaster", "editorial", "newsroom", "op", "編集部", "编辑部", "编辑", "小编",
     "관리자", "редакция", "topic author", "thread starter", "original poster", "posted by",
     "written by")
)  # fmt: skip

# Between names: "and" in a few languages; the one-letter ones only in lower case
# ("Mario Rossi e Luca Bianchi", but not "John E. Smith")
_SPLIT: Final = re.compile(
    r"\s*(?:;|\||\s&\s|\b(?:[Aa]nd|AND)\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bi\b|\bи\b|\bve\b|"
    r"、|，|\s·\s|\s•\s)\s*"
)
_HAN: Final = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def is_role(name: str) -> bool:
    """A job title ("Staff Writer", "AP Auto Writer") rather than a name."""
    return _ROLE.search(name) is not None


def is_generic(name: str) -> bool:
    """A role or placeholder ("Staff", "Admin", "Redaktion"), not a person."""
    return name.casefold() in _GENERIC


MAX_NAME_WORDS: Final = 5
"""A "name" of more words is a phrase or a sentence."""


def looks_like_prose(name: str) -> bool:
    """Words of a sentence rather than a name ("herbs around our gardens.")."""
    words = name.split()
    if len(words) > MAX_NAME_WORDS:
        return True
    return len(words) >= 3 and (name.endswith((".", "!", "?")) or name == name.lower())


def flip_last_first(value: str) -> str:
    """Turn "Lind, Anna" into "Anna Lind" (how ``citation_author`` and Dublin Core write names).

    Only a value of one comma between two short name-like parts is flipped.

    >>> flip_last_first("Berger, Emery D."), flip_last_first("Anna Lind, PhD, MD")
    ('Emery D. Berger', 'Anna Lind, PhD, MD')
    """
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 2 or not all(parts) or any(len(p.split()) > 3 for p in parts):
        return value
    last, first = parts
    if not (last[0].isupper() and first[0].isupper()) or last.isupper():
        return value
    if sum(c.islower() for c in first) < 2:  # "Anna Lind, PhD": a credential, not a name
        return value
    return f"{first} {last}"


def looks_like_handle(name: str) -> bool:
    """A user name of a CMS rather than a written name (``andrew.keaveney``, ``jdoe_7``)."""
    return " " not in name and any(c in name for c in "._") and name == name.lower()


def _split_names(text: str, language: str | None) -> list[str]:
    """Split "A and B", "A; B", "A, B C" (not "Smith, John") and Chinese "A B" into names."""
    parts = [p for p in _SPLIT.split(text) if p and p.strip()]
    names: list[str] = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) > 1 and all(" " in p for p in pieces[:2]):
            names.extend(pieces)
        elif language == "zh" and all(_HAN.match(p) for p in part.split()):
            names.extend(part.split())
        else:
            names.append(part.strip(" ,"))
    return names


def _clean_one(text: str) -> str | None:
    """A single name without prefixes, labels, e-mails, roles and trailing noise."""
    text = _EMAIL.sub("", text)
    text = _PARENTHESIS.sub("", text) or text
    text = _LABEL.sub("", _PREFIX.sub("", _LABEL.sub("", text.strip(" (（【[)）】]"))))
    text = _CJK_LABEL.sub("", text)
    text = _JA_DEPARTMENT.sub("", text)
    text = _CJK_TAIL.sub("", text)
    text = _TRAILING_DATE.sub("", text)
    text = _NUMBER_NOISE.sub("", text)
    text = text.strip(" ,;:|-–—•·()（）【】[]'\"“”")
    if len(text) < 2 or text.isdigit() or text.startswith(("http://", "https://", "www.")):
        return None
    if parse_date(text) is not None:
        return None
    words = text.split()
    if len(words) == 2 and len(words[1]) == 1 and words[1].isalpha():
        text = words[0]  # "JosephF J": an avatar's initial after the name
    return text


def clean_author(values: Iterable[Any], language: str | None = None) -> str | None:
    """One author string from one or more raw values, names joined with ``"; "``.

    Roles ("Staff Writer") and placeholders ("Admin") are kept only when nothing
    better is there. ``language`` (a primary subtag) tells how names are separated:
    Chinese writes several names with spaces between them.

    >>> clean_author(["By Jane Doe and John Roe"])
    'Jane Doe; John Roe'
    >>> clean_author(["Posted by Ann Lee, March 3, 2021", "Ann Lee"])
    'Ann Lee'
    >>> clean_author(["Analysis by Kim Roe, Senior Political Writer"])
    'Kim Roe'
    >>> clean_author(["（记者 刘洋 赵敏）"], "zh"), clean_author(["김철수 기자"])
    ('刘洋; 赵敏', '김철수')
    """
    names: list[str] = []
    weak: list[str] = []
    seen: set[str] = set()
    for value in values:
        for name in _names_in(value, language):
            if name.casefold() in seen:
                continue
            seen.add(name.casefold())
            (weak if is_role(name) or is_generic(name) else names).append(name)
    names = (names or weak)[:MAX_NAMES]  # "Staff Writer" alone is still the best there is
    return "; ".join(names) if names else None


def _names_in(value: Any, language: str | None) -> list[str]:
    """The cleaned names in one raw value; none when it is interface text or prose."""
    text = clean_text(value)
    if text is None or len(text) > MAX_AUTHOR_CHARS or _NOISE.search(text):
        return []
    text = _OTHER_CREDIT.sub("", _OTHERS.sub("", _SPACES.sub(" ", text)))
    text = _PARENTHESIS.sub("", text).strip(" (（【[)）】]")
    text = _CJK_LABEL.sub("", _PREFIX.sub("", _LABEL.sub("", text)))
    text = _TRAILING_DATE.sub("", text)
    found = [name for part in _split_names(text, language) if (name := _clean_one(part))]
    if any(looks_like_prose(name) for name in found):
        return []  # a sentence split at its "and"s, not a list of names
    return found


# --------------------------------------------------------------------- byline text

_NAME_END: Final = r"(?=$|\n|[|·•,;(（/／—–]|\s-\s|\s\d|\s(?:le|am|on|el|em|il|in|dans|à|um|,)\s)"
# Patterns start with a word boundary and their keyword: a leading lookbehind or
# optional group ("written by") is tried at every position and costs several times more.
_LATIN_BYLINE: Final = re.compile(
    r"\b(?:by|von|par|por|di|door|przez|av|af)(?=[\s:])\s*+:?+\s*+"
    r"(?P<name>[^\W\d_][^\n|·•;(（/／\d]{1,70}?)" + _NAME_END,
    re.IGNORECASE,
)
_LABELLED_BYLINE: Final = re.compile(
    r"\b(?:authors?|autor|autorin|auteur|autore|yazar|автор|текст|text|texto|"
    r"testo|tekst|بقلم|كتب)\s*+[:：]\s*+(?P<name>[^\n|·•;(（/／\d]{2,70}?)" + _NAME_END,
    re.IGNORECASE,
)
_CASED_PATTERNS: Final = (_LATIN_BYLINE, _LABELLED_BYLINE)
_HAN_NAME: Final = r"[\u4e00-\u9fff]{2,4}"
_CJK_BYLINE: Final = re.compile(
    r"(?:作者|撰文|执笔|執筆|文|记者|記者|通讯员)\s*[:：/／]?\s*"
    rf"(?P<name>{_HAN_NAME}(?:\s*[、，,和与及]\s*{_HAN_NAME}|[ \u3000]+{_HAN_NAME}(?=[\s)）]|$))*)"
)
_JA_BYLINE: Final = re.compile(
    r"(?:文|著者|筆者|執筆|記者|文・写真|写真・文)\s*[:：/／]\s*"
    r"(?P<name>[^\s\d:：/／()（）]{1,6}(?:[ \u3000][^\s\d:：/／()（）]{1,6})?)"
)
_KO_BYLINE: Final = re.compile(r"(?P<name>[가-힣]{2,4})\s*기자")


def byline_names(text: str, language: str | None = None) -> str | None:
    """The raw names of the first byline written in ``text`` (clean with clean_author).

    >>> byline_names("Updated 3 March\\nBy Jane Doe | 5 min read")
    'Jane Doe'
    >>> byline_names("新华网联合国9月1日电（记者 刘洋 赵敏）联合国副秘书长", "zh")
    '刘洋 赵敏'
    """
    found: list[tuple[int, str]] = []
    patterns: tuple[re.Pattern[str], ...]
    if language in ("zh", "ja", "ko") or _has_cjk(text):
        patterns = (_CJK_BYLINE, _JA_BYLINE, _KO_BYLINE, _LATIN_BYLINE, _LABELLED_BYLINE)
        if language == "ja":
            patterns = (_JA_BYLINE, _CJK_BYLINE, _KO_BYLINE, _LATIN_BYLINE, _LABELLED_BYLINE)
    else:
        patterns = (_LATIN_BYLINE, _LABELLED_BYLINE)
    for pattern in patterns:
        for match in pattern.finditer(text):
            name = match["name"].strip()
            if pattern in _CASED_PATTERNS and name[:1].islower() and " " in name:
                continue  # "written by using flowers": a sentence, not a byline
            found.append((match.start("name"), name))
            break
    if not found:
        return None
    return min(found)[1]


_CJK_CHARS: Final = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def _has_cjk(text: str) -> bool:
    return _CJK_CHARS.search(text) is not None
