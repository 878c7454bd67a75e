"""A generated crawl through the CLI with stderr sent to a file: progress lines while it runs,
a report page that a real browser draws with the manifest's numbers, sinks that load anywhere.

The run happens once per module (a few hundred pages, three WARC files, two workers);
``benchmarks/report_check.py`` makes the same checks on a 2,400-page crawl.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generated_crawl import write_crawl
from thresher.cli import main
from thresher.run.attempts import attempt_seconds
from thresher.run.commit import LocalStore

PAGES = 360
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
]


class Run:
    def __init__(self, out: Path, stderr: str, stdout: str) -> None:
        self.out = out
        self.stderr = stderr
        self.stdout = stdout
        self.manifest: dict[str, Any] = json.loads((out / "manifest.json").read_text())


def _run_cli(inputs: Path, out: Path, log: Path) -> subprocess.CompletedProcess[str]:
    code = "import sys; from thresher.cli import main; sys.exit(main(sys.argv[1:]))"
    args = ["run", str(inputs), "-o", str(out), "-w", "2", "--log-every", "0"]
    with log.open("w") as err:  # stderr is a file, as under nohup or on a cluster
        return subprocess.run([sys.executable, "-c", code, *args], stderr=err,
                              stdout=subprocess.PIPE, text=True, timeout=600, check=True)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    base = tmp_path_factory.mktemp("report")
    write_crawl(base / "in", PAGES, files=3)
    done = _run_cli(base / "in", base / "out", base / "stderr.log")
    return Run(base / "out", (base / "stderr.log").read_text(), done.stdout)


# -- progress ------------------------------------------------------------------------------------


def _phase_lines(stderr: str) -> list[tuple[int, int, int]]:
    found = re.findall(r"^phase (\d+) done in \S+: ([\d,]+) \w+ \w+, ([\d,]+) ", stderr, re.M)
    return [(int(p), int(a.replace(",", "")), int(b.replace(",", ""))) for p, a, b in found]


def test_progress_lines_while_it_runs_add_up_to_the_summary(run: Run) -> None:
    m = run.manifest
    lines = run.stderr.splitlines()
    assert "\r" not in run.stderr and "\x1b" not in run.stderr
    running = [i for i, line in enumerate(lines) if re.match(r"phase 0: [\d,]+ pages", line)]
    first_end = next(i for i, line in enumerate(lines) if line.startswith("phase 0 done"))
    assert running and running[0] < first_end  # printed while phase 0 was reading
    assert int(lines[running[0]].split()[2].replace(",", "")) < m["accounting"]["records_in"]
    phases = _phase_lines(run.stderr)
    assert [p for p, _, _ in phases] == list(range(len(m["phases"])))
    assert phases[0][1] == m["accounting"]["records_in"]
    assert [entered for _, entered, _ in phases[1:]] == [passed for _, _, passed in phases[:-1]]
    assert phases[-1][2] == m["accounting"]["documents_out"]
    assert f"kept {m['accounting']['documents_out']:,}" in run.stdout
    assert "resuming" not in run.stderr
    for stage in ("url_dedup", "boilerplate_lines", "exact_dedup", "minhash_dedup"):
        assert f"stage {stage} done in" in run.stderr


def test_a_rerun_says_what_it_found_done_and_sums_the_attempts(
    run: Run, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(run.out, out)
    log = tmp_path / "stderr.log"
    done = _run_cli(Path(run.manifest["inputs"][0]["path"]).parent, out, log)
    first = log.read_text().splitlines()[0]
    assert first == (
        "resuming: phase 0 3/3 shards done, stage url_dedup done, phase 1 3/3 shards done, "
        "stage boilerplate_lines done, phase 2 3/3 shards done, stage exact_dedup done, "
        "phase 3 3/3 shards done, stage minhash_dedup done, phase 4 3/3 shards done")
    assert "stage minhash_dedup done by an earlier attempt" in log.read_text()
    assert _phase_lines(log.read_text()) == _phase_lines(run.stderr)  # the same counts
    manifest = json.loads((out / "manifest.json").read_text())
    attempts = attempt_seconds(LocalStore(out))
    assert len(attempts) == manifest["timing"]["attempts"] == 2
    assert manifest["timing"]["run_wall_seconds"] == pytest.approx(sum(attempts), abs=0.01)
    assert "over 2 attempts" in done.stdout


# -- the report page -----------------------------------------------------------------------------


def test_report_is_small_self_contained_and_rebuilt_the_same(run: Run, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]
                                                             ) -> None:
    page = (run.out / "report.html").read_bytes()
    assert len(page) < 5_000_000
    text = page.decode("utf-8")
    for fetch in ("<link", " src=", "@import", "url("):
        assert fetch not in text, fetch
    copy = tmp_path / "out"
    shutil.copytree(run.out, copy)
    (copy / "report.html").unlink()
    assert main(["report", str(copy)]) == 0
    assert (copy / "report.html").read_bytes() == page  # same manifest, same folder name
    assert main(["report", str(tmp_path / "nothing")]) == 1
    assert "no manifest.json" in capsys.readouterr().err


def _keyed(dom: str) -> dict[str, str]:
    return dict(re.findall(r'data-key="([^"]+)"[^>]*>([^<]*)<', dom))


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def test_report_renders_in_chromium_with_the_manifests_figures(run: Run, tmp_path: Path) -> None:
    if CHROMIUM is None:
        missing = "chromium is not installed (apt-get install chromium; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(missing + ": CI must check the report in a browser")
        pytest.skip(missing)
    url = (run.out / "report.html").resolve().as_uri()
    base = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*base, "--dump-dom", url], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    figures = re.findall(r'<figure class="plot" data-figure="([^"]+)" data-drawn="(\d+)"', dom)
    assert len(figures) >= 8  # funnel, reasons, languages, lengths, 4 dedup, times
    assert all(int(drawn) > 0 for _, drawn in figures), figures
    assert re.search(rf'data-figures-drawn="{len(figures)}"', dom)
    assert "<p class=\"warn\">This figure could not be drawn" not in dom
    m = run.manifest
    shown = _keyed(dom)
    for key in ("records_in", "documents_out", "rejected"):
        assert _number(shown[key]) == m["accounting"][key], key
    for reason, n in m["counts"]["drops"].items():
        assert _number(shown[f"drop:{reason}"]) == n, reason
    for step in {s["use"] for s in m["config"]["steps"]}:
        assert _number(shown[f"funnel-in:{step}"]) == m["counts"]["step_in"][step], step
    assert _number(shown["funnel-kept"]) == m["accounting"]["documents_out"]
    hosts = m["profile"]["hosts"]
    named = [k for k in shown if k.startswith("host-records:") and k[13:] in hosts]
    assert named and all(_number(shown[k]) == hosts[k[13:]]["records"] for k in named)
    langs = {k[10:]: _number(v) for k, v in shown.items() if k.startswith("lang-kept:")}
    assert sum(langs.values()) == m["accounting"]["documents_out"]
    shot = tmp_path / "report.png"
    subprocess.run([*base, "--window-size=1200,3000", f"--screenshot={shot}", url],
                   capture_output=True, timeout=120, check=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


# -- outputs that load anywhere ------------------------------------------------------------------


def _sink_files(out: Path, sink: str) -> list[str]:
    return sorted(str(p) for p in (out / sink).iterdir() if not p.name.startswith("."))


def _expected(m: dict[str, Any], sink: str) -> int:
    return int(m["accounting"]["documents_out" if sink == "data" else "rejected"])


@pytest.mark.parametrize("sink", ["data", "rejected"])
def test_sinks_load_with_pyarrow_and_pandas(run: Run, sink: str) -> None:
    pa_json = pytest.importorskip("pyarrow.json")
    pa = pytest.importorskip("pyarrow")
    pd = pytest.importorskip("pandas")
    import zstandard

    files = _sink_files(run.out, sink)
    tables = []
    for name in files:
        with zstandard.open(name, "rb") as fh:
            tables.append(pa_json.read_json(fh))
    assert sum(t.num_rows for t in tables) == _expected(run.manifest, sink)
    assert len({t.schema for t in tables}) == 1  # one schema, whatever the file holds
    assert pa.concat_tables(tables).num_rows == _expected(run.manifest, sink)
    frame = pd.concat([pd.read_json(name, lines=True, compression="zstd") for name in files])
    assert len(frame) == _expected(run.manifest, sink)


@pytest.mark.parametrize("sink", ["data", "rejected"])
def test_sinks_load_with_hugging_face_datasets(run: Run, sink: str, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    datasets = pytest.importorskip("datasets", reason="pip install datasets to check this loader")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    datasets.disable_progress_bars()
    loaded = datasets.load_dataset("json", data_files=_sink_files(run.out, sink), split="train",
                                   cache_dir=str(tmp_path / "cache"))
    assert loaded.num_rows == _expected(run.manifest, sink)
    if sink == "rejected":
        assert loaded.features["value"].dtype == "float64"


@pytest.mark.parametrize("sink", ["data", "rejected"])
def test_sinks_load_with_duckdb(run: Run, sink: str) -> None:
    duckdb = pytest.importorskip("duckdb", reason="pip install duckdb to check this loader")
    pattern = str(run.out / sink / "*.jsonl.zst")
    ((count,),) = duckdb.sql(f"select count(*) from read_json_auto('{pattern}')").fetchall()
    assert count == _expected(run.manifest, sink)


# -- Parquet output and annotate-only runs --------------------------------------------------


def test_parquet_output_loads_as_one_table_everywhere(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from thresher.pipeline import default_pipeline
    from thresher.run import run_pipeline

    paths = write_crawl(tmp_path / "in", 90, files=3, seed=7)
    spec = default_pipeline().with_overrides(["output.format=parquet"])
    result = run_pipeline(paths, tmp_path / "out", spec, workers=1)
    kept = result.stats.documents_out
    files = [str(p) for p in result.outputs]
    assert len({pq.read_schema(f) for f in files}) == 1
    assert pq.ParquetDataset(files).read().num_rows == kept
    pd = pytest.importorskip("pandas")
    assert len(pd.read_parquet(tmp_path / "out" / "data")) == kept
    duckdb = pytest.importorskip("duckdb")
    pattern = str(tmp_path / "out" / "data" / "*.parquet")
    assert duckdb.sql(f"select count(*) from read_parquet('{pattern}')").fetchall() == [(kept,)]
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    datasets.disable_progress_bars()
    loaded = datasets.load_dataset("parquet", data_files=files, split="train",
                                   cache_dir=str(tmp_path / "cache"))
    assert loaded.num_rows == kept


def test_an_annotate_only_report_shows_what_would_have_been_dropped(tmp_path: Path) -> None:
    from thresher.pipeline import default_pipeline
    from thresher.run import run_pipeline

    paths = write_crawl(tmp_path / "in", 90, files=2, seed=3)
    spec = default_pipeline().with_overrides(["pipeline.annotate_only=true"])
    result = run_pipeline(paths, tmp_path / "out", spec)
    flags = result.manifest["counts"]["flags"]
    assert flags and result.report is not None
    page = result.report.read_text()
    for key, n in flags.items():
        assert f'data-key="flag:{key}">{n:,}<' in page
    samples = json.loads((tmp_path / "out" / "samples.json").read_text())
    assert set(flags) <= set(samples)
