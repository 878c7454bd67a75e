"""thresher extract --format markdown starts with the page's <h1> title."""

from __future__ import annotations

from pathlib import Path

import pytest

from thresher.cli import main

BODY = (
    "<p>When Dana bought the Petrel for the price of a used bicycle, the previous owner warned "
    "her that the boat had not touched water since the late nineties.</p><h2>The rig</h2>"
    "<p>The second winter was for the rig. The original aluminium mast was straight, but the "
    "standing rigging had hardened at every swage fitting.</p>"
)
TITLE_OUTSIDE_BODY = (
    "<html><head><title>Restoring a 1974 sloop - Harbour Times</title></head><body>"
    "<h1 class='logo'>Harbour Times</h1><header class='entry-header'>"
    "<h1 class='entry-title'>Restoring a 1974 sloop</h1><div class='byline'>By Ann Lee</div>"
    f"</header><div class='entry-content'>{BODY}</div><footer>(c) Harbour</footer></body></html>"
)
TITLE_IN_BODY = (
    "<html><head><title>Restoring a 1974 sloop</title></head><body><article>"
    f"<h1>Restoring a 1974 sloop</h1>{BODY}</article></body></html>"
)


@pytest.mark.parametrize("page", [TITLE_OUTSIDE_BODY, TITLE_IN_BODY])
def test_markdown_has_the_h1_title_once(page: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "page.html"
    path.write_text(page)
    assert main(["extract", str(path), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Restoring a 1974 sloop\n\nWhen Dana bought")
    assert out.count("Restoring a 1974 sloop") == 1
    assert "# Harbour Times" not in out
    assert "## The rig" in out
