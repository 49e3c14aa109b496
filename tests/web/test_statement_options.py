"""Statements narrowed by confidence and ordered by it: service.queries, the JSON API and the pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rashomon.errors import UsageError
from rashomon.service.queries import Queries, StatementOptions, parse_statement_options
from rashomon.store.sqlite import SQLiteStore
from rashomon.web import WebSettings, create_app
from web.fakes import MemoryStore
from web.statement_scores import Scored, build_scored


@pytest.fixture(scope="module")
def scored() -> Scored:
    return build_scored()


@pytest.fixture(scope="module")
def queries(scored: Scored) -> Queries:
    return Queries(MemoryStore([scored.analysis], [scored.incident]), brief=False)


@pytest.fixture(scope="module")
def client(scored: Scored, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path: Path = tmp_path_factory.mktemp("scores") / "scores.db"
    with SQLiteStore(path) as store, store.transaction():
        store.add_report(scored.analysis.report)
        store.save_analysis(scored.analysis)
        store.save_incidents([scored.incident])
    with TestClient(create_app(WebSettings(db=str(path))), base_url="http://127.0.0.1") as c:
        yield c


def _speakers(views: tuple) -> list[str | None]:  # type: ignore[type-arg]
    return [v.speaker for v in views]


def test_report_statements_by_bar_and_order(queries: Queries, scored: Scored) -> None:
    rid = scored.analysis.report.id
    assert _speakers(queries.report(rid).statements) == ["The mayor", "the police chief", "The army", "The governor"]
    by_score = queries.report(rid, StatementOptions(order="confidence")).statements
    # highest first, ties in report order, the unscored army last
    assert [(v.speaker, v.confidence) for v in by_score] == [
        ("the police chief", 0.91),
        ("The governor", 0.91),
        ("The mayor", 0.42),
        ("The army", None),
    ]
    narrowed = queries.report(rid, StatementOptions(min_confidence=0.5))
    assert _speakers(narrowed.statements) == ["the police chief", "The army", "The governor"]
    # the analysis and the highlights follow the bar: the mayor's words are no longer marked as a statement
    assert narrowed.analysis is not None and len(narrowed.analysis.statements) == 3
    mayor = scored.mayor.content[0]
    statement_spans = {(h.start, h.end) for h in narrowed.highlights if h.kind == "statement"}
    assert (mayor.start, mayor.end) not in statement_spans
    assert (mayor.start, mayor.end) in {(h.start, h.end) for h in queries.report(rid).highlights if h.kind == "statement"}


def test_incident_accounts_list_only_statements_over_the_bar(queries: Queries, scored: Scored) -> None:
    full = queries.incident(scored.incident.id)
    assert _speakers(full.accounts[0].statements) == ["The mayor", "the police chief", "The army", "The governor"]
    strict = queries.incident(scored.incident.id, StatementOptions(min_confidence=0.95, order="confidence"))
    assert _speakers(strict.accounts[0].statements) == ["The army"]
    assert strict.incident == full.incident  # the assessed record is as stored


def test_an_actor_whose_statements_are_all_under_the_bar_is_still_found(queries: Queries) -> None:
    detail = queries.actor("The mayor", StatementOptions(min_confidence=0.9))
    assert detail.name == "The mayor" and detail.statements == ()
    assert len(queries.actor("The mayor").statements) == 1


@pytest.mark.parametrize(
    ("bar", "order", "message"),
    [
        ("high", None, "min_confidence='high' is not a number from 0 to 1"),
        ("1.5", None, "min_confidence='1.5' is not a number from 0 to 1"),
        (None, "newest", "order='newest' is not an order; use text or confidence"),
    ],
)
def test_loose_values_are_checked(bar: str | None, order: str | None, message: str) -> None:
    with pytest.raises(UsageError, match=re.escape(message)):
        parse_statement_options(bar, order)


def test_blank_form_values_mean_the_defaults() -> None:
    assert parse_statement_options(" ", "") == StatementOptions()
    assert parse_statement_options("0.8", "confidence") == StatementOptions(min_confidence=0.8, order="confidence")


def test_api_takes_the_bar_and_order_on_reports_incidents_and_actors(client: TestClient, scored: Scored) -> None:
    rid = scored.analysis.report.id
    body = client.get(f"/api/reports/{rid}", params={"min_confidence": "0.5", "order": "confidence"}).json()
    assert [s["speaker"] for s in body["statements"]] == ["the police chief", "The governor", "The army"]
    assert [s["speaker_name"] for s in body["analysis"]["statements"]] == ["the police chief", "The army", "The governor"]
    incident = client.get(f"/api/incidents/{scored.incident.id}", params={"min_confidence": "0.9"}).json()
    assert [s["speaker"] for s in incident["accounts"][0]["statements"]] == ["the police chief", "The army", "The governor"]
    actor = client.get("/api/actors/The mayor", params={"min_confidence": "0.9"})
    assert actor.status_code == 200 and actor.json()["statements"] == []


def test_api_refuses_a_bad_bar_with_the_fix(client: TestClient, scored: Scored) -> None:
    response = client.get(f"/api/reports/{scored.analysis.report.id}", params={"min_confidence": "2"})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "min_confidence='2' is not a number from 0 to 1; write e.g. 0.8"
    bad_order = client.get(f"/api/incidents/{scored.incident.id}", params={"order": "newest"})
    assert bad_order.status_code == 400


def test_pages_show_the_controls_and_apply_them(client: TestClient, scored: Scored) -> None:
    rid = scored.analysis.report.id
    page = client.get(f"/reports/{rid}", params={"min_confidence": "0.5", "order": "confidence"}).text
    scores = re.findall(r'<span class="confidence"[^>]*>([^<]+)</span>', page)
    assert scores == ["confidence 0.91", "confidence 0.91"]  # the mayor's 0.42 is hidden; the army has none
    assert '<form class="statement-controls" method="get" action="/reports/' in page
    assert 'name="min_confidence" min="0" max="1" step="0.05" value="0.5"' in page
    assert '<option value="confidence" selected>by confidence</option>' in page
    assert "statements scored under 0.50 are hidden; unscored ones stay" in page
    # nothing over the bar: the section stays, with its controls, and says so
    empty = client.get("/actors/The mayor", params={"min_confidence": "0.9"}).text
    assert 'Statements made <span class="muted">(0)</span>' in empty and 'class="statement-controls"' in empty
    incident = client.get(f"/incidents/{scored.incident.id}", params={"min_confidence": "0.95"}).text
    assert re.findall(r'<span class="speaker"><a [^>]*>([^<]+)</a>', incident) == ["The army"]
