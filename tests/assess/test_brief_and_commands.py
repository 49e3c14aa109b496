"""The brief (md/html), `rashomon incidents`, `rashomon incident ID`, `rashomon brief ID` on a fixture store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli.app import app
from rashomon.model import Grade, Incident
from rashomon.service.brief import render_html, render_markdown
from rashomon.service.incidents import link_and_assess, update_incidents
from rashomon.store.factory import open_store
from support.incident_factory import other_analyses, seed_analyses


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("incidents") / "fixture.db"
    store = open_store(str(path))
    analyses = seed_analyses() + other_analyses()
    for analysis in analyses:
        store.add_report(analysis.report)
        store.save_analysis(analysis)
    # Two batches: the incremental path the ingest service takes.
    update_incidents(store, analyses[:3])
    update_incidents(store, analyses[3:])
    store.close()
    yield path


@pytest.fixture(scope="module")
def seed_incident() -> Incident:
    (incident,) = [i for i in link_and_assess(seed_analyses()) if len(i.reports) == 5]
    return incident


def _run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout


def test_markdown_brief_has_every_section(seed_incident: Incident) -> None:
    text = render_markdown(seed_incident)
    assert text.startswith(
        f"# Incident {seed_incident.id}: Iraqi militia says U.S. strike killed 36 fighters; coalition denies\n"
    )
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## What happened", "## Who says what", "## Where the accounts conflict", "## Grade", "## Sources"]
    assert "Where and when: al-Akashat (IQ), Monday 07 August 2017" in text
    assert "Reported toll (lowest credible figure first): 36-47 killed, 75 wounded" in text
    assert (
        "Tasnim News Agency (affiliated with Islamic Revolutionary Guard Corps; not independent of Kata'ib Sayyid al-Shuhada)"
        in text
    )
    assert (
        "- Haider al-Abadi (affiliated with Government of Iraq) attributes it to Islamic State (method: explosive, at al-Akashat)"
        in text
    )
    assert "denies that it carried out the attack" in text
    assert "- Killed differ: 36 (Kata'ib Sayyid al-Shuhada) vs 47 (Abu Ala al-Walai (Kata'ib Sayyid al-Shuhada))." in text
    assert "- Grade: contested." in text
    assert (
        "- Gulf Daily Mirror: https://gulf-mirror.example.net/world/iraq-militia-strike"
        " (syndicated copy; not an independent source)" in text
    )


def test_html_brief_escapes_everything(seed_incident: Incident) -> None:
    hostile = seed_incident.model_copy(update={"title": "<script>alert('x')</script> & co"})
    page = render_html(hostile)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in page
    assert "Kata&#x27;ib Sayyid al-Shuhada" in page
    assert page.count("<h2>") == 5


def test_incidents_json_shape(db: Path) -> None:
    code, out = _run("incidents", "--db", db, "--format", "json")
    assert code == 0
    incidents = json.loads(out)
    assert sorted(i["grade"] for i in incidents) == ["confirmed", "contested", "discounted", "fair", "weak"]
    seed = next(i for i in incidents if i["grade"] == "contested")
    assert {"id", "reports", "accounts", "contradictions", "grade", "grade_reasons", "place", "time"} <= set(seed)
    assert all(set(r) >= {"id", "url"} for r in seed["reports"])
    assert all(r["url"].startswith("https://") for r in seed["reports"])
    account = next(a for a in seed["accounts"] if a["source"] == "Kata'ib Sayyid al-Shuhada")
    assert account["stance"] == "accuses"
    assert account["alleged_perpetrator"] == "United States"
    assert account["killed"] == {"min": 36, "max": 47}
    assert account["wounded"] == {"min": 75, "max": 75}
    assert len(account["reports"]) == 3
    kinds = {c["kind"] for c in seed["contradictions"]}
    assert kinds == {"rival_perpetrators", "accusation_vs_denial", "third_party_claim", "toll", "place"}
    for contradiction in seed["contradictions"]:
        assert len(contradiction["sides"]) == len(contradiction["evidence"]) >= 2
    assert seed["place"]["name"] == "al-Akashat"
    assert seed["time"]["start"].startswith("2017-08-07")


def test_incidents_table_and_single_incident(db: Path) -> None:
    code, out = _run("incidents", "--db", db)
    assert code == 0
    assert "5 incidents in" in out and "contested" in out and "Hawija" in out
    code, out = _run("incidents", "--db", db, "--format", "json")
    first = json.loads(out)[0]
    code, out = _run("incident", first["id"], "--db", db)
    assert code == 0
    assert json.loads(out) == first


def test_brief_command_and_unknown_id(db: Path) -> None:
    code, out = _run("incidents", "--db", db, "--format", "json")
    seed_id = next(i["id"] for i in json.loads(out) if i["grade"] == "contested")
    code, md = _run("brief", seed_id, "--db", db)
    assert code == 0 and md.startswith(f"# Incident {seed_id}")
    code, page = _run("brief", seed_id, "--db", db, "--format", "html")
    assert code == 0 and page.startswith("<!DOCTYPE html>")
    code, _ = _run("brief", "inc-000000000000", "--db", db)
    assert code == 2
    code, _ = _run("incident", "inc-000000000000", "--db", db)
    assert code == 2


def test_grades_survive_the_store_round_trip(db: Path) -> None:
    store = open_store(str(db))
    try:
        grades = sorted(i.grade for i in store.iter_incidents())
    finally:
        store.close()
    assert grades == sorted([Grade.CONTESTED, Grade.CONFIRMED, Grade.FAIR, Grade.WEAK, Grade.DISCOUNTED])


def test_reanalysed_reports_are_relinked_without_duplicates(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "again.db"))
    try:
        analyses = seed_analyses() + other_analyses()
        for analysis in analyses:
            store.add_report(analysis.report)
            store.save_analysis(analysis)
        update_incidents(store, analyses)
        before = {i.id: {r.id for r in i.reports} for i in store.iter_incidents()}
        # The same reports analysed again, in another batch split: same incidents, same ids.
        update_incidents(store, analyses[4:])
        update_incidents(store, analyses[:4])
        after = {i.id: {r.id for r in i.reports} for i in store.iter_incidents()}
    finally:
        store.close()
    assert after == before
    assert sorted(map(len, after.values())) == [1, 1, 1, 2, 5]
