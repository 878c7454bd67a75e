"""Dates as pages write them, in many languages: parsed from values, found in text.

Two entry points:

* :func:`parse_date` reads one value that is meant to be a date (a ``<meta>``
  content, a ``datetime`` attribute, a JSON-LD ``datePublished``, a short dateline);
* :func:`find_dates` finds every date in a stretch of text (the lines around a page's
  headline), each with where it is, whether a label before it says "published" or
  "updated", and whether it was relative ("3 hours ago", resolved against the fetch
  date).

Formats: ISO dates and datetimes (``2005-03-21``, ``2005/3/21``, ``2005.03.21``,
Korean ``2005. 3. 21.``), ``YYYYMMDD`` values, day-first and month-first numbers
(``21.03.2005``, ``21/03/2005``, ``03/21/2005``), month names in about twenty
languages in day-month-year, month-day-year and year-month-day order
("21 mars 2005", "21. März 2005", "21 марта 2005", "21 de marzo de 2005",
"March 21, 2005", "2005 Mar 21"), Chinese, Japanese and Korean ``2005年3月21日`` /
``2005년 3월 21일`` with full-width digits, Japanese era dates (``令和5年4月12日``), and
relative dates ("3 hours ago", "vor 3 Stunden", "il y a 3 heures", "hace 3 horas",
"3 часа назад", "3小时前", "3時間前", "3시간 전", "yesterday"...).

Numeric ``a/b/yyyy`` dates are read in the page's order (:data:`DayOrder`: month
first only for US English, see :func:`day_order`); a reading that is not a valid
date falls back to the other order. Dates before :data:`MIN_YEAR` or after
:data:`MAX_YEAR`, and impossible days, are not dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final, Literal

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "DayOrder",
    "FoundDate",
    "day_order",
    "find_dates",
    "label_kind",
    "parse_date",
    "parse_fetch_date",
    "url_date",
]

MIN_YEAR: Final = 1990
"""Earlier years are misreadings (a publication date on the web is after 1990)."""
MAX_YEAR: Final = 2099

DayOrder = Literal["dmy", "mdy"]
"""How ``a/b/yyyy`` reads: day first (most of the world) or month first (US)."""

Kind = Literal["published", "updated", "other", "plain"]

# ----------------------------------------------------------------------- vocabulary

# Month names, abbreviations and (Slavic, Greek) genitive forms, by month. A name
# that means different months in two languages is left out of both.
_MONTH_NAMES: Final = (
    # 1
    "january jan januar jänner janvier janv enero ene gennaio gen janeiro januari "
    "januar styczeń stycznia styczen ocak ianuarie január январь января янв "
    "січня січень leden ledna sausio tammikuuta يناير كانون الثاني",
    # 2
    "february feb februar feber février fevrier févr fevr febrero febbraio fevereiro "
    "fev februari luty lutego şubat subat februarie február февраль февраля фев февр "
    "лютого лютий únor února helmikuuta فبراير شباط",
    # 3
    "march mar märz maerz mär mrz mars marzo março marco maart mrt marzec marca mart "
    "martie március март марта мар березня березень březen března maaliskuuta مارس آذار",
    # 4
    "april apr avril avr abril abr aprile kwiecień kwietnia kwiecien nisan aprilie "
    "április апрель апреля апр квітня квітень duben dubna huhtikuuta أبريل ابريل نيسان",
    # 5
    "may mai mayo maggio mag maio mei maj maja mayıs mayis május май мая травня "
    "травень květen května toukokuuta مايو أيار",
    # 6
    "june jun juni juin junio giugno giu junho czerwiec czerwca haziran iunie június "
    "июнь июня июн червня червень červen června kesäkuuta يونيو يونيه حزيران",
    # 7
    "july jul juli juillet juil julio luglio lug julho lipiec lipca temmuz iulie "
    "július июль июля июл липня липень červenec července heinäkuuta يوليو يوليه تموز",
    # 8
    "august aug août aout agosto ago augustus augusti sierpień sierpnia sierpien "
    "ağustos agustos augusztus август августа авг серпня серпень srpen srpna "
    "elokuuta أغسطس اغسطس آب",
    # 9
    "september sep sept septembre septiembre setiembre settembre set setembro "
    "wrzesień września wrzesien wrzesnia eylül eylul septembrie szeptember сентябрь "
    "сентября сен сент вересня вересень září syyskuuta سبتمبر أيلول",
    # 10
    "october oct oktober okt octobre octubre ottobre ott outubro out październik "
    "października pazdziernika ekim octombrie október октябрь октября окт жовтня "
    "жовтень říjen října lokakuuta أكتوبر اكتوبر تشرين الأول",
    # 11
    "november nov novembre noviembre novembro listopad listopada kasım kasim "
    "noiembrie ноябрь ноября ноя нояб листопада listopadu marraskuuta نوفمبر "
    "تشرين الثاني",
    # 12
    "december dec dezember dez décembre decembre déc diciembre dic dicembre dezembro "
    "grudzień grudnia grudzien aralık aralik decembrie декабрь декабря дек грудня "
    "грудень prosinec prosince joulukuuta ديسمبر كانون الأول",
)
# Two-word Levantine Arabic month names are listed word by word above; they are
# matched as phrases here and their single words are not month names by themselves.
_ARABIC_PHRASES: Final = {
    "كانون الثاني": 1,
    "تشرين الأول": 10,
    "تشرين الثاني": 11,
    "كانون الأول": 12,
}
_NOT_ALONE: Final = frozenset({"كانون", "تشرين", "الثاني", "الأول"})
# What a two-word name is replaced with before scanning (a one-word name of the month).
_ARABIC_ONE_WORD: Final = {1: "يناير", 10: "أكتوبر", 11: "نوفمبر", 12: "ديسمبر"}


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for number, names in enumerate(_MONTH_NAMES, start=1):
        for name in names.split():
            if name not in _NOT_ALONE:
                table.setdefault(name, number)
    return table


MONTHS: Final = _month_table()
"""Month name (lowercase) -> month number."""

# A month is matched as any word, then looked up in MONTHS: one alternation of
# hundreds of names, tried at every position, made scanning a page fifty times slower.
_WORD: Final = r"[^\W\d_]{2,12}"
_LETTER_BEFORE: Final = r"(?<![^\W\d_])"
_LETTER_AFTER: Final = r"(?![^\W\d_])"

# Full-width digits and punctuation (Chinese and Japanese pages) read as ASCII.
_WIDE: Final = str.maketrans(
    "０１２３４５６７８９／－．：",
    "0123456789/-.:",
)

# --------------------------------------------------------------------------- patterns

_Y = r"(?P<{0}y>(?:19|20)\d\d)"
_PATTERNS: Final = {
    # 2005-03-21, 2005/3/21, 2005.03.21, Korean 2005. 3. 21.
    "iso": rf"(?<![\d.]){_Y.format('iso')}(?P<isosep>[-/.])\s?(?P<isom>\d{{1,2}})"
    rf"(?P=isosep)\s?(?P<isod>\d{{1,2}})(?!\d)",
    # 2005年3月21日, 2005년 3월 21일
    "cjk": rf"{_Y.format('cjk')}\s*[年년]\s*(?P<cjkm>\d{{1,2}})\s*[月월]\s*(?P<cjkd>\d{{1,2}})"
    r"(?!\d)",
    # Japanese eras: 令和5年4月12日, 平成元年1月8日
    "era": r"(?P<eraname>令和|平成|昭和)\s*(?P<eray>元|\d{1,2})\s*年\s*(?P<eram>\d{1,2})\s*月"
    r"\s*(?P<erad>\d{1,2})\s*日",
    # 21.03.2005, 21/03/2005, 03/21/2005, 21-03-2005
    "num": r"(?<![\d.])(?P<numa>\d{1,2})(?P<numsep>[./-])\s?(?P<numb>\d{1,2})(?P=numsep)\s?"
    rf"{_Y.format('num')}(?![\d])",
    # 21 mars 2005, 21. März 2005, 21 de marzo de 2005, 1er octobre 2018, 21 марта 2005
    "dmy": r"(?<!\d)(?P<dmyd>\d{1,2})(?:st|nd|rd|th|er|ᵉʳ|e|º|°|\.)?\s*(?:de\s+|of\s+)?"
    rf"{_LETTER_BEFORE}(?P<dmym>{_WORD}){_LETTER_AFTER}\.?,?\s*(?:de\s+|del\s+)?"
    rf"{_Y.format('dmy')}(?!\d)",
    # March 21, 2005; Mar. 21st 2005
    "mdy": rf"{_LETTER_BEFORE}(?P<mdym>{_WORD}){_LETTER_AFTER}\.?\s+(?P<mdyd>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?,?\s+{_Y.format('mdy')}(?!\d)",
    # 2005 Mar 21 (PubMed), 2005. március 21. (Hungarian)
    "ymd": rf"(?<!\d){_Y.format('ymd')}\.?\s+{_LETTER_BEFORE}(?P<ymdm>{_WORD}){_LETTER_AFTER}"
    r"\.?\s+(?P<ymdd>\d{1,2})(?!\d)",
    # relative: "3 hours ago" and its kin; the unit is read by _UNIT
    "rel": r"(?:(?P<rela>\d{1,3}|an?|one)\s+(?P<relau>minutes?|mins?|hours?|hrs?|days?|weeks?)"
    r"\s+ago"
    r"|vor\s+(?P<relb>\d{1,3}|einer?|einem)\s+(?P<relbu>Minuten?|Stunden?|Tag(?:en)?|Wochen?)"
    r"|il\s+y\s+a\s+(?P<relc>\d{1,3}|une?)\s+(?P<relcu>minutes?|heures?|jours?|semaines?)"
    r"|hace\s+(?P<reld>\d{1,3}|una?)\s+(?P<reldu>minutos?|horas?|d[ií]as?|semanas?)"
    r"|h[áa]\s+(?P<rele>\d{1,3}|uma?)\s+(?P<releu>minutos?|horas?|dias?|semanas?)"
    r"|(?P<relf>\d{1,3}|una?|un)\s+(?P<relfu>minut[oi]|or[ae]|giorn[oi]|settiman[ae])\s+fa"
    r"|(?P<relg>\d{1,3})\s+(?P<relgu>minuten|minuut|uur|dagen|dag|weken|week)\s+geleden"
    r"|(?P<relh>\d{1,3})\s+(?P<relhu>минут[уы]?|час(?:а|ов)?|дн(?:я|ей)|день|недел[юьи])"
    r"\s+назад"
    r"|(?P<reli>\d{1,3})\s+(?P<reliu>minut[y]?|godzin[y]?|dni|dzień|tygodni[e]?)\s+temu"
    r"|(?P<relj>\d{1,3})\s+(?P<relju>dakika|saat|gün|hafta)\s+önce"
    r"|(?P<relk>\d{1,3})\s*(?P<relku>分钟|分鐘|小时|小時|天|周|週|星期|時間|分|日|週間)\s*前"
    r"|(?P<rell>\d{1,3})\s*(?P<rellu>분|시간|일|주)\s*전"
    r"|منذ\s+(?P<relm>\d{1,3})\s+(?P<relmu>دقيقة|دقائق|ساعة|ساعات|يوم|أيام|أسبوع|أسابيع))",
    # "yesterday", "today": only in a short line (a dateline), see find_dates
    "day": r"(?P<dayword>(?<![^\W\d_])(?:yesterday|gestern|hier|ayer|ontem|ieri|gisteren|wczoraj"
    r"|dün|вчера|учора|today|heute|aujourd'hui|hoy|hoje|oggi|vandaag|dzisiaj|bugün|сегодня"
    r"|сьогодні)(?![^\W\d_])|昨天|昨日|今天|어제|오늘|أمس|اليوم)",
}
_ABSOLUTE_KEYS: Final = ("iso", "cjk", "num", "dmy", "mdy", "ymd")
_SCAN: Final = re.compile(
    "|".join(f"(?P<{k}>{_PATTERNS[k]})" for k in _ABSOLUTE_KEYS), re.IGNORECASE
)
_SCAN_ERA: Final = re.compile(f"(?P<era>{_PATTERNS['era']})")
_SCAN_RELATIVE: Final = re.compile(
    "|".join(f"(?P<{k}>{_PATTERNS[k]})" for k in ("rel", "day")), re.IGNORECASE
)

# (first letters of a unit word, lowercased) -> timedelta of one unit; checked in this
# order (Turkish "hafta" is a week, not an hour; "dakika" a minute, not a day)
_MINUTE_WORDS: Final = ("min", "мин", "dak", "分", "분", "دقي", "دقا")
_WEEK_WORDS: Final = ("w", "sem", "sett", "нед", "tyg", "haf", "周", "週", "星期", "주", "أسب")
_HOUR_WORDS: Final = (
    "h", "std", "stu", "heu", "or", "uur", "час", "godz", "saa", "小", "時間", "시간", "ساع",
)  # fmt: skip
_DAY_WORDS: Final = ("d", "tag", "jour", "gior", "дн", "ден", "gün", "天", "日", "일", "يوم", "أيا")
_UNIT: Final = (
    (_MINUTE_WORDS, timedelta(minutes=1)),
    (_WEEK_WORDS, timedelta(weeks=1)),
    (_HOUR_WORDS, timedelta(hours=1)),
    (_DAY_WORDS, timedelta(days=1)),
)
_YESTERDAY: Final = frozenset(
    ("yesterday", "gestern", "hier", "ayer", "ontem", "ieri", "gisteren", "wczoraj", "dün",
     "вчера", "учора", "昨天", "昨日", "어제", "أمس")
)  # fmt: skip
_ERAS: Final = {"令和": 2018, "平成": 1988, "昭和": 1925}

# Labels that say what a date is, read in the few characters before it. Plain
# phrases; a label is followed by at most a connector ("on", "am", "le", ":") and a
# weekday ("Joined: Mon Jul 24, 2017") before its date.
_PUBLISHED_WORDS: Final = (
    "published", "posted", "created", "released", "first published", "publish date", "date",
    "dated", "veröffentlicht", "erstellt", "erschienen", "publié", "publie", "mis en ligne",
    "publicado", "publicada", "pubblicato", "gepubliceerd", "geplaatst", "opublikowano",
    "опубликовано", "дата публикации", "yayınlanma", "yayın tarihi", "发布时间", "发布日期",
    "发表时间", "发表于", "发布于", "發布時間", "發表於", "时间", "時間", "日期", "公開日",
    "投稿日", "掲載日", "配信日", "입력", "등록", "게시", "بتاريخ", "نشر",
)  # fmt: skip
_UPDATED_WORDS: Final = (
    "update", "updated", "last update", "last updated", "modified", "last modified",
    "revised", "edited", "reviewed", "aktualisiert", "geändert", "bearbeitet", "mis à jour",
    "modifié", "actualizado", "actualizada", "modificado", "atualizado", "atualizada",
    "aggiornato", "aggiornata", "modificato", "bijgewerkt", "gewijzigd", "zaktualizowano",
    "обновлено", "изменено", "güncelleme", "güncellendi", "更新", "更新日", "更新时间",
    "更新時間", "最終更新", "修改", "수정", "업데이트", "تحديث",
)  # fmt: skip
# Labels of dates that are not the page's: a member's join date, a birthday, a deadline.
_OTHER_WORDS: Final = (
    "joined", "join date", "registered", "member since", "since", "born", "birthday",
    "expire", "expires", "expiry", "deadline", "due", "valid until", "until",
    "mitglied seit", "registriert", "dabei seit", "geboren", "inscrit", "inscrite",
    "membre depuis", "registrado", "miembro desde", "iscritto", "lid sinds", "регистрация",
    "зарегистрирован", "на форуме с", "dołączył", "dołączyła", "katılım", "注册时间",
    "註冊時間", "加入时间", "加入時間", "注册", "生日", "出生", "登録日", "가입일", "가입",
    # the date of the day, shown in a page's header or footer
    "today is", "current time", "current time is", "the time now is", "heute ist",
    "nous sommes le", "hoy es", "oggi è", "сегодня", "текущее время", "今天是", "今天",
    "现在时间", "现在时间是", "当前时间", "现在是", "今日は", "本日は", "오늘은",
)  # fmt: skip
_CONNECTORS: Final = ("on", "am", "le", "el", "em", "il", "op", "в", "с")
_WEEKDAYS: Final = (
    "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag",
    "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi",
    "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes", "miércoles", "jueves",
    "viernes", "sábado", "domingo", "понедельник", "вторник", "среда", "четверг", "пятница",
    "суббота", "воскресенье",
)  # fmt: skip


def _backwards(phrases: Iterable[str], boundary: bool = False) -> str:
    """An alternation matching ``phrases`` written backwards (longest first).

    With ``boundary``, a phrase that starts with a letter of a spaced script must
    not follow another letter ("date" is not read in "mandate").
    """
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        part = r"\s+".join(re.escape(word[::-1]) for word in reversed(phrase.split()))
        if boundary and phrase[0].isalpha() and not _CJK_CHAR.match(phrase[0]):
            part += r"(?![^\W\d_])"
        parts.append(part)
    return "|".join(parts)


_CJK_CHAR: Final = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af\u0600-\u06ff]")
# Matched at the start of the reversed text before a date: one anchored match, where
# a forward search would try every label at every position of the window.
_LABEL_BACKWARDS: Final = re.compile(
    rf" ?+,?+\.?+ ?+(?:(?:{_backwards(_WEEKDAYS, True)}) ?+)?+[:：]?+ ?+"
    rf"(?:(?:{_backwards(_CONNECTORS, True)}) ?+)?+[:：]?+ ?+"
    rf"(?:(?P<other>{_backwards(_OTHER_WORDS, True)})|"
    rf"(?P<updated>{_backwards(_UPDATED_WORDS, True)})|"
    rf"(?P<published>{_backwards(_PUBLISHED_WORDS, True)}))",
    re.IGNORECASE,
)
_LABEL_WINDOW: Final = 40
"""A label counts when it ends within this many characters before the date."""


# ------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in text."""

    value: date
    start: int
    """Offset of the match in the text searched."""
    end: int
    kind: Kind
    """What a label just before it says: ``published``, ``updated``, ``other`` (a join
    date, a birthday, a deadline: not the page's date), or ``plain`` (no label)."""
    relative: bool = False
    """Read from "3 hours ago" or "yesterday" against the fetch date."""


def parse_fetch_date(value: Any) -> datetime | None:
    """A WARC-Date (or any ISO 8601 date or datetime) as a naive UTC-less datetime."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip()).replace(tzinfo=None)
    except ValueError:
        found = _SCAN.search(value)
        day = _absolute(found, "dmy") if found else None
        return datetime(day.year, day.month, day.day) if day else None


def day_order(language: str | None, host: str | None = None) -> DayOrder:
    """Month first for US English (``en-US``, or ``en`` on a host without a
    country-code domain of a day-first country), day first everywhere else.

    >>> day_order("en-US"), day_order("en-GB"), day_order("en", "news.example.co.uk")
    ('mdy', 'dmy', 'dmy')
    >>> day_order("de-DE"), day_order(None, "example.com")
    ('dmy', 'mdy')
    """
    tag = (language or "").replace("_", "-").lower()
    primary, _, region = tag.partition("-")
    if primary and primary != "en":
        return "dmy"
    if region:
        return "mdy" if region[:2] in ("us", "ph") else "dmy"
    suffix = (host or "").rsplit(".", 1)[-1].lower()
    return "dmy" if suffix in _DAY_FIRST_TLDS else "mdy"


_DAY_FIRST_TLDS: Final = frozenset(
    ("uk", "au", "nz", "ie", "in", "za", "sg", "my", "pk", "ng", "ke", "gh", "hk", "mt", "cy",
     "ae", "eu", "de", "fr", "es", "it", "nl", "be", "at", "ch", "pt", "pl", "ru", "ua", "br",
     "ar", "mx", "co", "cl", "pe", "tr", "gr", "dk", "se", "no", "fi", "cz", "sk", "hu", "ro",
     "bg", "hr", "si", "rs", "id", "vn", "th", "il", "eg", "sa", "ma")
)  # fmt: skip


# ------------------------------------------------------------------------ parsing


def _make(year: int, month: int, day: int) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric(a: int, b: int, year: int, separator: str, order: DayOrder) -> date | None:
    """``a<sep>b<sep>year`` in the page's order, else in the other if only it is valid.

    A dotted date is day first wherever it is written (21.03.2005).
    """
    first, second = (b, a) if order == "mdy" and separator != "." else (a, b)
    return _make(year, second, first) or _make(year, first, second)


def _absolute(match: re.Match[str], order: DayOrder) -> date | None:
    """The date of a non-relative match of :data:`_SCAN`."""
    group = match.lastgroup
    if group == "iso":
        return _make(int(match["isoy"]), int(match["isom"]), int(match["isod"]))
    if group == "cjk":
        return _make(int(match["cjky"]), int(match["cjkm"]), int(match["cjkd"]))
    if group == "era":
        offset = _ERAS[match["eraname"]]
        year = 1 if match["eray"] == "元" else int(match["eray"])
        return _make(offset + year, int(match["eram"]), int(match["erad"]))
    if group == "num":
        a, b = int(match["numa"]), int(match["numb"])
        return _numeric(a, b, int(match["numy"]), match["numsep"], order)
    for prefix in ("dmy", "mdy", "ymd"):
        if group == prefix:
            month = MONTHS.get(match[prefix + "m"].lower())
            if month is None:
                return None
            return _make(int(match[prefix + "y"]), month, int(match[prefix + "d"]))
    return None


def _unit(word: str) -> timedelta | None:
    lowered = word.lower()
    for starts, step in _UNIT:
        if lowered.startswith(starts):
            return step
    return None


def _relative(match: re.Match[str], fetched: datetime) -> date | None:
    """The date a relative match means, counted back from ``fetched``."""
    if match.lastgroup == "day":
        word = match["dayword"].lower()
        return (fetched - timedelta(days=1)).date() if word in _YESTERDAY else fetched.date()
    for key in "abcdefghijklm":
        amount = match["rel" + key]
        if amount is not None:
            step = _unit(match["rel" + key + "u"])
            if step is None:
                return None
            count = int(amount) if amount.isdigit() else 1
            return (fetched - step * count).date()
    return None


def label_kind(text: str, start: int) -> Kind:
    """What a label ending just before ``start`` in ``text`` says the date there is."""
    before = " ".join(text[max(0, start - _LABEL_WINDOW) : start].split())
    if text[start - 1 : start].isspace():
        before += " "
    found = _LABEL_BACKWARDS.match(before[::-1])
    if found is None:
        return "plain"
    kind: Kind = found.lastgroup  # type: ignore[assignment]
    return kind


def find_dates(
    text: str, order: DayOrder = "dmy", fetched: datetime | None = None
) -> Iterator[FoundDate]:
    """Every date written in ``text``, in order; relative ones only with ``fetched``.

    "Yesterday" and "today" count only on a line of their own of at most
    :data:`SHORT_LINE` characters (a dateline, not a sentence). A date after
    ``fetched`` (plus a day for time zones) is skipped: the page cannot have been
    published after it was fetched.

    >>> [d.value.isoformat() for d in find_dates("Posted 21 mars 2005, 10:23 · 2005年3月22日")]
    ['2005-03-21', '2005-03-22']
    >>> from datetime import datetime
    >>> [d.value.isoformat() for d in find_dates("vor 3 Stunden", fetched=datetime(2026, 1, 15, 2))]
    ['2026-01-14']
    """
    text = _prepare(text)
    found = list(_absolute_dates(text, order))
    if fetched is not None and _maybe_relative(text):
        for match in _SCAN_RELATIVE.finditer(text):
            if match.lastgroup == "day" and not _on_short_line(text, match):
                continue
            value = _relative(match, fetched)
            if value is not None:
                found.append(FoundDate(value, match.start(), match.end(), "plain", True))
        found.sort(key=lambda item: item.start)
    latest = (fetched + timedelta(days=1)).date() if fetched is not None else None
    for item in found:
        if latest is None or item.value <= latest:
            kind = label_kind(text, item.start)
            yield FoundDate(item.value, item.start, item.end, kind, item.relative)


_YEAR: Final = re.compile(r"(?:19|20)\d\d")
BEFORE_YEAR: Final = 34
"""Characters a date may start before its year ("21 de septiembre de 2005")."""
AFTER_YEAR: Final = 22
"""Characters a date may go on after its year ("2005. szeptember 21.")."""
_ERAS_IN_TEXT: Final = tuple(_ERAS)


def _absolute_dates(text: str, order: DayOrder) -> Iterator[FoundDate]:
    """The absolute dates in ``text``, each searched for only around a year.

    Trying every date pattern at every position of a page's text costs about as
    much as the rest of the metadata; a year (or a Japanese era) is in every date
    these patterns read, and a plain search finds the years.
    """
    done = 0
    for year in _YEAR.finditer(text):
        if year.start() < done:
            continue
        position = max(done, year.start() - BEFORE_YEAR)
        end = year.end() + AFTER_YEAR
        while (match := _SCAN.search(text, position, end)) is not None:
            if match.start() > year.start():
                break
            # only a date that holds this year: one cut by the window's end is not whole
            if year.start() < match.end():
                value = _absolute(match, order)
                if value is not None:
                    yield FoundDate(value, match.start(), match.end(), "plain")
                    done = match.end()
                    break
            position = match.start() + 1  # "23 수정 2025.03.22": not a month, try further
    if any(era in text for era in _ERAS_IN_TEXT):
        for match in _SCAN_ERA.finditer(text):
            value = _absolute(match, order)
            if value is not None:
                yield FoundDate(value, match.start(), match.end(), "plain")


# Words that every relative date holds one of (checked before the relative patterns).
_RELATIVE_HINTS: Final = (
    "ago", "vor ", "il y a", "hace", "há ", "ha ", " fa", "geleden", "назад", "temu", "önce",
    "前", "전", "منذ", "yesterday", "gestern", "hier", "ayer", "ontem", "ieri", "gisteren",
    "wczoraj", "dün", "вчера", "учора", "today", "heute", "aujourd", "hoy", "hoje", "oggi",
    "vandaag", "dzisiaj", "bugün", "сегодня", "сьогодні", "昨", "今", "어제", "오늘", "أمس",
    "اليوم",
)  # fmt: skip


def _maybe_relative(text: str) -> bool:
    lowered = text.lower()
    return any(hint in lowered for hint in _RELATIVE_HINTS)


def _prepare(text: str) -> str:
    """Full-width digits as ASCII; two-word Arabic month names as one word."""
    text = text.translate(_WIDE)
    if "كانون" in text or "تشرين" in text:
        for phrase, month in _ARABIC_PHRASES.items():
            text = text.replace(phrase, _ARABIC_ONE_WORD[month])
    return text


SHORT_LINE: Final = 40


def _on_short_line(text: str, match: re.Match[str]) -> bool:
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    return (len(text) if end < 0 else end) - start <= SHORT_LINE


_COMPACT: Final = re.compile(r"^\s*((?:19|20)\d\d)(\d\d)(\d\d)(?:$|T|\d{4,6}\b)")
MAX_VALUE_CHARS: Final = 100
"""A longer value is prose, not a date value."""


def parse_date(value: Any, order: DayOrder = "dmy") -> date | None:
    """The date a value meant as a date holds (the first one written in it).

    Accepts what :func:`find_dates` finds (not relative dates) plus ``YYYYMMDD``;
    the date is taken as written, without a time-zone shift. Returns ``None`` for
    anything else, including non-strings, and never raises.

    >>> parse_date("2025-10-14T23:21:37-05:00"), parse_date("20251014")
    (datetime.date(2025, 10, 14), datetime.date(2025, 10, 14))
    >>> parse_date("Tue, 14 Oct 2025 09:21:37 GMT"), parse_date("03/04/2025", "mdy")
    (datetime.date(2025, 10, 14), datetime.date(2025, 3, 4))
    """
    if not isinstance(value, str) or len(value) > MAX_VALUE_CHARS:
        return None
    compact = _COMPACT.match(value)
    if compact is not None:
        return _make(int(compact[1]), int(compact[2]), int(compact[3]))
    for found in _absolute_dates(_prepare(value), order):
        return found.value
    return None


# A date in a URL path: /2012/03/21/, /2012-03-21/, /20120321/ (not a bare year).
_URL_DATE: Final = re.compile(
    r"/((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"
)
_URL_DATE_SPLIT: Final = re.compile(
    r"/((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:/|$)"
)


def url_date(url: str | None) -> date | None:
    """The full date in a URL's path (``/2012/03/21/``, ``/2012-3-21/``, ``/20120321/``).

    >>> url_date("https://news.example/2012/03/21/story"), url_date("https://x.example/2012/03/")
    (datetime.date(2012, 3, 21), None)
    """
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    scheme = path.find("//")
    path = path[path.find("/", scheme + 2 if scheme >= 0 else 0) :]
    for pattern in (_URL_DATE_SPLIT, _URL_DATE):
        found = pattern.search(path)
        if found is not None:
            value = _make(int(found[1]), int(found[2]), int(found[3]))
            if value is not None:
                return value
    return None
