"""The statement confidence filter: its features, its arithmetic, its file, and its place in extract_statements."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from rashomon.errors import PipelineError
from rashomon.extract.pipeline import load_spacy
from rashomon.extract.quotes_tagger import RawAttribution, Tagging, TokenSpan, load_tagger, quote_flags
from rashomon.extract.statement_filter import (
    FEATURES,
    StatementFilter,
    attribution_features,
    filter_for,
    packaged_filters,
    read_filters,
)
from rashomon.extract.statements import candidate_attributions, extract_statements
from rashomon.ingest.fingerprint import make_report
from rashomon.model import Stance
from support.scripts import load_script

TEXT = 'The mayor said "the bridge is shut for good" on Monday.'


def _flat(threshold: float) -> StatementFilter:
    """A filter that gives every candidate confidence 0.5: threshold 0 keeps all, 0.9 drops all it may."""
    n = len(FEATURES)
    return StatementFilter((0.0,) * n, 0.0, (0.0,) * n, (1.0,) * n, threshold=threshold)


def test_features_read_the_tagger_probabilities_the_lexicon_and_the_quotes() -> None:
    doc = load_spacy()(TEXT)
    words = [t.text for t in doc]
    said, first, last = words.index("said"), words.index("the"), words.index("good")
    raw = RawAttribution(source=TokenSpan(0, 2), cue=TokenSpan(said, said + 1), content=(TokenSpan(first, last + 1),))
    probability = np.zeros(len(doc))
    probability[0:2] = [0.5, 0.7]
    probability[said] = 0.9
    probability[first : last + 1] = 0.8
    tagging = Tagging(["O"] * len(doc), probability)
    features = dict(zip(FEATURES, attribution_features(doc, raw, tagging, {"say": 0.75}, quote_flags(doc)), strict=True))
    assert features["cue_probability"] == pytest.approx(0.9)
    assert features["content_probability"] == pytest.approx(0.8)
    assert features["content_probability_min"] == pytest.approx(0.8)
    assert features["source_probability"] == pytest.approx(0.6)
    assert (features["has_source"], features["fragments"]) == (1.0, 1.0)
    assert features["cue_rate"] == 0.75
    assert features["log_content_tokens"] == pytest.approx(math.log1p(last + 1 - first))  # no punctuation inside
    assert features["quoted_share"] == 1.0


def test_an_attribution_without_source_or_cue_has_zero_for_them() -> None:
    doc = load_spacy()(TEXT)
    raw = RawAttribution(source=None, cue=None, content=(TokenSpan(0, 2), TokenSpan(3, 5)))
    probability = np.linspace(0.0, 1.0, len(doc))
    tagging = Tagging(["O"] * len(doc), probability)
    features = dict(zip(FEATURES, attribution_features(doc, raw, tagging, {}, quote_flags(doc)), strict=True))
    assert (features["cue_probability"], features["source_probability"], features["cue_rate"]) == (0.0, 0.0, 0.0)
    assert (features["has_source"], features["fragments"]) == (0.0, 2.0)
    assert features["content_probability_min"] == pytest.approx(probability[0:2].mean())


def test_confidence_is_the_logistic_of_the_standardised_features() -> None:
    n = len(FEATURES)
    keep = StatementFilter((2.0,) + (0.0,) * (n - 1), -1.0, (0.5,) + (0.0,) * (n - 1), (0.25,) + (1.0,) * (n - 1), threshold=0.5)
    features = np.zeros(n)
    features[0] = 0.75  # standardised: (0.75 - 0.5) / 0.25 = 1, so the score is 2 * 1 - 1 = 1
    assert keep.confidence(features) == pytest.approx(1 / (1 + math.exp(-1)))
    assert not keep.drops(keep.confidence(features), Stance.ASSERT)
    features[0] = 0.5  # score -1
    assert keep.drops(keep.confidence(features), Stance.ASSERT)
    assert not _flat(0.0).drops(_flat(0.0).confidence(features), Stance.ASSERT)  # threshold 0 keeps everything


def test_a_filter_file_for_other_features_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "statement_filter.json"
    path.write_text(json.dumps({"features": ["cue_probability"], "taggers": {}}), encoding="utf-8")
    with pytest.raises(PipelineError, match=r"train_statement_filter\.py"):
        read_filters(path)


def test_the_package_ships_a_filter_for_each_packaged_tagger() -> None:
    assert set(packaged_filters()) == {"crf", "bilstm+0.3 crf"}  # the CRF alone, and the shipped BiLSTM mix
    for name, keep in packaged_filters().items():
        assert len(keep.weights) == len(FEATURES), name
        assert 0.0 <= keep.threshold < 1.0, name
    assert filter_for("a tagger nobody trained a filter for") is None


def test_extract_statements_drops_what_the_filter_scores_below_its_threshold() -> None:
    text = 'The mayor said on Monday that the bridge would stay shut. "It is not safe," he told reporters.'
    report = make_report(text)
    doc = load_spacy()(report.text)
    tagger = load_tagger()
    candidates, _, _ = candidate_attributions(doc, tagger)
    kept = extract_statements(report, doc, tagger=tagger, statement_filter=_flat(0.0))
    assert len(kept) == len(candidates) == 2
    assert [s.confidence for s in kept] == [0.5, 0.5]  # each scored, the flat filter's 0.5
    assert extract_statements(report, doc, tagger=tagger, statement_filter=_flat(0.9)) == []
    # recall-first: nothing is dropped, and each statement still carries the score the cut would have used
    unfiltered = extract_statements(report, doc, tagger=tagger, statement_filter=_flat(0.9), drop_unlikely=False)
    assert unfiltered == kept


def test_the_confidence_is_the_filters_score_of_the_candidate() -> None:
    report = make_report(TEXT)
    doc = load_spacy()(report.text)
    tagger = load_tagger()
    keep = filter_for(tagger.name)
    assert keep is not None
    [raw], tagging, inside = candidate_attributions(doc, tagger)
    expected = keep.confidence(attribution_features(doc, raw, tagging, tagger.cue_rate, inside))
    [statement] = extract_statements(report, doc, tagger=tagger)
    assert statement.confidence == round(expected, 4)
    assert 0.0 < expected < 1.0


def test_drops_needs_a_scored_plain_assertion_under_a_positive_threshold() -> None:
    keep = _flat(0.6)
    assert keep.drops(0.59, Stance.ASSERT)
    assert keep.drops(0.1, Stance.OTHER)
    assert not keep.drops(0.6, Stance.ASSERT)  # at the threshold it stays
    assert not keep.drops(None, Stance.ASSERT)  # a rule-found cue is never scored, so never dropped
    assert not keep.drops(0.1, Stance.DENY)
    assert not _flat(0.0).drops(0.0, Stance.ASSERT)


@pytest.mark.parametrize(
    ("text", "cue", "stance"),
    [
        # a stance that carries an incident's contradictions is never filtered
        ("The army accused the rebels of shelling the market.", "accused", Stance.ACCUSE),
        ("The coalition denied that its jets struck the village.", "denied", Stance.DENY),
        ("The rebels threatened to attack the airport if the siege continued.", "threatened", Stance.THREATEN),
        # nor is a statement whose cue the parse rules found and the tagger did not
        ("The Syrian Civil Defence put the toll at 15 dead.", "put", Stance.ASSERT),
    ],
)
def test_the_filter_keeps_contested_stances_and_the_rules_own_cues(text: str, cue: str, stance: Stance) -> None:
    report = make_report(text)
    doc = load_spacy()(report.text)
    tagger = load_tagger()
    [statement] = extract_statements(report, doc, tagger=tagger, statement_filter=_flat(0.9))
    assert statement.cue is not None and statement.cue.text == cue
    assert statement.stance is stance
    # scored (the flat 0.5) when the tagger tagged the cue; a rule-found cue is not scored at all
    assert statement.confidence == (None if cue == "put" else 0.5)


def test_the_fitted_weights_rank_the_matched_candidates_first() -> None:
    script = load_script("train_statement_filter")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    y = (x[:, 0] - 0.5 * x[:, 1] + rng.normal(scale=0.3, size=400) > 0).astype(float)
    weights, bias, mean, scale = script.fit_logistic(x, y)
    assert weights[0] > 0 > weights[1]
    assert abs(weights[2]) < 0.5 * weights[0]  # the noise feature weighs little
    assert np.allclose(mean, x.mean(0)) and np.allclose(scale, x.std(0))
    z = (x - mean) / scale @ weights + bias
    assert ((z > 0) == (y > 0.5)).mean() > 0.9
