"""Which named perpetrators are one side and which are rivals (the KB's chains, not shared backers)."""

from __future__ import annotations

from rashomon.assess.contradictions import perpetrator_groups, responsibility_contradictions
from rashomon.model import Account, AccountStance, ContradictionKind


def _accuses(source: str, perpetrator: str) -> Account:
    return Account(source=source, stance=AccountStance.ACCUSES, alleged_perpetrator=perpetrator)


def test_two_proxies_of_one_backer_are_rival_perpetrators() -> None:
    # Hezbollah and the Houthis are both backed by the IRGC's Quds Force: still two perpetrators
    accounts = [_accuses("Israeli army", "Hezbollah"), _accuses("Saudi-led coalition", "Houthis")]
    assert [[a.alleged_perpetrator for a in g] for g in perpetrator_groups(accounts)] == [["Hezbollah"], ["Houthis"]]
    kinds = [c.kind for c in responsibility_contradictions(accounts)]
    assert ContradictionKind.RIVAL_PERPETRATORS in kinds


def test_a_group_its_parent_and_its_backer_are_one_side() -> None:
    # K.S.S. is part of the Popular Mobilization Forces and backed by the IRGC: blaming any of them is one account
    accounts = [_accuses("a", "Kata'ib Sayyid al-Shuhada"), _accuses("b", "Popular Mobilization Forces"), _accuses("c", "IRGC")]
    assert len(perpetrator_groups(accounts)) == 1
    assert ContradictionKind.RIVAL_PERPETRATORS not in [c.kind for c in responsibility_contradictions(accounts)]


def test_two_brigades_of_one_umbrella_are_rivals() -> None:
    accounts = [_accuses("a", "Kata'ib Hezbollah"), _accuses("b", "Harakat Hezbollah al-Nujaba")]
    assert len(perpetrator_groups(accounts)) == 2
