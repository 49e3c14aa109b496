"""`rashomon eval events` and `rashomon eval isaf` on small hand-written files whose scores are known."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli.app import app
from rashomon.errors import PipelineError
from rashomon.evaluation import events as events_eval
from rashomon.evaluation import isaf

SNIPPETS = (
    "id\tEventSnippet\tSubType\n"
    "1\tWarplanes pounded the village with air strikes, killing six civilians.\tAIR_STRIKE\n"
    "2\tPolice arrested 40 people suspected of membership in a drug gang.\tARREST\n"
    "3\tA powerful earthquake and flood destroyed hundreds of homes.\tNATURAL_DISASTER\n"
    "4\tA powerful earthquake and flood destroyed hundreds of homes.\tAIR_STRIKE\n"
)


def test_eval_events_scores_the_shipped_model(tmp_path: Path) -> None:
    path = tmp_path / "snippets.tsv"
    path.write_text(SNIPPETS, encoding="utf-8")
    scores = events_eval.evaluate(path)
    # rows 1-3 are typed right; row 4 repeats row 3 with a wrong gold label
    assert scores["n"] == 4
    assert scores["accuracy"] == 0.75
    assert set(scores) == {"weighted_f1", "macro_f1", "accuracy", "n"}


def test_eval_events_cli_json(tmp_path: Path) -> None:
    path = tmp_path / "snippets.tsv"
    path.write_text(SNIPPETS, encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "events", "--data", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["n"] == 4


def test_eval_events_rejects_a_file_without_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(PipelineError, match="EventSnippet"):
        events_eval.evaluate(path)


# --------------------------------------------------------------------------- ISAF


def test_release_date_from_dateline_and_release_number() -> None:
    assert isaf.release_date("ISAF Joint Command\nKABUL, Afghanistan (Nov. 20, 2011)\nA force ...") == date(2011, 11, 20)
    assert isaf.release_date("2010-09-CA-005 For Immediate Release KABUL, Afghanistan (Sept. 1) - An Afghan") == date(2010, 9, 1)
    assert isaf.release_date("Dec. 6: Operations Conducted\n2009-12-CA-060\nAlso today ...") == date(2009, 12, 6)
    assert isaf.release_date("An Afghan-led force detained two suspected insurgents.") is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("A force detained two insurgents in Logar province yesterday.", date(2011, 11, 19)),
        ("A force detained two insurgents in Logar province Tuesday.", date(2011, 11, 15)),  # 20 Nov 2011 was a Sunday
        ("A force detained two insurgents in Logar province today.", date(2011, 11, 20)),
        ("A force detained two insurgents in Logar province Nov. 17.", date(2011, 11, 17)),
        ("A force detained two insurgents in Logar province.", date(2011, 11, 20)),
    ],
)
def test_start_date(body: str, expected: date) -> None:
    assert isaf.start_date(body, date(2011, 11, 20)) == expected


def test_province_spellings_and_precedence() -> None:
    assert isaf.province_of("in Marjeh district, Helmand province, yesterday", []) == "helmand"
    assert isaf.province_of("in Gardez district, Paktia province", []) == "paktya"
    assert isaf.province_of("near Sar-e Pul city", []) == "sar_e_pul"
    assert isaf.province_of("in the district", ["Kandahar"]) == "kandahar"
    assert isaf.province_of("nothing here", []) is None


@pytest.mark.parametrize(
    ("body", "kc", "etype"),
    [
        ("The force detained three insurgents.", (0, 3), "detention"),
        ("The force killed two insurgents and detained several others.", (2, 3), "captureandkill"),
        ("The force returned fire, killing two insurgents.", (2, 0), "insurgentskilled"),
        ("Coalition forces conducted a precision air strike, killing one insurgent.", (1, 0), "airstrike"),
        ("The IED attack killed four US soldiers. The force detained two insurgents.", (0, 2), "detention"),
    ],
)
def test_isaf_tolls_and_types(body: str, kc: tuple[int, int], etype: str) -> None:
    assert isaf.tolls_of(body) == kc
    assert isaf.event_type_of(body, *kc, aerial=False) == etype


def _release(text: str, labels: dict[str, object]) -> str:
    return json.dumps(
        {
            "conversations": [
                {"from": "system", "value": "You are an expert ..."},
                {"from": "human", "value": "PRESS RELEASE TEXT: " + text},
                {"from": "gpt", "value": json.dumps(labels)},
            ]
        }
    )


def test_eval_isaf_end_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(isaf, "CACHE_DIR", tmp_path / "cache")
    lines = [
        _release(
            "2011-11-S-034\nISAF Joint Command - Afghanistan\n\nKABUL, Afghanistan (Nov. 20, 2011)\n"
            "A coalition security force detained three suspected insurgents during an operation in Marjeh district, "
            "Helmand province, yesterday.",
            {
                "start_date": "2011-11-19",
                "event_type": ["detention"],
                "province": ["helmand"],
                "min_killed": 0,
                "min_captured": 3,
            },
        ),
        _release(
            "KABUL, Afghanistan (Jan. 10, 2011)\nAn Afghan and coalition force killed two insurgents in Nad-e Ali district, "
            "Helmand province, Sunday.",
            {
                "start_date": "2011-01-09",
                "event_type": ["insurgentskilled"],
                "province": ["kandahar"],
                "min_killed": 2,
                "min_captured": 1,
            },
        ),
    ]
    path = tmp_path / "isaf.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    scores = isaf.evaluate(path)
    assert scores == {
        "event_type_f1": 1.0,
        "province_accuracy": 0.5,  # the second gold province is deliberately wrong
        "start_date_accuracy": 1.0,
        "min_killed_accuracy": 1.0,
        "min_captured_accuracy": 0.5,  # and so is its captured count
        "n": 2,
    }
    assert list((tmp_path / "cache").glob("isaf-*.json")), "the pipeline results are cached"


def test_eval_isaf_rejects_other_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "hello"}\n', encoding="utf-8")
    with pytest.raises(PipelineError, match="ShareGPT"):
        isaf.evaluate(path)


ACLED_CSV = (
    "event_type,sub_event_type,notes\n"
    'Battles,Armed clash,"On 21 March 2020, Taliban attacked an ANA checkpoint in Dawlat Abad, killing 3 soldiers."\n'
    'Explosions/Remote violence,Remote explosive/landmine/IED,"On 5 March 2020, a roadside bomb exploded in Kabul city, '
    'killing 2 civilians."\n'
    'Explosions/Remote violence,Air/drone strike,"On 3 March 2020, a US drone strike killed 5 Taliban militants in Nad Ali."\n'
    'Protests,Peaceful protest,"On 9 March 2020, hundreds of residents protested peacefully in Herat city."\n'
)


def test_eval_events_acled_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    path = tmp_path / "acled.csv"
    path.write_text(ACLED_CSV, encoding="utf-8")
    assert events_eval.evaluate(path) == {"sub_event_type_accuracy": 1.0, "event_type_accuracy": 1.0, "n": 4}
    assert list((tmp_path / "rashomon-eval").glob("acled-*.spacy")), "parsed notes are cached"
