"""Named, multilingual vocabularies of page chrome and teaser-rail headings.

Everything here is matched against a whole line's *key* (see
:func:`thresher.clean.shape.line_key`: case-folded, NFKC, decoration and
trailing punctuation stripped), never as a substring of prose. Entries cover
English, German, French, Spanish, Italian, Dutch and Portuguese; add a
language by adding its phrases to the sets below.

Two strengths:

* *strong* phrases and patterns are chrome wherever they stand alone on a line
  ("Load more", "Share on Facebook", "Page 2 of 5");
* *weak* phrases are chrome only next to another chrome line (a bare
  "Facebook" or "Accept" is chrome in a share bar or a cookie banner, but may
  be an item of a list in an article).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "CHROME_PATTERNS",
    "COOKIE_CONTEXT",
    "COOKIE_NOTICE",
    "INLINE_TEASER",
    "RAIL_HEADINGS",
    "RAIL_META",
    "READ_MORE_SUFFIX",
    "STRONG_PHRASES",
    "WEAK_PHRASES",
]

# Vocabularies read better as wrapped lists than one phrase a line.
# fmt: off
RAIL_HEADINGS: frozenset[str] = frozenset(
    {
        # en
        "news", "latest news", "more news", "top news", "related", "related news",
        "related articles", "related posts", "related stories", "related content",
        "more stories", "more articles", "more from", "more to read", "recommended",
        "recommended for you", "recommended stories", "you may also like",
        "you might also like", "you may be interested in", "you might be interested in",
        "read next", "up next", "trending", "trending now", "popular", "popular posts",
        "most popular", "most read", "latest", "latest posts", "latest stories",
        "recent posts", "recent articles", "don't miss", "editor's picks",
        "further reading", "also on", "in other news", "more on this story",
        # de
        "nachrichten", "mehr zum thema", "weitere artikel", "das könnte sie auch interessieren",
        "das könnte dich auch interessieren", "auch interessant", "lesen sie auch",
        "empfohlene artikel", "meistgelesen", "neueste artikel", "aktuelle beiträge",
        "ähnliche beiträge", "ähnliche artikel", "weitere nachrichten", "top-themen",
        # fr
        "actualités", "à lire aussi", "a lire aussi", "lire aussi", "à lire également",
        "sur le même sujet", "articles similaires", "articles récents", "les plus lus",
        "vous aimerez aussi", "vous aimerez aussi aussi", "à découvrir aussi",
        "à ne pas manquer", "dans la même rubrique", "derniers articles",
        # es
        "noticias", "noticias relacionadas", "artículos relacionados", "también te puede interesar",
        "te puede interesar", "le puede interesar", "te puede gustar", "lo más leído",
        "más noticias", "últimas noticias", "entradas relacionadas", "lee también",
        "lea también", "más información", "quizás te interese",
        # it
        "notizie", "articoli correlati", "leggi anche", "potrebbe interessarti",
        "ti potrebbe interessare", "i più letti", "ultime notizie", "altre notizie",
        # nl
        "nieuws", "lees ook", "gerelateerde artikelen", "meer nieuws", "meest gelezen",
        # pt
        "notícias", "leia também", "veja também", "artigos relacionados", "mais lidas",
        "posts relacionados", "você também pode gostar",
    }
)
"""Headings that introduce a teaser rail ("News", "Mehr zum Thema", "À lire aussi")."""

_STRONG: dict[str, set[str]] = {
    "read_more": {
        "read more", "continue reading", "read the full article",
        "read full article", "read the full story", "read full story", "keep reading",
        "weiterlesen", "mehr lesen", "mehr erfahren", "lire la suite", "lire plus",
        "leer más", "seguir leyendo", "sigue leyendo", "leer mas", "continua a leggere",
        "leggi di più", "leggi tutto", "lees meer", "verder lezen", "ler mais",
        "continuar lendo", "leia mais",
    },
    "load_more": {
        "load more", "load more posts", "load more articles", "load more stories",
        "load more comments", "show more", "show more comments", "show more posts",
        "view more", "view more comments", "see more", "see more stories", "more posts",
        "older posts", "newer posts", "older entries", "newer entries", "view all comments",
        "mehr laden", "mehr anzeigen", "weitere artikel laden", "weitere laden",
        "charger plus", "afficher plus", "voir plus", "plus d'articles", "cargar más",
        "ver más", "mostrar más", "carica altri", "mostra altro", "meer laden",
        "toon meer", "carregar mais", "ver mais", "mostrar mais",
    },
    "end_of_feed": {
        "end of content", "no more pages to load", "no more posts", "no more posts to show",
        "no more articles", "no more stories", "you've reached the end",
        "you have reached the end", "you're all caught up", "that's all for now",
        "keine weiteren artikel", "keine weiteren beiträge", "fin du contenu",
        "plus d'articles à charger", "fin del contenido", "no hay más entradas",
        "fine dei contenuti", "einde van de inhoud", "fim do conteúdo",
    },
    "pagination": {
        "previous page", "next page", "previous post", "next post",
        "previous article", "next article", "previous story", "next story",
        "vorherige seite", "nächste seite", "vorheriger artikel", "nächster artikel",
        "page précédente", "page suivante", "article précédent", "article suivant",
        "página anterior", "página siguiente", "pagina precedente", "pagina successiva",
        "vorige pagina", "volgende pagina", "próxima página",
    },
    "share": {
        "share", "share this", "share this:", "share this article", "share this post",
        "share this story", "share on facebook", "share on twitter", "share on x",
        "share on linkedin", "share on whatsapp", "share on pinterest", "share on reddit",
        "share via email", "share by email", "share via e-mail", "tweet", "tweet this",
        "pin it", "email this", "share article", "share story",
        "click to share on facebook (opens in new window)",
        "click to share on twitter (opens in new window)",
        "click to share on x (opens in new window)",
        "click to email a link to a friend (opens in new window)",
        "click to print (opens in new window)",
        "teilen", "artikel teilen", "auf facebook teilen", "auf twitter teilen",
        "per e-mail teilen", "partager", "partager cet article", "partager sur facebook",
        "partager sur twitter", "compartir", "compartir en facebook", "compartir en twitter",
        "compartir este artículo", "condividi", "condividi su facebook", "delen",
        "deel dit artikel", "compartilhar", "compartilhe",
    },
    "newsletter": {
        "subscribe", "subscribe now", "subscribe to our newsletter", "sign up for our newsletter",
        "sign up to our newsletter", "subscribe to the newsletter", "join our newsletter",
        "get our newsletter", "sign up for the newsletter", "newsletter sign up",
        "newsletter signup", "enter your email address", "enter your email",
        "your email address", "newsletter abonnieren", "jetzt abonnieren",
        "abonnez-vous à notre newsletter", "inscrivez-vous à notre newsletter",
        "s'abonner à la newsletter", "suscríbete a nuestro boletín",
        "suscríbete a nuestra newsletter", "suscríbete", "iscriviti alla newsletter",
        "iscriviti alla nostra newsletter", "schrijf je in voor onze nieuwsbrief",
        "assine nossa newsletter", "inscreva-se na nossa newsletter",
    },
    "cookie_notice": {
        "accept cookies", "accept all cookies", "allow all cookies", "allow cookies",
        "cookie settings", "manage cookies", "manage cookie preferences", "reject all cookies",
        "alle cookies akzeptieren", "cookie-einstellungen", "accepter les cookies",
        "paramètres des cookies", "aceptar cookies", "configuración de cookies",
        "accetta i cookie", "impostazioni cookie", "cookies accepteren", "aceitar cookies",
    },
    "comments": {
        "leave a comment", "leave a reply", "post a comment", "add a comment", "comments",
        "show comments", "view comments", "join the discussion", "join the conversation",
        "you must be logged in to post a comment",
        "your email address will not be published. required fields are marked *",
        "your email address will not be published",
        "kommentar schreiben", "kommentare", "laisser un commentaire", "commentaires",
        "deja un comentario", "deja una respuesta", "comentarios", "lascia un commento",
        "commenti", "reactie plaatsen", "deixe um comentário", "comentários",
    },
    "ad_label": {
        "advertisement", "advertisment", "sponsored", "sponsored content", "ad",
        "story continues below advertisement", "article continues below advertisement",
        "scroll to continue with content", "anzeige", "werbung", "publicité", "publicidad",
        "pubblicità", "advertentie", "publicidade",
    },
    "skip_link": {
        "skip to content", "skip to main content", "skip to navigation", "back to top",
        "jump to content", "zum inhalt springen", "nach oben", "aller au contenu",
        "retour en haut", "ir al contenido", "volver arriba", "vai al contenuto",
        "torna su", "naar boven", "ir para o conteúdo", "voltar ao topo",
    },
}

_WEAK: dict[str, set[str]] = {
    "share": {
        "facebook", "twitter", "x", "linkedin", "whatsapp", "pinterest", "reddit",
        "telegram", "email", "e-mail", "print", "copy link", "copy url", "messenger",
        "flipboard", "tumblr", "mail", "drucken", "imprimer", "imprimir", "stampa",
    },
    "cookie_notice": {
        "accept", "accept all", "i accept", "reject", "reject all", "decline", "ok",
        "got it", "i agree", "agree", "close", "settings", "preferences",
        "akzeptieren", "alle akzeptieren", "ablehnen", "accepter", "tout accepter",
        "refuser", "aceptar", "aceptar todo", "rechazar", "accetta", "accetta tutti",
        "rifiuta", "accepteren", "aceitar",
    },
    "pagination": {
        "…", "...", "first", "last", "« first", "last »", "previous", "next", "prev", "zurück",
        "weiter", "précédent", "suivant", "anterior", "siguiente", "precedente", "successivo",
        "vorige", "volgende", "próximo",
    },
}

# fmt: on

STRONG_PHRASES: Mapping[str, frozenset[str]] = MappingProxyType(
    {rule: frozenset(words) for rule, words in _STRONG.items()}
)
"""Rule -> phrases that are chrome wherever they make up a whole line."""

WEAK_PHRASES: Mapping[str, frozenset[str]] = MappingProxyType(
    {rule: frozenset(words) for rule, words in _WEAK.items()}
)
"""Rule -> phrases that are chrome only next to another chrome line."""

_OF = r"(?:of|/|von|sur|de|di|van)"
_PAGE = r"(?:page|seite|página|pagina)"
_NEXT = r"(?:next|suivant|weiter|nächste|siguiente|successivo|volgende|próximo|»|›|→)"

CHROME_PATTERNS: Mapping[str, tuple[re.Pattern[str], ...]] = MappingProxyType(
    {
        "pagination": (
            re.compile(rf"{_PAGE} \d{{1,5}} {_OF} \d{{1,5}}"),
            re.compile(rf"(?:« ?)?(?:\d{{1,4}} ){{1,12}}(?:(?:…|\.\.\.) )?(?:\d{{1,5}} )?{_NEXT}"),
            re.compile(
                r"(?:« ?|‹ ?|← ?)?(?:previous|prev|newer)(?: (?:page|posts?|entries))?"
                r" ?[/|·] ?(?:next|older)(?: (?:page|posts?|entries))?(?: ?»| ?›| ?→)?"
            ),
        ),
        "comments": (
            re.compile(
                r"(?:\d{1,6} )?(?:comments?|kommentare?|commentaires?|comentarios?|"
                r"commenti|reacties|comentários) ?\(?\d{0,6}\)?"
            ),
            re.compile(r"(?:show|view|load|read) (?:all )?\d{1,6} comments?"),
        ),
        "share": (
            re.compile(r"share (?:on|via|to) [\w+. -]{1,20}"),
            re.compile(r"click to (?:share|email|print)[\w ,.()-]{0,60}"),
        ),
    }
)
"""Rule -> whole-key patterns (``fullmatch`` on the line key) for numbered variants."""

COOKIE_NOTICE: re.Pattern[str] = re.compile(
    r".{0,60}?\b(?:use|uses|using|use of|utilis\w{0,5}|verwende\w{0,2}|nutz\w{0,2}|setz\w{0,2}"
    r"|utiliz\w{0,5}|usa\w{0,3}|usamos|gebruik\w{0,3})\b.{0,25}?\b(?:cookies?|témoins)\b",
    re.IGNORECASE,
)
"""Start of a cookie notice: a verb of use, then "cookies", early in the line."""

COOKIE_CONTEXT: re.Pattern[str] = re.compile(
    r"\b(?:experience|consent|accept|agree|privacy|policy|settings|personali[sz]|analytic"
    r"|advertis|browsing|website|site|zustimm|einverstanden|datenschutz|akzeptier|webseite"
    r"|accepte|consentement|confidentialit|navigation|acept|consentimiento|privacidad"
    r"|navegaci|acconsent|consenso|navigazione|toestemming|akkoord|concorda|privacidade)",
    re.IGNORECASE,
)
"""Words of consent or purpose that a cookie notice also carries (rules out recipes)."""

INLINE_TEASER: re.Pattern[str] = re.compile(
    r"(?:read (?:more|also|next)|also read|related|recommended|more on this"
    r"|lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|lire aussi|à lire aussi"
    r"|a lire aussi|voir aussi|lea también|lee también|le puede interesar|leggi anche"
    r"|lees ook|leia também|veja também) ?(?::|>>|»|→) ?\S.*",
    re.IGNORECASE,
)
"""A one-line teaser: "Read more: <headline>", "Lire aussi : <titre>"."""

_MONTHS = (
    r"jan(?:uary|uar|vier|eiro)?|feb(?:ruary|ruar)?|févr(?:ier)?|fev(?:ereiro)?|mar(?:ch|s|zo|ço)?"
    r"|märz|apr(?:il|ile)?|avr(?:il)?|abr(?:il)?|may|mai|mayo|maio|maggio|jun(?:e|i|io|ho)?"
    r"|juin|giugno|jul(?:y|i|io|ho)?|juil(?:let)?|luglio|aug(?:ust|usti)?|août|ago(?:sto)?"
    r"|sep(?:t|tember|tembre|tiembre|tembro)?|set(?:tembre)?|oct(?:ober|obre|ubre)?|okt(?:ober)?"
    r"|out(?:ubro)?|ott(?:obre)?|nov(?:ember|embre|embro)?|dec(?:ember)?|dez(?:ember|embro)?"
    r"|déc(?:embre)?|dic(?:iembre|embre)?"
)

RAIL_META: re.Pattern[str] = re.compile(
    rf"^\W*(?:(?:by|von|par|por|di|door) \w[\w.' -]{{0,40}}"
    rf"|.{{0,30}}\b(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:{_MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
    rf"|\d{{1,2}}\.? (?:de )?(?:{_MONTHS})\.? (?:de )?\d{{4}}"
    rf"|\d{{1,3}} (?:min(?:ute)?s?|hours?|days?|weeks?) ago|vor \d{{1,3}} \w+|il y a \d{{1,3}} \w+"
    rf"|hace \d{{1,3}} \w+|\d{{1,3}} min(?:ute)?s? read)\b.{{0,30}})$",
    re.IGNORECASE,
)
"""A date or byline line between a rail item's headline and excerpt."""

READ_MORE_SUFFIX: re.Pattern[str] = re.compile(
    r"\s*[\[(]?\s*(?:read more|continue reading|keep reading|weiterlesen|mehr lesen"
    r"|lire la suite|leer más|seguir leyendo|leggi tutto|continua a leggere|lees meer"
    r"|ler mais|leia mais)\s*[\])]?\W{0,3}$",
    re.IGNORECASE,
)
"""A "read more" link glued to the end of an excerpt ("…cut off here… Read more »")."""
