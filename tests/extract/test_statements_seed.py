"""The seed article's three accounts (issue 3, "Done when")."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import shared_path
from rashomon.model import Analysis, ChannelKind, Stance, Statement


@pytest.fixture(scope="module")
def seed(analyze: Callable[..., Analysis]) -> Analysis:
    path = shared_path("seed", "000_c092c067313caf18.txt")
    return analyze(path.read_text(encoding="utf-8"))


def _by_content(analysis: Analysis, words: str) -> Statement:
    found = [s for s in analysis.statements if any(words in c.text for c in s.content)]
    assert found, f"no statement whose content holds {words!r}"
    return found[0]


def test_welayi_accuses_us_forces_in_tasnim_interview(seed: Analysis) -> None:
    statement = _by_content(seed, "heavily bombarded by the Americans")
    assert statement.attributed and statement.direct
    assert statement.speaker_name == "Abu Ala al-Welayi"
    assert statement.speaker_role == "secretary-general of K.S.S."
    assert statement.speaker_affiliation == "K.S.S."
    assert statement.cue is not None and statement.cue.text == "said"
    assert statement.channel.kind == ChannelKind.INTERVIEW
    assert statement.channel.outlet == "Tasnim News Agency"
    assert statement.channel.span is not None and statement.channel.span.text == "Tasnim News Agency"
    assert statement.channel.outlet_actor_id is not None  # the actors knowledge base knows Tasnim
    assert statement.stance == Stance.ACCUSE
    assert statement.stance_target == "Americans"
    # the quote runs over three sentences and stays one content span
    assert statement.content[0].text.startswith("Last night, the positions of Kata'ib")
    assert statement.content[-1].text.endswith("Syrian Army and Russian forces")


def test_dillon_denies_in_a_tweet(seed: Analysis) -> None:
    statement = _by_content(seed, "No Coalition strikes there")
    assert statement.speaker_name == "Ryan Dillon"
    assert statement.speaker_role is not None and "spokesman" in statement.speaker_role
    assert statement.cue is not None and statement.cue.text == "tweeted"
    assert statement.channel.kind == ChannelKind.TWEET
    assert statement.stance == Stance.DENY
    assert statement.stance_target == "Coalition"


def test_islamic_state_supporters_claim_in_a_statement(seed: Analysis) -> None:
    statement = _by_content(seed, "carried out the attack")
    assert statement.speaker_name == "Islamic State supporters"
    assert statement.channel.kind == ChannelKind.STATEMENT
    assert statement.stance == Stance.CLAIM_RESPONSIBILITY


def test_later_he_quotes_resolve_to_welayi(seed: Analysis) -> None:
    statement = _by_content(seed, "What happened last night was a great tragedy")
    assert statement.speaker is not None and statement.speaker.text == "he"
    assert statement.speaker_name == "Abu Ala al-Welayi"
