"""The events component on hand-made drafts: actors, statements, places and times are given, so these
tests depend only on spaCy's parse and the events code."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rashomon.extract import Pipeline
from rashomon.extract.base import Draft
from rashomon.extract.event_types import CASE_TO_ACLED, CASE_TO_PLOVER, load_event_type_model
from rashomon.extract.events import EventComponent, acled_for
from rashomon.ingest.fingerprint import make_report
from rashomon.model import (
    ActorMention,
    Event,
    Modality,
    Place,
    PlacePrecision,
    Sector,
    Stance,
    Statement,
    TimePrecision,
    TimeRef,
)

PUBLISHED = datetime(2017, 8, 9, 12, tzinfo=UTC)


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


class Builder:
    """Builds a Draft over ``text`` with hand-made actors, statements, places and times."""

    def __init__(self, pipeline: Pipeline, text: str) -> None:
        self.draft = Draft(report=make_report(text, published=PUBLISHED), doc=pipeline.nlp(text))
        self.text = text

    def actor(self, needle: str, name: str, sector: Sector, actor_id: str | None = None, kind: str = "ORG") -> Builder:
        s, e = _at(self.text, needle)
        self.draft.actors.append(
            ActorMention(id=f"a{s}", span=self.draft.span(s, e), name=name, actor_id=actor_id, kind=kind, sector=sector)
        )
        return self

    def statement(self, content: str, stance: Stance, speaker: str, sid: str = "st1") -> Builder:
        s, e = _at(self.text, content)
        self.draft.statements.append(
            Statement(id=sid, content=(self.draft.span(s, e),), direct=True, stance=stance, speaker_name=speaker)
        )
        return self

    def place(self, needle: str, name: str, admin1: str | None = None, cc: str = "IQ") -> Builder:
        s, e = _at(self.text, needle)
        self.draft.places.append(
            Place(id=f"p{s}", span=self.draft.span(s, e), name=name, lat=33.0, lon=40.0, precision=PlacePrecision.TOWN,
                  country_code=cc, admin1=admin1)
        )  # fmt: skip
        return self

    def time(self, needle: str, start: datetime, end: datetime) -> Builder:
        s, e = _at(self.text, needle)
        self.draft.times.append(
            TimeRef(id=f"t{s}", span=self.draft.span(s, e), expression=needle, start=start, end=end,
                    precision=TimePrecision.PART_OF_DAY, anchor=PUBLISHED)
        )  # fmt: skip
        return self

    def events(self) -> list[Event]:
        EventComponent()(self.draft)
        return self.draft.events


def _only(events: list[Event], plover_type: str) -> Event:
    found = [e for e in events if e.plover_type == plover_type]
    assert len(found) == 1, [(e.trigger.text, e.plover_type) for e in events]
    return found[0]


# --------------------------------------------------------------------------- participants


def test_active_sentence_actor_target_place_time_toll(pipeline: Pipeline) -> None:
    text = "American aircraft bombarded the positions of Kata'ib Sayyid al-Shuhada near al-Tanf last night, killing 36 fighters."
    b = (
        Builder(pipeline, text)
        .actor("American", "United States Armed Forces", Sector.MILITARY, "us_forces")
        .actor("Kata'ib Sayyid al-Shuhada", "Kata'ib Sayyid al-Shuhada", Sector.MILITIA, "kss")
        .place("al-Tanf", "At Tanf", cc="SY")
        .time("last night", datetime(2017, 8, 8, 18, tzinfo=UTC), datetime(2017, 8, 9, 6, tzinfo=UTC))
    )
    event = _only(b.events(), "ASSAULT")
    assert event.trigger.text == "bombarded"
    assert (event.plover_mode, event.acled_event_type, event.acled_sub_event_type) == (
        "aerial", "Explosions/Remote violence", "Air/drone strike"
    )  # fmt: skip
    assert event.actor is not None and event.actor.actor_id == "us_forces"
    assert event.target is not None and event.target.actor_id == "kss"
    assert [p.name for p in event.places] == ["At Tanf"]
    assert event.time is not None and event.time.expression == "last night"
    assert (event.killed.min, event.killed.max) == (36, 36)
    assert event.killed.span is not None and event.killed.span.text == "killing 36"
    assert event.modality == Modality.AUTHOR


def test_passive_sentence_agent_is_the_actor(pipeline: Pipeline) -> None:
    text = "The positions of K.S.S. along the border were heavily bombarded by the Americans after air strikes began."
    b = (
        Builder(pipeline, text)
        .actor("K.S.S.", "Kata'ib Sayyid al-Shuhada", Sector.MILITIA, "kss")
        .actor("Americans", "United States Armed Forces", Sector.MILITARY, "us_forces")
    )
    event = _only(b.events(), "ASSAULT")
    assert event.actor is not None and event.actor.actor_id == "us_forces"
    assert event.target is not None and event.target.actor_id == "kss"


def test_unknown_actors_stay_as_text(pipeline: Pipeline) -> None:
    text = "Three civilians were shot dead by gunmen in the market on Sunday."
    event = _only(Builder(pipeline, text).events(), "ASSAULT")
    assert event.actor is not None and event.actor.name == "gunmen" and event.actor.actor_id is None
    assert event.target is not None and event.target.name == "Three civilians"
    assert event.target.sector == Sector.CIVILIAN
    assert (event.plover_mode, event.acled_sub_event_type) == ("targeted", "Attack")
    assert event.killed.min == 3


# --------------------------------------------------------------------------- modality


def test_alleged_inside_an_accusing_statement(pipeline: Pipeline) -> None:
    text = '"Our forces were hit by smart bombs in the border area," the commander said on Tuesday.'
    b = Builder(pipeline, text).statement("Our forces were hit by smart bombs in the border area", Stance.ACCUSE, "al-Welayi")
    event = _only(b.events(), "ASSAULT")
    assert event.plover_mode == "aerial"
    assert event.modality == Modality.ALLEGED
    assert event.statement_id == "st1"


def test_allegedly_marks_an_allegation_without_a_statement(pipeline: Pipeline) -> None:
    text = "Government forces allegedly shelled the village of Kafr Nabl on Monday."
    event = _only(Builder(pipeline, text).events(), "ASSAULT")
    assert (event.plover_mode, event.acled_sub_event_type) == ("artillery", "Shelling/artillery/missile attack")
    assert event.modality == Modality.ALLEGED
    assert event.statement_id is None


def test_denied_by_negation_and_by_deny_statement(pipeline: Pipeline) -> None:
    text = "The coalition said its aircraft did not bomb the border post."
    event = _only(Builder(pipeline, text).events(), "ASSAULT")
    assert event.modality == Modality.DENIED
    text2 = '"There were no air strikes near the border," the coalition spokesman tweeted.'
    b = Builder(pipeline, text2).statement("There were no air strikes near the border", Stance.DENY, "Ryan Dillon")
    event2 = _only(b.events(), "ASSAULT")
    assert event2.modality == Modality.DENIED
    assert event2.statement_id == "st1"


def test_claimed_by_a_claim_of_responsibility(pipeline: Pipeline) -> None:
    text = "A statement by the group said its fighters carried out the bombing in Baghdad."
    b = Builder(pipeline, text).statement(
        "its fighters carried out the bombing in Baghdad", Stance.CLAIM_RESPONSIBILITY, "Islamic State"
    )
    event = _only(b.events(), "ASSAULT")
    assert event.modality == Modality.CLAIMED
    assert event.statement_id == "st1"


def test_claimed_when_the_speaker_claims_his_own_act(pipeline: Pipeline) -> None:
    text = "The Americans claimed in a statement that they had conducted strikes against the Daesh terrorist group."
    event = _only(Builder(pipeline, text).events(), "ASSAULT")
    assert event.modality == Modality.CLAIMED


@pytest.mark.parametrize(
    "text",
    [
        "The militia threatened to attack the American base at al-Tanf.",
        "The commander said the coalition will launch air strikes on the town.",
        "The militiamen expect more attacks by the U.S. troops.",
    ],
)
def test_hypothetical(pipeline: Pipeline, text: str) -> None:
    events = [e for e in Builder(pipeline, text).events() if e.plover_type == "ASSAULT"]
    assert events and all(e.modality == Modality.HYPOTHETICAL for e in events)


# --------------------------------------------------------------------------- merging, victims


SEED_LIKE = (
    "Last night, the positions of K.S.S. were heavily bombarded by the Americans. "
    "Our forces were hit by smart bombs in the border area across the al-Akashat region. "
    "American forces have conducted air strikes against our resistance forces. "
    "Last night's attack by the Americans can in no way be by mistake. "
    "He said Hossein Qomi, a senior I.R.G.C. commander, was among the casualties."
)


def test_mentions_of_one_incident_merge_into_one_event(pipeline: Pipeline) -> None:
    b = (
        Builder(pipeline, SEED_LIKE)
        .actor("K.S.S.", "Kata'ib Sayyid al-Shuhada", Sector.MILITIA, "kss")
        .actor("Americans", "United States Armed Forces", Sector.MILITARY, "us_forces")
        .actor("American forces", "United States Armed Forces", Sector.MILITARY, "us_forces")
        .place("al-Akashat", "Akashat", admin1="Anbar")
    )
    events = b.events()
    assault = _only(events, "ASSAULT")
    assert assault.trigger.text == "bombarded"
    assert assault.plover_mode == "aerial"
    assert [p.name for p in assault.places] == ["Akashat"]
    (victim,) = assault.named_victims
    assert victim.name == "Hossein Qomi"
    assert victim.role == "a senior I.R.G.C. commander"
    assert victim.span.text == "Hossein Qomi"


def test_rival_perpetrators_in_different_statements_stay_apart(pipeline: Pipeline) -> None:
    text = (
        '"The Americans bombed our positions," the commander said. '
        "A statement by the group said Islamic State fighters carried out the attack."
    )
    b = (
        Builder(pipeline, text)
        .actor("Americans", "United States Armed Forces", Sector.MILITARY, "us_forces")
        .actor("Islamic State", "Islamic State", Sector.TERRORIST, "isis")
        .statement("The Americans bombed our positions", Stance.ACCUSE, "commander", "st1")
        .statement("Islamic State fighters carried out the attack", Stance.CLAIM_RESPONSIBILITY, "Islamic State", "st2")
    )
    assaults = [e for e in b.events() if e.plover_type == "ASSAULT"]
    assert {(e.actor.actor_id if e.actor else None, e.modality) for e in assaults} == {
        ("us_forces", Modality.ALLEGED),
        ("isis", Modality.CLAIMED),
    }


def test_verbal_events(pipeline: Pipeline) -> None:
    text = "The commander accused the American troops of colluding with the Islamic State, a charge the coalition denied."
    b = (
        Builder(pipeline, text)
        .actor("American troops", "United States Armed Forces", Sector.MILITARY, "us_forces")
        .actor("coalition", "Global Coalition against Daesh", Sector.MILITARY, "coalition")
    )
    events = b.events()
    accuse = _only(events, "ACCUSE")
    assert accuse.target is not None and accuse.target.actor_id == "us_forces"
    reject = _only(events, "REJECT")
    assert reject.actor is not None and reject.actor.actor_id == "coalition"
    assert accuse.acled_event_type is None


def test_a_verbal_event_without_an_actor_noun_takes_the_speaker_of_its_cue(pipeline: Pipeline) -> None:
    text = "A French minister threatened today to impose import restrictions against German goods."
    b = Builder(pipeline, text)
    s, e = _at(text, "threatened")
    speaker = b.draft.span(*_at(text, "A French minister"))
    b.draft.statements.append(
        Statement(id="st1", speaker=speaker, speaker_name="French minister", speaker_role="minister",
                  cue=b.draft.span(s, e), content=(b.draft.span(*_at(text, "to impose import restrictions")),),
                  direct=False, stance=Stance.THREATEN)
    )  # fmt: skip
    threat = _only(b.events(), "THREATEN")
    assert threat.actor is not None
    assert (threat.actor.name, threat.actor.span.start, threat.actor.span.end, threat.actor.kind) == (
        "French minister",
        0,
        17,
        "PERSON",
    )
    assert threat.actor.role == "minister" and threat.modality == Modality.AUTHOR


@pytest.mark.parametrize(
    ("text", "plover", "trigger", "actor", "target"),
    [
        # CAMEO 11 (criticise, denounce) is PLOVER 2021's ACCUSE; the cue is the trigger, the speaker the actor
        ("Human Rights Watch criticised the militia for shelling residential areas.", "ACCUSE", "criticised",
         "Human Rights Watch", "militia"),
        # an obligation laid on another party is a demand, whatever the speech verb
        ("Russia said on Tuesday that Sudan must return a helicopter captured last week.", "DEMAND", "said", "Russia", "Sudan"),
        ("The Bush administration declared Tuesday that China has to drop barriers to U.S. exports.", "DEMAND", "declared",
         None, "China"),
        ("Egyptian President Hosni Mubarak said here Wednesday that the US must be ready to mediate.", "DEMAND", "said",
         "Hosni Mubarak", "US"),
    ],
)  # fmt: skip
def test_a_statement_stance_is_a_verbal_event_at_its_cue(
    pipeline: Pipeline, text: str, plover: str, trigger: str, actor: str | None, target: str | None
) -> None:
    events = pipeline.analyze(make_report(text, published=PUBLISHED)).events
    event = _only(list(events), plover)
    assert (event.trigger.text, event.trigger.start) == (trigger, text.index(trigger))
    assert event.actor is not None
    if actor is not None:
        assert event.actor.name == actor
    if target is not None:
        assert event.target is not None and event.target.span.text == target
    assert event.modality == Modality.AUTHOR and event.acled_event_type is None


@pytest.mark.parametrize(
    "text",
    [
        "The commander said his men must defend the city at all costs.",  # on the speaker's own side
        "The minister said there must be an inquiry into the shooting.",  # nobody is told to act
        "Tens of thousands of students staged demonstrations on Saturday to demand political reforms.",  # the protest's aim
    ],
)
def test_what_is_no_demand_event(pipeline: Pipeline, text: str) -> None:
    assert not [e for e in pipeline.analyze(make_report(text, published=PUBLISHED)).events if e.plover_type == "DEMAND"]


def test_one_speakers_accusations_are_one_event_and_an_act_is_no_party(pipeline: Pipeline) -> None:
    text = (
        "Abu Ala al-Welayi said the Americans had bombed his fighters. "
        "Abu Ala al-Welayi alleged that the U.S. forces support the Islamic State. "
        "The United Nations condemned the air strike on Friday."
    )
    events = pipeline.analyze(make_report(text, published=PUBLISHED)).events
    accusations = [e for e in events if e.plover_type == "ACCUSE"]
    by_welayi = [e for e in accusations if e.actor is not None and "Welayi" in e.actor.name]
    assert len(by_welayi) == 1
    assert [m.text for m in by_welayi[0].mentions] == ["said", "alleged"]
    condemned = next(e for e in accusations if e.trigger.text == "condemned")
    assert condemned.actor is not None and condemned.actor.name == "United Nations"
    assert condemned.target is None  # "the air strike" is what is condemned, not who


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        # a weak act with a doer of its own is another event, and the toll in its phrase is its own
        ("While six were injured in police firing, 12 were killed by the rioters.", ("firing", "police", None, 6),
         ("killed", "rioters", 12, None)),
        ("An air strike hit the village on Monday, and militants killed three soldiers at a checkpoint.",
         ("strike", None, None, None), ("killed", "militants", 3, None)),
    ],
)  # fmt: skip
def test_a_weak_act_by_another_doer_stays_apart(
    pipeline: Pipeline, text: str, first: tuple[str, str | None, int | None, int | None], second: tuple[str, str, int, int | None]
) -> None:
    events = sorted(pipeline.analyze(make_report(text, published=PUBLISHED)).events, key=lambda e: e.trigger.start)
    got = [(e.trigger.text, e.actor.span.text if e.actor else None, e.killed.min, e.wounded.min) for e in events]
    assert got == [first, second]


def test_a_weak_act_by_the_same_doer_joins_the_strong_one(pipeline: Pipeline) -> None:
    text = "Police opened fire on the mob in the old city and killed two people."
    events = pipeline.analyze(make_report(text, published=PUBLISHED)).events
    assert [(e.trigger.text, e.killed.min) for e in events] == [("fire", 2)]


def test_a_day_is_no_participant(pipeline: Pipeline) -> None:
    text = "Albania on Friday denounced Serbia's crackdown. Its air strike on Tuesday hit Houthi fighters."
    events = pipeline.analyze(make_report(text, published=PUBLISHED)).events
    assert all(p is None or p.span.text not in ("Friday", "Tuesday") for e in events for p in (e.actor, e.target))
    strike = _only(list(events), "ASSAULT")
    assert strike.trigger.text == "strike" and strike.target is not None and strike.target.span.text == "Houthi fighters"


def test_an_unresolved_pronoun_speaker_makes_no_verbal_event(pipeline: Pipeline) -> None:
    text = "He rejected the proposal on Monday."
    b = Builder(pipeline, text)
    b.draft.statements.append(
        Statement(id="st1", speaker=b.draft.span(0, 2), cue=b.draft.span(*_at(text, "rejected")),
                  content=(b.draft.span(*_at(text, "the proposal")),), direct=False, stance=Stance.DENY)
    )  # fmt: skip
    assert not [e for e in b.events() if e.plover_type == "REJECT"]


@pytest.mark.parametrize(
    ("text", "trigger", "plover", "acled_sub"),
    [
        ("The Turkish government has refused to commit troops to the war.", "refused", ("REJECT", None), None),
        ("Vice-President Moody Awori has declined to resign despite growing pressure.", "declined", ("REJECT", None), None),
        ("The rebels dismissed an appeal from the president to lay down their arms.", "dismissed", ("REJECT", None), None),
        ("The government turned down the offer of talks.", "turned", ("REJECT", None), None),
        ("The United States vetoed the resolution on Wednesday.", "vetoed", ("REJECT", None), None),
        ("Peru issued an ultimatum to Ecuador to halt attacks.", "ultimatum", ("THREATEN", None), None),
        ("Demonstrators blocked a road in Baghdad on Tuesday.", "blocked", ("PROTEST", "obstruct"), "Peaceful protest"),
        ("Activists staged rallies in Gaza against the party leader.", "rallies", ("PROTEST", "demo"), "Peaceful protest"),
        ("Soldiers beat up Palestinian detainees in the camp.", "beat", ("ASSAULT", "beat"), "Attack"),
        ("Security forces tortured scores of refugees, the group said.", "tortured", ("ASSAULT", "torture"), "Attack"),
        ("Border agents sexually abused migrants at the crossing.", "abused", ("ASSAULT", "sexual"), "Sexual violence"),
        ("Army bulldozers demolished homes in Rafah on Sunday.", "demolished", ("COERCE", "destroy"),
         "Looting/property destruction"),
        ("The authorities imposed a curfew in the town after the unrest.", "curfew", ("COERCE", "curfew"), "Other"),
        ("The president banned opposition candidates from the elections.", "banned", ("COERCE", "ban"), "Other"),
        ("The government outlawed the largest extremist organisation.", "outlawed", ("COERCE", "ban"), "Other"),
        ("Ghanaian authorities have deported 168 Liberians.", "deported", ("COERCE", "deport"), "Other"),
    ],
)  # fmt: skip
def test_refusals_blockades_ill_treatment_and_restrictions(
    pipeline: Pipeline, text: str, trigger: str, plover: tuple[str, str | None], acled_sub: str | None
) -> None:
    events = Builder(pipeline, text).events()
    found = [e for e in events if e.trigger.text == trigger]
    assert [(e.plover_type, e.plover_mode, e.acled_sub_event_type) for e in found] == [(*plover, acled_sub)], [
        (e.trigger.text, e.plover_type, e.plover_mode) for e in events
    ]
    assert found[0].trigger.start == text.index(trigger)


@pytest.mark.parametrize(
    ("text", "not_type"),
    [
        ("The ministry declined to comment on the report.", "REJECT"),  # declining to say is no rejection
        ("The party dismissed its chairman on Friday.", "REJECT"),  # a dismissed person is fired
        ("Police blocked the road to the airport.", "PROTEST"),  # a cordon, not a protest
        ("Trump held a rally in Ohio on Monday.", "PROTEST"),  # a campaign rally
        ("Trump beat Clinton in Ohio.", "ASSAULT"),  # an election
        ("Serbia lifted a night curfew in Montenegro.", "COERCE"),  # lifting is a concession
        ("Serbia rejected an Australian ultimatum.", "THREATEN"),  # the ultimatum is not Serbia's threat
        ("She has demonstrated her skill as a negotiator.", "PROTEST"),  # showing, not protesting
        ("The measures demonstrate to North Korea that there are consequences.", "PROTEST"),
        ("Japan called North Korea an outlaw nation.", "COERCE"),
        ("A banned group claimed the attack.", "COERCE"),
    ],
)
def test_what_those_words_also_mean_is_no_event(pipeline: Pipeline, text: str, not_type: str) -> None:
    events = Builder(pipeline, text).events()
    assert not [e for e in events if e.plover_type == not_type], [(e.trigger.text, e.plover_type) for e in events]


@pytest.mark.parametrize(
    ("text", "trigger", "plover", "actor"),
    [
        ("Two persons were killed in police firing in the old city.", "firing", ("ASSAULT", "firearms"), "police"),
        ("Three others died in police firing in Khambhat.", "firing", ("ASSAULT", "firearms"), "police"),
        ("The police fired seven rounds in the air to quell the attackers.", "fired", ("ASSAULT", "firearms"), "police"),
        ("In the morning, police opened fire on rioting mobs.", "fire", ("ASSAULT", "firearms"), "police"),
        ("Police intercepted the mob and had to fire 8 rounds.", "fire", ("ASSAULT", "firearms"), "Police"),
        ("Stone-throwing forced the police to open fire in the air.", "fire", ("ASSAULT", "firearms"), "police"),
        ("Police had to resort to firing in Shinor to control mobs.", "firing", ("ASSAULT", "firearms"), "Police"),
        ("The police lathi-charged the mob near the market.", "charged", ("COERCE", "disperse"), None),
        ("Police fired 31 rounds and lobbed six tear-gas shells.", "gas", ("COERCE", "disperse"), None),
        ("The police lathicharged the crowd and used teargas.", "lathicharged", ("COERCE", "disperse"), "police"),
        ("In combing operations, 50 persons were held and weapons were seized.", "held", ("COERCE", "arrest"), None),
        ("Nearly 2,537 people have been rounded up in the state.", "rounded", ("COERCE", "arrest"), None),
        ("Siddiqui was picked up by police from his residence.", "picked", ("COERCE", "arrest"), "police"),
        ("Over 80 workers were taken into custody on Wednesday.", "custody", ("COERCE", "arrest"), None),
        ("The police nabbed the prime accused on Saturday night.", "nabbed", ("COERCE", "arrest"), "police"),
        # the small model takes "firing" for a verb here, with "police" its object or a conjunct
        ('He said: "two men have been killed in police firing as mobs torched."', "firing", ("ASSAULT", "firearms"), "police"),
        ("A youth perished in police firing as the minister arrived.", "firing", ("ASSAULT", "firearms"), "police"),
        # who a preposition's verb is done by: the one criticised for it
        ("The party criticised the police for opening fire on the crowd.", "fire", ("ASSAULT", "firearms"), "police"),
        ("Policemen chased the two raiders inside the shrine and shot one.", "shot", ("ASSAULT", "targeted"), "Policemen"),
    ],
)  # fmt: skip
def test_police_firing_crowd_control_and_arrests(
    pipeline: Pipeline, text: str, trigger: str, plover: tuple[str, str], actor: str | None
) -> None:
    events = Builder(pipeline, text).events()
    found = [e for e in events if e.trigger.text == trigger]
    assert [(e.plover_type, e.plover_mode) for e in found] == [plover], [(e.trigger.text, e.plover_type) for e in events]
    assert (found[0].actor.span.text if found[0].actor else None) == actor
    assert found[0].trigger.start == text.index(trigger)


@pytest.mark.parametrize(
    ("text", "trigger", "killed", "actor"),
    [
        ("A woman was burnt alive by a mob in Naroda.", "burnt", 1, "mob"),
        ("Eleven people were burned to death in their house.", "burned", 11, None),
        ("Two men were hacked to death in the old city.", "hacked", 2, None),
        ("A shopkeeper was beaten to death by rioters.", "beaten", 1, "rioters"),
        ("The mob lynched a man near the station.", "lynched", 1, "mob"),
    ],
)
def test_killings_told_by_how_they_were_done(pipeline: Pipeline, text: str, trigger: str, killed: int, actor: str | None) -> None:
    event = _only(Builder(pipeline, text).events(), "ASSAULT")
    assert (event.trigger.text, event.killed.min) == (trigger, killed)
    assert (event.actor.span.text if event.actor else None) == actor


@pytest.mark.parametrize("text", ["Protesters burned the flag outside the embassy.", "Hackers hacked the ministry's server."])
def test_burning_and_hacking_things_are_no_assault(pipeline: Pipeline, text: str) -> None:
    assert not [e for e in Builder(pipeline, text).events() if e.plover_type == "ASSAULT"]


@pytest.mark.parametrize(
    ("text", "tolls"),
    [
        (
            "Two persons were stabbed to death and the police fired several rounds in the air.",
            {"stabbed": (2, 2), "fired": (None, None)},
        ),
        (
            "Two soldiers were killed in a roadside bomb blast and three militants died in the ensuing gunfight.",
            {"bomb": (2, 2), "gunfight": (3, 3)},
        ),
    ],
)
def test_each_toll_goes_to_the_event_its_phrase_tells(pipeline: Pipeline, text: str, tolls: dict) -> None:
    events = Builder(pipeline, text).events()
    assert {e.trigger.text: (e.killed.min, e.killed.max) for e in events} == tolls


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Stone-throwing prompted the police to open fire in the air.", Modality.AUTHOR),
        ("The police had to open fire to disperse the mob.", Modality.AUTHOR),
        ("The militants tried to attack the convoy.", Modality.HYPOTHETICAL),
        ("The strike could be a war crime.", Modality.AUTHOR),  # the modal weighs what is said of the act
        ("Warplanes could strike the town again.", Modality.HYPOTHETICAL),
    ],
)
def test_modals_and_infinitives_of_violent_acts(pipeline: Pipeline, text: str, modality: Modality) -> None:
    assert _only(Builder(pipeline, text).events(), "ASSAULT").modality == modality


def test_an_act_inquired_into_is_no_hypothesis(pipeline: Pipeline) -> None:
    text = "The opposition demanded a judicial inquiry into the police firing that left one dead."
    event = _only(Builder(pipeline, text).events(), "ASSAULT")
    assert event.modality == Modality.AUTHOR and event.killed.min == 1


def test_an_event_keeps_every_mention_merged_into_it(pipeline: Pipeline) -> None:
    text = "An air strike hit the market in Saada on Monday. The strike killed 12 people, officials said."
    event = _only(Builder(pipeline, text).events(), "ASSAULT")
    assert [(m.start, m.end, m.text) for m in event.mentions] == [
        (*_at(text, "strike"), "strike"),
        (*_at(text, "strike", 1), "strike"),
    ]
    assert event.trigger in event.mentions
    assert event.killed.min == 12


def test_killed_in_police_firing_carries_the_toll_and_is_no_armed_clash(pipeline: Pipeline) -> None:
    event = _only(Builder(pipeline, "Two persons were killed in police firing on Tuesday.").events(), "ASSAULT")
    assert (event.killed.min, event.killed.max) == (2, 2)
    assert event.acled_sub_event_type == "Attack"  # persons, not an armed side, were hit


@pytest.mark.parametrize(
    ("text", "not_type"),
    [
        ("Trump fired the coach on Monday.", "ASSAULT"),  # dismissed
        ("Rioters set the shops on fire.", "ASSAULT"),  # flames: arson, no shooting
        ("The firing of the FBI director shocked Washington.", "ASSAULT"),
        ("He was charged with corruption.", "COERCE"),
        ("The parties held talks on Monday.", "COERCE"),
        ("Three aid workers were held hostage for a week.", "COERCE"),
        ("He picked up the phone.", "COERCE"),
        ("A Palestinian prisoner died in police custody.", "COERCE"),  # held, not arrested here
        ("The petitioners apprehended a threat to his life.", "COERCE"),  # feared
        ("The party apprehended cross-voting in the council.", "COERCE"),
        ("About 22,000 students are held at ransom by the administration.", "COERCE"),
    ],
)
def test_what_the_police_words_also_mean_is_no_event(pipeline: Pipeline, text: str, not_type: str) -> None:
    events = Builder(pipeline, text).events()
    assert not [e for e in events if e.plover_type == not_type], [(e.trigger.text, e.plover_type) for e in events]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Nobody was arrested as it was a peaceful march.", Modality.DENIED),
        ("Not a single activist has been arrested.", Modality.DENIED),
        ("The police failed to arrest the accused.", Modality.HYPOTHETICAL),
        ("The party urged the governor to arrest those involved.", Modality.HYPOTHETICAL),
        ("He demanded the arrest of the leaders.", Modality.HYPOTHETICAL),
        ("Police arrested twelve people after the clashes.", Modality.AUTHOR),
        # only probable, only possible, only aimed at or ordered
        ("The leaders are likely to be arrested on Friday.", Modality.HYPOTHETICAL),
        ("Members of such groups can be arrested without bail.", Modality.HYPOTHETICAL),
        ("The police had sent teams to Mumbai to arrest Bilal.", Modality.HYPOTHETICAL),
        ("The court issued orders to arrest Gupta.", Modality.HYPOTHETICAL),
        ("The police are finding it difficult to arrest him.", Modality.HYPOTHETICAL),
        ("He gave officers powers to make arrests if there was trouble.", Modality.HYPOTHETICAL),
        # an infinitive under a head that makes it happen
        ("The police were able to arrest 39 people.", Modality.AUTHOR),
        ("The police acted swiftly to arrest a local activist.", Modality.AUTHOR),
    ],
)
def test_an_arrest_nobody_underwent_or_only_asked_for_did_not_happen(pipeline: Pipeline, text: str, modality: Modality) -> None:
    assert _only(Builder(pipeline, text).events(), "COERCE").modality == modality


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        # the parse reads "captured" as an adjective of "vehicles" here; the object is the same
        ("Fighters attacked positions near the border and captured armoured vehicles, weapons and ammunition.", "weapons"),
        ("Rebels captured two trucks near Sirte.", "property"),
        ("Rebels captured the town after a week of fighting.", "occupy"),
    ],
)
def test_what_was_seized_gives_the_mode(pipeline: Pipeline, text: str, mode: str) -> None:
    seized = [e for e in Builder(pipeline, text).events() if e.trigger.text == "captured"]
    assert [(e.plover_type, e.plover_mode) for e in seized] == [("SEIZE", mode)]


@pytest.mark.parametrize(
    ("text", "plover", "acled_sub"),
    [
        ("A suicide bomber blew himself up at a checkpoint in Kabul.", ("ASSAULT", "explosive"), "Suicide bomb"),
        (
            "A roadside bomb exploded under a police vehicle in Kandahar.",
            ("ASSAULT", "explosive"),
            "Remote explosive/landmine/IED",
        ),
        ("Unknown men threw a grenade into the market in Srinagar.", ("ASSAULT", "explosive"), "Grenade"),
        ("Gunmen abducted two aid workers in Mogadishu.", ("ASSAULT", "abduct"), "Abduction/forced disappearance"),
        ("Police arrested twelve people after the meeting.", ("COERCE", "arrest"), "Arrests"),
        ("Thousands of people protested peacefully in the capital.", ("PROTEST", "demo"), "Peaceful protest"),
        ("Fighters clashed with the army near the airport.", ("FIGHT", None), "Armed clash"),
    ],
)
def test_types_and_acled_mapping(pipeline: Pipeline, text: str, plover: tuple[str, str | None], acled_sub: str) -> None:
    events = Builder(pipeline, text).events()
    assert any((e.plover_type, e.plover_mode) == plover and e.acled_sub_event_type == acled_sub for e in events), [
        (e.trigger.text, e.plover_type, e.plover_mode, e.acled_sub_event_type) for e in events
    ]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Some 200 detainees began a hunger strike on Monday to protest their detention.", "strike"),
        ("Seven opposition parties organized a general strike that shut down the capital.", "strike"),
        ("Teachers went on strike in the capital on Monday.", "strike"),
        ("The union called off a four-day strike after talks with the government.", "strike"),
    ],
)
def test_a_work_stoppage_is_a_protest_not_an_air_strike(text: str, trigger: str, pipeline: Pipeline) -> None:
    events = Builder(pipeline, text).events()
    assert not [e for e in events if e.plover_type == "ASSAULT"], [(e.trigger.text, e.plover_type) for e in events]
    event = next(e for e in events if e.trigger.text == trigger)
    assert (event.plover_type, event.plover_mode, event.acled_sub_event_type) == ("PROTEST", "strike", "Peaceful protest")


@pytest.mark.parametrize(
    "text",
    [
        "Coalition jets carried out a strike on the town on Monday.",
        "Russia continued strikes on Kyiv overnight.",
        "The army launched a strike against militant positions.",
    ],
)
def test_a_military_strike_stays_an_assault(text: str, pipeline: Pipeline) -> None:
    event = _only(Builder(pipeline, text).events(), "ASSAULT")
    assert event.trigger.text.startswith("strike")


@pytest.mark.parametrize(
    "text",
    [
        "Negotiators returned to Geneva for talks on reducing nuclear missiles in Europe.",
        "Moscow protested against the deployment of new medium-range missiles in Europe.",
        "Troops were reinforced after the discovery of Katyusha rockets near the border.",
    ],
)
def test_a_weapon_named_in_arms_control_or_a_find_is_no_attack(text: str, pipeline: Pipeline) -> None:
    events = Builder(pipeline, text).events()
    assert not [e for e in events if e.plover_type == "ASSAULT"], [(e.trigger.text, e.plover_type) for e in events]


@pytest.mark.parametrize(
    "text", ["Iran fired missiles at the air base on Sunday.", "Rockets hit the town overnight, killing two people."]
)
def test_a_weapon_fired_is_still_an_attack(text: str, pipeline: Pipeline) -> None:
    event = _only(Builder(pipeline, text).events(), "ASSAULT")
    assert event.plover_mode == "artillery"


# --------------------------------------------------------------------------- tables and the classifier


@pytest.mark.parametrize(
    ("plover_type", "mode", "quals", "expected"),
    [
        ("ASSAULT", "aerial", (), ("Explosions/Remote violence", "Air/drone strike")),
        ("ASSAULT", "artillery", (), ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("ASSAULT", "explosive", (), ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("ASSAULT", "explosive", ("suicide",), ("Explosions/Remote violence", "Suicide bomb")),
        ("ASSAULT", None, (), ("Violence against civilians", "Attack")),
        ("ASSAULT", None, ("armed_target",), ("Battles", "Armed clash")),
        ("ASSAULT", "abduct", (), ("Violence against civilians", "Abduction/forced disappearance")),
        ("FIGHT", None, (), ("Battles", "Armed clash")),
        ("SEIZE", "occupy", (), ("Battles", "Non-state actor overtakes territory")),
        ("SEIZE", "occupy", ("state_actor",), ("Battles", "Government regains territory")),
        ("COERCE", "arrest", (), ("Strategic developments", "Arrests")),
        ("PROTEST", "demo", (), ("Protests", "Peaceful protest")),
        ("PROTEST", "riot", (), ("Riots", "Violent demonstration")),
        ("PROTEST", "strike", (), ("Protests", "Peaceful protest")),
        ("ACCUSE", None, (), None),
    ],
)
def test_acled_for(plover_type: str, mode: str | None, quals: tuple[str, ...], expected: tuple[str, str] | None) -> None:
    assert acled_for(plover_type, mode, quals) == expected


def test_case_tables_cover_all_30_types() -> None:
    assert len(CASE_TO_ACLED) == 30
    assert set(CASE_TO_ACLED) == set(CASE_TO_PLOVER)
    assert sum(v is None for v in CASE_TO_ACLED.values()) == 5  # the five types outside ACLED


def test_shipped_classifier_types_obvious_snippets() -> None:
    model = load_event_type_model()
    assert set(model.classes) == set(CASE_TO_ACLED)
    assert model.predict(
        [
            "Warplanes pounded the village with air strikes, killing six civilians.",
            "Police arrested 40 people suspected of membership in a drug gang.",
            "A powerful earthquake and flood destroyed hundreds of homes.",
        ]
    ) == ["AIR_STRIKE", "ARREST", "NATURAL_DISASTER"]
    assert model.predict([]) == []


def test_quoted_speech_is_alleged_even_without_a_statement(pipeline: Pipeline) -> None:
    text = 'The commander told reporters: "American jets bombed our positions near the border."'
    event = _only(Builder(pipeline, text).events(), "ASSAULT")
    assert event.modality == Modality.ALLEGED
    assert event.statement_id is None


def test_bare_generic_mentions_are_not_events(pipeline: Pipeline) -> None:
    text = "We have fought for years and we know what an attack means."
    assert Builder(pipeline, text).events() == []


@pytest.mark.parametrize(
    "second",
    [
        "Ali Hassan, a senior brigade commander, was among the dead.",
        "Ali Hassan, the brigade's deputy leader, was killed in the strike.",
    ],
)
def test_named_victims_with_their_role(pipeline: Pipeline, second: str) -> None:
    text = "Warplanes bombed a militia base near Mosul on Monday, killing 12 fighters. " + second
    event = _only(Builder(pipeline, text).events(), "ASSAULT")
    (victim,) = event.named_victims
    assert victim.name == "Ali Hassan"
    assert victim.role == second.split(", ")[1]
    assert event.killed.min == 12


def test_claim_of_responsibility_names_the_claimer_as_actor(pipeline: Pipeline) -> None:
    text = "Islamic State has claimed responsibility for Monday's attack on a militia base near the border."
    b = Builder(pipeline, text).actor("Islamic State", "Islamic State", Sector.TERRORIST, "isis")
    event = _only(b.events(), "ASSAULT")
    assert event.actor is not None and event.actor.actor_id == "isis"  # not "Monday"
    assert event.modality == Modality.CLAIMED


def test_negated_participle_is_denied(pipeline: Pipeline) -> None:
    text = "The coalition said it had no aircraft striking in the area at the time."
    event = _only(Builder(pipeline, text).events(), "ASSAULT")
    assert event.modality == Modality.DENIED


def test_text_only_actor_drops_the_possessor(pipeline: Pipeline) -> None:
    text = "The group's fighters attacked an army checkpoint near Hit, killing four soldiers."
    event = _only(Builder(pipeline, text).events(), "ASSAULT")
    assert event.actor is not None and event.actor.name == "fighters"
    assert event.acled_sub_event_type == "Armed clash"  # an armed target


def test_pronoun_owned_targets_resolve_to_their_owner(pipeline: Pipeline) -> None:
    text = "The leader of K.S.S. said 47 people were killed when its positions were bombarded on Monday."
    b = Builder(pipeline, text).actor("K.S.S.", "Kata'ib Sayyid al-Shuhada", Sector.MILITIA, "kss")
    event = _only(b.events(), "ASSAULT")
    assert event.target is not None and event.target.actor_id == "kss"
    text2 = '"The Americans bombarded our positions," said the K.S.S. commander.'
    b2 = (
        Builder(pipeline, text2)
        .actor("Americans", "United States Armed Forces", Sector.MILITARY, "us_forces")
        .actor("K.S.S.", "Kata'ib Sayyid al-Shuhada", Sector.MILITIA, "kss")
    )
    b2.draft.statements.append(
        Statement(
            id="st1", content=(b2.draft.span(*_at(text2, "The Americans bombarded our positions")),), direct=True,
            stance=Stance.ACCUSE,
            speaker_name="the K.S.S. commander", speaker_affiliation="Kata'ib Sayyid al-Shuhada",
        )
    )  # fmt: skip
    event2 = _only(b2.events(), "ASSAULT")
    assert event2.target is not None and event2.target.actor_id == "kss"
    assert event2.actor is not None and event2.actor.actor_id == "us_forces"


def test_a_place_name_before_an_event_noun_is_not_its_actor(pipeline: Pipeline) -> None:
    text = "Coalition says Saada strike hit Houthi fighters, not market"
    assert any(e.text == "Saada" and e.label_ == "NORP" for e in pipeline.nlp(text).ents)  # the model's reading
    strike = next(e for e in Builder(pipeline, text).events() if e.trigger.text == "strike")
    assert strike.actor is None
    american = next(e for e in Builder(pipeline, "The American strike hit Houthi fighters.").events())
    assert american.actor is not None and american.actor.span.text == "American"


def test_the_dateline_city_is_the_place_only_when_no_other_is_named(pipeline: Pipeline) -> None:
    text = "RIYADH (Gulf Wire) - The coalition said its air strike on Tuesday hit Houthi fighters. They had met in Saada."
    events = Builder(pipeline, text).place("RIYADH", "Riyadh", cc="SA").place("Saada", "Saada", cc="YE").events()
    assert [p.name for p in next(e for e in events if e.trigger.text == "strike").places] == ["Saada"]
    text = "KABUL (Gulf Wire) - A suicide bomber killed five people at a checkpoint on Monday."
    events = Builder(pipeline, text).place("KABUL", "Kabul", cc="AF").events()
    assert [p.name for e in events for p in e.places] == ["Kabul"]


def test_a_headline_does_not_take_the_dateline_below_it(pipeline: Pipeline) -> None:
    text = "Coalition says strike hit Houthi fighters\nRIYADH (Gulf Wire) - The coalition denied hitting a market in Saada."
    builder = Builder(pipeline, text).place("RIYADH", "Riyadh", cc="SA").place("Saada", "Saada", cc="YE")
    headline = next(e for e in builder.events() if e.trigger.text == "strike")
    assert [p.name for p in headline.places] == ["Saada"]  # the report's focus place, not the dateline


def test_the_place_of_a_subject_event_noun_is_in_its_verb_phrase(pipeline: Pipeline) -> None:
    text = "Medics in Sanaa said an air strike hit a market in Dahyan on Tuesday night, killing 26 people."
    builder = Builder(pipeline, text).place("Sanaa", "Sanaa", cc="YE").place("Dahyan", "Dahyan", cc="YE")
    strike = next(e for e in builder.events() if e.trigger.text == "strike")
    assert [p.name for p in strike.places] == ["Dahyan"]


def test_a_dateline_is_neither_the_actor_nor_the_place(pipeline: Pipeline) -> None:
    # the parse makes the dateline city the verb's subject, with the warplanes in apposition to it
    text = (
        "Houthis say strike killed 20 at Saada market\n"
        "SAADA, Yemen (Al-Masirah) - Warplanes of the Saudi-led coalition bombed a crowded market in Dahyan late on Tuesday."
    )
    builder = (
        Builder(pipeline, text)
        .actor("Al-Masirah", "Al-Masirah", Sector.MEDIA, actor_id="al_masirah")
        .actor("Saudi-led coalition", "Saudi-led coalition", Sector.MILITARY, actor_id="saudi_coalition")
        .place("Yemen", "Yemen", cc="YE")
        .place("Dahyan", "Dahyan", cc="YE")
    )
    bombed = next(e for e in builder.events() if e.trigger.text == "bombed")
    assert bombed.actor is not None and bombed.actor.actor_id == "saudi_coalition"
    assert [p.name for p in bombed.places] == ["Dahyan"]


def test_a_state_that_takes_part_is_not_the_place(pipeline: Pipeline) -> None:
    text = "The militia has blamed the United States for the strike near al-Qaim."
    builder = (
        Builder(pipeline, text)
        .actor("militia", "militia", Sector.MILITIA)
        .actor("United States", "United States", Sector.GOVERNMENT, actor_id="usa", kind="GPE")
        .place("the United States", "United States", cc="US")
        .place("al-Qaim", "Al Qa'im")
    )
    events = builder.events()
    accuse = _only(events, "ACCUSE")
    assert accuse.target is not None and accuse.target.actor_id == "usa"
    # the accusation is about the strike near al-Qaim; the accused state is not where either happened
    assert [p.name for p in accuse.places] == ["Al Qa'im"]
    assert [p.name for p in _only(events, "ASSAULT").places] == ["Al Qa'im"]


def test_an_unknown_nationality_only_qualifies_the_target(pipeline: Pipeline) -> None:
    text = "Gunmen attacked an Iraqi militia near the border on Monday."
    event = _only(Builder(pipeline, text).actor("Iraqi", "Iraqi", Sector.UNKNOWN, kind="NORP").events(), "ASSAULT")
    assert event.target is not None and event.target.span.text == "Iraqi militia" and event.target.actor_id is None
    known = "Gunmen attacked an Iraqi army post near the border on Monday."
    b = Builder(pipeline, known).actor("Iraqi army", "Iraqi Army", Sector.MILITARY, actor_id="iraqi_army")
    event = _only(b.events(), "ASSAULT")
    assert event.target is not None and event.target.actor_id == "iraqi_army"


def test_a_headline_claim_with_the_act_in_its_cue_is_claimed(pipeline: Pipeline) -> None:
    text = "Islamic State claims attack on Iraqi militia at Syrian border"
    b = Builder(pipeline, text).actor("Islamic State", "Islamic State", Sector.TERRORIST, "isis")
    b.draft.statements.append(
        Statement(
            id="st1", speaker=b.draft.span(*_at(text, "Islamic State")), speaker_name="Islamic State",
            cue=b.draft.span(*_at(text, "claims attack on")), content=(b.draft.span(*_at(text, "Iraqi militia")),),
            direct=False, stance=Stance.CLAIM_RESPONSIBILITY,
        )
    )  # fmt: skip
    event = _only(b.events(), "ASSAULT")
    assert event.modality == Modality.CLAIMED and event.statement_id == "st1"


def test_a_denial_s_date_is_not_the_date_of_the_act(pipeline: Pipeline) -> None:
    text = (
        "NAIROBI (Nile Wire) - Sudan's paramilitary Rapid Support Forces on Monday denied shelling a market in "
        "El Fasher and accused the army of bombing it from the air."
    )
    builder = (
        Builder(pipeline, text)
        .actor("NAIROBI", "Kenya", Sector.GOVERNMENT, actor_id="state_kenya", kind="GPE")
        .actor("Rapid Support Forces", "Rapid Support Forces", Sector.MILITIA, actor_id="rsf")
        .place("El Fasher", "El Fasher", cc="SD")
        .time("on Monday", datetime(2024, 5, 13, tzinfo=UTC), datetime(2024, 5, 14, tzinfo=UTC))
    )
    events = builder.events()
    shelling = next(e for e in events if e.trigger.text == "shelling")
    assert shelling.time is None  # "on Monday" dates the denial
    denied = next(e for e in events if e.trigger.text == "denied")
    assert denied.time is not None and denied.time.expression == "on Monday"
    # the dateline city the parse makes the subject is no one's actor
    assert all(e.actor is None or e.actor.actor_id != "state_kenya" for e in events)


# --------------------------------------------------------------------------- who was hit, and where


def test_a_headline_participle_is_passive(pipeline: Pipeline) -> None:
    # headlinese drops "was": the base was targeted, it did not target
    text = "American base in Erbil targeted\n\nThe base was hit on Monday night."
    builder = Builder(pipeline, text).actor("American", "United States Armed Forces", Sector.MILITARY, actor_id="us_forces")
    (event,) = [e for e in builder.events() if e.plover_type == "ASSAULT"]
    assert event.actor is None
    assert event.target is not None and event.target.actor_id == "us_forces"


def test_what_comes_under_fire_is_the_target(pipeline: Pipeline) -> None:
    text = "An American military base at Erbil airport came under rocket fire on Monday night, Iraqi sources said."
    builder = Builder(pipeline, text).actor("American military", "United States Armed Forces", Sector.MILITARY, "us_forces")
    assault = _only(builder.events(), "ASSAULT")
    assert assault.actor is None
    assert assault.target is not None and assault.target.actor_id == "us_forces"


def test_a_state_fused_to_backed_is_not_the_place(pipeline: Pipeline) -> None:
    text = "A little-known group claimed responsibility for the attack in a statement circulated by Iran-backed militias."
    builder = Builder(pipeline, text).place("Iran", "Iran", cc="IR")
    assert all(e.places == () for e in builder.events())


def test_the_launch_site_is_not_where_the_rockets_struck(pipeline: Pipeline) -> None:
    # and a town that was hit is where it happened, while a known actor or a country hit is a participant
    text = "The rockets that hit Erbil last night were launched by the militia from a village near Makhmour."
    builder = (
        Builder(pipeline, text).actor("militia", "militia", Sector.MILITIA).place("Erbil", "Erbil").place("Makhmour", "Makhmour")
    )
    assault = _only(builder.events(), "ASSAULT")
    assert [p.name for p in assault.places] == ["Erbil"]


def test_a_detention_centre_is_no_arrest(pipeline: Pipeline) -> None:
    builder = Builder(pipeline, "An air strike hit a detention centre in Tajoura.").place("Tajoura", "Tajoura", cc="LY")
    assert [e.plover_type for e in builder.events()] == ["ASSAULT"]


def test_whose_militia_and_where_someone_spoke_are_no_places(pipeline: Pipeline) -> None:
    text = (
        "Warplanes hit a weapons depot of a Tripoli militia in Tajoura overnight.\n"
        '"Our air force struck a legitimate target," the spokesman told a news conference in Benghazi.'
    )
    builder = (
        Builder(pipeline, text)
        .place("Tripoli", "Tripoli", cc="LY")
        .place("Tajoura", "Tajoura", cc="LY")
        .place("Benghazi", "Benghazi", cc="LY")
    )
    places = {p.name for e in builder.events() for p in e.places}
    assert places == {"Tajoura"}


def test_the_next_sentence_may_give_the_rest_of_the_toll(pipeline: Pipeline) -> None:
    text = "An air strike killed 53 people in Tajoura, the UN said. More than 130 people were wounded."
    assault = _only(Builder(pipeline, text).place("Tajoura", "Tajoura", cc="LY").events(), "ASSAULT")
    assert (assault.killed.min, assault.wounded.min, assault.wounded.max) == (53, 131, None)
    # but not a sentence that is dated on its own: another event's toll
    text = "An air strike killed 53 people in Tajoura. In 2018, 40 people were wounded there."
    builder = Builder(pipeline, text).place("Tajoura", "Tajoura", cc="LY")
    builder.time("In 2018", datetime(2018, 1, 1, tzinfo=UTC), datetime(2018, 12, 31, tzinfo=UTC))
    assert _only(builder.events(), "ASSAULT").wounded.min is None


def test_the_night_a_killing_is_dated_is_not_the_day_it_was_said(pipeline: Pipeline) -> None:
    text = (
        "Odesa toll rises to three after overnight drone attack\n\n"
        "The number of people killed in a Russian drone attack on Odesa on Monday night has risen to three, the "
        "emergency service said on Wednesday.\n\n"
        "MOSCOW, March 10 (TASS) - The ministry said it struck the port."
    )
    builder = Builder(pipeline, text)
    builder.time("overnight", datetime(2017, 8, 8, 18, tzinfo=UTC), datetime(2017, 8, 9, 6, tzinfo=UTC))
    builder.time("on Monday night", datetime(2017, 8, 7, 18, tzinfo=UTC), datetime(2017, 8, 7, 23, 59, tzinfo=UTC))
    builder.time("on Wednesday", datetime(2017, 8, 9, tzinfo=UTC), datetime(2017, 8, 9, 23, 59, tzinfo=UTC))
    builder.time("March 10", datetime(2017, 3, 10, tzinfo=UTC), datetime(2017, 3, 10, 23, 59, tzinfo=UTC))
    events = builder.events()
    # the headline's "overnight" and the body's attack are one event, dated by the body's "on Monday night"
    attacks = [e for e in events if e.trigger.text == "attack"]
    assert len(attacks) == 1 and attacks[0].time is not None and attacks[0].time.expression == "on Monday night"
    # a dateline's date dates no event
    assert all(e.time is None or e.time.expression != "March 10" for e in events)


def test_shooting_down_drones_is_no_attack(pipeline: Pipeline) -> None:
    text = "Air defences shot down 30 of the 35 drones Russia launched against the south."
    assert all(e.trigger.text != "shot" for e in Builder(pipeline, text).events())


def test_downed_missiles_name_no_attack(pipeline: Pipeline) -> None:
    # what was brought down is no event of its own; the strike the sentence goes on to tell is
    text = "U.S. forces downed Houthi missiles over the Red Sea on Tuesday."
    assert all(e.trigger.text != "missiles" for e in Builder(pipeline, text).events())


def test_the_day_it_was_said_does_not_date_the_act(pipeline: Pipeline) -> None:
    text = "The Houthis said on Tuesday they had targeted a cargo ship off Hodeidah."
    builder = Builder(pipeline, text).actor("Houthis", "Houthis", Sector.MILITIA, actor_id="houthis")
    builder.place("Hodeidah", "Hodeidah", cc="YE")
    builder.time("on Tuesday", datetime(2017, 8, 8, tzinfo=UTC), datetime(2017, 8, 8, 23, 59, tzinfo=UTC))
    assault = _only(builder.events(), "ASSAULT")
    assert assault.time is None


def test_firing_rockets_is_the_attack(pipeline: Pipeline) -> None:
    text = "Hamas fired rockets at Tel Aviv on Tuesday."
    builder = Builder(pipeline, text).actor("Hamas", "Hamas", Sector.MILITIA, actor_id="hamas")
    assault = _only(builder.events(), "ASSAULT")
    assert assault.trigger.text == "rockets" and assault.actor is not None and assault.actor.actor_id == "hamas"


def test_the_group_that_did_a_claimed_act_is_the_claimant(pipeline: Pipeline) -> None:
    # "the terrorist group" and "its fighters" inside Islamic State's claim are Islamic State; the actor's span stays
    # on the words that tell the act
    text = (
        "A statement circulated by Islamic State supporters said the terrorist group carried out the attack and added "
        "that its fighters captured armored vehicles."
    )
    events = pipeline.analyze(make_report(text, published=PUBLISHED)).events
    attack, seizure = _only(events, "ASSAULT"), _only(events, "SEIZE")
    assert attack.modality == seizure.modality == Modality.CLAIMED
    assert attack.actor is not None and attack.actor.actor_id == seizure.actor.actor_id == "islamic_state"  # type: ignore[union-attr]
    assert (attack.actor.span.start, attack.actor.span.end) == _at(text, "terrorist group")
    assert seizure.actor is not None and (seizure.actor.span.start, seizure.actor.span.end) == _at(text, "fighters")


def test_a_group_outside_a_claim_stays_unnamed(pipeline: Pipeline) -> None:
    # another's account of the group's act: who "the group" is stays open
    text = "Islamic State was seen near Mosul. The Iraqi army said the group attacked a checkpoint there."
    events = pipeline.analyze(make_report(text, published=PUBLISHED)).events
    attack = _only(events, "ASSAULT")
    assert attack.modality != Modality.CLAIMED
    assert attack.actor is None or attack.actor.actor_id is None


def test_an_accusation_by_a_lede_description_is_the_named_persons(pipeline: Pipeline) -> None:
    # the parse's subject "commander" gives way to the speaker the statements component resolved below, so his
    # accusations are one ACCUSE event
    text = (
        "The commander of an Iraqi militia has accused American troops of bombing his fighters.\n"
        "Abu Ala al-Welayi, the secretary-general of Kata'ib Sayyid al-Shuhada, said in an interview that the Americans "
        "had bombed his positions. The militia commander alleged that the Americans support the Islamic State."
    )
    accuse = _only(pipeline.analyze(make_report(text, published=PUBLISHED)).events, "ACCUSE")
    assert accuse.actor is not None and accuse.actor.name == "Abu Ala al-Welayi"
    assert accuse.trigger.text == "accused" and len(accuse.mentions) >= 2


@pytest.mark.parametrize(
    ("text", "trigger", "actor_id"),
    [
        # in a group's own statement "its" is the speaker
        ("The U.S.-led coalition said its air strike killed 12 Islamic State fighters near Raqqa.", "strike", "cjtf_oir"),
        # outside a statement, the group named last before the pronoun, in the sentence before too
        (
            "The Saudi-led coalition has carried out hundreds of raids. Its air strikes hit a school in Saada.",
            "strikes",
            "saudi_coalition",
        ),
        # a group the content names before the pronoun wins over the speaker
        ("Israel said Hamas had launched its rocket attacks from a school in Gaza.", "rocket", "hamas"),
    ],
)
def test_the_owner_of_a_noun_act_told_by_a_pronoun_is_its_actor(
    pipeline: Pipeline, text: str, trigger: str, actor_id: str
) -> None:
    events = pipeline.analyze(make_report(text, published=PUBLISHED)).events
    event = next(e for e in events if e.plover_type == "ASSAULT")
    assert event.trigger.text == trigger
    assert event.actor is not None and event.actor.actor_id == actor_id
    pronoun = text.lower().index(" its ") + 1
    assert (event.actor.span.start, event.actor.span.end) == (pronoun, pronoun + 3)


def test_a_pronoun_owner_with_no_group_named_before_gives_no_actor(pipeline: Pipeline) -> None:
    text = "Its air strikes hit a school in Saada on Monday, residents said, and the coalition was blamed."
    event = next(e for e in pipeline.analyze(make_report(text, published=PUBLISHED)).events if e.plover_type == "ASSAULT")
    assert event.actor is None or event.actor.span.text != "Its"


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("The Saudi-led coalition has carried out hundreds of raids on Saada.", "saudi_coalition"),
        ("Hamas fired a barrage of rockets at Ashkelon.", "hamas"),
    ],
)
def test_a_light_verb_over_a_quantity_of_acts_gives_their_actor(pipeline: Pipeline, text: str, actor_id: str) -> None:
    event = next(e for e in pipeline.analyze(make_report(text, published=PUBLISHED)).events if e.plover_type == "ASSAULT")
    assert event.actor is not None and event.actor.actor_id == actor_id
