"""Acceptance: three reports of one shelling (tests/data/incidents/kramatorsk_strike.jsonl), a Ukrainian
governor's attribution, Russia's denial and a UN toll, make one contested incident through the real
pipeline, store and CLI.

The traps: a headline that names its speaker only by role ("..., governor says") above the paragraph that
names him, a headline the parser would run into that paragraph, a wire dateline ("MOSCOW, July 9 (TASS) -")
in front of the real speaker, and an attribution told as fact rather than as an accusation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rashomon.extract import Pipeline
from support.cli_runner import ingested_incident

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents" / "kramatorsk_strike.jsonl"


@pytest.fixture(scope="module")
def incident(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return ingested_incident(pipeline, tmp_path_factory.mktemp("kramatorsk"), CORPUS)


def test_one_incident_of_three_reports_at_kramatorsk(incident: dict[str, Any]) -> None:
    assert len(incident["reports"]) == 3
    assert (incident["place"]["name"], incident["place"]["country_code"]) == ("Kramatorsk", "UA")
    assert incident["time"]["start"].startswith("2022-07-08")


def test_the_headline_governor_is_the_named_governor(incident: dict[str, Any]) -> None:
    accounts = {a["source"]: a for a in incident["accounts"]}
    assert "governor" not in accounts
    governor = accounts["Pavlo Kyrylenko"]
    assert (governor["stance"], governor["alleged_perpetrator"]) == ("attributes", "Russian Armed Forces")
    assert governor["killed"] == {"min": 7, "max": 7} and governor["wounded"] == {"min": 14, "max": 14}
    assert accounts["UN Human Rights Monitoring Mission in Ukraine"]["killed"] == {"min": 5, "max": None}


def test_the_denial_is_the_ministry_s_not_the_agency_s(incident: dict[str, Any]) -> None:
    deniers = {a["source_actor_id"] for a in incident["accounts"] if a["stance"] == "denies"}
    assert "russia_mod" in deniers and "tass" not in deniers


def test_an_attribution_told_as_fact_conflicts_with_the_denial(incident: dict[str, Any]) -> None:
    conflicts = [c for c in incident["contradictions"] if c["kind"] == "accusation_vs_denial"]
    assert conflicts and all("Russian Armed Forces" in c["summary"] for c in conflicts)
    assert incident["grade"] == "contested"
