"""Acceptance: an air strike on a migrant detention centre in Tajoura, Libya, read from an HTML page and an
RSS feed of two items (tests/data/incidents/tajoura_strike/), makes one incident through the real
ingest readers, pipeline, store and CLI.

The traps: "a detention centre" (no arrest); NER stopping at "the health ministry of the | Government of
National Accord"; "the self-styled Libyan National Army"; "the Tripoli-based government" and "a Tripoli
militia" (whose they are, not where the strike was); "told a news conference in Benghazi" (where the LNA
spoke); "The death toll from an air strike on ... in Tajoura, Libya, has risen to 53" and the wounded in
the next sentence; and the LNA owning a strike on a militia camp while denying it hit the centre.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rashomon.extract import Pipeline
from support.cli_runner import ingested_incident

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents" / "tajoura_strike"
GNA, LNA = "Government of National Accord", "Libyan National Army"


@pytest.fixture(scope="module")
def incident(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return ingested_incident(pipeline, tmp_path_factory.mktemp("tajoura"), CORPUS)


def test_one_incident_in_tajoura_from_a_page_and_a_feed(incident: dict[str, Any]) -> None:
    assert len(incident["reports"]) == 3
    assert (incident["place"]["name"], incident["place"]["country_code"]) == ("Tājūrā’", "LY")
    assert incident["time"]["start"].startswith("2019-07-02")  # "late on Tuesday", published on Wednesday
    assert incident["event_type"] == "ASSAULT"
    # no place conflict from the Tripoli militia, the Tripoli-based government or the Benghazi news conference
    assert "place" not in [c["kind"] for c in incident["contradictions"]]


def test_the_government_blames_the_lna_which_owns_another_target(incident: dict[str, Any]) -> None:
    accounts = {a["source"]: a for a in incident["accounts"]}
    assert set(accounts) == {GNA, LNA, "United Nations"}  # the health ministry speaks for the GNA
    assert (accounts[GNA]["stance"], accounts[GNA]["alleged_perpetrator"]) == ("accuses", LNA)
    assert accounts[GNA]["killed"] == {"min": 40, "max": None}
    assert accounts[LNA]["stance"] == "claims_responsibility"
    (disputed,) = [c for c in incident["contradictions"] if c["kind"] == "disputed_target"]
    assert LNA in disputed["summary"]


def test_the_un_toll_and_the_wounded_in_the_next_sentence(incident: dict[str, Any]) -> None:
    un = next(a for a in incident["accounts"] if a["source"] == "United Nations")
    assert un["killed"] == {"min": 53, "max": 53}
    assert un["wounded"] == {"min": 131, "max": None}  # "More than 130 people were wounded."
    wounded = next(c for c in incident["contradictions"] if c["kind"] == "toll")
    assert "80" in wounded["summary"] and "131" in wounded["summary"]


def test_the_incident_toll_and_grade_say_what_the_sources_say(incident: dict[str, Any]) -> None:
    assert incident["killed"] == {"min": 40, "max": 53}
    # "80 wounded" and "more than 130": at least 80, the top open (not 80 exactly)
    assert incident["wounded"] == {"min": 80, "max": None}
    # the count and the list name the same groups
    assert incident["grade"] == "fair"
    assert incident["grade_reasons"][0] == f"fair: 3 independent sources agree ({GNA}; {LNA}; United Nations)"
