"""`rashomon eval geocode`: XML shape detection, span alignment and the metrics, on tiny fixtures."""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.errors import UsageError
from rashomon.evaluation.geocode import MAX_ERROR_KM, align, auc_of, detect_shape, evaluate, read_articles, score

FIXTURES = Path(__file__).parent / "fixtures" / "geocode"


@pytest.mark.parametrize(("name", "shape"), [("lgl_tiny.xml", "lgl"), ("gwn_tiny.xml", "gwn"), ("geovirus_tiny.xml", "geovirus")])
def test_detect_shape(name: str, shape: str) -> None:
    assert detect_shape(ET.parse(FIXTURES / name).getroot()) == shape


def test_unknown_shape_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "x.xml"
    path.write_text("<articles><article><text>a</text></article></articles>")
    with pytest.raises(UsageError, match="unrecognised geocoding XML"):
        read_articles(path)


def test_lgl_gold_without_gaztag_has_no_coordinates() -> None:
    _, [article] = read_articles(FIXTURES / "lgl_tiny.xml")
    assert [(t.name, t.lat) for t in article.toponyms] == [
        ("Mosul", 36.335),
        ("Mosul", 36.335),
        ("Iraq", 33.0),
        ("Tal Afar", None),
    ]


def test_geovirus_offsets_shifted_by_one_are_aligned() -> None:
    _, [article] = read_articles(FIXTURES / "geovirus_tiny.xml")
    assert [(t.start, t.end, article.text[t.start : t.end]) for t in article.toponyms] == [
        (20, 26, "Beirut"),
        (30, 37, "Tripoli"),
        (50, 57, "Lebanon"),
    ]


def test_align_keeps_exact_spans_and_leaves_far_misses() -> None:
    text = "from Beirut to Tripoli"
    assert align(text, "Beirut", 5, 11) == (5, 11)
    assert align(text, "Tripoli", 16, 23) == (15, 22)
    assert align(text, "Paris", 5, 10) == (5, 10)


def test_auc_is_zero_for_exact_and_one_for_maximal_errors() -> None:
    assert auc_of([0.0, 0.0, 0.0]) == 0.0
    assert auc_of([MAX_ERROR_KM, MAX_ERROR_KM]) == pytest.approx(1.0, abs=1e-4)  # ln(1+e) vs ln(e)
    # trapezoid over sorted ln(1+e): (ln 1 + ln 11)/2 + (ln 11 + ln 101)/2, over 2 intervals and ln(20039)
    expected = ((0 + math.log(11)) / 2 + (math.log(11) + math.log(101)) / 2) / (2 * math.log(MAX_ERROR_KM))
    assert auc_of([100.0, 0.0, 10.0]) == pytest.approx(expected)


def test_score_counts_accuracy_at_161_km_and_median() -> None:
    scores = score([0.0, 100.0, 161.0, 500.0], unresolved=0)
    assert scores["acc_161km"] == 0.75
    assert scores["median_error_km"] == 130.5
    assert scores["n"] == 4


@pytest.mark.parametrize(("name", "n"), [("lgl_tiny.xml", 3), ("gwn_tiny.xml", 2), ("geovirus_tiny.xml", 3)])
def test_evaluate_resolves_every_gold_place_of_the_fixtures(name: str, n: int) -> None:
    scores = evaluate(FIXTURES / name)
    assert scores["n"] == n  # only gold places with coordinates are scored
    assert scores["acc_161km"] == 1.0
    assert scores["per_report_acc_161km"] == 1.0  # each article alone, without its outlet's other articles
    assert scores["unresolved"] == 0


def test_cli_prints_json(tmp_path: Path) -> None:
    from rashomon.cli.app import app

    result = CliRunner().invoke(app, ["eval", "geocode", "--data", str(FIXTURES / "gwn_tiny.xml"), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["shape"] == "gwn" and scores["n"] == 2 and scores["acc_161km"] == 1.0
