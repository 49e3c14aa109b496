"""The whole chain on raw multi-outlet JSONL: ingest -> analysis -> linking -> accounts -> grades.

The corpora (tests/data/incidents, illustrative) are ingested in small batches, so incidents grow
incrementally exactly as `rashomon ingest` grows them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rashomon.assess.accounts import actor_key, related
from rashomon.extract import Pipeline
from rashomon.model import AccountStance, ContradictionKind, Grade, Incident
from rashomon.service.ingest import ingest
from rashomon.store.factory import open_store
from support.incident_factory import CORPUS_DIR, read_corpus

# Which incident each report (by URL) belongs to: the table of tests/data/incidents/README.md.
EXPECTED = {
    "kss-strike": [row["url"] for row in read_corpus("seed_incident.jsonl")],
    "mogadishu": [read_corpus("other_incidents.jsonl")[0]["url"]],
    "hawija": [row["url"] for row in read_corpus("other_incidents.jsonl")[1:3]],
    "tikrit": [read_corpus("other_incidents.jsonl")[3]["url"]],
    "maarat": [read_corpus("other_incidents.jsonl")[4]["url"]],
    "hajjah": [row["url"] for row in read_corpus("more_incidents.jsonl")[0:2]],
    "kunduz": [row["url"] for row in read_corpus("more_incidents.jsonl")[2:4]],
}
GRADES = {
    "kss-strike": Grade.CONTESTED,
    "mogadishu": Grade.CONFIRMED,
    "hawija": Grade.FAIR,
    "tikrit": Grade.WEAK,
    "maarat": Grade.DISCOUNTED,
    "hajjah": Grade.CONTESTED,
    "kunduz": Grade.CONFIRMED,
}


@pytest.fixture(scope="module")
def incidents(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Incident]]:
    store = open_store(str(tmp_path_factory.mktemp("e2e") / "e2e.db"))
    try:
        corpora = [CORPUS_DIR / name for name in ("seed_incident.jsonl", "other_incidents.jsonl", "more_incidents.jsonl")]
        ingest(corpora, store, pipeline, batch_size=3)
        stored = list(store.iter_incidents())
        urls = {r.id: r.url for r in store.iter_reports()}
    finally:
        store.close()
    by_label: dict[str, Incident] = {}
    for incident in stored:
        members = {urls[r.id] for r in incident.reports}
        labels = [label for label, expected in EXPECTED.items() if members & set(expected)]
        assert len(labels) == 1, f"incident {incident.id} mixes {labels}"
        assert members == set(EXPECTED[labels[0]]), f"{labels[0]}: got {sorted(members)}"
        by_label[labels[0]] = incident
    yield by_label


def test_each_incident_is_one_record_and_none_merge(incidents: dict[str, Incident]) -> None:
    assert sorted(incidents) == sorted(EXPECTED)


@pytest.mark.parametrize("label", sorted(GRADES))
def test_grades(incidents: dict[str, Incident], label: str) -> None:
    incident = incidents[label]
    assert incident.grade is GRADES[label], incident.grade_reasons


def _accounts(incident: Incident, actor_id: str) -> list:
    return [a for a in incident.accounts if a.source_actor_id and related(a.source_actor_id, actor_id)]


def _names(perpetrator: str | None, actor_id: str) -> bool:
    key = actor_key(perpetrator)
    return key is not None and related(key, actor_id)


def test_seed_accounts(incidents: dict[str, Incident]) -> None:
    seed = incidents["kss-strike"]
    (kss,) = [a for a in seed.accounts if a.source_actor_id == "kss"]
    assert kss.stance is AccountStance.ACCUSES
    assert _names(kss.alleged_perpetrator, "us_forces")
    assert (kss.killed.min, kss.killed.max) == (36, 47)
    coalition = [a for a in seed.accounts if a.stance is AccountStance.DENIES]
    assert coalition and all(related(a.source_actor_id, "us_forces") for a in coalition)
    abadi = [a for a in seed.accounts if a.source_actor_id == "haider_abadi"]
    assert [(a.stance, _names(a.alleged_perpetrator, "islamic_state")) for a in abadi] == [(AccountStance.ATTRIBUTES, True)]
    claims = [a for a in seed.accounts if a.stance is AccountStance.CLAIMS_RESPONSIBILITY]
    assert [a.source_actor_id for a in claims] == ["islamic_state"]
    kinds = {c.kind for c in seed.contradictions}
    assert {
        ContradictionKind.RIVAL_PERPETRATORS,
        ContradictionKind.ACCUSATION_VS_DENIAL,
        ContradictionKind.THIRD_PARTY_CLAIM,
        ContradictionKind.TOLL,
    } <= kinds
    copies = [r for r in seed.reports if not r.independent]
    assert [r.outlet for r in copies] == ["Gulf Daily Mirror"]


def test_other_accounts(incidents: dict[str, Incident]) -> None:
    (claim,) = [a for a in incidents["mogadishu"].accounts if a.stance is AccountStance.CLAIMS_RESPONSIBILITY]
    assert claim.source_actor_id == "al_shabaab"
    assert (incidents["mogadishu"].killed.min, incidents["hawija"].killed.min, incidents["tikrit"].killed.min) == (12, 4, 2)
    maarat = incidents["maarat"]
    assert {a.stance for a in maarat.accounts} >= {AccountStance.ACCUSES, AccountStance.DENIES}
    hajjah = {a.source_actor_id: a for a in incidents["hajjah"].accounts}
    assert hajjah["houthis"].stance is AccountStance.ACCUSES and _names(hajjah["houthis"].alleged_perpetrator, "saudi_coalition")
    assert hajjah["saudi_coalition"].stance is AccountStance.DENIES
    assert {c.kind for c in incidents["hajjah"].contradictions} == {
        ContradictionKind.ACCUSATION_VS_DENIAL,
        ContradictionKind.TOLL,
    }
    (taliban,) = [a for a in incidents["kunduz"].accounts if a.source_actor_id == "taliban"]
    # the claim gives no toll of its own ("claimed responsibility for the attack ..., saying the group's fighters had
    # seized weapons"); the seven dead are the police spokesman's figure ("Taliban fighters attacked ..., killing
    # seven policemen, provincial police spokesman Inamuddin Rahmani said": an armed attack, not a political one,
    # so not a statement of the Taliban's)
    assert (taliban.source_actor_id, taliban.stance, taliban.killed.min) == ("taliban", AccountStance.CLAIMS_RESPONSIBILITY, None)
    (police,) = [a for a in incidents["kunduz"].accounts if a.source == "Inamuddin Rahmani"]
    assert (police.stance, police.alleged_perpetrator, police.killed.min) == (AccountStance.ATTRIBUTES, "Taliban", 7)
