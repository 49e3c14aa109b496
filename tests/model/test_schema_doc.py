"""docs/schema.md is generated from the records; this fails when they drift apart."""

from pathlib import Path

from rashomon.model.schema import render_schema_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


def test_schema_doc_matches_records() -> None:
    assert DOC.read_text(encoding="utf-8") == render_schema_markdown(), "run `make schema` to regenerate docs/schema.md"
