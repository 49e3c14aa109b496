"""Accounts are grouped by the actor a source speaks for: descriptions, documents and headlines fold into
the actor they stand for, and an account's place is where the incident happened (hand-built reports and,
where a parse decides it, the real pipeline)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rashomon.assess.accounts import (
    build_accounts,
    described_actor,
    description_sectors,
    is_generic,
    named_before,
    national_body,
    qualifiers_fit,
    resolve_actor,
    same_outlet,
)
from rashomon.assess.contradictions import counter_accuses
from rashomon.extract import Pipeline, build_pipeline
from rashomon.ingest.fingerprint import make_report
from rashomon.model import Account, AccountStance, Analysis, Modality, PlacePrecision, Range, Sector, Stance
from rashomon.service.brief import account_sentence
from support.incident_factory import Builder

SUNDAY = datetime(2022, 3, 6, 12, tzinfo=UTC)

RED_SEA = (
    "SANAA (Red Sea Wire) - Ansar Allah said on Sunday that a Saudi-led coalition air strike killed 12 people at a "
    "market in Dahyan.\n\nA Yemeni rebel movement backed by Iran said the strike hit civilians shopping for food.\n\n"
    "Houthi leader Mohammed Ali al-Houthi said the attack was a crime.\n\n"
    "A preliminary inquiry found that coalition jets struck the market twice.\n\n"
    "The Saudi-led coalition denied carrying out any strikes in Saudi Arabia's neighbour Yemen on Sunday."
)
HARBOUR = (
    "Official says 15 killed in Dahyan market strike\n"
    "The rebels said coalition jets killed 15 people in Dahyan on Sunday.\n"
    "Ansar Allah blamed the Saudi-led coalition for the strike."
)


def _red_sea() -> tuple[Analysis, tuple[str, ...]]:
    b = Builder(make_report(RED_SEA, published=SUNDAY, outlet="Red Sea Wire"))
    houthis = b.actor("Ansar Allah", "Ansar Allah", "houthis", Sector.MILITIA)
    coalition = b.actor("Saudi-led coalition", "Saudi-led coalition", "saudi_coalition", Sector.MILITARY)
    b.actor("Mohammed Ali al-Houthi", "Mohammed Ali al-Houthi", "mohammed_ali_houthi", Sector.MILITIA)
    b.actor("The Saudi-led coalition", "Saudi-led coalition", "saudi_coalition", Sector.MILITARY)
    dahyan = b.place("Dahyan", 16.9, 43.6, PlacePrecision.TOWN, "YE")
    saudi = b.place("Saudi Arabia", 24.0, 45.0, PlacePrecision.COUNTRY, "SA")
    yemen = b.place("Yemen", 15.5, 48.0, PlacePrecision.COUNTRY, "YE")
    accuse = b.statement(
        "a Saudi-led coalition air strike killed 12 people at a market in Dahyan",
        speaker="Ansar Allah",
        name="Ansar Allah",
        actor_id="houthis",
        stance=Stance.ACCUSE,
        target="Saudi-led coalition",
    )
    described = b.statement(
        "the strike hit civilians shopping for food",
        speaker="A Yemeni rebel movement backed by Iran",
        name="Yemeni rebel movement backed by Iran",
        actor_id=None,
        stance=Stance.ACCUSE,
        target="Saudi-led coalition",
    )
    b.statement(
        "the attack was a crime",
        speaker="Houthi leader Mohammed Ali al-Houthi",
        name="Mohammed Ali al-Houthi",
        actor_id="mohammed_ali_houthi",
        role="leader",
        stance=Stance.ASSERT,
    )
    inquiry = b.statement(
        "coalition jets struck the market twice",
        speaker="A preliminary inquiry",
        name="preliminary inquiry",
        actor_id=None,
        stance=Stance.ATTRIBUTE,
        target="Saudi-led coalition",
    )
    deny = b.statement(
        "carrying out any strikes in Saudi Arabia's neighbour Yemen on Sunday",
        speaker="The Saudi-led coalition",
        name="Saudi-led coalition",
        actor_id="saudi_coalition",
        stance=Stance.DENY,
    )
    events = [
        b.event(
            "air strike",
            "ATTACK",
            actor=coalition,
            target=houthis,
            places=(dahyan,),
            killed=(12, 12),
            modality=Modality.ALLEGED,
            statement=accuse,
            mode="aerial",
        ),
        b.event("hit", "ATTACK", places=(dahyan,), statement=described),
        b.event("struck", "ATTACK", places=(dahyan,), statement=inquiry),
        b.event("strikes", "ATTACK", actor=coalition, places=(saudi, yemen), statement=deny),
    ]
    return b.build(), tuple(e.id for e in events)


def _harbour() -> tuple[Analysis, tuple[str, ...]]:
    b = Builder(make_report(HARBOUR, published=SUNDAY, outlet="Harbour Times"))
    houthis = b.actor("Ansar Allah", "Ansar Allah", "houthis", Sector.MILITIA)
    coalition = b.actor("Saudi-led coalition", "Saudi-led coalition", "saudi_coalition", Sector.MILITARY)
    dahyan = b.place("Dahyan", 16.9, 43.6, PlacePrecision.TOWN, "YE")
    headline = b.statement(
        "15 killed in Dahyan market strike", speaker="Official", name="Official", actor_id=None, stance=Stance.ASSERT
    )
    blame = b.statement(
        "the Saudi-led coalition for the strike",
        speaker="Ansar Allah",
        name="Ansar Allah",
        actor_id="houthis",
        stance=Stance.ACCUSE,
        target="Saudi-led coalition",
    )
    events = [
        b.event("killed", "ATTACK", places=(dahyan,), killed=(15, 15), statement=headline),
        b.event("strike", "ATTACK", actor=coalition, target=houthis, places=(dahyan,), statement=blame, nth=1),
    ]
    return b.build(), tuple(e.id for e in events)


def _by_source(accounts: tuple[Account, ...]) -> dict[str, Account]:
    return {a.source: a for a in accounts}


def test_a_description_names_the_sector_of_the_actor_it_stands_for() -> None:
    assert description_sectors("An Iraqi Shi'ite militia backed by Iran") == {"rebel_or_militia"}
    assert description_sectors("Iraqi militia chief") == {"rebel_or_militia"}
    assert description_sectors("local media") == set()
    # One militia (or a militia and the umbrella it belongs to) is described; two unrelated ones are not.
    assert described_actor("the militia", ["kss", "pmf", "cjtf_oir"]) == "kss"
    assert described_actor("the militia", ["houthis", "national_resistance_yemen"]) is None
    assert described_actor("the militia", ["cjtf_oir"]) is None


def test_described_sources_and_findings_fold_into_the_actor_they_stand_for() -> None:
    accounts = _by_source(build_accounts([_red_sea()]))
    assert set(accounts) == {"Ansar Allah", "Saudi-led coalition"}
    houthis = accounts["Ansar Allah"]
    assert houthis.stance is AccountStance.ACCUSES
    assert houthis.alleged_perpetrator == "Saudi-led coalition"
    # The described movement's statement and the inquiry quoted after al-Houthi (through him) are part of it;
    # al-Houthi's own "the attack was a crime" tells no stance, toll or event and adds nothing.
    assert {span.text for span in houthis.evidence} == {
        "a Saudi-led coalition air strike killed 12 people at a market in Dahyan",
        "the strike hit civilians shopping for food",
        "coalition jets struck the market twice",
    }


def test_account_place_is_where_it_happened_not_the_source_country() -> None:
    accounts = _by_source(build_accounts([_red_sea()]))
    assert accounts["Ansar Allah"].place == "Dahyan"
    # "Saudi Arabia" is the coalition's own country; Yemen is where it denies striking.
    assert accounts["Saudi-led coalition"].place == "Yemen"
    assert accounts["Saudi-led coalition"].stance is AccountStance.DENIES


def test_a_headline_summary_folds_into_the_report_speaker_and_tolls_merge_across_outlets() -> None:
    accounts = _by_source(build_accounts([_red_sea(), _harbour()]))
    assert set(accounts) == {"Ansar Allah", "Saudi-led coalition"}
    houthis = accounts["Ansar Allah"]
    assert houthis.killed == Range(min=12, max=15)
    assert set(houthis.outlets) == {"Red Sea Wire", "Harbour Times"}


def test_a_negated_or_quantified_noun_is_no_named_source() -> None:
    # "No other group has claimed the attack": no source at all, so it gives no account of its own.
    assert is_generic("No other group", None)
    assert is_generic("Every witness", None)
    assert not is_generic("Ansar Allah", None)


def test_loot_is_not_the_method_of_a_claimed_attack() -> None:
    """ "... attacked positions ... and captured vehicles and weapons": the seizure's mode (weapons) says what was
    taken, not how the attack was made, so the claim gives no method."""
    text = (
        "Islamic State has claimed responsibility for Monday's attack on an Iraqi paramilitary group, in a "
        "statement circulated online by its supporters. The statement said the group's fighters attacked "
        "positions of the Popular Mobilization Forces near al-Akashat and captured armoured vehicles, weapons "
        "and ammunition."
    )
    analysis = build_pipeline().analyze(make_report(text, published=datetime(2017, 8, 9, tzinfo=UTC), outlet="Wire"))
    assert any((e.plover_type, e.plover_mode) == ("SEIZE", "weapons") for e in analysis.events)
    accounts = _by_source(build_accounts([(analysis, tuple(e.id for e in analysis.events))]))
    claim = accounts["Islamic State"]
    assert claim.stance is AccountStance.CLAIMS_RESPONSIBILITY
    assert claim.method is None


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("Saudi-led strike", ("saudi_coalition", "Saudi-led coalition")),  # "X-led" stands for X's coalition
        ("U.S.-led air strikes", ("cjtf_oir", "Combined Joint Task Force – Operation Inherent Resolve")),
        ("roadside bomb", None),
        ("Jaish al-Adl", ("jaish_adl", "Jaish al-Adl")),
        ("who", None),  # "did not say who was responsible" names nobody, and not the WHO
    ],
)
def test_resolve_actor_reads_names_and_state_led_coalitions(target: str, expected: tuple[str, str] | None) -> None:
    assert resolve_actor(target) == expected


def test_a_bare_army_is_the_army_of_the_country_the_report_is_about() -> None:
    b = Builder(make_report("The RSF accused the army of bombing the market in El Fasher.", published=SUNDAY))
    b.place("El Fasher", 13.6, 25.3, PlacePrecision.TOWN, "SD")
    analysis = b.build()
    assert national_body("army warplanes", analysis) == ("saf", "Sudanese Armed Forces")
    assert national_body("the army", analysis) is None  # the caller strips the determiner first
    assert national_body("militia fighters", analysis) is None
    assert national_body("army", Builder(make_report("The army said so.")).build()) is None  # no country


def test_a_denial_that_blames_another_side_is_a_counter_accusation() -> None:
    counter = Account(
        source="Rapid Support Forces", source_actor_id="rsf", stance=AccountStance.DENIES,
        alleged_perpetrator="Sudanese Armed Forces",
    )  # fmt: skip
    plain = counter.model_copy(update={"alleged_perpetrator": "Rapid Support Forces"})
    assert counter_accuses(counter) and not counter_accuses(plain)
    assert "denies carrying out the attack and blames Sudanese Armed Forces" in account_sentence(counter, {})
    assert "blames" not in account_sentence(plain, {})


def test_a_denial_about_something_else_than_the_attack_is_given_in_its_words() -> None:
    b = Builder(make_report("Hamas denied that any of its fighters were in the school.", published=SUNDAY))
    denial = Account(
        source="Hamas", source_actor_id="hamas", stance=AccountStance.DENIES, alleged_perpetrator="Hamas",
        evidence=(b.span("that any of its fighters were in the school"),),
    )  # fmt: skip
    assert "Hamas denies that any of its fighters were in the school" in account_sentence(denial, {})
    accused = account_sentence(denial, {}, accused=["Hamas"])
    assert "denies that it carried out the attack" in accused


def test_a_plural_description_takes_a_plural_verb() -> None:
    medics = Account(source="medics at the Saudi hospital", stance=AccountStance.CONFIRMS, killed=Range(min=15))
    assert account_sentence(medics, {}).startswith("medics at the Saudi hospital confirm that it took place")
    media = Account(source="local media", stance=AccountStance.ATTRIBUTES, alleged_perpetrator="Islamic State")
    assert account_sentence(media, {}).startswith("local media attribute it to Islamic State")
    named = Account(source="United Nations", stance=AccountStance.CONFIRMS)
    assert account_sentence(named, {}).startswith("United Nations confirms")


def test_a_platform_is_no_outlet_that_carried_the_account(pipeline: Pipeline) -> None:
    text = '"There were no coalition strikes in that area," Dillon said on Twitter.'
    analysis = pipeline.analyze(make_report(text, published=SUNDAY, outlet="Meridian Wire"))
    (statement,) = analysis.statements
    assert statement.channel.outlet == "Twitter"  # the channel keeps the platform
    (account,) = build_accounts([(analysis, tuple(e.id for e in analysis.events))])
    assert account.outlets == ("Meridian Wire",)


def test_a_description_that_names_another_owner_is_not_that_actor() -> None:
    # "Kurdistan Region's interior ministry" is some government body, but not the US State Department's
    assert not qualifiers_fit("Kurdistan Region's interior ministry", "state_department")
    assert not qualifiers_fit("Syria's defence ministry", "iraq_mod")
    assert qualifiers_fit("Iraq's defence ministry", "iraq_mod")
    # demonyms and creeds are adjectives, not owners
    assert qualifiers_fit("An Iraqi Shi'ite militia backed by Iran", "kss")
    assert described_actor("Kurdistan Region's interior ministry", ["state_department"]) is None
    assert described_actor("the ministry", ["state_department"]) == "state_department"


def test_the_faction_is_the_armed_group_named_before(pipeline: Pipeline) -> None:
    text = (
        "Kataib Hezbollah, one of the factions in the Popular Mobilization Forces, denied any role in the attack.\n\n"
        "Kurdish officials have accused the faction of being behind the attack."
    )
    analysis = pipeline.analyze(make_report(text, published=SUNDAY))
    accusation = next(s for s in analysis.statements if s.stance is Stance.ACCUSE)
    assert accusation.stance_target == "faction"
    # the group the story follows (it spoke), not the umbrella named in its description
    assert named_before(accusation, analysis) == ("kh", "Kata'ib Hezbollah")
    accounts = {a.source: a for a in build_accounts([(analysis, tuple(e.id for e in analysis.events))])}
    assert accounts["Kurdish officials"].alleged_perpetrator == "Kata'ib Hezbollah"


def test_an_outlet_named_shorter_is_the_same_outlet() -> None:
    assert same_outlet("Rudaw", "Rudaw English")
    assert same_outlet("the AP", "AP")
    assert not same_outlet("Rudaw", "Kurdistan 24")


def test_a_qualified_name_and_a_body_of_a_known_actor(pipeline: Pipeline) -> None:
    assert resolve_actor("the self-styled Libyan National Army") == ("lna", "Libyan National Army")
    text = "At least 40 migrants were killed, the health ministry of the Government of National Accord said."
    (statement,) = pipeline.analyze(make_report(text, published=SUNDAY)).statements
    # NER stops at "the health ministry of the"; the ministry speaks for the government it belongs to
    assert (statement.speaker_name, statement.speaker_actor_id) == ("health ministry", "gna")
    assert statement.speaker_affiliation == "Government of National Accord"


def test_a_denial_of_a_claim_about_the_target_names_no_perpetrator(pipeline: Pipeline) -> None:
    text = (
        "Russian forces struck the port of Odesa on Monday, the governor said.\n\n"
        "The navy spokesman rejected Moscow's claim that the port was used to prepare naval drones."
    )
    analysis = pipeline.analyze(make_report(text, published=SUNDAY))
    accounts = build_accounts([(analysis, tuple(e.id for e in analysis.events))])
    (navy,) = [a for a in accounts if a.stance is AccountStance.DENIES]
    assert navy.alleged_perpetrator is None  # it denies what the port was, not that it carried out the strike


def test_a_description_is_first_of_the_actors_its_own_report_names(pipeline: Pipeline) -> None:
    syria = pipeline.analyze(
        make_report("Syrian Arab Army units targeted positions in Idlib on Sunday, a military source said.", published=SUNDAY)
    )
    russia = pipeline.analyze(
        make_report(
            "The Russian Centre for Reconciliation of the Opposing Parties in Syria denied any strike in Idlib.", published=SUNDAY
        )
    )
    members = [(a, tuple(e.id for e in a.events)) for a in (syria, russia)]
    sources = {a.source for a in build_accounts(members)}
    # "a military source" in the report about Syrian army units is the army's, not the Russian centre's
    assert "Syrian Arab Army" in sources
