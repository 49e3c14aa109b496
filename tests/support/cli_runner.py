"""An in-process CLI runner that reuses the session's pipeline instead of loading spaCy per call.

Test modules wrap ``make_cli`` in their own ``cli`` fixture. (A tests/cli/conftest.py would shadow
tests/conftest.py for the ``from conftest import shared_path`` imports of other test packages.)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from rashomon.cli import ingest_cmd
from rashomon.cli.app import app
from rashomon.extract import Pipeline

Cli = Callable[..., Result]


def make_cli(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, workdir: Path) -> Cli:
    """cli("ingest", path, "--db", db) -> Result with exit_code, stdout and stderr kept apart, run in ``workdir``."""
    monkeypatch.setattr(ingest_cmd, "build_analyser", lambda *args, **kwargs: pipeline)
    monkeypatch.chdir(workdir)
    monkeypatch.delenv("RASHOMON_DB", raising=False)
    runner = CliRunner()

    def invoke(*args: str | Path, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, [str(a) for a in args], env=env)

    return invoke


def ingested_incidents(pipeline: Pipeline, workdir: Path, corpus: Path) -> list[dict[str, object]]:
    """``rashomon ingest corpus`` into a fresh SQLite file in ``workdir``, then ``rashomon incidents --format json``."""
    db = workdir / "incidents.db"
    with pytest.MonkeyPatch.context() as monkeypatch:
        cli = make_cli(pipeline, monkeypatch, workdir)
        ingested = cli("ingest", corpus, "--db", db, "--json")
        assert ingested.exit_code == 0, ingested.stderr
        listed = cli("incidents", "--db", db, "--format", "json")
        assert listed.exit_code == 0, listed.stderr
        return json.loads(listed.stdout)


def ingested_incident(pipeline: Pipeline, workdir: Path, corpus: Path) -> dict[str, object]:
    """``ingested_incidents`` for a corpus that must make exactly one incident, which it returns."""
    incidents = ingested_incidents(pipeline, workdir, corpus)
    assert len(incidents) == 1, [i["title"] for i in incidents]
    return incidents[0]
