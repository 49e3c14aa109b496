"""Hand-built analyses of the illustrative incident corpora (tests/data/incidents), for link/assess/export tests.

``Builder`` makes spans by phrase, so every offset is a real slice of the report text. The
``corpus_analyses()`` annotations are what a perfect extraction would give: they let linking and
assessment be tested independently of the extraction components.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from rashomon.ingest.fingerprint import make_report
from rashomon.model import (
    ActorMention,
    Analysis,
    Casualties,
    Channel,
    ChannelKind,
    Event,
    Modality,
    Place,
    PlacePrecision,
    Report,
    Sector,
    Span,
    Stance,
    Statement,
    TimePrecision,
    TimeRef,
)
from rashomon.model.ids import mention_id

CORPUS_DIR = Path(__file__).resolve().parents[1] / "data" / "incidents"


def read_corpus(name: str) -> list[dict[str, str]]:
    return [json.loads(line) for line in (CORPUS_DIR / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def report_from(row: dict[str, str], near_duplicate_of: str | None = None) -> Report:
    report = make_report(
        row["text"],
        title=row.get("title"),
        url=row.get("url"),
        outlet=row.get("outlet"),
        published=datetime.fromisoformat(row["published"]) if row.get("published") else None,
    )
    return report.model_copy(update={"near_duplicate_of": near_duplicate_of}) if near_duplicate_of else report


class Builder:
    """Builds one Analysis by naming phrases of its report text."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.actors: list[ActorMention] = []
        self.statements: list[Statement] = []
        self.events: list[Event] = []
        self.places: list[Place] = []
        self.times: list[TimeRef] = []

    def span(self, phrase: str, nth: int = 0) -> Span:
        start = -1
        for _ in range(nth + 1):
            start = self.report.text.index(phrase, start + 1)
        return Span(report_id=self.report.id, start=start, end=start + len(phrase), text=phrase)

    def actor(self, phrase: str, name: str, actor_id: str | None, sector: Sector = Sector.UNKNOWN, nth: int = 0) -> ActorMention:
        span = self.span(phrase, nth)
        mention = ActorMention(
            id=mention_id(self.report.id, "ac", span.start, span.end), span=span, name=name, actor_id=actor_id, sector=sector
        )
        self.actors.append(mention)
        return mention

    def place(
        self, phrase: str, lat: float, lon: float, precision: PlacePrecision, country: str, name: str | None = None
    ) -> Place:
        span = self.span(phrase)
        place = Place(
            id=mention_id(self.report.id, "pl", span.start, span.end),
            span=span,
            name=name or phrase,
            lat=lat,
            lon=lon,
            precision=precision,
            country_code=country,
        )
        self.places.append(place)
        return place

    def time(self, phrase: str, start: datetime, end: datetime, precision: TimePrecision = TimePrecision.DAY) -> TimeRef:
        span = self.span(phrase)
        time = TimeRef(
            id=mention_id(self.report.id, "tm", span.start, span.end),
            span=span,
            expression=phrase,
            start=start,
            end=end,
            precision=precision,
            anchor=self.report.published,
        )
        self.times.append(time)
        return time

    def statement(
        self,
        content: str,
        *,
        speaker: str | None,
        name: str | None,
        actor_id: str | None,
        stance: Stance,
        target: str | None = None,
        role: str | None = None,
        affiliation: str | None = None,
        outlet: str | None = None,
        channel: ChannelKind = ChannelKind.STATEMENT,
        direct: bool = False,
    ) -> Statement:
        span = self.span(content)
        statement = Statement(
            id=mention_id(self.report.id, "st", span.start, span.end),
            speaker=self.span(speaker) if speaker else None,
            speaker_name=name,
            speaker_actor_id=actor_id,
            speaker_role=role,
            speaker_affiliation=affiliation,
            channel=Channel(kind=channel, outlet=outlet),
            content=(span,),
            direct=direct,
            stance=stance,
            stance_target=target,
        )
        self.statements.append(statement)
        return statement

    def event(
        self,
        trigger: str,
        plover: str,
        *,
        actor: ActorMention | None = None,
        target: ActorMention | None = None,
        places: tuple[Place, ...] = (),
        time: TimeRef | None = None,
        killed: tuple[int | None, int | None] | None = None,
        wounded: tuple[int | None, int | None] | None = None,
        modality: Modality = Modality.AUTHOR,
        statement: Statement | None = None,
        mode: str | None = None,
        nth: int = 0,
    ) -> Event:
        span = self.span(trigger, nth)
        event = Event(
            id=mention_id(self.report.id, "ev", span.start, span.end),
            trigger=span,
            plover_type=plover,
            plover_mode=mode,
            acled_event_type="Explosions/Remote violence" if mode in ("aerial", "explosive") else "Battles",
            acled_sub_event_type="Air/drone strike" if mode == "aerial" else None,
            actor=actor,
            target=target,
            places=places,
            time=time,
            killed=Casualties(min=killed[0], max=killed[1]) if killed else Casualties(),
            wounded=Casualties(min=wounded[0], max=wounded[1]) if wounded else Casualties(),
            modality=modality,
            statement_id=statement.id if statement else None,
        )
        self.events.append(event)
        return event

    def build(self) -> Analysis:
        return Analysis(
            report=self.report,
            actors=tuple(self.actors),
            statements=tuple(self.statements),
            events=tuple(self.events),
            places=tuple(self.places),
            times=tuple(self.times),
            pipeline_version="hand",
        )


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


AKASHAT = (33.80, 40.58)  # al-Akashat, Anbar (approximate, for tests)
TANF = (33.49, 38.62)  # al-Tanf crossing (approximate, for tests)
MONDAY = (_utc(2017, 8, 7), _utc(2017, 8, 7, 23, 59, 59))
MONDAY_NIGHT = (_utc(2017, 8, 7, 18), _utc(2017, 8, 7, 23, 59, 59))


def seed_analyses() -> list[Analysis]:
    """The five seed-incident reports (tasnim, wire, syndicated copy, al-Abadi, IS claim), annotated."""
    rows = read_corpus("seed_incident.jsonl")
    out: list[Analysis] = []

    b = Builder(report_from(rows[0]))
    kss = b.actor("Kata'ib Sayyid al-Shuhada", "Kata'ib Sayyid al-Shuhada", "kss", Sector.MILITIA)
    us = b.actor("American aircraft", "United States Armed Forces", "us_forces", Sector.MILITARY)
    place = b.place("al-Akashat", *AKASHAT, PlacePrecision.TOWN, "IQ")
    when = b.time("Monday night", *MONDAY_NIGHT, TimePrecision.PART_OF_DAY)
    st1 = b.statement(
        "American aircraft killed 47 of the group's fighters in a strike on its positions in the al-Akashat area on Monday night",
        speaker="Abu Ala al-Welayi", name="Abu Ala al-Walai", actor_id="abu_ala_al_walai", stance=Stance.ACCUSE,
        target="United States", role="secretary-general of Kata'ib Sayyid al-Shuhada", outlet="Tasnim News Agency",
        channel=ChannelKind.INTERVIEW,
    )  # fmt: skip
    b.event("strike", "ASSAULT", actor=us, target=kss, places=(place,), time=when, killed=(47, 47), modality=Modality.ALLEGED,
            statement=st1, mode="aerial")  # fmt: skip
    b.statement(
        "The Americans bombarded our positions with smart bombs although they knew our forces were stationed there",
        speaker="al-Welayi", name="Abu Ala al-Walai", actor_id="abu_ala_al_walai", stance=Stance.ACCUSE, target="United States",
        role="secretary-general of Kata'ib Sayyid al-Shuhada", outlet="Tasnim News Agency", channel=ChannelKind.INTERVIEW,
        direct=True,
    )  # fmt: skip
    out.append(b.build())

    for i in (1, 2):
        b = Builder(report_from(rows[i], near_duplicate_of=out[1].report.id if i == 2 else None))
        kss = b.actor("Kata'ib Sayyid al-Shuhada", "Kata'ib Sayyid al-Shuhada", "kss", Sector.MILITIA)
        us = b.actor("U.S. forces", "United States Armed Forces", "us_forces", Sector.MILITARY)
        b.actor("coalition", "Combined Joint Task Force – Operation Inherent Resolve", "cjtf_oir", Sector.MILITARY)
        place = b.place("al-Tanf", *TANF, PlacePrecision.SITE, "SY")
        when = b.time("late on Monday", *MONDAY_NIGHT, TimePrecision.PART_OF_DAY)
        st1 = b.statement(
            "it held the American army responsible for the attack", speaker="Kata'ib Sayyid al-Shuhada",
            name="Kata'ib Sayyid al-Shuhada", actor_id="kss", stance=Stance.ACCUSE, target="United States",
        )  # fmt: skip
        st2 = b.statement(
            "Thirty-six of our fighters were killed and 75 were wounded", speaker="a K.S.S. spokesman", name=None,
            actor_id=None, stance=Stance.ASSERT, role="spokesman", affiliation="Kata'ib Sayyid al-Shuhada", direct=True,
        )  # fmt: skip
        st3 = b.statement(
            "Allegations of coalition strikes against Popular Mobilization Forces near the Iraq-Syria border are inaccurate",
            speaker="Dillon", name="Ryan Dillon", actor_id=None, stance=Stance.DENY,
            target="Combined Joint Task Force – Operation Inherent Resolve", role="spokesman for the coalition",
            affiliation="U.S.-led coalition", channel=ChannelKind.TWEET, direct=True,
        )  # fmt: skip
        b.event("struck", "ASSAULT", actor=us, target=kss, places=(place,), time=when, killed=(36, 36), modality=Modality.ALLEGED,
                statement=st1)  # fmt: skip
        b.event("killed", "ASSAULT", target=kss, killed=(36, 36), wounded=(75, 75), modality=Modality.ALLEGED, statement=st2)
        b.event("strikes", "ASSAULT", modality=Modality.DENIED, statement=st3, nth=0)
        out.append(b.build())

    b = Builder(report_from(rows[3]))
    b.actor("Haider al-Abadi", "Haider al-Abadi", "haider_abadi", Sector.GOVERNMENT)
    isis = b.actor("Islamic State", "Islamic State", "islamic_state", Sector.TERRORIST)
    kss = b.actor("Kata'ib Sayyid al-Shuhada", "Kata'ib Sayyid al-Shuhada", "kss", Sector.MILITIA)
    place = b.place("al-Akashat", *AKASHAT, PlacePrecision.TOWN, "IQ")
    when = b.time("Monday", *MONDAY)
    st = b.statement(
        "an initial investigation showed that Islamic State carried out Monday's attack on paramilitary positions near the Syrian"
        " border, using artillery and car bombs", speaker="Haider al-Abadi", name="Haider al-Abadi", actor_id="haider_abadi",
        stance=Stance.ATTRIBUTE, target="Islamic State", role="Iraqi Prime Minister",
    )  # fmt: skip
    b.event("attack", "ASSAULT", actor=isis, target=kss, places=(place,), time=when, modality=Modality.ALLEGED, statement=st,
            mode="explosive")  # fmt: skip
    out.append(b.build())

    b = Builder(report_from(rows[4]))
    isis = b.actor("Islamic State", "Islamic State", "islamic_state", Sector.TERRORIST)
    pmf = b.actor("Popular Mobilization Forces", "Popular Mobilization Forces", "pmf", Sector.MILITIA)
    place = b.place("al-Akashat", *AKASHAT, PlacePrecision.TOWN, "IQ")
    when = b.time("Monday", *MONDAY)
    st = b.statement(
        "the group's fighters attacked the Popular Mobilization Forces and captured armoured vehicles, weapons and ammunition",
        speaker="The statement", name="Islamic State", actor_id="islamic_state", stance=Stance.CLAIM_RESPONSIBILITY,
        target="Islamic State",
    )  # fmt: skip
    b.event("attack", "ASSAULT", actor=isis, target=pmf, places=(place,), time=when, modality=Modality.CLAIMED, statement=st)
    out.append(b.build())
    return out


def other_analyses() -> list[Analysis]:
    """The unrelated incidents: confirmed (Mogadishu), fair (Hawija x2), weak (Tikrit), discounted (Maarat)."""
    rows = read_corpus("other_incidents.jsonl")
    out: list[Analysis] = []

    b = Builder(report_from(rows[0]))
    shabaab = b.actor("Al-Shabaab", "al-Shabaab", "al_shabaab", Sector.TERRORIST)
    place = b.place("Mogadishu", 2.0371, 45.3438, PlacePrecision.TOWN, "SO", name="Mogadishu")
    when = b.time("Saturday", _utc(2019, 3, 2), _utc(2019, 3, 2, 23, 59, 59))
    st = b.statement(
        "Our mujahideen carried out the attack on the checkpoint", speaker="the group", name="al-Shabaab", actor_id="al_shabaab",
        stance=Stance.CLAIM_RESPONSIBILITY, target="al-Shabaab", direct=True,
    )  # fmt: skip
    b.event("suicide car bombing", "ASSAULT", actor=shabaab, places=(place,), time=when, killed=(12, 12), mode="explosive")
    b.event("attack", "ASSAULT", actor=shabaab, places=(place,), time=when, modality=Modality.CLAIMED, statement=st)
    out.append(b.build())

    hawija = (35.33, 43.78)
    b = Builder(report_from(rows[1]))
    place = b.place("Hawija", *hawija, PlacePrecision.DISTRICT, "IQ")
    when = b.time("Thursday night", _utc(2020, 6, 11, 18), _utc(2020, 6, 11, 23, 59, 59), TimePrecision.PART_OF_DAY)
    police = b.actor("police post", "Iraqi Police", "iraqi_police", Sector.GOVERNMENT)
    b.event("attacked", "ASSAULT", target=police, places=(place,), time=when, killed=(4, 4), wounded=(2, 2))
    out.append(b.build())
    b = Builder(report_from(rows[2]))
    place = b.place("Hawija", *hawija, PlacePrecision.DISTRICT, "IQ")
    when = b.time("late on Thursday", _utc(2020, 6, 11, 18), _utc(2020, 6, 11, 23, 59, 59), TimePrecision.PART_OF_DAY)
    police = b.actor("policemen", "Iraqi Police", "iraqi_police", Sector.GOVERNMENT)
    b.event("opened fire", "ASSAULT", target=police, places=(place,), time=when, killed=(4, 4), wounded=(2, 2))
    out.append(b.build())

    b = Builder(report_from(rows[3]))
    place = b.place("Tikrit", 34.6071, 43.6782, PlacePrecision.TOWN, "IQ")
    when = b.time("Monday", *MONDAY)
    army = b.actor("Iraqi soldiers", "Iraqi Army", "iraqi_army", Sector.MILITARY)
    b.event("roadside bomb", "ASSAULT", target=army, places=(place,), time=when, killed=(2, 2), mode="explosive")
    out.append(b.build())

    b = Builder(report_from(rows[4]))
    place = b.place("Maarat al-Numan", 35.6436, 36.6714, PlacePrecision.TOWN, "SY")
    when = b.time("Sunday", _utc(2019, 5, 5), _utc(2019, 5, 5, 23, 59, 59))
    russia = b.actor("Russian jets", "Russian Armed Forces", "russian_forces", Sector.MILITARY)
    st1 = b.statement(
        "Russian jets of bombing the main hospital in Maarat al-Numan on Sunday", speaker="Local activists",
        name="Local activists", actor_id=None, stance=Stance.ACCUSE, target="Russian Armed Forces",
    )  # fmt: skip
    st2 = b.statement(
        "No air strike hit the hospital. The damage was caused by a fire in the generator room", speaker="Dr. Munzer Khalil",
        name="Munzer Khalil", actor_id=None, stance=Stance.DENY, target="Russian Armed Forces",
        role="director of the Idlib health directorate", affiliation="Idlib health directorate", direct=True,
    )  # fmt: skip
    b.event(
        "bombing", "ASSAULT", actor=russia, places=(place,), time=when, killed=(3, 3), modality=Modality.ALLEGED, statement=st1
    )
    b.event("air strike", "ASSAULT", modality=Modality.DENIED, statement=st2)
    out.append(b.build())
    return out


def corpus_analyses() -> list[Analysis]:
    return seed_analyses() + other_analyses()
