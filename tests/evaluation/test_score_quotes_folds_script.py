"""scripts/score_quotes_folds.py scores a held-out slice as `rashomon eval quotes` scores it with the same tagger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.scripts import load_script

FIXTURE = Path(__file__).parent / "fixtures" / "brat"
MODELS = Path(__file__).parents[2] / "src" / "rashomon" / "data" / "models"


def test_a_fold_is_scored_like_eval_quotes(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from rashomon.evaluation import quotes

    script = load_script("score_quotes_folds")
    # the whole fixture is the held-out slice; the packaged CRF is the fold's tagger
    assert script.main(["--data", str(FIXTURE), "--holdout", "1.0", "--folds", "0", "--crf", str(MODELS)]) == 0
    line = json.loads(capsys.readouterr().out)
    monkeypatch.setenv("RASHOMON_STATEMENTS_TAGGER", "crf")
    expected = quotes.evaluate(FIXTURE)
    assert (line["fold"], line["tagger"]) == (0, expected["tagger"]) == (0, "crf")
    for key in ("source_f1", "cue_f1", "content_overlap_f1", "content_exact_f1", "n_gold", "n_pred"):
        assert line[key] == expected[key], key
