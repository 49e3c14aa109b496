"""Acceptance (issues 2 and 5): what `make demo` shows, rebuilt with the real pipeline and the real CLI commands.

The demo database is built once per module exactly as the Makefile's `demo` target builds it (`ingest` of
examples/demo_corpus/reports, then `incidents`, then `brief` of the incident with most reports), in-process
with the session's spaCy pipeline so the parse is not paid twice. tests/assess and tests/link check the same
logic on hand-built analyses and on tests/data/incidents; this module checks the demo corpus end to end.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rashomon.extract import Pipeline
from support.cli_runner import Cli, make_cli
from support.demo_corpus import DEMO_CORPUS

# The five reports of the seed incident (examples/demo_corpus/README.md, "The main incident").
SEED_URLS = {
    "https://meridian-wire.example.com/2017/08/08/iraq-militia-strike",
    "https://coastal-ledger.example.net/world/militia-blames-us",
    "https://meridian-wire.example.com/2017/08/08/abadi-islamic-state-border",
    "https://gulf-observer.example.org/iraq/kss-welayi-interview",
    "https://conflict-monitor.example.com/2017/08/09/is-claims-akashat-attack",
}
SYNDICATED_COPY = "https://coastal-ledger.example.net/world/militia-blames-us"
SIRTE_URL = "https://north-africa-dispatch.example.net/libya/sirte-depot-strike"
INCIDENT_KEYS = {"id", "reports", "accounts", "contradictions", "grade", "grade_reasons", "place", "time"}
ACCOUNT_KEYS = {"source", "stance", "alleged_perpetrator", "killed", "wounded", "reports"}
STANCES = {"accuses", "denies", "claims_responsibility", "attributes", "confirms"}
GRADES = {"confirmed", "fair", "weak", "contested", "discounted"}
US = "United States Armed Forces"
IS = "Islamic State"


@pytest.fixture(scope="module")
def demo(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Cli, Path, dict[str, Any]]]:
    workdir = tmp_path_factory.mktemp("demo")
    db = workdir / "demo.db"
    with pytest.MonkeyPatch.context() as monkeypatch:
        cli = make_cli(pipeline, monkeypatch, workdir)
        ingested = cli("ingest", DEMO_CORPUS, "--db", db, "--json")
        assert ingested.exit_code == 0, ingested.stderr
        summary = json.loads(ingested.stdout)
        yield cli, db, summary


@pytest.fixture(scope="module")
def incidents(demo: tuple[Cli, Path, dict[str, Any]]) -> list[dict[str, Any]]:
    cli, db, _ = demo
    result = cli("incidents", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def seed(incidents: list[dict[str, Any]]) -> dict[str, Any]:
    # The Makefile's rule for which incident `make demo` briefs: the one with most reports.
    return max(incidents, key=lambda i: len(i["reports"]))


def _accounts(seed: dict[str, Any], stance: str) -> list[dict[str, Any]]:
    return [a for a in seed["accounts"] if a["stance"] == stance]


def test_demo_ingest_summary(demo: tuple[Cli, Path, dict[str, Any]]) -> None:
    _, _, summary = demo
    assert summary == {"added": 7, "duplicates": 0, "near_duplicates": 1, "rejected": 0}


def test_incidents_json_has_the_documented_keys_for_every_incident(incidents: list[dict[str, Any]]) -> None:
    assert incidents
    for incident in incidents:
        assert set(incident) >= INCIDENT_KEYS, incident["id"]
        assert incident["grade"] in GRADES and incident["grade_reasons"]
        assert all({"id", "url"} <= set(r) for r in incident["reports"])
        for account in incident["accounts"]:
            assert set(account) >= ACCOUNT_KEYS
            assert account["stance"] in STANCES, account["stance"]
            for toll in (account["killed"], account["wounded"]):
                assert set(toll) == {"min", "max"}
                if toll["min"] is not None and toll["max"] is not None:
                    assert toll["min"] <= toll["max"]
        for contradiction in incident["contradictions"]:
            assert {"kind", "sides", "evidence"} <= set(contradiction)
            assert len(contradiction["sides"]) == len(contradiction["evidence"]) >= 2


def test_seed_incident_is_one_incident_of_its_five_reports_and_nothing_else(
    incidents: list[dict[str, Any]], seed: dict[str, Any]
) -> None:
    assert {r["url"] for r in seed["reports"]} == SEED_URLS
    others = [i for i in incidents if i["id"] != seed["id"]]
    assert all(not ({r["url"] for r in i["reports"]} & SEED_URLS) for i in others)
    assert any(SIRTE_URL in {r["url"] for r in i["reports"]} for i in others)
    copies = [r["url"] for r in seed["reports"] if r.get("independent") is False]
    assert copies == [SYNDICATED_COPY]


def test_militia_accusation_and_coalition_denial(seed: dict[str, Any]) -> None:
    accusers = {a["source"]: a["alleged_perpetrator"] for a in _accounts(seed, "accuses")}
    assert accusers.get("Kata'ib Sayyid al-Shuhada") == US
    deniers = [a["source"] for a in _accounts(seed, "denies")]
    assert deniers == ["Combined Joint Task Force – Operation Inherent Resolve"]


def test_prime_minister_and_islamic_state_rival_attribution(seed: dict[str, Any]) -> None:
    attributes = {a["source"]: a["alleged_perpetrator"] for a in _accounts(seed, "attributes")}
    assert attributes.get("Haider al-Abadi") == IS
    claims = {a["source"]: a["alleged_perpetrator"] for a in _accounts(seed, "claims_responsibility")}
    assert claims == {IS: IS}
    rival = [c for c in seed["contradictions"] if c["kind"] == "rival_perpetrators"]
    assert len(rival) == 1
    claimed = {side["claim"] for side in rival[0]["sides"]}
    assert claimed == {f"{IS} did it", f"{US} did it"}


def test_toll_discrepancy_36_against_47_killed(seed: dict[str, Any]) -> None:
    killed = [c for c in seed["contradictions"] if c["kind"] == "toll" and any("killed" in s["claim"] for s in c["sides"])]
    assert len(killed) == 1
    claims = {side["claim"] for side in killed[0]["sides"]}
    assert {"killed: 36", "killed: 47"} <= claims
    texts = " | ".join(span["text"] for side in killed[0]["evidence"] for span in side)
    assert "36" in texts and "47" in texts


def test_the_strike_is_typed_as_an_air_strike_not_the_generic_attack_of_the_claim(
    demo: tuple[Cli, Path, dict[str, Any]], seed: dict[str, Any]
) -> None:
    # the earliest report only says "attack"; the reports that name a method say air strike
    cli, db, _ = demo
    assert seed["event_type"] == "ASSAULT"
    result = cli("export", "--format", "acled-csv", "--db", db)
    assert result.exit_code == 0, result.stderr
    (row,) = [r for r in csv.DictReader(io.StringIO(result.stdout)) if r["event_id_cnty"] == seed["id"]]
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")


def test_graded_contested_with_reasons(seed: dict[str, Any]) -> None:
    assert seed["grade"] == "contested"
    kinds = {c["kind"] for c in seed["contradictions"]}
    assert {"rival_perpetrators", "accusation_vs_denial", "third_party_claim", "toll"} <= kinds
    contested = [r for r in seed["grade_reasons"] if r.startswith("contested:")]
    assert any("denies" in r for r in contested) and any("Rival perpetrators" in r for r in contested)


def test_the_brief_of_the_demo_incident(demo: tuple[Cli, Path, dict[str, Any]], seed: dict[str, Any]) -> None:
    cli, db, _ = demo
    result = cli("brief", "--db", db, seed["id"])
    assert result.exit_code == 0, result.stderr
    brief = result.stdout
    headings = [line for line in brief.splitlines() if line.startswith("## ")]
    assert headings == ["## What happened", "## Who says what", "## Where the accounts conflict", "## Grade", "## Sources"]
    assert "- Grade: contested." in brief
    assert "Haider al-Abadi" in brief and "attributes it to Islamic State" in brief
    for url in SEED_URLS:
        assert url in brief
    assert f"{SYNDICATED_COPY} (syndicated copy; not an independent source)" in brief


def test_every_militia_account_is_the_kss_account_with_36_to_47_killed(seed: dict[str, Any]) -> None:
    sources = {a["source"] for a in seed["accounts"]}
    assert not sources & {"Iraqi militia chief", "An Iraqi Shi'ite militia backed by Iran", "militia"}
    assert {a["source"] for a in _accounts(seed, "attributes")} == {"Haider al-Abadi"}
    (kss,) = [a for a in seed["accounts"] if a["source"] == "Kata'ib Sayyid al-Shuhada"]
    assert (kss["stance"], kss["killed"]) == ("accuses", {"min": 36, "max": 47})


def test_account_places_are_places_of_the_incident(seed: dict[str, Any]) -> None:
    allowed = {"Akashat", "At Tanf", "Iraq", "Syria", None}
    assert {a["source"]: a["place"] for a in seed["accounts"] if a["place"] not in allowed} == {}


def test_reingesting_the_demo_adds_nothing_and_keeps_incident_ids(
    demo: tuple[Cli, Path, dict[str, Any]], incidents: list[dict[str, Any]]
) -> None:
    cli, db, _ = demo
    again = cli("ingest", DEMO_CORPUS, "--db", db, "--json")
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["added"] == 0
    after = cli("incidents", "--db", db, "--format", "json")
    assert after.exit_code == 0, after.stderr
    ids = {i["id"]: sorted(r["id"] for r in i["reports"]) for i in json.loads(after.stdout)}
    assert ids == {i["id"]: sorted(r["id"] for r in i["reports"]) for i in incidents}
