"""The bundled sample crawl: present, varied, and exactly what its generator writes."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from thresher.document import Document
from thresher.readers import Rejection, Skipped, read_warc
from thresher.sample import sample_path

ROOT = Path(__file__).resolve().parents[2]


def test_sample_is_small_and_shipped_in_the_package() -> None:
    path = sample_path()
    assert path.is_file() and path.parent.name == "sample"
    assert path.stat().st_size < 300_000


def test_sample_has_pages_in_six_languages_and_the_awkward_cases() -> None:
    results = list(read_warc(sample_path()))
    hosts = Counter((r.url or "").split("/")[2] for r in results if isinstance(r, Document))
    assert len(hosts) >= 9
    langs = {b'lang="en"', b'lang="de"', b'lang="fr"', b'lang="es"', b'lang="ja"', b'lang="zh"'}
    pages = b"".join(r.html or b"" for r in results if isinstance(r, Document))
    assert all(lang in pages for lang in langs)
    reasons = Counter(r.reason for r in results if isinstance(r, Rejection))
    assert reasons == Counter({"http_status": 2, "not_html": 2})
    kinds = Counter(r.kind for r in results if isinstance(r, Skipped))
    assert kinds == Counter({"request": 19, "metadata": 19, "warcinfo": 1})
    htmls = [r.html for r in results if isinstance(r, Document)]
    assert len(htmls) - len(set(htmls)) == 1  # one exact duplicate


def test_sample_matches_its_generator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = ROOT / "benchmarks" / "make_sample.py"
    spec = importlib.util.spec_from_file_location("make_sample", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the script adds benchmarks/ to it
    monkeypatch.setitem(sys.modules, "make_sample", module)
    spec.loader.exec_module(module)
    out = tmp_path / "sample.warc.gz"
    assert module.main(["-o", str(out)]) == 0
    assert out.read_bytes() == sample_path().read_bytes()
