"""`rashomon ingest --engine local|ray --workers N`: every engine stores the same analyses; the run report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.extract import Pipeline
from rashomon.model import Analysis
from rashomon.store.sqlite import SQLiteStore
from support.cli_runner import Cli, make_cli
from support.demo_corpus import DEMO_CORPUS, DEMO_NEAR_DUPLICATES, DEMO_REPORTS

COUNTS = {"added": DEMO_REPORTS, "duplicates": 0, "near_duplicates": DEMO_NEAR_DUPLICATES, "rejected": 0}


@pytest.fixture
def cli(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    return make_cli(pipeline, monkeypatch, tmp_path)


def stored_analyses(db: Path) -> dict[str, Analysis]:
    """Every stored analysis by report id, with the one field that differs between runs (ingested_at) cleared."""
    with SQLiteStore(db) as store:
        return {
            a.report.id: a.model_copy(update={"report": a.report.model_copy(update={"ingested_at": None})})
            for a in store.iter_analyses()
        }


def ingest_json(cli: Cli, db: Path, *options: str) -> None:
    result = cli("ingest", DEMO_CORPUS, "--db", db, "--json", *options)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == COUNTS  # --json stays exactly the four issue-2 keys
    assert result.stderr.strip() == ""  # the run report is off under --json unless asked for


def test_run_report_on_stderr_counts_each_stage(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    result = cli("ingest", DEMO_CORPUS, "--db", db)
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]  # Rich may leave a blank line
    assert lines[0].startswith(
        f"run: {DEMO_REPORTS} read, {DEMO_REPORTS} stored, 0 duplicate, {DEMO_NEAR_DUPLICATES} near-duplicate, "
        f"{DEMO_REPORTS} analysed in "
    )
    stages = dict(item.rsplit(" ", 1) for item in lines[1].removeprefix("run: analysis seconds ").split(", "))
    assert set(stages) == {
        "parse",
        "rashomon.actors.v1",
        "rashomon.times.v1",
        "rashomon.places.v1",
        "rashomon.statements.v1",
        "rashomon.events.v1",
    }
    assert all(float(seconds) >= 0 for seconds in stages.values())

    # read counts every input item, the missing file included
    again = cli("ingest", DEMO_CORPUS, tmp_path / "missing.txt", "--db", db, "--json", "--report")
    assert again.exit_code == 1
    assert f"run: {DEMO_REPORTS + 1} read, 0 stored, {DEMO_REPORTS} duplicate, 0 near-duplicate, 0 analysed in " in again.stderr
    assert "run: rejected not_found 1\n" in again.stderr


def test_address_without_ray_engine_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    result = cli("ingest", DEMO_CORPUS, "--db", tmp_path / "u.db", "--address", "auto")
    assert result.exit_code == 2
    assert "--address only applies to --engine ray" in result.stderr


def test_two_local_worker_processes_store_what_one_process_stores(cli: Cli, tmp_path: Path) -> None:
    ingest_json(cli, tmp_path / "one.db")
    ingest_json(cli, tmp_path / "two.db", "--workers", "2")
    expected = stored_analyses(tmp_path / "one.db")
    assert len(expected) == DEMO_REPORTS
    assert stored_analyses(tmp_path / "two.db") == expected


@pytest.mark.ray
def test_ray_local_mode_stores_what_a_local_run_stores(cli: Cli, tmp_path: Path) -> None:
    pytest.importorskip("ray")
    ingest_json(cli, tmp_path / "local.db")
    ingest_json(cli, tmp_path / "ray.db", "--engine", "ray", "--workers", "1")
    expected = stored_analyses(tmp_path / "local.db")
    assert len(expected) == DEMO_REPORTS
    assert stored_analyses(tmp_path / "ray.db") == expected
