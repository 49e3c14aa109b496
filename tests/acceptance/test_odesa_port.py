"""Acceptance: three reports of a drone attack on the port of Odesa (tests/data/incidents/odesa_port.jsonl):
Ukrainian officials blame Russia, Russia's Defence Ministry claims a strike on "port infrastructure used by
the Ukrainian armed forces", and the Ukrainian Navy rejects that claim. One incident, graded fair, not
confirmed, through the real pipeline, store and CLI.

The traps: a dateline ("ODESA, Ukraine - ") before a sentence the statements model then misread; "Russian
forces attacked the port" (an armed attack, not a political one: the governor's words); "air defences had
shot down 30 of the 35 drones" (a defence, no claim of the attack); "calling it a war crime" (an
accusation, no demand); the dateline date "MOSCOW, March 10 (TASS)"; a headline's "overnight drone attack"
a day after the body's "on Monday night"; "people killed in a Russian drone attack ... on Monday night has
risen to three, the service said" (the night dates the killing, not the saying); and a denial of Moscow's
claim about the target, which names no perpetrator.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rashomon.extract import Pipeline
from support.cli_runner import ingested_incident

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents" / "odesa_port.jsonl"
MOD, NAVY = "Russian Ministry of Defence", "Ukrainian Navy"


@pytest.fixture(scope="module")
def incident(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return ingested_incident(pipeline, tmp_path_factory.mktemp("odesa"), CORPUS)


def test_one_incident_in_odesa_on_monday_night(incident: dict[str, Any]) -> None:
    assert len(incident["reports"]) == 3
    assert (incident["place"]["name"], incident["place"]["country_code"]) == ("Odesa", "UA")
    assert incident["time"]["start"].startswith("2026-03-09")
    kinds = [c["kind"] for c in incident["contradictions"]]
    assert "time" not in kinds and "rival_perpetrators" not in kinds and "accusation_vs_denial" not in kinds


def test_russia_owns_the_strike_and_ukraine_disputes_the_target(incident: dict[str, Any]) -> None:
    accounts = {a["source"]: a for a in incident["accounts"]}
    assert accounts[MOD]["stance"] == "claims_responsibility"
    assert accounts["Oleh Kiper"]["alleged_perpetrator"] == "Russian Armed Forces"
    assert accounts["Oleh Kiper"]["killed"] == {"min": 2, "max": 2}
    # shooting down drones claims nothing
    assert accounts["Ukrainian Air Force"]["stance"] != "claims_responsibility"
    assert (accounts[NAVY]["stance"], accounts[NAVY]["alleged_perpetrator"]) == ("denies", None)
    (disputed,) = [c for c in incident["contradictions"] if c["kind"] == "disputed_target"]
    assert disputed["sides"][0]["sources"] == [NAVY] and disputed["sides"][-1]["sources"] == [MOD]
    assert incident["grade"] == "fair"
    assert not any(r.startswith("confirmed") for r in incident["grade_reasons"])
