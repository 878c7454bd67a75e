"""The progress line: drawn on a terminal, silent otherwise."""

from __future__ import annotations

import io

from thresher.run.progress import ProgressLine


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    line = ProgressLine(total_bytes=100, stream=stream)
    line.put((10, 5, 50))
    line.close()
    assert stream.getvalue() == ""


def test_draws_rate_kept_share_and_eta_on_a_terminal() -> None:
    stream = _Tty()
    line = ProgressLine(total_bytes=1000, stream=stream, min_interval_s=0.0)
    line.put((10, 4, 500))
    line.close()
    out = stream.getvalue()
    assert "10 pages" in out
    assert "pages/s" in out and "MB/s" in out
    assert "40% kept" in out
    assert "ETA 0:" in out
    assert out.endswith("\n")


def test_eta_unknown_before_any_bytes() -> None:
    line = ProgressLine(total_bytes=1000, stream=_Tty())
    assert "ETA ?" in line.text(line.started + 1.0)
