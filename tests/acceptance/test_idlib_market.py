"""Acceptance: three reports of an air strike on a market in Maarat Misrin, Idlib
(tests/data/incidents/idlib_market.jsonl): a monitor blames Russian warplanes, rescuers give a lower toll,
Russia's reconciliation centre denies any mission there, and Syrian state media report army strikes on
"terrorist positions" in the province the same day. One contested incident through the real pipeline.

The traps: the parser making "at least 18 civilians, ..." the subject of "the Syrian Observatory ...
said"; "the Britain-based monitor" for the observatory; "put the toll at 15 dead" (a figure without a
speech verb, sharing its source with the next statement); "The centre's deputy head, Rear Admiral Vadim
Kulit" (NER calls him an organisation) and "a staged provocation"; a title-case dateline "Idlib, SANA - ";
and "a military source" in the SANA report, which is the Syrian army's, not the Russian centre's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rashomon.extract import Pipeline
from support.cli_runner import ingested_incident

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents" / "idlib_market.jsonl"
SOHR, CENTRE = "Syrian Observatory for Human Rights", "Russian Centre for Reconciliation of Opposing Sides in Syria"


@pytest.fixture(scope="module")
def incident(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return ingested_incident(pipeline, tmp_path_factory.mktemp("idlib"), CORPUS)


def test_the_monitor_blames_russia_with_its_own_toll(incident: dict[str, Any]) -> None:
    accounts = {a["source"]: a for a in incident["accounts"]}
    assert incident["time"]["start"].startswith("2026-05-17")
    sohr = accounts[SOHR]
    assert (sohr["stance"], sohr["alleged_perpetrator"]) == ("attributes", "Russian Aerospace Forces")
    assert sohr["killed"] == {"min": 18, "max": None} and sohr["wounded"] == {"min": 31, "max": None}
    assert not any("monitor" in a["source"] or "civilians" in a["source"] for a in incident["accounts"])
    rescuers = next(a for a in incident["accounts"] if "Civil Defence" in a["source"])
    assert rescuers["killed"] == {"min": 15, "max": 15}  # "put the toll at 15 dead"
    toll = next(c for c in incident["contradictions"] if c["kind"] == "toll")
    assert "18" in toll["summary"] and "15" in toll["summary"]


def test_the_russian_denial_is_one_account_and_the_syrian_source_is_the_army(incident: dict[str, Any]) -> None:
    accounts = {a["source"]: a for a in incident["accounts"]}
    assert accounts[CENTRE]["stance"] == "denies"
    assert accounts[CENTRE]["outlets"] == ["Sputnik Arabic"]  # not the SANA report's military source
    assert not any("Kulit" in a["source"] for a in incident["accounts"])  # he speaks for the centre
    assert accounts["Syrian Arab Army"]["outlets"] == ["SANA"]
    assert incident["grade"] == "contested"
    assert "accusation_vs_denial" in [c["kind"] for c in incident["contradictions"]]
