"""Acceptance: four reports of one market shelling in El Fasher (tests/data/incidents/el_fasher_market.jsonl),
where each side blames the other, make one contested incident through the real pipeline, store and CLI.

The traps: the RSF denies and blames "the army" and "army warplanes" (a bare noun that means the Sudanese
Armed Forces in a report about Sudan); a dateline city ("NAIROBI (Nile Wire) - ") the parser makes the
subject; the denial's date ("on Monday denied shelling") next to the act's ("on Sunday"); the UN saying it
"did not say who was responsible" ("who" is not the WHO); a rights group NER does not know, named in a
hard-wrapped text, then called "the group" and, in the headline, "Rights group"; and that group's toll
in the body under a headline that points the event at its headline statement.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from rashomon.export import FORMATS
from rashomon.extract import Pipeline
from rashomon.store.factory import open_store
from support.cli_runner import ingested_incident

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents" / "el_fasher_market.jsonl"
RSF, SAF = "Rapid Support Forces", "Sudanese Armed Forces"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("el_fasher")


@pytest.fixture(scope="module")
def incident(pipeline: Pipeline, workdir: Path) -> dict[str, Any]:
    return ingested_incident(pipeline, workdir, CORPUS)


def test_one_incident_at_el_fasher_on_sunday(incident: dict[str, Any]) -> None:
    assert len(incident["reports"]) == 4
    assert (incident["place"]["name"], incident["place"]["country_code"]) == ("El Fasher", "SD")
    assert incident["time"]["start"].startswith("2024-05-12")
    # the denial was made on Monday; that is no second date for the shelling
    assert "time" not in [c["kind"] for c in incident["contradictions"]]


def test_each_side_blames_the_other(incident: dict[str, Any]) -> None:
    accounts = {a["source"]: a for a in incident["accounts"]}
    assert (accounts[SAF]["stance"], accounts[SAF]["alleged_perpetrator"]) == ("accuses", RSF)
    rsf = accounts[RSF]
    assert (rsf["stance"], rsf["alleged_perpetrator"]) == ("denies", SAF)  # "army warplanes had struck the market"
    assert rsf["killed"] == {"min": 21, "max": None}  # "more than 20", said by its adviser
    assert rsf["method"] == "aerial"  # what it says happened, not the shelling it denies
    (rival,) = [c for c in incident["contradictions"] if c["kind"] == "rival_perpetrators"]
    assert {s["claim"] for s in rival["sides"]} == {f"{RSF} did it", f"{SAF} did it"}
    assert any(c["kind"] == "accusation_vs_denial" for c in incident["contradictions"])
    assert incident["grade"] == "contested"


def test_the_un_names_nobody_and_the_rights_group_is_one_source(incident: dict[str, Any]) -> None:
    accounts = {a["source"]: a for a in incident["accounts"]}
    un = accounts["United Nations"]
    assert (un["stance"], un["alleged_perpetrator"], un["killed"]) == ("confirms", None, {"min": 18, "max": None})
    lawyers = [a for a in incident["accounts"] if "group" in a["source"].lower() or "Lawyers" in a["source"]]
    assert [a["source"] for a in lawyers] == ["Emergency Lawyers"]
    assert (lawyers[0]["stance"], lawyers[0]["alleged_perpetrator"]) == ("attributes", RSF)
    assert lawyers[0]["killed"] == {"min": 19, "max": 19}
    assert all(a["source"] != "Kenya" and a["alleged_perpetrator"] != "Kenya" for a in incident["accounts"])


def test_the_acled_row_names_civilians_as_the_victims(incident: dict[str, Any], workdir: Path) -> None:
    store = open_store(str(workdir / "incidents.db"))
    try:
        stream = io.StringIO()
        FORMATS["acled-csv"](store, stream)
    finally:
        store.close()
    (row,) = csv.DictReader(io.StringIO(stream.getvalue()))
    assert row["event_id_cnty"] == incident["id"]
    # responsibility is disputed, so ACLED's unidentified actor; the victims as ACLED names them, not "at least 18 civilians"
    assert (row["actor1"], row["actor2"]) == ("Unidentified Armed Group (Sudan)", "Civilians (Sudan)")
    assert row["sub_event_type"] == "Shelling/artillery/missile attack"
