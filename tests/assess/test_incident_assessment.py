"""Accounts, contradictions and grades on the hand-annotated illustrative corpora."""

from __future__ import annotations

import pytest

from rashomon.assess.grading import grade_incident, independent_outlet_groups
from rashomon.assess.incident import assess_incident, conservative_range
from rashomon.link.mentions import mention_from_analysis
from rashomon.model import (
    Account,
    AccountStance,
    Analysis,
    Casualties,
    ContradictionKind,
    Grade,
    Incident,
    IncidentReport,
    Range,
)
from support.incident_factory import other_analyses, seed_analyses


def _incident(analyses: list[Analysis], incident_id: str = "inc-test") -> Incident:
    return assess_incident(incident_id, [(a, mention_from_analysis(a)) for a in analyses])


@pytest.fixture(scope="module")
def seed() -> Incident:
    return _incident(seed_analyses())


def _account(incident: Incident, source: str) -> Account:
    (account,) = [a for a in incident.accounts if a.source == source]
    return account


def test_seed_accounts_name_sources_stances_perpetrators_and_tolls(seed: Incident) -> None:
    kss = _account(seed, "Kata'ib Sayyid al-Shuhada")
    assert kss.stance is AccountStance.ACCUSES
    assert kss.alleged_perpetrator == "United States"
    assert kss.killed == Range(min=36, max=47)
    assert kss.wounded == Range(min=75, max=75)
    assert set(kss.outlets) == {"Tasnim News Agency", "Levant Wire", "Gulf Daily Mirror"}
    assert {(a.relation.value, a.actor_id) for a in kss.affiliation} >= {("part_of", "pmf"), ("backed_by", "irgc")}
    coalition = _account(seed, "Combined Joint Task Force – Operation Inherent Resolve")
    assert coalition.stance is AccountStance.DENIES
    abadi = _account(seed, "Haider al-Abadi")
    assert (abadi.stance, abadi.alleged_perpetrator) == (AccountStance.ATTRIBUTES, "Islamic State")
    assert abadi.method == "explosive"
    isis = _account(seed, "Islamic State")
    assert (isis.stance, isis.alleged_perpetrator) == (AccountStance.CLAIMS_RESPONSIBILITY, "Islamic State")
    # Evidence spans are exact slices of their reports.
    texts = {a.report.id: a.report.text for a in seed_analyses()}
    for account in seed.accounts:
        for span in account.evidence:
            assert texts[span.report_id][span.start : span.end] == span.text


def test_seed_contradictions_cover_every_responsibility_kind_toll_and_place(seed: Incident) -> None:
    kinds = {c.kind: c for c in seed.contradictions}
    assert set(kinds) == {
        ContradictionKind.RIVAL_PERPETRATORS,
        ContradictionKind.ACCUSATION_VS_DENIAL,
        ContradictionKind.THIRD_PARTY_CLAIM,
        ContradictionKind.TOLL,
        ContradictionKind.PLACE,
    }
    rival = kinds[ContradictionKind.RIVAL_PERPETRATORS]
    claims = {side.claim: set(side.sources) for side in rival.sides}
    assert claims == {
        "Islamic State did it": {"Islamic State", "Haider al-Abadi"},
        "United States did it": {"Kata'ib Sayyid al-Shuhada"},
    }
    denial = kinds[ContradictionKind.ACCUSATION_VS_DENIAL]
    assert [s.sources for s in denial.sides] == [
        ("Kata'ib Sayyid al-Shuhada",),
        ("Combined Joint Task Force – Operation Inherent Resolve",),
    ]
    third = kinds[ContradictionKind.THIRD_PARTY_CLAIM]
    assert third.sides[0].sources == ("Islamic State",)
    toll = kinds[ContradictionKind.TOLL]
    assert [s.claim for s in toll.sides] == ["killed: 36", "killed: 47"] or [s.claim for s in toll.sides] == [
        "killed: 47",
        "killed: 36",
    ]
    sides = {s.claim: s for s in toll.sides}
    assert sides["killed: 47"].sources == ("Abu Ala al-Walai (Kata'ib Sayyid al-Shuhada)",)
    assert "47" in sides["killed: 47"].evidence[0].text or sides["killed: 47"].evidence[0].text == "strike"
    place = kinds[ContradictionKind.PLACE]
    assert {s.claim for s in place.sides} == {"place: al-Akashat", "place: al-Tanf"}
    for contradiction in seed.contradictions:
        assert all(side.evidence for side in contradiction.sides)


def test_seed_is_contested_and_copy_is_not_independent(seed: Incident) -> None:
    assert seed.grade is Grade.CONTESTED
    assert any("accuse" in r and "denies" in r for r in seed.grade_reasons)
    copies = [r for r in seed.reports if not r.independent]
    assert [r.outlet for r in copies] == ["Gulf Daily Mirror"]
    assert seed.killed == Range(min=36, max=47)


def test_confirmed_fair_weak_discounted() -> None:
    other = other_analyses()
    confirmed = _incident(other[0:1])
    assert confirmed.grade is Grade.CONFIRMED
    assert confirmed.grade_reasons[0].startswith("confirmed: Al-Shabaab accepts responsibility")
    fair = _incident(other[1:3])
    assert fair.grade is Grade.FAIR
    assert fair.killed == Range(min=4, max=4)
    weak = _incident(other[3:4])
    assert (weak.grade, weak.grade_reasons) == (Grade.WEAK, ("weak: a single source (Salahuddin News)",))
    discounted = _incident(other[4:5])
    assert discounted.grade is Grade.DISCOUNTED
    assert "Munzer Khalil" in discounted.grade_reasons[0]


def test_a_syndicated_copy_does_not_make_a_single_source_fair() -> None:
    wire, copy = seed_analyses()[1:3]
    reports = [
        IncidentReport(id=wire.report.id, outlet="Levant Wire"),
        IncidentReport(id=copy.report.id, outlet="Gulf Daily Mirror", independent=False),
    ]
    assert independent_outlet_groups(reports) == [["Levant Wire"]]
    grade, reasons = grade_incident([], [], reports, [])
    assert grade is Grade.WEAK
    assert reasons == (
        "weak: a single source (Levant Wire)",
        "1 syndicated or near-duplicate copy counted once with the original",
    )
    independent = [r.model_copy(update={"independent": True}) for r in reports]
    assert grade_incident([], [], independent, [])[0] is Grade.FAIR


def test_affiliated_outlets_count_once() -> None:
    reports = [IncidentReport(id="r1", outlet="Tasnim News Agency"), IncidentReport(id="r2", outlet="Fars News Agency")]
    groups = independent_outlet_groups(reports)
    assert groups == [["Tasnim News Agency", "Fars News Agency"]]


def test_dozens_does_not_conflict_with_36_but_47_does() -> None:
    from rashomon.assess.contradictions import _disjoint

    dozens = Casualties(min=24, max=None)
    assert not _disjoint(dozens, Casualties(min=36, max=36))
    assert _disjoint(Casualties(min=36, max=36), Casualties(min=47, max=47))
    assert _disjoint(Casualties(min=41, max=None), Casualties(min=36, max=36))
    assert not _disjoint(Casualties(min=41, max=None), Casualties(min=47, max=47))


def test_times_that_cannot_both_hold_are_a_contradiction() -> None:
    from datetime import UTC, datetime

    from rashomon.model import PlacePrecision, TimePrecision
    from support.incident_factory import Builder, read_corpus, report_from

    rows = read_corpus("other_incidents.jsonl")
    built = []
    for row, phrase, hours in ((rows[1], "Thursday night", (18, 23)), (rows[2], "late on Thursday", (5, 9))):
        b = Builder(report_from(row))
        place = b.place("Hawija", 35.33, 43.78, PlacePrecision.DISTRICT, "IQ")
        when = b.time(phrase, datetime(2020, 6, 11, hours[0], tzinfo=UTC), datetime(2020, 6, 11, hours[1], tzinfo=UTC),
                      TimePrecision.PART_OF_DAY)  # fmt: skip
        b.event("attacked" if row is rows[1] else "opened fire", "ASSAULT", places=(place,), time=when, killed=(4, 4))
        built.append(b.build())
    incident = _incident(built)
    (time,) = [c for c in incident.contradictions if c.kind is ContradictionKind.TIME]
    assert [s.sources for s in time.sides] == [("Kurdistan Courier",), ("The Tigris Times",)]
    assert [s.evidence[0].text for s in time.sides] == ["Thursday night", "late on Thursday"]
    assert ContradictionKind.TOLL not in {c.kind for c in incident.contradictions}
    assert incident.grade is Grade.FAIR


def test_the_incident_toll_is_the_lowest_credible_figure_with_the_highest_stated() -> None:
    assert conservative_range([Casualties(min=40), Casualties(min=53, max=53)]) == Range(min=40, max=53)
    # a floor above every stated ceiling leaves the top open ("80 wounded" vs "more than 130")
    assert conservative_range([Casualties(min=80, max=80), Casualties(min=131)]) == Range(min=80, max=None)
    assert conservative_range([Casualties(min=36)]) == Range(min=36, max=None)
