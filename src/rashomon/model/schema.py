"""The JSON schema of the records, rendered as docs/schema.md (a test keeps the file in step)."""

from __future__ import annotations

import json

from rashomon.model.records import Analysis, Incident, Rejection

SCHEMA_ROOTS = (Analysis, Incident, Rejection)


def json_schemas() -> dict[str, dict[str, object]]:
    return {root.__name__: root.model_json_schema() for root in SCHEMA_ROOTS}


def render_schema_markdown() -> str:
    """docs/schema.md, byte for byte. Regenerate with `rashomon schema > docs/schema.md`."""
    parts = [
        "# Rashomon record schema",
        "",
        "Generated from `rashomon.model.records` by `rashomon schema`; `tests/model/test_schema_doc.py`",
        "fails when this file and the code disagree. Offsets are code-point indices into `Report.text`,",
        "half-open `[start, end)`; `Span.text == report.text[start:end]` always holds.",
        "",
        "`rashomon analyze --format json` prints an `Analysis`; `rashomon incidents --format json`",
        "prints a list of `Incident` objects (see `docs/incidents.md` for the flattened account view).",
        "",
    ]
    for name, schema in json_schemas().items():
        parts += [f"## {name}", "", "```json", json.dumps(schema, indent=2, sort_keys=True), "```", ""]
    return "\n".join(parts)
