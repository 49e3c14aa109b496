"""CLI fixtures: an in-process runner that reuses the session's pipeline instead of loading spaCy per call."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from rashomon.cli import ingest_cmd
from rashomon.cli.app import app
from rashomon.extract import Pipeline

REPO_ROOT = Path(__file__).resolve().parents[2]
DEMO_CORPUS = REPO_ROOT / "examples" / "demo_corpus" / "reports"
SEED_ARTICLE = REPO_ROOT.parent / "shared" / "seed" / "000_c092c067313caf18.txt"


@pytest.fixture
def seed_article() -> Path:
    """The seed article under ../shared (tests/conftest.py's shared_path rule: skip when absent)."""
    if not SEED_ARTICLE.exists():
        pytest.skip(f"{SEED_ARTICLE} is absent (../shared is only on development machines)")
    return SEED_ARTICLE


@pytest.fixture
def cli(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Result]:
    """cli("ingest", path, "--db", db) -> Result with exit_code, stdout and stderr kept apart."""
    monkeypatch.setattr(ingest_cmd, "build_analyser", lambda components=None: pipeline)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RASHOMON_DB", raising=False)
    runner = CliRunner()

    def invoke(*args: str | Path, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, [str(a) for a in args], env=env)

    return invoke
