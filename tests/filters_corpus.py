"""A deterministic corpus of texts for the per-document steps (filters, cleaners, PII, dedup keys).

Built only from the project's own material: the pages of the generated crawl
(:mod:`generated_crawl`, turned into text lines with their site chrome), the inputs of
the line-cleaner golden cases, the prose files of ``tests/data``, and perturbations of
those (repeated lines, short lines, bullets, ellipses, hashtags, "lorem ipsum", code,
PII, scripts without spaces) written so that every rule of every filter fires on some
document. The same call always gives the same texts. Used by
``tests/golden/test_filters_golden.py`` and ``benchmarks/filters.py``.
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Iterator
from pathlib import Path

from generated_crawl import page_records

__all__ = ["CorpusDoc", "corpus"]

TESTS = Path(__file__).resolve().parent

CorpusDoc = tuple[str, str, str]
"""``(id, url, text)``."""

_BLOCK = re.compile(r"<(?:p|h1|li)>(.*?)</(?:p|h1|li)>")
_TAG = re.compile(r"<[^>]+>")

PII_LINES = (
    "Write to ana.ruiz@example.org for the programme, or call +44 20 7946 0958 after six.",
    "The server at 8.8.4.4 answered, the one at 192.168.0.1 did not.",
    "Our office: tel. 030 1234567, fax (030) 765-4321; version 1.2.3.4 is current.",
    "The mirror lives at 2a00:1450:4001:80b::200e and at 2001:db8::1 for tests.",
    "Call 555-867-5309 or write to bookings@harbour-museum.example before 2024-01-15.",
    "ISBN 978-3-16-148410-0 costs $ 1 234 567 in the years 1990-2010, logo@2x.png stays.",
)

UNSPACED = {
    "zh": "这个周末，市图书馆举办了一场关于城市历史的展览。展览展出了许多老照片和地图，"
    "吸引了很多家庭前来参观。工作人员介绍说，这些资料大多来自市民的捐赠。",
    "ja": "先週の土曜日、駅前の商店街で秋祭りが開かれました。たくさんの屋台が並び、"
    "子どもたちは金魚すくいや輪投げを楽しみました。主催者は来年も続けたいと話しています。",
    "th": "เมื่อวันเสาร์ที่ผ่านมา ชาวบ้านในหมู่บ้านได้ร่วมกันปลูกต้นไม้ริมคลอง "
    "เด็กๆ ช่วยกันรดน้ำและติดป้ายชื่อต้นไม้ทุกต้น ผู้ใหญ่บ้านกล่าวว่าโครงการนี้จะช่วยให้คลองสะอาดขึ้น",
}


def _page_text(payload: bytes) -> str:
    """The text lines of a generated page: its title, nav items, paragraphs and footer."""
    body = payload.decode("utf-8", "replace")
    return "\n".join(html.unescape(_TAG.sub("", m)) for m in _BLOCK.findall(body))


def _crawl_docs(pages: int) -> Iterator[CorpusDoc]:
    for n, (url, status, payload) in enumerate(page_records(pages, seed=7, hosts=40)):
        if status == 200 and not payload.startswith(b"\x89PNG"):
            yield f"crawl-{n:04d}", url, _page_text(payload)


def _file_docs() -> Iterator[CorpusDoc]:
    for path in sorted((TESTS / "golden" / "clean").glob("*/input.txt")):
        yield f"clean-{path.parent.name}", f"https://clean.example/{path.parent.name}", (
            path.read_text(encoding="utf-8")
        )
    for path in sorted((TESTS / "data").glob("prose-*.txt")):
        yield f"prose-{path.stem}", f"https://prose.example/{path.stem}", (
            path.read_text(encoding="utf-8")
        )


def _perturb(kind: str, text: str, rng: random.Random) -> str:
    lines = [line for line in text.split("\n") if line.strip()] or ["empty"]
    words = text.split() or ["empty"]
    if kind == "repeated_lines":
        return "\n".join(lines + [rng.choice(lines)] * rng.randint(2, 12))
    if kind == "repeated_paragraphs":
        return "\n\n".join(lines + lines[: rng.randint(1, len(lines))])
    if kind == "short_lines":
        step = rng.randint(2, 5)
        return "\n".join(" ".join(words[i : i + step]) for i in range(0, len(words), step))
    if kind == "bullets":
        share = rng.choice([0.5, 0.95, 1.0])
        return "\n".join(f"- {line}" if rng.random() < share else line for line in lines)
    if kind == "ellipsis":
        return "\n".join(line[: rng.randint(20, 80)] + "..." for line in lines)
    if kind == "hashtags":
        tags = " ".join(f"#{rng.choice(words)}" for _ in range(rng.randint(5, 60)))
        return f"{text}\n{tags}"
    if kind == "lorem":
        return f"{text}\nLorem ipsum dolor sit amet, consectetur adipiscing elit."
    if kind == "code":
        return (f"{text}\nfunction f(x) {{ return x + 1; }}\nUse f like this: f(2) returns 3.\n"
                "The call f({{a: 1}}) returns an object with one more field.")
    if kind == "snippet":
        return " ".join(words[: rng.randint(5, 70)])
    return _insert(kind, text, lines, rng)


def _insert(kind: str, text: str, lines: list[str], rng: random.Random) -> str:
    """Perturbations that add material to the text (repeated phrases, PII, other scripts)."""
    words = text.split() or ["empty"]
    if kind == "ngram_spam":
        phrase = " ".join(rng.sample(words, min(len(words), rng.randint(2, 6))))
        return "\n".join([*lines[:3], " ".join([phrase] * rng.randint(3, 20)), *lines[3:]])
    if kind == "copied_sentences":
        sentences = [s for line in lines for s in line.split(". ") if len(s.split()) >= 6]
        sentences = sentences or [" ".join(words[:12])]
        return "\n".join(f"{line} {rng.choice(sentences)}." for line in lines)
    if kind == "pii":
        extra = rng.sample(PII_LINES, rng.randint(1, len(PII_LINES)))
        return "\n".join(lines[:2] + extra + lines[2:])
    if kind == "unspaced":
        lang = rng.choice(sorted(UNSPACED))
        return "\n".join([UNSPACED[lang]] * rng.randint(1, 4) + lines[: rng.randint(0, 3)])
    if kind == "javascript":
        return f"{text}\nPlease enable JavaScript to view the comments.\nWe use cookies."
    if kind == "duplicated_text":
        return f"{text}\n\n{text}"
    raise ValueError(kind)


PERTURBATIONS = (
    "repeated_lines",
    "repeated_paragraphs",
    "short_lines",
    "bullets",
    "ellipsis",
    "hashtags",
    "lorem",
    "code",
    "snippet",
    "ngram_spam",
    "copied_sentences",
    "pii",
    "unspaced",
    "javascript",
    "duplicated_text",
)


def corpus(pages: int = 160, per_kind: int = 12, seed: int = 14) -> list[CorpusDoc]:
    """The documents, in a fixed order: crawl pages, file texts, then perturbations."""
    base = list(_crawl_docs(pages)) + list(_file_docs())
    rng = random.Random(seed)
    docs = list(base)
    for kind in PERTURBATIONS:
        for doc_id, url, text in rng.sample(base, min(per_kind, len(base))):
            docs.append((f"{kind}:{doc_id}", f"{url}/{kind}", _perturb(kind, text, rng)))
    docs.append(("empty", "https://edge.example/empty", ""))
    docs.append(("blank", "https://edge.example/blank", " \n\n \t\n"))
    docs.append(("one-word", "https://edge.example/one", "Hello"))
    return docs
