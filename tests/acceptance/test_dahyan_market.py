"""Acceptance: four reports of one Yemen market strike (tests/data/incidents/dahyan_market.jsonl) make one
incident, with each source's account and the toll conflict, through the real pipeline, store and CLI.

Each report carries a trap seen in wire copy: a headline spaCy runs into the dateline below it, a dateline
city that is where the report was filed ("RIYADH (Gulf Wire) - "), Arabic place names the small model tags
as nationalities ("in Dahyan", "the Saada strike"), "Saudi-led" standing for the coalition, and a toll the
UN gives next to a higher one from medics. The coalition owns the strike but denies hitting the market, so
the incident is not graded confirmed on its word.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rashomon.extract import Pipeline
from support.cli_runner import ingested_incidents

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents" / "dahyan_market.jsonl"
COALITION = "Saudi-led coalition"


@pytest.fixture(scope="module")
def incidents(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    return ingested_incidents(pipeline, tmp_path_factory.mktemp("dahyan"), CORPUS)


def test_the_four_reports_are_one_incident_at_dahyan(incidents: list[dict[str, Any]]) -> None:
    assert len(incidents) == 1
    (incident,) = incidents
    assert len(incident["reports"]) == 4
    assert incident["place"]["name"] == "Dahyan" and incident["place"]["country_code"] == "YE"
    assert incident["time"]["start"].startswith("2019-06-11")


def test_each_source_keeps_its_own_account_and_toll(incidents: list[dict[str, Any]]) -> None:
    accounts = {a["source"]: a for a in incidents[0]["accounts"]}
    houthis = accounts["Ansar Allah"]
    assert (houthis["stance"], houthis["alleged_perpetrator"]) == ("attributes", COALITION)
    assert houthis["killed"] == {"min": 20, "max": 20}
    # the UN's own figure, though the event keeps the medics' higher one
    assert accounts["United Nations"]["killed"] == {"min": 14, "max": None}
    assert accounts["Local medics"]["killed"] == {"min": 26, "max": 26}
    assert accounts[COALITION]["alleged_perpetrator"] == COALITION
    # the dateline city is where the wire filed from, never where the strike was
    assert {a["place"] for a in accounts.values()} <= {"Dahyan", "Saada", None}


def test_the_tolls_conflict_and_no_rival_perpetrator_is_invented(incidents: list[dict[str, Any]]) -> None:
    kinds = [c["kind"] for c in incidents[0]["contradictions"]]
    assert "toll" in kinds
    assert "rival_perpetrators" not in kinds


def test_owning_the_strike_but_denying_the_market_is_no_confirmation(incidents: list[dict[str, Any]]) -> None:
    (incident,) = incidents
    (disputed,) = [c for c in incident["contradictions"] if c["kind"] == "disputed_target"]
    assert disputed["sides"][-1]["sources"] == [COALITION]
    assert "market" in disputed["evidence"][-1][0]["text"]  # the coalition's own denial, first
    assert incident["grade"] == "fair"  # by its four independent outlets, not by the coalition's claim
    assert any(r.startswith("not confirmed: ") for r in incident["grade_reasons"])
