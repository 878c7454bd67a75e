"""A generated crawl of any size: pages from a few hundred hosts, in several languages, with
what a real crawl has (site chrome repeated over a host, refetched URLs, exact and near
copies, thin pages, non-HTML payloads, HTTP errors).

Text is written from our own small sentence banks (no data from elsewhere); the same
arguments always give the same bytes. Used by the report tests and by
``benchmarks/report_check.py`` (a 2,400-page run)::

    paths = write_crawl(folder, pages=2_400, files=4)
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from warc_build import http_request, http_response, record_id, warc_record, write_warc_gz

__all__ = ["page_records", "write_crawl"]

DATE = "2026-03-0{day}T10:{minute:02d}:00Z"

WORDS: dict[str, dict[str, list[str]]] = {
    "en": {
        "det": ["the", "a", "our", "every", "that", "one", "this", "some"],
        "adj": ["old", "young", "quiet", "narrow", "wooden", "northern", "busy", "empty",
                "local", "famous", "tiny", "green", "broken", "patient", "careful", "bright",
                "distant", "muddy", "proud", "curious", "ancient", "modern", "hidden", "rusty"],
        "noun": ["ferry", "baker", "council", "neighbour", "museum", "farmer", "harbour",
                 "volunteer", "library", "teacher", "bridge", "garden", "warehouse", "market",
                 "street", "school", "river", "chapel", "wall", "orchard", "mill", "lighthouse",
                 "bakery", "workshop", "tram", "station", "meadow", "festival", "choir", "boat",
                 "carpenter", "nurse", "fisherman", "painter", "mayor", "student", "kitchen"],
        "verb": ["repaired", "painted", "described", "visited", "rebuilt", "photographed",
                 "measured", "opened", "cleaned", "recommended", "sold", "borrowed", "mapped",
                 "restored", "guarded", "celebrated", "questioned", "counted", "welcomed"],
        "prep": ["near", "behind", "beside", "above", "across", "under", "beyond", "around",
                 "opposite", "along"],
        "when": ["in {year}", "on {day} May", "last {weekday}", "before dawn", "every autumn",
                 "after {n} weeks", "around {n} o'clock", "during the {year} floods"],
    },
    "de": {
        "det": ["der", "die", "das", "ein", "eine", "unser", "jeder", "dieser"],
        "adj": ["alte", "junge", "stille", "schmale", "hölzerne", "nördliche", "kleine",
                "leere", "bekannte", "grüne", "neugierige", "verborgene", "rostige", "helle"],
        "noun": ["Bäcker", "Rathaus", "Nachbar", "Museum", "Bauer", "Hafen", "Bibliothek",
                 "Lehrerin", "Brücke", "Garten", "Lagerhaus", "Markt", "Gasse", "Schule",
                 "Fluss", "Kapelle", "Mauer", "Mühle", "Werkstatt", "Bahnhof", "Wiese", "Chor"],
        "verb": ["reparierte", "besuchte", "beschrieb", "öffnete", "reinigte", "baute",
                 "empfahl", "verkaufte", "zählte", "feierte", "begrüßte", "bewachte"],
        "prep": ["neben", "hinter", "über", "unter", "jenseits", "entlang", "gegenüber"],
        "when": ["im Jahr {year}", "am {day}. Mai", "letzten Dienstag", "vor Sonnenaufgang",
                 "nach {n} Wochen", "gegen {n} Uhr", "jeden Herbst"],
    },
    "fr": {
        "det": ["le", "la", "un", "une", "notre", "chaque", "ce", "cette"],
        "adj": ["vieux", "jeune", "calme", "étroit", "petit", "célèbre", "vert", "curieux",
                "ancien", "moderne", "caché", "rouillé", "lumineux", "patient"],
        "noun": ["boulanger", "mairie", "voisin", "musée", "fermier", "port", "bibliothèque",
                 "institutrice", "pont", "jardin", "entrepôt", "marché", "ruelle", "école",
                 "fleuve", "chapelle", "mur", "moulin", "atelier", "gare", "prairie", "chorale"],
        "verb": ["a réparé", "a visité", "a décrit", "a ouvert", "a nettoyé", "a reconstruit",
                 "a recommandé", "a vendu", "a compté", "a célébré", "a accueilli"],
        "prep": ["près de", "derrière", "au-dessus de", "sous", "au-delà de", "le long de",
                 "en face de"],
        "when": ["en {year}", "le {day} mai", "mardi dernier", "avant l'aube",
                 "après {n} semaines", "vers {n} heures", "chaque automne"],
    },
    "es": {
        "det": ["el", "la", "un", "una", "nuestro", "cada", "este", "esta"],
        "adj": ["viejo", "joven", "tranquilo", "estrecho", "pequeño", "famoso", "verde",
                "curioso", "antiguo", "moderno", "escondido", "oxidado", "luminoso", "paciente"],
        "noun": ["panadero", "ayuntamiento", "vecino", "museo", "granjero", "puerto",
                 "biblioteca", "maestra", "puente", "huerto", "almacén", "mercado", "calle",
                 "escuela", "río", "capilla", "muro", "molino", "taller", "estación", "prado"],
        "verb": ["reparó", "visitó", "describió", "abrió", "limpió", "reconstruyó",
                 "recomendó", "vendió", "contó", "celebró", "recibió"],
        "prep": ["cerca de", "detrás de", "encima de", "bajo", "más allá de", "a lo largo de",
                 "frente a"],
        "when": ["en {year}", "el {day} de mayo", "el martes pasado", "antes del amanecer",
                 "después de {n} semanas", "hacia las {n}", "cada otoño"],
    },
}
LANGUAGES = ("en", "en", "en", "en", "de", "fr", "es")


def _sentence(rng: random.Random, lang: str) -> str:
    w = WORDS[lang]
    pick = rng.choice
    when = pick(w["when"]).format(year=rng.randint(1890, 2025), day=rng.randint(1, 28),
                                  n=rng.randint(2, 11), weekday=pick(["Monday", "Friday"]))
    words = [pick(w["det"]), pick(w["adj"]), pick(w["noun"]), pick(w["verb"]), pick(w["det"]),
             pick(w["adj"]), pick(w["noun"]), pick(w["prep"]), pick(w["det"]), pick(w["noun"]),
             when]
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, lang: str, sentences: int) -> list[str]:
    out, para = [], []
    for _ in range(sentences):
        para.append(_sentence(rng, lang))
        if len(para) >= rng.randint(2, 4):
            out.append(" ".join(para))
            para = []
    if para:
        out.append(" ".join(para))
    return out


def _page(host: str, title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    nav = "".join(f"<li><a href='/{s}'>{s.title()}</a></li>" for s in ("news", "about", "shop"))
    return (
        f"<html><head><title>{title} | {host}</title></head><body>"
        f"<nav><ul>{nav}</ul></nav><header><p>Welcome to {host}, news from the valley.</p>"
        f"</header><article><h1>{title}</h1>{body}</article>"
        f"<footer><p>All rights reserved. {host} is run by volunteers.</p>"
        f"<p>Subscribe to our newsletter for weekly stories.</p></footer></body></html>"
    ).encode()


def _kind(rng: random.Random) -> str:
    roll = rng.random()
    for kind, share in (("short", 0.08), ("copy", 0.05), ("near", 0.05), ("refetch", 0.03),
                        ("image", 0.02), ("missing", 0.02), ("empty", 0.03)):
        if roll < share:
            return kind
        roll -= share
    return "article"


def page_records(pages: int, seed: int = 0, hosts: int = 120) -> Iterator[tuple[str, int, bytes]]:
    """``(url, status, payload)`` for ``pages`` captures; ``image/png`` payloads start with PNG."""
    rng = random.Random(seed)
    made: list[tuple[str, list[str], str]] = []
    for n in range(pages):
        host = f"site-{min(int(rng.paretovariate(1.2)) - 1, hosts - 1):03d}.example"
        lang = rng.choice(LANGUAGES)
        url = f"https://{host}/{lang}/story-{n}"
        kind = _kind(rng) if made else "article"
        if kind == "missing":
            yield url, 404, b"<html><body><h1>Not found</h1></body></html>"
            continue
        if kind == "image":
            yield url.replace("story", "photo") + ".png", 200, b"\x89PNG\r\n\x1a\n" + bytes(64)
            continue
        title = f"Story {n}"
        if kind == "short":
            paragraphs = [_sentence(rng, lang)]
        elif kind == "empty":
            paragraphs = []
        elif kind in ("copy", "near", "refetch"):
            earlier_url, earlier, _ = made[rng.randrange(len(made))]
            paragraphs = list(earlier)
            if kind == "near":
                paragraphs[-1] = paragraphs[-1] + " " + _sentence(rng, lang)
            if kind == "refetch":
                url = earlier_url
        else:
            paragraphs = _paragraphs(rng, lang, rng.randint(8, 30))
        if kind == "article":
            made.append((url, paragraphs, lang))
        yield url, 200, _page(host, title, paragraphs)


def _records(captures: list[tuple[str, int, bytes]], offset: int) -> Iterator[bytes]:
    for i, (url, status, payload) in enumerate(captures):
        n = offset + i
        date = DATE.format(day=1 + n % 9, minute=n % 60)
        kind = "image/png" if payload.startswith(b"\x89PNG") else "text/html; charset=utf-8"
        req = http_request(url)
        yield warc_record("request", req, date=date, target_uri=url,
                          content_type="application/http; msgtype=request",
                          rec_id=record_id("req", str(n)))
        resp = http_response(status, payload, [("Content-Type", kind)])
        yield warc_record("response", resp, date=date, target_uri=url,
                          content_type="application/http; msgtype=response",
                          rec_id=record_id("resp", str(n)))


def write_crawl(folder: Path, pages: int, files: int = 1, seed: int = 0) -> list[Path]:
    """``pages`` captures in ``files`` ``.warc.gz`` files in ``folder``; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    captures = list(page_records(pages, seed))
    per_file = -(-pages // files)
    paths = []
    for f in range(files):
        part = captures[f * per_file:(f + 1) * per_file]
        path = folder / f"crawl-{f:02d}.warc.gz"
        write_warc_gz(path, _records(part, f * per_file))
        paths.append(path)
    return paths
