"""MinHash near-dedup benchmark: thresher against datatrove and datasketch, in the same run.

Builds (or reuses) the corpus of ``benchmarks/make_dedup_corpus.py``, runs each tool
in its own process with the same parameters (5-word shingles, 14 bands x 8 rows = 112
permutations, seed 1) and the same number of worker processes, and measures:

* precision and recall of duplicate pairs: the truth joins two documents when their
  exact 5-shingle Jaccard similarity is >= 0.8, closed transitively (the pairs of the
  truth's connected components); a tool's pairs are those of its clusters;
* the detection rate per edit level (copy in the same cluster as its original);
* wall time and documents per second of the whole dedup (read shards, decide, write
  the kept documents), and the peak RSS summed over the tool's process tree.

``--scale N`` instead runs thresher alone on N generated documents of ordinary length
(time and peak memory). Results go to ``benchmarks/results/dedup.json`` and are rendered
into ``benchmarks/results/dedup.md``.

    python benchmarks/dedup.py --families 800 --unrelated 2800 --shards 8   # comparison
    python benchmarks/dedup.py --scale 1000000 --shards 16                  # scale run
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from machine import cpu_model, version

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
PARAMS = {"shingle_words": 5, "bands": 14, "rows": 8, "num_perm": 112, "seed": 1}
TOOLS = ("thresher", "thresher-112", "datatrove", "datasketch")
THRESHER_PERMS = {"thresher": 256, "thresher-112": 112}


# -- measuring ------------------------------------------------------------------------------------


def _tree_rss(root: int) -> tuple[int, int]:
    """(sum, max) of the RSS in bytes of ``root`` and all its descendants."""
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm") as f:
                resident = int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parent[int(entry)] = int(fields[1])
        rss[int(entry)] = resident * page
    children: dict[int, list[int]] = defaultdict(list)
    for pid, ppid in parent.items():
        children[ppid].append(pid)
    total = biggest = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        biggest = max(biggest, rss.get(pid, 0))
        stack.extend(children.get(pid, ()))
    return total, biggest


def run_measured(argv: Sequence[str]) -> dict[str, Any]:
    """Run a command; its wall time and peak RSS (tree sum, largest process)."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(argv))
    peak_sum = peak_max = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_sum, peak_max
        while not done.is_set():
            total, biggest = _tree_rss(proc.pid)
            peak_sum, peak_max = max(peak_sum, total), max(peak_max, biggest)
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    done.set()
    sampler.join()
    if code != 0:
        raise SystemExit(f"{argv} failed with exit code {code}")
    return {
        "seconds": time.perf_counter() - start,
        "peak_rss_sum": peak_sum,
        "peak_rss_max": peak_max,
    }


# -- the tools (each runs in its own process: python dedup.py --run TOOL) ------------------------


def _shards(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("shard-*.jsonl.zst"))


def _stage(num_perm: int) -> Any:
    from thresher.dedup.stages import MinHashDedupStage

    return MinHashDedupStage(MinHashDedupStage.Config(**{**PARAMS, "num_perm": num_perm}))


def _apply_shard(item: tuple[Path, int, Path, Path, int]) -> list[tuple[str, str]]:
    """thresher: stream one shard through the stage's applier, write the kept documents."""
    from thresher.document import Document
    from thresher.serialize import read_documents, write_documents

    workdir, shard, path, out, num_perm = item
    step = _stage(num_perm).applier(workdir, shard)
    step.setup()
    clusters: list[tuple[str, str]] = []
    kept: list[Document] = []
    for doc in read_documents(path):
        result = step.process(doc)
        if isinstance(result, Document):
            kept.append(result)
            clusters.append((doc.id, str(result.metadata.get("minhash_cluster_id", doc.id))))
        else:
            clusters.append((doc.id, str(result.data["duplicate_of"])))
    write_documents(out / path.name, kept)
    return clusters


def run_thresher(corpus: Path, work: Path, workers: int, num_perm: int = 256) -> dict[str, str]:
    """thresher's minhash_dedup stage (analyze, then the applier over each shard)."""
    from thresher.executors.local import LocalExecutor

    stage = _stage(num_perm)
    runner = LocalExecutor(workers=workers)
    shards = _shards(corpus)
    stage.analyze(shards, work / "stage", runner)
    (work / "out").mkdir(parents=True, exist_ok=True)
    items = [(work / "stage", i, p, work / "out", num_perm) for i, p in enumerate(shards)]
    return dict(pair for shard in runner.map(_apply_shard, items) for pair in shard)


def run_datatrove(corpus: Path, work: Path, workers: int) -> dict[str, str]:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig,
        MinhashDedupBuckets,
        MinhashDedupCluster,
        MinhashDedupFilter,
        MinhashDedupSignature,
    )
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove.utils.hashing import HashConfig

    # xxhash 4 takes bytes only and datatrove 0.10.1 hands it str: use its sha1 option
    cfg = MinhashConfig(
        n_grams=PARAMS["shingle_words"],
        num_buckets=PARAMS["bands"],
        hashes_per_bucket=PARAMS["rows"],
        seed=PARAMS["seed"],
        hash_config=HashConfig(precision=64, hash_fc="sha1"),
    )
    n = len(_shards(corpus))

    def reader() -> JsonlReader:
        return JsonlReader(str(corpus), glob_pattern="shard-*.jsonl.zst")

    def execute(pipeline: list[Any], tasks: int, name: str) -> None:
        LocalPipelineExecutor(
            pipeline=pipeline,
            tasks=tasks,
            workers=min(workers, tasks),
            logging_dir=str(work / "logs" / name),
        ).run()

    execute([reader(), MinhashDedupSignature(str(work / "sigs"), config=cfg)], n, "sigs")
    execute(
        [MinhashDedupBuckets(str(work / "sigs"), str(work / "buckets"), config=cfg)],
        cfg.num_buckets,
        "buckets",
    )
    execute(
        [
            MinhashDedupCluster(
                str(work / "buckets"), str(work / "remove"), config=cfg, save_cluster_id=True
            )
        ],
        1,
        "cluster",
    )
    execute(
        [
            reader(),
            MinhashDedupFilter(
                str(work / "remove"),
                exclusion_writer=JsonlWriter(str(work / "removed")),
                load_cluster_ids=True,
            ),
            JsonlWriter(str(work / "out")),
        ],
        n,
        "filter",
    )
    return _datatrove_clusters([work / "out", work / "removed"])


def _datatrove_clusters(folders: Iterable[Path]) -> dict[str, str]:
    import gzip

    clusters: dict[str, str] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.jsonl.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as src:
                for line in src:
                    rec = json.loads(line)
                    cid = rec.get("metadata", {}).get("minhash_cluster_id", -1)
                    clusters[rec["id"]] = rec["id"] if cid == -1 else f"dt{cid}"
    return clusters


def _datasketch_sigs(path: Path) -> list[tuple[str, Any]]:
    from datasketch import LeanMinHash, MinHash

    from thresher.dedup.minhash import shingles
    from thresher.serialize import read_documents

    out = []
    for doc in read_documents(path):
        m = MinHash(num_perm=PARAMS["num_perm"], seed=PARAMS["seed"])
        m.update_batch([s.encode("utf-8") for s in shingles(doc.text, PARAMS["shingle_words"])])
        out.append((doc.id, LeanMinHash(m)))
    return out


def run_datasketch(corpus: Path, work: Path, workers: int) -> dict[str, str]:
    from datasketch import MinHashLSH

    from thresher.executors.local import LocalExecutor

    sigs = [
        row
        for shard in LocalExecutor(workers).map(_datasketch_sigs, _shards(corpus))
        for row in shard
    ]
    lsh = MinHashLSH(num_perm=PARAMS["num_perm"], params=(PARAMS["bands"], PARAMS["rows"]))
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc_id, m in sigs:
        parent[doc_id] = doc_id
        for other in lsh.query(m):
            a, b = find(doc_id), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
        lsh.insert(doc_id, m)
    return {doc_id: find(doc_id) for doc_id in parent}


RUNNERS = {"datatrove": run_datatrove, "datasketch": run_datasketch}


def child_main(tool: str, corpus: Path, work: Path, workers: int, out: Path) -> None:
    if tool in THRESHER_PERMS:
        clusters = run_thresher(corpus, work, workers, THRESHER_PERMS[tool])
    else:
        clusters = RUNNERS[tool](corpus, work, workers)
    out.write_text(json.dumps(clusters), encoding="utf-8")


# -- evaluation -----------------------------------------------------------------------------------


def _pairs(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def truth_components(corpus: Path, threshold: float = 0.8) -> dict[str, str]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    with (corpus / "truth.jsonl").open(encoding="utf-8") as src:
        for line in src:
            find(json.loads(line)["id"])
    with (corpus / "edges.jsonl").open(encoding="utf-8") as src:
        for line in src:
            a, b, j = json.loads(line)
            if j >= threshold:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def evaluate(corpus: Path, clusters: dict[str, str]) -> dict[str, Any]:
    truth = truth_components(corpus)
    both = Counter((clusters[d], truth[d]) for d in truth)
    tp = _pairs(both.values())
    predicted = _pairs(Counter(clusters[d] for d in truth).values())
    actual = _pairs(Counter(truth.values()).values())
    levels: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with (corpus / "truth.jsonl").open(encoding="utf-8") as src:
        for line in src:
            row = json.loads(line)
            if row["family"] < 0 or row["id"].endswith("-orig"):
                continue
            original = f"f{row['family']}-orig"
            levels[f"{row['level']:.2f}"][0] += clusters[row["id"]] == clusters[original]
            levels[f"{row['level']:.2f}"][1] += 1
    return {
        "docs": len(truth),
        "true_pairs": actual,
        "predicted_pairs": predicted,
        "precision": tp / predicted if predicted else 1.0,
        "recall": tp / actual if actual else 1.0,
        "detected_by_level": {k: v[0] / v[1] for k, v in sorted(levels.items(), reverse=True)},
    }


# -- reporting ------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "packages": {
            p: version(p)
            for p in ("numpy", "xxhash", "zstandard", "datatrove", "datasketch", "spacy")
        },
        "load_avg_at_start": os.getloadavg()[0],
    }


def _mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


CORPUS_NOTE = (
    "built by `benchmarks/make_dedup_corpus.py` (originals from `../shared/bench/*/truth.jsonl`"
    " plus generated text; copies edited to 5-shingle Jaccard 1.0/0.95/0.90/0.85/0.80"
    " (duplicates) and 0.60/0.40 (not duplicates), plus unrelated documents). Same parameters"
    " for all: 5-word shingles, 14 bands x 8 rows, 112 permutations, seed 1. `thresher` is the"
    " default config, which computes 256 permutations (the first 112 feed the bands, all of"
    " them confirm candidate pairs); `thresher-112` uses exactly the peers' 112. Truth: the"
    " pairs of the connected components of the graph of exact Jaccard >= 0.8."
)
TOOL_NOTE = (
    "Notes: thresher confirms each LSH candidate pair by its signature similarity"
    " (`min_similarity` = 0.7); datatrove and datasketch merge every bucket collision, so the"
    " 0.60 and 0.40 copies that collide become false positives. datatrove runs with"
    " `HashConfig(hash_fc='sha1')` because its default xxhash path hands `str` to xxhash 4.x,"
    " which takes bytes only; it tokenizes with spaCy. datasketch has no pipeline: its time"
    " covers signatures (worker processes, our shingles) and LSH + union-find in one process,"
    " without writing output. Wall times include process start-up (thresher's executor starts"
    " a worker pool per task batch, about 1 s each on this machine). The machine is shared:"
    " absolute times move with its load (datatrove's took from 30 s to 170 s for the same"
    " 3,000 documents in two runs), so compare tools within one run."
)


def _machine_line(m: dict[str, Any]) -> str:
    packages = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    return (
        f"Machine: {m['nproc']} cores ({m['cpu']}), Python {m['python']}, {packages}; "
        f"load average at start {m['load_avg_at_start']:.1f} (machine shared with other jobs)."
    )


def _comparison_md(comp: dict[str, Any]) -> list[str]:
    tools = comp["tools"]
    base = tools.get("datatrove", {}).get("docs_per_s")
    lines = [
        "## MinHash near-dedup: thresher vs datatrove vs datasketch",
        "",
        f"Corpus: {comp['docs']:,} documents in {comp['shards']} shards, {CORPUS_NOTE}"
        f" {comp['workers']} worker processes for every tool.",
        "",
        "| tool | precision | recall | wall s | docs/s | vs datatrove | peak RSS (sum) | largest |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for tool, r in tools.items():
        ratio = f"{r['docs_per_s'] / base:.1f}x" if base else "-"
        lines.append(
            f"| {tool} | {r['precision']:.4f} | {r['recall']:.4f} | {r['seconds']:.1f} "
            f"| {r['docs_per_s']:,.0f} | {ratio} | {_mib(r['peak_rss_sum'])} "
            f"| {_mib(r['peak_rss_max'])} |"
        )
    lines += ["", "Copies found in the same cluster as their original, by edit level:", ""]
    lines += ["| level | " + " | ".join(tools) + " |", "|---" * (len(tools) + 1) + "|"]
    for level in next(iter(tools.values()))["detected_by_level"]:
        cells = [f"{r['detected_by_level'][level]:.3f}" for r in tools.values()]
        lines.append(f"| {level} | " + " | ".join(cells) + " |")
    return [
        *lines,
        "",
        TOOL_NOTE,
        "",
        _machine_line(comp["machine"]),
        "",
        f"Command: `{comp['command']}`",
        "",
    ]


def _scale_md(runs: dict[str, Any]) -> list[str]:
    lines = [
        "## Scale runs (thresher only, end to end: signatures to written output)",
        "",
        "Generated documents of ordinary length (one in five a lightly edited copy of an"
        " earlier one).",
        "",
        "| documents | mean words | shards | workers | wall | docs/s | peak RSS (sum) | largest"
        " | dropped as near duplicates |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for _, r in sorted(runs.items(), key=lambda kv: int(kv[0])):
        lines.append(
            f"| {r['docs']:,} | {r['mean_words']:.0f} | {r['shards']} | {r['workers']} "
            f"| {r['seconds'] / 60:.1f} min | {r['docs_per_s']:,.0f} | {_mib(r['peak_rss_sum'])} "
            f"| {_mib(r['peak_rss_max'])} | {r['dropped']:,} |"
        )
    last = max(runs.values(), key=lambda r: r["docs"])
    if last.get("phases"):
        parts = ", ".join(f"{name} {sec:.0f} s" for name, sec in last["phases"].items())
        lines += ["", f"Where the time of the {last['docs']:,}-document run went: {parts}."]
    if last.get("extrapolation"):
        lines += ["", f"**Extrapolation (not measured):** {last['extrapolation']}"]
    lines += ["", _machine_line(last["machine"]), ""]
    lines += [f"Command: `{r['command']}`" for r in runs.values()]
    return [*lines, ""]


def render(state: dict[str, Any]) -> str:
    lines = ["# Deduplication (issue 5)", ""]
    if state.get("comparison"):
        lines += _comparison_md(state["comparison"])
    if state.get("scale"):
        lines += _scale_md(state["scale"])
    return "\n".join(lines)


def save(section: str, data: dict[str, Any], key: str | None = None) -> None:
    """Store one section (or one entry of a section) of the results and re-render the page."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "dedup.json"
    state = json.loads(path.read_text()) if path.exists() else {}
    if key is None:
        state[section] = data
    else:
        state.setdefault(section, {})[key] = data
    path.write_text(json.dumps(state, indent=1) + "\n")
    (RESULTS / "dedup.md").write_text(render(state))


# -- driver ---------------------------------------------------------------------------------------


def _measure_tool(
    tool: str, corpus: Path, work: Path, workers: int
) -> tuple[dict[str, Any], dict[str, str]]:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    out = work / "clusters.json"
    argv = [sys.executable, __file__, "--run", tool, "--corpus", str(corpus), "--work", str(work)]
    argv += ["--workers", str(workers), "--clusters-out", str(out)]
    measured = run_measured(argv)
    return measured, json.loads(out.read_text())


def comparison(args: argparse.Namespace) -> None:
    import make_dedup_corpus

    corpus: Path = args.corpus
    if not (corpus / "truth.jsonl").exists():
        make_dedup_corpus.main(
            [
                str(corpus),
                "--families",
                str(args.families),
                "--unrelated",
                str(args.unrelated),
                "--shards",
                str(args.shards),
            ]
        )
    info = machine()
    tools: dict[str, Any] = {}
    for tool in args.tools:
        measured, clusters = _measure_tool(tool, corpus, args.work / tool, args.workers)
        quality = evaluate(corpus, clusters)
        tools[tool] = {**measured, **quality, "docs_per_s": quality["docs"] / measured["seconds"]}
        print(
            tool,
            json.dumps({k: v for k, v in tools[tool].items() if k != "detected_by_level"}),
            flush=True,
        )
    save(
        "comparison",
        {
            "machine": info,
            "docs": next(iter(tools.values()))["docs"],
            "shards": len(_shards(corpus)),
            "workers": args.workers,
            "tools": tools,
            "command": "python benchmarks/dedup.py " + " ".join(sys.argv[1:]),
        },
    )


PHASES = (
    ("sig", "signatures"),
    ("edges", "buckets + confirmation"),
    ("components.done", "union-find"),
    ("decisions", "members + keep rule"),
)


def phase_seconds(stage: Path, out: Path) -> dict[str, float]:
    """Seconds of each analysis phase, from the completion markers' times, then the apply."""
    start = (stage / "fingerprint.json").stat().st_mtime
    seconds: dict[str, float] = {}
    last = start
    for folder, name in PHASES:
        markers = (
            [stage / folder] if folder.endswith(".done") else list((stage / folder).glob("*.done"))
        )
        end = max(m.stat().st_mtime for m in markers)
        seconds[name] = round(end - last, 1)
        last = end
    seconds["apply + write"] = round(max(p.stat().st_mtime for p in out.iterdir()) - last, 1)
    return seconds


def scale(args: argparse.Namespace) -> None:
    import make_dedup_corpus
    from thresher.serialize import read_documents

    corpus: Path = args.corpus
    done = corpus / "DONE"
    if not done.exists():
        shutil.rmtree(corpus, ignore_errors=True)
        make_dedup_corpus.main(
            [str(corpus), "--scale", str(args.scale), "--shards", str(args.shards)]
        )
        done.write_text("ok\n")
    work = args.work / "scale"
    measured, clusters = _measure_tool("thresher", corpus, work, args.workers)
    words = [len(d.text.split()) for d in read_documents(_shards(corpus)[0])]
    dropped = sum(1 for doc_id, cid in clusters.items() if doc_id != cid)
    result = {
        **measured,
        "docs": len(clusters),
        "docs_per_s": len(clusters) / measured["seconds"],
        "mean_words": sum(words) / len(words),
        "dropped": dropped,
        "phases": phase_seconds(work / "stage", work / "out"),
        "shards": len(_shards(corpus)),
        "workers": args.workers,
        "machine": machine(),
        "command": "python benchmarks/dedup.py " + " ".join(sys.argv[1:]),
    }
    if len(clusters) < 1_000_000:
        factor = 1_000_000 / len(clusters)
        minutes = measured["seconds"] * factor / 60
        result["extrapolation"] = (
            f"1,000,000 documents at this rate would take about {minutes:.0f} min. Per-task memory"
            " depends on the shard size, not on the corpus; what grows with the corpus is 16 bytes"
            " a document of cluster labels and the per-band key arrays of a bucket task."
        )
    print(json.dumps(result), flush=True)
    save("scale", result, key=str(len(clusters)))


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--work", type=Path, default=Path("/tmp/thresher-dedup-work"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--families", type=int, default=250)
    ap.add_argument("--unrelated", type=int, default=1000)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--tools", nargs="+", default=list(TOOLS), choices=TOOLS)
    ap.add_argument(
        "--scale", type=int, default=0, help="scale run of thresher on N generated documents"
    )
    ap.add_argument("--run", choices=TOOLS, help=argparse.SUPPRESS)
    ap.add_argument("--clusters-out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.run:
        child_main(args.run, args.corpus, args.work, args.workers, args.clusters_out)
    elif args.scale:
        args.corpus = args.corpus or Path(f"/tmp/thresher-dedup-scale-{args.scale}")
        scale(args)
    else:
        default = f"/tmp/thresher-dedup-bench-{args.families}-{args.unrelated}-{args.shards}"
        args.corpus = args.corpus or Path(default)
        comparison(args)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main()
