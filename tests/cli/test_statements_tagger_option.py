"""`--statements-tagger` on `rashomon analyze` and `rashomon ingest`: the option, then the environment, then auto."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli.app import app
from rashomon.cli.ingest_cmd import TaggerChoice, build_analyser
from rashomon.cli.ingest_run import Engine, make_analyser
from rashomon.errors import PipelineError
from rashomon.extract import ComponentOptions, Pipeline
from rashomon.extract import statements as statements_module
from rashomon.extract.statements import TAGGER_CHOICES, TAGGER_SETTING, StatementComponent, tagger_choice
from rashomon.runner import PipelineSpec

TEXT = 'A police spokesman said two men were arrested. "We will find the others," he told reporters.'


def _statements_choice(pipeline: Pipeline) -> str:
    (component,) = [c for c in pipeline.components if isinstance(c, StatementComponent)]
    return component.tagger_choice


def test_the_cli_offers_exactly_the_taggers_the_extractor_knows() -> None:
    assert tuple(c.value for c in TaggerChoice) == TAGGER_CHOICES


def test_the_option_wins_over_the_environment_which_wins_over_auto(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TAGGER_SETTING, raising=False)
    assert tagger_choice() == "auto"
    assert tagger_choice(" CRF ") == "crf"
    monkeypatch.setenv(TAGGER_SETTING, "crf")
    assert tagger_choice() == "crf"
    assert tagger_choice("bilstm") == "bilstm"
    assert _statements_choice(build_analyser(None, "auto")) == "auto"
    assert _statements_choice(build_analyser()) == "crf"


def test_a_bad_choice_names_where_it_came_from(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TAGGER_SETTING, "fast")
    expected = r"RASHOMON_STATEMENTS_TAGGER='fast' is not a statements tagger; use one of auto, crf, bilstm"
    with pytest.raises(PipelineError, match=expected):
        tagger_choice()
    with pytest.raises(PipelineError, match=r"--statements-tagger='rnn' is not a statements tagger"):
        StatementComponent("rnn")


def test_worker_processes_get_the_drivers_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TAGGER_SETTING, "bilstm")
    analyser = make_analyser(
        Engine.LOCAL, workers=2, address=None, components=None, build_local=build_analyser, statements_tagger="crf"
    )
    try:
        spec = analyser.target._spec  # type: ignore[union-attr]  # the executor's recipe for its workers
        assert spec == PipelineSpec(options=ComponentOptions(statements_tagger="crf"))
    finally:
        analyser.close()
    assert _statements_choice(PipelineSpec(options=ComponentOptions(statements_tagger="crf")).build()) == "crf"


def test_analyze_uses_the_tagger_the_option_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TAGGER_SETTING, "bilstm")
    asked: list[str] = []
    real = statements_module.tagger_named
    monkeypatch.setattr(statements_module, "tagger_named", lambda choice: asked.append(choice) or real(choice))
    path = tmp_path / "arrests.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--format", "json", "--statements-tagger", "CRF"])
    assert result.exit_code == 0, result.output
    assert set(asked) == {"crf"}
    speakers = [s["speaker"]["text"] for s in json.loads(result.stdout)["statements"] if s["speaker"]]
    assert speakers[0] == "A police spokesman"


def test_an_unknown_option_value_or_environment_value_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "arrests.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--statements-tagger", "rnn"])
    assert result.exit_code == 2
    assert "rnn" in result.output
    monkeypatch.setenv(TAGGER_SETTING, "fast")
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "RASHOMON_STATEMENTS_TAGGER='fast' is not a statements tagger" in result.output
