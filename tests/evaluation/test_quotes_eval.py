"""The PolNeAR metrics on a tiny brat fixture whose scores are worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from typer.testing import CliRunner

from rashomon.cli.app import app
from rashomon.evaluation.quotes import (
    Attribution,
    QuotesDataError,
    holdout_split,
    parse_ann,
    predict,
    read_folder,
    score,
    score_article,
    trim,
)
from rashomon.extract import Pipeline

if TYPE_CHECKING:
    from spacy.tokens import Doc

FIXTURE = Path(__file__).parent / "fixtures" / "brat"

# Predictions on fixtures/brat/text/doc1.txt:
# 'The mayor said the bridge was closed. "We will rebuild it," she added.\nCritics, according to a poll, disagree.\n'
P1 = Attribution(source=((0, 9),), cue=((10, 14),), content=((15, 36),))  # content without the full stop
P2 = Attribution(source=((60, 63),), cue=((64, 69),), content=((39, 57),))  # quote without its marks
P3 = Attribution(source=(), cue=((80, 92),), content=((71, 78),))  # only the first content fragment
P4 = Attribution(source=(), cue=(), content=((0, 9),))  # overlaps no gold content
PREDICTED = [P1, P2, P3, P4]


def test_parse_ann_reads_discontinuous_content() -> None:
    attributions = parse_ann((FIXTURE / "attributions" / "doc1_aa.ann").read_text(encoding="utf-8"))
    assert len(attributions) == 3
    assert attributions[2] == Attribution(source=((93, 99),), cue=((80, 92),), content=((71, 78), (101, 109)))


def test_read_folder_groups_annotator_files() -> None:
    (article,) = read_folder(FIXTURE)
    assert article.name == "doc1"
    assert [len(a) for a in article.annotations] == [3, 2]


def test_read_folder_names_the_layout_when_wrong(tmp_path: Path) -> None:
    with pytest.raises(QuotesDataError, match="text/ and attributions/"):
        read_folder(tmp_path)


def test_trim_cuts_quotes_punctuation_and_space_at_both_ends() -> None:
    text = ' "We will rebuild it," '
    assert trim(text, [(0, len(text))]) == frozenset({(2, 20)})
    assert trim(text, [(0, 2)]) == frozenset()


def test_one_annotator_counts() -> None:
    (article,) = read_folder(FIXTURE)
    counts = score_article(article.text, PREDICTED, article.annotations[0])
    assert (counts.n_pred, counts.n_gold, counts.overlap, counts.exact) == (4, 3, 3, 2)
    assert (counts.source_pred, counts.source_gold, counts.source_ok) == (2, 3, 2)
    assert (counts.cue_pred, counts.cue_gold, counts.cue_ok) == (3, 3, 3)


def test_scores_average_over_annotators() -> None:
    (article,) = read_folder(FIXTURE)
    scores = score([article], [PREDICTED])
    # Annotator bb has no third attribution and writes the mayor's source as "mayor":
    # averaged counts are overlap 2.5, exact 2, source 1.5/2.5 gold, cue 2.5/2.5 gold; 4 predictions.
    assert scores["n_gold"] == 2.5
    assert scores["n_pred"] == 4
    assert scores["content_overlap_precision"] == 0.625
    assert scores["content_overlap_recall"] == 1.0
    assert scores["content_overlap_f1"] == pytest.approx(0.7692, abs=1e-4)
    assert scores["content_exact_f1"] == pytest.approx(0.6154, abs=1e-4)
    assert scores["source_precision"] == 0.75
    assert scores["source_recall"] == 0.6
    assert scores["source_f1"] == pytest.approx(0.6667, abs=1e-4)
    assert scores["cue_f1"] == pytest.approx(0.9091, abs=1e-4)


def test_greedy_pairing_prefers_the_largest_overlap() -> None:
    text = "aaaa bbbb cccc dddd"
    gold = [Attribution(source=(), cue=(), content=((0, 9),))]
    small = Attribution(source=(), cue=(), content=((7, 14),))  # overlaps "bb"
    large = Attribution(source=(), cue=(), content=((0, 6),))  # overlaps "aaaa b"
    counts = score_article(text, [small, large], gold)
    assert counts.overlap == 1
    assert counts.exact == 0


def test_cli_json_prints_the_documented_keys() -> None:
    result = CliRunner().invoke(app, ["eval", "quotes", "--data", str(FIXTURE), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    for key in ("source_f1", "cue_f1", "content_exact_f1", "content_overlap_f1", "n_gold", "n_pred"):
        assert key in scores
    assert scores["n_gold"] == 2.5
    # the shipped extractor finds all three attributions of the fixture, each content exactly
    assert scores["n_pred"] == 3
    assert scores["content_overlap_recall"] == 1.0
    assert scores["content_exact_recall"] == 1.0
    # it names the tagger it scored and the threshold of that tagger's packaged statement filter (the
    # CRF's fit found no threshold worth keeping; docs/evaluation.md)
    assert scores["statement_filter_threshold"] == {"crf": 0.0, "bilstm+0.3 crf": 0.65}[str(scores["tagger"])]


def test_predict_runs_the_rules_over_a_given_tagger(pipeline: Pipeline) -> None:
    # scripts/train_quotes.py --score passes a model trained on 90% of train; the packaged one
    # passed explicitly must give exactly what the default gives
    from rashomon.extract.quotes_tagger import load_tagger

    texts = ['"The road is open again," the governor said on Monday. The army said it had left the town.']
    docs = [pipeline.nlp(texts[0])]
    default = predict(docs, texts)
    assert default and default == predict(docs, texts, tagger=load_tagger())
    said = texts[0].index("said")
    assert default[0][0].cue == ((said, said + 4),)
    # and the tagger passed is the one used: one that tags nothing and knows no cue words leaves
    # only what the parse rules find on their own (the army's report, not the governor's quotation)
    from rashomon.extract.quotes_tagger import QuoteTagger, Tagging

    class Silent(QuoteTagger):
        def __init__(self) -> None:
            self.cue_rate: dict[str, float] = {}

        def tag_scored(self, doc: Doc) -> Tagging:
            return Tagging(["O"] * len(doc), np.zeros(len(doc)))

    army_said = texts[0].index("said", said + 1)
    assert [a.cue for a in predict(docs, texts, tagger=Silent())[0]] == [((army_said, army_said + 4),)]


def test_holdout_folds_are_disjoint_slices_counted_back_from_the_end() -> None:
    from rashomon.evaluation.quotes import Article

    articles = [Article(name=f"a{i:02d}", text="x", annotations=((),)) for i in range(25)]
    names = lambda part: [a.name for a in part]  # noqa: E731 - tiny helper
    train, held = holdout_split(articles, 0.2)
    assert (names(train), names(held)) == (names(articles[:20]), names(articles[20:]))  # fold 0: the last 20%
    train, held = holdout_split(articles, 0.2, fold=1)
    assert names(held) == names(articles[15:20])
    assert names(train) == names(articles[:15] + articles[20:])
    assert names(holdout_split(articles, 0.2, fold=4)[1]) == names(articles[0:5])
    assert holdout_split(articles, 0.0) == (articles, [])
    with pytest.raises(QuotesDataError, match="use a fold from 0 to 4"):
        holdout_split(articles, 0.2, fold=5)
