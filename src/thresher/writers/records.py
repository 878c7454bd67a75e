"""The output records: what one line of an output shard or of the rejected sink holds.

Each sink has one fixed schema (:data:`DOCUMENT_SCHEMA`, :data:`REJECTED_SCHEMA`): every
field is present in every record, always with the same JSON type, and **never null**.
That is what lets ``datasets.load_dataset("json", ...)``, pyarrow and DuckDB read a whole
folder: they infer a file's types from its first rows, and a field that is null in every
row of the first file is typed ``null``, which no later number or string can be cast to.
So an unknown string is ``""``, an unknown integer ``-1``, and fields whose content has no
fixed shape (``metadata``, ``edits``, ``data``) hold JSON text. Parquet output uses the
same schema, declared explicitly (:func:`arrow_schema`).

Kept documents (``data/``), in this order::

    id              string  stable document id
    text            string  the clean text
    url             string  the page URL (WARC-Target-URI) or the input's ``url``; "" if none
    title           string  the title found by extraction; ""
    date            string  the publication date found by extraction; ""
    language        string  ISO 639 code from language identification; ""
    language_score  float   its confidence, 0..1 (0.0 when ``language`` is "")
    source          string  the input the document was read from, by its name in the run
                            (its file name, or a longer tail of its path when two share one)
    record_id       string  WARC-Record-ID (WARC/WET input); ""
    offset          int     byte offset of the record in the input file; -1
    line            int     1-based line number (JSONL input); -1
    fetch_date      string  WARC-Date of the capture; ""
    content_type    string  media type of the payload; ""
    metadata        json    every other metadata field, as JSON text of an object
                            (``flags``: what filters would have dropped, annotate-only runs)
    edits           json    the lines cleaners removed, as JSON text of a list of
                            ``{"step", "rule", "line"}`` (``record_edits``); "[]"

Rejected records (``rejected/``)::

    id, url, source, record_id, offset, line      as above
    step            string  the step that dropped it ("read" for a reader's rejection)
    reason          string  one of the step's declared reasons
    detail          string  what happened, for people
    value           float   what the step measured (0.0 when ``has_value`` is false)
    has_value       bool    whether the step measured a value
    threshold       float   the limit it was measured against (0.0 when ``has_threshold`` is false)
    has_threshold   bool    whether there was a threshold
    data            json    machine-readable extras (``duplicate_of``...), JSON text of an object

>>> from thresher.document import Document, Provenance
>>> rec = rejected_record(Document(id="a", provenance=Provenance("in.html")),
...                       Drop("too_short", value=3, step="min_chars"))
>>> rec["value"], rec["has_value"], rec["threshold"], rec["has_threshold"], rec["url"]
(3.0, True, 0.0, False, '')
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final, Literal

from thresher.document import Document
from thresher.drop import Drop
from thresher.serialize import dumps

__all__ = [
    "DOCUMENT_FIELDS",
    "DOCUMENT_SCHEMA",
    "JSON_FIELDS",
    "REJECTED_FIELDS",
    "REJECTED_SCHEMA",
    "FieldType",
    "arrow_schema",
    "decode_json_fields",
    "document_record",
    "dumps",
    "rejected_record",
]

FieldType = Literal["string", "int64", "float64", "bool", "json"]
"""A field's type: ``json`` is a string holding JSON text."""

DOCUMENT_SCHEMA: Final[tuple[tuple[str, FieldType], ...]] = (
    ("id", "string"), ("text", "string"), ("url", "string"), ("title", "string"),
    ("date", "string"), ("language", "string"), ("language_score", "float64"),
    ("source", "string"), ("record_id", "string"), ("offset", "int64"), ("line", "int64"),
    ("fetch_date", "string"), ("content_type", "string"), ("metadata", "json"),
    ("edits", "json"),
)
"""The fields of a kept document's record, in output order, with their types."""

REJECTED_SCHEMA: Final[tuple[tuple[str, FieldType], ...]] = (
    ("id", "string"), ("url", "string"), ("source", "string"), ("record_id", "string"),
    ("offset", "int64"), ("line", "int64"), ("step", "string"), ("reason", "string"),
    ("detail", "string"), ("value", "float64"), ("has_value", "bool"),
    ("threshold", "float64"), ("has_threshold", "bool"), ("data", "json"),
)
"""The fields of a rejected record, in output order, with their types."""

DOCUMENT_FIELDS: Final = tuple(name for name, _ in DOCUMENT_SCHEMA)
"""Keys of :func:`document_record`, in output order."""
REJECTED_FIELDS: Final = tuple(name for name, _ in REJECTED_SCHEMA)
"""Keys of :func:`rejected_record`, in output order."""
JSON_FIELDS: Final = frozenset(
    name for name, kind in (*DOCUMENT_SCHEMA, *REJECTED_SCHEMA) if kind == "json"
)
"""Fields that hold JSON text (``metadata``, ``edits``, ``data``)."""

_PROMOTED: Final = frozenset({"title", "date"})


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _int(value: int | None) -> int:
    return -1 if value is None else int(value)


def _json(value: object) -> str:
    return dumps({"v": value})[5:-1]  # the same conversions as the record itself


def document_record(doc: Document) -> dict[str, Any]:
    """The output record of a kept document (see the module docstring)."""
    meta = doc.metadata
    p = doc.provenance
    score = doc.language_score if doc.language and doc.language_score is not None else 0.0
    return {
        "id": doc.id,
        "text": doc.text,
        "url": _text(doc.url),
        "title": _text(meta.get("title")),
        "date": _text(meta.get("date")),
        "language": _text(doc.language),
        "language_score": float(score),
        "source": p.source,
        "record_id": _text(p.record_id),
        "offset": _int(p.offset),
        "line": _int(p.line),
        "fetch_date": _text(p.fetch_date),
        "content_type": _text(p.content_type),
        "metadata": _json({k: v for k, v in meta.items() if k not in _PROMOTED}),
        "edits": _json([{"step": e.step, "rule": e.rule, "line": e.line} for e in doc.edits]),
    }


def rejected_record(doc: Document, drop: Drop) -> dict[str, Any]:
    """The record of a dropped or rejected document: which step, why, measured against what."""
    p = doc.provenance
    return {
        "id": doc.id,
        "url": _text(doc.url),
        "source": p.source,
        "record_id": _text(p.record_id),
        "offset": _int(p.offset),
        "line": _int(p.line),
        "step": drop.step,
        "reason": drop.reason,
        "detail": drop.detail,
        "value": 0.0 if drop.value is None else float(drop.value),
        "has_value": drop.value is not None,
        "threshold": 0.0 if drop.threshold is None else float(drop.threshold),
        "has_threshold": drop.threshold is not None,
        "data": _json(dict(drop.data)),
    }


def decode_json_fields(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record with its JSON-text fields parsed (for readers of the sinks: explain, report)."""
    out = dict(record)
    for name in JSON_FIELDS:
        if isinstance(out.get(name), str):
            out[name] = json.loads(out[name])
    return out


def arrow_schema(schema: tuple[tuple[str, FieldType], ...]) -> Any:
    """The pyarrow schema of a sink (``json`` fields are strings); needs pyarrow."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(),
             "bool": pa.bool_(), "json": pa.string()}
    return pa.schema([pa.field(name, types[kind], nullable=False) for name, kind in schema])
