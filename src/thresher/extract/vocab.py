"""Named vocabularies that tell boilerplate from content.

Everything here is generic web vocabulary (theme and framework class names, ARIA roles,
interface phrases); nothing is keyed to a site or a benchmark. The extractor reads these
tables only; tuning the vocabulary never needs a change to the algorithm.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

#: Elements whose content is never text: not descended into.
SKIP_TAGS: Final = frozenset(
    {
        "script", "style", "template", "svg", "math", "iframe", "object",
        "embed", "canvas", "video", "audio", "select", "option", "button", "input",
        "textarea", "head", "title", "meta", "link", "map", "picture", "source",
        "dialog", "-comment",
    }
)  # fmt: skip

#: Elements that start a new block (a line break before and after their content).
BLOCK_TAGS: Final = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main",
        "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead",
        "tfoot", "tr", "td", "th", "ul", "caption", "html", "legend", "listing", "search",
        "noscript",
    }
)  # fmt: skip

#: Elements that are boilerplate by their name alone (unless they hold most of the page).
BOILER_TAGS: Final = frozenset({"nav", "aside", "footer", "menu", "search"})

#: ARIA roles of page chrome.
BOILER_ROLES: Final = frozenset(
    {
        "navigation", "contentinfo", "complementary", "search", "dialog", "alertdialog",
        "menu", "menubar", "banner", "tablist", "toolbar",
    }
)  # fmt: skip

#: Roles and tags that mark the main content: strong hints, not trusted blindly.
MAIN_ROLES: Final = frozenset({"main", "article"})

#: Words that mark boilerplate when they are any hyphen/underscore part of a class or id
#: token ("site-footer", "share_buttons", "block-loadmore").
BOILER_PARTS: Final = frozenset(
    {
        "nav", "navbar", "navigation", "menu", "menubar", "megamenu", "submenu",
        "breadcrumb", "breadcrumbs", "crumbs", "skiplink", "topbar", "masthead", "footer",
        "sidebar", "toolbar", "pagination", "pager", "paging", "pagenav", "loadmore",
        "share", "shares", "sharing", "sharebar", "sharedaddy", "social", "addthis",
        "related", "relatedposts", "recommended", "recommendations", "trending",
        "outbrain", "taboola", "teaser", "teasers", "ad", "ads", "advert", "adverts",
        "advertisement", "advertising", "adslot", "adsbygoogle", "sponsor", "sponsored",
        "dfp", "cookie", "cookies", "consent", "gdpr", "newsletter", "subscribe",
        "signup", "paywall", "byline", "authorbox", "comments", "commentlist", "commentblock",
        "commentform", "disqus", "respond", "ticker", "rail", "rails", "cta", "promo",
        "promos", "caption", "credit", "credits", "promoted", "filter", "filters", "facet",
        "facets", "refinement", "refinements", "announcement", "announcements", "signature",
        "postsignature",
    }
)  # fmt: skip

#: Parts of class/id tokens of cookie and consent dialogs: boilerplate that is never
#: protected as a layout wrapper, whatever share of the page it holds.
NEVER_CONTENT: Final = frozenset({"cookie", "cookies", "consent", "gdpr", "onetrust"})

#: Whole class/id tokens that mark boilerplate (too ambiguous as parts of a token).
BOILER_TOKENS: Final = frozenset(
    {
        "widget", "widgets", "popular", "follow", "skip", "drawer",
        "load-more", "read-more-links", "more-stories", "post-navigation", "nav-links",
        "author-box", "author-bio", "about-author", "entry-meta", "post-meta",
        "article-meta", "meta-info", "posted-on", "tags-links", "cat-links", "tag-links",
        "tags", "tag-list", "categories", "comment-respond", "comment-form",
        "comments-area", "comment-list", "reply-title", "screen-reader-text", "sr-only",
        "visually-hidden", "visuallyhidden", "d-none", "print-only", "noprint", "banner",
        "infinite-scroll", "e-load-more-message", "gpt-ad", "ad-slot", "ad-label",
        "sign-up", "side-bar", "overlay", "modal", "popup", "modal-dialog", "popup-container",
        "hidden", "invisible", "jump-links",
    }
)  # fmt: skip

#: Class/id words of comment sections (not boilerplate when comments are wanted).
COMMENT_WORDS: Final = frozenset(
    {
        "comments", "commentform", "commentlist", "commentblock", "disqus", "respond",
        "comment-respond", "comment-form",
        "comments-area", "comment-list", "reply-title",
    }
)  # fmt: skip

#: Class/id words of one comment (not of the section around a thread: `COMMENT_WORDS`):
#: the walk keeps such an element as a comment box, which the selection weighs as content
#: only on a page without an article besides the comments (a forum or Q&A thread).
COMMENT_ITEM_WORDS: Final = frozenset({"comment", "commentbody"})

#: Tokens that never mean boilerplate although a boilerplate word is part of them:
#: layout wrappers that hold the article ("has-sidebar", "content-with-sidebar").
SAFE_TOKENS: Final = frozenset(
    {
        "has-sidebar", "with-sidebar", "no-sidebar", "sidebar-layout", "content-sidebar",
        "main-content", "article-body", "entry-content", "post-content", "articlebody",
        "page-content", "story-body", "skip-content", "nav-open", "menu-open",
    }
)  # fmt: skip

#: Classes of a post's or an article's body in blog and CMS templates (Blogger's
#: `post-body`, WordPress's `entry-content`, the hAtom `hentry`): they mark the article
#: when a wrapper around it has a boilerplate name (Blogger's `widget Blog`).
CONTENT_CLASSES: Final = ("post-body", "entry-content", "hentry")

#: Class/id words of collapsible panels (accordions, tabs): hidden, yet content.
PANEL_WORDS: Final = ("panel", "collapse", "accordion", "tab-content", "tabcontent")

#: First parts of the class tokens that label a post with its taxonomy, one token per term
#: (WordPress's `category-social-media tag-sharing type-post`, TypePad's
#: `entry-category-...`): their slugs are the post's topics, not the element's role.
LABEL_PREFIXES: Final = frozenset(
    {"tag", "category", "categories", "label", "topic", "term", "format", "status", "type",
     "author"}
)  # fmt: skip
#: First parts of class tokens that say what an element holds or lacks, not what it is
#: (`has-comments`, `with-sidebar`, `no-ads`): never boilerplate evidence.
STATE_PREFIXES: Final = frozenset({"has", "with", "no", "without"})
#: A class attribute is a taxonomy label list when it holds at least this many such tokens.
MIN_LABEL_TOKENS: Final = 2

#: Parts that make a whole token content although it names a boilerplate word too:
#: embedded posts ("social-media-embed", "twitter-tweet") are quoted content.
SAFE_PARTS: Final = frozenset({"embed", "embedded", "tweet", "oembed"})

#: Short lines that are interface chrome wherever they appear.
CHROME_LINE: Final = re.compile(
    r"^\W*(?:load more|show more|see more|view more|read more|more stories|end of content|"
    r"no more (?:pages|posts|articles|items|stories)(?: to (?:load|show))?|"
    r"you have reached the end|loading\W*|advertisement|sponsored(?: content)?|"
    r"share(?: this)?(?: (?:article|story|post|page))?|share on \w+|tweet|"
    r"skip to (?:main )?content|back to top|scroll to top|print(?: this)?(?: article)?|"
    r"(?:leave|post) a (?:reply|comment)|previous(?: post| article)?|next(?: post| article)?|"
    r"related(?: posts| articles| stories)?|read also:?|see also:?|"
    r"click here to (?:subscribe|sign up)|sign up for (?:our|the) newsletter|"
    r"subscribe(?: now| to our newsletter)?|follow us(?: on \w+)?|"
    r"accept(?: all)?(?: cookies)?|we use cookies\b.*|"
    r"(?:please )?(?:enable|turn on) javascript\b.*|javascript is (?:disabled|required)\b.*|"
    r"you need to enable javascript\b.*|this slideshow requires javascript|"
    r"(?:post |view |show |add )?(?:a )?comments?(?: \(\+\)| \(\d+\))?|advert|ad|ads|"
    r"tell us what you think\b.*|\d+ min(?:ute)?s? read|reading time\b.*|"
    r"(?:photo|image|video|picture)s?|caption|close|open|expand|collapse|replay|"
    r"(?:click|tap) (?:here )?to (?:enlarge|expand|play|watch)\b.*|more videos\b.*|"
    r"(?:view|see) (?:all|gallery|full gallery|image|photos)\b.*|key points|"
    r"about the author|to read the full story\b.*|popular on \w+.*|"
    r"filed under\b.*|more (?:great )?\w+ stories|share (?:this )?(?:on|via|with) \w+|"
    r"subscribe sign in|sign in|log ?in|sign up|register|my account|"
    r"(?:next|previous|prev|older|newer) (?:\w+ )?(?:post|article|story|news|entry|page)s?|"
    r"tags?(?:\s*:.*)?|enlarge(?: image)?|getty(?: images)?|home|top stories|partner news|"
    r"online|offline|(?:registered|joined|member since)\b:?.*|(?:posts|messages|"
    r"reaction score|reputation|likes received|points):? ?[\d,.]+[km]?|"
    r"(?:new|senior|junior|active|well-known|established|veteran|registered|full) "
    r"(?:member|user)|member|moderator|administrator|quote|reply|report|permalink|"
    r"(?:click to )?expand\.*|"
    # the same phrases in other languages written in ASCII
    r"compartir|publicidad|comentarios|lire la suite|voir plus|partager|weiterlesen|"
    r"mehr anzeigen|teilen|werbung|kommentare|ler mais|ver mais|compartilhar|publicidade)"
    r"\W*$",
    re.IGNORECASE,
)

#: Interface chrome of other languages, in other scripts or with accents (only text that
#: is not all ASCII is matched against it).
CHROME_LINE_INTL: Final = re.compile(
    r"^\W*(?:加载更多|查看更多|阅读更多|閱讀更多|更多|展开(?:阅读)?全文|展開全文|收起|分享(?:到)?|"
    r"返回顶部|回到顶部|上一篇|下一篇|相关(?:文章|阅读|新闻)|相關(?:文章|閱讀|新聞)|"
    r"热门(?:文章|推荐)|推荐阅读|广告|廣告|(?:发表|查看)?评论|登录|注册|首页|"
    r"もっと見る|続きを読む|シェア(?:する)?|共有|前の記事|次の記事|関連記事|人気記事|広告|"
    r"コメント(?:する)?|ログイン|トップへ戻る|ホーム|"
    r"더 ?보기|공유(?:하기)?|이전 글|다음 글|관련 기사|광고|댓글|로그인|홈|"
    r"показать (?:ещё|еще)|читать (?:далее|также)|поделиться|реклама|комментарии|войти|"
    r"главная|похожие (?:статьи|новости)|наверх|"
    r"اقرأ (?:المزيد|أيضا|أيضاً)|عرض المزيد|مشاركة|شارك|إعلان|التعليقات|تسجيل الدخول|"
    r"الرئيسية|مقالات ذات صلة|المزيد|อ่านต่อ|ดูเพิ่มเติม|แชร์|โฆษณา|ความคิดเห็น|"
    r"เข้าสู่ระบบ|หน้าแรก|บทความที่เกี่ยวข้อง|"
    r"leer más|ver más|publicité|comentários)\W*$",
    re.IGNORECASE,
)

#: Month names and date/time shapes: lines made of these and a few words are datelines.
DATE_PART: Final = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|"
    r"sun(?:day)?|today|yesterday|ago|am|pm|a\.m|p\.m|[ecmp][sd]t|gmt|utc|ist|"
    r"published|updated|posted|modified|last|on|at|by|\d{1,4}(?:st|nd|rd|th)?)\b|"
    # dates and times of Chinese, Japanese and Korean (digits run into the unit there)
    r"\d{1,4}\s*(?:年|月|日|时|時|分|秒|년|월|일|시|분)|"
    r"星期[一二三四五六日天]|周[一二三四五六日]|[月火水木金土日]曜日?|[월화수목금토일]요일|"
    r"发布(?:时间|於|于)?|發布|发表于|發表於|更新(?:时间|時間|日)?|投稿日?|公開日?|"
    r"上午|下午|午前|午後|오전|오후",
    re.IGNORECASE,
)

#: A date somewhere in a line: a month name next to a number, or a numeric date.
HAS_DATE: Final = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}:\d{2}\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|"
    r"\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"\b(?:published|updated|posted)\b|\b\d{4}[./]\d{1,2}[./]\d{1,2}\b",
    re.IGNORECASE,
)
#: Dates of Chinese, Japanese and Korean (matched in text that is not all ASCII only).
HAS_DATE_INTL: Final = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}년\s*\d{1,2}월"
)

#: Bylines and photo credits.
CREDIT_LINE: Final = re.compile(
    r"^(?:by|written by|posted by|words by|von|por|par|door|di|av)\s+\S.{0,60}$|"
    r"(?:getty images|shutterstock|istock|associated press|\bap photo\b|\breuters\b|"
    r"\bafp\b|^\(?(?:photo|image|credit|source|foto|bild)s?\b ?:|^©|\bcopyright\b)",
    re.IGNORECASE,
)
#: Labelled credits of other scripts: reporter, editor, source, photo ("记者：...",
#: "Фото: ...", "... 기자"); matched in text that is not all ASCII only.
CREDIT_LINE_INTL: Final = re.compile(
    r"^[(（]?(?:记者|記者|编辑|編輯|责任编辑|責任編輯|作者|来源|來源|出典|写真|撮影|摄影|"
    r"图片来源|圖片來源|фото|автор|источник|текст|تصوير|المصدر|بقلم|ภาพ|ที่มา)\s*[:：]"
    r"|^\S{1,12}\s*기자$",
    re.IGNORECASE,
)

#: Calls to subscribe or follow, at most a few sentences long.
PROMO_LINE: Final = re.compile(
    r"\bsubscribe to\b|\bsign up (?:for|to)\b|\bnewsletters?\b.*\binbox\b|"
    r"(?:delivered|straight|directly|right) (?:in|to) your inbox|\bfollow (?:us|him|her|them) on\b|"
    r"\bmay be reached at\b|\bhave a (?:news )?tip\b|\bclick here for more information\b",
    re.IGNORECASE,
)

#: Longest line that PROMO_LINE may drop.
PROMO_MAX_CHARS: Final = 250

#: Wire-service reporting credits at an article's end.
REPORTING_LINE: Final = re.compile(
    r"^\W{0,3}(?:reporting|writing|editing|additional reporting|compiled|produced) by\b|"
    r"\bcontributed(?: to)?(?: this)?(?: report| story)?\W{0,3}$",
    re.IGNORECASE,
)

#: Teaser lines that point to another page ("Also on ...", "Read more: ...").
TEASER_PREFIX: Final = re.compile(
    r"^\W{0,3}(?:also on \S+|also read|read also|read more|see also|more from|more on|"
    r"don't miss|must read|recommended(?: for you)?|related(?: article| story| post)?s?)\b\s*:?",
    re.IGNORECASE,
)
#: The same of other scripts (matched in text that is not all ASCII only).
TEASER_PREFIX_INTL: Final = re.compile(
    r"^\W{0,3}(?:相关阅读|延伸阅读|推荐阅读|相關閱讀|延伸閱讀|関連記事|あわせて読みたい|"
    r"관련 기사|читайте также|смотрите также|اقرأ أيضا|اقرأ أيضاً)\s*[:：]?",
    re.IGNORECASE,
)

#: The heading that opens a post's comment thread ("Comments", "12 Responses to
#: “Title”", "5 comments:", "Leave a Reply", "3 thoughts on …"), in the
#: languages `CHROME_LINE` knows. Not "replies" or "posts": a forum thread's replies are
#: its content.
COMMENTS_HEADING: Final = re.compile(
    r"^\W*(?:(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten)\s+)?"
    r"(?:(?:reader|user|visitor)s?'?\s+)?(?:comments?|responses?|trackbacks?|pingbacks?)"
    r"(?:\s+(?:to|on|for)\b.*|\s*\(\d+\))?\W*$|"
    r"^\W*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+thoughts?\s+on\b.*$|"
    r"^\W*(?:leave|post|add|write|submit) (?:a |your )?(?:reply|comment|response)\b.*$|"
    r"^\W*(?:join|start) the (?:discussion|conversation)\W*$|"
    r"^\W*(?:\d+\s+)?(?:kommentare?|commentaires?|comentarios?|commenti|coment\u00e1rios?|"
    r"reacties|komentarze?|yorumlar|\u043a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0438|"
    r"\u8bc4\u8bba|\u8a55\u8ad6|\u7559\u8a00|\u30b3\u30e1\u30f3\u30c8|\ub313\uae00|"
    r"\u0627\u0644\u062a\u0639\u0644\u064a\u0642\u0627\u062a|\u0e04\u0e27\u0e32\u0e21\u0e04\u0e34\u0e14\u0e40\u0e2b\u0e47\u0e19)"
    r"(?:\s*[(\uff08]\d+[)\uff09])?\W*$",
    re.IGNORECASE,
)

#: A line that is only an e-mail address or a social handle (a signature).
BARE_LINK: Final = re.compile(r"^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w+)$")

_DIGIT: Final = re.compile(r"\d")
_PROMO_KEYS: Final = (
    "subscribe", "sign up", "newsletter", "inbox", "follow", "reached at", "tip", "click here",
)  # fmt: skip
_CREDIT_KEYS: Final = (
    "by ", "von ", "por ", "par ", "door ", "di ", "av ", "getty", "shutterstock", "istock",
    "associated press", "ap photo", "reuters", "afp", "photo", "image", "credit", "source",
    "foto", "bild", "\u00a9", "copyright",
)  # fmt: skip
_CREDIT_INTL_KEYS: Final = (
    "记者", "記者", "编辑", "編輯", "作者", "来源", "來源", "出典", "写真", "撮影", "摄影", "图片",
    "圖片", "фото", "автор", "источник", "текст", "تصوير", "المصدر", "بقلم", "ภาพ", "ที่มา",
    "기자",
)  # fmt: skip


def _any_of(keys: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern that finds any of `keys` as a substring (one C scan, not one per key)."""
    return re.compile("|".join(map(re.escape, keys)))


_CREDIT_KEY: Final = _any_of(_CREDIT_KEYS)
_CREDIT_INTL_KEY: Final = _any_of(_CREDIT_INTL_KEYS)


def _on_lowered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` without IGNORECASE, for lowercased text: matching each letter against
    both cases makes a long alternation two to three times slower. The same answers,
    except on the few characters whose case folding is not `str.lower` (long s, dotless
    and dotted i), which page chrome does not use."""
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


_CHROME_LOW: Final = _on_lowered(CHROME_LINE)
_TEASER_LOW: Final = _on_lowered(TEASER_PREFIX)
_PROMO_LOW: Final = _on_lowered(PROMO_LINE)
_CREDIT_LOW: Final = _on_lowered(CREDIT_LINE)
_DATE_LOW: Final = _on_lowered(HAS_DATE)
_REPORTING_LOW: Final = _on_lowered(REPORTING_LINE)
_CHROME_INTL_LOW: Final = _on_lowered(CHROME_LINE_INTL)
_TEASER_INTL_LOW: Final = _on_lowered(TEASER_PREFIX_INTL)
_CREDIT_INTL_LOW: Final = _on_lowered(CREDIT_LINE_INTL)
_COMMENTS_LOW: Final = _on_lowered(COMMENTS_HEADING)
#: The only parts of HAS_DATE without a digit.
_DATE_WORDS: Final = ("published", "updated", "posted")


@lru_cache(maxsize=8192)
def is_chrome(text: str) -> bool:
    """A whole line of interface chrome (`CHROME_LINE`, `CHROME_LINE_INTL`).

    Cached: the same short lines (menu entries, share and comment labels) recur
    within a page and across the pages of a site.
    """
    lowered = text.lower()
    if _CHROME_LOW.match(lowered) is not None:
        return True
    return not lowered.isascii() and _CHROME_INTL_LOW.match(lowered) is not None


def is_teaser(lowered: str) -> bool:
    """A line that points to another page (`TEASER_PREFIX`, `TEASER_PREFIX_INTL`), given
    lowercased."""
    if _TEASER_LOW.match(lowered) is not None:
        return True
    return not lowered.isascii() and _TEASER_INTL_LOW.match(lowered) is not None


def is_reporting(lowered: str) -> bool:
    """A wire-service reporting credit (`REPORTING_LINE`), given lowercased."""
    return _REPORTING_LOW.search(lowered) is not None


def is_promo(text: str, lowered: str | None = None) -> bool:
    """A call to subscribe or follow (keyword prefilter, then the pattern)."""
    lowered = text.lower() if lowered is None else lowered
    for key in _PROMO_KEYS:  # eight substring searches beat one alternation here
        if key in lowered:
            return _PROMO_LOW.search(lowered) is not None
    return False


def is_credit(text: str, lowered: str | None = None) -> bool:
    """A byline or a photo credit (keyword prefilter, then the pattern)."""
    lowered = text.lower() if lowered is None else lowered
    if _CREDIT_KEY.search(lowered) is not None and _CREDIT_LOW.search(lowered) is not None:
        return True
    return (
        not lowered.isascii()
        and _CREDIT_INTL_KEY.search(lowered) is not None
        and _CREDIT_INTL_LOW.search(lowered) is not None
    )


def has_date(text: str, lowered: str | None = None) -> bool:
    """A date, a time or a published/updated marker somewhere in the text."""
    lowered = text.lower() if lowered is None else lowered
    if _DIGIT.search(text) is None and not any(word in lowered for word in _DATE_WORDS):
        return False  # every other part of the patterns holds a digit
    if _DATE_LOW.search(lowered) is not None:
        return True
    return not text.isascii() and HAS_DATE_INTL.search(text) is not None


def is_comments_heading(lowered: str) -> bool:
    """A heading that opens a comment thread (`COMMENTS_HEADING`), given lowercased."""
    return _COMMENTS_LOW.match(lowered) is not None


#: Excerpt endings of teaser cards.
ELLIPSIS_END: Final = re.compile(r"(?:\u2026|\.\.\.|\[\u2026\]|\[\.\.\.\])\W{0,3}$")


def ends_with_ellipsis(text: str) -> bool:
    """The text is cut short with an ellipsis ("...", "\u2026", "[...]")."""
    tail = text[-8:]
    if "\u2026" not in tail and "..." not in tail:
        return False  # what the pattern needs is not there: most lines, no regex call
    return ELLIPSIS_END.search(tail) is not None
