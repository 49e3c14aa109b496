"""`--statement-filter/--no-statement-filter` on `rashomon analyze` and `rashomon ingest`, down to the component."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rashomon.cli.app import app
from rashomon.cli.ingest_cmd import build_analyser
from rashomon.cli.ingest_run import Engine, make_analyser
from rashomon.extract import ComponentOptions, Pipeline
from rashomon.extract import statements as statements_module
from rashomon.extract.statement_filter import FEATURES, StatementFilter
from rashomon.extract.statements import StatementComponent
from rashomon.runner import PipelineSpec

TEXT = "The mayor said on Monday that the bridge would stay shut. The army accused the rebels of shelling the market."


def _component(pipeline: Pipeline) -> StatementComponent:
    (component,) = [c for c in pipeline.components if isinstance(c, StatementComponent)]
    return component


def test_the_filter_is_on_unless_the_caller_turns_it_off() -> None:
    assert ComponentOptions().drop_unlikely_statements
    assert _component(build_analyser(None, "crf")).drop_unlikely
    assert not _component(build_analyser(None, "crf", False)).drop_unlikely
    spec = PipelineSpec(options=ComponentOptions(statements_tagger="crf", drop_unlikely_statements=False))
    assert not _component(spec.build()).drop_unlikely


def test_worker_processes_get_the_drivers_switch() -> None:
    local = make_analyser(
        Engine.LOCAL, workers=1, address=None, components=None, build_local=build_analyser, statement_filter=False
    )
    assert not _component(local.target).drop_unlikely  # type: ignore[arg-type]  # in-process: the pipeline itself
    analyser = make_analyser(
        Engine.LOCAL,
        workers=2,
        address=None,
        components=None,
        build_local=build_analyser,
        statements_tagger="crf",
        statement_filter=False,
    )
    try:
        spec = analyser.target._spec  # type: ignore[union-attr]  # the executor's recipe for its workers
        assert spec.options == ComponentOptions(statements_tagger="crf", drop_unlikely_statements=False)
    finally:
        analyser.close()


def _analyze_with_a_flat_filter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threshold: float
) -> Callable[..., list[dict[str, Any]]]:
    """`rashomon analyze --format json` on TEXT, with a stand-in filter that scores every candidate 0.5 and
    drops plain assertions under ``threshold``; the returned function runs it with extra flags."""
    n = len(FEATURES)
    flat = StatementFilter((0.0,) * n, 0.0, (0.0,) * n, (1.0,) * n, threshold=threshold)
    monkeypatch.setattr(statements_module, "filter_for", lambda name: flat)
    path = tmp_path / "bridge.txt"
    path.write_text(TEXT, encoding="utf-8")

    def statements(*flags: str) -> list[dict[str, Any]]:
        result = CliRunner().invoke(app, ["analyze", str(path), "--format", "json", "--statements-tagger", "crf", *flags])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["statements"]

    return statements


def test_analyze_drops_unlikely_assertions_unless_told_not_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    analyze = _analyze_with_a_flat_filter(tmp_path, monkeypatch, threshold=0.9)  # every plain assertion goes

    def statements(*flags: str) -> list[tuple[str, str, float | None]]:
        return [(s["cue"]["text"], s["stance"], s["confidence"]) for s in analyze(*flags)]

    assert statements() == [("accused", "accuse", 0.5)]  # an accusation is never dropped
    assert statements("--statement-filter") == [("accused", "accuse", 0.5)]
    assert statements("--no-statement-filter") == [("said", "assert", 0.5), ("accused", "accuse", 0.5)]


def test_analyze_min_confidence_reads_the_result_at_a_stricter_bar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    analyze = _analyze_with_a_flat_filter(tmp_path, monkeypatch, threshold=0.0)  # the filter drops nothing

    def cues(*flags: str) -> list[str]:
        return [s["cue"]["text"] for s in analyze(*flags)]

    assert cues("--min-confidence", "0.5") == ["said", "accused"]  # the bar is inclusive
    assert cues("--min-confidence", "0.6") == []  # a reader's bar applies to every stance
    table = CliRunner().invoke(app, ["analyze", str(tmp_path / "bridge.txt"), "--statements-tagger", "crf"])
    assert table.exit_code == 0 and "confidence" in table.stdout and "0.50" in table.stdout
