"""Progress: a live line on a terminal, plain log lines otherwise, sane ETAs, phase lines."""

from __future__ import annotations

import io

from thresher.run.progress import ETA_AFTER_S, PhaseStart, Progress, format_duration


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _phase0(total_bytes: int = 1_000_000, **kw: object) -> PhaseStart:
    return PhaseStart(0, 2, ["extract", "clean_lines"], 4, total_bytes=total_bytes,
                      next_stage="exact_dedup", **kw)  # type: ignore[arg-type]


def test_log_mode_prints_a_plain_line_every_interval() -> None:
    clock, stream = _Clock(), io.StringIO()
    shown = Progress(stream, log_every_s=10.0, clock=clock)
    shown.start_phase(_phase0())
    for _ in range(25):  # one increment per second
        clock.now += 1.0
        shown.put((0, 10, 8, 10_000))
    lines = stream.getvalue().splitlines()
    assert lines[0] == "phase 0 (1 of 2): extract, clean_lines over 4 shard(s)"
    running = lines[1:]
    assert len(running) == 2  # at 10 s and 20 s
    assert "\r" not in stream.getvalue() and "\x1b" not in stream.getvalue()
    assert running[0].startswith(
        "phase 0: 100 pages  10 pages/s  0.0 MB/s  80 passed to exact_dedup")
    assert running[1].startswith("phase 0: 200 pages")


def test_terminal_mode_rewrites_one_line() -> None:
    clock, stream = _Clock(), _Tty()
    shown = Progress(stream, live_every_s=0.25, clock=clock)
    shown.start_phase(_phase0())
    for _ in range(3):
        clock.now += 1.0
        shown.put((0, 10, 4, 500))
    shown.close()
    out = stream.getvalue()
    assert out.count("\r\x1b[K") == 3 and out.endswith("\n")
    assert "30 pages" in out and "12 passed to exact_dedup" in out


def test_silent_without_a_stream_but_still_ticks() -> None:
    ticks: list[int] = []
    shown = Progress(None, on_tick=lambda: ticks.append(1))
    shown.start_phase(_phase0())
    shown.put((0, 1, 1, 1))
    shown.end_phase(1, 1, {}, 0.1)
    shown.close()
    assert len(ticks) == 3


def test_no_eta_before_enough_work_then_one_from_the_steady_rate() -> None:
    """A cold start (models loading) before the first record must not inflate the ETA."""
    clock = _Clock()
    shown = Progress(io.StringIO(), clock=clock)
    shown.start_phase(_phase0(total_bytes=1_000_000))
    clock.now += 120.0  # two minutes of loading before the first record
    shown.put((0, 1, 1, 1_000))
    assert shown.text(clock.now).endswith("ETA ?")
    for _ in range(int(ETA_AFTER_S) + 5):  # then 1 kB per second... faster: 10 kB/s
        clock.now += 1.0
        shown.put((0, 10, 10, 10_000))
    # 101 kB done in 10 s of work: (1,000 - 101) kB left at 10 kB/s = 90 s, not 20 minutes
    assert shown.text(clock.now).endswith("ETA 1:29")


def test_eta_of_a_later_phase_counts_documents() -> None:
    clock = _Clock()
    shown = Progress(io.StringIO(), clock=clock)
    shown.start_phase(PhaseStart(1, 2, ["exact_dedup", "pii"], 4, expected_records=1_000))
    clock.now += 1.0
    shown.put((1, 1, 1, 0))
    for _ in range(10):
        clock.now += 1.0
        shown.put((1, 10, 9, 0))
    text = shown.text(clock.now)
    assert text.startswith("phase 1: 101/1,000 docs") and "kept" in text
    assert "MB/s" not in text
    assert text.endswith("ETA 1:29")


def test_a_resumed_phase_counts_the_shards_done_before() -> None:
    clock = _Clock()
    shown = Progress(io.StringIO(), clock=clock)
    shown.start_phase(_phase0(done_shards=2, done_records=500, done_passed=400, done_bytes=600))
    shown.put((0, 10, 10, 10))
    assert shown.text(clock.now).startswith("phase 0: 510 pages")
    assert "410 passed to exact_dedup" in shown.text(clock.now)


def test_phase_and_stage_lines() -> None:
    stream = io.StringIO()
    shown = Progress(stream)
    shown.start_phase(_phase0())
    shown.end_phase(100, 70, {"read": 5, "extract": 25}, 3.0)
    shown.start_stage("exact_dedup", 70, 4)
    shown.end_stage("exact_dedup", 0.5, resumed=False)
    shown.end_stage("minhash_dedup", 0.0, resumed=True)
    assert stream.getvalue().splitlines()[1:] == [
        "phase 0 done in 3.0s: 100 records read, 70 passed to exact_dedup, 30 dropped "
        "(read 5, extract 25)",
        "stage exact_dedup: analysing 70 documents of 4 shard(s)",
        "stage exact_dedup done in 0.5s",
        "stage minhash_dedup done by an earlier attempt",
    ]


def test_increments_of_another_phase_are_ignored() -> None:
    shown = Progress(io.StringIO())
    shown.start_phase(_phase0())
    shown.put((1, 50, 50, 0))
    assert shown.text(shown.clock()).startswith("phase 0: 0 pages")


def test_format_duration() -> None:
    assert [format_duration(s) for s in (4.25, 65, 3 * 3600 + 62)] == ["4.2s", "1:05", "3:01:02"]
