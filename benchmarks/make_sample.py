"""Generate the bundled sample crawl, src/thresher/sample/sample-crawl.warc.gz.

A small Common Crawl style segment written from scratch: a warcinfo record,
then for every capture a request, a response and a metadata record, each its
own gzip member. The pages (texts in :mod:`sample_pages`) are articles in six
languages wrapped in realistic site chrome (navigation, cookie banners,
sidebars, teaser rails, footers), a forum thread, a product page, a docs page,
a listing, a login page, a near duplicate, a text-identical print version, an
exact duplicate, a 404, a redirect, a PNG and a PDF.

    PYTHONPATH=src python benchmarks/make_sample.py

The output is deterministic: rerunning it gives the same bytes.
"""

from __future__ import annotations

import argparse
import html
import struct
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_pages import (
    BIBLIOTHEK,
    BIKE_LANES,
    BIKE_LANES_SYNDICATED,
    DOCS,
    EKI,
    FORUM_POSTS,
    HUERTOS,
    LEVAIN,
    LISTING_TEASERS,
    PRODUCT,
    SAILBOAT,
    YEPAO,
    Article,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from warc_build import (
    http_request,
    http_response,
    record_id,
    sha1_digest,
    warc_record,
    write_warc_gz,
)

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "thresher" / "sample" / "sample-crawl.warc.gz"
WARC_FILENAME = "THRESHER-SAMPLE-20260301000000-00000.warc.gz"
WARCINFO_ID = record_id("warcinfo", WARC_FILENAME)


@dataclass(frozen=True)
class Capture:
    """One fetch: what the server answered for a URL."""

    url: str
    status: int
    content_type: str
    body: bytes
    extra_headers: tuple[tuple[str, str], ...] = ()


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def paragraphs(article: Article) -> str:
    return "\n".join(f"<p>{esc(p)}</p>" for p in article.paragraphs)


COOKIE_EN = ('<div id="cookie-consent" class="cookie-banner" role="dialog"><p>We use cookies to '
             'improve your experience and to measure our audience. By clicking "Accept all" you '
             'agree to our use of cookies.</p><button>Accept all</button><button>Manage '
             'preferences</button></div>')


def harbour_times(article: Article, url: str) -> str:
    """An English local news site: nav, cookie banner, most-read sidebar, teaser rail."""
    most_read = "".join(f'<li><a href="/news/{i}">{esc(t)}</a></li>'
                        for i, (t, _) in enumerate(LISTING_TEASERS[2:6]))
    rail = "".join(f'<div class="teaser"><a href="/news/r{i}"><h3>{esc(t)}</h3></a>'
                   f"<p>{esc(s)}</p></div>" for i, (t, s) in enumerate(LISTING_TEASERS[:4]))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{esc(article.title)} | The Harbour Times</title>
<meta name="description" content="{esc(article.paragraphs[0][:150])}">
<meta property="og:title" content="{esc(article.title)}">
<meta property="article:published_time" content="{article.date}T08:00:00Z">
<link rel="canonical" href="{esc(url)}">
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"section": "local"}});</script>
</head><body>
{COOKIE_EN}
<header class="site-header"><a class="logo" href="/">The Harbour Times</a>
<nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/culture">Culture</a></li><li><a href="/opinion">Opinion</a></li>
<li><a href="/weather">Weather</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav>
</header>
<main class="layout">
<article class="story">
<nav class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/news">News</a></nav>
<h1 class="headline">{esc(article.title)}</h1>
<div class="byline">By <span class="author">{esc(article.byline)}</span>
<time datetime="{article.date}">{article.date}</time></div>
<div class="share-bar"><a href="#">Share</a> <a href="#">Email</a> <a href="#">Print</a></div>
<div class="story-body">
{paragraphs(article)}
</div>
<div class="newsletter-box"><h4>Get the morning briefing</h4><p>The day's local news in your
inbox at 7am.</p><form><input type="email" placeholder="Your email"><button>Sign up</button>
</form></div>
</article>
<aside class="sidebar"><h2>Most read</h2><ol>{most_read}</ol>
<div class="ad-slot" data-ad="mpu">Advertisement</div></aside>
</main>
<section class="teaser-rail"><h2>More from The Harbour Times</h2>{rail}</section>
<footer class="site-footer"><ul><li><a href="/about">About us</a></li>
<li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy policy</a></li>
<li><a href="/terms">Terms of use</a></li></ul>
<p>&copy; 2026 The Harbour Times. All rights reserved.</p></footer>
<script src="/static/app.js"></script>
</body></html>
"""


def print_version(article: Article) -> str:
    """The same article with almost no chrome: identical text, different page."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(article.title)} (print)</title>
<meta name="robots" content="noindex"></head>
<body onload="window.print()"><div class="print-logo">The Harbour Times</div>
<h1>{esc(article.title)}</h1><p class="byline">By {esc(article.byline)}, {article.date}</p>
{paragraphs(article)}
<p class="print-footer">Printed from harbourtimes.example</p></body></html>
"""


def regional_wire(article: Article) -> str:
    """A syndication site with div soup, ads and a related-links box."""
    body = "\n".join(f'<div class="para">{esc(p)}</div>' for p in article.paragraphs)
    return f"""<!doctype html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(article.title)} - Regional Wire</title></head>
<body class="wire">
<div id="top"><div class="brand">REGIONAL WIRE</div>
<div class="menu"><a href="/">Top stories</a> | <a href="/business">Business</a> |
<a href="/politics">Politics</a> | <a href="/login">Log in</a></div></div>
<div class="gdpr-notice">This site uses cookies. <a href="/cookies">Learn more</a>
<a href="#" class="ok">OK</a></div>
<div id="content"><div class="story-header"><h1>{esc(article.title)}</h1>
<span class="dateline">{article.date} &middot; {esc(article.byline)}</span></div>
<div class="ad leaderboard">Sponsored content</div>
<div class="story-text">
{body}
</div>
<div class="related"><b>Related</b><ul><li><a href="/a/1">Bridge repairs delayed again</a></li>
<li><a href="/a/2">Bus fares frozen for another year</a></li>
<li><a href="/a/3">New ferry timetable announced</a></li></ul></div></div>
<div id="foot">Regional Wire &middot; <a href="/imprint">Imprint</a> &middot;
<a href="/privacy">Privacy</a> &middot; Content licensed from member newspapers.</div>
</body></html>
"""


def stadtanzeiger(article: Article) -> str:
    """A German regional paper (served as ISO-8859-1, other characters as references)."""
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="iso-8859-1">
<title>{esc(article.title)} - Stadtanzeiger</title></head><body>
<div class="consent-layer"><p>Wir verwenden Cookies und ähnliche Technologien, um Inhalte zu
personalisieren und Zugriffe zu analysieren.</p><button>Alle akzeptieren</button>
<button>Einstellungen</button></div>
<header><div class="logo">Stadtanzeiger</div><nav><a href="/lokales">Lokales</a>
<a href="/politik">Politik</a><a href="/kultur">Kultur</a><a href="/sport">Sport</a>
<a href="/abo">Abo</a></nav></header>
<div class="wrapper"><article><span class="kicker">Kultur</span>
<h1>{esc(article.title)}</h1><p class="meta">Von {esc(article.byline)} &ndash;
{article.date}</p>
{paragraphs(article)}
</article>
<aside><h3>Meistgelesen</h3><ul><li><a href="/1">Baustelle am Markt dauert länger</a></li>
<li><a href="/2">Freibad öffnet schon im Mai</a></li>
<li><a href="/3">Neuer Radweg an der Elbe</a></li></ul></aside></div>
<footer><a href="/impressum">Impressum</a> | <a href="/datenschutz">Datenschutz</a> |
<a href="/kontakt">Kontakt</a><br>&copy; 2026 Stadtanzeiger Verlag</footer>
</body></html>
"""


def food_blog(article: Article, lang: str, site: str, labels: dict[str, str]) -> str:
    """A personal blog: category sidebar, comments, related posts."""
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{esc(article.title)} &ndash; {site}</title>
<meta name="author" content="{esc(article.byline)}"></head><body class="blog">
<div class="topbar"><a href="/">{site}</a> <a href="/{labels['recipes_slug']}">
{labels['recipes']}</a> <a href="/about">{labels['about']}</a></div>
<div class="cookie-notice">{labels['cookies']} <a href="#">OK</a></div>
<div class="container"><div class="post">
<h1 class="entry-title">{esc(article.title)}</h1>
<div class="entry-meta">{esc(article.byline)} &middot; {article.date}</div>
<div class="entry-content">
{paragraphs(article)}
</div>
<div class="post-tags">Tags: <a href="#">{labels['tag1']}</a>,
<a href="#">{labels['tag2']}</a></div>
<div id="comments"><h3>{labels['comments']}</h3>
<div class="comment"><b>Ana</b>: {labels['comment']}</div></div>
</div>
<div class="widget-area"><h4>{labels['categories']}</h4><ul><li>{labels['tag1']}</li>
<li>{labels['tag2']}</li></ul><h4>{labels['related']}</h4><ul><li><a href="#">
{labels['related1']}</a></li></ul></div></div>
<div class="site-info">&copy; 2026 {site} &middot; {labels['powered']}</div>
</body></html>
"""


def asia_portal(article: Article, labels: dict[str, str], charset: str) -> str:
    """A portal layout for the Japanese and Chinese pages."""
    ranking = "".join(f"<li>{esc(t)}</li>" for t in labels["ranking"].split("|"))
    return f"""<!DOCTYPE html>
<html lang="{article.lang}"><head><meta charset="{charset}">
<title>{esc(article.title)} - {labels['site']}</title></head><body>
<div id="header"><div class="site-name">{labels['site']}</div><ul class="gnav">
{"".join(f'<li><a href="#">{esc(x)}</a></li>' for x in labels['nav'].split('|'))}</ul></div>
<div class="notice">{labels['cookies']}</div>
<div id="main"><div class="pankuzu">{labels['crumbs']}</div>
<div class="article"><h1>{esc(article.title)}</h1>
<p class="date">{article.date} {esc(article.byline)}</p>
{paragraphs(article)}
</div>
<div class="sns">{labels['share']}</div></div>
<div id="side"><h2>{labels['ranking_title']}</h2><ol>{ranking}</ol></div>
<div id="footer">{labels['footer']}</div>
</body></html>
"""


def forum_thread() -> str:
    posts = "\n".join(
        f'<div class="post" id="p{i}"><div class="postprofile"><strong>{esc(user)}</strong>'
        f'<span class="posts">Posts: {37 * (i + 3)}</span></div><div class="postbody">'
        f'<p class="author">{when}</p><div class="content">{esc(text)}</div>'
        f'<div class="signature">Happy baking!</div></div></div>'
        for i, (user, when, text) in enumerate(FORUM_POSTS))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Starter smells like acetone - Bread &amp; Crumb Forum</title></head><body id="phpbb">
<div class="headerbar"><h1>Bread &amp; Crumb Forum</h1><p>Home bakers helping home bakers</p>
</div>
<div class="navbar"><a href="/">Board index</a> &lsaquo; <a href="/f/2">Sourdough</a>
<span class="right"><a href="/register">Register</a> <a href="/login">Login</a></span></div>
<h2 class="topic-title">Help: starter smells like acetone</h2>
<div class="action-bar"><a class="button" href="/reply">Post Reply</a> 5 posts &bull; Page 1 of 1
</div>
{posts}
<div class="action-bar bottom"><a class="button" href="/reply">Post Reply</a></div>
<div class="jumpbox">Jump to: <select><option>Sourdough</option><option>Yeasted breads</option>
<option>Equipment</option></select></div>
<div class="footer">Powered by a forum engine &middot; Privacy | Terms
<p>Users browsing this forum: no registered users and 3 guests</p></div>
</body></html>
"""


def product_page() -> str:
    p = PRODUCT
    specs = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in p.specs)
    reviews = "".join(f'<div class="review"><span class="stars">{s}/5</span> <b>{esc(n)}</b>'
                      f"<p>{esc(t)}</p></div>" for n, s, t in p.reviews)
    desc = "".join(f"<p>{esc(x)}</p>" for x in p.description)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(p.name)} | Ridgeline Outfitters</title>
<script type="application/ld+json">{{"@type": "Product", "name": "{esc(p.name)}",
"offers": {{"price": "{p.price}", "priceCurrency": "EUR"}}}}</script></head><body>
{COOKIE_EN}
<div class="promo-bar">Free shipping on orders over 60 EUR</div>
<header><a href="/">Ridgeline Outfitters</a><nav><a href="/packs">Packs</a>
<a href="/tents">Tents</a><a href="/clothing">Clothing</a><a href="/sale">Sale</a></nav>
<a href="/cart">Cart (0)</a></header>
<div class="breadcrumb">Home / Packs / Daypacks</div>
<div class="product"><div class="gallery"><img src="/img/trailhead28.jpg" alt="Daypack"></div>
<div class="buy-box"><h1>{esc(p.name)}</h1><div class="price">EUR {p.price}</div>
<select><option>Moss</option><option>Slate</option><option>Rust</option></select>
<button class="add-to-cart">Add to cart</button><p class="stock">In stock, ships in 2 days</p>
</div></div>
<section class="description"><h2>Description</h2>{desc}</section>
<section class="specs"><h2>Specifications</h2><table>{specs}</table></section>
<section class="reviews"><h2>Reviews</h2>{reviews}</section>
<section class="cross-sell"><h2>Customers also bought</h2><ul><li>Rain cover 30L</li>
<li>Hydration bladder 3L</li><li>Trekking poles, carbon</li></ul></section>
<footer>Ridgeline Outfitters &middot; Returns &middot; Shipping &middot; Contact</footer>
</body></html>
"""


def docs_page() -> str:
    d = DOCS
    intro = "".join(f"<p>{esc(x)}</p>" for x in d.intro)
    after = "".join(f"<p>{esc(x)}</p>" for x in d.after)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(d.title)} - Quayside docs</title>
</head><body class="docs">
<nav class="topnav"><a href="/">Quayside</a> <a href="/docs">Docs</a> <a href="/api">API</a>
<a href="https://github.example/quayside">GitHub</a> <input placeholder="Search docs"></nav>
<div class="docs-layout"><aside class="toc"><p>Guide</p><ul><li><a href="/docs/install">
Installation</a></li><li><a href="/docs/clients">Clients</a></li><li class="active">
<a href="/docs/retries">Retries</a></li><li><a href="/docs/timeouts">Timeouts</a></li></ul>
</aside>
<main class="content"><h1>{esc(d.title)}</h1>{intro}
<pre><code class="language-python">{esc(d.code)}</code></pre>
{after}
<div class="pager"><a href="/docs/clients">&larr; Clients</a>
<a href="/docs/timeouts">Timeouts &rarr;</a></div>
<p class="edit"><a href="#">Edit this page</a> &middot; Last updated 2026-01-20</p></main>
</div><footer>Quayside is open source under the Apache 2.0 licence.</footer>
</body></html>
"""


def listing_page() -> str:
    items = "".join(f'<li class="card"><a href="/news/{i}"><h2>{esc(t)}</h2></a><p>{esc(s)}</p>'
                    f"</li>" for i, (t, s) in enumerate(LISTING_TEASERS))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Latest news | The Harbour Times</title>
</head><body>{COOKIE_EN}
<header class="site-header"><a class="logo" href="/">The Harbour Times</a>
<nav class="main-nav"><a href="/news">News</a> <a href="/sport">Sport</a>
<a href="/culture">Culture</a></nav></header>
<main><h1>Latest news</h1><ul class="story-list">{items}</ul>
<div class="pagination"><a href="?page=2">Older stories</a></div></main>
<footer class="site-footer">&copy; 2026 The Harbour Times</footer></body></html>
"""


def login_page() -> str:
    return """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in | Regional Wire</title></head>
<body><div class="brand">REGIONAL WIRE</div><form class="login"><h1>Sign in</h1>
<label>Email <input type="email"></label><label>Password <input type="password"></label>
<button>Sign in</button><a href="/forgot">Forgot your password?</a></form>
<div id="foot">Regional Wire &middot; Imprint &middot; Privacy</div></body></html>
"""


def not_found_page() -> str:
    return """<!DOCTYPE html>
<html><head><title>Page not found</title></head><body><h1>404</h1>
<p>Sorry, we could not find that page. It may have moved or been removed.</p>
<a href="/">Back to the front page</a></body></html>
"""


def tiny_png() -> bytes:
    """A valid 8x8 grey PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + bytes([0x80] * 8) for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def tiny_pdf() -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")


BLOG_FR = {"recipes_slug": "recettes", "recipes": "Recettes", "about": "À propos",
           "cookies": "Ce site utilise des cookies pour mesurer l'audience.",
           "tag1": "Boulangerie", "tag2": "Fermentation", "comments": "2 commentaires",
           "comment": "Merci, ma première miche est enfin réussie !",
           "categories": "Catégories", "related": "À lire aussi",
           "related1": "Brioche du dimanche", "powered": "Propulsé par un moteur de blog"}
BLOG_ES = {"recipes_slug": "barrio", "recipes": "Barrio", "about": "Quiénes somos",
           "cookies": "Usamos cookies propias y de terceros.", "tag1": "Ciudad",
           "tag2": "Medio ambiente", "comments": "1 comentario",
           "comment": "¡Qué bonito ver el solar lleno de vida!", "categories": "Categorías",
           "related": "Te puede interesar", "related1": "Mercados de proximidad",
           "powered": "Hecho con cariño en Valencia"}
PORTAL_JA = {"site": "まちかどニュース", "nav": "トップ|地域|暮らし|スポーツ|天気",
             "cookies": "当サイトではクッキーを使用しています。", "crumbs": "トップ > 地域 > 交通",
             "share": "この記事をシェアする", "ranking_title": "アクセスランキング",
             "ranking": "商店街に新しいパン屋|雪まつりの準備始まる|市バスの時刻表が変更",
             "footer": "利用規約 | プライバシーポリシー | お問い合わせ © 2026 まちかどニュース"}
PORTAL_ZH = {"site": "城市生活网", "nav": "首页|本地|生活|体育|天气",
             "cookies": "本网站使用Cookie以改善您的体验。", "crumbs": "首页 > 生活 > 运动",
             "share": "分享到", "ranking_title": "热门文章",
             "ranking": "地铁新线年底通车|周末菜市场推荐|春节出行指南",
             "footer": "关于我们 | 隐私政策 | 联系我们 © 2026 城市生活网"}

HTML_UTF8 = "text/html; charset=UTF-8"


def captures() -> list[Capture]:
    """Every fetch of the sample crawl, in crawl order."""
    ht = "https://harbourtimes.example/news/"
    sail_url = ht + SAILBOAT.slug
    bike_url = ht + BIKE_LANES.slug
    huertos_url = "https://barriovivo.example/2026/02/" + HUERTOS.slug
    huertos_html = food_blog(HUERTOS, "es", "Barrio Vivo", BLOG_ES).encode()
    return [
        Capture("https://harbourtimes.example/news/", 200, HTML_UTF8, listing_page().encode()),
        Capture(sail_url, 200, HTML_UTF8, harbour_times(SAILBOAT, sail_url).encode()),
        Capture(bike_url, 200, HTML_UTF8, harbour_times(BIKE_LANES, bike_url).encode()),
        Capture("https://regionalwire.example/story/" + BIKE_LANES_SYNDICATED.slug, 200,
                HTML_UTF8, regional_wire(BIKE_LANES_SYNDICATED).encode()),
        Capture("https://harbourtimes.example/print/" + SAILBOAT.slug, 200, HTML_UTF8,
                print_version(SAILBOAT).encode()),
        Capture("https://stadtanzeiger.example/kultur/" + BIBLIOTHEK.slug, 200,
                "text/html; charset=ISO-8859-1",
                stadtanzeiger(BIBLIOTHEK).encode("latin-1", "xmlcharrefreplace")),
        Capture("https://miettes.example/" + LEVAIN.slug, 200, HTML_UTF8,
                food_blog(LEVAIN, "fr", "Miettes &amp; Levain", BLOG_FR).encode()),
        Capture(huertos_url, 200, HTML_UTF8, huertos_html),
        Capture(huertos_url + "?utm_source=newsletter", 200, HTML_UTF8, huertos_html),
        Capture("https://machikado.example/local/" + EKI.slug, 200, HTML_UTF8,
                asia_portal(EKI, PORTAL_JA, "utf-8").encode()),
        # Chinese page: no charset in the HTTP header, GBK declared only in the page.
        Capture("https://chengshi.example/life/" + YEPAO.slug, 200, "text/html",
                asia_portal(YEPAO, PORTAL_ZH, "gbk").encode("gbk", "xmlcharrefreplace")),
        Capture("https://breadandcrumb.example/t/starter-smells-like-acetone", 200, HTML_UTF8,
                forum_thread().encode()),
        Capture("https://ridgeline.example/packs/trailhead-28", 200, HTML_UTF8,
                product_page().encode()),
        Capture("https://quayside.example/docs/retries", 200, HTML_UTF8, docs_page().encode()),
        Capture("https://regionalwire.example/login", 200, HTML_UTF8, login_page().encode()),
        Capture("https://harbourtimes.example/news/old-story", 404, HTML_UTF8,
                not_found_page().encode()),
        Capture("https://harbourtimes.example/weather", 301, HTML_UTF8, b"",
                (("Location", "https://harbourtimes.example/weather/today"),)),
        Capture("https://ridgeline.example/img/trailhead28.png", 200, "image/png", tiny_png()),
        Capture("https://quayside.example/docs/retries.pdf", 200, "application/pdf", tiny_pdf()),
    ]


def capture_records(n: int, cap: Capture) -> Iterator[bytes]:
    """Request, response and metadata records of one capture, linked like Common Crawl's."""
    date = f"2026-03-01T10:{n // 60:02d}:{n % 60:02d}Z"
    ip = f"192.0.2.{10 + n}"
    common = [("WARC-Warcinfo-ID", WARCINFO_ID), ("WARC-IP-Address", ip)]
    response_id = record_id("response", cap.url, date)
    request_block = http_request(cap.url)
    yield warc_record("request", request_block, date=date, target_uri=cap.url,
                      content_type="application/http; msgtype=request",
                      rec_id=record_id("request", cap.url, date),
                      extra=[*common, ("WARC-Concurrent-To", response_id),
                             ("WARC-Block-Digest", sha1_digest(request_block))])
    headers = [("Date", "Sun, 01 Mar 2026 10:00:00 GMT"), ("Server", "nginx"),
               ("Content-Type", cap.content_type), *cap.extra_headers,
               ("Cache-Control", "max-age=300"), ("X-Crawler-Content-Encoding", "gzip")]
    block = http_response(cap.status, cap.body, headers)
    media = cap.content_type.split(";")[0]
    yield warc_record("response", block, date=date, target_uri=cap.url,
                      content_type="application/http; msgtype=response", rec_id=response_id,
                      extra=[*common, ("WARC-Block-Digest", sha1_digest(block)),
                             ("WARC-Payload-Digest", sha1_digest(cap.body)),
                             ("WARC-Identified-Payload-Type", media)])
    meta = f"fetchTimeMs: {120 + 7 * n}\r\n".encode()
    yield warc_record("metadata", meta, date=date, target_uri=cap.url,
                      content_type="application/warc-fields",
                      rec_id=record_id("metadata", cap.url, date),
                      extra=[("WARC-Warcinfo-ID", WARCINFO_ID),
                             ("WARC-Concurrent-To", response_id)])


def all_records() -> Iterator[bytes]:
    info = (b"software: thresher make_sample.py\r\nformat: WARC File Format 1.0\r\n"
            b"isPartOf: THRESHER-SAMPLE-2026-03\r\noperator: thresher developers\r\n"
            b"description: Sample crawl written for thresher's tests and demos\r\n")
    yield warc_record("warcinfo", info, date="2026-03-01T10:00:00Z", rec_id=WARCINFO_ID,
                      content_type="application/warc-fields",
                      extra=[("WARC-Filename", WARC_FILENAME)])
    for n, cap in enumerate(captures()):
        yield from capture_records(n, cap)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    output: Path = parser.parse_args(argv).output
    records = list(all_records())
    size = write_warc_gz(output, records)
    print(f"wrote {len(records)} records, {size} bytes to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
