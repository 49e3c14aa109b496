"""`rashomon eval plover` on hand-written PLOVER gold-standard records whose scores are known."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli.app import app
from rashomon.errors import UsageError
from rashomon.evaluation import plover

RECORDS = [
    {"id": "DOC", "event": "DOCUMENT", "eventText": "documents the file; never scored"},
    {"id": "G1", "event": "PROTEST", "text": "Teachers went on strike in the capital on Monday."},
    {"id": "G2", "event": "ASSAULT", "text": "Warplanes bombed the village, killing six civilians."},
    {"id": "G3", "event": "AGREE", "text": "The two governments agreed to reopen the border crossing."},
    {"id": "G4", "event": "FIGHT", "text": "Rebels shelled the regional capital on Sunday, killing about 20 people."},
]


def test_score_counts_one_decision_per_sentence_and_coded_type() -> None:
    gold = ["ASSAULT", "FIGHT", "AGREE", "PROTEST"]
    predicted = [{"ASSAULT"}, {"ASSAULT"}, {"ASSAULT", "CONSULT"}, set()]
    scores = plover.score(gold, predicted, frozenset({"ASSAULT", "FIGHT", "PROTEST"}))
    # one true positive (row 1); false positives: ASSAULT on the FIGHT and AGREE rows (CONSULT is not coded);
    # false negatives: FIGHT (row 2) and PROTEST (row 4)
    assert scores == {
        "precision": 0.3333,
        "recall": 0.3333,
        "f1": 0.3333,
        "n": 4,
        "n_coded": 3,
        "f1_ASSAULT": 0.5,
        "f1_FIGHT": 0.0,
        "f1_PROTEST": 0.0,
    }


def test_merged_counts_assault_and_fight_as_one_type() -> None:
    assert plover.merged("FIGHT") == plover.merged("ASSAULT") == plover.VIOLENCE
    assert plover.merged("AGREE") == "AGREE"


def test_read_records_skips_the_documentation_record(tmp_path: Path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    assert [(r.id, r.event) for r in plover.read_records(path)] == [
        ("G1", "PROTEST"),
        ("G2", "ASSAULT"),
        ("G3", "AGREE"),
        ("G4", "FIGHT"),
    ]


def test_the_coded_types_are_what_the_event_triggers_and_stances_give() -> None:
    assert {"ASSAULT", "FIGHT", "PROTEST", "THREATEN", "ACCUSE", "DEMAND"} <= plover.CODED_TYPES
    assert "AGREE" not in plover.CODED_TYPES


def test_the_gsr_disapprove_records_are_scored_as_plover_2021_accuse(tmp_path: Path) -> None:
    records = [
        {"id": "D1", "event": "DISAPPROVE", "text": "Human Rights Watch criticised the militia for shelling homes."},
        {"id": "D2", "event": "DEMAND", "text": "The United Nations demanded an independent investigation."},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    scores = plover.evaluate(path)
    # the criticism is an ACCUSE event at its cue, the demand a DEMAND event; the shelling is told as alleged
    # and counts against the ASSAULT type, which neither sentence is coded
    assert (scores["f1_ACCUSE"], scores["f1_DEMAND"], scores["n_coded"]) == (1.0, 1.0, 2)


def test_eval_plover_command_scores_the_pipeline(tmp_path: Path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "plover", "--data", str(path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    # the strike is a protest, the bombing an assault; the shelling is ASSAULT/artillery here and FIGHT in PLOVER,
    # so it is a false positive and a false negative strictly, and right once the two are merged
    assert (scores["precision"], scores["recall"], scores["f1"]) == (0.6667, 0.6667, 0.6667)
    assert (scores["f1_PROTEST"], scores["f1_ASSAULT"], scores["f1_FIGHT"]) == (1.0, 0.6667, 0.0)
    assert (scores["merged_precision"], scores["merged_recall"], scores["merged_f1"]) == (1.0, 1.0, 1.0)
    assert (scores["n"], scores["n_coded"]) == (4, 3)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[1", "is not a PLOVER gold-standard file"),
        ('{"event": "ASSAULT"}', "expected a JSON array"),
        ('[{"id": "DOC", "event": "DOCUMENT"}]', "holds no coded sentences"),
    ],
)
def test_a_file_of_another_shape_is_refused_with_its_reason(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=reason):
        plover.read_records(path)
    result = CliRunner().invoke(app, ["eval", "plover", "--data", str(path)])
    assert result.exit_code == 2
    assert reason in " ".join(result.output.split())
