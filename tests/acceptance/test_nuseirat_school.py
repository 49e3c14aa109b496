"""Acceptance: three reports of one strike on a school sheltering displaced families (tests/data/incidents/
nuseirat_school.jsonl): the military owns the strike but says it hit a Hamas compound and knows of no civilian
casualties, the health ministry and UNRWA count the dead. One incident, graded by its sources and not
confirmed on the military's word, as Airwars grades civilian harm.

The traps: "an Israeli strike on one of its schools" and "... in central Gaza" in the words of UNRWA and of a
Gaza ministry, which made them claim the strike when a whole noun phrase counted as the doer; the UN
named before UNRWA in "The UN agency for Palestinian refugees, UNRWA"; "military spokesman Lt. Col. Peter
Lerner" with no organisation in his role; the state's own headline claim beside its military's; and a
denial that is about the target ("that any of its fighters were in the school"), not the attack.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rashomon.extract import Pipeline
from support.cli_runner import ingested_incident

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents" / "nuseirat_school.jsonl"
IDF = "Israel Defense Forces"


@pytest.fixture(scope="module")
def incident(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return ingested_incident(pipeline, tmp_path_factory.mktemp("nuseirat"), CORPUS)


def test_only_israel_and_its_military_claim_the_strike(incident: dict[str, Any]) -> None:
    claimants = {a["source"] for a in incident["accounts"] if a["stance"] == "claims_responsibility"}
    assert claimants == {"Israel", IDF}
    accounts = {a["source"]: a for a in incident["accounts"]}
    unrwa = accounts["UN Relief and Works Agency for Palestine Refugees"]
    assert (unrwa["stance"], unrwa["killed"]) == ("confirms", {"min": 35, "max": None})
    assert "United Nations" not in accounts  # UNRWA speaks, not the UN named before it
    assert accounts["Gaza Health Ministry"]["killed"] == {"min": 27, "max": None}
    assert "Peter Lerner" not in accounts  # the military's spokesman speaks for the military


def test_owning_the_strike_while_denying_civilian_harm_is_no_confirmation(incident: dict[str, Any]) -> None:
    disputes = [c for c in incident["contradictions"] if c["kind"] == "disputed_target"]
    (disputed,) = [c for c in disputes if c["sides"][-1]["sources"] == [IDF] and "civilian casualties" in c["summary"]]
    # and Hamas, denying its fighters were in the school, disputes what Israel says it hit (once for Israel's side)
    (rejected,) = [c for c in disputes if c is not disputed]
    assert rejected["sides"][0]["sources"] == ["Hamas"] and "its fighters were in the school" in rejected["summary"]
    assert incident["grade"] == "fair"
    assert not any(r.startswith("confirmed") for r in incident["grade_reasons"])
    assert "rival_perpetrators" not in [c["kind"] for c in incident["contradictions"]]
