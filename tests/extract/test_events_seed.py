"""The founding article through the whole pipeline: the alleged US air strike on K.S.S. positions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from rashomon.model import Analysis, Event, Modality
from support.paths import shared_path

PUBLISHED = datetime(2017, 8, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def seed(analyze: Callable[..., Analysis]) -> Analysis:
    text = shared_path("seed", "000_c092c067313caf18.txt").read_text(encoding="utf-8")
    return analyze(text, published=PUBLISHED)


@pytest.fixture(scope="module")
def strike(seed: Analysis) -> Event:
    found = [e for e in seed.events if (e.plover_type, e.plover_mode, e.modality) == ("ASSAULT", "aerial", Modality.ALLEGED)]
    assert found, [(e.trigger.text, e.plover_type, e.plover_mode, e.modality) for e in seed.events]
    return max(found, key=lambda e: e.killed.min or 0)


def test_one_alleged_aerial_assault_by_us_forces_on_kss(strike: Event) -> None:
    assert strike.acled_sub_event_type == "Air/drone strike"
    assert strike.actor is not None and strike.actor.actor_id == "us_forces"
    assert strike.target is not None and strike.target.actor_id == "kss"


def test_alleged_in_al_welayis_statement(seed: Analysis, strike: Event) -> None:
    assert strike.statement_id is not None
    statement = next(s for s in seed.statements if s.id == strike.statement_id)
    assert statement.speaker_name is not None and "Welayi" in statement.speaker_name


def test_places_akashat_and_tanf(strike: Event) -> None:
    names = " ".join(p.span.text for p in strike.places)
    assert "Akashat" in names and "Tanf" in names


def test_toll_and_named_victim(strike: Event) -> None:
    assert strike.killed.min is not None and strike.killed.min >= 24
    assert strike.killed.span is not None and "dozens" in strike.killed.span.text
    assert [v.name for v in strike.named_victims] == ["Hossein Qomi"]
    assert strike.named_victims[0].role is not None and "I.R.G.C. commander" in strike.named_victims[0].role


def test_time_is_the_night_before_publication(strike: Event) -> None:
    assert strike.time is not None and strike.time.start is not None
    assert strike.time.start.date() == datetime(2017, 8, 8).date()


def test_the_incident_is_not_sprayed_into_many_events(seed: Analysis) -> None:
    aerial = [e for e in seed.events if e.plover_mode == "aerial" and e.modality == Modality.ALLEGED]
    assert len(aerial) == 1, [(e.trigger.text, e.actor.name if e.actor else None) for e in aerial]
    assert len(seed.events) <= 12
