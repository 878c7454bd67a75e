"""A step that raises drops that document with reason ``step_error``; the run goes on."""

from __future__ import annotations

import json
from pathlib import Path

import slow_step  # noqa: F401  (registers test_explode)
import zstandard

from thresher.pipeline import PipelineSpec
from thresher.run import run_pipeline


def test_a_raising_step_drops_the_document_not_the_run(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": "fine"}, {"id": "b", "text": "boom"}, {"id": "c", "text": "ok"}]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows))
    spec = PipelineSpec.from_dict(
        {"steps": [{"use": "test_explode"}], "output": {"format": "jsonl"}}
    )
    result = run_pipeline([source], tmp_path / "out", spec)
    assert result.stats.documents_out == 2
    assert dict(result.stats.drops) == {"test_explode:step_error": 1}
    (rejected,) = (tmp_path / "out" / "rejected").glob("*")
    with rejected.open("rb") as fh:
        record = json.loads(zstandard.ZstdDecompressor().stream_reader(fh).read().decode())
    assert (record["id"], record["step"], record["reason"]) == ("b", "test_explode", "step_error")
    assert "ValueError: cannot handle this one" in record["detail"]
    assert result.manifest["accounting"]["balanced"]
