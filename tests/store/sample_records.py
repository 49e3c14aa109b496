"""Hand-built records with every field set, so round-trip tests cover the whole model."""

from __future__ import annotations

from datetime import UTC, datetime

from rashomon.ingest.fingerprint import make_report
from rashomon.model import (
    Account,
    AccountStance,
    ActorMention,
    Affiliation,
    Analysis,
    Casualties,
    Channel,
    ChannelKind,
    Contradiction,
    ContradictionKind,
    ContradictionSide,
    Event,
    EventRef,
    Grade,
    Incident,
    IncidentReport,
    Modality,
    NamedVictim,
    Place,
    PlacePrecision,
    Range,
    Relation,
    Report,
    Sector,
    Span,
    Stance,
    Statement,
    TimePrecision,
    TimeRef,
)

TEXT = (
    "Abu Ala al-Welayi told Tasnim News Agency that 47 fighters were killed near al-Akashat on Monday. The coalition denied it."
)
PUBLISHED = datetime(2017, 8, 9, 10, 30, tzinfo=UTC)


def report(text: str = TEXT, **kw: object) -> Report:
    kw.setdefault("published", PUBLISHED)
    kw.setdefault("outlet", "Example Wire")
    return make_report(text, title="Militia blames US", url="https://example.org/a", language="en", **kw)  # type: ignore[arg-type]


def span(r: Report, needle: str) -> Span:
    start = r.text.index(needle)
    return Span(report_id=r.id, start=start, end=start + len(needle), text=needle)


def full_analysis(r: Report | None = None) -> Analysis:
    r = r or report()
    speaker = ActorMention(
        id=f"{r.id}:ac:0-20",
        span=span(r, "Abu Ala al-Welayi"),
        name="Abu Ala al-Welayi",
        actor_id="kss:welayi",
        kind="PERSON",
        sector=Sector.MILITIA,
        role="secretary-general of K.S.S.",
    )
    coalition = ActorMention(id=f"{r.id}:ac:c", span=span(r, "The coalition"), name="US-led coalition", sector=Sector.MILITARY)
    place = Place(
        id=f"{r.id}:pl:1",
        span=span(r, "al-Akashat"),
        name="Akashat",
        lat=33.8,
        lon=40.6,
        precision=PlacePrecision.TOWN,
        country_code="IQ",
        admin1="Anbar",
        gazetteer_id="curated:akashat",
    )
    time = TimeRef(
        id=f"{r.id}:tm:1",
        span=span(r, "on Monday"),
        expression="on Monday",
        start=datetime(2017, 8, 7, tzinfo=UTC),
        end=datetime(2017, 8, 8, tzinfo=UTC),
        precision=TimePrecision.DAY,
        anchor=PUBLISHED,
    )
    statement = Statement(
        id=f"{r.id}:st:1",
        speaker=speaker.span,
        speaker_name="Abu Ala al-Welayi",
        speaker_actor_id="kss",
        speaker_role="secretary-general",
        speaker_affiliation="Kata'ib Sayyid al-Shuhada",
        cue=span(r, "told"),
        channel=Channel(
            kind=ChannelKind.INTERVIEW, outlet="Tasnim News Agency", outlet_actor_id="tasnim", span=span(r, "Tasnim")
        ),
        content=(span(r, "47 fighters were killed"), span(r, "near al-Akashat on Monday")),
        direct=False,
        stance=Stance.ACCUSE,
        stance_target="United States",
        confidence=0.8731,
    )
    event = Event(
        id=f"{r.id}:ev:1",
        trigger=span(r, "killed"),
        plover_type="ASSAULT",
        plover_mode="aerial",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        actor=coalition,
        target=speaker,
        places=(place,),
        time=time,
        killed=Casualties(min=47, max=47, span=span(r, "47")),
        wounded=Casualties(min=None, max=None),
        named_victims=(NamedVictim(name="Hossein Qomi", role="IRGC commander", span=span(r, "fighters")),),
        modality=Modality.ALLEGED,
        statement_id=statement.id,
    )
    return Analysis(
        report=r,
        actors=(speaker, coalition),
        statements=(statement,),
        events=(event,),
        places=(place,),
        times=(time,),
        pipeline_version="1+test",
    )


def full_incident(analysis: Analysis, incident_id: str = "inc-1") -> Incident:
    r = analysis.report
    event = analysis.events[0]
    return Incident(
        id=incident_id,
        title="Strike on K.S.S. near al-Akashat",
        plover_type="ASSAULT",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        place=analysis.places[0],
        time=analysis.times[0],
        country_code="IQ",
        events=(EventRef(report_id=r.id, event_id=event.id),),
        reports=(IncidentReport(id=r.id, url=r.url, outlet=r.outlet, independent=True),),
        accounts=(
            Account(
                source="Kata'ib Sayyid al-Shuhada",
                source_actor_id="kss",
                affiliation=(Affiliation(relation=Relation.PART_OF, actor_id="pmf", name="Popular Mobilization Forces"),),
                outlets=("Tasnim News Agency",),
                stance=AccountStance.ACCUSES,
                alleged_perpetrator="United States",
                killed=Range(min=47, max=47),
                wounded=Range(),
                place="al-Akashat",
                time=datetime(2017, 8, 7, tzinfo=UTC),
                method="smart rockets",
                statement_ids=(analysis.statements[0].id,),
                reports=(r.id,),
                evidence=(analysis.statements[0].content[0],),
            ),
            Account(source="US-led coalition", stance=AccountStance.DENIES, reports=(r.id,)),
        ),
        contradictions=(
            Contradiction(
                kind=ContradictionKind.ACCUSATION_VS_DENIAL,
                sides=(
                    ContradictionSide(sources=("K.S.S.",), claim="US strike", evidence=(analysis.statements[0].content[0],)),
                    ContradictionSide(sources=("US-led coalition",), claim="no coalition strike"),
                ),
                summary="K.S.S. accuses the US; the coalition denies",
            ),
        ),
        grade=Grade.CONTESTED,
        grade_reasons=("accusation against denial",),
        killed=Range(min=36, max=47),
        wounded=Range(min=75, max=75),
    )
