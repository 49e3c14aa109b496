"""`rashomon export --min-confidence`: statement formats leave out what is under the bar; incident ones refuse."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli.app import app
from rashomon.model import Analysis
from rashomon.store.sqlite import SQLiteStore
from web.statement_scores import Scored, build_scored


@pytest.fixture()
def stored(tmp_path: Path) -> tuple[Path, Scored]:
    scored = build_scored()
    db = tmp_path / "scores.db"
    with SQLiteStore(db) as store, store.transaction():
        store.add_report(scored.analysis.report)
        store.save_analysis(scored.analysis)
        store.save_incidents([scored.incident])
    return db, scored


def _export(db: Path, *flags: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["export", "--db", str(db), *flags])


def test_jsonl_at_a_bar_drops_statements_and_repairs_references(stored: tuple[Path, Scored]) -> None:
    db, scored = stored
    everything = _export(db, "--format", "jsonl")
    assert everything.exit_code == 0, everything.output
    (full,) = [Analysis.model_validate_json(line) for line in everything.stdout.splitlines()]
    assert full == scored.analysis
    result = _export(db, "--format", "jsonl", "--min-confidence", "0.5")
    assert result.exit_code == 0, result.output
    (narrowed,) = [Analysis.model_validate_json(line) for line in result.stdout.splitlines()]
    assert [s.speaker_name for s in narrowed.statements] == ["the police chief", "The army", "The governor"]
    assert [e.statement_id for e in narrowed.events] == [None, scored.army.id]
    assert "exported 1 records as jsonl" in result.stderr
    with SQLiteStore(db) as store:  # the store itself is untouched
        assert store.get_analysis(scored.analysis.report.id) == scored.analysis


@pytest.mark.parametrize("fmt", ["incidents-jsonl", "acled-csv", "plover", "geojson"])
def test_incident_formats_refuse_a_bar_and_say_why(stored: tuple[Path, Scored], fmt: str) -> None:
    db, _ = stored
    result = _export(db, "--format", fmt, "--min-confidence", "0.5")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"--min-confidence filters statements, and {fmt} exports incidents" in result.stderr
    assert "use it with --format jsonl" in result.stderr


def test_a_bar_outside_zero_to_one_is_a_usage_error(stored: tuple[Path, Scored]) -> None:
    db, _ = stored
    result = _export(db, "--format", "jsonl", "--min-confidence", "1.5")
    assert result.exit_code == 2
    said = " ".join(result.stderr.replace("│", " ").split())  # rich wraps the message in a box
    assert "Invalid value for '--min-confidence': Input should be less than or equal to 1" in said
