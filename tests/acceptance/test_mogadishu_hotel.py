"""Acceptance: three reports of one hotel attack in Mogadishu (tests/data/incidents/mogadishu_hotel.jsonl), an
al-Shabaab claim, police, government and hospital tolls, make one confirmed incident through the real pipeline,
store and CLI. The trap: "the al-Qaeda-linked al-Shabaab group said ..." must be al-Shabaab speaking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rashomon.extract import Pipeline
from support.cli_runner import ingested_incident

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents" / "mogadishu_hotel.jsonl"


@pytest.fixture(scope="module")
def incident(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return ingested_incident(pipeline, tmp_path_factory.mktemp("mogadishu"), CORPUS)


def test_one_incident_on_saturday_night_in_mogadishu(incident: dict[str, Any]) -> None:
    assert len(incident["reports"]) == 3
    assert (incident["place"]["name"], incident["place"]["country_code"]) == ("Mogadishu", "SO")
    assert incident["time"]["start"] == "2023-01-21T18:00:00+00:00"  # "Saturday night" before a Sunday report


def test_the_claim_is_al_shabaab_s_and_the_government_blames_it(incident: dict[str, Any]) -> None:
    by_actor = {a["source_actor_id"]: a for a in incident["accounts"] if a["source_actor_id"]}
    assert "al_qaeda" not in by_actor
    assert by_actor["al_shabaab"]["stance"] == "claims_responsibility"
    blamers = [a for a in incident["accounts"] if a["stance"] == "accuses"]
    assert [(a["source"], a["alleged_perpetrator"]) for a in blamers] == [("Daud Aweis", "Al-Shabaab")]
    assert incident["grade"] == "confirmed"


def test_the_three_tolls_conflict(incident: dict[str, Any]) -> None:
    tolls = {a["source"]: a["killed"] for a in incident["accounts"] if a["killed"]["min"] is not None}
    assert tolls["Abdifatah Aden Hassan"] == {"min": 9, "max": None}
    assert tolls["Federal Government of Somalia"] == {"min": 8, "max": 8}
    assert {"min": 11, "max": 11} in tolls.values()
    assert [c["kind"] for c in incident["contradictions"]] == ["toll"]
