"""`rashomon analyze FILE`: one report, no store; JSON follows the Analysis schema, exit codes 0/1/2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.extract import Pipeline
from rashomon.model import Analysis
from support.cli_runner import Cli, make_cli
from support.demo_corpus import DEMO_CORPUS

TOP_LEVEL = {"report", "actors", "statements", "events", "places", "times", "pipeline_version"}
TEXT = (
    "The regional governor said on Tuesday that two soldiers were wounded when a roadside bomb hit their patrol "
    'near the northern town. "We will find those responsible," he told reporters.'
)


@pytest.fixture
def cli(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    return make_cli(pipeline, monkeypatch, tmp_path)


@pytest.fixture
def seed_article() -> Path:
    """The seed article under ../shared; skips when absent, like tests/conftest.py's shared_path."""
    path = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_c092c067313caf18.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is only on development machines)")
    return path


def test_analyze_json_has_the_five_lists_and_the_metadata(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "patrol.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = cli(
        "analyze",
        path,
        "--published",
        "2017-08-09",
        "--outlet",
        "Valley News",
        "--url",
        "https://x.example/a",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == TOP_LEVEL
    assert all(isinstance(data[key], list) for key in ("actors", "statements", "events", "places", "times"))
    report = data["report"]
    assert (report["published"], report["outlet"], report["url"], report["source"]) == (
        "2017-08-09T00:00:00Z",
        "Valley News",
        "https://x.example/a",
        str(path),
    )
    assert report["text"] == TEXT
    assert Analysis.model_validate(data).report.id == report["id"]
    for span in (s for statement in data["statements"] for s in statement["content"]):
        assert TEXT[span["start"] : span["end"]] == span["text"]


def test_analyze_html_reads_page_metadata_and_prints_tables(cli: Cli) -> None:
    result = cli("analyze", DEMO_CORPUS / "kss_interview.html")
    assert result.exit_code == 0, result.stderr
    assert "Gulf Observer" in result.stdout
    for heading in ("statements (", "events (", "actors (", "places (", "times ("):
        assert heading in result.stdout


def test_analyze_usage_errors_exit_2(cli: Cli, tmp_path: Path) -> None:
    assert cli("analyze", tmp_path / "missing.txt").exit_code == 2
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    bad_date = cli("analyze", path, "--published", "last Tuesday")
    assert bad_date.exit_code == 2
    assert "--published 'last Tuesday' is not an ISO date" in bad_date.stderr
    assert cli("analyze", path, "--format", "xml").exit_code == 2


def test_analyze_rejected_input_exits_1_with_the_reason(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = cli("analyze", empty, "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"rejected (empty): {empty}")


def test_analyze_the_seed_article(cli: Cli, seed_article: Path) -> None:
    result = cli("analyze", seed_article, "--published", "2017-08-09", "--outlet", "Middle East Institute", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == TOP_LEVEL
    assert data["report"]["outlet"] == "Middle East Institute"
    assert data["report"]["published"] == "2017-08-09T00:00:00Z"
    assert data["report"]["text"].startswith("The commander of an Iranian-backed Iraqi paramilitary unit")
