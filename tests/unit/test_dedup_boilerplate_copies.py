"""boilerplate_lines and copies: an article served at several URLs of a host is not chrome."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_dedup_support import SerialRunner, make_doc, run_stage, write_shards

from thresher import PipelineSpec, run_pipeline
from thresher.dedup import boilerplate as bp
from thresher.document import Document
from thresher.registry import get_stage
from thresher.serialize import open_text_read
from thresher.step import Drop, build_config

HOST = "https://news.example.org"
MENU = ["Home", "World", "Politics", "Business", "Science", "Sport", "Culture"]
FOOTER = ["About us", "Contact the newsroom", "Privacy policy", "(c) 2026 Example News"]
TOPICS = ["harbour", "library", "bakery", "bus line", "orchard", "museum", "river", "market"]


def article(topic: str, paragraphs: int = 4) -> list[str]:
    lines = [f"What happened at the {topic} this week", f"A report on the {topic}."]
    for i in range(paragraphs):
        lines.append(f"Paragraph {i} about the {topic}: residents said the {topic} had "
                     f"changed a great deal since the works began, and {i + 2} of them "
                     "wrote to the council to ask what would come next for the street.")
    return lines


STORY = article("new bridge", 6)


def site(story_pages: dict[str, list[str]], others: int = 8) -> list[Document]:
    pages = [make_doc(f"o{i}", "\n".join(MENU + article(TOPICS[i]) + FOOTER),
                      url=f"{HOST}/2026/{TOPICS[i].replace(' ', '-')}")
             for i in range(others)]
    pages += [make_doc(name, "\n".join(lines), url=f"{HOST}{name}")
              for name, lines in story_pages.items()]
    return pages


def run(tmp_path: Path, docs: list[Document], **params: object) -> dict[str, Document | Drop]:
    cls = get_stage("boilerplate_lines")
    assert cls is not None
    stage = cls(build_config(cls.Config, cls.name, params))
    shards = [docs[: len(docs) // 2], docs[len(docs) // 2 :]]
    paths = write_shards(tmp_path / "in", shards)
    out = run_stage(stage, paths, tmp_path / "work", SerialRunner())
    return {d.id: o for shard, outs in zip(shards, out, strict=True)
            for d, o in zip(shard, outs, strict=True)}


def text(result: Document | Drop) -> list[str]:
    assert isinstance(result, Document), result
    return result.text.split("\n")


def test_three_identical_copies_keep_the_article(tmp_path: Path) -> None:
    copies = {path: MENU + STORY + FOOTER
              for path in ("/2026/story", "/print/2026/story", "/amp/2026/story")}
    out = run(tmp_path, site(copies))
    for path in copies:
        assert text(out[path]) == STORY  # the menu and footer go, the article stays
    for i in range(8):
        assert text(out[f"o{i}"]) == article(TOPICS[i])


def test_print_and_amp_versions_with_their_own_chrome(tmp_path: Path) -> None:
    copies = {
        "/2026/story": MENU + STORY + FOOTER,
        "/print/2026/story": [*STORY, "Printed from news.example.org on 2026-03-02 10:14"],
        "/amp/2026/story": ["Example News AMP", *STORY, "View the full site",
                            "Updated 5 minutes ago"],
    }
    out = run(tmp_path, site(copies))
    assert text(out["/2026/story"]) == STORY
    for path in ("/print/2026/story", "/amp/2026/story"):
        assert all(line in text(out[path]) for line in STORY), path


def test_copies_alone_on_their_host_are_left_whole(tmp_path: Path) -> None:
    # Nothing tells chrome from content on a host that only has the copies: none is emptied.
    copies = [make_doc(p, "\n".join(MENU + STORY + FOOTER), url=f"{HOST}{p}")
              for p in ("/2026/story", "/print/2026/story", "/amp/2026/story")]
    out = run(tmp_path, copies)
    for doc in copies:
        assert text(out[doc.id]) == MENU + STORY + FOOTER


def test_menus_and_footers_of_a_genuine_site_still_go(tmp_path: Path) -> None:
    out = run(tmp_path, site({}))
    for i in range(8):
        result = out[f"o{i}"]
        assert text(result) == article(TOPICS[i])
        assert isinstance(result, Document)
        assert [e.line for e in result.edits] == MENU + FOOTER


def test_an_article_quoted_on_many_different_pages_is_still_cut_there(tmp_path: Path) -> None:
    # Counting contents, not pages, does not hide a block that really repeats: a promo
    # paragraph on every article page is boilerplate.
    promo = ["Subscribe to our newsletter for the best of Example News every morning."]
    docs = [make_doc(f"p{i}", "\n".join(MENU + article(TOPICS[i]) + promo + FOOTER),
                     url=f"{HOST}/2026/p{i}") for i in range(8)]
    out = run(tmp_path, docs)
    for i in range(8):
        assert text(out[f"p{i}"]) == article(TOPICS[i])


def test_grouping_joins_copies_and_separates_different_pages() -> None:
    import numpy as np

    def windows(lines: list[str]) -> list[int]:
        return bp.window_keys("h", lines, 3)

    pages = [MENU + STORY + FOOTER, [*STORY, "Printed on 2026-03-02"], MENU + STORY + FOOTER]
    pages += [MENU + article(t) + FOOTER for t in TOPICS]
    rec_page, rec_key, rec_len = [], [], []
    for n, lines in enumerate(pages):
        sizes = dict(zip(windows(lines), bp.window_sizes(lines, 3), strict=True))
        for key in sorted(sizes):
            rec_page.append(n)
            rec_key.append(key)
            rec_len.append(sizes[key])
    page = np.array(rec_page, np.int64)
    key = np.array(rec_key, np.uint64)
    counts = np.unique(key, return_inverse=True, return_counts=True)
    weight = np.array(rec_len, float) * np.log(len(pages) / counts[2][counts[1]])
    groups = bp.content_groups(page, key, weight)
    assert groups[0] == groups[1] == groups[2]
    assert len(set(groups[3:].tolist())) == len(TOPICS) and groups[0] not in groups[3:]


@pytest.mark.parametrize("annotate", [False, True])
def test_through_the_pipeline_one_copy_survives_dedup(tmp_path: Path, annotate: bool) -> None:
    docs = site({p: MENU + STORY + FOOTER
                 for p in ("/2026/story", "/print/2026/story", "/amp/2026/story")})
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": d.id, "text": d.text, "url": d.url}) + "\n"
                           for d in docs), "utf-8")
    spec = PipelineSpec.from_dict({"annotate_only": annotate,
                                   "steps": [{"use": "boilerplate_lines"},
                                             {"use": "exact_dedup"}]})
    result = run_pipeline([str(src)], str(tmp_path / "out"), spec, workers=1)
    kept = []
    for path in sorted((tmp_path / "out" / "data").glob("*")):
        with open_text_read(path) as fh:
            kept += [json.loads(line) for line in fh if line.strip()]
    story = [r for r in kept if r["text"].split("\n") == STORY]
    if annotate:  # nothing is dropped; the duplicates are flagged
        assert result.stats.documents_out == len(docs) and len(story) == 3
        flagged = [r for r in story if json.loads(r["metadata"]).get("flags")]
        assert len(flagged) == 2
    else:
        assert len(story) == 1 and result.stats.drops["exact_dedup:exact_duplicate"] == 2
